use uihook::uihook;

fn main() {
    let small = "yes";
    let _ = uihook! { <Button small={small}>Go</Button> };
}
