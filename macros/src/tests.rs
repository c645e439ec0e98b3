//! Unit tests of the expansion, calling `expand` on tokens parsed from text
//! (so spans carry real lines and columns).

use super::expand;
use crate::project::Project;

fn expand_str(src: &str) -> String {
    expand_with(src, &Project::none())
}

fn expand_with(src: &str, project: &Project) -> String {
    let tokens: proc_macro2::TokenStream = src.parse().expect("tokens");
    expand(tokens, project).to_string()
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

/// A project whose `uihook.toml` holds `toml`, in a fresh directory.
fn project(name: &str, toml: &str) -> (Project, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("uihook-macros-{}-{name}", std::process::id()));
    std::fs::create_dir_all(dir.join("crate")).expect("temp dir");
    std::fs::write(dir.join("uihook.toml"), toml).expect("write config");
    (Project::find(&dir.join("crate"), None), dir)
}

#[test]
fn extra_components_and_severities_come_from_uihook_toml() {
    let (p, dir) = project(
        "settings",
        "extra-components = [\"Chart\"]\n[rules]\nlegacy-attribute = \"error\"\n",
    );
    // Found from the crate's directory upward, and tracked by the expansion.
    let out = expand_with("<Chart />", &p);
    assert!(!out.contains("compile_error"), "{out}");
    let file = dir.join("uihook.toml");
    assert!(
        out.contains(&format!(
            "include_bytes ! ({:?})",
            file.display().to_string()
        )),
        "{out}"
    );
    let out = expand_with("<Button secondary>Go</Button>", &p);
    assert!(out.contains("compile_error"), "{out}");
    assert!(out.contains("legacy-attribute"), "{out}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_rule_turned_off_is_silent() {
    let (p, dir) = project("off", "[rules]\nlegacy-attribute = \"off\"\n");
    let out = expand_with("<Button secondary>Go</Button>", &p);
    assert!(!out.contains("legacy_attribute"), "{out}");
    assert!(!out.contains("deprecated"), "{out}");
    // Without the file, the same markup warns.
    let out = expand_str("<Button secondary>Go</Button>");
    assert!(out.contains("legacy_attribute_0"), "{out}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_broken_config_is_an_error_naming_file_line_and_key() {
    let (p, dir) = project("broken", "[rules]\nlegacy-atribute = \"off\"\n");
    let out = expand_with("<P>hi</P>", &p);
    assert!(out.contains("compile_error"), "{out}");
    assert!(
        out.contains("uihook.toml:2:1: unknown rule `legacy-atribute` in [rules] (did you mean `legacy-attribute`?)"),
        "{out}"
    );
    // Still tracked, so that fixing it rebuilds.
    assert!(out.contains("include_bytes"), "{out}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn allow_suppresses_in_its_invocation_and_reports_unused_codes() {
    let out = expand_str("#![allow(legacy_attribute)] <Button secondary>Go</Button>");
    assert!(!out.contains("legacy_attribute_"), "{out}");
    assert!(!out.contains("unused_suppression"), "{out}");
    // Kebab-case codes work too.
    let out = expand_str("#![allow(legacy-attribute)] <Button secondary>Go</Button>");
    assert!(!out.contains("deprecated"), "{out}");
    // An allow that suppresses nothing, and a name that is no rule.
    let out = expand_str("#![allow(legacy_attribute, legacy_atribute)] <P>hi</P>");
    assert!(out.contains("unused_suppression_0"), "{out}");
    assert!(
        out.contains("but the markup has no `legacy-attribute`"),
        "{out}"
    );
    assert!(out.contains("did you mean `legacy_attribute`?"), "{out}");
    // Errors can be allowed too, as `uihook-disable` allows them.
    let out = expand_str("#![allow(unknown_component)] <Chart />");
    assert!(!out.contains("compile_error"), "{out}");
    // Anything but `allow` is an error.
    let out = expand_str("#![deny(legacy_attribute)] <P>hi</P>");
    assert!(
        out.contains("takes only `allow` attributes, not `deny`"),
        "{out}"
    );
}

#[test]
fn a_nested_allow_covers_only_its_body() {
    let src = "<UL>\n{xs.iter().map(|x| uihook! { #![allow(legacy_attribute)]\n <LI><Button secondary>{x}</Button></LI> })}\n</UL>\n<Button secondary>Top</Button>";
    let out = expand_with(src, &Project::none());
    assert_eq!(out.matches("legacy_attribute_").count(), 2, "{out}");
}

#[test]
fn the_macro_and_the_linter_agree_under_one_config() {
    let (p, dir) = project(
        "agree",
        "extra-components = [\"Chart\"]\n[extra-attributes]\nBox = [\"data-testid\"]\n[rules]\nkebab-case-css-property = \"error\"\nlegacy-attribute = \"off\"\n",
    );
    let config = uihook_config::Config::load(&dir.join("uihook.toml")).map_err(|e| e.to_string());
    let config = match config {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    };
    for (markup, codes) in [
        ("<Page><Chart /><Box data-testid=\"x\" /></Page>", &[][..]),
        ("<Page><Button secondary>Go</Button></Page>", &[][..]),
        (
            "<Page><Box font-size=\"1px\" /></Page>",
            &["kebab-case-css-property"][..],
        ),
        ("<Page><Chrt /></Page>", &["unknown-component"][..]),
    ] {
        let lint: Vec<&str> = uihook_compiler::analyze(markup, &config.settings)
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert_eq!(lint, codes, "uihook lint on {markup}");
        let out = expand_with(markup, &p);
        let expanded: Vec<&str> = out
            .match_indices("uihook rule `")
            .filter_map(|(i, m)| out[i + m.len()..].split('`').next())
            .collect();
        assert_eq!(expanded, codes, "uihook! on {markup}: {out}");
        // Errors stay errors: `compile_error!` exactly when the linter has one.
        assert_eq!(out.contains("compile_error"), !codes.is_empty(), "{out}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_missing_uihook_config_file_is_an_error() {
    let dir = std::env::temp_dir().join(format!("uihook-macros-{}-missing", std::process::id()));
    let p = Project::find(&dir, Some(&dir.join("nope.toml")));
    let out = expand_with("<P>hi</P>", &p);
    assert!(out.contains("nope.toml: cannot read:"), "{out}");
    // Nothing to track: the file does not exist.
    assert!(!out.contains("include_bytes"), "{out}");
}
