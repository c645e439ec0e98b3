//! Serving hooks with axum: [`router`] reproduces the request contract of the
//! reference `withUiHook`; [`delete_hook`], [`SignedWebhook`] and
//! [`oauth_callback`] cover the other endpoints an integration has.
//!
//! The contract (spec `runtime.md` §A.2), row by row:
//!
//! | request | response |
//! |---|---|
//! | any | `Access-Control-Allow-Origin: *`, `-Methods: GET, POST, DELETE, OPTIONS`, `-Headers: Authorization, Accept, Content-Type` |
//! | `OPTIONS` | 200, empty body |
//! | `GET` | 200, a short HTML info page |
//! | `DELETE`, `PUT`, … | 404, `404 - Not Found` |
//! | `POST` | the handler's markup, 200, `text/html; charset=utf-8` |
//! | `POST` with bad JSON, a body over 1 MB, a handler error or panic | **200** with [`error_page`], the error logged with its reference code through `tracing` |
//!
//! With [`Hook::strict`] the failures answer 400 (bad JSON or body), 413
//! (too large) and 500 (handler error or panic) instead, still with the
//! error page as the body. The one deliberate change from the reference is
//! the `Content-Type` header, which it never sent.

use std::fmt;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, LazyLock};

use axum::body::{Body, Bytes};
use axum::extract::{FromRef, FromRequest, Query, Request};
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::MethodRouter;
use axum::Router;
use futures_util::future::{CatchUnwind, Either};
use futures_util::FutureExt;
use http_body_util::{BodyExt, LengthLimitError, Limited};

use crate::client::{ApiClient, ApiConfig};
use crate::error_page::{error_page, ReferenceCode, INFO_PAGE};
use crate::oauth::{OAuthRedirect, OAuthToken};
use crate::payload::Payload;
use crate::webhook::{DeleteHookBody, SignatureError, Webhook, WebhookError, SIGNATURE_HEADER};
use crate::Answer;

/// The body limit of the reference runtime (micro's `json()`): 1 MB.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// `text/html; charset=utf-8`.
pub const HTML: HeaderValue = HeaderValue::from_static("text/html; charset=utf-8");

const CORS: [(HeaderName, HeaderValue); 3] = [
    (
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    ),
    (
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, DELETE, OPTIONS"),
    ),
    (
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("Authorization, Accept, Content-Type"),
    ),
];

/// Adds the reference runtime's three CORS headers to a response.
pub fn add_cors_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in CORS {
        headers.insert(name, value);
    }
    response
}

/// Markup (any [`Answer`]) as an HTTP response: 200 with
/// `text/html; charset=utf-8`.
pub fn markup_response(markup: impl Answer) -> Response {
    html_response(StatusCode::OK, markup.into_markup())
}

fn html_response(status: StatusCode, body: String) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, HTML);
    response
}

/// The headers of every HTML answer a hook gives (`Content-Type` and the
/// CORS headers), built once and cloned per answer instead of hashed and
/// inserted one by one: 17 324 instructions a request against 17 389
/// with a second pass for the CORS headers and 17 370 with the four
/// inserts into a reserved map (`runtime/bench/instructions.sh`, issue 20).
static HOOK_HTML_HEADERS: LazyLock<HeaderMap> = LazyLock::new(|| {
    let mut headers = HeaderMap::with_capacity(CORS.len() + 1);
    headers.insert(header::CONTENT_TYPE, HTML);
    for (name, value) in CORS {
        headers.insert(name, value);
    }
    headers
});

/// [`html_response`] with the CORS headers: a hook's answer to a POST or a
/// GET.
fn hook_html_response(status: StatusCode, body: String) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    *response.headers_mut() = HOOK_HTML_HEADERS.clone();
    response
}

/// An axum router serving one hook: the result of [`router`], or of
/// [`Hook::into_router`] after setting options.
pub struct Hook<F> {
    handler: F,
    strict: bool,
    body_limit: usize,
    api: Option<ApiConfig>,
}

