//! Calling the hook: the fixture a payload is built from, the payload of one
//! action (spec `runtime.md` §A.3 and §C.3), and the POST itself with its
//! outcome sorted into what the page shows.
//!
//! The HTTP client is the CLI's existing `ureq` agent, the same one
//! `uihook probe` uses (loopback never goes through a proxy, one global
//! time-out, non-200 statuses are answers rather than errors). It blocks, so
//! the server runs each call on tokio's blocking pool; one request at a time
//! from one browser tab does not need more.

use std::io::ErrorKind;
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::{json, Map, Value};

/// The fixture key listing the projects a `ProjectSwitcher` offers. It is
/// `uihook dev`'s own and never sent to the hook.
pub const PROJECTS_KEY: &str = "projects";

/// The most bytes of a hook's answer that are read; the rest is cut off and
/// reported, so a runaway hook cannot fill the dev server's memory.
pub const BODY_LIMIT: u64 = 16 * 1024 * 1024;

/// The payload fields of every request except `action`, `clientState` and
/// the project, plus the list of projects for `ProjectSwitcher`: what the
/// dashboard knew about the user, the team and the installation.
#[derive(Clone, Debug, PartialEq)]
pub struct Fixture {
    fields: Map<String, Value>,
}

/// One project a `ProjectSwitcher` offers.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Project {
    /// The `projectId` sent when it is chosen.
    pub id: String,
    /// The name shown in the drop-down.
    pub name: String,
}

impl Default for Fixture {
    fn default() -> Fixture {
        // Ids use the platform's prefixes so hooks that check them are happy.
        let fields = json!({
            "slug": "uihook-dev",
            "integrationId": "oac_uihookdev00000000000",
            "configurationId": "icfg_uihookdev0000000000",
            "teamId": null,
            "team": null,
            "user": {
                "id": "usr_uihookdev", "username": "dev", "email": "dev@example.com",
                "name": "Dev User", "profiles": [],
            },
            "projectId": null,
            "project": null,
            "token": "uihook-dev-token",
            "installationUrl": "https://vercel.com/dashboard/integrations/icfg_uihookdev0000000000",
            "query": {},
            PROJECTS_KEY: [
                { "id": "prj_uihookdev0001", "name": "my-app" },
                { "id": "prj_uihookdev0002", "name": "docs" },
            ],
        });
        match fields {
            Value::Object(fields) => Fixture { fields },
            _ => Fixture { fields: Map::new() },
        }
    }
}

impl Fixture {
    /// A fixture from JSON: an object of payload fields. Fields it lacks come
    /// from the default fixture; `action` and `clientState` are ignored
    /// (every request sets them); `projects`, when present, must be an array
    /// of `{ "id": "…", "name": "…" }`.
    pub fn from_value(value: Value) -> Result<Fixture, String> {
        let Value::Object(given) = value else {
            return Err("the fixture must be a JSON object of payload fields".to_owned());
        };
        let mut fixture = Fixture::default();
        for (key, value) in given {
            if key == "action" || key == "clientState" {
                continue;
            }
            fixture.fields.insert(key, value);
        }
        fixture.parse_projects()?;
        for key in ["token", "configurationId"] {
            if !fixture.fields.get(key).is_some_and(Value::is_string) {
                return Err(format!("the fixture's `{key}` must be a string"));
            }
        }
        Ok(fixture)
    }

    /// Reads a fixture file (`--payload FILE`).
    pub fn load(path: &std::path::Path) -> Result<Fixture, String> {
        let text = crate::text::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let value: Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        Fixture::from_value(value).map_err(|e| format!("{}: {e}", path.display()))
    }

    fn parse_projects(&self) -> Result<Vec<Project>, String> {
        let Some(list) = self.fields.get(PROJECTS_KEY) else {
            return Ok(Vec::new());
        };
        let Some(list) = list.as_array() else {
            return Err("`projects` must be an array of { \"id\", \"name\" } objects".to_owned());
        };
        list.iter()
            .map(|p| {
                let id = p
                    .get("id")
                    .and_then(Value::as_str)
                    .ok_or_else(|| format!("every project needs a string `id`: {p}"))?;
                let name = p.get("name").and_then(Value::as_str).unwrap_or(id);
                Ok(Project {
                    id: id.to_owned(),
                    name: name.to_owned(),
                })
            })
            .collect()
    }

    /// The projects a `ProjectSwitcher` offers.
    pub fn projects(&self) -> Vec<Project> {
        self.parse_projects().unwrap_or_default()
    }

