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