impl<F: fmt::Debug> fmt::Debug for Hook<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Hook")
            .field("strict", &self.strict)
            .field("body_limit", &self.body_limit)
            .field("api", &self.api)
            .finish_non_exhaustive()
    }
}

/// Serves `handler` at every path with the reference request contract (see
/// the module docs). `handler` gets the parsed [`Payload`] and an
/// [`ApiClient`] bound to its token and team, and returns markup (any
/// [`Answer`]: `uihook::Markup`, or a `String` of markup) or an error:
///
/// ```no_run
/// use uihook_runtime::{Payload, ApiClient};
///
/// async fn hook(payload: Payload, _api: ApiClient) -> Result<String, std::convert::Infallible> {
///     Ok(format!("<Page><P>{}</P></Page>", if payload.is_view() { "Hi" } else { "Again" }))
/// }
///
/// # async fn serve() -> std::io::Result<()> {
/// let app = uihook_runtime::axum::router(hook);
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:5005").await?;
/// axum::serve(listener, app).await
/// # }
/// ```
pub fn router<F, Fut, A, E>(handler: F) -> Router
where
    F: Fn(Payload, ApiClient) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<A, E>> + Send + 'static,
    A: Answer,
    E: fmt::Debug + Send + 'static,
{
    Hook::new(handler).into_router()
}

impl<F, Fut, A, E> Hook<F>
where
    F: Fn(Payload, ApiClient) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<A, E>> + Send + 'static,
    A: Answer,
    E: fmt::Debug + Send + 'static,
{
    /// A hook with the reference behaviour: lenient errors, 1 MB bodies, the
    /// API base from `UIHOOK_API_BASE` or the real API.
    pub fn new(handler: F) -> Hook<F> {
        Hook {
            handler,
            strict: false,
            body_limit: BODY_LIMIT,
            api: None,
        }
    }

    /// Answers failures with 400, 413 or 500 instead of 200 (the body is the
    /// error page either way).
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Another body limit, in bytes.
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// The API configuration the handler's [`ApiClient`]s use.
    pub fn api(mut self, api: ApiConfig) -> Self {
        self.api = Some(api);
        self
    }

    /// The hook as a method router, to mount at a path of your own:
    /// `Router::new().route("/hook", Hook::new(h).into_method_router())`.
    pub fn into_method_router<S: Clone + Send + Sync + 'static>(self) -> MethodRouter<S> {
        let inner = Arc::new(Inner {
            handler: self.handler,
            strict: self.strict,
            body_limit: self.body_limit,
            api: self.api.unwrap_or_else(ApiConfig::from_env),
        });
        // Each of the four answers carries the CORS headers itself: the
        // same headers as a `map_response` layer over all four, without its
        // boxed future and extra service per request. The HTML answers
        // (GET, POST) start from one prebuilt header map.
        MethodRouter::new()
            .options(|| async { add_cors_headers(StatusCode::OK.into_response()) })
            .get(|| async { hook_html_response(StatusCode::OK, INFO_PAGE.to_owned()) })
            .post(move |request: Request| Arc::clone(&inner).serve(request))
            .fallback(|| async {
                add_cors_headers((StatusCode::NOT_FOUND, "404 - Not Found").into_response())
            })
    }

    /// The hook answering at every path, as the reference did.
    pub fn into_router(self) -> Router {
        let hook = self.into_method_router::<()>();
        Router::new()
            .route("/", hook.clone())
            .fallback_service(hook)
    }
}

struct Inner<F> {
    handler: F,
    strict: bool,
    body_limit: usize,
    api: ApiConfig,
}

/// What went wrong with a POST, for the log and the strict status.
enum Failure {
    BadBody(String),
    TooLarge(usize),
    BadJson(String),
    Handler(String),
    Panic(String),
}

