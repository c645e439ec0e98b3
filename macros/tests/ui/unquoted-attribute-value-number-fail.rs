use uihook::uihook;

fn main() {
    let _ = uihook! { <Img src="/a.png" width=64 /> };
}
