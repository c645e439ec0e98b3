//! The hook: a counter the dashboard plays. `app()` is the whole hook as an
//! axum router, so `src/main.rs` serves it and `tests/hook.rs` calls it
//! without a server.

use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use uihook::{uihook, ApiClient, Payload};

/// The hook with a fresh count.
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
            // `uihook!` checks this markup while compiling, with the same
            // rules as `uihook lint`.
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
