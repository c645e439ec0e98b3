use uihook::uihook;

fn main() {
    // A warning by default; denied here so that the test fails.
    #![deny(deprecated)]
    let _ = uihook! { <Button action="a" action="b">Go</Button> };
}
