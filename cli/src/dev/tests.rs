//! Route tests of `uihook dev`: the page and JSON routes through
//! `tower::ServiceExt::oneshot`, and, on random ports, real hooks (built with
//! the runtime crate) and the runtime's own API client against the local
//! platform API.

use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

use super::*;

const HOST: &str = "127.0.0.1:3000";

fn platform(persist: Option<PathBuf>) -> Arc<Platform> {
    let fixture = Fixture::default();
    Arc::new(platform::open(fixture.token(), fixture.team_id(), persist).expect("a platform"))
}

fn dev_for(source: Source) -> Arc<Dev> {
    Arc::new(Dev::new(
        source,
        Fixture::default(),
        platform(None),
        None,
        "http://127.0.0.1:3000".to_owned(),
    ))
}

fn hook_source(url: &str, timeout: Duration) -> Source {
    Source::Hook {
        url: url.to_owned(),
        agent: crate::probe::agent(url, timeout),
        timeout,
    }
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

async fn call(
    app: &Router,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: Option<String>,
) -> Answer {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header("host", HOST);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = match body {
        Some(body) => request
            .header("content-type", "application/json")
            .body(Body::from(body)),
        None => request.body(Body::empty()),
    }
    .expect("a request");
    let response = app.clone().oneshot(request).await.expect("an answer");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("a body")
        .to_bytes()
        .to_vec();
    Answer {
        status,
        headers,
        body,
    }
}

async fn action(app: &Router, body: Value) -> Answer {
    call(app, "POST", "/_uihook/action", &[], Some(body.to_string())).await
}

const BEARER: (&str, &str) = ("authorization", "Bearer uihook-dev-token");
const METADATA: &str = "/v1/integrations/configuration/icfg_uihookdev0000000000/metadata";

fn watched(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("view.uihook");
    std::fs::write(&path, text).expect("written");
    (dir, path)
}

fn watch_source(path: PathBuf) -> (Source, watch::Sender<u64>) {
    let (tx, rx) = watch::channel(0);
    (Source::Watch { path, version: rx }, tx)
}

#[tokio::test]
async fn the_page_and_its_assets_are_served_with_a_strict_policy() {
    let (_dir, path) = watched("<Page/>");
    let (source, _tx) = watch_source(path);
    let app = app(dev_for(source));
    let page = call(&app, "GET", "/", &[], None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page
        .text()
        .contains("<script src=\"/_uihook/dev.js\" defer></script>"));
    let csp = page.headers["content-security-policy"]
        .to_str()
        .expect("ASCII");
    assert!(csp.contains("script-src 'self';"), "{csp}");
    for (path, kind, body) in [
        ("/_uihook/dev.js", "text/javascript; charset=utf-8", SCRIPT),
        ("/_uihook/dev.css", "text/css; charset=utf-8", STYLE),
        (
            "/_uihook/view.css",
            "text/css; charset=utf-8",
            uihook_preview::STYLESHEET,
        ),
    ] {
        let a = call(&app, "GET", path, &[], None).await;
        assert_eq!(a.status, StatusCode::OK, "{path}");
        assert_eq!(a.headers["content-type"], kind, "{path}");
        assert_eq!(a.text(), body, "{path}");
    }
    assert_eq!(
        call(&app, "GET", "/nothing", &[], None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn only_loopback_host_names_are_answered() {
    let (_dir, path) = watched("<Page/>");
    let (source, _tx) = watch_source(path);
    let app = app(dev_for(source));
    for host in [
        "evil.example",
        "evil.example:3000",
        "127.0.0.1.evil.example",
        "127.0.0.1.evil.example:3000",
        "localhost.evil.example",
    ] {
        let request = Request::builder()
            .uri("/_uihook/state")
            .header("host", host)
            .body(Body::empty())
            .expect("a request");
        let response = app.clone().oneshot(request).await.expect("an answer");
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{host}");
    }
    let request = Request::builder()
        .uri("/_uihook/state")
        .body(Body::empty())
        .expect("a request");
    let response = app.clone().oneshot(request).await.expect("an answer");
    assert_eq!(response.status(), StatusCode::FORBIDDEN, "no Host");
    for host in ["localhost:3000", "127.0.0.1", "[::1]:3000", "127.0.0.2:80"] {
        assert!(is_loopback_host(host), "{host}");
    }
}

#[tokio::test]
async fn watch_mode_renders_the_file_with_the_linters_diagnostics() {
    let (_dir, path) = watched("<Page>\n<P>Hello</P>\n<Bogus/>\n</Page>");
    let (source, _tx) = watch_source(path.clone());
    let app = app(dev_for(source));
    let a = action(&app, json!({"action": "view", "clientState": {}})).await;
    assert_eq!(a.status, StatusCode::OK);
    let v = a.json();
    assert_eq!(v["outcome"], "ok");
    assert_eq!(v["seq"], 1);
    assert!(v["html"]
        .as_str()
        .is_some_and(|h| h.starts_with("<div class=\"uh-view\">") && h.contains("Hello")));
    assert_eq!(v["errors"], 1);
    assert_eq!(v["diagnostics"][0]["code"], "unknown-component");
    assert_eq!(v["diagnostics"][0]["line"], 3);
    assert_eq!(v["payload"]["action"], "view");
    std::fs::remove_file(&path).expect("removed");
    let v = action(&app, json!({"action": "view"})).await.json();
    assert_eq!(v["outcome"], "file");
    assert!(v["error"]["title"]
        .as_str()
        .is_some_and(|t| t.starts_with("Cannot read ")));
    assert!(v.get("html").is_none());
}

#[tokio::test]
async fn the_watcher_bumps_the_version_and_wakes_the_long_poll() {
    let (_dir, path) = watched("<Page><P>one</P></Page>");
    let (tx, rx) = watch::channel(0);
    let watcher = tokio::spawn(watch_file(path.clone(), tx));
    let app = app(dev_for(Source::Watch {
        path: path.clone(),
        version: rx,
    }));
    let waiting = {
        let app = app.clone();
        tokio::spawn(async move { call(&app, "GET", "/_uihook/wait?version=0", &[], None).await })
    };
    tokio::time::sleep(WATCH_INTERVAL * 2).await;
    std::fs::write(&path, "<Page><P>two</P></Page>").expect("written");
    let answer = tokio::time::timeout(Duration::from_secs(5), waiting)
        .await
        .expect("the long poll answered")
        .expect("joined");
    assert_eq!(answer.json(), json!({"version": 1}));
    let state = call(&app, "GET", "/_uihook/state", &[], None).await.json();
    assert_eq!(state["mode"], "watch");
    assert_eq!(state["version"], 1);
    // A version the page does not have yet answers at once.
    let now = call(&app, "GET", "/_uihook/wait?version=0", &[], None).await;
    assert_eq!(now.json(), json!({"version": 1}));
    watcher.abort();
}

#[tokio::test]
async fn malformed_action_requests_are_refused() {
    let (_dir, path) = watched("<Page/>");
    let (source, _tx) = watch_source(path);
    let app = app(dev_for(source));
    for (body, needle) in [
        (json!({"clientState": {}}), "missing field `action`"),
        (json!({"action": ""}), "the action must not be empty"),
        (json!({"action": "a", "clientState": [1]}), "invalid type"),
        (json!({"action": "a", "bogus": 1}), "unknown field `bogus`"),
    ] {
        let a = action(&app, body.clone()).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{body}");
        let message = a.json()["error"].as_str().unwrap_or_default().to_owned();
        assert!(message.contains(needle), "{body}: {message}");
    }
    // A cross-site form cannot send JSON: a form body is refused.
    let request = Request::builder()
        .method("POST")
        .uri("/_uihook/action")
        .header("host", HOST)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from("action=view"))
        .expect("a request");
    let response = app.clone().oneshot(request).await.expect("an answer");
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_fixture_can_be_edited_and_changes_the_expected_token() {
    let (_dir, path) = watched("<Page/>");
    let (source, _tx) = watch_source(path);
    let app = app(dev_for(source));
    let refused = call(&app, "PUT", "/_uihook/fixture", &[], Some("[]".to_owned())).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        refused.json(),
        json!({"error": "the fixture must be a JSON object of payload fields"})
    );
    let fixture = json!({"token": "new-token", "teamId": "team_1", "projects": [{"id": "prj_a", "name": "A"}]});
    let state = call(
        &app,
        "PUT",
        "/_uihook/fixture",
        &[],
        Some(fixture.to_string()),
    )
    .await;
    assert_eq!(state.status, StatusCode::OK);
    let state = state.json();
    assert_eq!(state["fixture"]["token"], "new-token");
    assert_eq!(state["projects"], json!([{"id": "prj_a", "name": "A"}]));
    let v = action(&app, json!({"action": "view", "projectId": "prj_a"}))
        .await
        .json();
    assert_eq!(v["payload"]["token"], "new-token");
    assert_eq!(v["payload"]["teamId"], "team_1");
    assert_eq!(v["payload"]["project"], json!({"id": "prj_a", "name": "A"}));
    // The old token no longer opens the platform API; the new one does.
    assert_eq!(
        call(&app, "GET", METADATA, &[BEARER], None).await.status,
        StatusCode::FORBIDDEN
    );
    let ok = call(
        &app,
        "GET",
        &format!("{METADATA}?teamId=team_1"),
        &[("authorization", "Bearer new-token")],
        None,
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK);
}

#[tokio::test]
async fn metadata_is_one_object_replaced_whole_up_to_100_kb() {
    let (_dir, path) = watched("<Page/>");
    let (source, _tx) = watch_source(path);
    let dev = dev_for(source);
    let app = app(Arc::clone(&dev));
    let empty = call(&app, "GET", METADATA, &[BEARER], None).await;
    assert_eq!(empty.status, StatusCode::OK);
    assert_eq!(empty.json(), json!({}));
    let set = call(
        &app,
        "POST",
        METADATA,
        &[BEARER],
        Some(json!({"count": 1}).to_string()),
    )
    .await;
    assert_eq!(
        (set.status, set.json()),
        (StatusCode::OK, json!({"count": 1}))
    );
    let set = call(
        &app,
        "POST",
        METADATA,
        &[BEARER],
        Some(json!({"other": true}).to_string()),
    )
    .await;
    assert_eq!(set.status, StatusCode::OK);
    let read = call(&app, "GET", METADATA, &[BEARER], None).await;
    assert_eq!(
        read.json(),
        json!({"other": true}),
        "POST replaces the whole object"
    );

    // Exactly at the limit passes; one byte more is 413.
    let filler = |n: usize| json!({ "x": "a".repeat(n) });
    let overhead = filler(0).to_string().len();
    let at_limit = filler(platform::METADATA_LIMIT - overhead).to_string();
    assert_eq!(at_limit.len(), platform::METADATA_LIMIT);
    let a = call(&app, "POST", METADATA, &[BEARER], Some(at_limit)).await;
    assert_eq!(a.status, StatusCode::OK);
    let over = filler(platform::METADATA_LIMIT - overhead + 1).to_string();
    let a = call(&app, "POST", METADATA, &[BEARER], Some(over)).await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);
    insta::assert_snapshot!(a.json()["error"]["message"].as_str().unwrap_or_default(), @"metadata is 102401 bytes, over the limit of 102400 bytes (100 KB per configuration)");
    for (body, message) in [
        ("[1]", "metadata must be a JSON object"),
        (
            "{",
            "the body is not JSON: EOF while parsing an object at line 1 column 1",
        ),
    ] {
        let a = call(&app, "POST", METADATA, &[BEARER], Some(body.to_owned())).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST);
        assert_eq!(a.json()["error"]["message"], message);
    }
    let summaries: Vec<(u16, String)> = dev
        .platform
        .calls_since(0)
        .into_iter()
        .map(|c| (c.status, c.summary))
        .collect();
    assert_eq!(summaries[0], (200, "read 0 keys".to_owned()));
    assert_eq!(
        summaries[1],
        (200, "replaced with 1 keys, 11 bytes".to_owned())
    );
    assert_eq!(
        summaries[5],
        (413, "refused: 102401 bytes, over 100 KB".to_owned())
    );
    assert_eq!(
        summaries[6],
        (400, "refused: an array is not an object".to_owned())
    );
}

#[tokio::test]
async fn the_platform_api_wants_the_payloads_token() {
    let (_dir, path) = watched("<Page/>");
    let (source, _tx) = watch_source(path);
    let dev = dev_for(source);
    let app = app(Arc::clone(&dev));
    let none = call(&app, "GET", METADATA, &[], None).await;
    assert_eq!(none.status, StatusCode::FORBIDDEN);
    insta::assert_snapshot!(none.json()["error"]["message"].as_str().unwrap_or_default(), @"uihook dev: the request has no `Authorization: Bearer` header; send `Authorization: Bearer <payload.token>`");
    let wrong = call(
        &app,
        "GET",
        METADATA,
        &[("authorization", "Bearer nope")],
        None,
    )
    .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    let calls = dev.platform.calls_since(0);
    assert_eq!(calls.len(), 2);
    assert_eq!(
        calls[1].summary,
        "refused: a token other than the payload's"
    );
}

#[tokio::test]
async fn secrets_and_env_behave_as_the_client_expects_and_are_recorded() {
    let (_dir, path) = watched("<Page/>");
    let (source, _tx) = watch_source(path);
    let dev = dev_for(source);
    let app = app(Arc::clone(&dev));
    let secret = json!({"name": "db-0123456789", "value": "hunter2"}).to_string();
    let a = call(
        &app,
        "POST",
        "/v2/now/secrets",
        &[BEARER],
        Some(secret.clone()),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.json()["name"], "db-0123456789");
    let again = call(&app, "POST", "/v2/now/secrets", &[BEARER], Some(secret)).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let env = "/v1/projects/prj_1/env";
    let body = json!({"key": "DB", "value": "@db-0123456789"}).to_string();
    assert_eq!(
        call(&app, "POST", env, &[BEARER], Some(body)).await.status,
        StatusCode::OK
    );
    let bad = call(
        &app,
        "POST",
        env,
        &[BEARER],
        Some(json!({"key": 1}).to_string()),
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let gone = call(&app, "DELETE", "/v1/projects/prj_1/env/DB", &[BEARER], None).await;
    assert_eq!(gone.status, StatusCode::OK);
    let missing = call(&app, "DELETE", "/v1/projects/prj_1/env/DB", &[BEARER], None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let unknown = call(&app, "GET", "/v9/deployments", &[BEARER], None).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let unknown = call(&app, "GET", "/v2/deployments?teamId=t", &[BEARER], None).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let log: Vec<String> = dev
        .platform
        .calls_since(0)
        .iter()
        .map(|c| format!("{} {} {} {}", c.method, c.path, c.status, c.summary))
        .collect();
    assert_eq!(
        log,
        [
            "POST /v2/now/secrets 200 created `db-0123456789` (7 bytes)",
            "POST /v2/now/secrets 409 `db-0123456789` exists (409)",
            "POST /v1/projects/prj_1/env 200 added `DB` in `prj_1`",
            "POST /v1/projects/prj_1/env 400 refused: the body needs a string `key`",
            "DELETE /v1/projects/prj_1/env/DB 200 removed `DB` from `prj_1`",
            "DELETE /v1/projects/prj_1/env/DB 404 `DB` not set in `prj_1` (404)",
            "GET /v2/deployments 404 not faked by uihook dev",
        ]
    );
    let snapshot = call(&app, "GET", "/_uihook/platform", &[], None)
        .await
        .json();
    assert_eq!(
        snapshot["secrets"],
        json!([{"name": "db-0123456789", "valueBytes": 7}]),
        "secret values are never shown"
    );
    assert_eq!(snapshot["env"], json!({"prj_1": {}}));
}

#[tokio::test]
async fn team_installs_are_flagged_when_teamid_is_missing() {
    let fixture = Fixture::from_value(json!({"teamId": "team_1"})).expect("valid");
    let platform = Arc::new(platform::open(fixture.token(), fixture.team_id(), None).expect("ok"));
    let (_dir, path) = watched("<Page/>");
    let (source, _tx) = watch_source(path);
    let dev = Arc::new(Dev::new(source, fixture, platform, None, String::new()));
    let app = app(Arc::clone(&dev));
    call(&app, "GET", METADATA, &[BEARER], None).await;
    call(
        &app,
        "GET",
        &format!("{METADATA}?teamId=team_1"),
        &[BEARER],
        None,
    )
    .await;
    let calls = dev.platform.calls_since(0);
    assert_eq!(
        calls[0].summary,
        "read 0 keys (no `teamId=team_1` query parameter)"
    );
    assert_eq!(calls[1].summary, "read 0 keys");
    assert_eq!(calls[1].team_id.as_deref(), Some("team_1"));
}

#[test]
fn metadata_persists_across_restarts() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("metadata.json");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let (_d, path) = watched("<Page/>");
        let (tx, rx) = watch::channel(0);
        drop(tx);
        let dev = Arc::new(Dev::new(
            Source::Watch { path, version: rx },
            Fixture::default(),
            platform(Some(file.clone())),
            None,
            String::new(),
        ));
        let app = app(dev);
        let body = json!({"count": 7}).to_string();
        assert_eq!(
            call(&app, "POST", METADATA, &[BEARER], Some(body))
                .await
                .status,
            StatusCode::OK
        );
    });
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("saved")).expect("JSON");
    assert_eq!(saved, json!({"icfg_uihookdev0000000000": {"count": 7}}));
    let again = platform(Some(file.clone()));
    assert!(again.snapshot().metadata["icfg_uihookdev0000000000"]["count"] == 7);
    std::fs::write(&file, "[]").expect("written");
    let refused = platform::open("t", None, Some(file));
    assert!(refused.is_err_and(|e| e.contains("not a JSON object of configuration id")));
}

