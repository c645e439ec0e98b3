//! A webhook receiver next to a hook: `POST /webhook` checks
//! `x-vercel-signature` against `CLIENT_SECRET` before parsing, then logs
//! the typed event; `DELETE /delete` takes legacy delete hooks; every other
//! path is the UIHook.
//!
//! `CLIENT_SECRET=… cargo run -p uihook-runtime --example hook_webhook_receiver`
//! (127.0.0.1:5005). Try it with a signature made by `uihook_runtime::sign`.

use std::convert::Infallible;

use axum::routing::post;
use uihook_runtime::axum::{delete_hook, SignedWebhook, WebhookSecret};
use uihook_runtime::{ApiClient, DeleteHookBody, Payload, WebhookEvent};

async fn webhook(SignedWebhook(webhook): SignedWebhook) -> &'static str {
    match &webhook.event {
        WebhookEvent::IntegrationConfigurationRemoved(p) => {
            println!("configuration removed: {:?}", p.configuration_id());
        }
        WebhookEvent::DeploymentIntegrationActionStart(p) => {
            println!(
                "action {} on {} for {}",
                p.action, p.resource_id, p.deployment.id
            );
        }
        WebhookEvent::Unknown { event_type, .. } => println!("unknown event {event_type}"),
        event => println!("{} ({})", event.kind(), webhook.event_type),
    }
    "ok"
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let secret = std::env::var("CLIENT_SECRET").unwrap_or_else(|_| "client-secret".to_owned());
    let app = app(&secret);
    let port = std::env::var("PORT").unwrap_or_else(|_| "5005".to_owned());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!(
        "UIHook and webhook receiver on http://{}",
        listener.local_addr()?
    );
    axum::serve(listener, app).await
}

/// The hook, `/webhook` (signed with `secret`) and `/delete`: a router of its
/// own, so `runtime/tests/examples.rs` can call it without a server.
pub fn app(secret: &str) -> axum::Router {
    let hook = uihook_runtime::axum::router(|_payload: Payload, _api: ApiClient| async {
        Ok::<_, Infallible>("<Page><P>Webhooks are received at /webhook.</P></Page>".to_owned())
    });
    let receiver = axum::Router::new()
        .route("/webhook", post(webhook))
        .with_state(WebhookSecret::new(secret))
        .route(
            "/delete",
            delete_hook(|body: DeleteHookBody| async move {
                println!("delete hook for {}", body.configuration_id);
                Ok::<_, Infallible>(())
            }),
        );
    receiver.merge(hook)
}
