//! `uihook dev`: the dashboard, locally. A page on 127.0.0.1 shows a hook's
//! view as the dashboard did; clicks, selects, `AutoRefresh` and
//! `ProjectSwitcher` send actions back with the client state the page
//! collected (spec `runtime.md` §C.3), and a panel shows the diagnostics,
//! a request log and the calls the hook made to the local platform API.
//!
//! The parts, one module each: [`hook`] builds payloads and calls the hook,
//! [`view`] turns an answer into what the page shows (the compiler's `html`
//! module renders the markup, the linter finds the diagnostics),
//! [`platform`] fakes the platform API the hook's client calls, and this
//! module serves the page, the JSON routes, `--watch` and `--run`.
//!
//! Routes: `/` (the page), `/_uihook/*` (the page's assets and JSON API;
//! the prefix cannot clash with a platform path), `/v1/…` and `/v2/…` (the
//! platform API). Every request must name a loopback `Host`, so a web page
//! elsewhere cannot reach the server through DNS rebinding; JSON bodies are
//! required for the page's `POST`s, which a cross-site form cannot send.

pub mod hook;
pub mod platform;
pub mod restart;
pub mod view;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant, SystemTime};

use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use clap::Args;
use serde::Serialize;
use serde_json::Value;
use tokio::sync::watch;

use self::hook::{ActionRequest, Fixture, Project};
use self::platform::Platform;
use self::view::{Answer, Kind};
use crate::error::CliError;
use crate::{error, Status};

/// The environment variable the runtime's API client reads for its base URL
/// (`uihook_runtime::client::API_BASE_ENV`).
pub const API_BASE_ENV: &str = "UIHOOK_API_BASE";

const PAGE: &str = include_str!("assets/dev.html");
const SCRIPT: &str = include_str!("assets/dev.js");
const STYLE: &str = include_str!("assets/dev.css");

/// How long a `/_uihook/wait` request is held before answering "no change".
const LONG_POLL: Duration = Duration::from_secs(25);

/// The hook `--run` starts when no `--hook` is given.
const DEFAULT_RUN_HOOK: &str = "http://127.0.0.1:5005";

/// How long an action waits for a restarting hook (a `cargo run` that
/// rebuilds) before it is sent anyway.
const RESTART_WAIT: Duration = Duration::from_secs(300);

/// How often `--watch` looks at the file.
const WATCH_INTERVAL: Duration = Duration::from_millis(250);

