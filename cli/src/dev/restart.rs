//! `uihook dev --run CMD --watch-src DIR`: runs the hook command and starts
//! it again whenever the hook's sources change.
//!
//! One task owns the command's process group. File events come from
//! `notify` (inotify, FSEvents, …, recursive) and are debounced here: the
//! restart waits until the sources have been quiet for 300 ms, so an
//! editor's burst of writes or a `git checkout` is one restart. Only
//! changes count: opening, reading and closing a file (the build reading the
//! sources, the hook reading its templates) and metadata such as access
//! times are not changes, or every start would cause the next. A restart stops the old group as a shutdown
//! does (SIGTERM, SIGKILL after 3 s), starts the command again and then
//! waits until the new process accepts connections on the hook's port
//! (`cargo run` compiles first): only then is the hook "ready". Changes
//! that arrive while the new process builds restart it again. The state
//! (restarting, ready, exited) is published on a `watch` channel that the
//! page long-polls (`/_uihook/wait`), and actions wait for "ready" instead
//! of failing against a port nobody listens on yet.
//!
//! Build output and editor droppings never trigger a restart: any path with
//! a `target`, `.git` or `node_modules` component, and backup, swap and lock
//! files (`~`, `.swp`, `.swx`, `.#…`, vim's `4913` probe).

use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use notify::event::{EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use serde::Serialize;
use tokio::sync::{mpsc, oneshot, watch};

use super::{spawn_hook, stop_hook};

/// How long the sources must be quiet before a restart.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// How often a starting hook's port is tried.
const READY_POLL: Duration = Duration::from_millis(100);

/// The hook process as the page sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HookState {
    /// Bumped on every change of state, for the long poll.
    pub version: u64,
    /// `starting`, `ready` or `exited`.
    pub phase: Phase,
    /// What happened, in a few words (`src/lib.rs changed`, the exit status).
    pub message: String,
    /// How many times the command was started again.
    pub restarts: u64,
}

/// Where the hook process is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    /// Started, not yet accepting connections (building, or booting).
    Starting,
    /// Accepting connections.
    Ready,
    /// Exited on its own (a compile error, a crash): waits for a change.
    Exited,
}

/// What the supervisor needs to start the hook.
pub struct Command {
    /// The shell command.
    pub command: String,
    /// The platform API's base URL, for `UIHOOK_API_BASE`.
    pub api_base: String,
    /// The loopback port of `--hook`, for `PORT` and the readiness check.
    pub port: Option<u16>,
}

/// A running supervisor: its state, and how to stop it.
pub struct Supervisor {
    /// The hook's state; the page's long poll and actions read it.
    pub state: watch::Receiver<HookState>,
    stop: oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl Supervisor {
    /// Watches `dirs` and starts `command`. Errors name the directory that
    /// cannot be watched or the command that cannot start.
    pub fn start(command: Command, dirs: &[PathBuf]) -> Result<Supervisor, String> {
        let (events_tx, events) = mpsc::unbounded_channel::<PathBuf>();
        let mut watcher =
            notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
                // Watcher errors (a directory removed, too many watches) leave
                // the hook running as it is; there is nothing to restart.
                let Ok(event) = result else { return };
                if !is_change(&event.kind) {
                    return;
                }
                if let Some(path) = event.paths.into_iter().find(|p| !ignored(p)) {
                    let _ = events_tx.send(path);
                }
            })
            .map_err(|e| format!("cannot watch the sources: {e}"))?;
        for dir in dirs {
            if !dir.is_dir() {
                return Err(format!(
                    "--watch-src {}: not a directory (give the hook's source directory, such as src)",
                    dir.display()
                ));
            }
            watcher
                .watch(dir, RecursiveMode::Recursive)
                .map_err(|e| format!("--watch-src {}: cannot watch it: {e}", dir.display()))?;
        }
        let child = spawn_hook(&command.command, &command.api_base, command.port)
            .map_err(|e| format!("cannot start `{}`: {e}", command.command))?;
        let (state_tx, state) = watch::channel(HookState {
            version: 1,
            phase: Phase::Starting,
            message: "started".to_owned(),
            restarts: 0,
        });
        let (stop, stopped) = oneshot::channel();
        let task = tokio::spawn(supervise(
            command, child, watcher, events, state_tx, stopped,
        ));
        Ok(Supervisor { state, stop, task })
    }

    /// Stops watching and stops the hook's process group.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}

