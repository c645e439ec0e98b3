use uihook::uihook;

fn main() {
    #![deny(deprecated)]
    let _ = uihook! { <UL><P>not an item</P></UL> };
}
