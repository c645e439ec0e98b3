//! The seed's counter as a running hook: `uihook!` writes the markup and
//! `uihook::axum::router` keeps the dashboard's request contract (CORS,
//! `OPTIONS`, the error page on failure).
//!
//! `cargo run --example serve_counter --features axum`, then point a UIHook
//! URL (or `uihook probe`) at http://127.0.0.1:5005. `PORT` changes the port.

use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use uihook::{uihook, ApiClient, Payload};

/// The hook as a router, which `tests/serve_counter.rs` calls without a
/// server through `uihook::testing`.
pub fn app() -> axum::Router {
    let count = Arc::new(AtomicU64::new(0));
    uihook::axum::router(move |payload: Payload, _api: ApiClient| {
        let count = Arc::clone(&count);
        async move {
            let n = if payload.action == "reset" {
                count.store(0, Ordering::Relaxed);
                0
            } else {
                count.fetch_add(1, Ordering::Relaxed) + 1
            };
            Ok::<_, Infallible>(uihook! {
                <Page>
                    <P>Counter: {n}</P>
                    <Button>Count Me</Button>
                    <Button action="reset">Reset</Button>
                </Page>
            })
        }
    })
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let app = app();
    let port = std::env::var("PORT").unwrap_or_else(|_| "5005".to_owned());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!("UIHook started on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await
}