/// Serves `router` on a random loopback port; returns its base URL.
async fn serve_on_random_port(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    tokio::spawn(async move { axum::serve(listener, router).await });
    base
}

#[tokio::test]
async fn the_runtime_client_works_against_the_local_platform_api() {
    use uihook_runtime::client::{ApiConfig, ApiError};
    assert_eq!(API_BASE_ENV, uihook_runtime::client::API_BASE_ENV);
    assert_eq!(
        platform::METADATA_LIMIT,
        uihook_runtime::client::METADATA_LIMIT
    );
    let (_dir, path) = watched("<Page/>");
    let (source, _tx) = watch_source(path);
    let dev = dev_for(source);
    let base = serve_on_random_port(app(Arc::clone(&dev))).await;
    let api = ApiConfig::with_base_url(&base).client(
        "uihook-dev-token",
        None,
        "icfg_uihookdev0000000000",
    );
    let mut metadata = api.get_metadata().await.expect("read");
    assert!(metadata.is_empty());
    metadata.insert("count".to_owned(), json!(1));
    api.set_metadata(&metadata).await.expect("written");
    assert_eq!(api.get_metadata().await.expect("read")["count"], 1);
    let name = api.ensure_secret("db", "hunter2").await.expect("created");
    assert_eq!(
        api.ensure_secret("db", "hunter2")
            .await
            .expect("409 is fine"),
        name
    );
    api.upsert_env("prj_1", "DB", &name).await.expect("added");
    api.remove_env("prj_1", "DB").await.expect("removed");
    api.remove_env("prj_1", "DB").await.expect("404 is fine");
    let wrong = ApiConfig::with_base_url(&base).client("stale", None, "icfg_uihookdev0000000000");
    let refused = wrong.get_metadata().await;
    assert!(
        matches!(&refused, Err(ApiError::Status { status: 403, code: Some(c), .. }) if c == "forbidden"),
        "{refused:?}"
    );
    assert_eq!(dev.platform.calls_since(0).len(), 9);
}

