use uihook::uihook;

fn main() {
    let _ = uihook! { <Button onClick="alert(1)">Go</Button> };
}
