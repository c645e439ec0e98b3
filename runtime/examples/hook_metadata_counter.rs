//! The seed's metadata counter: the count lives in the configuration's
//! metadata store, read and written through the API client.
//!
//! The platform's metadata API is gone, so by default this example also
//! starts a small in-memory fake of it on 127.0.0.1 (a random port) and
//! points the client there. Set `UIHOOK_API_BASE` to use another API
//! (`uihook dev` provides one).
//!
//! `cargo run -p uihook-runtime --example hook_metadata_counter` (127.0.0.1:5005).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::routing::get;
use uihook_runtime::axum::Hook;
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

type Store = Arc<Mutex<HashMap<String, serde_json::Value>>>;

/// A fake of `/v1/integrations/configuration/:id/metadata`, keyed by
/// configuration.
async fn fake_api() -> std::io::Result<String> {
    let store: Store = Store::default();
    let app =
        axum::Router::new()
            .route(
                "/v1/integrations/configuration/{id}/metadata",
                get(
                    |State(store): State<Store>, Path(id): Path<String>| async move {
                        let store = store.lock().unwrap_or_else(|p| p.into_inner());
                        let value = store
                            .get(&id)
                            .cloned()
                            .unwrap_or_else(|| serde_json::json!({}));
                        ([("content-type", "application/json")], value.to_string())
                    },
                )
                .post(
                    |State(store): State<Store>,
                     Path(id): Path<String>,
                     body: axum::body::Bytes| async move {
                        let value: serde_json::Value =
                            serde_json::from_slice(&body).unwrap_or_else(|_| serde_json::json!({}));
                        store
                            .lock()
                            .unwrap_or_else(|p| p.into_inner())
                            .insert(id, value.clone());
                        ([("content-type", "application/json")], value.to_string())
                    },
                ),
            )
            .with_state(store);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });
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
    let app = Hook::new(hook).api(api).into_router();
    let port = std::env::var("PORT").unwrap_or_else(|_| "5005".to_owned());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!("UIHook started on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await
}
