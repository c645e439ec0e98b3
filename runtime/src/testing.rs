//! Testing hooks in `cargo test`, without a server (feature `testing`):
//! payload fixtures ([`payload`]), calling a router in process ([`call`],
//! [`send`]), assertions on the answer ([`TestResponse`]) and the fake
//! platform API on a loopback port ([`FakeApi`]).
//!
//! The router is driven with `tower::ServiceExt::oneshot`, exactly as a
//! server would drive it, so a test sees the real request contract (CORS
//! headers, the error page, `strict` status codes). Lint assertions go
//! through the compiler's one analysis ([`uihook_compiler::analyze`]), so a
//! body that passes here passes `uihook lint` and `uihook dev` too. The fake
//! platform API is [`crate::platform::Platform`], the same one `uihook dev`
//! serves; it listens on a real socket because the hook's [`ApiClient`]
//! talks HTTP, but it lives in the test's own runtime and dies with it.
//!
//! ```
//! use std::convert::Infallible;
//! use uihook_runtime::testing::{call, payload};
//! use uihook_runtime::{ApiClient, Payload};
//!
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! let app = uihook_runtime::axum::router(|p: Payload, _api: ApiClient| async move {
//!     let name = p.client_state.str_or_empty("name").unwrap_or_default().to_owned();
//!     Ok::<_, Infallible>(format!(
//!         "<Page><P>Hello {}</P></Page>",
//!         uihook_compiler::escape::markup_text(&name)
//!     ))
//! });
//! let answer = call(&app, &payload().action("greet").client_state("name", "<Ann & Bo>").build()).await;
//! answer.assert_ok().assert_lints_clean().assert_decodes("Hello <Ann & Bo>");
//! # }
//! ```

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::{Map, Value};
use tower::ServiceExt;
use uihook_compiler::ast::{TreeNode, TreeValue};
use uihook_compiler::{analyze, Settings};

use crate::client::ApiConfig;
use crate::payload::{ClientState, Payload, PayloadStr, QueryValue, Team, User};

pub use crate::platform::{ApiCall, Platform, SecretInfo, Snapshot, METADATA_LIMIT};

/// The fixture's token: [`FakeApi::start`] accepts only this one.
pub const TOKEN: &str = "uihook-test-token";
/// The fixture's configuration id (the metadata store's key).
pub const CONFIGURATION_ID: &str = "icfg_uihooktest000000000";
/// The fixture's integration id.
pub const INTEGRATION_ID: &str = "oac_uihooktest0000000000";
/// The fixture's integration slug.
pub const SLUG: &str = "uihook-test";
/// The fixture team's id, set by [`PayloadBuilder::team`].
pub const TEAM_ID: &str = "team_uihooktest00000000";

/// A payload as the dashboard sent it, for tests: starts from the fixture
/// (user `test`, no team, configuration [`CONFIGURATION_ID`], token
/// [`TOKEN`], no project, `action: "view"`, empty clientState) and changes
/// one field per call.
#[derive(Clone, Debug)]
#[must_use]
pub struct PayloadBuilder {
    payload: Payload,
}

/// The fixture payload's builder: `payload().action("reset").build()`.
pub fn payload() -> PayloadBuilder {
    PayloadBuilder::new()
}

impl Default for PayloadBuilder {
    fn default() -> Self {
        PayloadBuilder::new()
    }
}

impl PayloadBuilder {
    /// The fixture (see the type's docs).
    pub fn new() -> PayloadBuilder {
        PayloadBuilder {
            payload: Payload {
                slug: PayloadStr::from_static(SLUG),
                integration_id: PayloadStr::from_static(INTEGRATION_ID),
                configuration_id: PayloadStr::from_static(CONFIGURATION_ID),
                user: User {
                    id: PayloadStr::from_static("usr_uihooktest"),
                    username: PayloadStr::from_static("test"),
                    email: PayloadStr::from_static("test@example.com"),
                    name: Some(PayloadStr::from_static("Test User")),
                    ..User::default()
                },
                token: PayloadStr::from_static(TOKEN),
                installation_url: format!(
                    "https://vercel.com/dashboard/integrations/{CONFIGURATION_ID}"
                )
                .into(),
                ..Payload::default()
            },
        }
    }

    /// The action (`view` by default, as on first load).
    pub fn action(mut self, action: &str) -> Self {
        self.payload.action = action.into();
        self
    }

    /// Sets one clientState field, as a control named `name` sends it
    /// (strings for Inputs, Textareas and Selects, `true`/`false` for a
    /// Checkbox).
    pub fn client_state(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.payload
            .client_state
            .0
            .insert(name.to_owned(), value.into());
        self
    }

    /// Replaces the whole clientState.
    pub fn client_state_map(mut self, state: Map<String, Value>) -> Self {
        self.payload.client_state = ClientState(state);
        self
    }

    /// Makes it a team install: the fixture team ([`TEAM_ID`], slug
    /// `test-team`) in `team` and `teamId`.
    pub fn team(self) -> Self {
        self.team_as(Team {
            id: PayloadStr::from_static(TEAM_ID),
            slug: PayloadStr::from_static("test-team"),
            name: Some(PayloadStr::from_static("Test Team")),
            description: None,
            ..Team::default()
        })
    }

    /// Makes it an install of `team` (`teamId` follows its id).
    pub fn team_as(mut self, team: Team) -> Self {
        self.payload.team_id = Some(team.id.clone());
        self.payload.team = Some(team);
        self
    }

    /// Another user.
    pub fn user(mut self, user: User) -> Self {
        self.payload.user = user;
        self
    }

    /// Views the page inside a project: `projectId`, and `project` as
    /// `{"id", "name"}` (as `uihook dev`'s ProjectSwitcher sends it).
    pub fn project(mut self, id: &str, name: &str) -> Self {
        self.payload.project_id = Some(id.into());
        self.payload.project = Some(serde_json::json!({ "id": id, "name": name }));
        self
    }

    /// Another token (the fake API then refuses the hook's calls with 403).
    pub fn token(mut self, token: &str) -> Self {
        self.payload.token = token.into();
        self
    }

    /// Another configuration id.
    pub fn configuration_id(mut self, id: &str) -> Self {
        self.payload.configuration_id = id.into();
        self
    }

    /// Another integration id.
    pub fn integration_id(mut self, id: &str) -> Self {
        self.payload.integration_id = id.into();
        self
    }

    /// Another slug.
    pub fn slug(mut self, slug: &str) -> Self {
        self.payload.slug = slug.into();
        self
    }

    /// Another installation URL.
    pub fn installation_url(mut self, url: &str) -> Self {
        self.payload.installation_url = url.into();
        self
    }

    /// Adds a query parameter of the dashboard page.
    pub fn query(mut self, name: &str, value: QueryValue) -> Self {
        self.payload.query.insert(name.to_owned(), value);
        self
    }

    /// Sets `installing` (the unmerged installation-complete proposal).
    pub fn installing(mut self, installing: bool) -> Self {
        self.payload.installing = Some(installing);
        self
    }

    /// Adds a field the payload type does not know, kept as sent.
    pub fn extra(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.payload.extra.insert(name.to_owned(), value.into());
        self
    }

    /// The payload.
    pub fn build(self) -> Payload {
        self.payload
    }
}

/// What a router answered: status, headers and the body as text (a body
/// that is not UTF-8 is kept with replacement characters, so an assertion
/// on it fails with something readable).
#[derive(Clone, Debug)]
pub struct TestResponse {
    /// The status code.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The body.
    pub body: String,
}

/// POSTs `payload` as JSON to `/`, as the dashboard did, and reads the whole
/// answer.
pub async fn call(router: &Router, payload: &Payload) -> TestResponse {
    let body = serde_json::to_vec(payload).unwrap_or_default();
    let request = Request::builder()
        .method(Method::POST)
        .uri("/")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body));
    match request {
        Ok(request) => send(router, request).await,
        // A builder with constant parts cannot fail; report it as a 500
        // rather than panicking inside someone's test helper.
        Err(e) => TestResponse {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            headers: HeaderMap::new(),
            body: format!("uihook::testing: cannot build the request: {e}"),
        },
    }
}

