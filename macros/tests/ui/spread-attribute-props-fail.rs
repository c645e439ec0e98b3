use uihook::uihook;

fn main() {
    let _ = uihook! { <P {...props}>x</P> };
}
