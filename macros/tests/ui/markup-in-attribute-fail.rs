use uihook::uihook;

fn main() {
    let title = uihook! { <B>x</B> };
    let _ = uihook! { <Img src="/a.png" title={title} /> };
}
