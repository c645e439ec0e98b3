//! Every fixture source in `tests/fixtures/` is extracted and linted; the
//! snapshot lists each finding with its source line and column, the code,
//! the message and the source text it points at, so a wrong offset shows
//! as a wrong excerpt.

use std::fmt::Write;
use std::path::Path;

use uihook_compiler::diagnostic::LineIndex;
use uihook_extract::{lint, Settings};

fn render(path: &Path, source: &str, settings: &Settings) -> String {
    let report = lint(source, path, settings);
    let index = LineIndex::new(source);
    let mut out = format!("templates: {}\n", report.templates);
    for f in &report.diagnostics {
        let span = f.span();
        let start = index.line_col(source, span.start);
        let end = index.line_col(source, span.end);
        let excerpt: String = source
            .get(span.clone())
            .unwrap_or("<out of bounds>")
            .chars()
            .take(60)
            .collect();
        let _ = writeln!(
            out,
            "{}:{}-{}:{} {}[{}] {}\n    at: {:?}",
            start.line,
            start.column,
            end.line,
            end.column,
            f.severity,
            f.code.as_str(),
            f.message,
            excerpt
        );
        if let Some(help) = &f.help {
            let _ = writeln!(out, "    help: {help}");
        }
    }
    out
}

#[test]
fn fixtures() {
    insta::glob!("fixtures/*.{js,mjs,ts,tsx}", |path| {
        let source = std::fs::read_to_string(path).expect("fixture");
        insta::assert_snapshot!(render(path, &source, &Settings::default()));
    });
}

#[test]
fn configured_tags_replace_htm() {
    let path = Path::new("fixtures/component.tsx");
    let source = include_str!("fixtures/component.tsx");
    let settings = Settings {
        tags: vec!["html".to_owned()],
        ..Settings::default()
    };
    let out = render(path, source, &settings);
    assert!(out.contains("`Nope` is not a UIHook component"), "{out}");
    // `htm` is no longer a tag, and its quasi is no plain string either.
    assert!(!out.contains("legacy-attribute"), "{out}");
}

#[test]
fn extra_components_are_markup_too() {
    let mut settings = Settings::default();
    settings.analysis.options.extra_components = vec!["Chart".to_owned()];
    let source = "const a = `<Chart kind=\"bar\"></Chart>`;\nconst b = `<Graph></Graph>`;\n";
    let report = lint(source, Path::new("a.js"), &settings);
    assert_eq!(report.templates, 1);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

#[test]
fn no_input_panics() {
    // Truncated and odd sources: every prefix of the fixtures, and a few
    // hand-picked shapes, lint without panicking and with spans in bounds.
    let mut sources: Vec<String> = vec![
        "htm`<`".into(),
        "htm`<${".into(),
        "htm`<${A}`".into(),
        "htm`</${A}>`".into(),
        "htm`<//>`".into(),
        "htm`<P a=${x}${y} ...${z}>&#x;&#99999999;&amp</P>`".into(),
        "'<Page>\\".into(),
        "`<Page>${`<P>${'<B>' + `${x}` + '</B>'}</P>`}</Page>`".into(),
        "\u{feff}htm`<Page>é</Page>`".into(),
    ];
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
        .expect("fixtures")
    {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("read");
        for (i, _) in text.char_indices().step_by(7) {
            sources.push(text[..i].to_owned());
        }
    }
    for source in &sources {
        for name in ["a.js", "a.ts", "a.tsx"] {
            let report = lint(source, Path::new(name), &Settings::default());
            for f in &report.diagnostics {
                for label in &f.labels {
                    assert!(
                        label.span.start <= label.span.end && label.span.end <= source.len(),
                        "{source:?}: {f:?}"
                    );
                    assert!(
                        source.is_char_boundary(label.span.start),
                        "{source:?}: {f:?}"
                    );
                    assert!(source.is_char_boundary(label.span.end), "{source:?}: {f:?}");
                }
            }
        }
    }
}

#[test]
fn declaration_files_and_commonjs_parse() {
    let settings = Settings::default();
    let dts = "export declare const x: number;\nexport const y: string;\n";
    assert!(lint(dts, Path::new("types/a.d.ts"), &settings)
        .diagnostics
        .is_empty());
    let cjs = "return;\nmodule.exports = htm`<Page><Nope/></Page>`;\n";
    for name in ["a.cjs", "a.js"] {
        let report = lint(cjs, Path::new(name), &settings);
        assert_eq!(report.templates, 1, "{name}: {:?}", report.diagnostics);
        assert_eq!(
            report.diagnostics.len(),
            1,
            "{name}: {:?}",
            report.diagnostics
        );
    }
}
