//! The JSON body the dashboard POSTs to a UIHook, and typed reads of its
//! `clientState`.
//!
//! Every documented field has a typed home (spec `runtime.md` §A.3 and seed
//! 000 "HTTP Payload"); every field the dashboard sends that is not
//! documented lands in [`Payload::extra`], so nothing is lost. Missing fields
//! take their defaults (empty strings, `None`, `action = "view"`), because
//! local testers and `uihook dev` send partial payloads; a field of the wrong
//! type is an error.
//!
//! The string fields are [`PayloadStr`]s, which keep strings of up to 24
//! bytes inline, because allocating and freeing a `String` each was a large
//! share of what parsing a payload cost (issue 20). They read as `&str` and
//! compare with `==`.

use std::collections::BTreeMap;
use std::convert::identity;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use crate::payload_str::PayloadStr;

mod decode;
use decode::decode_object;

/// The action of a first load, and of a Button without `action` (a fact of
/// the schema, which the preview reads too).
pub use uihook_compiler::schema::DEFAULT_ACTION;

fn default_action() -> PayloadStr {
    PayloadStr::from_static(DEFAULT_ACTION)
}

/// The body of a UIHook request.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Payload {
    /// The action that triggered the request: `view` on first load, otherwise
    /// the `action` attribute of the Button, Link, Select or AutoRefresh.
    pub action: PayloadStr,
    /// The values of the inputs and `ClientState` attributes on the page.
    pub client_state: ClientState,
    /// The integration's slug.
    pub slug: PayloadStr,
    /// The integration's id (`oac_…`).
    pub integration_id: PayloadStr,
    /// The configuration's id (`icfg_…`): the key of the metadata store.
    pub configuration_id: PayloadStr,
    /// The team of the configuration, `None` for a personal account.
    pub team_id: Option<PayloadStr>,
    /// The user looking at the page.
    pub user: User,
    /// The team of the configuration, when it belongs to a team.
    pub team: Option<Team>,
    /// The project being viewed (seed 000 calls it `project`; its shape was
    /// never documented, so it is kept as JSON: see [`Payload::project_id`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<Value>,
    /// The id of the project being viewed, `None` outside a project.
    pub project_id: Option<PayloadStr>,
    /// A short-lived API token, valid only while the request runs.
    pub token: PayloadStr,
    /// The URL of this configuration's page in the dashboard.
    pub installation_url: PayloadStr,
    /// The query parameters of the dashboard page.
    pub query: BTreeMap<String, QueryValue>,
    /// Whether the configuration is being installed (only in the unmerged
    /// installation-complete proposal).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub installing: Option<bool>,
    /// Every field not listed above, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Default for Payload {
    fn default() -> Self {
        Payload {
            action: default_action(),
            client_state: ClientState::default(),
            slug: PayloadStr::new(),
            integration_id: PayloadStr::new(),
            configuration_id: PayloadStr::new(),
            team_id: None,
            user: User::default(),
            team: None,
            project: None,
            project_id: None,
            token: PayloadStr::new(),
            installation_url: PayloadStr::new(),
            query: BTreeMap::new(),
            installing: None,
            extra: Map::new(),
        }
    }
}

impl Payload {
    /// Parses a request body. The error says where the body went wrong
    /// (`clientState.count: invalid type …`).
    pub fn from_slice(body: &[u8]) -> Result<Payload, PayloadError> {
        parse(body)
    }

    /// [`Payload::from_slice`] with the path tracked from the start: the
    /// same result, slower.
    #[cfg(test)]
    fn from_slice_tracked(body: &[u8]) -> Result<Payload, PayloadError> {
        parse_tracked(body)
    }

    /// The id of the project being viewed: `projectId`, else `project` when
    /// it is a string, else `project.id`.
    pub fn project_id(&self) -> Option<&str> {
        if let Some(id) = self.project_id.as_deref() {
            return Some(id);
        }
        match self.project.as_ref()? {
            Value::String(id) => Some(id),
            Value::Object(project) => project.get("id")?.as_str(),
            _ => None,
        }
    }

    /// Whether this is the first load of the page.
    pub fn is_view(&self) -> bool {
        self.action == DEFAULT_ACTION
    }
}

