//! The ceiling of `runtime/bench/run.sh`: an axum server that answers every
//! POST with the counter's page as a constant, parsing nothing and
//! rendering nothing, on the same current-thread runtime as `hook_counter`.
//! Whatever this reaches on a machine, no hook served by axum there can
//! beat; the bench prints it beside the counter and the Node reference.
//!
//! With `READ_BODY=1` it reads each request's body first (and does nothing
//! with it): what receiving a payload costs in HTTP, before any parsing,
//! which the bench prints as a second row. With `READ_BODY=json` it also
//! checks the body as JSON with serde_json (`IgnoredAny`, answering 400 to
//! a body that is not JSON): the least any hook that refuses a malformed
//! payload pays, whatever it decodes and however lazily.
//!
//! `PORT=5107 cargo run --release -p uihook-runtime --example bench_ceiling`

use axum::body::Bytes;
use axum::http::header;
use axum::routing::post;

const PAGE: &str = "<Page><P>Counter: 1</P><Button>Count Me</Button>\
                    <Button action=\"reset\">Reset</Button></Page>";

/// The constant page as a router of its own, so `profile_request` can call
/// it in process beside the counter.
pub fn app() -> axum::Router {
    axum::Router::new().route(
        "/",
        post(|| async { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], PAGE) })
            .options(|| async {}),
    )
}

/// [`app`], reading the whole body of each POST before answering.
pub fn app_reading_body() -> axum::Router {
    axum::Router::new().route(
        "/",
        post(|body: Bytes| async move {
            drop(body);
            ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], PAGE)
        })
        .options(|| async {}),
    )
}

/// [`app_reading_body`], checking that the body is JSON before answering.
pub fn app_checking_json() -> axum::Router {
    axum::Router::new().route(
        "/",
        post(|body: Bytes| async move {
            match serde_json::from_slice::<serde::de::IgnoredAny>(&body) {
                Ok(_) => Ok(([(header::CONTENT_TYPE, "text/html; charset=utf-8")], PAGE)),
                Err(_) => Err(axum::http::StatusCode::BAD_REQUEST),
            }
        })
        .options(|| async {}),
    )
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    let app = match std::env::var("READ_BODY").as_deref() {
        Ok("1") => app_reading_body(),
        Ok("json") => app_checking_json(),
        _ => app(),
    };
    let port = std::env::var("PORT").unwrap_or_else(|_| "5107".to_owned());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!("ceiling server on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await
}
