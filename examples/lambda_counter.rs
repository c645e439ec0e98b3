//! The README's counter as an AWS Lambda function: the same `uihook!`
//! markup and `uihook::axum::router`, served by `uihook::lambda::run`
//! instead of a TCP listener. (A Lambda instance may be frozen or replaced
//! between requests, so a real hook keeps its count in metadata, as
//! `hook_metadata_counter` does; this one shows the deployment.)
//!
//! Locally, in the emulator: `cargo lambda watch --example lambda_counter
//! --features lambda`, then `uihook probe
//! http://127.0.0.1:9000/lambda-url/lambda_counter/` (`tests/lambda/run.sh`
//! does both). Deployed: `cargo lambda build --release --example
//! lambda_counter --features lambda`, then `cargo lambda deploy`.

use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use uihook::{uihook, ApiClient, Payload};

/// The hook as a router, the same one a server would serve.
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
async fn main() -> Result<(), uihook::lambda::Error> {
    uihook::lambda::run(app()).await
}
