use uihook::uihook;

fn main() {
    let _ = uihook! { <P>Don't panic</P> };
}
