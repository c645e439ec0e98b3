// uihook.toml names a rule that does not exist.
use uihook::uihook;

fn main() {
    let _ = uihook! { <Page><P>Hello</P></Page> };
}
