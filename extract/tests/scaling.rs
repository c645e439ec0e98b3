//! Hostile JS/TS sources at two sizes, n and 4n: extraction and linting
//! must do at most about four times the work for four times the input.
//! Work is what `uihook_compiler::work` counts with its `work-count`
//! feature (the dev-dependency turns it on) in the compiler's and this
//! crate's loops; the JS parser's own work is not counted, and nothing is
//! timed.

use std::fmt::Write as _;
use std::path::Path;

use uihook_compiler::work;
use uihook_extract::{lint, Settings};

/// The largest growth allowed for four times the input.
const MAX_RATIO: f64 = 4.5;

/// A template whose every element has interpolated attribute values and
/// children: each is looked up among all the template's placeholders.
fn slots(n: usize) -> String {
    let mut s = String::from("const page = htm`<Page>\n");
    for i in 0..n {
        let _ = writeln!(
            s,
            "<Box a{i:07}=${{v}} title=\"x ${{w}} y\" width=${{x}}px>${{c}}</Box>"
        );
    }
    s.push_str("</Page>`;\n");
    s
}

/// n findings in one template, and n `// uihook-disable-next-line`
/// comments before other templates.
fn suppressions(n: usize) -> String {
    let mut s = String::from("const page = htm`<Page>\n");
    for _ in 0..n {
        s.push_str("<Buton/>\n");
    }
    s.push_str("</Page>`;\n");
    for i in 0..n {
        let _ = writeln!(s, "// uihook-disable-next-line unknown-component, x{i}");
        s.push_str("const a = htm`<Buton/>`;\n");
    }
    s
}

/// n suppression comments on one line, before a template with a finding.
fn comments_on_one_line(n: usize) -> String {
    let mut s = String::from("const a = 1;");
    for _ in 0..n {
        s.push_str(" /* uihook-disable-next-line fragment */");
    }
    s.push_str("\nconst page = htm`<Buton/>`;\n");
    s
}

/// One template of escapes: the scanner emits every character through the
/// runs of the decoded text.
fn escapes(n: usize) -> String {
    format!(
        "const page = htm`<Page><P>{}</P><Buton/></Page>`;\n",
        "a\\tb\\u00e9 ".repeat(n)
    )
}

/// A long `+` chain that is not markup (each node of it used to be
/// flattened again), ending in a group that is.
fn concatenation(n: usize) -> String {
    let mut s = String::from("const text = 'Hello'");
    for i in 0..n {
        let _ = write!(s, " + 'part {i:07}' + value{i}");
    }
    s.push_str(" + ('<Box>' + '<Buton/>' + '</Box>');\n");
    s
}

/// Conditionals nested n deep, choosing markup strings.
fn conditionals(n: usize) -> String {
    let mut expr = String::from("'<P>x</P>'");
    for i in 0..n {
        expr = format!("c{i} ? ({expr}) : ''");
    }
    format!("const page = htm`<Page>${{{expr}}}<Buton/></Page>`;\n")
}

/// Template literals nested n deep.
fn nested_templates(n: usize) -> String {
    let mut expr = String::from("`x`");
    for _ in 0..n {
        expr = format!("`<P>a ${{{expr}}} b</P>`");
    }
    format!("const page = `<Page>${{{expr}}}<Buton/></Page>`;\n")
}

/// n templates.
fn templates(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let _ = writeln!(s, "const t{i} = htm`<P a=\"1\" a=\"2\">${{x}}</P>`;");
    }
    s
}

#[test]
fn extraction_scales_linearly() {
    assert!(
        work::enabled(),
        "the scaling test needs uihook-compiler's `work-count` feature"
    );
    // Name, source of a size, n, and findings expected at 4n at least.
    type Shape = (&'static str, fn(usize) -> String, usize, usize);
    let shapes: &[Shape] = &[
        ("interpolated attributes", slots, 300, 0),
        ("suppression comments", suppressions, 300, 1_200),
        ("comments on one line", comments_on_one_line, 1_000, 1),
        ("escapes", escapes, 1_000, 1),
        ("concatenation", concatenation, 300, 1),
        ("nested conditionals", conditionals, 20, 1),
        ("nested template literals", nested_templates, 20, 1),
        ("templates", templates, 300, 1_200),
    ];
    let settings = Settings::default();
    let mut failures = Vec::new();
    for &(name, build, n, min_findings) in shapes {
        let cost = |size: usize| {
            let source = build(size);
            work::take();
            let report = lint(&source, Path::new("hostile.js"), &settings);
            (work::take(), report.diagnostics.len())
        };
        let (a, findings_n) = cost(n);
        let (b, findings_4n) = cost(4 * n);
        assert!(a > 0, "{name}: nothing was counted");
        let ratio = b as f64 / a as f64;
        println!("{name:<26} n={n:<5} work {a:>9} -> {b:>9} ({ratio:.2}x)  findings {findings_n} -> {findings_4n}");
        if ratio > MAX_RATIO {
            failures.push(format!("{name}: work grew {ratio:.2}x"));
        }
        if findings_4n < min_findings {
            failures.push(format!(
                "{name}: expected at least {min_findings} findings at 4n, got {findings_4n}"
            ));
        }
        let grew = findings_4n as f64 / findings_n.max(1) as f64;
        if grew > MAX_RATIO {
            failures.push(format!("{name}: findings grew {grew:.2}x"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
