//! `uihook init` end to end: the project it writes builds, its own test
//! (with `uihook::testing`) passes, and `uihook dev --run "cargo run"` plays
//! it. The nested cargo shares this workspace's target directory and its
//! `Cargo.lock`, so the dependencies built for the workspace are reused
//! where their features agree, and nothing is downloaded again.

mod support;

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin;

/// This workspace's root and target directory (`target/debug/deps/init-…`).
fn workspace() -> (PathBuf, PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root")
        .to_path_buf();
    let target = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.parent()?.to_path_buf()))
        .expect("the target directory");
    (root, target)
}

fn cargo(project: &Path, target: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command
        .args(args)
        .current_dir(project)
        .env("CARGO_TARGET_DIR", target);
    command
}

#[test]
fn the_project_builds_its_test_passes_and_dev_plays_it() {
    let (root, target) = workspace();
    // Outside the workspace: a package under it would be taken for a member.
    let dir = tempfile::tempdir().expect("a directory");
    let project = dir.path().join("My Counter");
    let init = Command::new(cargo_bin("uihook"))
        .args(["init", &project.to_string_lossy(), "--uihook-path"])
        .arg(&root)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&init.stdout);
    assert!(
        init.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&init.stderr)
    );
    assert!(stdout.starts_with("created `my-counter` in "), "{stdout}");
    for file in [
        "Cargo.toml",
        "src/lib.rs",
        "src/main.rs",
        "tests/hook.rs",
        "uihook.toml",
        ".gitignore",
    ] {
        assert!(project.join(file).is_file(), "{file} missing");
    }
    // Never over an existing project.
    let again = Command::new(cargo_bin("uihook"))
        .args(["init", &project.to_string_lossy()])
        .output()
        .expect("runs");
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("uihook init never overwrites"));

    std::fs::copy(root.join("Cargo.lock"), project.join("Cargo.lock")).expect("copied");
    let test = cargo(&project, &target, &["test", "--quiet"])
        .output()
        .expect("cargo runs");
    let out = String::from_utf8_lossy(&test.stdout);
    assert!(
        test.status.success(),
        "cargo test failed in the new project:\n{out}\n{}",
        String::from_utf8_lossy(&test.stderr)
    );
    assert!(out.contains("test result: ok. 1 passed"), "{out}");

    // `uihook dev --run "cargo run"` in the project: the first view is the
    // counter at 1, linted clean.
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let mut dev = Command::new(cargo_bin("uihook"))
        .args([
            "dev",
            "--port",
            "0",
            "--run",
            "cargo run --quiet > /dev/null",
        ])
        .args(["--hook", &format!("http://127.0.0.1:{port}")])
        .current_dir(&project)
        .env("CARGO_TARGET_DIR", &target)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("uihook dev starts");
    let mut stdout = BufReader::new(dev.stdout.take().expect("stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("a line");
    // Keep reading: a closed pipe would end uihook dev at its next line.
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    let address = first
        .trim()
        .strip_prefix("uihook dev: http://")
        .and_then(|a| a.strip_suffix('/'))
        .expect("the address")
        .to_owned();
    // `cargo run` may wait for the target directory's lock while another
    // build (a parallel test, CI's next step) holds it.
    let deadline = Instant::now() + Duration::from_secs(300);
    let answer = loop {
        let answer = support::view_action(&address, Duration::from_secs(30));
        if answer.contains("\"outcome\":\"ok\"") || Instant::now() > deadline {
            break answer;
        }
        std::thread::sleep(Duration::from_millis(250));
    };
    let _ = Command::new("kill")
        .args(["-TERM", &dev.id().to_string()])
        .status();
    let _ = dev.wait();
    assert!(answer.contains("Counter: 1"), "{answer}");
    assert!(answer.contains("\"errors\":0"), "{answer}");
}
