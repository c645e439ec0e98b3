//! Every fix repairs its diagnostic: applied to the source, the diagnostic
//! is gone, nothing new is wrong, and the text is exactly what we meant.

use uihook_compiler::fix::apply_edits;
use uihook_compiler::{analyze, Applicability, Diagnostic, RuleId, Settings, Severity, Span};

/// Applies the only fix of the only diagnostic with `code` and returns the
/// fixed text, checking that the fixed text no longer has that diagnostic
/// and no error it did not have.
fn fix_once(src: &str, code: RuleId, applicability: Applicability) -> String {
    let settings = Settings::default();
    let before = analyze(src, &settings).diagnostics;
    let with: Vec<&Diagnostic<Span>> = before.iter().filter(|d| d.code == code).collect();
    assert_eq!(with.len(), 1, "{src}: {before:?}");
    let fixes = &with[0].fixes;
    assert_eq!(fixes.len(), 1, "{src}: {fixes:?}");
    assert_eq!(fixes[0].applicability, applicability, "{src}");
    let edits: Vec<_> = fixes[0].edits.iter().collect();
    let fixed = apply_edits(src, &edits).expect("edits apply");
    let after = analyze(&fixed, &settings).diagnostics;
    assert!(
        after.iter().all(|d| d.code != code),
        "{fixed}: still {code:?}"
    );
    let errors =
        |ds: &[Diagnostic<Span>]| ds.iter().filter(|d| d.severity == Severity::Error).count();
    assert!(
        errors(&after) <= errors(&before) - usize::from(with[0].severity == Severity::Error),
        "{fixed}: new errors {after:?}"
    );
    fixed
}

fn no_fix(src: &str, code: RuleId) {
    let ds = analyze(src, &Settings::default()).diagnostics;
    let d = ds.iter().find(|d| d.code == code).expect("the diagnostic");
    assert!(d.fixes.is_empty(), "{src}: {:?}", d.fixes);
}

#[test]
fn legacy_flags_become_type() {
    use Applicability::*;
    let page = |b: &str| format!("<Page><Button {b}>Go</Button></Page>");
    let cases = [
        ("secondary", "type=\"secondary\"", Safe),
        ("warning=\"true\"", "type=\"warning\"", Safe),
        ("secondary={true}", "type=\"secondary\"", Safe),
        ("abort", "type=\"error\"", Unsafe),
        ("highlight", "type=\"success\"", Unsafe),
    ];
    for (from, to, applicability) in cases {
        assert_eq!(
            fix_once(&page(from), RuleId::LegacyAttribute, applicability),
            page(to)
        );
    }
    // Turned off, or colliding with a `type` already there: no fix.
    no_fix(&page("secondary=\"false\""), RuleId::LegacyAttribute);
    no_fix(&page("type=\"ghost\" secondary"), RuleId::LegacyAttribute);
}

#[test]
fn kebab_case_properties_become_camel_case() {
    assert_eq!(
        fix_once(
            "<Page><Box margin-top=\"4px\">x</Box></Page>",
            RuleId::KebabCaseCssProperty,
            Applicability::Safe
        ),
        "<Page><Box marginTop=\"4px\">x</Box></Page>"
    );
    no_fix(
        "<Page><Box marginTop=\"1px\" margin-top=\"4px\">x</Box></Page>",
        RuleId::KebabCaseCssProperty,
    );
}

#[test]
fn unused_suppressions_are_deleted() {
    let src =
        "<Page>\n  {/* uihook-disable-next-line unknown-component */}\n  <Box>ok</Box>\n</Page>";
    assert_eq!(
        fix_once(src, RuleId::UnusedSuppression, Applicability::Safe),
        "<Page>\n  <Box>ok</Box>\n</Page>"
    );
    // Sharing its line with markup, only the comment goes.
    let shared = "<Page><Box>ok</Box> {/* uihook-disable-next-line fragment */}\n</Page>";
    assert_eq!(
        fix_once(shared, RuleId::UnusedSuppression, Applicability::Safe),
        "<Page><Box>ok</Box> \n</Page>"
    );
    // One code of two still needed: the comment stays for the author.
    let partly =
        "<Page>\n  {/* uihook-disable-next-line unknown-component, fragment */}\n  <Foo/>\n</Page>";
    no_fix(partly, RuleId::UnusedSuppression);
}

