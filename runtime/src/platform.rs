//! The fake platform API (feature `platform`): the metadata store, secrets
//! and project environment variables, at the paths the [`ApiClient`] calls
//! (spec `runtime.md` §A.4, §B). `uihook dev` serves it to the hook it plays,
//! and `uihook::testing` serves it to the hooks of `cargo test`: one
//! implementation, so a hook that passes its tests behaves the same under
//! `uihook dev`.
//!
//! The real endpoints were switched off in 2021, so this is a fake with the
//! documented behaviour: metadata is one JSON object per configuration,
//! replaced whole on `POST`, at most 100 KB; secrets answer 409 when the name
//! exists (which the client treats as success). Every call, whatever its
//! outcome, is recorded, so a developer (or a test) sees what the hook did.
//! The store lives in memory; whoever owns the process decides whether
//! metadata outlives it ([`Platform::on_metadata_change`]; `uihook dev
//! --metadata-file` writes it to a file): secrets and env variables are demo
//! data.
//!
//! [`ApiClient`]: https://docs.rs/uihook-runtime/latest/uihook_runtime/client/struct.ApiClient.html

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::payload::json_type;

/// The metadata store's limit per configuration: 100 × 1024 bytes of
/// compact JSON, counted the way the runtime's client counts before sending
/// (`client::METADATA_LIMIT`, the same number), so both sides agree.
pub const METADATA_LIMIT: usize = 100 * 1024;

/// How many calls the log keeps; older ones are dropped.
const CALL_LOG_LIMIT: usize = 1000;

/// One recorded API call, as `uihook dev`'s panel shows it. (The JSON types
/// here declare their fields in alphabetical order, the order in which the
/// page and the hook have always received them.)
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ApiCall {
    /// Milliseconds since the server started.
    pub at_ms: u64,
    /// `GET`, `POST`, …
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// Increases by one per call, from 1.
    pub seq: u64,
    /// The status answered.
    pub status: u16,
    /// What happened, in a few words.
    pub summary: String,
    /// The `teamId` query parameter, if sent.
    pub team_id: Option<String>,
}

/// Everything the platform holds, as `uihook dev`'s panel shows it
/// (`/_uihook/platform`) and tests inspect it.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Snapshot {
    /// The call log, oldest first.
    pub calls: Vec<ApiCall>,
    /// Project id → key → value.
    pub env: BTreeMap<String, BTreeMap<String, String>>,
    /// Configuration id → its metadata object.
    pub metadata: BTreeMap<String, Map<String, Value>>,
    /// The secrets, without their values.
    pub secrets: Vec<SecretInfo>,
}

/// A secret as the panel shows it: its name and the length of its value.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SecretInfo {
    /// The name.
    pub name: String,
    /// How many bytes the value has.
    pub value_bytes: usize,
}

/// The body of an answer to the hook.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(untagged)]
enum Body {
    /// A configuration's metadata: whatever object the hook stored.
    Metadata(Map<String, Value>),
    /// A refusal.
    Error(ErrorBody),
    /// A secret was created.
    Secret(SecretCreated),
    /// An env variable was added or replaced.
    Env(EnvVar),
    /// Done, nothing to say: `{}`.
    Empty {},
}

/// A platform-style error body: `{"error": {"code", "message"}}`, which the
/// runtime's client reads into its `ApiError::Status`.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
struct ErrorDetail {
    code: &'static str,
    message: String,
}

/// The answer to a created secret.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
struct SecretCreated {
    /// Milliseconds since the server started.
    created: u64,
    name: String,
    uid: String,
}

/// The answer to an added env variable.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
struct EnvVar {
    key: String,
    value: String,
}

#[derive(Default)]
struct Store {
    metadata: BTreeMap<String, Map<String, Value>>,
    /// Secret name → value (values are never shown, only their length).
    secrets: BTreeMap<String, String>,
    /// Project id → key → value.
    env: BTreeMap<String, BTreeMap<String, String>>,
    calls: Vec<ApiCall>,
    seq: u64,
    /// The bearer token hooks must send (the fixture's `token`).
    token: String,
    /// The fixture's `teamId`: calls without it are flagged.
    team_id: Option<String>,
    /// Accept any bearer token (a demo whose callers' tokens are unknown).
    any_token: bool,
}

/// Called with every configuration's metadata after a change; an `Err` is
/// noted in the call log (the change itself stands).
type SaveMetadata =
    Box<dyn Fn(&BTreeMap<String, Map<String, Value>>) -> Result<(), String> + Send + Sync>;

/// The fake platform API: its stores and its call log. Share it in an
/// [`Arc`]; [`Platform::router`] serves it.
pub struct Platform {
    store: Mutex<Store>,
    save: Option<SaveMetadata>,
    /// Who serves it, for messages (`uihook dev`, `uihook::testing`).
    name: String,
    started: Instant,
}