/// A hook on a random port that echoes its payload and, on `count`, uses
/// the platform API at `api_base`.
async fn echo_hook(api_base: &str) -> String {
    use uihook_runtime::{ApiClient, ApiConfig, ApiError, Payload};
    async fn handler(payload: Payload, api: ApiClient) -> Result<String, ApiError> {
        if payload.action == "count" {
            let mut m = api.get_metadata().await?;
            m.insert("n".to_owned(), json!(1));
            api.set_metadata(&m).await?;
        }
        let state = Value::Object(payload.client_state.0.clone()).to_string();
        Ok(format!(
            "<Page><P>{}</P><P>{}</P><P>{}</P></Page>",
            uihook_compiler::escape::markup_text(&payload.action),
            uihook_compiler::escape::markup_text(&state),
            uihook_compiler::escape::markup_text(payload.project_id().unwrap_or("-")),
        ))
    }
    let hook = uihook_runtime::axum::Hook::new(handler)
        .api(ApiConfig::with_base_url(api_base))
        .into_router();
    serve_on_random_port(hook).await
}

#[tokio::test]
async fn actions_reach_the_hook_with_the_payload_and_its_api_calls_are_reported() {
    // The dev server must listen before the hook can be pointed at it.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    let hook_url = echo_hook(&base).await;
    let dev = dev_for(hook_source(&hook_url, Duration::from_secs(5)));
    let router = app(Arc::clone(&dev));
    tokio::spawn(async move { axum::serve(listener, router.clone()).await });
    let app = app(Arc::clone(&dev));
    let v = action(
        &app,
        json!({"action": "save", "clientState": {"name": "<Ada>", "agree": true}, "projectId": "prj_uihookdev0001"}),
    )
    .await
    .json();
    assert_eq!(v["outcome"], "ok", "{v}");
    assert_eq!(v["status"], 200);
    assert!(v["bytes"].as_u64().is_some_and(|b| b > 0));
    let html = v["html"].as_str().expect("rendered");
    assert!(html.contains(">save</p>"), "{html}");
    assert!(html.contains("&lt;Ada&gt;"), "{html}");
    assert!(html.contains("prj_uihookdev0001"), "{html}");
    assert_eq!(v["platform"], json!([]));
    let v = action(&app, json!({"action": "count"})).await.json();
    assert_eq!(v["outcome"], "ok", "{v}");
    let calls = v["platform"].as_array().expect("calls");
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0]["method"], "GET");
    assert_eq!(calls[1]["summary"], "replaced with 1 keys, 7 bytes");
}