/// Sends any request (an `OPTIONS`, a `GET`, a webhook with its signature)
/// through a clone of `router` and reads the whole answer.
pub async fn send(router: &Router, request: Request<Body>) -> TestResponse {
    let response = match router.clone().oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    let (parts, body) = response.into_parts();
    let body = match body.collect().await {
        Ok(collected) => String::from_utf8_lossy(&collected.to_bytes()).into_owned(),
        Err(e) => format!("uihook::testing: the body failed while being read: {e}"),
    };
    TestResponse {
        status: parts.status,
        headers: parts.headers,
        body,
    }
}

impl TestResponse {
    /// Whether the body is the "Internal Integration Error" page.
    pub fn is_error_page(&self) -> bool {
        self.body.contains(">Internal Integration Error</Box>")
            && self.body.contains("Reference Code: ")
    }

    /// Panics unless the status is 200 and the body is not the error page
    /// (the hook's handler failed: see its log for the reference code).
    #[track_caller]
    pub fn assert_ok(&self) -> &Self {
        assert!(
            self.status == StatusCode::OK,
            "the hook answered {} instead of 200:\n{}",
            self.status,
            self.body
        );
        assert!(
            !self.is_error_page(),
            "the hook answered the \"Internal Integration Error\" page (its handler returned an error):\n{}",
            self.body
        );
        self
    }