impl std::fmt::Debug for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Platform")
            .field("name", &self.name)
            .field("persisted", &self.save.is_some())
            .finish_non_exhaustive()
    }
}

/// A platform-style error body with `code` and `message`.
fn error_body(code: &'static str, message: &str) -> Body {
    Body::Error(ErrorBody {
        error: ErrorDetail {
            code,
            message: message.to_owned(),
        },
    })
}

impl Platform {
    /// An empty platform expecting `token` (and `team_id`, if any) in every
    /// call, as the dashboard's payload carried them.
    pub fn new(token: &str, team_id: Option<&str>) -> Platform {
        Platform {
            store: Mutex::new(Store {
                token: token.to_owned(),
                team_id: team_id.map(str::to_owned),
                ..Store::default()
            }),
            save: None,
            name: "the fake platform API".to_owned(),
            started: Instant::now(),
        }
    }

    /// Names the server in the messages it answers and logs (`uihook dev`).
    pub fn named(mut self, name: &str) -> Platform {
        name.clone_into(&mut self.name);
        self
    }

    /// Accepts any `Authorization: Bearer` token (the header is still
    /// required): for demos serving callers whose tokens it cannot know.
    pub fn accepting_any_token(self) -> Platform {
        self.lock().any_token = true;
        self
    }

    /// Starts with this metadata: configuration id → its object.
    pub fn with_metadata(self, metadata: BTreeMap<String, Map<String, Value>>) -> Platform {
        self.lock().metadata = metadata;
        self
    }

    /// Calls `save` with all the metadata after every change, so it can
    /// outlive the process (`uihook dev --metadata-file`). A failure is
    /// noted in the call log; the change stands.
    pub fn on_metadata_change(
        mut self,
        save: impl Fn(&BTreeMap<String, Map<String, Value>>) -> Result<(), String>
            + Send
            + Sync
            + 'static,
    ) -> Platform {
        self.save = Some(Box::new(save));
        self
    }

    fn lock(&self) -> MutexGuard<'_, Store> {
        // A panic elsewhere cannot leave the maps half-written in a way that
        // matters to a dev server: keep serving.
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Changes the expected token and team (the fixture was edited).
    pub fn set_identity(&self, token: &str, team_id: Option<&str>) {
        let mut store = self.lock();
        store.token = token.to_owned();
        store.team_id = team_id.map(str::to_owned);
    }

    /// The sequence number of the last recorded call (0 before any).
    pub fn last_seq(&self) -> u64 {
        self.lock().seq
    }

    /// The calls recorded after `seq`.
    pub fn calls_since(&self, seq: u64) -> Vec<ApiCall> {
        self.lock()
            .calls
            .iter()
            .filter(|c| c.seq > seq)
            .cloned()
            .collect()
    }

    /// Everything the panel shows: metadata, secret names with the length of
    /// their values, env variables and the call log.
    pub fn snapshot(&self) -> Snapshot {
        let store = self.lock();
        let secrets = store
            .secrets
            .iter()
            .map(|(name, value)| SecretInfo {
                name: name.clone(),
                value_bytes: value.len(),
            })
            .collect();
        Snapshot {
            metadata: store.metadata.clone(),
            secrets,
            env: store.env.clone(),
            calls: store.calls.clone(),
        }
    }

