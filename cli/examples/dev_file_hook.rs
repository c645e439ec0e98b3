//! A hook whose "code" is a markup file read once, at start: it answers
//! every POST with that file's text as it was when the process started. The
//! `--watch-src` test edits the file and expects the restarted process's
//! new answer (`cli/tests/dev.rs`).
//!
//! `cargo run -p uihook-cli --example dev_file_hook -- FILE` (PORT, default 5005).

use std::convert::Infallible;

use uihook_runtime::{ApiClient, Payload};

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    let Some(file) = std::env::args_os().nth(1) else {
        eprintln!("usage: dev_file_hook FILE");
        std::process::exit(2);
    };
    let markup = std::fs::read_to_string(&file)?;
    let app = uihook_runtime::axum::router(move |_: Payload, _: ApiClient| {
        let markup = markup.clone();
        async move { Ok::<_, Infallible>(markup) }
    });
    let port = std::env::var("PORT").unwrap_or_else(|_| "5005".to_owned());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!("UIHook started on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await
}
