//! `uihook gen`: deterministic output, and a manifest that says exactly what
//! uihook reports for every file.

use std::path::Path;

use assert_cmd::Command;
use uihook_compiler::{check, Options, RuleId, Severity};

fn generate(dir: &Path, extra: &[&str]) {
    let mut cmd = Command::cargo_bin("uihook").expect("the uihook binary");
    cmd.args(["gen", "--seed", "42", "--count", "40", "--out"])
        .arg(dir)
        .args(extra);
    cmd.assert().success();
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("output dir")
        .map(|e| {
            let path = e.expect("entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_owned();
            (name, std::fs::read(&path).expect("readable"))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn same_seed_same_bytes() {
    let (a, b) = (
        tempfile::tempdir().expect("tmp"),
        tempfile::tempdir().expect("tmp"),
    );
    generate(a.path(), &[]);
    generate(b.path(), &[]);
    assert_eq!(files(a.path()), files(b.path()));
    assert_eq!(files(a.path()).len(), 41);
}

#[test]
fn manifest_matches_what_uihook_reports() {
    let dir = tempfile::tempdir().expect("tmp");
    generate(dir.path(), &["--mixed", "--style", "both"]);
    let manifest = std::fs::read_to_string(dir.path().join("manifest.jsonl")).expect("manifest");
    let (mut valid, mut invalid) = (0, 0);
    for line in manifest.lines() {
        let entry: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        let file = entry["file"].as_str().expect("file");
        let text = std::fs::read_to_string(dir.path().join(file)).expect("generated file");
        let reported = check(&text, &Options::default());
        let mut codes: Vec<&str> = reported.iter().map(|d| d.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        let listed: Vec<&str> = entry["codes"]
            .as_array()
            .expect("codes")
            .iter()
            .filter_map(|c| c.as_str())
            .collect();
        assert_eq!(codes, listed, "{file}");
        if entry["valid"].as_bool() == Some(true) {
            valid += 1;
            assert!(
                reported.iter().all(|d| d.severity != Severity::Error),
                "{file} should be valid"
            );
        } else {
            invalid += 1;
            for code in entry["mutation_codes"].as_array().expect("mutation codes") {
                let code =
                    RuleId::from_name(code.as_str().unwrap_or_default()).expect("a known code");
                assert!(
                    reported.iter().any(|d| d.code == code),
                    "{file} lacks {code:?}"
                );
            }
        }
    }
    assert_eq!((valid, invalid), (20, 20));
}