#[tokio::test]
async fn a_hook_that_is_down_slow_or_failing_is_reported_as_such() {
    // Down: a port that was free a moment ago.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
        format!("http://{}", l.local_addr().expect("an address"))
    };
    let app1 = app(dev_for(hook_source(&closed, Duration::from_secs(2))));
    let v = action(&app1, json!({"action": "view"})).await.json();
    assert_eq!(v["outcome"], "connect");
    assert_eq!(
        v["error"]["title"],
        format!("Could not connect to the hook at {closed}")
    );

    // Slow, failing and empty hooks, one path each.
    let slow = Router::new()
        .route(
            "/slow",
            post(|| async {
                tokio::time::sleep(Duration::from_secs(3)).await;
                "<Page/>"
            }),
        )
        .route(
            "/500",
            post(|| async { (StatusCode::INTERNAL_SERVER_ERROR, "database is down") }),
        )
        .route("/empty", post(|| async { "" }));
    let base = serve_on_random_port(slow).await;
    let app2 = app(dev_for(hook_source(
        &format!("{base}/slow"),
        Duration::from_millis(300),
    )));
    let v = action(&app2, json!({"action": "view"})).await.json();
    assert_eq!(v["outcome"], "timeout");
    assert_eq!(v["error"]["title"], "The hook did not answer within 0.3 s");

    let app3 = app(dev_for(hook_source(
        &format!("{base}/500"),
        Duration::from_secs(5),
    )));
    let v = action(&app3, json!({"action": "view"})).await.json();
    assert_eq!(v["outcome"], "status");
    assert_eq!(v["status"], 500);
    assert_eq!(v["source"], "database is down");
    assert!(v.get("html").is_none());

    let app4 = app(dev_for(hook_source(
        &format!("{base}/empty"),
        Duration::from_secs(5),
    )));
    let v = action(&app4, json!({"action": "view"})).await.json();
    assert_eq!(v["outcome"], "empty");

    // A failing handler: the runtime's error page, flagged and shown.
    use uihook_runtime::{ApiClient, Payload};
    async fn fails(_: Payload, _: ApiClient) -> Result<String, &'static str> {
        Err("boom")
    }
    let failing = serve_on_random_port(uihook_runtime::axum::router(fails)).await;
    let app5 = app(dev_for(hook_source(&failing, Duration::from_secs(5))));
    let v = action(&app5, json!({"action": "view"})).await.json();
    assert_eq!(v["outcome"], "internal-error");
    assert!(v["html"]
        .as_str()
        .is_some_and(|h| h.contains("Internal Integration Error")));
}

#[test]
fn loopback_ports_are_passed_to_run() {
    assert_eq!(loopback_port("http://127.0.0.1:5005"), Some(5005));
    assert_eq!(loopback_port("http://localhost:8080/hook"), Some(8080));
    assert_eq!(loopback_port("http://[::1]:7000/"), Some(7000));
    assert_eq!(loopback_port("https://example.com:8443/"), None);
    assert_eq!(loopback_port("http://127.0.0.1/"), None);
}
