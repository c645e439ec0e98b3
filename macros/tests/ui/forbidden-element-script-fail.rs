use uihook::uihook;

fn main() {
    let _ = uihook! { <Box><script>alert(1)</script></Box> };
}
