// uihook.toml: extra-components = ["Chart"]
use uihook::uihook;

fn main() {
    #![deny(deprecated)]
    let page = uihook! { <Page><Chart kind="bar" /></Page> };
    assert_eq!(page.into_string(), r#"<Page><Chart kind="bar" /></Page>"#);
}
