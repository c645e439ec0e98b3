//! The `uihook lint FILE` path at two sizes, n and 4n: linting (with
//! suppression comments) and writing every `--output-format` must do at
//! most about four times the work and print about four times the bytes.
//! Work is what `uihook_compiler::work` counts with its `work-count`
//! feature (a dev-dependency turns it on), in the compiler's loops and in
//! this crate's; nothing is timed.

use std::fmt::Write as _;

use clap::ValueEnum;
use uihook_compiler::work;

use crate::config::Config;
use crate::lint::{lint_script, lint_source, FileReport};
use crate::output::{self, Format, Style};

/// The largest growth allowed for four times the input.
const MAX_RATIO: f64 = 4.5;

/// One input: the files of a lint run, built for a size.
struct Shape {
    name: &'static str,
    build: fn(usize) -> Vec<(String, String)>,
    n: usize,
    /// Findings expected at 4n at least.
    min_findings: usize,
}

fn one(name: &str, text: String) -> Vec<(String, String)> {
    vec![(name.to_owned(), text)]
}

/// Unknown `Box` attributes, one per line.
fn attributes(n: usize) -> Vec<(String, String)> {
    let mut s = String::from("<Page><Box");
    for i in 0..n {
        let _ = write!(s, "\n a{i:07}=\"é\"");
    }
    s.push_str("/></Page>\n");
    one("attributes.uihook", s)
}

/// The same on one line, with non-ASCII values so that columns are
/// counted in characters.
fn attributes_one_line(n: usize) -> Vec<(String, String)> {
    let mut s = String::from("<Page><Box");
    for i in 0..n {
        let _ = write!(s, " a{i:07}=\"é\"");
    }
    s.push_str("/></Page>\n");
    one("one-line.uihook", s)
}

/// One attribute given n times: findings with a second label.
fn duplicates(n: usize) -> Vec<(String, String)> {
    let mut s = String::from("<Page><Box");
    for _ in 0..n {
        s.push_str("\n color=\"red\"");
    }
    s.push_str("/></Page>\n");
    one("duplicates.uihook", s)
}

/// A next-line suppression before every finding, and as many unused ones.
fn next_line(n: usize) -> Vec<(String, String)> {
    let mut s = String::from("<Page>");
    for i in 0..n {
        s.push_str("\n{/* uihook-disable-next-line unknown-component */}\n<Buton/>");
        if i % 2 == 0 {
            s.push_str("\n{/* uihook-disable-next-line fragment */}\n<P>x</P>");
        }
    }
    s.push_str("\n</Page>\n");
    one("next-line.uihook", s)
}

/// n nested disables, n findings inside them all, n enables; then n
/// disables of every rule that nothing follows.
fn ranges(n: usize) -> Vec<(String, String)> {
    let mut s = String::from("<Page>");
    for _ in 0..n {
        s.push_str("\n{/* uihook-disable unknown-component */}");
    }
    for _ in 0..n {
        s.push_str("\n<Buton/>\n<Bx/>");
    }
    for _ in 0..n {
        s.push_str("\n{/* uihook-enable unknown-component */}");
    }
    for _ in 0..n {
        s.push_str("\n{/* uihook-enable html-comment */}");
    }
    for _ in 0..n {
        s.push_str("\n{/* uihook-disable */}");
    }
    s.push_str("\n</Page>\n");
    one("ranges.uihook", s)
}

/// n files with two findings each.
fn files(n: usize) -> Vec<(String, String)> {
    (0..n)
        .map(|i| {
            (
                format!("file{i:07}.uihook"),
                "<Page><Buton/><P a=\"1\" a=\"2\">x</P></Page>\n".to_owned(),
            )
        })
        .collect()
}

/// Markup in a JS source: a template with n findings, n suppressed by
/// `// uihook-disable-next-line`, and n interpolated attribute values.
fn script(n: usize) -> Vec<(String, String)> {
    let mut s = String::from("const page = htm`<Page>\n");
    for i in 0..n {
        let _ = writeln!(s, "<Buton a{i:07}=${{v}} b=\"${{w}}\" c=${{x}}px/>");
        s.push_str("${y}\n");
    }
    s.push_str("</Page>`;\n");
    for _ in 0..n {
        s.push_str("// uihook-disable-next-line unknown-component\n");
        s.push_str("const x = htm`<Buton/>`;\n");
    }
    one("page.js", s)
}

/// Escapes in a template: every character is emitted through the decoded
/// text's runs.
fn escapes(n: usize) -> Vec<(String, String)> {
    let mut s = String::from("const page = htm`<Page><P>");
    for _ in 0..n {
        s.push_str("a\\tb\\u00e9 ");
    }
    s.push_str("</P><Buton/></Page>`;\n");
    one("escapes.js", s)
}

