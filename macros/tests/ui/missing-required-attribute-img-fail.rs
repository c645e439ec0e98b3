use uihook::uihook;

fn main() {
    let _ = uihook! { <Img width="64" /> };
}
