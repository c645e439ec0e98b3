//! Fixes found in markup inside JS/TS sources are edits of the source file:
//! they land inside the template and never touch the JS around it.

use std::path::Path;

use uihook_compiler::fix::apply_edits;
use uihook_compiler::{Applicability, RuleId};
use uihook_extract::{lint, Settings};

fn fixed(source: &str, code: RuleId) -> Option<String> {
    let report = lint(source, Path::new("hook.js"), &Settings::default());
    let d = report.diagnostics.iter().find(|d| d.code == code)?;
    let fix = d.fixes.first()?;
    assert_eq!(fix.applicability, Applicability::Safe, "{fix:?}");
    apply_edits(source, &fix.edits.iter().collect::<Vec<_>>())
}

#[test]
fn markup_fixes_map_back_into_the_template() {
    let src = "const p = htm`<Page><Button secondary>Go</Button><P>${name}</P></Page>`;\n";
    assert_eq!(
        fixed(src, RuleId::LegacyAttribute).as_deref(),
        Some("const p = htm`<Page><Button type=\"secondary\">Go</Button><P>${name}</P></Page>`;\n")
    );
    // In a single-quoted plain string the `"` of the fix would need a JS
    // escape, so no fix is offered there.
    let plain = "const p = '<Page><Button secondary>Go</Button></Page>';\n";
    assert_eq!(fixed(plain, RuleId::LegacyAttribute), None);
    let report = lint(plain, Path::new("hook.js"), &Settings::default());
    assert!(report
        .diagnostics
        .iter()
        .any(|d| d.code == RuleId::LegacyAttribute));
}

#[test]
fn entities_in_htm_become_characters() {
    let src = "htm`<Page><P>Terms &amp; conditions &mdash; &lt;b&gt;</P></Page>`";
    let report = lint(src, Path::new("hook.js"), &Settings::default());
    let mut edits = Vec::new();
    for d in report
        .diagnostics
        .iter()
        .filter(|d| d.code == RuleId::HtmEntity)
    {
        edits.extend(d.fixes[0].edits.iter());
    }
    assert_eq!(
        apply_edits(src, &edits).as_deref(),
        Some("htm`<Page><P>Terms ${\"&\"} conditions — ${\"<\"}b${\">\"}</P></Page>`")
    );
}

#[test]
fn unused_js_suppressions_are_reported_and_deleted() {
    let src =
        "// uihook-disable-next-line unknown-component\nconst p = htm`<Page><P>ok</P></Page>`;\n";
    assert_eq!(
        fixed(src, RuleId::UnusedSuppression).as_deref(),
        Some("const p = htm`<Page><P>ok</P></Page>`;\n")
    );
    let used =
        "// uihook-disable-next-line unknown-component\nconst p = htm`<Page><Foo/></Page>`;\n";
    let report = lint(used, Path::new("hook.js"), &Settings::default());
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

#[test]
fn renaming_an_htm_element_edits_both_of_its_tags() {
    let src = "const p = htm`<Page><Buton>Go</Buton><Buton>x<//></Page>`;\n";
    let report = lint(src, Path::new("hook.js"), &Settings::default());
    let fixes: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == RuleId::UnknownComponent)
        .map(|d| d.fixes.first().map(|f| f.edits.len()))
        .collect();
    // The close tag written out is copied, so the rename reaches it; htm's
    // `<//>` names nothing, so there the rename of the open tag alone is
    // not offered (it would leave `<//>`, which is fine, but the compiler's
    // fix renames the close tag it generated there).
    assert_eq!(fixes, [Some(2), None]);
    let d = &report.diagnostics[0];
    let edits: Vec<_> = d.fixes[0].edits.iter().collect();
    assert_eq!(
        apply_edits(src, &edits).as_deref(),
        Some("const p = htm`<Page><Button>Go</Button><Buton>x<//></Page>`;\n")
    );
}
