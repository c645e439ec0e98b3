//! `uihook fuzz-renderer` against renderers started by the test: uihook's
//! own (must pass), one that escapes nothing (every kind of breakage found,
//! shrunk, saved and replayed), and shell one-liners that crash, hang,
//! answer garbage or answer differently each time (each a finding, never a
//! hang of uihook).

mod support;

use std::path::PathBuf;
use std::process::Command as Process;

use assert_cmd::Command;
use serde_json::Value;

/// An example of this package, built if needed.
fn example(name: &str) -> String {
    let status = Process::new(env!("CARGO"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["build", "--quiet", "-p", "uihook-cli", "--example", name])
        .status()
        .expect("cargo runs");
    assert!(status.success(), "{name} builds");
    let debug = support::debug_dir();
    debug.join("examples").join(name).display().to_string()
}

fn fuzz(args: &[&str], renderer: &[&str]) -> std::process::Output {
    Command::cargo_bin("uihook")
        .expect("binary")
        .arg("fuzz-renderer")
        .args(args)
        .arg("--")
        .args(renderer)
        .output()
        .expect("runs")
}

fn findings(output: &std::process::Output) -> Vec<Value> {
    serde_json::from_slice(&output.stdout).expect("a JSON report")
}

#[test]
fn uihooks_own_renderer_passes() {
    let adapter = example("fuzz_adapter_rust");
    let output = fuzz(
        &["--cases", "400", "--seed", "5", "--output-format", "json"],
        &[&adapter],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(findings(&output), Vec::<Value>::new());
    assert!(stderr.contains("400 cases, 0 failing"), "{stderr}");
}

#[test]
fn a_renderer_that_escapes_nothing_is_found_shrunk_saved_and_replayed() {
    let naive = example("fuzz_naive_renderer");
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("findings");
    let output = fuzz(
        &[
            "--cases",
            "200",
            "--seed",
            "1",
            "--output-format",
            "concise",
            "--out",
            &out.display().to_string(),
        ],
        &[&naive],
    );
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let report = String::from_utf8_lossy(&output.stdout);
    insta::assert_snapshot!("fuzz_renderer_naive", report);
    // Raw `<` and `{` in text, and a `"` that ends an attribute early, are
    // each their own finding, shrunk to the one character.
    for (code, value) in [
        ("raw-lt-in-text", r#"["<"]"#),
        ("raw-brace-in-text", r#"["{"]"#),
    ] {
        assert!(
            report
                .lines()
                .any(|l| l.contains(&format!("with {value}:")) && l.contains(code)),
            "{code} {value}\n{report}"
        );
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("200 cases, "), "{stderr}");
    // Every finding was saved, and replaying one gives the same finding.
    let mut saved: Vec<PathBuf> = std::fs::read_dir(&out)
        .expect("the directory")
        .map(|e| e.expect("entry").path())
        .collect();
    saved.sort();
    let reported = report.lines().filter(|l| l.contains("error[")).count();
    assert!(!saved.is_empty() && saved.len() <= reported, "{saved:?}");
    let first: Value =
        serde_json::from_str(&std::fs::read_to_string(&saved[0]).expect("read")).expect("JSON");
    let replay = fuzz(
        &[
            "--replay",
            &saved[0].display().to_string(),
            "--output-format",
            "json",
        ],
        &[&naive],
    );
    assert_eq!(replay.status.code(), Some(1), "{replay:?}");
    let again = findings(&replay);
    assert_eq!(again[0]["code"], first["codes"][0], "{again:#?}\n{first:#}");
    // uihook's own renderer passes the same case.
    let fixed = fuzz(
        &["--replay", &saved[0].display().to_string()],
        &[&example("fuzz_adapter_rust")],
    );
    assert_eq!(fixed.status.code(), Some(0), "{fixed:?}");
}

/// A renderer as a shell one-liner.
fn sh(script: &str) -> Vec<String> {
    vec!["sh".to_owned(), "-c".to_owned(), script.to_owned()]
}

fn failure(script: &str, extra: &[&str]) -> (Vec<Value>, String) {
    let mut args = vec![
        "--cases",
        "3",
        "--output-format",
        "json",
        "--shrink-budget",
        "4",
    ];
    args.extend_from_slice(extra);
    let renderer = sh(script);
    let renderer: Vec<&str> = renderer.iter().map(String::as_str).collect();
    let output = fuzz(&args, &renderer);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    (
        findings(&output),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_crashing_renderer_is_a_finding_with_its_stderr() {
    let (all, stderr) = failure("read line; echo 'renderer blew up' >&2; exit 3", &[]);
    assert_eq!(all[0]["code"], "renderer-failed", "{all:#?}");
    let message = all[0]["message"].as_str().expect("message");
    assert!(message.contains("exit status: 3"), "{message}");
    assert!(message.contains("renderer blew up"), "{message}");
    // Restarted for every case.
    assert!(stderr.contains("3 cases, 3 failing"), "{stderr}");
}

#[test]
fn a_hanging_renderer_times_out() {
    let started = std::time::Instant::now();
    let (all, stderr) = failure("read line; exec sleep 60", &["--timeout", "0.3"]);
    assert_eq!(all[0]["code"], "renderer-failed", "{all:#?}");
    assert!(
        all[0]["message"]
            .as_str()
            .expect("message")
            .contains("within the time-out"),
        "{all:#?}"
    );
    assert!(
        stderr.contains("3 cases, 3 failing (3 renderer timed out)"),
        "{stderr}"
    );
    // 3 cases and at most 4 shrinking attempts, 0.3 s each: far below 60 s.
    assert!(started.elapsed().as_secs() < 30);
}

#[test]
fn garbage_and_wrong_ids_are_findings() {
    let (all, _) = failure("while read line; do echo 'not json'; done", &[]);
    assert!(
        all[0]["message"]
            .as_str()
            .expect("message")
            .contains("garbage"),
        "{all:#?}"
    );
    let (all, _) = failure(
        r#"while read line; do echo '{"id": 999999, "markup": "<Page />"}'; done"#,
        &[],
    );
    assert!(
        all[0]["message"]
            .as_str()
            .expect("message")
            .contains("the answer is for request 999999"),
        "{all:#?}"
    );
}

#[test]
fn an_error_answer_is_a_refusal() {
    let script = r#"while read line; do id=$(echo "$line" | sed 's/^{"id":\([0-9]*\).*/\1/'); echo "{\"id\":$id,\"error\":\"cannot render Box\"}"; done"#;
    let (all, stderr) = failure(script, &[]);
    assert_eq!(all[0]["code"], "renderer-failed", "{all:#?}");
    assert!(
        all[0]["message"]
            .as_str()
            .expect("message")
            .contains("refused the case: cannot render Box"),
        "{all:#?}"
    );
    assert!(stderr.contains("3 renderer refused"), "{stderr}");
}

#[test]
fn the_time_limit_ends_a_long_run() {
    let adapter = example("fuzz_adapter_rust");
    let started = std::time::Instant::now();
    let output = fuzz(
        &[
            "--cases",
            "100000000",
            "--time-limit",
            "1",
            "--output-format",
            "json",
        ],
        &[&adapter],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("note: --time-limit reached after"),
        "{stderr}"
    );
    assert!(started.elapsed().as_secs() < 20);
}

#[test]
fn a_renderer_that_answers_differently_each_time_is_nondeterministic() {
    // Echoes the request id into the markup: valid, but never the same twice.
    let script = r#"while read line; do id=$(echo "$line" | sed 's/^{"id":\([0-9]*\).*/\1/'); echo "{\"id\":$id,\"markup\":\"<Page><P>$id</P></Page>\"}"; done"#;
    let (all, _) = failure(script, &[]);
    assert_eq!(all[0]["code"], "renderer-nondeterministic", "{all:#?}");
}

#[test]
fn the_renderer_command_is_required() {
    Command::cargo_bin("uihook")
        .expect("binary")
        .args(["fuzz-renderer", "--cases", "1"])
        .assert()
        .code(2);
    Command::cargo_bin("uihook")
        .expect("binary")
        .args(["fuzz-renderer", "--", "/nonexistent/renderer"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "cannot start `/nonexistent/renderer`",
        ));
}
