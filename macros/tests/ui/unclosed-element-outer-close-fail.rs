use uihook::uihook;

fn main() {
    let _ = uihook! { <Page><P>Hello</Page> };
}
