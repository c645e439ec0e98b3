//! `uihook dev` as a process: refused arguments exit 2 with a message, the
//! address is printed on the first line, the page answers there, and the
//! hook command of `--run` is stopped, with everything it started, when the
//! server stops. Servers listen on 127.0.0.1 only, on free ports.

mod support;

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

/// A signal that comes as soon as the command starts (before the server
/// is up) still stops the command: `uihook dev` listens for Ctrl-C and
/// SIGTERM from its start, where it once died of the signal and left the
/// command's process group running.
#[test]
#[cfg(unix)]
fn a_signal_at_once_still_stops_the_whole_command() {
    let dir = tempfile::tempdir().expect("a directory");
    let pid = dir.path().join("pid.txt");
    // `$PPID` is `uihook dev`: the shell signals it right after starting
    // a grandchild.
    let command = format!(
        "sleep 300 & echo $! > '{}'; kill -TERM $PPID; wait",
        pid.display()
    );
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("uihook"))
        .args([
            "dev",
            "--port",
            "0",
            "--hook",
            "http://127.0.0.1:5998/",
            "--run",
        ])
        .arg(&command)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("started");
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().expect("status") {
            break status;
        }
        assert!(Instant::now() < deadline, "uihook dev did not stop");
        std::thread::sleep(Duration::from_millis(20));
    };
    // The grandchild first: while it lives, it holds standard error open.
    let grandchild = std::fs::read_to_string(&pid).expect("read");
    let grandchild = grandchild.trim();
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut outlived = false;
    while alive(grandchild) {
        if Instant::now() >= deadline {
            outlived = true;
            let _ = StdCommand::new("kill").args(["-KILL", grandchild]).status();
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut stderr);
    }
    assert!(
        !outlived,
        "the command's child outlived uihook dev ({status:?}): {stderr}"
    );
    assert!(status.success(), "{status:?}: {stderr}");
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

/// Asks for the view until its answer contains `text`.
fn wait_for_view(address: &str, text: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let answer = support::view_action(address, Duration::from_secs(120));
        if answer.contains(text) {
            return answer;
        }
        assert!(
            Instant::now() < deadline,
            "no view with {text:?}; last answer: {answer}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
#[cfg(unix)]
fn watch_src_restarts_the_hook_and_the_view_shows_the_new_code() {
    // target/debug/deps/dev-… → target/debug/examples/dev_file_hook
    let hook = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.join("examples/dev_file_hook")))
        .filter(|path| path.exists());
    let Some(hook) = hook else {
        // `cargo test -p uihook-cli` builds the package's examples; a test
        // binary run on its own may not have it.
        eprintln!("skipped: the dev_file_hook example is not built (run cargo test -p uihook-cli)");
        return;
    };
    let dir = tempfile::tempdir().expect("a directory");
    let src = dir.path().join("src");
    std::fs::create_dir(&src).expect("created");
    let code = src.join("view.uihook");
    std::fs::write(&code, "<Page><P>Version one</P></Page>").expect("written");
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    // The hook's stdout would be the test's pipe, which `Server::start`
    // stops reading after three lines.
    let command = format!("exec '{}' '{}' > /dev/null", hook.display(), code.display());
    let server = Server::start(&[
        "--hook",
        &format!("http://127.0.0.1:{port}"),
        "--run",
        &command,
        "--watch-src",
        &src.to_string_lossy(),
    ]);
    // The first action waits for the hook to listen.
    wait_for_view(&server.address, "Version one");
    let state = server.get("/_uihook/state", &server.address);
    assert!(state.contains(r#""restart":{"#), "{state}");
    assert!(state.contains(r#""restarts":0"#), "{state}");

    std::fs::write(&code, "<Page><P>Version two</P></Page>").expect("written");
    wait_for_view(&server.address, "Version two");
    let state = server.get("/_uihook/state", &server.address);
    assert!(
        state.contains(r#""phase":"ready""#) && state.contains(r#""restarts":1"#),
        "{state}"
    );
    // Build output is not a source change: no restart.
    std::fs::create_dir_all(src.join("target")).expect("created");
    std::fs::write(src.join("target/out.o"), "x").expect("written");
    std::thread::sleep(Duration::from_millis(800));
    let state = server.get("/_uihook/state", &server.address);
    assert!(state.contains(r#""restarts":1"#), "{state}");

    let stderr = server.stop();
    assert!(
        stderr.contains("view.uihook changed, restarting the hook"),
        "{stderr}"
    );
    // The hook is stopped with uihook dev: its port is free again.
    let deadline = Instant::now() + Duration::from_secs(5);
    while TcpStream::connect(("127.0.0.1", port)).is_ok() {
        assert!(Instant::now() < deadline, "the hook outlived uihook dev");
        std::thread::sleep(Duration::from_millis(50));
    }
}