/// Arguments of `uihook dev`.
#[derive(Args, Debug)]
pub struct DevArgs {
    /// The hook's URL (http or https; with --run, default http://127.0.0.1:5005).
    #[arg(long, value_name = "URL", required_unless_present_any = ["watch", "run"])]
    hook: Option<String>,
    /// The port to serve on, on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 3000)]
    port: u16,
    /// A JSON file of payload fields (user, team, configurationId, token, projects, …).
    #[arg(long, value_name = "FILE")]
    payload: Option<PathBuf>,
    /// Open the page in the default browser.
    #[arg(long)]
    open: bool,
    /// Start the hook with this shell command (with UIHOOK_API_BASE and PORT set); stopped on exit.
    #[arg(long, value_name = "CMD", conflicts_with = "watch")]
    run: Option<String>,
    /// Start the --run command again when a file under DIR changes (repeatable).
    #[arg(long, value_name = "DIR", requires = "run")]
    watch_src: Vec<PathBuf>,
    /// Render this static .uihook file instead of calling a hook, again on every save.
    #[arg(long, value_name = "FILE", conflicts_with = "hook")]
    watch: Option<PathBuf>,
    /// Seconds to wait for each answer of the hook.
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
    timeout: f64,
    /// Keep the platform API's metadata in this JSON file (read at start, written on every change).
    #[arg(long, value_name = "FILE")]
    metadata_file: Option<PathBuf>,
    /// Configuration file for the diagnostics (rule severities, extra components).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

/// Where views come from.
pub enum Source {
    /// A hook, called with every action.
    Hook {
        /// Its URL.
        url: String,
        /// The HTTP client, with the time-out.
        agent: ureq::Agent,
        /// The time-out, for messages.
        timeout: Duration,
    },
    /// A static file, re-read on every action and whenever it changes.
    Watch {
        /// The file.
        path: PathBuf,
        /// Bumped by the watcher each time the file changes.
        version: watch::Receiver<u64>,
    },
}

/// What `/_uihook/state` answers: where views come from, the platform API's
/// address and the fixture. (Fields in alphabetical order, as in
/// [`view`].)
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PageState {
    /// The base URL of the local platform API.
    api_base: String,
    /// The variable the hook's client reads it from.
    api_base_env: &'static str,
    /// The fixture's fields, as the page edits them.
    fixture: Value,
    /// Where views come from.
    mode: Mode,
    /// The projects a `ProjectSwitcher` offers.
    projects: Vec<Project>,
    /// The hook process under `--watch-src`.
    restart: Option<restart::HookState>,
    /// The hook's URL or the watched file.
    target: String,
    /// The watched file's version (0 for a hook).
    version: u64,
}

/// Where views come from, as `/_uihook/state` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
enum Mode {
    /// Calling a hook (`--hook`).
    Hook,
    /// Rendering a file (`--watch`).
    Watch,
}

/// A refused request to one of the page's routes.
#[derive(Debug, Serialize)]
struct Refusal {
    /// Why.
    error: String,
}

/// What `/_uihook/wait` answers: the watched file's current version, or
/// under `--watch-src` the hook process's.
#[derive(Debug, Serialize)]
struct Version {
    /// The hook process, under `--watch-src`.
    #[serde(skip_serializing_if = "Option::is_none")]
    restart: Option<restart::HookState>,
    version: u64,
}

/// Everything the routes share.
pub struct Dev {
    source: Source,
    fixture: RwLock<Fixture>,
    platform: Arc<Platform>,
    config: Option<PathBuf>,
    api_base: String,
    seq: AtomicU64,
    restarts: Option<watch::Receiver<restart::HookState>>,
}

impl Dev {
    /// Shared state for `source`, answering as `api_base`.
    pub fn new(
        source: Source,
        fixture: Fixture,
        platform: Arc<Platform>,
        config: Option<PathBuf>,
        api_base: String,
    ) -> Dev {
        Dev {
            source,
            fixture: RwLock::new(fixture),
            platform,
            config,
            api_base,
            seq: AtomicU64::new(0),
            restarts: None,
        }
    }

    /// Follows the hook process of `--watch-src`.
    pub fn with_restarts(mut self, state: watch::Receiver<restart::HookState>) -> Dev {
        self.restarts = Some(state);
        self
    }

    fn fixture(&self) -> Fixture {
        self.fixture
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn state(&self) -> PageState {
        let fixture = self.fixture();
        let (mode, target, version) = match &self.source {
            Source::Hook { url, .. } => (Mode::Hook, url.clone(), 0),
            Source::Watch { path, version } => {
                (Mode::Watch, path.display().to_string(), *version.borrow())
            }
        };
        PageState {
            mode,
            target,
            version,
            api_base: self.api_base.clone(),
            api_base_env: API_BASE_ENV,
            fixture: fixture.to_value(),
            projects: fixture.projects(),
            restart: self.restarts.as_ref().map(|r| r.borrow().clone()),
        }
    }
}

/// The whole app: page, JSON routes and platform API, behind the host check.
pub fn app(dev: Arc<Dev>) -> Router {
    let platform = Arc::clone(&dev.platform);
    Router::new()
        .route("/", get(page))
        .route("/_uihook/dev.js", get(script))
        .route("/_uihook/dev.css", get(style))
        .route("/_uihook/view.css", get(view_style))
        .route("/_uihook/state", get(state))
        .route("/_uihook/fixture", put(set_fixture))
        .route("/_uihook/action", post(action))
        .route("/_uihook/platform", get(platform_snapshot))
        .route("/_uihook/wait", get(wait))
        .merge(Arc::clone(&platform).router())
        .fallback(move |method: Method, uri: Uri| {
            let platform = Arc::clone(&platform);
            async move {
                if uri.path().starts_with("/v1/") || uri.path().starts_with("/v2/") {
                    platform.unknown(&method, &uri)
                } else {
                    (StatusCode::NOT_FOUND, "not found").into_response()
                }
            }
        })
        .layer(axum::middleware::from_fn(loopback_only))
        .with_state(dev)
}

/// Whether a `Host` header names this machine's loopback interface.
fn is_loopback_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(name, _)| name)
    };
    name == "localhost"
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