/// Whether an event changed something: not an open, read or close, and
/// not a metadata change such as an access time.
fn is_change(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))
    )
}

/// Whether a changed path is build output or an editor's temporary file.
fn ignored(path: &Path) -> bool {
    let in_ignored_dir = path.components().any(|c| match c {
        Component::Normal(name) => {
            matches!(name.to_str(), Some("target" | ".git" | "node_modules"))
        }
        _ => false,
    });
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    in_ignored_dir
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.starts_with(".#")
        || name == "4913"
}

async fn supervise(
    command: Command,
    mut child: tokio::process::Child,
    // Kept alive for as long as the sources are watched.
    _watcher: RecommendedWatcher,
    mut events: mpsc::UnboundedReceiver<PathBuf>,
    state: watch::Sender<HookState>,
    mut stopped: oneshot::Receiver<()>,
) {
    let set = |phase: Phase, message: String, restarted: bool| {
        state.send_modify(|s| {
            s.version += 1;
            s.phase = phase;
            s.message = message;
            if restarted {
                s.restarts += 1;
            }
        });
    };
    loop {
        let phase = state.borrow().phase;
        tokio::select! {
            _ = &mut stopped => break,
            changed = events.recv() => {
                let Some(path) = changed else { break };
                // Debounce: everything until 300 ms of quiet is this restart.
                while let Ok(Some(_)) = tokio::time::timeout(DEBOUNCE, events.recv()).await {}
                eprintln!("uihook dev: {} changed, restarting the hook", path.display());
                set(Phase::Starting, format!("{} changed", path.display()), true);
                stop_hook(&mut child).await;
                match spawn_hook(&command.command, &command.api_base, command.port) {
                    Ok(new) => child = new,
                    Err(e) => {
                        eprintln!("uihook dev: cannot start `{}`: {e}", command.command);
                        set(Phase::Exited, format!("cannot start the command: {e}"), false);
                    }
                }
            }
            // While starting: is it listening yet, or did it give up?
            () = tokio::time::sleep(READY_POLL), if phase == Phase::Starting => {
                if let Ok(Some(status)) = child.try_wait() {
                    eprintln!("uihook dev: the hook exited ({status}); waiting for the next change");
                    set(Phase::Exited, format!("the hook exited ({status}); fix it and save"), false);
                } else if listening(command.port).await {
                    set(Phase::Ready, "ready".to_owned(), false);
                }
            }
        }
    }
    stop_hook(&mut child).await;
}

/// Whether the hook accepts connections (always, when its port is unknown:
/// there is nothing to wait for).
async fn listening(port: Option<u16>) -> bool {
    let Some(port) = port else { return true };
    tokio::net::TcpStream::connect(SocketAddr::from(([127, 0, 0, 1], port)))
        .await
        .is_ok()
}

/// Waits until the hook is ready (or has exited, or `limit` passed), so an
/// action sent during a restart goes to the new process.
pub async fn wait_ready(state: &watch::Receiver<HookState>, limit: Duration) {
    let mut rx = state.clone();
    let _ = tokio::time::timeout(limit, rx.wait_for(|s| s.phase != Phase::Starting)).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_output_and_editor_files_are_ignored() {
        for path in [
            "/p/target/debug/build/x.o",
            "/p/src/.git/index",
            "/p/src/lib.rs~",
            "/p/src/.lib.rs.swp",
            "/p/src/.#lib.rs",
            "/p/src/4913",
        ] {
            assert!(ignored(Path::new(path)), "{path}");
        }
        for path in ["/p/src/lib.rs", "/p/src/targets.rs", "/p/Cargo.toml"] {
            assert!(!ignored(Path::new(path)), "{path}");
        }
    }
}