    fn record(
        &self,
        store: &mut Store,
        method: &Method,
        path: &str,
        team_id: Option<String>,
        status: StatusCode,
        summary: String,
    ) {
        store.seq += 1;
        let call = ApiCall {
            seq: store.seq,
            at_ms: u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX),
            method: method.to_string(),
            path: path.to_owned(),
            team_id,
            status: status.as_u16(),
            summary,
        };
        store.calls.push(call);
        if store.calls.len() > CALL_LOG_LIMIT {
            let excess = store.calls.len() - CALL_LOG_LIMIT;
            store.calls.drain(..excess);
        }
    }

    /// Hands the metadata to the saver, if there is one.
    fn save(&self, store: &Store) -> Result<(), String> {
        match &self.save {
            Some(save) => save(&store.metadata),
            None => Ok(()),
        }
    }

    /// The routes, at the paths the runtime's client uses.
    pub fn router<S: Clone + Send + Sync + 'static>(self: Arc<Self>) -> Router<S> {
        Router::new()
            .route(
                "/v1/integrations/configuration/{id}/metadata",
                get(get_metadata).post(set_metadata),
            )
            .route("/v2/now/secrets", post(add_secret))
            .route("/v1/projects/{project}/env", post(add_env))
            .route("/v1/projects/{project}/env/{key}", delete(remove_env))
            .with_state(self)
    }

    /// [`Platform::router`] plus [`Platform::unknown`] for every other path:
    /// the whole fake API, ready to serve on its own address.
    pub fn app(self: Arc<Self>) -> Router {
        let fallback = Arc::clone(&self);
        self.router().fallback(move |method: Method, uri: Uri| {
            let platform = Arc::clone(&fallback);
            async move { platform.unknown(&method, &uri) }
        })
    }

    /// Answers an API path nothing fakes: 404, recorded, so the developer
    /// sees which call their hook expected to work.
    pub fn unknown(&self, method: &Method, uri: &Uri) -> Response {
        let mut store = self.lock();
        let team = team_of(uri.query());
        self.record(
            &mut store,
            method,
            uri.path(),
            team,
            StatusCode::NOT_FOUND,
            format!("not faked by {}", self.name),
        );
        (
            StatusCode::NOT_FOUND,
            Json(error_body(
                "not_found",
                &format!(
                    "{} does not fake this endpoint (metadata, secrets and project env only)",
                    self.name
                ),
            )),
        )
            .into_response()
    }

    /// Checks the bearer token (a refusal is recorded, and `Err` holds the
    /// message to answer 403 with) and the team (`Ok` holds a note for the
    /// log, empty when all is well).
    fn authorize(&self, store: &mut Store, method: &Method, call: &Call) -> Result<String, String> {
        let sent = call
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        let accepted = match sent {
            Some(sent) => store.any_token || sent == store.token,
            None => false,
        };
        if !accepted {
            let why = if sent.is_none() {
                "no `Authorization: Bearer` header"
            } else {
                "a token other than the payload's"
            };
            self.record(
                store,
                method,
                &call.path,
                call.team_id.clone(),
                StatusCode::FORBIDDEN,
                format!("refused: {why}"),
            );
            return Err(format!(
                "{}: the request has {why}; send `Authorization: Bearer <payload.token>`",
                self.name
            ));
        }
        // A team install must scope every call with `teamId`; say so, but
        // answer anyway, since the real API's answer was never documented.
        Ok(match (&store.team_id, &call.team_id) {
            (Some(want), None) => format!(" (no `teamId={want}` query parameter)"),
            (Some(want), Some(got)) if want != got => {
                format!(" (`teamId={got}`, but the fixture's team is `{want}`)")
            }
            _ => String::new(),
        })
    }

    /// Answers `call` (recorded as `method`, the route's): authorizes it (a
    /// refusal is answered 403), lets `answer` do the work on the locked
    /// store, records the call with the answer's summary and the team note,
    /// and answers with its JSON.
    fn handle(
        &self,
        method: Method,
        call: Call,
        answer: impl FnOnce(&mut Store) -> Answer,
    ) -> Response {
        let mut store = self.lock();
        let note = match self.authorize(&mut store, &method, &call) {
            Ok(note) => note,
            Err(message) => return forbidden(&message),
        };
        let (status, answer, summary) = answer(&mut store);
        self.record(
            &mut store,
            &method,
            &call.path,
            call.team_id,
            status,
            summary + &note,
        );
        json_response(status, answer)
    }
}

/// What a handler answers: the status, the JSON body and the log's summary.
type Answer = (StatusCode, Body, String);

/// What every handler takes from the request: the path and `teamId` the
/// log records, and the headers that carry the token. A malformed query is
/// refused as `Query<TeamQuery>` refuses it.
struct Call {
    path: String,
    team_id: Option<String>,
    headers: HeaderMap,
}

impl<S: Send + Sync> FromRequestParts<S> for Call {
    type Rejection = QueryRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Call, QueryRejection> {
        let Query(query) = Query::<TeamQuery>::from_request_parts(parts, state).await?;
        Ok(Call {
            path: parts.uri.path().to_owned(),
            team_id: query.team_id,
            headers: parts.headers.clone(),
        })
    }
}

#[derive(serde::Deserialize)]
struct TeamQuery {
    #[serde(rename = "teamId")]
    team_id: Option<String>,
}

fn team_of(query: Option<&str>) -> Option<String> {
    let query = query?;
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == "teamId").then(|| v.to_owned())
    })
}

type Shared = State<Arc<Platform>>;

fn forbidden(message: &str) -> Response {
    json_response(StatusCode::FORBIDDEN, error_body("forbidden", message))
}

fn json_response(status: StatusCode, body: Body) -> Response {
    (status, Json(body)).into_response()
}

async fn get_metadata(State(platform): Shared, Path(id): Path<String>, call: Call) -> Response {
    platform.handle(Method::GET, call, |store| {
        let value = store.metadata.get(&id).cloned().unwrap_or_default();
        let summary = format!("read {} keys", value.len());
        (StatusCode::OK, Body::Metadata(value), summary)
    })
}

