use uihook::uihook;

fn main() {
    let _ = uihook! { <Link href="https://example.com" targe="_blank">x</Link> };
}