/// [`Payload::from_slice`] for any type (the tests parse the derived
/// structs it replaced with it too).
fn parse<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, PayloadError> {
    // Tracking the path costs as much as the parse itself, and only an
    // error needs it: a body that fails is parsed again with it. The body is
    // checked as UTF-8 once, as a whole, instead of string by string (a body
    // that is not UTF-8 is a failure, or holds the bad bytes outside strings
    // where the parse fails anyway).
    if let Ok(text) = std::str::from_utf8(body) {
        if let Ok(value) = serde_json::from_str(text) {
            return Ok(value);
        }
    }
    parse_tracked(body)
}

/// [`parse`] with the path tracked from the start: the same result, slower.
fn parse_tracked<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, PayloadError> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| PayloadError {
        path: e.path().to_string(),
        message: e.inner().to_string(),
    })?;
    de.end().map_err(|e| PayloadError {
        path: ".".to_owned(),
        message: e.to_string(),
    })?;
    Ok(value)
}

/// A request body that is not a valid [`Payload`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid UIHook payload at `{path}`: {message}")]
pub struct PayloadError {
    /// Where in the JSON the error is (`.` for the whole body).
    pub path: String,
    /// What is wrong there.
    pub message: String,
}

/// `action`'s value: `view` when it is null (or missing).
fn or_view(action: Option<PayloadStr>) -> PayloadStr {
    action.unwrap_or_else(default_action)
}

// Each field's value is read as `Option<_>` and finished: a field that is
// not an `Option` takes its default for null, as when it is missing.
decode_object!(Payload {
    action: "action" => or_view,
    client_state: "clientState" => Option::unwrap_or_default,
    slug: "slug" => Option::unwrap_or_default,
    integration_id: "integrationId" => Option::unwrap_or_default,
    configuration_id: "configurationId" => Option::unwrap_or_default,
    team_id: "teamId" => identity,
    user: "user" => Option::unwrap_or_default,
    team: "team" => identity,
    project: "project" => identity,
    project_id: "projectId" => identity,
    token: "token" => Option::unwrap_or_default,
    installation_url: "installationUrl" => Option::unwrap_or_default,
    query: "query" => Option::unwrap_or_default,
    installing: "installing" => identity,
});

decode_object!(User {
    id: "id" => Option::unwrap_or_default,
    username: "username" => Option::unwrap_or_default,
    email: "email" => Option::unwrap_or_default,
    name: "name" => identity,
    profiles: "profiles" => Option::unwrap_or_default,
});

decode_object!(Team {
    id: "id" => Option::unwrap_or_default,
    slug: "slug" => Option::unwrap_or_default,
    name: "name" => identity,
    description: "description" => identity,
});

/// The user looking at the page.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// The user's id.
    pub id: PayloadStr,
    /// The user's username.
    pub username: PayloadStr,
    /// The user's e-mail address.
    pub email: PayloadStr,
    /// The user's display name (the documented sample has `null`).
    pub name: Option<PayloadStr>,
    /// Linked profiles, never documented further.
    pub profiles: Vec<Value>,
    /// Every other field, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The team of the configuration.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Team {
    /// The team's id.
    pub id: PayloadStr,
    /// The team's slug.
    pub slug: PayloadStr,
    /// The team's name.
    pub name: Option<PayloadStr>,
    /// The team's description.
    pub description: Option<PayloadStr>,
    /// Every other field, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One value of [`Payload::query`]: the dashboard sent strings, numbers or
/// lists of strings.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum QueryValue {
    /// `?a=x`
    String(String),
    /// A number.
    Number(serde_json::Number),
    /// `?a=x&a=y`
    List(Vec<String>),
}

impl QueryValue {
    /// The value as a string: the first item of a list, a number as written.
    pub fn first(&self) -> Option<String> {
        match self {
            QueryValue::String(s) => Some(s.clone()),
            QueryValue::Number(n) => Some(n.to_string()),
            QueryValue::List(items) => items.first().cloned(),
        }
    }
}

