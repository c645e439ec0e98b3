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

// The README's counter router, exactly as `serve_counter` serves it: only
// the entry point differs.
#[allow(dead_code)]
#[path = "serve_counter.rs"]
mod serve_counter;

#[tokio::main]
async fn main() -> Result<(), uihook::lambda::Error> {
    uihook::lambda::run(serve_counter::app()).await
}
