//! End-to-end tests of the `uihook` binary: every output format on one
//! fixture set, exit codes, standard input, configuration discovery, inline
//! suppressions, `fmt --check`, `rules` and `explain`.
//!
//! Every command runs inside `tests/fixtures` with relative paths, no colour
//! and a fixed width, so snapshots are the same on every machine.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use assert_cmd::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn uihook_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("uihook").expect("the uihook binary");
    cmd.current_dir(dir)
        .env("COLUMNS", "100")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

fn uihook() -> Command {
    uihook_in(&fixtures())
}

/// Runs and renders exit code, stdout and stderr for a snapshot.
fn transcript(cmd: &mut Command) -> String {
    let output = cmd.output().expect("uihook runs");
    format!(
        "exit: {}\n----- stdout -----\n{}----- stderr -----\n{}",
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().expect("uihook runs").stdout).expect("UTF-8 output")
}

fn code_of(cmd: &mut Command) -> i32 {
    cmd.output()
        .expect("uihook runs")
        .status
        .code()
        .unwrap_or(-1)
}

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({ omit_expression => true, prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

const FORMATS: &[&str] = &[
    "human",
    "concise",
    "json",
    "json-lines",
    "sarif",
    "github",
    "junit",
    "checkstyle",
    "gitlab",
];

#[test]
fn every_output_format() {
    for format in FORMATS {
        let out = transcript(
            uihook()
                .args(["lint", "lint", "--color", "never", "--output-format"])
                .arg(format),
        );
        snapshot!(format!("format_{format}"), out);
    }
}

#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("data/sarif-2.1.0-rtm.5.json"))
            .expect("the schema is JSON");
    let validator = jsonschema::draft4::new(&schema).expect("a valid draft-04 schema");
    for args in [
        &["lint", "lint", "--output-format", "sarif"][..],
        &["lint", "lint/clean.uihook", "--output-format", "sarif"][..],
        &["lint", "suppress.uihook", "--output-format", "sarif"][..],
    ] {
        let out = stdout_of(uihook().args(args));
        let sarif: serde_json::Value = serde_json::from_str(&out).expect("SARIF is JSON");
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| format!("{e} at {}", e.instance_path))
            .collect();
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");
        let run = &sarif["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
        for result in run["results"].as_array().expect("results") {
            let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
            assert_eq!(rules[index]["id"], result["ruleId"]);
            assert!(result["partialFingerprints"]["primaryLocationLineHash"].is_string());
        }
    }
}

#[test]
fn json_formats_parse() {
    let json: serde_json::Value = serde_json::from_str(&stdout_of(uihook().args([
        "lint",
        "lint",
        "--output-format",
        "json",
    ])))
    .expect("JSON");
    let lines = stdout_of(uihook().args(["lint", "lint", "--output-format", "json-lines"]));
    let items: Vec<serde_json::Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(json.as_array().expect("an array"), &items);
    let gitlab: serde_json::Value = serde_json::from_str(&stdout_of(uihook().args([
        "lint",
        "lint",
        "--output-format",
        "gitlab",
    ])))
    .expect("JSON");
    let prints: std::collections::HashSet<&str> = gitlab
        .as_array()
        .expect("an array")
        .iter()
        .map(|i| i["fingerprint"].as_str().expect("fingerprint"))
        .collect();
    assert_eq!(prints.len(), items.len(), "fingerprints are unique");
}

#[test]
fn exit_codes() {
    // 0: clean, or only warnings.
    assert_eq!(code_of(uihook().args(["lint", "lint/clean.uihook"])), 0);
    assert_eq!(code_of(uihook().args(["lint", "lint/warnings.uihook"])), 0);
    // 1: errors, or more warnings than allowed.
    assert_eq!(code_of(uihook().args(["lint", "lint"])), 1);
    assert_eq!(
        code_of(uihook().args(["lint", "lint/warnings.uihook", "--max-warnings", "1"])),
        1
    );
    assert_eq!(
        code_of(uihook().args(["lint", "lint/warnings.uihook", "--max-warnings", "2"])),
        0
    );
    // --exit-zero forgives findings, not trouble.
    assert_eq!(code_of(uihook().args(["lint", "lint", "--exit-zero"])), 0);
    assert_eq!(
        code_of(uihook().args(["lint", "missing.uihook", "--exit-zero"])),
        2
    );
    // 2: usage, config and I/O errors.
    assert_eq!(code_of(uihook().args(["lint", "--no-such-flag"])), 2);
    assert_eq!(
        code_of(uihook().args(["lint", "--output-format", "xml", "lint"])),
        2
    );
    assert_eq!(code_of(uihook().args(["lint", "badconfig"])), 2);
    assert_eq!(code_of(uihook().args(["explain", "nope"])), 2);
}

#[test]
fn exit_code_transcripts() {
    snapshot!(
        "missing_path",
        transcript(uihook().args(["lint", "lint/clean.uihook", "missing.uihook"]))
    );
    snapshot!(
        "bad_config",
        transcript(uihook().args(["lint", "badconfig"]))
    );
    snapshot!(
        "max_warnings",
        transcript(uihook().args(["lint", "lint/warnings.uihook", "--max-warnings", "0"]))
    );
    snapshot!(
        "clean",
        transcript(uihook().args(["lint", "lint/clean.uihook"]))
    );
}

#[test]
fn text_that_is_not_utf8_is_an_error_with_its_location() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Latin-1 `é` (0xE9) on line 2, as an editor set to Latin-1 saves it.
    let bytes = b"<Page>\n  <P>caf\xE9</P>\n</Page>\n";
    std::fs::write(dir.path().join("latin1.uihook"), bytes).expect("write");
    snapshot!(
        "not_utf8_file",
        transcript(uihook_in(dir.path()).args(["lint", "latin1.uihook"]))
    );
    snapshot!(
        "not_utf8_stdin",
        transcript(
            uihook_in(dir.path())
                .args(["lint", "-"])
                .write_stdin(&bytes[..])
        )
    );
    // The configuration file too: found above the file, or named.
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).expect("mkdir");
    std::fs::write(sub.join("uihook.toml"), b"# caf\xE9\nexclude = []\n").expect("write");
    std::fs::write(sub.join("page.uihook"), "<Page />\n").expect("write");
    snapshot!(
        "not_utf8_config",
        transcript(uihook_in(dir.path()).args(["lint", "sub/page.uihook"]))
    );
}

