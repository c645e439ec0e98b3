//! End-to-end tests of markup extraction from JS/TS sources: directory
//! walks find `.js`/`.ts` files (not `node_modules`), `--no-extract` turns
//! it off, and every output format points into the source file.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract")
}

fn uihook() -> Command {
    let mut cmd = Command::cargo_bin("uihook").expect("the uihook binary");
    cmd.current_dir(dir()).env("COLUMNS", "100");
    cmd
}

fn run(cmd: &mut Command) -> (i32, String) {
    let output = cmd.output().expect("uihook runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).expect("UTF-8 output"),
    )
}

#[test]
fn directories_are_extracted_by_default_and_not_with_no_extract() {
    let (code, out) = run(uihook().args(["lint", "."]));
    insta::assert_snapshot!(out, @r#"
    src/hook.js:5:53: warning[htm-entity] `&amp;` is shown literally: htm does not decode entities
    src/hook.js:6:6: error[unknown-component] `Nope` is not a UIHook component
    src/view.ts:1:51: warning[unescaped-interpolation] this value is not escaped: a `<`, `{` or `"` in it breaks or injects markup
    "#);
    assert_eq!(code, 1);

    let (code, out) = run(uihook().args(["lint", ".", "--no-extract"]));
    assert_eq!(out, "");
    assert_eq!(code, 0);
}

#[test]
fn named_sources_are_extracted() {
    let (code, out) = run(uihook().args(["lint", "src/view.ts"]));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with("src/view.ts:1:51: warning[unescaped-interpolation]"),
        "{out}"
    );
    // Inside node_modules only when named.
    let (code, out) = run(uihook().args(["lint", "node_modules/dep/index.js"]));
    assert_eq!(code, 1);
    assert!(
        out.starts_with("node_modules/dep/index.js:1:23: error[unknown-component]"),
        "{out}"
    );
}

#[test]
fn sarif_and_json_point_into_the_source() {
    let (_, out) = run(uihook().args(["lint", "src/hook.js", "--output-format", "sarif"]));
    let sarif: Value = serde_json::from_str(&out).expect("SARIF is JSON");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let found: Vec<(String, u64, u64, u64, u64)> = results
        .iter()
        .map(|r| {
            let location = &r["locations"][0]["physicalLocation"];
            let region = &location["region"];
            (
                r["ruleId"].as_str().unwrap_or_default().to_owned(),
                region["startLine"].as_u64().unwrap_or(0),
                region["startColumn"].as_u64().unwrap_or(0),
                region["endLine"].as_u64().unwrap_or(0),
                region["endColumn"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("htm-entity".to_owned(), 5, 53, 5, 58),
            ("unknown-component".to_owned(), 6, 6, 6, 10),
        ]
    );
    assert_eq!(
        results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "src/hook.js"
    );

    let (_, out) = run(uihook().args(["lint", "src/hook.js", "--output-format", "json"]));
    let json: Value = serde_json::from_str(&out).expect("JSON");
    let text = json.to_string();
    assert!(
        text.contains("\"line\":6") && text.contains("\"column\":6"),
        "{text}"
    );
}

#[test]
fn configured_tags_and_severities() {
    let temp = tempfile::tempdir().expect("temp dir");
    let root = temp.path();
    std::fs::write(
        root.join("uihook.toml"),
        "[extract]\ntags = [\"html\"]\n[rules]\nunknown-component = \"warn\"\n",
    )
    .expect("write");
    std::fs::write(
        root.join("a.mjs"),
        "export const a = html`<Nope/>`;\nexport const b = htm`<Nope/>`;\n",
    )
    .expect("write");
    let mut cmd = Command::cargo_bin("uihook").expect("the uihook binary");
    let (code, out) = run(cmd.current_dir(root).args(["lint"]));
    assert_eq!(
        out,
        "a.mjs:1:24: warning[unknown-component] `Nope` is not a UIHook component\n"
    );
    assert_eq!(code, 0);
}

#[test]
fn explain_knows_the_extraction_rules() {
    for code in [
        "dynamic-markup-skipped",
        "htm-entity",
        "js-syntax-error",
        "markup-string-in-htm",
        "printed-falsy-value",
        "unescaped-interpolation",
    ] {
        let (status, out) = run(uihook().args(["explain", code]));
        assert_eq!(status, 0);
        assert!(out.starts_with(&format!("# {code}\n")), "{out}");
    }
}

#[test]
fn standard_input_named_as_a_script_is_extracted() {
    let (code, out) = run(uihook()
        .args(["lint", "-", "--stdin-filename", "hook.ts"])
        .write_stdin("export default htm`<Page><Nope/></Page>`;\n"));
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "hook.ts:1:27: error[unknown-component] `Nope` is not a UIHook component\n"
    );
}
