//! Running a hook on AWS Lambda (feature `lambda`): the router that
//! `axum::router(handler)` builds is a tower service, and `lambda_http`
//! runs tower services, so a function is the same hook, contract and all
//! (CORS, `OPTIONS`, the error page), with no second request contract.
//!
//! `lambda_http` turns API Gateway (REST and HTTP APIs), function URL and
//! ALB events into HTTP requests and the router's answers back into their
//! responses; the function is a binary named `bootstrap` on the
//! `provided.al2023` runtime (`cargo lambda build --release` makes it).

use axum::Router;

/// The error a function ends with: the runtime could not start or lost its
/// connection to the Lambda API (a handler's failure is the error page, as
/// on any server).
pub type Error = lambda_http::Error;

/// Serves `router` as a Lambda function until the Lambda service stops it.
/// Call it from `main` (under `#[tokio::main]`) instead of `axum::serve`:
///
/// ```no_run
/// # async fn f() -> Result<(), uihook_runtime::lambda::Error> {
/// use std::convert::Infallible;
/// use uihook_runtime::{ApiClient, Payload};
///
/// let app = uihook_runtime::axum::router(|_: Payload, _: ApiClient| async {
///     Ok::<_, Infallible>("<Page><P>Hello from Lambda</P></Page>".to_owned())
/// });
/// uihook_runtime::lambda::run(app).await
/// # }
/// ```
pub async fn run(router: Router) -> Result<(), Error> {
    lambda_http::run(router).await
}