async fn loopback_only(request: Request, next: Next) -> Response {
    let ok = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .is_some_and(is_loopback_host);
    if !ok {
        return (
            StatusCode::FORBIDDEN,
            "uihook dev answers only requests to 127.0.0.1 or localhost",
        )
            .into_response();
    }
    next.run(request).await
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response()
}

async fn page() -> Response {
    let mut response = asset("text/html; charset=utf-8", PAGE);
    // The view is the hook's markup rendered by us; even so, no script but
    // ours may run, and nothing may load from elsewhere except images.
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
             img-src 'self' http: https: data:; connect-src 'self'; frame-ancestors 'none'; \
             form-action 'none'; base-uri 'none'",
        ),
    );
    response
}

async fn script() -> Response {
    asset("text/javascript; charset=utf-8", SCRIPT)
}

async fn style() -> Response {
    asset("text/css; charset=utf-8", STYLE)
}

async fn view_style() -> Response {
    asset("text/css; charset=utf-8", uihook_preview::STYLESHEET)
}

async fn state(State(dev): State<Arc<Dev>>) -> Json<PageState> {
    Json(dev.state())
}

fn bad_request(message: String) -> Response {
    (StatusCode::BAD_REQUEST, Json(Refusal { error: message })).into_response()
}

async fn set_fixture(State(dev): State<Arc<Dev>>, Json(value): Json<Value>) -> Response {
    match Fixture::from_value(value) {
        Ok(fixture) => {
            dev.platform
                .set_identity(fixture.token(), fixture.team_id());
            *dev.fixture.write().unwrap_or_else(|p| p.into_inner()) = fixture;
            Json(dev.state()).into_response()
        }
        Err(e) => bad_request(e),
    }
}

async fn platform_snapshot(State(dev): State<Arc<Dev>>) -> Json<platform::Snapshot> {
    Json(dev.platform.snapshot())
}

#[derive(serde::Deserialize)]
struct WaitQuery {
    version: u64,
}

/// Long poll for `--watch`: answers as soon as the file's version differs
/// from the one the page has, or after [`LONG_POLL`] with the same one.
async fn wait(State(dev): State<Arc<Dev>>, Query(q): Query<WaitQuery>) -> Json<Version> {
    if let Some(restarts) = &dev.restarts {
        let mut rx = restarts.clone();
        if rx.borrow_and_update().version == q.version {
            let _ = tokio::time::timeout(LONG_POLL, rx.changed()).await;
        }
        let current = rx.borrow().clone();
        return Json(Version {
            version: current.version,
            restart: Some(current),
        });
    }
    let Source::Watch { version, .. } = &dev.source else {
        return Json(Version {
            version: 0,
            restart: None,
        });
    };
    let mut rx = version.clone();
    if *rx.borrow_and_update() == q.version {
        let _ = tokio::time::timeout(LONG_POLL, rx.changed()).await;
    }
    let current = *rx.borrow();
    Json(Version {
        version: current,
        restart: None,
    })
}

