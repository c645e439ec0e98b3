use uihook::uihook;

fn main() {
    let _ = uihook! { <Box><P>Hello</P> };
}
