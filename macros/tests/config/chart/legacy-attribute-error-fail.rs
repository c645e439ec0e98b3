// uihook.toml: [rules] legacy-attribute = "error"
use uihook::uihook;

fn main() {
    let _ = uihook! { <Page><Button secondary>Go</Button></Page> };
}
