use uihook::uihook;

fn main() {
    #![deny(deprecated)]
    let _ = uihook! { <Box font-size="14px">x</Box> };
}