impl Failure {
    fn status(&self) -> StatusCode {
        match self {
            Failure::BadBody(_) | Failure::BadJson(_) => StatusCode::BAD_REQUEST,
            Failure::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Failure::Handler(_) | Failure::Panic(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-string payload".to_owned()
    }
}

/// Reads at most `limit` bytes of a body. A body that comes in one chunk
/// (what hyper hands over for a small request) is that chunk, not copied;
/// more chunks are joined.
async fn read_body(body: Body, limit: usize) -> Result<Bytes, Failure> {
    let mut body = Limited::new(body, limit);
    let mut first = Bytes::new();
    let mut joined: Option<Vec<u8>> = None;
    while let Some(frame) = body.frame().await {
        let frame = match frame {
            Ok(frame) => frame,
            Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => {
                return Err(Failure::TooLarge(limit))
            }
            Err(e) => return Err(Failure::BadBody(e.to_string())),
        };
        let Ok(data) = frame.into_data() else {
            continue; // trailers
        };
        if let Some(joined) = joined.as_mut() {
            joined.extend_from_slice(&data);
        } else if first.is_empty() {
            first = data;
        } else if !data.is_empty() {
            let mut both = Vec::with_capacity(first.len() + data.len());
            both.extend_from_slice(&first);
            both.extend_from_slice(&data);
            joined = Some(both);
        }
    }
    Ok(joined.map_or(first, Bytes::from))
}

impl<F, Fut, A, E> Inner<F>
where
    F: Fn(Payload, ApiClient) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<A, E>> + Send + 'static,
    A: Answer,
    E: fmt::Debug + Send + 'static,
{
    /// Answers a POST. Written with combinators rather than as an `async fn`
    /// so that the future (boxed and moved per request) holds the body read,
    /// then only the handler's future, in one place: an `async fn` keeps the
    /// request, the payload and the handler's future each in a slot of its
    /// own, about 3 times the size.
    fn serve(self: Arc<Self>, request: Request) -> impl Future<Output = Response> + Send {
        read_body(request.into_body(), self.body_limit).then(move |body| {
            match body.and_then(|body| self.start(&body)) {
                Ok(future) => Either::Left(future.map(move |outcome| match outcome {
                    Ok(Ok(markup)) => hook_html_response(StatusCode::OK, markup.into_markup()),
                    Ok(Err(e)) => self.fail(Failure::Handler(format!("{e:?}"))),
                    Err(p) => self.fail(Failure::Panic(panic_message(&*p))),
                })),
                Err(failure) => Either::Right(std::future::ready(self.fail(failure))),
            }
        })
    }

    /// Parses the payload and calls the handler.
    fn start(&self, body: &[u8]) -> Result<CatchUnwind<AssertUnwindSafe<Fut>>, Failure> {
        let payload = Payload::from_slice(body).map_err(|e| Failure::BadJson(e.to_string()))?;
        let client = self.api.client_for(&payload);
        let future = std::panic::catch_unwind(AssertUnwindSafe(|| (self.handler)(payload, client)))
            .map_err(|p| Failure::Panic(panic_message(&*p)))?;
        Ok(AssertUnwindSafe(future).catch_unwind())
    }

    fn fail(&self, failure: Failure) -> Response {
        let code = ReferenceCode::new();
        match &failure {
            Failure::BadBody(e) => {
                tracing::error!(reference_code = %code, error = %e, "UIHook request body could not be read")
            }
            Failure::TooLarge(limit) => {
                tracing::error!(reference_code = %code, limit, "UIHook request body is over the limit")
            }
            Failure::BadJson(e) => {
                tracing::error!(reference_code = %code, error = %e, "UIHook payload is not valid")
            }
            Failure::Handler(e) => {
                tracing::error!(reference_code = %code, error = %e, "UIHook handler failed")
            }
            Failure::Panic(e) => {
                tracing::error!(reference_code = %code, panic = %e, "UIHook handler panicked")
            }
        }
        let status = if self.strict {
            failure.status()
        } else {
            StatusCode::OK
        };
        hook_html_response(status, error_page(&code))
    }
}

/// A route for legacy delete hooks: a `DELETE` with a JSON
/// [`DeleteHookBody`], answered 200 (empty) when `handler` succeeds. A bad
/// body is 400, a failed handler 500 with its reference code logged. The
/// platform gives up after 10 s, so schedule slow clean-ups instead of
/// awaiting them.
pub fn delete_hook<S, F, Fut, E>(handler: F) -> MethodRouter<S>
where
    S: Clone + Send + Sync + 'static,
    F: Fn(DeleteHookBody) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<(), E>> + Send + 'static,
    E: fmt::Debug + Send + 'static,
{
    MethodRouter::new().delete(move |request: Request| {
        let handler = handler.clone();
        async move {
            let body = match read_body(request.into_body(), BODY_LIMIT).await {
                Ok(body) => body,
                Err(Failure::TooLarge(_)) => {
                    return (StatusCode::PAYLOAD_TOO_LARGE, "body too large").into_response()
                }
                Err(_) => {
                    return (StatusCode::BAD_REQUEST, "body could not be read").into_response()
                }
            };
            let parsed: DeleteHookBody = match serde_json::from_slice(&body) {
                Ok(parsed) => parsed,
                Err(e) => {
                    return (
                        StatusCode::BAD_REQUEST,
                        format!("invalid delete-hook body: {e}"),
                    )
                        .into_response()
                }
            };
            match AssertUnwindSafe(handler(parsed)).catch_unwind().await {
                Ok(Ok(())) => StatusCode::OK.into_response(),
                Ok(Err(e)) => server_error(&format!("{e:?}"), "delete hook failed"),
                Err(p) => server_error(&panic_message(&*p), "delete hook panicked"),
            }
        }
    })
}

fn server_error(error: &str, what: &'static str) -> Response {
    let code = ReferenceCode::new();
    tracing::error!(reference_code = %code, error = %error, "{what}");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("{what} (reference code {code})"),
    )
        .into_response()
}

/// The secret webhooks are signed with (the integration's client secret),
/// taken from the router state by [`SignedWebhook`] and [`VerifiedBody`].
#[derive(Clone)]
pub struct WebhookSecret(Arc<[u8]>);

impl WebhookSecret {
    /// Wraps a secret.
    pub fn new(secret: impl AsRef<[u8]>) -> WebhookSecret {
        WebhookSecret(secret.as_ref().into())
    }
}

impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookSecret(<redacted>)")
    }
}