async fn set_metadata(
    State(platform): Shared,
    Path(id): Path<String>,
    call: Call,
    body: Bytes,
) -> Response {
    platform.handle(Method::POST, call, |store| {
        match serde_json::from_slice::<Value>(&body) {
            Err(e) => (
                StatusCode::BAD_REQUEST,
                error_body("bad_request", &format!("the body is not JSON: {e}")),
                "refused: not JSON".to_owned(),
            ),
            Ok(Value::Object(object)) => {
                let size = serde_json::to_vec(&object).map_or(usize::MAX, |v| v.len());
                if size > METADATA_LIMIT {
                    (
                        StatusCode::PAYLOAD_TOO_LARGE,
                        error_body(
                            "payload_too_large",
                            &format!("metadata is {size} bytes, over the limit of {METADATA_LIMIT} bytes (100 KB per configuration)"),
                        ),
                        format!("refused: {size} bytes, over 100 KB"),
                    )
                } else {
                    let keys = object.len();
                    store.metadata.insert(id, object.clone());
                    let saved = match platform.save(store) {
                        Ok(()) => String::new(),
                        Err(e) => format!("; not saved: {e}"),
                    };
                    (
                        StatusCode::OK,
                        Body::Metadata(object),
                        format!("replaced with {keys} keys, {size} bytes{saved}"),
                    )
                }
            }
            Ok(other) => (
                StatusCode::BAD_REQUEST,
                error_body("bad_request", "metadata must be a JSON object"),
                format!("refused: {} is not an object", json_type(&other)),
            ),
        }
    })
}

/// The answer to a body without the fields a call needs.
fn bad_request(message: &str) -> Answer {
    (
        StatusCode::BAD_REQUEST,
        error_body("bad_request", message),
        format!("refused: {message}"),
    )
}

/// Reads `{…}` with the given string fields, or says what is missing.
fn fields<'a>(body: &'a Value, names: &[&str]) -> Result<Vec<&'a str>, String> {
    names
        .iter()
        .map(|name| {
            body.get(*name)
                .and_then(Value::as_str)
                .ok_or_else(|| format!("the body needs a string `{name}`"))
        })
        .collect()
}

async fn add_secret(State(platform): Shared, call: Call, body: Bytes) -> Response {
    platform.handle(Method::POST, call, |store| {
        let parsed = serde_json::from_slice::<Value>(&body).unwrap_or(Value::Null);
        match fields(&parsed, &["name", "value"]) {
            Err(e) => bad_request(&e),
            Ok(f) if store.secrets.contains_key(f[0]) => (
                StatusCode::CONFLICT,
                error_body("conflict", &format!("a secret named `{}` exists", f[0])),
                format!("`{}` exists (409)", f[0]),
            ),
            Ok(f) => {
                let (name, value) = (f[0].to_owned(), f[1].to_owned());
                let summary = format!("created `{name}` ({} bytes)", value.len());
                store.secrets.insert(name.clone(), value);
                let created = u64::try_from(platform.started.elapsed().as_millis()).unwrap_or(0);
                (
                    StatusCode::OK,
                    Body::Secret(SecretCreated {
                        uid: format!("sec_dev{}", store.secrets.len()),
                        name,
                        created,
                    }),
                    summary,
                )
            }
        }
    })
}

async fn add_env(
    State(platform): Shared,
    Path(project): Path<String>,
    call: Call,
    body: Bytes,
) -> Response {
    platform.handle(Method::POST, call, |store| {
        let parsed = serde_json::from_slice::<Value>(&body).unwrap_or(Value::Null);
        match fields(&parsed, &["key", "value"]) {
            Err(e) => bad_request(&e),
            Ok(f) => {
                let (key, value) = (f[0].to_owned(), f[1].to_owned());
                let unknown = value
                    .strip_prefix('@')
                    .filter(|secret| !store.secrets.contains_key(*secret))
                    .map(|secret| format!(" (refers to unknown secret `{secret}`)"))
                    .unwrap_or_default();
                let replaced = store
                    .env
                    .entry(project.clone())
                    .or_default()
                    .insert(key.clone(), value.clone())
                    .is_some();
                let verb = if replaced { "replaced" } else { "added" };
                let summary = format!("{verb} `{key}` in `{project}`{unknown}");
                (StatusCode::OK, Body::Env(EnvVar { key, value }), summary)
            }
        }
    })
}

async fn remove_env(
    State(platform): Shared,
    Path((project, key)): Path<(String, String)>,
    call: Call,
) -> Response {
    platform.handle(Method::DELETE, call, |store| {
        let removed = store
            .env
            .get_mut(&project)
            .and_then(|vars| vars.remove(&key))
            .is_some();
        if removed {
            (
                StatusCode::OK,
                Body::Empty {},
                format!("removed `{key}` from `{project}`"),
            )
        } else {
            (
                StatusCode::NOT_FOUND,
                error_body("not_found", &format!("`{key}` is not set in `{project}`")),
                format!("`{key}` not set in `{project}` (404)"),
            )
        }
    })
}
