use uihook::uihook;

fn main() {
    #![deny(deprecated)]
    let _ = uihook! { <Button secondary>Go</Button> };
}
