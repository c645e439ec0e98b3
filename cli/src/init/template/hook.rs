//! The hook, tested without a server: `uihook::testing` builds dashboard
//! payloads, calls the router in process and checks the answers.

use uihook::testing::{call, payload};

#[tokio::test]
async fn counts_and_resets() {
    let app = {{lib}}::app();
    for n in 1..=2 {
        call(&app, &payload().build())
            .await
            .assert_ok()
            .assert_lints_clean()
            .assert_decodes(&format!("Counter: {n}"));
    }
    call(&app, &payload().action("reset").build())
        .await
        .assert_ok()
        .assert_decodes("Counter: 0");
}
