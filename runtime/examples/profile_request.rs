//! Drives the counter hook (or the benchmark's constant-page ceiling, or
//! that ceiling reading the body first: `ceiling-body`, or reading it and
//! checking it as JSON: `ceiling-json`) in
//! process, `N` POSTs of `runtime/bench/run.sh`'s payload through
//! `tower::ServiceExt::oneshot`, with no sockets: what
//! `runtime/bench/instructions.sh` counts with callgrind.
//!
//! Two more modes take HTTP out to price the parse alone: `payload` parses
//! the same body `N` times with `Payload::from_slice` (and drops it), and
//! `json` only checks it with serde_json (`IgnoredAny`), the least any
//! serde_json-based parse of that body costs.
//!
//! `cargo run --release -p uihook-runtime --example profile_request -- counter 10000`

#[allow(dead_code)]
#[path = "hook_counter.rs"]
mod hook_counter;

#[allow(dead_code)]
#[path = "bench_ceiling.rs"]
mod bench_ceiling;

use axum::body::{Body, Bytes};
use axum::http::{header, Method, Request};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// The body `runtime/bench/run.sh` POSTs.
const BODY: &str = r#"{"action":"view","clientState":{},"slug":"counter","integrationId":"oac_1","configurationId":"icfg_1","teamId":null,"user":{"id":"u1","username":"dev","email":"dev@example.com","name":null,"profiles":[]},"token":"t","installationUrl":"https://vercel.com/dashboard/integrations/icfg_1","query":{}}"#;

fn main() {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_else(|| "counter".to_owned());
    let requests: u64 = match args.next().map(|n| n.parse()) {
        None => 10_000,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("N: {e}");
            std::process::exit(2);
        }
    };
    let app = match which.as_str() {
        "counter" => hook_counter::app(),
        "ceiling" => bench_ceiling::app(),
        "ceiling-body" => bench_ceiling::app_reading_body(),
        "ceiling-json" => bench_ceiling::app_checking_json(),
        "payload" | "json" => {
            parse_only(&which, requests);
            return;
        }
        _ => {
            eprintln!(
                "usage: profile_request counter|ceiling|ceiling-body|ceiling-json|payload|json [N]"
            );
            std::process::exit(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("runtime: {e}");
            std::process::exit(1);
        }
    };
    let bytes = runtime.block_on(async {
        let mut bytes = 0;
        for _ in 0..requests {
            let request = Request::builder()
                .method(Method::POST)
                .uri("/")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(Bytes::from_static(BODY.as_bytes())));
            let Ok(request) = request else {
                unreachable!("a constant request is valid")
            };
            let Ok(response) = app.clone().oneshot(request).await;
            let Ok(body) = response.into_body().collect().await else {
                unreachable!("an in-memory body has no error")
            };
            bytes += body.to_bytes().len();
        }
        bytes
    });
    println!("{requests} requests, {bytes} bytes of answers");
}

/// The `payload` and `json` modes: `requests` parses of [`BODY`] and
/// nothing else. `black_box` keeps the optimiser from hoisting the parse out
/// of the loop.
fn parse_only(which: &str, requests: u64) {
    let mut parsed = 0u64;
    for _ in 0..requests {
        let body = std::hint::black_box(BODY.as_bytes());
        let ok = if which == "payload" {
            uihook_runtime::Payload::from_slice(body).is_ok()
        } else {
            serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok()
        };
        parsed += u64::from(ok);
    }
    println!("{requests} parses, {parsed} valid");
}
