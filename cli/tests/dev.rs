//! `uihook dev` as a process: refused arguments exit 2 with a message, the
//! address is printed on the first line, the page answers there, and the
//! hook command of `--run` is stopped, with everything it started, when the
//! server stops. Servers listen on 127.0.0.1 only, on free ports.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;

fn uihook() -> Command {
    Command::cargo_bin("uihook").expect("the uihook binary")
}

fn stderr_of(args: &[&str]) -> (i32, String) {
    let output = uihook().args(args).output().expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn refused_arguments_exit_2_with_a_reason() {
    let dir = tempfile::tempdir().expect("a directory");
    let bad = dir.path().join("payload.json");
    std::fs::write(&bad, "[1, 2]").expect("written");
    let bad = bad.to_string_lossy().into_owned();
    let cases: [(&[&str], &str); 4] = [
        (
            &["dev", "--hook", "ftp://127.0.0.1:1"],
            "error: --hook must be an http:// or https:// URL, not `ftp://127.0.0.1:1`\n",
        ),
        (
            &["dev", "--hook", "http://127.0.0.1:1", "--timeout", "0"],
            "error: --timeout must be a positive number of seconds\n",
        ),
        (
            &["dev", "--hook", "http://127.0.0.1:1", "--payload", &bad],
            "the fixture must be a JSON object of payload fields\n",
        ),
        (
            &["dev", "--watch", "x.uihook", "--run", "true"],
            "cannot be used with",
        ),
    ];
    for (args, message) in cases {
        let (code, stderr) = stderr_of(args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
    let (code, stderr) = stderr_of(&["dev"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--hook <URL>"), "{stderr}");
}

#[test]
fn a_port_in_use_is_reported() {
    let taken = TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = taken.local_addr().expect("an address").port().to_string();
    let (code, stderr) = stderr_of(&["dev", "--hook", "http://127.0.0.1:1", "--port", &port]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with(&format!("error: cannot listen on 127.0.0.1:{port}: "))
            && stderr.ends_with("(choose another with --port)\n"),
        "{stderr}"
    );
}

/// A running `uihook dev`, stopped (SIGTERM) when dropped.
struct Server {
    child: Child,
    address: String,
    stdout: String,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("uihook"))
            .arg("dev")
            .args(["--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("started");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout"));
        let mut stdout = String::new();
        for _ in 0..3 {
            lines.read_line(&mut stdout).expect("a line");
        }
        let address = stdout
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("uihook dev: http://"))
            .and_then(|l| l.strip_suffix('/'))
            .expect("the address on the first line")
            .to_owned();
        Server {
            child,
            address,
            stdout,
        }
    }

    fn get(&self, path: &str, host: &str) -> String {
        let mut stream = TcpStream::connect(&self.address).expect("connected");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout set");
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .expect("sent");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("read");
        answer
    }

    /// SIGTERM, then waits; returns standard error.
    fn stop(mut self) -> String {
        terminate(self.child.id());
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.child.try_wait().expect("status").is_none() {
            assert!(Instant::now() < deadline, "uihook dev did not stop");
            std::thread::sleep(Duration::from_millis(50));
        }
        let mut stderr = String::new();
        if let Some(mut e) = self.child.stderr.take() {
            let _ = e.read_to_string(&mut stderr);
        }
        stderr
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn terminate(pid: u32) {
    let _ = StdCommand::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
}

/// Whether the process runs (a zombie, killed but not yet reaped by its new
/// parent, does not count).
fn alive(pid: &str) -> bool {
    if let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        let state = stat.rsplit_once(')').map(|(_, rest)| rest.trim_start());
        return !state.is_some_and(|s| s.starts_with('Z'));
    }
    if Path::new("/proc/self").exists() {
        return false;
    }
    StdCommand::new("kill")
        .args(["-0", pid])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn the_page_is_served_at_the_printed_address() {
    let dir = tempfile::tempdir().expect("a directory");
    let file = dir.path().join("view.uihook");
    std::fs::write(&file, "<Page><P>Hi</P></Page>").expect("written");
    let server = Server::start(&["--watch", &file.to_string_lossy()]);
    assert_eq!(
        server.stdout.lines().nth(1),
        Some(format!("watching: {}", file.display()).as_str())
    );
    assert_eq!(
        server.stdout.lines().nth(2),
        Some(
            format!(
                "platform API for the hook: UIHOOK_API_BASE=http://{}",
                server.address
            )
            .as_str()
        )
    );
    let page = server.get("/", &server.address);
    assert!(page.starts_with("HTTP/1.1 200 OK\r\n"), "{page}");
    assert!(page.contains("<title>uihook dev</title>"));
    let refused = server.get("/", "attacker.example");
    assert!(
        refused.starts_with("HTTP/1.1 403 Forbidden\r\n"),
        "{refused}"
    );
    let stderr = server.stop();
    assert!(stderr.contains("uihook dev: stopping"), "{stderr}");
}

#[test]
#[cfg(unix)]
fn run_sets_the_environment_and_stops_the_whole_command() {
    let dir = tempfile::tempdir().expect("a directory");
    let env = dir.path().join("env.txt");
    let pid = dir.path().join("pid.txt");
    // The command starts a grandchild, as `cargo run` does, and records what
    // it was given.
    let command = format!(
        "echo \"$UIHOOK_API_BASE $PORT\" > '{}'; sleep 300 & echo $! > '{}'; wait",
        env.display(),
        pid.display()
    );
    let server = Server::start(&["--hook", "http://127.0.0.1:5999/hook", "--run", &command]);
    let deadline = Instant::now() + Duration::from_secs(10);
    while !(pid.exists() && std::fs::metadata(&pid).is_ok_and(|m| m.len() > 0)) {
        assert!(Instant::now() < deadline, "the command did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    let grandchild = std::fs::read_to_string(&pid).expect("read");
    let grandchild = grandchild.trim().to_owned();
    assert!(alive(&grandchild));
    assert_eq!(
        std::fs::read_to_string(&env).expect("read").trim(),
        format!("http://{} 5999", server.address)
    );
    let stderr = server.stop();
    assert!(stderr.contains("started `echo"), "{stderr}");
    let deadline = Instant::now() + Duration::from_secs(5);
    while alive(&grandchild) {
        assert!(
            Instant::now() < deadline,
            "the hook's child outlived uihook dev"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
