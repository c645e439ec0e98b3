use uihook::uihook;

fn main() {
    let _ = uihook! { <Link href="javascript:alert(1)">x</Link> };
}
