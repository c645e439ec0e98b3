//! The API client against a mock platform on 127.0.0.1 (an axum server in
//! the test): paths, bearer token, `teamId`, bodies, statuses and errors.

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use uihook_runtime::client::METADATA_LIMIT;
use uihook_runtime::{ApiConfig, ApiError, Payload};

#[derive(Clone, Debug)]
struct Seen {
    method: Method,
    uri: String,
    auth: Option<String>,
    content_type: Option<String>,
    body: String,
}

#[derive(Clone, Default)]
struct Mock {
    seen: Arc<Mutex<Vec<Seen>>>,
    metadata: Arc<Mutex<Value>>,
}

async fn platform(State(mock): State<Mock>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body: Bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let header = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let seen = Seen {
        method: parts.method.clone(),
        uri: parts.uri.to_string(),
        auth: header("authorization"),
        content_type: header("content-type"),
        body: String::from_utf8_lossy(&body).into_owned(),
    };
    mock.seen.lock().expect("lock").push(seen);
    let path = parts.uri.path();
    match (parts.method.as_str(), path) {
        ("GET", p) if p.ends_with("/metadata") => {
            j(mock.metadata.lock().expect("lock").clone()).into_response()
        }
        ("POST", p) if p.ends_with("/metadata") => {
            let value: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
            *mock.metadata.lock().expect("lock") = value.clone();
            j(value).into_response()
        }
        ("POST", "/v2/now/secrets") => {
            let value: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
            if value["value"] == "exists" {
                (StatusCode::CONFLICT, j(json!({"error": {"code": "conflict", "message": "exists"}}))).into_response()
            } else if value["value"] == "forbidden" {
                (StatusCode::FORBIDDEN, j(json!({"error": {"code": "forbidden", "message": "Not authorized"}}))).into_response()
            } else {
                j(json!({"uid": "sec_1"})).into_response()
            }
        }
        ("POST", p) if p.starts_with("/v1/projects/") => j(json!({"created": true})).into_response(),
        ("DELETE", "/v1/projects/prj_1/env/GONE") => StatusCode::NOT_FOUND.into_response(),
        ("DELETE", "/v1/projects/prj_1/env/BROKEN") => (StatusCode::INTERNAL_SERVER_ERROR, "plain failure").into_response(),
        ("DELETE", p) if p.starts_with("/v1/projects/") => j(json!({})).into_response(),
        ("POST", "/v2/oauth/access_token") => j(json!({
            "token_type": "Bearer", "access_token": "long-lived", "installation_id": "icfg_1", "user_id": "u_1", "team_id": null
        }))
        .into_response(),
        _ => (StatusCode::NOT_FOUND, j(json!({"error": {"code": "not_found", "message": "Not found"}}))).into_response(),
    }
}

async fn start() -> (ApiConfig, Mock) {
    let mock = Mock::default();
    *mock.metadata.lock().expect("lock") = json!({});
    let app = axum::Router::new()
        .fallback(platform)
        .with_state(mock.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await });
    (ApiConfig::with_base_url(format!("http://{addr}/")), mock)
}

fn payload(team: Option<&str>) -> Payload {
    Payload {
        token: "tok_1".into(),
        team_id: team.map(Into::into),
        configuration_id: "icfg 1/x".into(),
        ..Payload::default()
    }
}

fn last(mock: &Mock) -> Seen {
    mock.seen
        .lock()
        .expect("lock")
        .last()
        .cloned()
        .expect("a request")
}

