use uihook::uihook;

fn main() {
    let _ = uihook! { <BR>text</BR> };
}