#[test]
fn a_directory_with_nothing_to_lint_is_warned_about_without_failing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    for sub in ["empty", "html", "excluded"] {
        std::fs::create_dir(root.join(sub)).expect("mkdir");
    }
    std::fs::write(root.join("html/page.html"), "<Page />").expect("write");
    std::fs::write(root.join("html/notes.txt"), "notes").expect("write");
    std::fs::write(
        root.join("excluded/uihook.toml"),
        "exclude = [\"*.uihook\"]\n",
    )
    .expect("write");
    std::fs::write(root.join("excluded/draft.uihook"), "<Page />").expect("write");
    snapshot!(
        "nothing_to_lint",
        transcript(uihook_in(root).args(["lint", "empty", "html", "excluded"]))
    );
    // `--ext` takes the hint; the excluded directory still says why.
    snapshot!(
        "nothing_to_lint_with_ext",
        transcript(uihook_in(root).args(["lint", "--ext", "html", "html", "excluded"]))
    );
}

#[test]
fn standard_input() {
    let src = std::fs::read_to_string(fixtures().join("lint/errors.uihook")).expect("fixture");
    snapshot!(
        "stdin",
        transcript(
            uihook()
                .args(["lint", "-", "--stdin-filename", "pages/home.uihook"])
                .write_stdin(src.clone())
        )
    );
    // The stdin file name finds its configuration: under config/sub fragments are off.
    snapshot!(
        "stdin_config",
        transcript(
            uihook()
                .args(["lint", "-", "--stdin-filename", "config/sub/new.uihook"])
                .write_stdin(src)
        )
    );
}

#[test]
fn config_discovery_and_override() {
    snapshot!(
        "config_discovery",
        transcript(uihook().args(["lint", "config"]))
    );
    // A file named explicitly is linted even when excluded.
    snapshot!(
        "config_explicit_excluded",
        transcript(uihook().args(["lint", "config/skipped/c.uihook"]))
    );
    snapshot!(
        "config_override",
        transcript(uihook().args([
            "lint",
            "config",
            "lint/errors.uihook",
            "--config",
            "config/strict.toml"
        ]))
    );
}

#[test]
fn inline_suppressions_and_unused_ones() {
    snapshot!(
        "suppress",
        transcript(uihook().args(["lint", "suppress.uihook"]))
    );
    // Turning the rule off in a config silences the unused warnings too.
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        fixtures().join("suppress.uihook"),
        dir.path().join("s.uihook"),
    )
    .expect("copy");
    std::fs::write(
        dir.path().join("uihook.toml"),
        "[rules]\nunused-suppression = \"off\"\n",
    )
    .expect("write");
    let out = stdout_of(uihook_in(dir.path()).args(["lint", "."]));
    assert!(!out.contains("unused-suppression"), "{out}");
    assert!(
        out.contains("s.uihook:4:4: error[unknown-component]"),
        "{out}"
    );
}

