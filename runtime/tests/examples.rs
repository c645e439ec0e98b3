//! Every hook example, tested in process with `uihook_runtime::testing`: no
//! server, no port for the hook, the fake platform API where it calls one.
//! (`probe.rs` checks the same examples end to end, as processes.)
//! `bench_ceiling` is not a hook (a constant page for the benchmark's
//! ceiling) and `profile_request` a driver for callgrind: nothing to test.

#[allow(dead_code)]
#[path = "../examples/hook_counter.rs"]
mod hook_counter;

#[allow(dead_code)]
#[path = "../examples/hook_basic_form.rs"]
mod hook_basic_form;

#[allow(dead_code)]
#[path = "../examples/hook_metadata_counter.rs"]
mod hook_metadata_counter;

#[allow(dead_code)]
#[path = "../examples/hook_webhook_receiver.rs"]
mod hook_webhook_receiver;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use serde_json::json;
use uihook_runtime::testing::{call, payload, send, FakeApi, CONFIGURATION_ID};
use uihook_runtime::SIGNATURE_HEADER;

#[tokio::test]
async fn the_counter_counts_and_resets() {
    let app = hook_counter::app();
    for n in 1..=3 {
        call(&app, &payload().build())
            .await
            .assert_ok()
            .assert_lints_clean()
            .assert_decodes(&format!("Counter: {n}"));
    }
    let reset = call(&app, &payload().action("reset").build()).await;
    reset.assert_ok().assert_decodes("Counter: 0");
    assert!(!reset.body.contains("Counter: 3"));
    // The request contract comes with the router: CORS on every answer.
    assert_eq!(
        reset.headers["access-control-allow-origin"].to_str().ok(),
        Some("*")
    );
}

#[tokio::test]
async fn the_basic_form_keeps_what_was_submitted_escaped_and_resets() {
    let app = hook_basic_form::app();
    let hostile = r#"a"b<c>&amp;{d}"#;
    let submitted = call(
        &app,
        &payload()
            .action("submit")
            .client_state("secretId", hostile)
            .client_state("secretKey", "k")
            .build(),
    )
    .await;
    submitted
        .assert_ok()
        .assert_lints_clean()
        .assert_decodes(hostile)
        .assert_decodes("k");
    // A plain view shows the stored values again; reset empties them.
    call(&app, &payload().build()).await.assert_decodes(hostile);
    let reset = call(&app, &payload().action("reset").build()).await;
    reset.assert_ok().assert_lints_clean();
    assert!(!reset.decoded().iter().any(|v| v == hostile));
    // A clientState of the wrong type is the handler's error: the error page.
    let bad = call(
        &app,
        &payload()
            .action("submit")
            .client_state("secretId", 5)
            .build(),
    )
    .await;
    assert_eq!(bad.status, StatusCode::OK);
    assert!(bad.is_error_page(), "{}", bad.body);
}

#[tokio::test]
async fn the_metadata_counter_keeps_its_count_in_the_fake_platform() {
    let api = FakeApi::start().await.expect("the fake API starts");
    let app = hook_metadata_counter::app(api.config());
    for n in 1..=2 {
        call(&app, &payload().build())
            .await
            .assert_ok()
            .assert_lints_clean()
            .assert_decodes(&format!("Counter: {n}"));
    }
    let snapshot = api.platform().snapshot();
    assert_eq!(
        snapshot.metadata[CONFIGURATION_ID],
        json!({"count": 2}).as_object().cloned().unwrap_or_default()
    );
    // Two reads and two writes, each with the payload's token.
    let calls: Vec<_> = snapshot
        .calls
        .iter()
        .map(|c| (c.method.as_str(), c.status))
        .collect();
    assert_eq!(
        calls,
        [("GET", 200), ("POST", 200), ("GET", 200), ("POST", 200)]
    );
    // Another token is refused by the platform, so the hook fails.
    let refused = call(&app, &payload().token("stolen").build()).await;
    assert!(refused.is_error_page(), "{}", refused.body);
    assert_eq!(
        api.platform().snapshot().calls.last().map(|c| c.status),
        Some(403)
    );
}

#[tokio::test]
async fn the_webhook_receiver_checks_signatures_and_serves_the_hook() {
    let app = hook_webhook_receiver::app("client-secret");
    call(&app, &payload().build())
        .await
        .assert_ok()
        .assert_lints_clean()
        .assert_decodes("Webhooks are received at /webhook.");

    let event = br#"{"type":"integration-configuration-removed","payload":{"configuration":{"id":"icfg_1"}}}"#;
    let signed = |signature: String| {
        Request::builder()
            .method(Method::POST)
            .uri("/webhook")
            .header(SIGNATURE_HEADER, signature)
            .body(Body::from(&event[..]))
            .expect("a request")
    };
    let good = send(&app, signed(uihook_runtime::sign(event, b"client-secret"))).await;
    assert_eq!((good.status, good.body.as_str()), (StatusCode::OK, "ok"));
    let forged = send(&app, signed(uihook_runtime::sign(event, b"other"))).await;
    assert_ne!(forged.status, StatusCode::OK);

    let delete = Request::builder()
        .method(Method::DELETE)
        .uri("/delete")
        .header("content-type", "application/json")
        .body(Body::from(
            r#"{"configurationId":"icfg_1","userId":"u","teamId":null}"#,
        ))
        .expect("a request");
    assert_eq!(send(&app, delete).await.status, StatusCode::OK);
}

/// The assertions can fail: bad markup, a doubly escaped value and the
/// error page are each caught.
mod assertions {
    use std::convert::Infallible;

    use uihook_runtime::testing::{call, payload};
    use uihook_runtime::{ApiClient, Payload};

    fn answering(markup: &'static str) -> axum::Router {
        uihook_runtime::axum::router(move |_: Payload, _: ApiClient| async move {
            Ok::<_, Infallible>(markup.to_owned())
        })
    }

    #[tokio::test]
    #[should_panic(expected = "1:8: error[unknown-component]")]
    async fn bad_markup_does_not_lint_clean() {
        call(
            &answering("<Page><Buton>x</Buton></Page>"),
            &payload().build(),
        )
        .await
        .assert_lints_clean();
    }

    #[tokio::test]
    #[should_panic(expected = "does not come back from the markup")]
    async fn a_doubly_escaped_value_does_not_decode_back() {
        call(
            &answering("<Page><P>a &amp;amp; b</P></Page>"),
            &payload().build(),
        )
        .await
        .assert_decodes("a & b");
    }

    #[tokio::test]
    #[should_panic(expected = "Internal Integration Error")]
    async fn the_error_page_is_not_ok() {
        let app = uihook_runtime::axum::router(|_: Payload, _: ApiClient| async {
            Err::<String, _>("boom")
        });
        call(&app, &payload().build()).await.assert_ok();
    }
}
