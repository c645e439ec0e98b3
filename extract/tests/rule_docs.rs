//! Every extraction rule's documentation is executable: the code block
//! under "## Example" raises the rule, and the one under "## Use instead"
//! does not.

use std::path::Path;

use uihook_compiler::rules::Origin;
use uihook_compiler::RuleId;
use uihook_extract::{lint, Settings};

/// The first fenced code block after `heading`.
fn block<'d>(doc: &'d str, heading: &str) -> &'d str {
    let after = doc
        .split_once(heading)
        .unwrap_or_else(|| panic!("no `{heading}`"))
        .1;
    let start = after.find("```").expect("a code block");
    let body = &after[start..];
    let body = &body[body.find('\n').expect("fence line") + 1..];
    &body[..body.find("```").expect("closing fence")]
}

fn raises(code: RuleId, source: &str) -> bool {
    lint(source, Path::new("example.js"), &Settings::default())
        .diagnostics
        .iter()
        .any(|d| d.code == code)
}

#[test]
fn examples_raise_their_rule_and_fixes_do_not() {
    for &code in RuleId::ALL.iter().filter(|r| r.origin() == Origin::Extract) {
        let doc = code.explanation();
        let bad = block(doc, "## Example");
        let good = block(doc, "## Use instead");
        assert!(
            raises(code, bad),
            "{}: the example is not reported:\n{bad}",
            code.as_str()
        );
        assert!(
            !raises(code, good),
            "{}: the fix is reported:\n{good}",
            code.as_str()
        );
    }
}