#[test]
fn boolean_strings_get_a_word_that_stays_a_string() {
    assert_eq!(
        fix_once(
            "<Page><Input name=\"a\" value=\"true\"/></Page>",
            RuleId::BooleanStringCoerced,
            Applicability::Unsafe
        ),
        "<Page><Input name=\"a\" value=\"yes\"/></Page>"
    );
    assert_eq!(
        fix_once(
            "<Page><Input name=\"a\" value={'false'}/></Page>",
            RuleId::BooleanStringCoerced,
            Applicability::Unsafe
        ),
        "<Page><Input name=\"a\" value={\"no\"}/></Page>"
    );
}

#[test]
fn did_you_mean_fixes_are_unsafe() {
    assert_eq!(
        fix_once(
            "<Page><Buton>Go</Buton></Page>",
            RuleId::UnknownComponent,
            Applicability::Unsafe
        ),
        "<Page><Button>Go</Button></Page>"
    );
    assert_eq!(
        fix_once(
            "<Page><Link hre=\"/a\">a</Link></Page>",
            RuleId::UnknownAttribute,
            Applicability::Unsafe
        ),
        "<Page><Link href=\"/a\">a</Link></Page>"
    );
    assert_eq!(
        fix_once(
            "<Page><Box marginTp=\"1px\">a</Box></Page>",
            RuleId::UnknownCssProperty,
            Applicability::Unsafe
        ),
        "<Page><Box marginTop=\"1px\">a</Box></Page>"
    );
    assert_eq!(
        fix_once(
            "<Page><Notice type='eror'>a</Notice></Page>",
            RuleId::InvalidEnumValue,
            Applicability::Unsafe
        ),
        "<Page><Notice type='error'>a</Notice></Page>"
    );
}

#[test]
fn community_guesses_warn_and_can_be_removed() {
    let src = "<Page><Button style=\"color: red\">Go</Button><P width=\"10\">t</P></Page>";
    let ds = analyze(src, &Settings::default()).diagnostics;
    let codes: Vec<(RuleId, Severity)> = ds.iter().map(|d| (d.code, d.severity)).collect();
    assert_eq!(
        codes,
        [
            (RuleId::CommunityAttribute, Severity::Warning),
            (RuleId::CommunityAttribute, Severity::Warning)
        ]
    );
    let one = "<Page><Fieldset display=\"flex\"><FsContent>a</FsContent></Fieldset></Page>";
    assert_eq!(
        fix_once(one, RuleId::CommunityAttribute, Applicability::Unsafe),
        "<Page><Fieldset ><FsContent>a</FsContent></Fieldset></Page>"
    );
}

/// The text a reader sees: every text run and string child, in order.
fn visible_text(src: &str) -> Vec<String> {
    fn walk(nodes: &[uihook_compiler::Node<'_, Span>], out: &mut Vec<String>) {
        use uihook_compiler::ast::{ExprValue, Literal};
        use uihook_compiler::Node;
        for node in nodes {
            match node {
                Node::Element(e) => walk(&e.children, out),
                Node::Text(t) => out.push(t.value.to_string()),
                Node::Expr(e) => match &e.value {
                    ExprValue::Literal(Literal::Str(s)) => out.push(s.to_string()),
                    ExprValue::Element(e) => walk(&e.children, out),
                    _ => {}
                },
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&uihook_compiler::parse(src).document.nodes, &mut out);
    out
}

/// `--fix` over every bundled example: safe fixes never change the text
/// the host shows (blank runs aside: removing a suppression comment's line
/// merges the blanks around it), and the fixed file has no new error.
#[test]
fn safe_fixes_keep_the_visible_text_of_every_example() {
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples"));
    let settings = Settings::default();
    let analyzed = |text: &str| analyze(text, &settings).diagnostics;
    let mut fixed_files = 0;
    for sub in ["valid", "invalid"] {
        for entry in std::fs::read_dir(dir.join(sub)).expect("examples") {
            let path = entry.expect("entry").path();
            if path.extension().is_none_or(|e| e != "uihook") {
                continue;
            }
            let src = std::fs::read_to_string(&path).expect("readable");
            let out = uihook_compiler::fix_all(&src, analyzed(&src), Applicability::Safe, analyzed);
            if !out.changed() {
                continue;
            }
            fixed_files += 1;
            let words = |t: &str| {
                visible_text(t)
                    .iter()
                    .flat_map(|s| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
                    .collect::<Vec<_>>()
            };
            assert_eq!(words(&src), words(&out.text), "{}", path.display());
            assert_eq!(out.refused, None, "{}", path.display());
        }
    }
    assert!(
        fixed_files >= 3,
        "only {fixed_files} examples had safe fixes"
    );
}
