//! The platform API client a hook uses during a request: metadata, secrets,
//! project environment variables, and a generic authenticated `fetch`.
//!
//! Differences from the reference `ZeitClient`, on purpose:
//!
//! * the `Authorization: Bearer` header is **always** sent (the reference
//!   dropped it as soon as the caller passed any header);
//! * `teamId` is added as a query parameter whenever the payload has one;
//! * any 2xx is success (the reference wanted exactly 200);
//! * `set_metadata` refuses, before sending, a body over the store's 100 KB;
//! * only paths (`/v1/…`) are accepted, so the token never leaves the
//!   configured API base.
//!
//! The base URL defaults to [`DEFAULT_API_BASE`]; point it at a local server
//! with [`ApiConfig::with_base_url`] or the `UIHOOK_API_BASE` environment
//! variable ([`ApiConfig::from_env`]). TLS is rustls with the ring provider
//! and the webpki root certificates: no OpenSSL, no process-wide state.

use std::fmt;
use std::sync::Arc;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::{Method, StatusCode};
use serde::{de::DeserializeOwned, Serialize};
use serde_json::{json, Map, Value};
use sha1::{Digest, Sha1};

use crate::oauth::OAuthToken;
use crate::payload::{json_type, Payload, PayloadStr};

/// The platform API: `https://api.vercel.com` (the reference used
/// `https://zeit.co/api`, later `https://vercel.com/api`: the same API).
pub const DEFAULT_API_BASE: &str = "https://api.vercel.com";

/// The environment variable [`ApiConfig::from_env`] reads.
pub const API_BASE_ENV: &str = "UIHOOK_API_BASE";

/// The metadata store's limit per configuration: 100 KB, counted as
/// 100 × 1024 bytes of serialized JSON.
pub const METADATA_LIMIT: usize = 100 * 1024;

/// Characters kept as they are in a path segment (RFC 3986 unreserved).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

fn segment(s: &str) -> impl fmt::Display + '_ {
    utf8_percent_encode(s, SEGMENT)
}

/// What every [`ApiClient`] of a server shares: the API base URL and the
/// HTTP connection pool. Cheap to clone.
#[derive(Clone)]
pub struct ApiConfig {
    base_url: Arc<str>,
    http: reqwest::Client,
}

impl fmt::Debug for ApiConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiConfig")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

impl Default for ApiConfig {
    fn default() -> Self {
        ApiConfig::new()
    }
}

fn http_client() -> reqwest::Client {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let builder = reqwest::Client::builder()
        .user_agent(concat!("uihook-runtime/", env!("CARGO_PKG_VERSION")));
    let builder = match rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
    {
        Ok(tls) => builder
            .tls_backend_preconfigured(tls.with_root_certificates(roots).with_no_client_auth()),
        Err(_) => builder,
    };
    // Building fails only when the TLS backend cannot start; a client that
    // can still reach plain-HTTP local servers is the useful fallback.
    builder.build().unwrap_or_else(|_| reqwest::Client::new())
}

impl ApiConfig {
    /// The real platform API ([`DEFAULT_API_BASE`]).
    pub fn new() -> ApiConfig {
        ApiConfig::with_base_url(DEFAULT_API_BASE)
    }

    /// Another API base, such as `http://127.0.0.1:3000` for tests and
    /// `uihook dev`. A trailing `/` is ignored.
    pub fn with_base_url(base_url: impl AsRef<str>) -> ApiConfig {
        ApiConfig {
            base_url: base_url.as_ref().trim_end_matches('/').into(),
            http: http_client(),
        }
    }

    /// The base from `UIHOOK_API_BASE` when it is set, else the real API.
    pub fn from_env() -> ApiConfig {
        match std::env::var(API_BASE_ENV) {
            Ok(base) if !base.trim().is_empty() => ApiConfig::with_base_url(base.trim()),
            _ => ApiConfig::new(),
        }
    }

    /// Uses your own `reqwest::Client` (proxy, timeouts, …).
    pub fn with_http_client(mut self, http: reqwest::Client) -> ApiConfig {
        self.http = http;
        self
    }

    /// The API base URL, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// A client for one request's token, team and configuration.
    pub fn client(
        &self,
        token: impl Into<PayloadStr>,
        team_id: Option<String>,
        configuration_id: impl Into<PayloadStr>,
    ) -> ApiClient {
        ApiClient {
            config: self.clone(),
            token: token.into(),
            team_id: team_id.map(PayloadStr::from),
            configuration_id: configuration_id.into(),
        }
    }

    /// A client bound to a payload's `token`, `teamId` and `configurationId`
    /// (copies of the [`PayloadStr`]s: short ones inline, without
    /// allocating).
    pub fn client_for(&self, payload: &Payload) -> ApiClient {
        ApiClient {
            config: self.clone(),
            token: payload.token.clone(),
            team_id: payload.team_id.clone(),
            configuration_id: payload.configuration_id.clone(),
        }
    }

