//! Unit tests of the expansion, calling `expand` on tokens parsed from text
//! (so spans carry real lines and columns).

use super::expand;

fn expand_str(src: &str) -> String {
    let tokens: proc_macro2::TokenStream = src.parse().expect("tokens");
    expand(tokens).to_string()
}

#[test]
fn static_markup_is_one_literal() {
    let out = expand_str(
        "<Page>\n  <P>Counter: 3</P>\n  <Button action=\"submit\">Count me</Button>\n</Page>",
    );
    assert!(
        out.contains(
            "\"<Page><P>Counter: 3</P><Button action=\\\"submit\\\">Count me</Button></Page>\""
        ),
        "{out}"
    );
    assert!(!out.contains("compile_error"), "{out}");
}

#[test]
fn spacing_around_interpolations_is_kept() {
    let out = expand_str("<P>Counter: {count} items</P>");
    assert!(out.contains("\"<P>Counter: \""), "{out}");
    assert!(out.contains("\" items</P>\""), "{out}");
}

#[test]
fn unknown_component_is_an_error() {
    let out = expand_str("<Page><Buton/></Page>");
    assert!(out.contains("compile_error"), "{out}");
    assert!(out.contains("did you mean `Button`"), "{out}");
}

#[test]
fn one_space_between_interpolations() {
    let out = expand_str("<P>{a} {b}</P>");
    assert!(out.contains("push_str (\" \")"), "{out}");
}

/// Expansion time must grow linearly with the template: time 500 and 2000
/// elements (run with `--nocapture` to see the numbers).
#[test]
fn expansion_is_linear() {
    fn template(sections: usize) -> String {
        let mut s = String::from("<Page>");
        for i in 0..sections {
            s.push_str(&format!(
                "<Box padding=\"4px\"><H2>Section {i}</H2><P>Value: {{v}} and \"q\"</P><BR /></Box>\n"
            ));
        }
        s.push_str("</Page>");
        s
    }
    let time = |sections: usize| {
        let src = template(sections);
        let start = std::time::Instant::now();
        let out = expand_str(&src);
        assert!(!out.contains("compile_error"));
        start.elapsed()
    };
    time(125);
    let small = time(125);
    let large = time(500);
    println!("expand: 500 elements {small:?}, 2000 elements {large:?}");
    // Four times the input; allow generous noise on a shared machine.
    assert!(large < small * 12 + std::time::Duration::from_millis(50));
}