    /// Panics unless the body has no errors and no warnings under the
    /// default rules, listing each problem as `uihook lint` names it.
    #[track_caller]
    pub fn assert_lints_clean(&self) -> &Self {
        self.assert_lints_clean_with(&Settings::default())
    }

    /// [`TestResponse::assert_lints_clean`] under your own settings (the
    /// severities of your `uihook.toml`, extra components, …).
    #[track_caller]
    pub fn assert_lints_clean_with(&self, settings: &Settings) -> &Self {
        let problems = self.problems(settings);
        assert!(
            problems.is_empty(),
            "the hook's answer does not lint clean:\n{}\nmarkup: {}",
            problems.join("\n"),
            self.body
        );
        self
    }

    /// Every diagnostic of the body under `settings`, one line each:
    /// `line:column: severity[code]: message (help: …)`.
    pub fn problems(&self, settings: &Settings) -> Vec<String> {
        analyze(&self.body, settings)
            .diagnostics
            .iter()
            .map(|d| {
                let help = d
                    .help
                    .as_deref()
                    .map(|h| format!(" (help: {h})"))
                    .unwrap_or_default();
                let (line, column) = line_column(&self.body, d.span().start);
                format!(
                    "  {line}:{column}: {}[{}]: {}{help}",
                    d.severity.as_str(),
                    d.code.as_str(),
                    d.message
                )
            })
            .collect()
    }

    /// The text the dashboard would show and every attribute string, decoded
    /// (entities and escapes undone), in document order: what a user sees,
    /// whatever escaping the markup needed.
    pub fn decoded(&self) -> Vec<String> {
        let document = analyze(&self.body, &Settings::default()).document;
        let mut out = Vec::new();
        collect(&document.tree(), &mut out);
        out
    }

    /// Panics unless `value` comes back from the markup unchanged: some run
    /// of text contains it, or some attribute's value is exactly it. This is
    /// the check that user data was escaped, not lost or doubled (`&amp;amp;`).
    #[track_caller]
    pub fn assert_decodes(&self, value: &str) -> &Self {
        let decoded = self.decoded();
        assert!(
            decoded.iter().any(|d| d.contains(value)),
            "{value:?} does not come back from the markup; its text and attribute values are {decoded:?}\nmarkup: {}",
            self.body
        );
        self
    }
}

/// The 1-based line and column (in characters) of byte `offset`; an offset
/// past the end or inside a character counts from the last whole one.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn collect(nodes: &[TreeNode], out: &mut Vec<String>) {
    for node in nodes {
        match node {
            TreeNode::Element(_, attributes, children) => {
                for (_, value) in attributes {
                    match value {
                        TreeValue::Str(s) => out.push(s.clone()),
                        TreeValue::Element(element) => collect(std::slice::from_ref(element), out),
                        _ => {}
                    }
                }
                collect(children, out);
            }
            TreeNode::Text(text) => out.push(text.clone()),
            _ => {}
        }
    }
}

/// The fake platform API ([`Platform`], the one `uihook dev` serves) on a
/// free loopback port of the test's runtime, with an [`ApiConfig`] pointing
/// at it. Dropping it stops the server.
#[derive(Debug)]
pub struct FakeApi {
    platform: Arc<Platform>,
    base_url: String,
    server: tokio::task::JoinHandle<()>,
}

impl FakeApi {
    /// Serves an empty platform that accepts the fixture's [`TOKEN`] (no
    /// team). Needs a tokio runtime with I/O (`#[tokio::test]`). For
    /// [`PayloadBuilder::team`] payloads, serve
    /// `Platform::new(TOKEN, Some(TEAM_ID))`, which checks `teamId` too.
    pub async fn start() -> std::io::Result<FakeApi> {
        FakeApi::serve(Platform::new(TOKEN, None).named("uihook::testing")).await
    }

    /// Serves `platform` (your token and team, metadata to start from).
    pub async fn serve(platform: Platform) -> std::io::Result<FakeApi> {
        let platform = Arc::new(platform);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let base_url = format!("http://{}", listener.local_addr()?);
        let app = Arc::clone(&platform).app();
        let server = tokio::spawn(async move {
            // Serving ends only when the task is aborted (on drop).
            let _ = axum::serve(listener, app).await;
        });
        Ok(FakeApi {
            platform,
            base_url,
            server,
        })
    }

    /// The API configuration to give the hook: `Hook::new(h).api(fake.config())`.
    pub fn config(&self) -> ApiConfig {
        ApiConfig::with_base_url(&self.base_url)
    }

    /// `http://127.0.0.1:PORT`, for hooks that read `UIHOOK_API_BASE`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The platform: its stores ([`Platform::snapshot`]) and call log.
    pub fn platform(&self) -> &Platform {
        &self.platform
    }
}

impl Drop for FakeApi {
    fn drop(&mut self) {
        self.server.abort();
    }
}