async fn action(
    State(dev): State<Arc<Dev>>,
    body: Result<Json<ActionRequest>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let request = match body {
        Ok(Json(request)) => request,
        Err(e) => return bad_request(e.body_text()),
    };
    if let Err(e) = request.check() {
        return bad_request(e);
    }
    if let Some(restarts) = &dev.restarts {
        // Mid-restart, the action goes to the new process once it listens
        // (the page shows "restarting" meanwhile), not to a closed port.
        restart::wait_ready(restarts, RESTART_WAIT).await;
    }
    let fixture = dev.fixture();
    let payload = hook::build_payload(&fixture, &request);
    let seq = dev.seq.fetch_add(1, Ordering::Relaxed) + 1;
    let before = dev.platform.last_seq();
    let mut answer = match &dev.source {
        Source::Hook {
            url,
            agent,
            timeout,
        } => {
            let (agent, url, sent) = (agent.clone(), url.clone(), payload.clone());
            let (timeout, config) = (*timeout, dev.config.clone());
            // The call blocks, and linting and rendering a large answer take
            // CPU: both run on the blocking pool, off the server's threads.
            let called = tokio::task::spawn_blocking(move || {
                let (outcome, elapsed) = hook::call(&agent, &url, &sent);
                view::answer(&outcome, elapsed, &url, timeout, config.as_deref())
            })
            .await;
            called.unwrap_or_else(|e| {
                Answer::failed(
                    Kind::Broken,
                    "The call to the hook failed inside uihook dev",
                    e.to_string(),
                )
            })
        }
        Source::Watch { path, version } => {
            let current = *version.borrow();
            Answer {
                version: Some(current),
                ..static_answer(path, dev.config.clone()).await
            }
        }
    };
    answer.seq = Some(seq);
    answer.payload = Some(payload);
    answer.platform = Some(dev.platform.calls_since(before));
    Json(answer).into_response()
}

/// Reads and renders the watched file; the page shows a missing or
/// unreadable file as an error.
async fn static_answer(path: &std::path::Path, config: Option<PathBuf>) -> Answer {
    let start = Instant::now();
    let path = path.to_owned();
    let read = tokio::fs::read(&path).await;
    let out = match read {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let rendered = tokio::task::spawn_blocking(move || {
                let mut out = Answer::new(Kind::Ok);
                out.render(&text, config.as_deref());
                out.source = Some(text);
                out
            })
            .await;
            let out = rendered.unwrap_or_else(|e| {
                Answer::failed(
                    Kind::Broken,
                    "Rendering failed inside uihook dev",
                    e.to_string(),
                )
            });
            Answer {
                bytes: Some(bytes.len()),
                ..out
            }
        }
        Err(e) => Answer::failed(
            Kind::File,
            format!("Cannot read {}", path.display()),
            e.to_string(),
        ),
    };
    Answer {
        time_ms: Some(start.elapsed().as_secs_f64() * 1000.0),
        ..out
    }
}

/// What the watcher compares: modification time and length, and the text
/// itself, so an editor that rewrites identical bytes does not re-render
/// and a change within one mtime tick is still seen.
#[derive(PartialEq)]
struct Seen {
    modified: Option<SystemTime>,
    contents: Option<Vec<u8>>,
}

async fn look(path: &std::path::Path) -> Seen {
    let modified = tokio::fs::metadata(path)
        .await
        .ok()
        .and_then(|m| m.modified().ok());
    Seen {
        modified,
        contents: tokio::fs::read(path).await.ok(),
    }
}

/// Polls `path` and bumps `version` whenever its contents change (or it
/// appears or disappears). Polling, not inotify: it sees editors that save
/// by renaming a new file over the old one, network and container mounts,
/// and needs no dependency; four looks a second are nothing for one file.
async fn watch_file(path: PathBuf, version: watch::Sender<u64>) {
    let mut last = look(&path).await;
    loop {
        tokio::time::sleep(WATCH_INTERVAL).await;
        let now = look(&path).await;
        if now.contents != last.contents {
            version.send_modify(|v| *v += 1);
        }
        last = now;
        if version.is_closed() {
            return;
        }
    }
}

