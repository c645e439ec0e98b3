//! `uihook probe` against small HTTP servers that the test starts on
//! 127.0.0.1 (and nowhere else): a good hook, one without CORS headers, one
//! that returns invalid markup, one that returns the reference renderer's
//! internal-error page, one with a wrong status and content type, and one
//! that answers only after the probe has given up.

mod support;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use assert_cmd::Command;

#[derive(Clone, Copy)]
enum Hook {
    Good,
    NoCors,
    Invalid,
    InternalError,
    WrongStatus,
    Hangs,
}

use support::CORS;

const GOOD_PAGE: &str = "<Page><H1>Hello</H1><P>Configured.</P></Page>";

/// One request: method and body.
type Seen = Arc<Mutex<Vec<(String, String)>>>;

/// How long a hanging hook waits for the probe to give up before answering
/// after all. Only a safety net so that a probe which never times out ends
/// the test (with a good answer, which fails the snapshot) instead of
/// hanging it; nothing is measured against it.
const HANG_LIMIT: Duration = Duration::from_secs(60);

fn handle(
    hook: Hook,
    mut stream: TcpStream,
    seen: &Seen,
    abandoned: &Sender<bool>,
) -> std::io::Result<()> {
    let (line, body) = support::read_request(&stream, Duration::from_secs(5))?;
    let method = line.split_whitespace().next().unwrap_or("").to_owned();
    let body = String::from_utf8_lossy(&body).into_owned();
    seen.lock()
        .map_err(|_| std::io::Error::other("poisoned"))?
        .push((method.clone(), body.clone()));

    let cors = if matches!(hook, Hook::NoCors) {
        ""
    } else {
        CORS
    };
    let (status, content_type, page) = if method == "OPTIONS" {
        ("200 OK", "", String::new())
    } else {
        match hook {
            Hook::Good | Hook::NoCors => (
                "200 OK",
                "Content-Type: text/html; charset=utf-8\r\n",
                GOOD_PAGE.to_owned(),
            ),
            Hook::Invalid => {
                // Echo the action so the report shows which payload did it.
                let action = if body.contains("\"action\":\"submit\"") {
                    "submit"
                } else {
                    "view"
                };
                (
                    "200 OK",
                    "",
                    format!("<Page><Buton action=\"{action}\">Go</Buton><>x</></Page>"),
                )
            }
            Hook::InternalError => (
                "200 OK",
                "",
                "<Page><Box color=\"red\">Internal Integration Error</Box>\
                 <Box color=\"red\">Reference Code: abcdefghij0123456789</Box></Page>"
                    .to_owned(),
            ),
            Hook::WrongStatus => (
                "500 Internal Server Error",
                "Content-Type: application/json\r\n",
                "{\"error\":\"boom\"}".to_owned(),
            ),
            Hook::Hangs => {
                // Say nothing until the client closes the connection (end
                // of stream, or a reset): the probe can then only finish by
                // abandoning the request, whatever the machine's speed.
                stream.set_read_timeout(Some(HANG_LIMIT))?;
                let gave_up = match (&stream).read(&mut [0; 1]) {
                    Ok(0) => true,
                    Err(e) => !matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ),
                    // The client sent more instead of leaving: not a give-up.
                    Ok(_) => false,
                };
                let _ = abandoned.send(gave_up);
                if gave_up {
                    return Ok(());
                }
                ("200 OK", "", GOOD_PAGE.to_owned())
            }
        }
    };
    let response = format!(
        "HTTP/1.1 {status}\r\n{cors}{content_type}Content-Length: {}\r\nConnection: close\r\n\r\n{page}",
        page.len()
    );
    stream.write_all(response.as_bytes())
}

/// Starts a hook on 127.0.0.1; it serves at most `max` connections, one
/// thread each, then stops.
fn serve(hook: Hook, max: usize) -> (String, Seen) {
    let (url, seen, _) = serve_watched(hook, max);
    (url, seen)
}