#[tokio::test]
async fn metadata_round_trip_with_team() {
    let (config, mock) = start().await;
    let api = config.client_for(&payload(Some("team a&b")));
    assert_eq!(
        api.get_metadata().await.expect("get"),
        serde_json::Map::new()
    );
    let seen = last(&mock);
    assert_eq!(seen.method, Method::GET);
    assert_eq!(
        seen.uri,
        "/v1/integrations/configuration/icfg%201%2Fx/metadata?teamId=team+a%26b"
    );
    assert_eq!(seen.auth.as_deref(), Some("Bearer tok_1"));

    let saved = api.set_metadata(&json!({"count": 3})).await.expect("set");
    assert_eq!(saved, json!({"count": 3}));
    let seen = last(&mock);
    assert_eq!(seen.method, Method::POST);
    assert_eq!(seen.body, r#"{"count":3}"#);
    assert_eq!(seen.content_type.as_deref(), Some("application/json"));
    assert_eq!(api.get_metadata().await.expect("get")["count"], 3);
}

#[tokio::test]
async fn no_team_no_query() {
    let (config, mock) = start().await;
    let api = config.client_for(&payload(None));
    api.get_metadata().await.expect("get");
    assert_eq!(
        last(&mock).uri,
        "/v1/integrations/configuration/icfg%201%2Fx/metadata"
    );
}

#[tokio::test]
async fn metadata_over_100_kb_is_refused_before_sending() {
    let (config, mock) = start().await;
    let api = config.client_for(&payload(None));
    let big = json!({"blob": "x".repeat(METADATA_LIMIT)});
    match api.set_metadata(&big).await {
        Err(ApiError::MetadataTooLarge { size, limit }) => {
            assert!(size > limit);
            assert_eq!(limit, 100 * 1024);
        }
        other => panic!("{other:?}"),
    }
    assert!(
        mock.seen.lock().expect("lock").is_empty(),
        "nothing was sent"
    );
    let err = api
        .set_metadata(&json!([1, 2]))
        .await
        .expect_err("not an object");
    assert!(err.to_string().contains("JSON object"), "{err}");
    // Exactly at the limit is fine.
    let filler = METADATA_LIMIT - r#"{"b":""}"#.len();
    api.set_metadata(&json!({"b": "y".repeat(filler)}))
        .await
        .expect("at the limit");
}

#[tokio::test]
async fn ensure_secret_names_and_conflicts() {
    let (config, mock) = start().await;
    let api = config.client_for(&payload(Some("t")));
    // SHA-1("mongo_url_for_my_db") = 15e38626882e9ec5a160928c50da91ccf9783205
    // (computed once with `printf mongo_url_for_my_db | sha1sum`).
    let name = api
        .ensure_secret("mongo_url", "mongo_url_for_my_db")
        .await
        .expect("created");
    assert_eq!(name, "mongo_url-15e3862688");
    let seen = last(&mock);
    assert_eq!(seen.uri, "/v2/now/secrets?teamId=t");
    let body: Value = serde_json::from_str(&seen.body).expect("json");
    assert_eq!(
        body,
        json!({"name": "mongo_url-15e3862688", "value": "mongo_url_for_my_db"})
    );
    assert!(
        api.ensure_secret("p", "exists").await.is_ok(),
        "409 means it exists"
    );
    match api.ensure_secret("p", "forbidden").await {
        Err(ApiError::Status {
            status: 403,
            code,
            message,
        }) => {
            assert_eq!(code.as_deref(), Some("forbidden"));
            assert_eq!(message, "Not authorized");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn env_upsert_and_remove() {
    let (config, mock) = start().await;
    let api = config.client_for(&payload(None));
    api.upsert_env("prj_1", "MONGO_URL", "mongo_url-15e3862688")
        .await
        .expect("upsert");
    let seen = last(&mock);
    assert_eq!(seen.uri, "/v1/projects/prj_1/env");
    let body: Value = serde_json::from_str(&seen.body).expect("json");
    assert_eq!(
        body,
        json!({"key": "MONGO_URL", "value": "@mongo_url-15e3862688"})
    );
    api.remove_env("prj_1", "MONGO_URL").await.expect("remove");
    assert_eq!(last(&mock).method, Method::DELETE);
    api.remove_env("prj_1", "GONE").await.expect("404 is fine");
    match api.remove_env("prj_1", "BROKEN").await {
        Err(e @ ApiError::Status { status: 500, .. }) => {
            assert!(e.to_string().contains("plain failure"), "{e}")
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn generic_fetch_always_authenticates() {
    let (config, mock) = start().await;
    let api = config.client_for(&payload(Some("t")));
    let response = api
        .fetch(Method::GET, "/v6/deployments?limit=5", None)
        .await
        .expect("sent");
    assert_eq!(response.status(), 404);
    let seen = last(&mock);
    assert_eq!(seen.uri, "/v6/deployments?limit=5&teamId=t");
    assert_eq!(seen.auth.as_deref(), Some("Bearer tok_1"));
    // A request built by hand with extra headers keeps the token too.
    let response = api
        .request(Method::GET, "/v1/x")
        .expect("path")
        .header("accept", "application/json")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 404);
    assert_eq!(last(&mock).auth.as_deref(), Some("Bearer tok_1"));
    match api
        .fetch_json::<Value>(Method::GET, "/v1/missing", None)
        .await
    {
        Err(ApiError::Status {
            status: 404,
            message,
            ..
        }) => assert_eq!(message, "Not found"),
        other => panic!("{other:?}"),
    }
    for bad in ["v1/x", "//evil.example/x", "https://evil.example/x"] {
        assert!(
            matches!(
                api.fetch(Method::GET, bad, None).await,
                Err(ApiError::InvalidPath { .. })
            ),
            "{bad}"
        );
    }
}

#[tokio::test]
async fn unreachable_api_is_an_http_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    let api = ApiConfig::with_base_url(format!("http://{addr}")).client("t", None, "c");
    assert!(matches!(api.get_metadata().await, Err(ApiError::Http(_))));
}

#[tokio::test]
async fn oauth_exchange() {
    let (config, mock) = start().await;
    let token = config
        .exchange_code(
            "oac_1",
            "secret",
            "code 1",
            "http://127.0.0.1:5005/callback",
        )
        .await
        .expect("token");
    assert_eq!(token.access_token, "long-lived");
    assert_eq!(token.installation_id.as_deref(), Some("icfg_1"));
    assert!(
        !format!("{token:?}").contains("long-lived"),
        "Debug hides the token"
    );
    let seen = last(&mock);
    assert_eq!(seen.uri, "/v2/oauth/access_token");
    assert_eq!(
        seen.content_type.as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        seen.body,
        "client_id=oac_1&client_secret=secret&code=code+1&redirect_uri=http%3A%2F%2F127.0.0.1%3A5005%2Fcallback"
    );
}

#[tokio::test]
async fn oauth_callback_route_redirects_to_next() {
    use tower::ServiceExt;
    use uihook_runtime::axum::{oauth_callback, OAuthConfig};
    let (config, _mock) = start().await;
    let stored = Arc::new(Mutex::new(None));
    let store = Arc::clone(&stored);
    let mut oauth = OAuthConfig::new("oac_1", "secret", "http://127.0.0.1:5005/callback");
    oauth.api = config;
    let app = axum::Router::new().route(
        "/callback",
        oauth_callback(oauth, move |token, redirect| {
            let store = Arc::clone(&store);
            async move {
                *store.lock().expect("lock") =
                    Some((token.access_token, redirect.configuration_id));
                Ok::<(), String>(())
            }
        }),
    );
    let call = |uri: &str| {
        let request = axum::http::Request::builder()
            .uri(uri)
            .body(axum::body::Body::empty())
            .expect("request");
        app.clone().oneshot(request)
    };
    let response =
        call("/callback?code=c&configurationId=icfg_1&next=https%3A%2F%2Fvercel.com%2Fdashboard")
            .await
            .expect("ok");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()["location"],
        "https://vercel.com/dashboard"
    );
    assert_eq!(
        *stored.lock().expect("lock"),
        Some(("long-lived".to_owned(), Some("icfg_1".to_owned())))
    );
    let response = call("/callback?code=c&next=https%3A%2F%2Fevil.example%2F")
        .await
        .expect("ok");
    assert_eq!(response.status(), StatusCode::OK, "no open redirect");
    let response = call("/callback?next=x").await.expect("ok");
    assert_eq!(
        response.status(),
        StatusCode::BAD_REQUEST,
        "code is required"
    );
}

fn j(value: Value) -> Response {
    ([("content-type", "application/json")], value.to_string()).into_response()
}