/// The raw body of a request whose `x-vercel-signature` matched: for bodies
/// you parse yourself. Rejects with 401 before anything is parsed.
#[derive(Clone, Debug)]
pub struct VerifiedBody(pub Bytes);

/// A webhook whose signature was checked on the raw bytes **before** the
/// JSON was parsed, then typed ([`Webhook`]). Needs a [`WebhookSecret`] in
/// the state (`.with_state(WebhookSecret::new(secret))`, or a field of your
/// state with `FromRef`).
///
/// Rejections: 401 for a missing, malformed or wrong signature; 400 for a
/// body that is not an event; 413 over 1 MB.
#[derive(Clone, Debug)]
pub struct SignedWebhook(pub Webhook);

/// Why [`SignedWebhook`] or [`VerifiedBody`] refused a request.
#[derive(Debug)]
pub enum WebhookRejection {
    /// 401.
    Signature(SignatureError),
    /// 400.
    Invalid(String),
    /// 413.
    TooLarge,
}

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        match self {
            WebhookRejection::Signature(e) => {
                (StatusCode::UNAUTHORIZED, e.to_string()).into_response()
            }
            WebhookRejection::Invalid(e) => (StatusCode::BAD_REQUEST, e).into_response(),
            WebhookRejection::TooLarge => {
                (StatusCode::PAYLOAD_TOO_LARGE, "body too large").into_response()
            }
        }
    }
}