    /// Exchanges an OAuth `code` for a long-lived token: a form POST to
    /// `/v2/oauth/access_token` under this base.
    pub async fn exchange_code(
        &self,
        client_id: &str,
        client_secret: &str,
        code: &str,
        redirect_uri: &str,
    ) -> Result<OAuthToken, ApiError> {
        let response = self
            .http
            .post(format!("{}/v2/oauth/access_token", self.base_url))
            .form(&[
                ("client_id", client_id),
                ("client_secret", client_secret),
                ("code", code),
                ("redirect_uri", redirect_uri),
            ])
            .send()
            .await?;
        decode(response).await
    }
}

/// An API client bound to one request's token (and team). Every call sends
/// `Authorization: Bearer <token>` and, for team installs, `?teamId=…`.
#[derive(Clone)]
pub struct ApiClient {
    config: ApiConfig,
    token: PayloadStr,
    team_id: Option<PayloadStr>,
    configuration_id: PayloadStr,
}

impl fmt::Debug for ApiClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiClient")
            .field("base_url", &self.config.base_url)
            .field("token", &"<redacted>")
            .field("team_id", &self.team_id)
            .field("configuration_id", &self.configuration_id)
            .finish()
    }
}

impl ApiClient {
    /// A client for the real API ([`ApiConfig::new`]); prefer sharing one
    /// [`ApiConfig`] and calling [`ApiConfig::client`].
    pub fn new(
        token: impl Into<PayloadStr>,
        team_id: Option<String>,
        configuration_id: impl Into<PayloadStr>,
    ) -> ApiClient {
        ApiConfig::new().client(token, team_id, configuration_id)
    }

    /// The team calls are scoped to.
    pub fn team_id(&self) -> Option<&str> {
        self.team_id.as_deref()
    }

    /// The configuration whose metadata [`ApiClient::get_metadata`] reads.
    pub fn configuration_id(&self) -> &str {
        &self.configuration_id
    }

    /// The shared configuration.
    pub fn config(&self) -> &ApiConfig {
        &self.config
    }

    /// A request to `path` (which must start with `/`) under the API base,
    /// with the bearer token and `teamId` already set; add a body and send it
    /// yourself.
    pub fn request(&self, method: Method, path: &str) -> Result<reqwest::RequestBuilder, ApiError> {
        if !path.starts_with('/') || path.starts_with("//") {
            return Err(ApiError::InvalidPath {
                path: path.to_owned(),
            });
        }
        let mut request = self
            .config
            .http
            .request(method, format!("{}{path}", self.config.base_url))
            .bearer_auth(&self.token);
        if let Some(team_id) = &self.team_id {
            request = request.query(&[("teamId", team_id.as_str())]);
        }
        Ok(request)
    }

    /// Sends `method path` with an optional JSON body; returns the response
    /// whatever its status.
    pub async fn fetch(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<reqwest::Response, ApiError> {
        let mut request = self.request(method, path)?;
        if let Some(body) = body {
            request = request.json(body);
        }
        Ok(request.send().await?)
    }

    /// [`ApiClient::fetch`], then: a non-2xx status is an
    /// [`ApiError::Status`], a 2xx body is parsed as `T`.
    pub async fn fetch_json<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<T, ApiError> {
        decode(self.fetch(method, path, body).await?).await
    }

    fn metadata_path(&self) -> String {
        format!(
            "/v1/integrations/configuration/{}/metadata",
            segment(&self.configuration_id)
        )
    }

    /// The configuration's whole metadata object (`{}` when empty).
    pub async fn get_metadata(&self) -> Result<Map<String, Value>, ApiError> {
        let path = self.metadata_path();
        match self.fetch_json::<Value>(Method::GET, &path, None).await? {
            Value::Object(map) => Ok(map),
            Value::Null => Ok(Map::new()),
            other => Err(ApiError::Decode {
                message: format!("metadata is not a JSON object: {}", json_type(&other)),
            }),
        }
    }

    /// Replaces the configuration's whole metadata with `metadata`, which
    /// must serialize to a JSON object of at most [`METADATA_LIMIT`] bytes.
    pub async fn set_metadata<T: Serialize + ?Sized>(
        &self,
        metadata: &T,
    ) -> Result<Value, ApiError> {
        let value = serde_json::to_value(metadata).map_err(|e| ApiError::Encode {
            message: e.to_string(),
        })?;
        if !value.is_object() {
            return Err(ApiError::Encode {
                message: format!("metadata must be a JSON object, not {}", json_type(&value)),
            });
        }
        let size = serde_json::to_vec(&value)
            .map(|v| v.len())
            .unwrap_or(usize::MAX);
        if size > METADATA_LIMIT {
            return Err(ApiError::MetadataTooLarge {
                size,
                limit: METADATA_LIMIT,
            });
        }
        let path = self.metadata_path();
        self.fetch_json(Method::POST, &path, Some(&value)).await
    }

    /// Creates the account secret `<prefix>-<first 10 hex digits of
    /// SHA-1(value)>` holding `value` unless it exists (409 is fine), and
    /// returns its name.
    pub async fn ensure_secret(&self, prefix: &str, value: &str) -> Result<String, ApiError> {
        let digest = crate::hex::encode(&Sha1::digest(value.as_bytes()));
        let name = format!("{prefix}-{}", &digest[..10]);
        let body = json!({ "name": name, "value": value });
        let response = self
            .fetch(Method::POST, "/v2/now/secrets", Some(&body))
            .await?;
        if response.status().is_success() || response.status() == StatusCode::CONFLICT {
            Ok(name)
        } else {
            Err(status_error(response).await)
        }
    }

    /// Adds `key=@secret_name` to the project's environment.
    pub async fn upsert_env(
        &self,
        project_id: &str,
        key: &str,
        secret_name: &str,
    ) -> Result<(), ApiError> {
        let path = format!("/v1/projects/{}/env", segment(project_id));
        let body = json!({ "key": key, "value": format!("@{secret_name}") });
        let response = self.fetch(Method::POST, &path, Some(&body)).await?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(status_error(response).await)
        }
    }