    /// The token hooks must send to the local platform API.
    pub fn token(&self) -> &str {
        self.fields
            .get("token")
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    /// The team id, for team-scoped API checks.
    pub fn team_id(&self) -> Option<&str> {
        self.fields.get("teamId").and_then(Value::as_str)
    }

    /// The fixture as JSON, as the page edits it.
    pub fn to_value(&self) -> Value {
        Value::Object(self.fields.clone())
    }
}

/// What the page asks for: one action with the client state it collected.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ActionRequest {
    /// The action; `view` on first load.
    pub action: String,
    /// Every control's value, collected by the page (spec §C.3).
    #[serde(rename = "clientState", default)]
    pub client_state: Map<String, Value>,
    /// The project chosen in a `ProjectSwitcher`: absent keeps the
    /// fixture's, `null` is no project.
    #[serde(rename = "projectId", default, deserialize_with = "present")]
    pub project_id: Option<Option<String>>,
}

/// Tells an absent field (`None`) from an explicit `null` (`Some(None)`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// The most bytes an action name may have; real ones are short words.
pub const ACTION_LIMIT: usize = 1024;

impl ActionRequest {
    /// Checks what serde cannot: a non-empty, short action.
    pub fn check(&self) -> Result<(), String> {
        if self.action.is_empty() {
            return Err("the action must not be empty".to_owned());
        }
        if self.action.len() > ACTION_LIMIT {
            return Err(format!("the action is over {ACTION_LIMIT} bytes"));
        }
        Ok(())
    }
}

/// The full payload of `request` under `fixture`: the fixture's fields, the
/// action, the client state, and `projectId` with `project` (`{id, name}`
/// from the fixture's list) when a project was chosen.
pub fn build_payload(fixture: &Fixture, request: &ActionRequest) -> Value {
    let mut payload = fixture.fields.clone();
    payload.remove(PROJECTS_KEY);
    payload.insert("action".to_owned(), Value::String(request.action.clone()));
    payload.insert(
        "clientState".to_owned(),
        Value::Object(request.client_state.clone()),
    );
    if let Some(chosen) = &request.project_id {
        let project = chosen.as_ref().map(|id| {
            let name = fixture
                .projects()
                .into_iter()
                .find(|p| &p.id == id)
                .map_or_else(|| id.clone(), |p| p.name);
            json!(Project {
                id: id.clone(),
                name
            })
        });
        payload.insert("projectId".to_owned(), json!(chosen));
        payload.insert("project".to_owned(), project.unwrap_or(Value::Null));
    }
    Value::Object(payload)
}

/// How a call to the hook ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The hook answered (any status).
    Answered {
        /// The HTTP status.
        status: u16,
        /// The `Content-Type` header, if any.
        content_type: Option<String>,
        /// The body as text (invalid UTF-8 replaced).
        body: String,
        /// The body's size in bytes.
        bytes: usize,
        /// The body was longer than [`BODY_LIMIT`] and was cut.
        truncated: bool,
    },
    /// No connection could be made (refused, unknown host, …).
    Connect(String),
    /// No answer within the time-out.
    Timeout,
    /// The connection broke while the answer was read.
    Broken(String),
}

/// POSTs `payload` to `url` and waits for the answer.
pub fn call(agent: &ureq::Agent, url: &str, payload: &Value) -> (Outcome, Duration) {
    let start = Instant::now();
    let outcome = call_inner(agent, url, payload);
    (outcome, start.elapsed())
}

fn is_timeout(e: &ureq::Error) -> bool {
    match e {
        ureq::Error::Timeout(_) => true,
        ureq::Error::Io(io) => matches!(io.kind(), ErrorKind::TimedOut | ErrorKind::WouldBlock),
        _ => false,
    }
}