impl<S> FromRequest<S> for VerifiedBody
where
    WebhookSecret: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = WebhookRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let secret = WebhookSecret::from_ref(state);
        let (parts, body) = request.into_parts();
        let header = parts
            .headers
            .get(SIGNATURE_HEADER)
            .ok_or(WebhookRejection::Signature(SignatureError::Missing))?
            .to_str()
            .map_err(|_| WebhookRejection::Signature(SignatureError::Malformed))?
            .to_owned();
        let body = match read_body(body, BODY_LIMIT).await {
            Ok(body) => body,
            Err(Failure::TooLarge(_)) => return Err(WebhookRejection::TooLarge),
            Err(_) => {
                return Err(WebhookRejection::Invalid(
                    "body could not be read".to_owned(),
                ))
            }
        };
        crate::webhook::verify_signature(&body, &header, &secret.0)
            .map_err(WebhookRejection::Signature)?;
        Ok(VerifiedBody(body))
    }
}

impl<S> FromRequest<S> for SignedWebhook
where
    WebhookSecret: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = WebhookRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let VerifiedBody(body) = VerifiedBody::from_request(request, state).await?;
        Webhook::from_slice(&body)
            .map(SignedWebhook)
            .map_err(|e| WebhookRejection::Invalid(WebhookError::Parse(e).to_string()))
    }
}

/// What [`oauth_callback`] needs: the integration's OAuth credentials, its
/// Redirect URL, and where the token endpoint lives.
#[derive(Clone)]
pub struct OAuthConfig {
    /// The integration's client id.
    pub client_id: String,
    /// The integration's client secret.
    pub client_secret: String,
    /// The Redirect URL configured for the integration (sent as
    /// `redirect_uri`).
    pub redirect_uri: String,
    /// Where `/v2/oauth/access_token` is ([`ApiConfig::new`] by default).
    pub api: ApiConfig,
    /// `next` is followed only when it starts with one of these (so the
    /// route is no open redirect): by default the dashboard's origins.
    pub allowed_next: Vec<String>,
}

impl fmt::Debug for OAuthConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthConfig")
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("redirect_uri", &self.redirect_uri)
            .field("api", &self.api)
            .field("allowed_next", &self.allowed_next)
            .finish()
    }
}

impl OAuthConfig {
    /// Credentials for the real API, following `next` only to
    /// `https://vercel.com/` and `https://zeit.co/`.
    pub fn new(
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        redirect_uri: impl Into<String>,
    ) -> OAuthConfig {
        OAuthConfig {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            redirect_uri: redirect_uri.into(),
            api: ApiConfig::new(),
            allowed_next: vec![
                "https://vercel.com/".to_owned(),
                "https://zeit.co/".to_owned(),
            ],
        }
    }

    fn next_allowed(&self, next: &str) -> bool {
        self.allowed_next
            .iter()
            .any(|prefix| next.starts_with(prefix.as_str()))
    }
}

