//! `uihook probe --fuzz` against hooks started on 127.0.0.1: one that
//! echoes `clientState` into an `Input value` with a plain template string
//! (its breakage must be found and shrunk), and the runtime's
//! `hook_basic_form` and the facade's `serve_counter` examples, which escape
//! (or echo nothing) and must be reported clean.

mod support;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command as Process, Stdio};
use std::thread;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

use support::CORS;

/// Answers one request the way hooks written with template strings did:
/// `value="${clientState.name}"`, no escaping.
fn template_string_hook(mut stream: TcpStream) -> std::io::Result<()> {
    let (line, body) = support::read_request(&stream, Duration::from_secs(10))?;
    let page = if line.starts_with("OPTIONS") {
        String::new()
    } else {
        let payload: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        let name = payload["clientState"]["name"].as_str().unwrap_or("");
        format!(
            "<Page><Input label=\"Name\" name=\"name\" value=\"{name}\" />\
             <Button action=\"submit\">Save</Button></Page>"
        )
    };
    write!(
        stream,
        "HTTP/1.1 200 OK\r\n{CORS}Content-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
        page.len()
    )
}

fn serve_template_string_hook() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            thread::spawn(move || template_string_hook(stream));
        }
    });
    url
}

/// The findings of a JSON report.
/// `uihook probe --fuzz CASES --seed 3 --max-requests 400` with JSON
/// output, against `url`.
fn probe_fuzz_json(url: &str, cases: &str) -> std::process::Output {
    Command::cargo_bin("uihook")
        .expect("binary")
        .args([
            "probe",
            "--fuzz",
            cases,
            "--seed",
            "3",
            "--max-requests",
            "400",
            "--output-format",
            "json",
            url,
        ])
        .output()
        .expect("runs")
}

fn findings(stdout: &[u8]) -> Vec<Value> {
    serde_json::from_slice::<Vec<Value>>(stdout).expect("a JSON report")
}

#[test]
fn a_template_string_hook_is_reported_with_a_shrunk_value() {
    let url = serve_template_string_hook();
    let output = probe_fuzz_json(&url, "30");
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let all = findings(&output.stdout);
    let changed: Vec<&Value> = all
        .iter()
        .filter(|f| f["code"] == "hostile-value-changed")
        .collect();
    // One finding for the one echoed field, however many answers broke.
    assert_eq!(changed.len(), 1, "{all:#?}");
    let message = changed[0]["message"].as_str().expect("message");
    assert!(
        message.starts_with("`clientState.name` came back altered: sent "),
        "{message}"
    );
    // The shrunk value: what follows `sent ` up to ` (shrunk from` or ` after`.
    let sent = message
        .split_once("sent ")
        .and_then(|(_, rest)| rest.split(" (shrunk from").next())
        .and_then(|v| v.split(" after the marker").next())
        .expect("a sent value");
    let sent: String = serde_json::from_str(sent).expect("a quoted value");
    // Greedy deletion leaves one character that ends the attribute, or one
    // entity that the attribute decodes; nothing else of the hostile value.
    assert!(
        sent == "\"" || (sent.starts_with('&') && sent.ends_with(';') && sent.len() <= 8),
        "not shrunk: {sent:?}"
    );
    assert!(message.contains("(shrunk from"), "{message}");
    // The whole finding as users see it (the seed and the hook fix every byte).
    insta::assert_json_snapshot!("probe_fuzz_template_string", changed[0]);
    // The payload that triggered it is in the help.
    let help = changed[0]["help"].as_str().expect("help");
    assert!(help.contains("clientState.name"), "{help}");
    // The broken answers are lint errors too.
    assert!(
        all.iter()
            .any(|f| f["code"] != "hostile-value-changed" && f["severity"] == "error"),
        "{all:#?}"
    );
}

#[test]
fn fuzz_respects_max_requests() {
    let url = serve_template_string_hook();
    Command::cargo_bin("uihook")
        .expect("binary")
        .args(["probe", "--fuzz", "10", "--max-requests", "5", &url])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("exceed --max-requests 5"));
}

/// A running example, killed when dropped.
struct Hook(Child);

impl Drop for Hook {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Builds an example of the workspace (with the facade's `axum` feature,
/// which `serve_counter` needs) and starts it on a free port.
fn start_example(name: &str) -> (Hook, String) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let status = Process::new(env!("CARGO"))
        .current_dir(&root)
        .args([
            "build",
            "--quiet",
            "--workspace",
            "--example",
            "serve_counter",
            "--example",
            "hook_basic_form",
            "--features",
            "uihook/axum",
        ])
        .status()
        .expect("cargo runs");
    assert!(status.success(), "the examples build");
    // target/debug/deps/probe_fuzz-… → target/debug/examples/NAME
    let debug = support::debug_dir();
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let mut child = Process::new(debug.join("examples").join(name))
        .env("PORT", port.to_string())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the example starts");
    let stdout = child.stdout.take().expect("stdout");
    let hook = Hook(child);
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("the example prints its address");
    assert!(first.starts_with("UIHook started on"), "{first}");
    (hook, format!("http://127.0.0.1:{port}"))
}

/// Runs the probe against an example; `echoes` says whether the hook shows
/// user data at all (then some hostile values must have come back).
fn probe_clean(name: &str, echoes: bool) {
    let (_hook, url) = start_example(name);
    let output = probe_fuzz_json(&url, "40");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(findings(&output.stdout), Vec::<Value>::new());
    // The normal probe's 3 requests and all 40 hostile payloads were sent.
    assert!(
        stderr.contains("43 requests, 0 errors, 0 warnings"),
        "{stderr}"
    );
    let shown: usize = stderr
        .split_once(" hostile values sent, ")
        .and_then(|(_, rest)| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("the fuzz summary line");
    assert_eq!(shown > 0, echoes, "{stderr}");
}

#[test]
fn hook_basic_form_escapes_every_hostile_value() {
    // It shows the submitted secretId and secretKey again: the probe must
    // have found the form, submitted it, and seen the values come back.
    probe_clean("hook_basic_form", true);
}

#[test]
fn serve_counter_reports_nothing() {
    probe_clean("serve_counter", false);
}
