//! The request contract of `router(handler)` (spec `runtime.md` §A.2), one
//! test per row, driven through `tower::ServiceExt::oneshot`.

use std::convert::Infallible;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::response::Response;
use http_body_util::BodyExt;
use tower::ServiceExt;
use uihook_runtime::axum::{router, Hook};
use uihook_runtime::{ApiClient, Payload};

async fn echo(payload: Payload, _api: ApiClient) -> Result<String, Infallible> {
    Ok(format!(
        "<Page><P>{}</P></Page>",
        uihook_runtime::payload::DEFAULT_ACTION.len() + payload.action.len()
    ))
}

async fn failing(payload: Payload, _api: ApiClient) -> Result<String, String> {
    match payload.action.as_str() {
        "panic" => panic!("boom"),
        "fail" => Err("the database is down".to_owned()),
        _ => Ok("<Page><P>ok</P></Page>".to_owned()),
    }
}

async fn send(app: axum::Router, method: Method, path: &str, body: impl Into<Body>) -> Response {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.into())
        .expect("request");
    app.oneshot(request).await.expect("infallible")
}

async fn text(response: Response) -> String {
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    String::from_utf8(bytes.to_vec()).expect("utf-8")
}

fn assert_cors(response: &Response) {
    let h = response.headers();
    assert_eq!(h["access-control-allow-origin"], "*");
    assert_eq!(
        h["access-control-allow-methods"],
        "GET, POST, DELETE, OPTIONS"
    );
    assert_eq!(
        h["access-control-allow-headers"],
        "Authorization, Accept, Content-Type"
    );
}

fn assert_error_page(body: &str) -> String {
    assert!(
        body.starts_with("<Page><Box/><Box color=\"red\">"),
        "{body}"
    );
    assert!(body.contains("Internal Integration Error"), "{body}");
    let code = body
        .split("Reference Code: ")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("reference code");
    assert_eq!(code.len(), 20);
    assert!(code.bytes().all(|b| b.is_ascii_alphanumeric()));
    code.to_owned()
}

#[tokio::test]
async fn options_is_200_empty_with_cors() {
    for path in ["/", "/anything"] {
        let response = send(router(echo), Method::OPTIONS, path, Body::empty()).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_cors(&response);
        assert_eq!(text(response).await, "");
    }
}

#[tokio::test]
async fn preflight_with_origin_is_answered_the_same() {
    let request = Request::builder()
        .method(Method::OPTIONS)
        .uri("/")
        .header("origin", "https://vercel.com")
        .header("access-control-request-method", "POST")
        .body(Body::empty())
        .expect("request");
    let response = router(echo).oneshot(request).await.expect("infallible");
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors(&response);
}

#[tokio::test]
async fn get_is_the_info_page() {
    let response = send(router(echo), Method::GET, "/", Body::empty()).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors(&response);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/html; charset=utf-8"
    );
    assert!(text(response)
        .await
        .contains("This is a ZEIT Integration UIHook"));
}

#[tokio::test]
async fn other_methods_are_404() {
    for method in [Method::DELETE, Method::PUT, Method::PATCH] {
        let response = send(router(echo), method.clone(), "/", Body::empty()).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{method}");
        assert_cors(&response);
        assert_eq!(text(response).await, "404 - Not Found");
    }
}

#[tokio::test]
async fn post_runs_the_handler() {
    let body = r#"{"action":"submit","clientState":{}}"#;
    let response = send(router(echo), Method::POST, "/", body).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors(&response);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/html; charset=utf-8"
    );
    assert_eq!(text(response).await, "<Page><P>10</P></Page>");
}

#[tokio::test]
async fn post_on_any_path_and_default_action() {
    let response = send(router(echo), Method::POST, "/some/path", "{}").await;
    assert_eq!(response.status(), StatusCode::OK);
    // "view" + "view"
    assert_eq!(text(response).await, "<Page><P>8</P></Page>");
}

#[tokio::test]
async fn bad_json_is_200_error_page() {
    for body in ["", "{", "not json", "[]", r#"{"action": 5}"#, "{} trailing"] {
        let response = send(router(echo), Method::POST, "/", body).await;
        assert_eq!(response.status(), StatusCode::OK, "{body:?}");
        assert_cors(&response);
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            "text/html; charset=utf-8"
        );
        assert_error_page(&text(response).await);
    }
}

#[tokio::test]
async fn oversize_body_is_200_error_page() {
    let big = format!(r#"{{"clientState":{{"x":"{}"}}}}"#, "a".repeat(1024 * 1024));
    let response = send(router(echo), Method::POST, "/", big).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors(&response);
    assert_error_page(&text(response).await);
}

#[tokio::test]
async fn body_just_under_the_limit_is_accepted() {
    let prefix = r#"{"clientState":{"x":""#;
    let suffix = r#""}}"#;
    let filler = "a".repeat(1024 * 1024 - prefix.len() - suffix.len());
    let body = format!("{prefix}{filler}{suffix}");
    assert_eq!(body.len(), 1024 * 1024);
    let response = send(router(echo), Method::POST, "/", body).await;
    assert_eq!(text(response).await, "<Page><P>8</P></Page>");
}

#[tokio::test]
async fn handler_error_is_200_error_page() {
    let response = send(router(failing), Method::POST, "/", r#"{"action":"fail"}"#).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors(&response);
    assert_error_page(&text(response).await);
}

#[tokio::test]
async fn handler_panic_is_200_error_page() {
    let response = send(router(failing), Method::POST, "/", r#"{"action":"panic"}"#).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors(&response);
    assert_error_page(&text(response).await);
    // The server keeps serving after a panic.
    let response = send(router(failing), Method::POST, "/", "{}").await;
    assert_eq!(text(response).await, "<Page><P>ok</P></Page>");
}

#[tokio::test]
async fn reference_codes_differ_per_failure() {
    let a = assert_error_page(
        &text(send(router(failing), Method::POST, "/", r#"{"action":"fail"}"#).await).await,
    );
    let b = assert_error_page(
        &text(send(router(failing), Method::POST, "/", r#"{"action":"fail"}"#).await).await,
    );
    assert_ne!(a, b);
}

#[tokio::test]
async fn strict_mode_uses_error_statuses() {
    let strict = || Hook::new(failing).strict(true).body_limit(64).into_router();
    let cases = [
        (
            r#"{"action":"fail"}"#.to_owned(),
            StatusCode::INTERNAL_SERVER_ERROR,
        ),
        (
            r#"{"action":"panic"}"#.to_owned(),
            StatusCode::INTERNAL_SERVER_ERROR,
        ),
        ("{".to_owned(), StatusCode::BAD_REQUEST),
        ("x".repeat(65), StatusCode::PAYLOAD_TOO_LARGE),
    ];
    for (body, status) in cases {
        let response = send(strict(), Method::POST, "/", body).await;
        assert_eq!(response.status(), status);
        assert_cors(&response);
        assert_error_page(&text(response).await);
    }
    let response = send(strict(), Method::POST, "/", "{}").await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn mounted_method_router_keeps_the_contract() {
    let app = axum::Router::new().route("/hook", Hook::new(echo).into_method_router());
    let response = send(app.clone(), Method::OPTIONS, "/hook", Body::empty()).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_cors(&response);
    let response = send(app, Method::POST, "/hook", "{}").await;
    assert_eq!(text(response).await, "<Page><P>8</P></Page>");
}
