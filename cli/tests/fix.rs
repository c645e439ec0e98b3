//! `uihook lint --fix`, `--unsafe-fixes` and `--diff` on copies of
//! `tests/data/fix`: a markup file with safe and unsafe fixes, one with a
//! syntax error the fixes do not remove, and a JS hook with markup in an
//! `htm` template.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const FILES: [&str; 3] = ["fixable.uihook", "broken.uihook", "hook.js"];

/// A fresh copy of the fixture files.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fix");
    for name in FILES {
        std::fs::copy(data.join(name), dir.path().join(name)).expect("copied");
    }
    dir
}

fn original(name: &str) -> String {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests/data/fix", name]
        .iter()
        .collect();
    std::fs::read_to_string(path).expect("fixture")
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).expect("readable")
}

fn uihook(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("uihook")
        .expect("the uihook binary")
        .current_dir(dir)
        .env("COLUMNS", "100")
        .args(args)
        .output()
        .expect("uihook runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).expect("UTF-8"),
        String::from_utf8(output.stderr).expect("UTF-8"),
    )
}

/// Exit status, standard output and standard error, for a snapshot.
fn transcript((code, stdout, stderr): (i32, String, String)) -> String {
    format!("exit: {code}\n----- stdout -----\n{stdout}----- stderr -----\n{stderr}")
}

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({ omit_expression => true, prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

#[test]
fn fix_applies_safe_fixes_and_reports_what_remains() {
    let dir = workspace();
    let run = uihook(
        dir.path(),
        &["lint", "--fix", "--output-format", "concise", "."],
    );
    assert_eq!(run.0, 1, "an unknown component is left: {run:?}");
    snapshot!("fix_safe", transcript(run));
    snapshot!("fix_safe_fixable", read(dir.path(), "fixable.uihook"));
    // Only the template changed: the JS around it is byte for byte the same.
    let js = read(dir.path(), "hook.js");
    assert_eq!(
        js,
        original("hook.js").replace("<Button warning ", "<Button type=\"warning\" ")
    );
    // A syntax error the fixes do not remove: the file is left as it was.
    assert_eq!(read(dir.path(), "broken.uihook"), original("broken.uihook"));
    // Fixing again finds nothing more to fix.
    let again = uihook(dir.path(), &["lint", "--fix", "."]);
    assert!(again.2.contains("0 fixes applied in 0 files"), "{again:?}");
}

#[test]
fn unsafe_fixes_apply_the_guesses_too() {
    let dir = workspace();
    let run = uihook(
        dir.path(),
        &[
            "lint",
            "--fix",
            "--unsafe-fixes",
            "--output-format",
            "concise",
            "fixable.uihook",
        ],
    );
    assert_eq!(run.0, 0, "{run:?}");
    snapshot!("fix_unsafe", transcript(run));
    let fixed = read(dir.path(), "fixable.uihook");
    assert!(
        fixed.contains("<Button action=\"go\">y</Button>"),
        "{fixed}"
    );
}

#[test]
fn diff_prints_the_fixes_and_writes_nothing() {
    let dir = workspace();
    let run = uihook(dir.path(), &["lint", "--diff", "."]);
    assert_eq!(run.0, 1);
    snapshot!("fix_diff", transcript(run));
    for name in FILES {
        assert_eq!(read(dir.path(), name), original(name), "{name} was written");
    }
    // Nothing to fix: exit 0.
    let clean = uihook(dir.path(), &["lint", "--diff", "broken.uihook"]);
    assert_eq!(clean.0, 0, "{clean:?}");
    assert_eq!(clean.1, "");
}

#[test]
fn fixing_standard_input_prints_the_fixed_text() {
    let output = Command::cargo_bin("uihook")
        .expect("the uihook binary")
        .args(["lint", "--fix", "--output-format", "concise", "-"])
        .write_stdin("<Page><Button secondary>Go</Button><Bogus/></Page>")
        .output()
        .expect("uihook runs");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "<Page><Button type=\"secondary\">Go</Button><Bogus/></Page>"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("<stdin>:1:44: error[unknown-component]"),
        "the report goes to standard error: {stderr}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn unsafe_fixes_need_fix_or_diff() {
    let dir = workspace();
    let run = uihook(dir.path(), &["lint", "--unsafe-fixes", "."]);
    assert_eq!(run.0, 2);
    assert!(run.2.contains("<--fix|--diff>"), "{run:?}");
    assert_eq!(
        read(dir.path(), "fixable.uihook"),
        original("fixable.uihook")
    );
}

#[test]
fn lint_without_fix_says_how_many_are_fixable() {
    let dir = workspace();
    let run = uihook(dir.path(), &["lint", "--output-format", "concise", "."]);
    assert!(
        run.2
            .contains("5 fixable with --fix (1 more with --unsafe-fixes)"),
        "{run:?}"
    );
}

#[cfg(unix)]
#[test]
fn fixing_keeps_permissions_and_follows_links() {
    use std::os::unix::fs::PermissionsExt;
    let dir = workspace();
    let real = dir.path().join("fixable.uihook");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let link = dir.path().join("link.uihook");
    std::os::unix::fs::symlink(&real, &link).expect("linked");
    let run = uihook(dir.path(), &["lint", "--fix", "link.uihook"]);
    assert!(run.2.contains("3 fixes applied in 1 files"), "{run:?}");
    assert!(std::fs::symlink_metadata(&link)
        .expect("stat")
        .file_type()
        .is_symlink());
    assert!(read(dir.path(), "fixable.uihook").contains("type=\"secondary\""));
    let mode = std::fs::metadata(&real).expect("stat").permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}
