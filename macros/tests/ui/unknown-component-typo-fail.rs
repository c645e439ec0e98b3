use uihook::uihook;

fn main() {
    let _ = uihook! { <Page><Buton action="go">Go</Buton></Page> };
}
