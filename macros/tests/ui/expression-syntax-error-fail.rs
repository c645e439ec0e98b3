use uihook::uihook;

fn main() {
    let _ = uihook! { <P>{1 +}</P> };
}
