//! The seed's metadata counter: the count lives in the configuration's
//! metadata store, read and written through the API client.
//!
//! The platform's metadata API is gone, so by default this example also
//! starts the runtime's fake platform API (the one `uihook dev` and
//! `uihook_runtime::testing` serve) on 127.0.0.1 (a random port) and points
//! the client there; it accepts any token. Set `UIHOOK_API_BASE` to use
//! another API (`uihook dev` provides one).
//!
//! `cargo run -p uihook-runtime --example hook_metadata_counter` (127.0.0.1:5005).

use std::sync::Arc;

use uihook_runtime::axum::Hook;
use uihook_runtime::platform::Platform;
use uihook_runtime::{ApiClient, ApiConfig, ApiError, Payload};

async fn hook(_payload: Payload, api: ApiClient) -> Result<String, ApiError> {
    let mut metadata = api.get_metadata().await?;
    let count = metadata.get("count").and_then(|c| c.as_u64()).unwrap_or(0) + 1;
    metadata.insert("count".to_owned(), count.into());
    api.set_metadata(&metadata).await?;
    Ok(format!(
        "<Page><P>Counter: {count}</P><Button>Count Me</Button></Page>"
    ))
}

/// The hook, its clients pointed at `api`: a router of its own, so
/// `runtime/tests/examples.rs` can call it without a server.
pub fn app(api: ApiConfig) -> axum::Router {
    Hook::new(hook).api(api).into_router()
}

/// The fake platform API on a random loopback port; its base URL.
async fn fake_api() -> std::io::Result<String> {
    // This demo cannot know the tokens its callers (`uihook probe`, a
    // dashboard fixture) send, so it takes any.
    let platform = Arc::new(
        Platform::new("", None)
            .named("hook_metadata_counter")
            .accepting_any_token(),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, platform.app()).await });
    Ok(base)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let api = match std::env::var(uihook_runtime::client::API_BASE_ENV) {
        Ok(base) if !base.is_empty() => ApiConfig::with_base_url(base),
        _ => {
            let base = fake_api().await?;
            println!("fake metadata API on {base}");
            ApiConfig::with_base_url(base)
        }
    };
    let app = app(api);
    let port = std::env::var("PORT").unwrap_or_else(|_| "5005".to_owned());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!("UIHook started on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await
}