/// [`serve`], also returning what a [`Hook::Hangs`] request ended with:
/// `true` when the client closed the connection without an answer.
fn serve_watched(hook: Hook, max: usize) -> (String, Seen, Receiver<bool>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind to loopback");
    let url = format!("http://{}/hook", listener.local_addr().expect("address"));
    let seen: Seen = Arc::default();
    let log = seen.clone();
    let (abandoned, ended) = mpsc::channel();
    thread::spawn(move || {
        for stream in listener.incoming().take(max).flatten() {
            let log = log.clone();
            let abandoned = abandoned.clone();
            thread::spawn(move || {
                let _ = handle(hook, stream, &log, &abandoned);
            });
        }
    });
    (url, seen, ended)
}

fn probe(url: &str, args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("uihook")
        .expect("binary")
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
        .env("COLUMNS", "100")
        .env_remove("NO_COLOR")
        .arg("probe")
        .arg(url)
        .args(args)
        .output()
        .expect("uihook runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

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
fn good_hook_passes_and_gets_every_payload_field() {
    let (url, seen) = serve(Hook::Good, 10);
    let out = probe(&url, &[]);
    snapshot!("probe_good", transcript(out));
    let seen = seen.lock().expect("log").clone();
    assert_eq!(seen.len(), 3, "one OPTIONS and two POSTs: {seen:?}");
    assert_eq!(seen[0].0, "OPTIONS");
    for (method, body) in &seen[1..] {
        assert_eq!(method, "POST");
        let payload: serde_json::Value = serde_json::from_str(body).expect("JSON payload");
        for field in [
            "action",
            "clientState",
            "slug",
            "configurationId",
            "integrationId",
            "team",
            "user",
            "project",
            "projectId",
            "token",
            "installationUrl",
            "query",
        ] {
            assert!(payload.get(field).is_some(), "{field} missing from {body}");
        }
    }
}

#[test]
fn missing_cors_headers_are_reported() {
    let (url, _) = serve(Hook::NoCors, 10);
    snapshot!("probe_no_cors", transcript(probe(&url, &[])));
}

#[test]
fn invalid_markup_is_linted_per_payload_and_action() {
    let (url, seen) = serve(Hook::Invalid, 10);
    let out = probe(
        &url,
        &[
            "--action",
            "view",
            "--action",
            "submit",
            "--payload",
            "probe/payload.json",
        ],
    );
    snapshot!("probe_invalid", transcript(out));
    assert_eq!(seen.lock().expect("log").len(), 3);
}

#[test]
fn internal_error_page_is_reported() {
    let (url, _) = serve(Hook::InternalError, 10);
    snapshot!(
        "probe_internal_error",
        transcript(probe(&url, &["--output-format", "json-lines"]))
    );
}

#[test]
fn wrong_status_and_content_type_are_reported() {
    let (url, _) = serve(Hook::WrongStatus, 10);
    snapshot!("probe_wrong_status", transcript(probe(&url, &[])));
}

#[test]
fn a_hook_that_hangs_times_out() {
    let (url, seen, ended) = serve_watched(Hook::Hangs, 10);
    let out = probe(
        &url,
        &["--timeout", "0.5", "--payload", "probe/payload.json"],
    );
    // The hook answers only once the probe has closed the connection, so a
    // finished probe with this finding abandoned the request on its own.
    assert_eq!(out.0, 1, "{}", transcript(out.clone()));
    assert!(
        out.1
            .contains("error[probe-timeout] no answer within the time-out"),
        "{}",
        transcript(out.clone())
    );
    assert_eq!(
        ended.recv(),
        Ok(true),
        "the hook saw the connection closed without an answer"
    );
    let methods: Vec<String> = seen
        .lock()
        .expect("log")
        .iter()
        .map(|(m, _)| m.clone())
        .collect();
    assert_eq!(methods, ["OPTIONS", "POST"], "no retry after the time-out");
    snapshot!("probe_timeout", transcript(out));
}

#[test]
fn network_errors_and_bounds_exit_2() {
    // A port that was free a moment ago: nothing listens there.
    let port = TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let (code, _, stderr) = probe(&format!("http://127.0.0.1:{port}/"), &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("error: OPTIONS"), "{stderr}");
    assert!(
        stderr.contains("nothing listens there; start the hook first, or check the host and port"),
        "{stderr}"
    );
    let (code, _, stderr) = probe("http://127.0.0.1:9/", &["--max-requests", "2"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("exceed --max-requests 2"), "{stderr}");
}
