//! Every rule's documentation is executable: its bad example must trigger the
//! rule, and its good example must be free of errors and of that rule.

use uihook_compiler::rules::Origin;
use uihook_compiler::{check, Options, RuleId, Severity};

/// The first fenced code block after `heading`.
fn block_after<'d>(doc: &'d str, heading: &str) -> &'d str {
    let rest = &doc[doc.find(heading).unwrap_or_else(|| panic!("no {heading}")) + heading.len()..];
    let open = rest.find("```").expect("a fenced block");
    let body = &rest[open..];
    let body = &body[body.find('\n').expect("fence line") + 1..];
    &body[..body.find("```").expect("closing fence")]
}

fn lint(src: &str) -> Vec<uihook_compiler::Diagnostic<uihook_compiler::Span>> {
    let options = Options {
        fragment: !src.trim_start().starts_with("<Page"),
        ..Options::default()
    };
    check(src, &options)
}

#[test]
fn bad_examples_trigger_their_rule_and_good_ones_do_not() {
    for &code in RuleId::ALL.iter().filter(|c| c.origin() == Origin::Markup) {
        let doc = code.explanation();
        let bad = block_after(doc, "## Example");
        let found: Vec<RuleId> = lint(bad).iter().map(|d| d.code).collect();
        assert!(
            found.contains(&code),
            "{}: bad example gives {found:?}",
            code.as_str()
        );
        let good = block_after(doc, "## Use instead");
        let diags = lint(good);
        assert!(
            diags
                .iter()
                .all(|d| d.code != code && d.severity != Severity::Error),
            "{}: good example gives {:?}",
            code.as_str(),
            diags.iter().map(|d| d.code).collect::<Vec<_>>()
        );
    }
}

/// `RuleId::is_syntax` is what `--fix` trusts to know a tree is a guess: it
/// must name every rule the parser raises, and only those (the bad examples
/// raise every markup rule, so they find every code the parser uses).
#[test]
fn is_syntax_names_exactly_the_parser_rules() {
    let mut from_parser = std::collections::BTreeSet::new();
    for &code in RuleId::ALL.iter().filter(|c| c.origin() == Origin::Markup) {
        for block in ["## Example", "## Use instead"] {
            let parsed = uihook_compiler::parse(block_after(code.explanation(), block));
            from_parser.extend(
                parsed
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .map(|d| d.code),
            );
        }
    }
    let marked: std::collections::BTreeSet<RuleId> = RuleId::ALL
        .iter()
        .copied()
        .filter(|c| c.is_syntax() && c.origin() == Origin::Markup)
        .collect();
    assert_eq!(from_parser, marked);
    assert!(RuleId::JsSyntaxError.is_syntax());
}
