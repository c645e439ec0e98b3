//! Serves the hook on 127.0.0.1:$PORT (5005 by default). `uihook dev --run
//! "cargo run"` sets PORT and UIHOOK_API_BASE (its fake platform API).

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let port = std::env::var("PORT").unwrap_or_else(|_| "5005".to_owned());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!("UIHook started on http://{}", listener.local_addr()?);
    axum::serve(listener, {{lib}}::app()).await
}