/// A long `+` chain of strings that is not markup, with one that is at its end.
fn concatenation(n: usize) -> Vec<(String, String)> {
    let mut s = String::from("const text = 'Hello'");
    for i in 0..n {
        let _ = write!(s, " + 'part {i:07}'");
    }
    s.push_str(" + ('<Box>' + '<Buton/>' + '</Box>');\n");
    one("chain.js", s)
}

/// Nested conditionals choosing between markup strings.
fn conditionals(n: usize) -> Vec<(String, String)> {
    let mut expr = String::from("'<P>x</P>'");
    for i in 0..n {
        expr = format!("c{i} ? ({expr}) : ''");
    }
    one(
        "conditionals.js",
        format!("const page = htm`<Page>${{{expr}}}<Buton/></Page>`;\n"),
    )
}

const SHAPES: &[Shape] = &[
    Shape {
        name: "attributes",
        build: attributes,
        n: 500,
        min_findings: 2_000,
    },
    Shape {
        name: "attributes on one line",
        build: attributes_one_line,
        n: 500,
        min_findings: 2_000,
    },
    Shape {
        name: "duplicates",
        build: duplicates,
        n: 500,
        min_findings: 1_999,
    },
    Shape {
        name: "next-line suppressions",
        build: next_line,
        n: 500,
        min_findings: 1_000,
    },
    Shape {
        name: "disable and enable ranges",
        build: ranges,
        n: 500,
        min_findings: 4_000,
    },
    Shape {
        name: "files",
        build: files,
        n: 200,
        min_findings: 1_600,
    },
    Shape {
        name: "script",
        build: script,
        n: 200,
        min_findings: 800,
    },
    Shape {
        name: "script escapes",
        build: escapes,
        n: 1_000,
        min_findings: 1,
    },
    Shape {
        name: "script concatenation",
        build: concatenation,
        n: 500,
        min_findings: 1,
    },
    Shape {
        name: "script conditionals",
        build: conditionals,
        n: 20,
        min_findings: 1,
    },
];

/// Lints the files and writes every format: the work counted, the findings
/// and the bytes written by each format.
fn run(files: &[(String, String)]) -> (u64, usize, Vec<(Format, usize)>) {
    let config = Config::default();
    work::take();
    let reports: Vec<FileReport> = files
        .iter()
        .map(|(name, text)| FileReport {
            name: name.clone(),
            source: text.clone().into(),
            diagnostics: if uihook_extract::is_script(std::path::Path::new(name)) {
                lint_script(text, std::path::Path::new(name), &config).diagnostics
            } else {
                lint_source(text, &config)
            },
        })
        .collect();
    let findings = reports.iter().map(|r| r.diagnostics.len()).sum();
    let style = Style {
        color: false,
        width: 100,
    };
    let mut sizes = Vec::new();
    for &format in Format::value_variants() {
        let mut out = Vec::new();
        if let Err(e) = output::write(format, &reports, style, &mut out) {
            panic!("{format:?}: {e}");
        }
        sizes.push((format, out.len()));
    }
    (work::take(), findings, sizes)
}

#[test]
fn linting_and_every_output_format_scale_linearly() {
    assert!(
        work::enabled(),
        "the scaling test needs uihook-compiler's `work-count` feature"
    );
    let mut failures = Vec::new();
    for shape in SHAPES {
        let (work_n, findings_n, sizes_n) = run(&(shape.build)(shape.n));
        let (work_4n, findings_4n, sizes_4n) = run(&(shape.build)(4 * shape.n));
        assert!(work_n > 0, "{}: nothing was counted", shape.name);
        let work = work_4n as f64 / work_n as f64;
        println!(
            "{:<26} n={:<5} work {work_n:>9} -> {work_4n:>9} ({work:.2}x)  findings {findings_n} -> {findings_4n}",
            shape.name, shape.n
        );
        if findings_4n < shape.min_findings {
            failures.push(format!(
                "{}: expected at least {} findings at 4n, got {findings_4n}",
                shape.name, shape.min_findings
            ));
        }
        if work > MAX_RATIO {
            failures.push(format!("{}: work grew {work:.2}x", shape.name));
        }
        for ((format, a), (_, b)) in sizes_n.iter().zip(&sizes_4n) {
            let grew = *b as f64 / (*a).max(1) as f64;
            if grew > MAX_RATIO {
                failures.push(format!(
                    "{}: {format:?} output grew {grew:.2}x ({a} -> {b} bytes)",
                    shape.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
