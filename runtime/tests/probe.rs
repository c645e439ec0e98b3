//! End to end: `uihook probe` (the CLI) against every example, each started
//! as its own process on a free port of 127.0.0.1.
//!
//! `cargo test --workspace` builds the examples and the `uihook` binary into
//! the same target directory as this test; when either is missing (this
//! crate tested alone), the test says so and passes without probing.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const EXAMPLES: &[&str] = &[
    "hook_counter",
    "hook_basic_form",
    "hook_metadata_counter",
    "hook_webhook_receiver",
];

fn target_dir() -> Option<PathBuf> {
    // target/debug/deps/probe-… → target/debug
    Some(
        std::env::current_exe()
            .ok()?
            .parent()?
            .parent()?
            .to_path_buf(),
    )
}

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

fn wait_for(port: u16) -> bool {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

#[test]
fn probe_passes_against_every_example() {
    let Some(dir) = target_dir() else {
        eprintln!("no target directory; skipped");
        return;
    };
    let cli = dir.join(format!("uihook{}", std::env::consts::EXE_SUFFIX));
    if !cli.exists() {
        eprintln!(
            "{} not built (run cargo test --workspace); skipped",
            cli.display()
        );
        return;
    }
    for example in EXAMPLES {
        let binary = dir
            .join("examples")
            .join(format!("{example}{}", std::env::consts::EXE_SUFFIX));
        if !binary.exists() {
            eprintln!("{} not built; skipped", binary.display());
            continue;
        }
        let port = free_port();
        let _server = Killed(
            Command::new(&binary)
                .env("PORT", port.to_string())
                .env_remove("UIHOOK_API_BASE")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start the example"),
        );
        assert!(wait_for(port), "{example} did not listen on {port}");
        let output = Command::new(&cli)
            .args(["probe", &format!("http://127.0.0.1:{port}")])
            .output()
            .expect("run uihook probe");
        assert!(
            output.status.success(),
            "uihook probe failed against {example}:\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
