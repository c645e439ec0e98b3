//! `uihook fmt` on Rust sources: the bodies of `uihook!` are formatted,
//! every other byte is kept, `--stdin` (and `--rustfmt`) serve editors, and
//! the repository's own Rust is formatted.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fmt-rust")
}

fn uihook_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("uihook").expect("the uihook binary");
    cmd.current_dir(dir).env("COLUMNS", "100");
    cmd
}

/// Exit code, stdout and stderr.
fn transcript(cmd: &mut Command) -> String {
    let output = cmd.output().expect("uihook runs");
    format!(
        "exit: {}\n----- stdout -----\n{}----- stderr -----\n{}",
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({ omit_expression => true, prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

#[test]
fn formats_uihook_bodies_in_rust_files() {
    // --check: the diff, exit 1, and a warning for the body that is not markup.
    snapshot!(
        "fmt_rust_check",
        transcript(uihook_in(&fixtures()).args([
            "fmt",
            "--check",
            "--max-width",
            "80",
            "messy.rs"
        ]))
    );

    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(fixtures().join("messy.rs"), dir.path().join("messy.rs")).expect("copy");
    // A directory is searched for `.rs` files too.
    let out = transcript(uihook_in(dir.path()).args(["fmt", "--max-width", "80", "."]));
    assert!(out.starts_with("exit: 0\n"), "{out}");
    let formatted = std::fs::read_to_string(dir.path().join("messy.rs")).expect("read");
    snapshot!("fmt_rust_written", formatted);
    // Idempotent.
    let again =
        transcript(uihook_in(dir.path()).args(["fmt", "--check", "--max-width", "80", "."]));
    assert!(again.starts_with("exit: 0\n"), "{again}");
}

#[test]
fn stdin_for_rust_analyzer() {
    let src = "fn f() -> Markup {\n    uihook! {\n  <Page>\n <P>hi</P>\n  </Page>\n    }\n}\n";
    let out = uihook_in(&fixtures())
        .args(["fmt", "--stdin"])
        .write_stdin(src)
        .output()
        .expect("uihook runs");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "fn f() -> Markup {\n    uihook! {\n        <Page>\n            <P>hi</P>\n        </Page>\n    }\n}\n"
    );

    // Not Rust: exit 1 with the position, and nothing on standard output.
    let out = uihook_in(&fixtures())
        .args(["fmt", "--stdin"])
        .write_stdin("fn f() { \"open\n")
        .output()
        .expect("uihook runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("<stdin>: not formatted: 1:10: not Rust tokens"),
        "{stderr}"
    );
}

#[test]
fn stdin_with_rustfmt_formats_the_rust_too() {
    if std::process::Command::new("rustfmt")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("rustfmt is not installed; skipped");
        return;
    }
    let src = "fn f( )->Markup{uihook!{\n<Page>\n<P>hi</P>\n</Page>\n}}\n";
    let out = uihook_in(&fixtures())
        .args(["fmt", "--stdin", "--rustfmt", "--edition", "2021"])
        .write_stdin(src)
        .output()
        .expect("uihook runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "fn f() -> Markup {\n    uihook! {\n        <Page>\n            <P>hi</P>\n        </Page>\n    }\n}\n"
    );
}

/// The repository's own examples, tests and benches are formatted (the
/// compile-fail cases with broken markup are left as written, with a
/// warning each).
#[test]
fn the_repository_is_formatted() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root");
    let mut cmd = uihook_in(root);
    cmd.args([
        "fmt",
        "--check",
        "tests",
        "benches",
        "src",
        "macros/tests",
        "runtime/examples",
        "macros/src",
        "macro-fmt/src",
    ]);
    for entry in std::fs::read_dir(root.join("examples")).expect("examples") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "rs") {
            cmd.arg(path.strip_prefix(root).expect("below the root"));
        }
    }
    let out = transcript(&mut cmd);
    assert!(out.starts_with("exit: 0\n"), "{out}");
    assert!(out.contains(", 0 would be reformatted"), "{out}");
}
