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

/// The expansion must grow linearly with the template: four times the
/// sections give four times the generated code, with no per-element nesting
/// (the deep generic types or recursion that make big templates slow to
/// compile). Checked on sizes, not times, so the test cannot flake on a busy
/// machine; `--nocapture` prints the times too.
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
    let expand = |sections: usize| {
        let src = template(sections);
        let start = std::time::Instant::now();
        let out = expand_str(&src);
        let elapsed = start.elapsed();
        assert!(!out.contains("compile_error"), "{out}");
        let braces = out.chars().filter(|&c| c == '{').count();
        (out.len(), braces, elapsed)
    };
    let (small, small_braces, small_time) = expand(125);
    let (large, large_braces, large_time) = expand(500);
    println!("expand: 500 elements {small_time:?}, 2000 elements {large_time:?}");
    // Section numbers grow by a digit, so allow a little over 4×.
    let ratio = large as f64 / small as f64;
    assert!(
        (3.9..4.2).contains(&ratio),
        "{small} → {large} bytes: {ratio}"
    );
    // Straight-line statements, no block per element or per value: the
    // number of braces does not depend on the template's size.
    assert_eq!(small_braces, large_braces, "blocks grow with the template");
}

#[test]
fn only_loop_bodies_use_the_inlined_escaper() {
    // Straight-line children keep the one-call escaper (compact code);
    // children inside a loop take the `_hot` form, whose scan is inlined.
    let out = expand_str("<UL><LI>{a}</LI>{xs.iter().map(|x| uihook! { <LI>{x}</LI> })}</UL>");
    assert_eq!(out.matches("__uihook_render_hot").count(), 1, "{out}");
    assert_eq!(out.matches("__uihook_render (").count(), 1, "{out}");
}
