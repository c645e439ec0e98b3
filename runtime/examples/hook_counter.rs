//! The seed's counter: every POST adds one; `reset` sets it back to zero.
//!
//! `cargo run -p uihook-runtime --example hook_counter`, then point a UIHook URL
//! (or `uihook probe`) at http://127.0.0.1:5005. `PORT` changes the port.

use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use uihook_runtime::{ApiClient, Payload};

/// The hook: a router of its own, so `runtime/tests/examples.rs` can call it
/// without a server.
pub fn app() -> axum::Router {
    let count = Arc::new(AtomicU64::new(0));
    uihook_runtime::axum::router(move |payload: Payload, _api: ApiClient| {
        let count = Arc::clone(&count);
        async move {
            let n = if payload.action == "reset" {
                count.store(0, Ordering::Relaxed);
                0
            } else {
                count.fetch_add(1, Ordering::Relaxed) + 1
            };
            Ok::<_, Infallible>(format!(
                "<Page><P>Counter: {n}</P><Button>Count Me</Button>\
                 <Button action=\"reset\">Reset</Button></Page>"
            ))
        }
    })
}

// One thread: the counter's work per request is small next to the cost of
// waking a second worker thread, so a current-thread runtime serves more
// requests per CPU-second (and `runtime/bench/run.sh` runs it on 2 cores
// shared with wrk). A handler that blocks or computes for long wants
// `#[tokio::main]`'s thread pool instead.
#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    let app = app();
    let port = std::env::var("PORT").unwrap_or_else(|_| "5005".to_owned());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!("UIHook started on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await
}