/// Runs `uihook dev`.
pub fn run(args: DevArgs) -> Result<Status, CliError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| CliError::new(format_args!("cannot start the async runtime: {e}")))?;
    runtime.block_on(serve(args))
}

/// The port of a loopback hook URL, given to `--run`'s command as `PORT`.
fn loopback_port(url: &str) -> Option<u16> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let (host, port) = authority.rsplit_once(':')?;
    is_loopback_host(&format!("{host}:0")).then_some(())?;
    port.parse().ok()
}

async fn serve(args: DevArgs) -> Result<Status, CliError> {
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        return Err("--timeout must be a positive number of seconds".into());
    }
    if let Some(url) = &args.hook {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(CliError::new(format_args!(
                "--hook must be an http:// or https:// URL, not `{url}`"
            )));
        }
    }
    if let Some(path) = &args.config {
        crate::config::Config::load(path)?;
    }
    // Before anything is started: see `Shutdown`.
    let shutdown = Shutdown::listen()
        .map_err(|e| CliError::new(format_args!("cannot listen for Ctrl-C and SIGTERM: {e}")))?;
    let mut args = args;
    if args.hook.is_none() && args.run.is_some() {
        // What `uihook init` projects and the examples listen on.
        args.hook = Some(DEFAULT_RUN_HOOK.to_owned());
    }
    let fixture = match &args.payload {
        Some(path) => Fixture::load(path)?,
        None => Fixture::default(),
    };
    let platform = Arc::new(platform::open(
        fixture.token(),
        fixture.team_id(),
        args.metadata_file.clone(),
    )?);
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], args.port)))
        .await
        .map_err(|e| {
            CliError::new(format_args!(
                "cannot listen on 127.0.0.1:{}: {e} (choose another with --port)",
                args.port
            ))
        })?;
    let address = listener.local_addr()?;
    let base = format!("http://{address}");
    let timeout = Duration::from_secs_f64(args.timeout);
    let (source, watcher) = match (&args.hook, &args.watch) {
        (_, Some(path)) => {
            let (tx, rx) = watch::channel(0);
            (
                Source::Watch {
                    path: path.clone(),
                    version: rx,
                },
                Some(tokio::spawn(watch_file(path.clone(), tx))),
            )
        }
        (Some(url), None) => (
            Source::Hook {
                url: url.clone(),
                agent: crate::probe::agent(url, timeout),
                timeout,
            },
            None,
        ),
        (None, None) => return Err("give --hook URL or --watch FILE".into()),
    };
    // The first line is stable: scripts (and the browser tests) read the
    // address from it.
    println!("uihook dev: {base}/");
    match &source {
        Source::Hook { url, .. } => println!("hook: {url}"),
        Source::Watch { path, .. } => println!("watching: {}", path.display()),
    }
    println!("platform API for the hook: {API_BASE_ENV}={base}");
    let _ = std::io::Write::flush(&mut std::io::stdout());
    let mut supervisor = None;
    let mut child = match &args.run {
        Some(command) if !args.watch_src.is_empty() => {
            let port = args.hook.as_deref().and_then(loopback_port);
            let command = restart::Command {
                command: command.clone(),
                api_base: base.clone(),
                port,
            };
            supervisor = Some(restart::Supervisor::start(command, &args.watch_src)?);
            None
        }
        Some(command) => {
            let port = args.hook.as_deref().and_then(loopback_port);
            let child = spawn_hook(command, &base, port)
                .map_err(|e| CliError::new(format_args!("cannot start `{command}`: {e}")))?;
            Some(child)
        }
        None => None,
    };
    if args.open {
        open_browser(&format!("{base}/"));
    }
    let mut dev = Dev::new(source, fixture, platform, args.config.clone(), base);
    if let Some(supervisor) = &supervisor {
        dev = dev.with_restarts(supervisor.state.clone());
    }
    let dev = Arc::new(dev);
    let stopping = async move {
        shutdown.wait().await;
        // Ending the watcher drops its sender, which ends the long polls
        // that graceful shutdown would otherwise wait for.
        if let Some(watcher) = watcher {
            watcher.abort();
        }
        // Stopping the supervisor (and the hook) drops its state's sender,
        // which likewise ends `--watch-src` long polls and waiting actions.
        if let Some(supervisor) = supervisor {
            supervisor.stop().await;
        }
    };
    let served = axum::serve(listener, app(dev))
        .with_graceful_shutdown(stopping)
        .await;
    if let Some(child) = child.as_mut() {
        stop_hook(child).await;
    }
    served?;
    Ok(Status::Clean)
}

