// uihook.toml: [rules] legacy-attribute = "off"
use uihook::uihook;

fn main() {
    #![deny(deprecated)]
    let page = uihook! { <Page><Button secondary>Go</Button></Page> };
    assert_eq!(page.into_string(), "<Page><Button secondary>Go</Button></Page>");
}
