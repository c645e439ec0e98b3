//! The seed's basic form: two inputs kept in memory, `submit` stores them,
//! `reset` clears them. The values are escaped with the compiler's escaper.
//!
//! `cargo run -p uihook-runtime --example hook_basic_form` (127.0.0.1:5005).

use std::sync::{Arc, Mutex};

use uihook_compiler::escape::markup_attr;
use uihook_runtime::{ApiClient, ClientStateError, Payload};

#[derive(Default)]
struct Store {
    secret_id: String,
    secret_key: String,
}

async fn hook(store: Arc<Mutex<Store>>, payload: Payload) -> Result<String, ClientStateError> {
    let (secret_id, secret_key) = {
        let mut store = store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match payload.action.as_str() {
            "submit" => {
                store.secret_id = payload.client_state.str_or_empty("secretId")?.to_owned();
                store.secret_key = payload.client_state.str_or_empty("secretKey")?.to_owned();
            }
            "reset" => *store = Store::default(),
            _ => {}
        }
        (store.secret_id.clone(), store.secret_key.clone())
    };
    Ok(format!(
        "<Page><Container>\
         <Input label=\"Secret Id\" name=\"secretId\" value=\"{}\"/>\
         <Input label=\"Secret Key\" name=\"secretKey\" type=\"password\" value=\"{}\"/>\
         </Container><Container>\
         <Button action=\"submit\">Submit</Button> <Button action=\"reset\">Reset</Button>\
         </Container></Page>",
        markup_attr(&secret_id),
        markup_attr(&secret_key)
    ))
}

/// The hook with a fresh store: a router of its own, so
/// `runtime/tests/examples.rs` can call it without a server.
pub fn app() -> axum::Router {
    let store = Arc::new(Mutex::new(Store::default()));
    uihook_runtime::axum::router(move |payload: Payload, _api: ApiClient| {
        hook(Arc::clone(&store), payload)
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