/// The Redirect URL route: takes the [`OAuthRedirect`] query, exchanges the
/// code (form POST to `/v2/oauth/access_token`), hands the token to
/// `on_token` (store it), then redirects (303) to `next`. Without an
/// allowed `next` it answers a short "installed" page. A failed exchange is
/// 502, a failed `on_token` 500, each with a logged reference code.
pub fn oauth_callback<S, F, Fut, E>(config: OAuthConfig, on_token: F) -> MethodRouter<S>
where
    S: Clone + Send + Sync + 'static,
    F: Fn(OAuthToken, OAuthRedirect) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<(), E>> + Send + 'static,
    E: fmt::Debug + Send + 'static,
{
    let config = Arc::new(config);
    MethodRouter::new().get(move |query: Result<Query<OAuthRedirect>, _>| {
        let config = Arc::clone(&config);
        let on_token = on_token.clone();
        async move {
            let Query(redirect): Query<OAuthRedirect> = match query {
                Ok(query) => query,
                Err(e) => {
                    let e: axum::extract::rejection::QueryRejection = e;
                    return (StatusCode::BAD_REQUEST, format!("invalid OAuth redirect: {e}")).into_response();
                }
            };
            let token = match config
                .api
                .exchange_code(&config.client_id, &config.client_secret, &redirect.code, &config.redirect_uri)
                .await
            {
                Ok(token) => token,
                Err(e) => {
                    let code = ReferenceCode::new();
                    tracing::error!(reference_code = %code, error = %e, "OAuth code exchange failed");
                    return (
                        StatusCode::BAD_GATEWAY,
                        format!("the OAuth code exchange failed (reference code {code})"),
                    )
                        .into_response();
                }
            };
            let next = redirect.next.clone();
            if let Err(e) = on_token(token, redirect).await {
                return server_error(&format!("{e:?}"), "storing the OAuth token failed");
            }
            match next {
                Some(next) if config.next_allowed(&next) => match HeaderValue::from_str(&next) {
                    Ok(location) => {
                        (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
                    }
                    Err(_) => installed_page(),
                },
                _ => installed_page(),
            }
        }
    })
}

fn installed_page() -> Response {
    html_response(
        StatusCode::OK,
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Installed</title></head>\
         <body><p>The integration is installed. You can close this page.</p></body></html>\n"
            .to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use std::convert::Infallible;

    use super::*;

    fn chunked(chunks: &[&'static [u8]]) -> Body {
        let chunks: Vec<Result<Bytes, Infallible>> =
            chunks.iter().map(|c| Ok(Bytes::from_static(c))).collect();
        Body::from_stream(futures_util::stream::iter(chunks))
    }

    fn read(body: Body, limit: usize) -> Result<Bytes, String> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        runtime
            .block_on(read_body(body, limit))
            .map_err(|failure| match failure {
                Failure::TooLarge(limit) => format!("too large: {limit}"),
                Failure::BadBody(e) => format!("bad body: {e}"),
                _ => "other".to_owned(),
            })
    }

    #[test]
    fn bodies_in_chunks_are_joined() {
        assert_eq!(read(Body::from("{}"), 8).as_deref(), Ok(&b"{}"[..]));
        assert_eq!(read(Body::empty(), 8).as_deref(), Ok(&b""[..]));
        assert_eq!(read(chunked(&[]), 8).as_deref(), Ok(&b""[..]));
        assert_eq!(
            read(chunked(&[b"", b"{\"a\"", b"", b":1", b"}"]), 64).as_deref(),
            Ok(&b"{\"a\":1}"[..])
        );
        assert_eq!(
            read(chunked(&[b"ab", b"cd"]), 4).as_deref(),
            Ok(&b"abcd"[..])
        );
        assert_eq!(
            read(chunked(&[b"ab", b"cd", b"e"]), 4),
            Err("too large: 4".to_owned())
        );
        assert_eq!(read(Body::from("abcde"), 4), Err("too large: 4".to_owned()));
    }

    async fn hook(payload: Payload, _api: ApiClient) -> Result<String, Infallible> {
        Ok(payload.action.into())
    }

    /// The future of a POST is boxed and moved per request: it should hold
    /// the handler's future and little more (see `Inner::serve`).
    #[test]
    fn the_post_future_is_about_the_size_of_the_handlers() {
        let inner = Arc::new(Inner {
            handler: hook,
            strict: false,
            body_limit: BODY_LIMIT,
            api: ApiConfig::with_base_url("http://127.0.0.1:9"),
        });
        let payload = Payload::default();
        let client = inner.api.client_for(&payload);
        let handler = std::mem::size_of_val(&hook(payload, client));
        let post = std::mem::size_of_val(&inner.serve(Request::new(Body::empty())));
        assert!(
            post <= handler + 64,
            "{post} bytes for a {handler}-byte handler future"
        );
    }
}
