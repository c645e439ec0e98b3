//! Layout examples; that formatting never changes the expansion is tested
//! in the macro crate, which can expand.

use super::{format_source, Options};

fn fmt(src: &str) -> String {
    fmt_width(src, 100)
}

fn fmt_width(src: &str, max_width: usize) -> String {
    match format_source(src, &Options { max_width }) {
        Ok(f) => {
            assert!(f.skipped.is_empty(), "{:?}", f.skipped);
            // Idempotent.
            let again = format_source(&f.text, &Options { max_width }).map(|g| g.text);
            assert_eq!(
                again.as_deref().ok(),
                Some(f.text.as_str()),
                "not idempotent"
            );
            f.text
        }
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn reindents_children_and_keeps_everything_else() {
    let src = "fn f() -> Markup {\n  let x  =  1 ;\n    uihook! {\n  <Page>\n <P>Counter:  {x}</P>\n        <Button   action = \"reset\" >Reset</Button>\n</Page>\n    }\n}\n";
    assert_eq!(
        fmt(src),
        "fn f() -> Markup {\n  let x  =  1 ;\n    uihook! {\n        <Page>\n            <P>Counter:  {x}</P>\n            <Button action=\"reset\">Reset</Button>\n        </Page>\n    }\n}\n"
    );
}

#[test]
fn one_attribute_per_line_past_the_width() {
    let src = "fn f() {\n    uihook! {\n        <Input name=\"email\" label=\"Your e-mail address\" value={email} errored/>\n    }\n}\n";
    assert_eq!(
        fmt_width(src, 60),
        "fn f() {\n    uihook! {\n        <Input\n            name=\"email\"\n            label=\"Your e-mail address\"\n            value={email}\n            errored\n        />\n    }\n}\n"
    );
    // And back on one line when it fits.
    let broken = fmt_width(src, 60);
    assert_eq!(
        fmt(&broken),
        "fn f() {\n    uihook! {\n        <Input name=\"email\" label=\"Your e-mail address\" value={email} errored />\n    }\n}\n"
    );
}

#[test]
fn keeps_comments_and_one_blank_line() {
    let src = "fn f() {\n    uihook! {\n        <Page> // the page\n\n\n   // a note\n   <P>a</P>\n  /* block */ <P>b</P>\n        </Page>\n    }\n}\n";
    assert_eq!(
        fmt(src),
        "fn f() {\n    uihook! {\n        <Page> // the page\n\n            // a note\n            <P>a</P>\n            /* block */ <P>b</P>\n        </Page>\n    }\n}\n"
    );
}

#[test]
fn expressions_move_with_their_line_and_nested_bodies_are_formatted() {
    let src = "fn f() {\n    uihook! {\n      <UL>\n      {items.iter().map(|x| uihook! {\n      <LI>{x}</LI>\n      })}\n      </UL>\n    }\n}\n";
    assert_eq!(
        fmt(src),
        "fn f() {\n    uihook! {\n        <UL>\n            {items.iter().map(|x| uihook! {\n                <LI>{x}</LI>\n            })}\n        </UL>\n    }\n}\n"
    );
}

#[test]
fn one_line_bodies_and_other_macros_stay() {
    let src = "fn f() { let a = vec![1,2]; let m = uihook!(<LI>{x}</LI>); assert_eq!(a ,  b); }\n// uihook! { <P>in a comment</P> }\nconst S: &str = \"uihook! {   <P>x</P> }\";\n";
    assert_eq!(fmt(src), src);
}

#[test]
fn text_on_one_line_is_never_touched() {
    let src = "fn f() {\n    uihook! {\n        <P>  two  spaces  {a}  and  \"quoted  text\"  </P>\n    }\n}\n";
    assert_eq!(fmt(src), src);
}

#[test]
fn broken_bodies_are_left_alone_and_reported() {
    let src = "fn f() {\n    uihook! {\n  <Page>\n  <P>x</Box>\n  </Page>\n    }\n}\n";
    let f = format_source(src, &Options::default()).map_err(|e| e.to_string());
    let f = match f {
        Ok(f) => f,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(f.text, src);
    assert_eq!(f.skipped.len(), 1);
    assert_eq!(f.skipped[0].line, 2);
    assert_eq!(f.skipped[0].reason, "`<P>` is closed by another tag");
}

#[test]
fn not_rust_is_an_error_with_its_position() {
    let e = format_source("fn f() {\n    \"unterminated\n", &Options::default());
    assert!(e.is_err());
    let e = format_source("fn f() { )\n", &Options::default()).map(|_| ());
    assert!(e.is_err());
}

#[test]
fn deep_nesting_is_left_alone_without_exhausting_the_stack() {
    let deep = 20_000;
    let src = format!("fn f() {{ {}x{} }}\n", "(".repeat(deep), ")".repeat(deep));
    let f = format_source(&src, &Options::default())
        .map(|f| f.text)
        .ok();
    assert_eq!(f.as_deref(), Some(src.as_str()));

    let markup = format!(
        "fn f() {{\n    uihook! {{\n{}{}\n    }}\n}}\n",
        "<Box>".repeat(deep),
        "</Box>".repeat(deep)
    );
    let f = match format_source(&markup, &Options::default()) {
        Ok(f) => f,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(f.text, markup);
    assert_eq!(
        f.skipped[0].reason,
        "its markup is nested more than 256 deep"
    );
}

#[test]
fn crlf_files_keep_crlf() {
    let src =
        "fn f() {\r\n    uihook! {\r\n  <Page> // c\r\n <P>hi</P>\r\n  </Page>\r\n    }\r\n}\r\n";
    assert_eq!(
        fmt(src),
        "fn f() {\r\n    uihook! {\r\n        <Page> // c\r\n            <P>hi</P>\r\n        </Page>\r\n    }\r\n}\r\n"
    );
}

#[test]
fn a_body_ending_inside_a_close_tag_is_left_alone() {
    let src = "fn f() {\n    let _ = uihook! {<P></};\n}\n";
    let f = match format_source(src, &Options::default()) {
        Ok(f) => f,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(f.text, src);
    assert_eq!(f.skipped[0].reason, "`<P>` is closed by another tag");
}
