//! The bundled examples: each `examples/invalid/<code>.uihook` shows its rule
//! and the rendered report is snapshotted, so messages are part of the API;
//! every `examples/valid/*.uihook` is clean.

use std::path::Path;

use uihook_compiler::diagnostic::render_report;
use uihook_compiler::rules::Origin;
use uihook_compiler::{check, Code, Options};

fn examples() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples"))
}

#[test]
fn every_code_has_an_invalid_example() {
    for code in Code::ALL.iter().filter(|c| c.origin() == Origin::Markup) {
        let path = examples()
            .join("invalid")
            .join(format!("{}.uihook", code.as_str()));
        assert!(path.exists(), "missing {}", path.display());
    }
}

#[test]
fn invalid_examples_report_their_code() {
    insta::glob!("../../examples/invalid", "*.uihook", |path| {
        let src = std::fs::read_to_string(path).expect("readable example");
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("utf-8 name");
        let code = Code::from_name(stem).unwrap_or_else(|| panic!("{stem} is not a code"));
        let diagnostics = check(&src, &Options::default());
        assert!(
            diagnostics.iter().any(|d| d.code == code),
            "{stem}: got {:?}",
            diagnostics.iter().map(|d| d.code).collect::<Vec<_>>()
        );
        let name = format!("examples/invalid/{stem}.uihook");
        insta::assert_snapshot!(render_report(&diagnostics, &name, &src, false, 100));
    });
}

#[test]
fn valid_examples_are_clean() {
    let dir = examples().join("valid");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("examples/valid") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "uihook") {
            let src = std::fs::read_to_string(&path).expect("readable");
            let diagnostics = check(&src, &Options::default());
            assert!(
                diagnostics.is_empty(),
                "{}: {diagnostics:#?}",
                path.display()
            );
            seen += 1;
        }
    }
    assert!(seen > 0, "no valid examples found");
}

#[test]
fn valid_examples_use_every_component() {
    let mut all = String::new();
    for entry in std::fs::read_dir(examples().join("valid")).expect("examples/valid") {
        all.push_str(&std::fs::read_to_string(entry.expect("entry").path()).unwrap_or_default());
    }
    for c in uihook_compiler::schema::COMPONENTS {
        assert!(
            all.contains(&format!("<{}", c.name)),
            "no valid example uses {}",
            c.name
        );
    }
}