#[test]
fn walking_respects_gitignore_and_extensions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let bad = "<Page><Nope/></Page>\n";
    for file in [
        "a.uihook",
        "ignored.uihook",
        "b.jsx",
        "sub/c.uihook",
        ".hidden/d.uihook",
        "notes.txt",
    ] {
        let path = root.join(file);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bad).expect("write");
    }
    std::fs::write(root.join(".gitignore"), "ignored.uihook\n").expect("write");
    let out = stdout_of(uihook_in(root).args(["lint"]));
    insta::assert_snapshot!(out, @r"
    a.uihook:1:8: error[unknown-component] `Nope` is not a UIHook component
    sub/c.uihook:1:8: error[unknown-component] `Nope` is not a UIHook component
    ");
    let out = stdout_of(uihook_in(root).args(["lint", ".", "--ext", "jsx", "notes.txt"]));
    insta::assert_snapshot!(out, @r"
    a.uihook:1:8: error[unknown-component] `Nope` is not a UIHook component
    b.jsx:1:8: error[unknown-component] `Nope` is not a UIHook component
    sub/c.uihook:1:8: error[unknown-component] `Nope` is not a UIHook component
    notes.txt:1:8: error[unknown-component] `Nope` is not a UIHook component
    ");
}

#[test]
fn output_file_and_colour() {
    let dir = tempfile::tempdir().expect("temp dir");
    let report = dir.path().join("report.sarif");
    let out = transcript(
        uihook()
            .args(["lint", "lint", "--output-format", "sarif", "-o"])
            .arg(&report),
    );
    assert!(
        out.starts_with("exit: 1\n----- stdout -----\n----- stderr -----\n3 files"),
        "{out}"
    );
    let text = std::fs::read_to_string(&report).expect("report written");
    assert!(text.contains("\"version\": \"2.1.0\""));

    let coloured = stdout_of(uihook().args(["lint", "lint", "--color", "always"]));
    assert!(coloured.contains("\x1b["), "{coloured}");
    // NO_COLOR turns `auto` off (and piped output is never coloured on auto).
    let plain = stdout_of(
        uihook()
            .args(["lint", "lint", "--output-format", "human"])
            .env("NO_COLOR", "1"),
    );
    assert!(!plain.contains("\x1b["), "{plain}");
}

#[test]
fn a_closed_pipe_is_a_normal_exit() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("uihook"))
        .current_dir(fixtures())
        .args([
            "lint",
            "lint",
            "config",
            "suppress.uihook",
            "--output-format",
            "sarif",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn fmt_check_and_write() {
    snapshot!(
        "fmt_check",
        transcript(uihook().args(["fmt", "--check", "fmt"]))
    );
    assert_eq!(
        code_of(uihook().args(["fmt", "--check", "fmt/canonical.uihook"])),
        0
    );

    let dir = tempfile::tempdir().expect("temp dir");
    for file in ["canonical.uihook", "messy.uihook", "broken.uihook"] {
        std::fs::copy(fixtures().join("fmt").join(file), dir.path().join(file)).expect("copy");
    }
    let out = transcript(uihook_in(dir.path()).args(["fmt"]));
    snapshot!("fmt_write", out);
    let messy = std::fs::read_to_string(dir.path().join("messy.uihook")).expect("read");
    insta::assert_snapshot!(messy, @r#"
    <Page>
      <P align="left">Tom &amp; Jerry</P>
      <BR />
    </Page>
    "#);
    let broken = std::fs::read_to_string(dir.path().join("broken.uihook")).expect("read");
    assert_eq!(
        broken,
        std::fs::read_to_string(fixtures().join("fmt/broken.uihook")).expect("read")
    );
    // Now canonical: a second run changes nothing.
    assert_eq!(
        code_of(uihook_in(dir.path()).args(["fmt", "--check", "messy.uihook"])),
        0
    );
    // Standard input is formatted to standard output.
    let out = stdout_of(
        uihook()
            .args(["fmt", "-"])
            .write_stdin("<Page><BR></BR></Page>"),
    );
    assert_eq!(out, "<Page><BR /></Page>");
}

#[test]
fn rules_and_explain() {
    snapshot!("rules", transcript(uihook().args(["rules"])));
    let fragment = stdout_of(uihook().args(["explain", "fragment"]));
    assert!(fragment.starts_with("# fragment\n"));
    assert!(fragment.contains("## Example") && fragment.contains("## Use instead"));
    snapshot!(
        "explain_unused_suppression",
        transcript(uihook().args(["explain", "unused-suppression"]))
    );
    snapshot!(
        "explain_unknown",
        transcript(uihook().args(["explain", "framgent"]))
    );
    snapshot!(
        "explain_component",
        transcript(uihook().args(["explain", "Button"]))
    );
}

#[test]
fn every_rule_in_rules_has_an_explanation() {
    let rules = stdout_of(uihook().args(["rules"]));
    for line in rules.lines() {
        let code = line.split_whitespace().next().expect("a code");
        let out = uihook().args(["explain", code]).output().expect("runs");
        assert!(out.status.success(), "{code}");
        assert!(String::from_utf8_lossy(&out.stdout).starts_with(&format!("# {code}\n")));
    }
}

/// The unused-suppression example in its explanation really triggers it,
/// and the fixed version is clean.
#[test]
fn unused_suppression_doc_examples() {
    let doc = stdout_of(uihook().args(["explain", "unused-suppression"]));
    let block = |heading: &str| -> String {
        let rest = &doc[doc.find(heading).expect("heading")..];
        let body = &rest[rest.find("```uihook\n").expect("fence") + 10..];
        body[..body.find("```").expect("closing fence")].to_owned()
    };
    let bad = stdout_of(
        uihook()
            .args(["lint", "-"])
            .write_stdin(block("## Example")),
    );
    assert!(bad.contains("warning[unused-suppression]"), "{bad}");
    let good = uihook()
        .args(["lint", "-"])
        .write_stdin(block("## Use instead"))
        .output()
        .expect("runs");
    assert!(good.status.success() && good.stdout.is_empty());
}
