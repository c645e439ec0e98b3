use uihook::uihook;

fn main() {
    let _ = uihook! { <Button width="wide">Go</Button> };
}
