//! The hook the browser tests of `uihook dev` drive: every kind of control,
//! a `ResetButton`, an `AutoRefresh`, an answer with bad markup, a failing
//! handler and the platform API, one action each.
//!
//! `cargo run -p uihook-cli --example dev_playground` serves it on
//! 127.0.0.1:5005 (`PORT` changes the port); then
//! `uihook dev --hook http://127.0.0.1:5005`.
//!
//! | action | answer |
//! |---|---|
//! | `view`, `echo` | the form, with the clientState it received echoed |
//! | `start-refresh` | the form plus `<AutoRefresh timeout="3000" action="tick">` |
//! | `tick` | the form, with the number of ticks so far |
//! | `break` | markup with an unknown component and a misspelt attribute |
//! | `fail` | a handler error: the "Internal Integration Error" page |
//! | `save` | stores the clientState as metadata through the API client |

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use uihook_compiler::escape::{markup_attr, markup_text};
use uihook_runtime::{ApiClient, ApiError, Payload};

/// Why a playground request failed (shown only in the hook's log).
#[derive(Debug)]
#[allow(dead_code)] // read through `Debug` by the runtime's error log
enum Failure {
    /// The `fail` action.
    Asked,
    /// The platform API refused a call.
    Api(ApiError),
}

async fn hook(ticks: Arc<AtomicU64>, payload: Payload, api: ApiClient) -> Result<String, Failure> {
    let state = &payload.client_state.0;
    let mut note = String::new();
    match payload.action.as_str() {
        "fail" => return Err(Failure::Asked),
        "break" => {
            return Ok("<Page>\n  <H1>Broken</H1>\n  <Bogus size=\"2\"/>\n  <Button actoin=\"x\">Go</Button>\n</Page>"
                    .to_owned())
        }
        "tick" => {
            let n = ticks.fetch_add(1, Ordering::Relaxed) + 1;
            note = format!("Ticks: {n}");
        }
        "save" => {
            let mut metadata = api.get_metadata().await.map_err(Failure::Api)?;
            metadata.insert("saved".to_owned(), serde_json::Value::Object(state.clone()));
            api.set_metadata(&metadata).await.map_err(Failure::Api)?;
            note = format!("Saved {} keys", state.len());
        }
        _ => {}
    }
    let value = |name: &str| {
        state
            .get(name)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_owned()
    };
    let mut echo = String::new();
    for (key, v) in state {
        let _ = write!(echo, "{key}={v}; ");
    }
    let mut out = String::from("<Page><H1>Playground</H1>");
    let _ = write!(
        out,
        "<P>Action: {}</P><P>Echo: {}</P><P>Project: {}</P>",
        markup_text(&payload.action),
        markup_text(&echo),
        markup_text(payload.project_id().unwrap_or("none")),
    );
    if !note.is_empty() {
        let _ = write!(out, "<P>{}</P>", markup_text(&note));
    }
    let _ = write!(
        out,
        "<Input label=\"First\" name=\"first\" value=\"{}\"/>\
         <Input label=\"Second\" name=\"second\" value=\"{}\"/>\
         <Input label=\"Third\" name=\"third\" value=\"{}\"/>\
         <Textarea name=\"notes\" label=\"Notes\"/>\
         <Checkbox name=\"agree\" label=\"Agree\"/>\
         <Select name=\"color\" value=\"red\" action=\"color\">\
         <Option value=\"red\" caption=\"Red\"/><Option value=\"blue\" caption=\"Blue\"/></Select>\
         <ClientState step=\"2\"/>\
         <ProjectSwitcher/>\
         <Box display=\"flex\" flexWrap=\"wrap\" gap=\"8px\">\
         <ResetButton targets=\"first, second\">Clear first two</ResetButton>\
         <Button action=\"echo\">Echo</Button>\
         <Button action=\"save\">Save</Button>\
         <Button action=\"start-refresh\">Auto-refresh</Button>\
         <Button action=\"break\">Break</Button>\
         <Button action=\"fail\">Fail</Button>\
         </Box>\
         <P><Link action=\"echo\">Echo by link</Link> \
         <Link href=\"/_uihook/state\">Open the dev state</Link></P>",
        markup_attr(&value("first")),
        markup_attr(&value("second")),
        markup_attr(&value("third")),
    );
    if payload.action == "start-refresh" {
        out.push_str("<AutoRefresh timeout=\"3000\" action=\"tick\"/>");
    }
    out.push_str("</Page>");
    Ok(out)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let ticks = Arc::new(AtomicU64::new(0));
    let app = uihook_runtime::axum::router(move |payload: Payload, api: ApiClient| {
        hook(Arc::clone(&ticks), payload, api)
    });
    let port = std::env::var("PORT").unwrap_or_else(|_| "5005".to_owned());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!("UIHook started on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await
}
