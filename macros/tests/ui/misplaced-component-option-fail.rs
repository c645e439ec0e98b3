use uihook::uihook;

fn main() {
    #![deny(deprecated)]
    let _ = uihook! { <Box><Option value="a" caption="A" /></Box> };
}