fn call_inner(agent: &ureq::Agent, url: &str, payload: &Value) -> Outcome {
    let mut response = match crate::probe::post_payload(agent, url, payload) {
        Ok(r) => r,
        Err(e) if is_timeout(&e) => return Outcome::Timeout,
        Err(e) => return Outcome::Connect(e.to_string()),
    };
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let mut bytes = Vec::new();
    let read = std::io::Read::read_to_end(
        &mut std::io::Read::take(
            response.body_mut().with_config().limit(u64::MAX).reader(),
            BODY_LIMIT + 1,
        ),
        &mut bytes,
    );
    if let Err(e) = read {
        return if e.kind() == ErrorKind::TimedOut {
            Outcome::Timeout
        } else {
            Outcome::Broken(e.to_string())
        };
    }
    let truncated = bytes.len() as u64 > BODY_LIMIT;
    if truncated {
        bytes.truncate(usize::try_from(BODY_LIMIT).unwrap_or(usize::MAX));
    }
    Outcome::Answered {
        status,
        content_type,
        bytes: bytes.len(),
        body: String::from_utf8_lossy(&bytes).into_owned(),
        truncated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(json: Value) -> ActionRequest {
        serde_json::from_value(json).expect("a valid request")
    }

    #[test]
    fn first_view_payload_has_every_documented_field() {
        let payload = build_payload(
            &Fixture::default(),
            &request(json!({"action": "view", "clientState": {}})),
        );
        for field in [
            "action",
            "clientState",
            "slug",
            "integrationId",
            "configurationId",
            "teamId",
            "team",
            "user",
            "project",
            "projectId",
            "token",
            "installationUrl",
            "query",
        ] {
            assert!(payload.get(field).is_some(), "{field}");
        }
        assert_eq!(payload["action"], "view");
        assert_eq!(payload["clientState"], json!({}));
        assert_eq!(payload["projectId"], Value::Null);
        assert!(payload.get(PROJECTS_KEY).is_none(), "dev-only key leaked");
    }

    #[test]
    fn client_state_is_sent_as_collected() {
        let state = json!({"name": "Ada", "agree": false, "color": "red", "secret": "x"});
        let payload = build_payload(
            &Fixture::default(),
            &request(json!({"action": "submit", "clientState": state})),
        );
        assert_eq!(payload["action"], "submit");
        assert_eq!(payload["clientState"], state);
    }

    #[test]
    fn chosen_project_sets_project_id_and_project() {
        let fixture = Fixture::default();
        let p = build_payload(
            &fixture,
            &request(json!({"action": "view", "projectId": "prj_uihookdev0002"})),
        );
        assert_eq!(p["projectId"], "prj_uihookdev0002");
        assert_eq!(
            p["project"],
            json!({"id": "prj_uihookdev0002", "name": "docs"})
        );
        let p = build_payload(
            &fixture,
            &request(json!({"action": "view", "projectId": null})),
        );
        assert_eq!(p["projectId"], Value::Null);
        assert_eq!(p["project"], Value::Null);
    }

    #[test]
    fn absent_project_keeps_the_fixture_one() {
        let fixture =
            Fixture::from_value(json!({"projectId": "prj_x", "project": {"id": "prj_x"}}))
                .expect("valid");
        let p = build_payload(&fixture, &request(json!({"action": "view"})));
        assert_eq!(p["projectId"], "prj_x");
        assert_eq!(p["project"], json!({"id": "prj_x"}));
    }

    #[test]
    fn fixture_fields_override_defaults_but_not_action() {
        let fixture = Fixture::from_value(json!({
            "action": "ignored", "clientState": {"x": 1},
            "teamId": "team_1", "token": "t0k",
        }))
        .expect("valid");
        assert_eq!(fixture.token(), "t0k");
        assert_eq!(fixture.team_id(), Some("team_1"));
        let p = build_payload(&fixture, &request(json!({"action": "go"})));
        assert_eq!(p["action"], "go");
        assert_eq!(p["clientState"], json!({}));
        assert_eq!(p["user"]["username"], "dev");
    }

    #[test]
    fn bad_fixtures_are_refused_with_a_reason() {
        let cases = [
            (
                json!([1]),
                "the fixture must be a JSON object of payload fields",
            ),
            (
                json!({"projects": {}}),
                "`projects` must be an array of { \"id\", \"name\" } objects",
            ),
            (
                json!({"projects": [{"name": "x"}]}),
                "every project needs a string `id`: {\"name\":\"x\"}",
            ),
            (
                json!({"token": 5}),
                "the fixture's `token` must be a string",
            ),
        ];
        for (value, message) in cases {
            assert_eq!(Fixture::from_value(value), Err(message.to_owned()));
        }
    }

    #[test]
    fn requests_are_strict() {
        assert!(
            serde_json::from_value::<ActionRequest>(json!({"action": "a", "extra": 1})).is_err()
        );
        assert!(serde_json::from_value::<ActionRequest>(json!({"action": 5})).is_err());
        assert!(
            serde_json::from_value::<ActionRequest>(json!({"action": "a", "clientState": []}))
                .is_err()
        );
        assert!(request(json!({"action": ""})).check().is_err());
        assert!(request(json!({"action": "x".repeat(ACTION_LIMIT + 1)}))
            .check()
            .is_err());
        assert_eq!(request(json!({"action": "a"})).project_id, None);
        assert_eq!(
            request(json!({"action": "a", "projectId": null})).project_id,
            Some(None)
        );
    }
}