/// Ctrl-C and SIGTERM, listened for from the start. Until a listener is
/// set, either signal ends the process at once: `uihook dev` would die
/// without stopping the `--run` command, which runs in its own process
/// group and so outlives it, holding the hook's port. (tokio's `ctrl_c()`
/// sets its listener only when first polled, which was after the start;
/// off Unix, where there is no process group to leave behind, it is still
/// what is used.)
struct Shutdown {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

impl Shutdown {
    fn listen() -> std::io::Result<Shutdown> {
        #[cfg(unix)]
        let shutdown = {
            use tokio::signal::unix::{signal, SignalKind};
            Shutdown {
                interrupt: signal(SignalKind::interrupt())?,
                terminate: signal(SignalKind::terminate())?,
            }
        };
        #[cfg(not(unix))]
        let shutdown = Shutdown {};
        Ok(shutdown)
    }

    /// Waits for either signal.
    async fn wait(mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.interrupt.recv() => {},
            _ = self.terminate.recv() => {},
        }
        #[cfg(not(unix))]
        {
            let _ = &mut self;
            let _ = tokio::signal::ctrl_c().await;
        }
        eprintln!("uihook dev: stopping");
    }
}

/// Starts `command` through the shell, in its own process group (so that
/// `cargo run` and the hook it starts are stopped together), with the API
/// base and, for a loopback hook URL with a port, `PORT`.
fn spawn_hook(
    command: &str,
    base: &str,
    port: Option<u16>,
) -> std::io::Result<tokio::process::Child> {
    let mut cmd = if cfg!(windows) {
        let mut c = tokio::process::Command::new("cmd");
        c.arg("/C").arg(command);
        c
    } else {
        let mut c = tokio::process::Command::new("sh");
        c.arg("-c").arg(command);
        c
    };
    cmd.env(API_BASE_ENV, base).kill_on_drop(true);
    if let Some(port) = port {
        cmd.env("PORT", port.to_string());
    }
    #[cfg(unix)]
    cmd.process_group(0);
    let child = cmd.spawn()?;
    eprintln!(
        "uihook dev: started `{command}` (pid {}) with {API_BASE_ENV}={base}{}",
        child.id().unwrap_or(0),
        port.map(|p| format!(" PORT={p}")).unwrap_or_default()
    );
    Ok(child)
}

/// Stops the hook's process group: SIGTERM, then SIGKILL after 3 s.
async fn stop_hook(child: &mut tokio::process::Child) {
    if let Ok(Some(_)) = child.try_wait() {
        return;
    }
    #[cfg(unix)]
    if let Some(pid) = child.id() {
        // Signal the whole group through kill(1): std has no safe way to
        // signal a group, and this crate forbids `unsafe`.
        let signal = |name: &str| {
            let _ = std::process::Command::new("kill")
                .args([name, "--", &format!("-{pid}")])
                .stderr(std::process::Stdio::null())
                .status();
        };
        signal("-TERM");
        let _ = tokio::time::timeout(Duration::from_secs(3), child.wait()).await;
        // Whatever is left of the group (a hook that ignored SIGTERM, or
        // one that `cargo run` started and that outlived cargo).
        signal("-KILL");
    }
    let _ = child.kill().await;
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        error(format_args!(
            "cannot open a browser ({opener}: {e}); open {url} yourself"
        ));
    }
}

#[cfg(test)]
mod tests;
