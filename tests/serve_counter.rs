//! The README's counter (`examples/serve_counter.rs`), tested as a hook
//! author would test theirs: `uihook::testing`, no server.

#[allow(dead_code)]
#[path = "../examples/serve_counter.rs"]
mod serve_counter;

use uihook::testing::{call, payload};

#[tokio::test]
async fn the_counter_counts_resets_and_lints_clean() {
    let app = serve_counter::app();
    for n in 1..=2 {
        call(&app, &payload().action("view").build())
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
