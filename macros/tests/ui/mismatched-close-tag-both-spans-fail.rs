use uihook::uihook;

fn main() {
    let _ = uihook! { <P>Hello</B> };
}