/// The `clientState` object: the values of the page's inputs by `name`, and
/// the attributes of its `ClientState` components.
///
/// Inputs, Textareas and Selects send strings, a ticked Checkbox sends
/// `true`. The typed getters accept what the dashboard and the local
/// preview send, and fail with a [`ClientStateError`] that names the field.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ClientState(pub Map<String, Value>);

impl ClientState {
    /// The raw value of a field.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name)
    }

    /// Whether the field was sent.
    pub fn contains(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    /// Whether no field was sent (first load).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A text field (Input, Textarea, Select, `ClientState` attribute).
    pub fn str(&self, name: &str) -> Result<&str, ClientStateError> {
        match self.0.get(name) {
            None | Some(Value::Null) => Err(ClientStateError::Missing {
                name: name.to_owned(),
            }),
            Some(Value::String(s)) => Ok(s),
            Some(other) => Err(wrong_type(name, "a string", other)),
        }
    }

    /// A text field, or `None` when it was not sent; an error only when it
    /// was sent with another type.
    pub fn opt_str(&self, name: &str) -> Result<Option<&str>, ClientStateError> {
        match self.str(name) {
            Ok(s) => Ok(Some(s)),
            Err(ClientStateError::Missing { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// A text field, or `""` when it was not sent (what a form usually
    /// wants); an error only when it was sent with another type.
    pub fn str_or_empty(&self, name: &str) -> Result<&str, ClientStateError> {
        Ok(self.opt_str(name)?.unwrap_or(""))
    }

    /// A Checkbox: `true` when ticked. Not sent (how an unticked box may
    /// arrive) is `false`; `"true"`, `"false"`, `"on"` and `""` are accepted
    /// too, for hand-written `ClientState` attributes.
    pub fn checkbox(&self, name: &str) -> Result<bool, ClientStateError> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(Value::String(s)) => match s.trim() {
                "true" | "on" => Ok(true),
                "false" | "" => Ok(false),
                _ => Err(ClientStateError::NotABool {
                    name: name.to_owned(),
                    value: truncate(s),
                }),
            },
            Some(other) => Err(wrong_type(name, "a boolean", other)),
        }
    }

    /// A number, from a JSON number or from the text of an Input (surrounding
    /// spaces ignored): `count: i64 = state.number("count")?`.
    pub fn number<T>(&self, name: &str) -> Result<T, ClientStateError>
    where
        T: std::str::FromStr,
        T::Err: fmt::Display,
    {
        let text = match self.0.get(name) {
            None | Some(Value::Null) => {
                return Err(ClientStateError::Missing {
                    name: name.to_owned(),
                })
            }
            Some(Value::Number(n)) => n.to_string(),
            Some(Value::String(s)) => s.trim().to_owned(),
            Some(other) => return Err(wrong_type(name, "a number", other)),
        };
        text.parse()
            .map_err(|e: T::Err| ClientStateError::NotANumber {
                name: name.to_owned(),
                value: truncate(&text),
                reason: e.to_string(),
            })
    }

    /// Deserializes the whole state into your own type.
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, ClientStateError> {
        serde_path_to_error::deserialize(Value::Object(self.0.clone())).map_err(|e| {
            ClientStateError::Invalid {
                path: e.path().to_string(),
                message: e.inner().to_string(),
            }
        })
    }
}

/// At most this many characters of a bad value are quoted in an error.
const QUOTE_LIMIT: usize = 64;

fn truncate(s: &str) -> String {
    match s.char_indices().nth(QUOTE_LIMIT) {
        Some((end, _)) => format!("{}…", &s[..end]),
        None => s.to_owned(),
    }
}

/// How a JSON value's type reads in an error message ("a string", …).
pub(crate) fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn wrong_type(name: &str, expected: &'static str, found: &Value) -> ClientStateError {
    ClientStateError::WrongType {
        name: name.to_owned(),
        expected,
        found: json_type(found),
    }
}

/// Why a `clientState` field could not be read as asked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ClientStateError {
    /// The field was not sent (or was `null`).
    #[error("clientState has no field `{name}`")]
    Missing {
        /// The field's name.
        name: String,
    },
    /// The field has another JSON type.
    #[error("clientState field `{name}` should be {expected}, but is {found}")]
    WrongType {
        /// The field's name.
        name: String,
        /// What the getter wanted.
        expected: &'static str,
        /// What was sent.
        found: &'static str,
    },
    /// The field's text is not a number of the asked type.
    #[error("clientState field `{name}` is not a valid number: `{value}` ({reason})")]
    NotANumber {
        /// The field's name.
        name: String,
        /// The text (cut at 64 characters).
        value: String,
        /// The parser's reason.
        reason: String,
    },
    /// The field's text is not a boolean.
    #[error("clientState field `{name}` is not a boolean: `{value}` (expected true, false, on or empty)")]
    NotABool {
        /// The field's name.
        name: String,
        /// The text (cut at 64 characters).
        value: String,
    },
    /// [`ClientState::parse`] failed.
    #[error("clientState does not match the expected shape at `{path}`: {message}")]
    Invalid {
        /// Where in the state.
        path: String,
        /// What is wrong there.
        message: String,
    },
}

#[cfg(test)]
mod equivalence;

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::Payload;

    /// Bodies that pass and fail, and in each way a field can fail.
    const BODIES: &[&str] = &[
        "{}",
        r#"{"action":"view","clientState":{},"slug":"counter","integrationId":"oac_1","configurationId":"icfg_1","teamId":null,"user":{"id":"u1","username":"dev","email":"dev@example.com","name":null,"profiles":[]},"token":"t","installationUrl":"https://vercel.com/dashboard/integrations/icfg_1","query":{}}"#,
        r#"{"action":null,"clientState":null,"user":null,"query":null,"team":null,"project":null}"#,
        r#"{"team":{"id":"t","slug":"s","name":"n","description":null,"x":1},"project":{"id":"p"},"other":[1,2]}"#,
        r#"{"query":{"a":"x","n":3,"l":["a","b"]},"installing":true,"user":{"x":{"y":null}}}"#,
        r#"{"action":1}"#,
        r#"{"clientState":[]}"#,
        r#"{"user":{"id":3}}"#,
        r#"{"team":{"slug":false}}"#,
        r#"{"query":{"a":{}}}"#,
        r#"{"action":"a","action":"b"}"#,
        r#"{"extra":1,"extra":2}"#,
        r#"{"installing":"yes"}"#,
        "{} x",
        "[]",
        "\"view\"",
        "",
        "{",
        r#"{"a":1,}"#,
    ];

    /// Bodies that are not UTF-8, in a string and outside.
    const NOT_UTF8: &[&[u8]] = &[
        b"{\"action\":\"\xff\"}",
        b"{\"slug\":\"a\xc3\"}",
        b"{\"\xe2\x82\":1}",
        b"{\"action\":\"view\"}\xff",
        b"\xef\xbb\xbf{}",
        b"{\"action\":\"vi\xc3\xa9w\"}",
    ];

    #[test]
    fn the_fast_path_answers_what_the_tracked_one_does() {
        for body in BODIES {
            assert_eq!(
                Payload::from_slice(body.as_bytes()),
                Payload::from_slice_tracked(body.as_bytes()),
                "{body}"
            );
        }
        for body in NOT_UTF8 {
            assert_eq!(
                Payload::from_slice(body),
                Payload::from_slice_tracked(body),
                "{body:?}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn fast_and_tracked_agree_on_json_like_text(
            body in r#"\{("(action|clientState|user|team|query|teamId|id|x)":(null|1|"s"|\{\}|\[\]|\{"id":"u"\}|\{"a":\["b"\]\}),?){0,6}\}?"#,
        ) {
            prop_assert_eq!(
                Payload::from_slice(body.as_bytes()),
                Payload::from_slice_tracked(body.as_bytes())
            );
        }

        #[test]
        fn fast_and_tracked_agree_on_bytes(
            body in proptest::collection::vec(
                prop_oneof![Just(b'{'), Just(b'}'), Just(b'"'), Just(b':'), Just(b','), Just(b'a'), Just(b'\\'), any::<u8>()],
                0..64,
            ),
        ) {
            prop_assert_eq!(Payload::from_slice(&body), Payload::from_slice_tracked(&body));
        }
    }
}