    /// Removes `key` from the project's environment; a missing key (404) is
    /// not an error.
    pub async fn remove_env(&self, project_id: &str, key: &str) -> Result<(), ApiError> {
        let path = format!("/v1/projects/{}/env/{}", segment(project_id), segment(key));
        let response = self.fetch(Method::DELETE, &path, None).await?;
        if response.status().is_success() || response.status() == StatusCode::NOT_FOUND {
            Ok(())
        } else {
            Err(status_error(response).await)
        }
    }
}

async fn decode<T: DeserializeOwned>(response: reqwest::Response) -> Result<T, ApiError> {
    if !response.status().is_success() {
        return Err(status_error(response).await);
    }
    let bytes = response.bytes().await?;
    serde_json::from_slice(&bytes).map_err(|e| ApiError::Decode {
        message: e.to_string(),
    })
}

/// At most this many bytes of an error body are kept as its message.
const MESSAGE_LIMIT: usize = 500;

async fn status_error(response: reqwest::Response) -> ApiError {
    let status = response.status().as_u16();
    let body = response.bytes().await.unwrap_or_default();
    let message = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| {
            let m = v.pointer("/error/message").or_else(|| v.get("message"))?;
            m.as_str().map(str::to_owned)
        })
        .unwrap_or_else(|| {
            let text = String::from_utf8_lossy(&body);
            let mut end = text.len().min(MESSAGE_LIMIT);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text[..end].trim().to_owned()
        });
    let code = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v.pointer("/error/code")?.as_str().map(str::to_owned));
    ApiError::Status {
        status,
        code,
        message,
    }
}

/// A failed API call.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ApiError {
    /// The platform answered with a non-2xx status.
    #[error("API error {status}{}: {message}", code.as_deref().map(|c| format!(" ({c})")).unwrap_or_default())]
    Status {
        /// The HTTP status.
        status: u16,
        /// The platform's `error.code`, when it sent one.
        code: Option<String>,
        /// The platform's `error.message`, else the start of the body.
        message: String,
    },
    /// The request could not be sent or the reply not read.
    #[error("API request failed: {0}")]
    Http(#[from] reqwest::Error),
    /// A 2xx reply was not the JSON expected.
    #[error("API reply is not the expected JSON: {message}")]
    Decode {
        /// What was wrong.
        message: String,
    },
    /// A value could not be sent as JSON.
    #[error("cannot send this value: {message}")]
    Encode {
        /// What was wrong.
        message: String,
    },
    /// `set_metadata` was refused before sending.
    #[error("metadata is {size} bytes, over the store's limit of {limit} bytes (100 KB per configuration)")]
    MetadataTooLarge {
        /// The serialized size.
        size: usize,
        /// [`METADATA_LIMIT`].
        limit: usize,
    },
    /// `fetch` was given something other than a path under the API base.
    #[error("API path must start with a single `/`: `{path}`")]
    InvalidPath {
        /// The refused path.
        path: String,
    },
}

impl ApiError {
    /// The HTTP status, for [`ApiError::Status`].
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status { status, .. } => Some(*status),
            ApiError::Http(e) => e.status().map(|s| s.as_u16()),
            _ => None,
        }
    }
}
