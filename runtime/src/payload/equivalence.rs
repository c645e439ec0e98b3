//! The hand-written decoding of [`Payload`], [`User`], [`Team`] and
//! [`QueryValue`] against the derived one it replaced (issue 20), kept here
//! as the oracle: `old` is that code as it was (serde's `flatten` for the
//! unknown fields, `untagged` for the query values). Random bodies, valid and
//! not, must decode to the same value or fail with the same path and
//! message, and what decodes must serialize to the same JSON.

use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::BoxedStrategy;

use super::{Payload, PayloadError, QueryValue, Team, User};

/// The structs as they were derived before issue 20's hand-written
/// decoding, field for field.
mod old {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serialize};
    use serde_json::{Map, Value};

    use crate::payload::{default_action, ClientState, PayloadError, PayloadStr};

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Payload {
        #[serde(default = "default_action", deserialize_with = "action_or_view")]
        pub action: PayloadStr,
        #[serde(default, deserialize_with = "null_as_default")]
        pub client_state: ClientState,
        #[serde(default, deserialize_with = "null_as_default")]
        pub slug: PayloadStr,
        #[serde(default, deserialize_with = "null_as_default")]
        pub integration_id: PayloadStr,
        #[serde(default, deserialize_with = "null_as_default")]
        pub configuration_id: PayloadStr,
        #[serde(default)]
        pub team_id: Option<PayloadStr>,
        #[serde(default, deserialize_with = "null_as_default")]
        pub user: User,
        #[serde(default)]
        pub team: Option<Team>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub project: Option<Value>,
        #[serde(default)]
        pub project_id: Option<PayloadStr>,
        #[serde(default, deserialize_with = "null_as_default")]
        pub token: PayloadStr,
        #[serde(default, deserialize_with = "null_as_default")]
        pub installation_url: PayloadStr,
        #[serde(default, deserialize_with = "null_as_default")]
        pub query: BTreeMap<String, QueryValue>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub installing: Option<bool>,
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }

    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct User {
        #[serde(default, deserialize_with = "null_as_default")]
        pub id: PayloadStr,
        #[serde(default, deserialize_with = "null_as_default")]
        pub username: PayloadStr,
        #[serde(default, deserialize_with = "null_as_default")]
        pub email: PayloadStr,
        #[serde(default)]
        pub name: Option<PayloadStr>,
        #[serde(default, deserialize_with = "null_as_default")]
        pub profiles: Vec<Value>,
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }

    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Team {
        #[serde(default, deserialize_with = "null_as_default")]
        pub id: PayloadStr,
        #[serde(default, deserialize_with = "null_as_default")]
        pub slug: PayloadStr,
        #[serde(default)]
        pub name: Option<PayloadStr>,
        #[serde(default)]
        pub description: Option<PayloadStr>,
        #[serde(flatten)]
        pub extra: Map<String, Value>,
    }

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    #[serde(untagged)]
    pub enum QueryValue {
        String(String),
        Number(serde_json::Number),
        List(Vec<String>),
    }

    fn null_as_default<'de, D, T>(de: D) -> Result<T, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de> + Default,
    {
        Ok(Option::<T>::deserialize(de)?.unwrap_or_default())
    }

    fn action_or_view<'de, D: Deserializer<'de>>(de: D) -> Result<PayloadStr, D::Error> {
        Ok(Option::<PayloadStr>::deserialize(de)?.unwrap_or_else(default_action))
    }

    /// `Payload::from_slice` as it was: the same function, for these types.
    pub fn from_slice(body: &[u8]) -> Result<Payload, PayloadError> {
        crate::payload::parse(body)
    }

    /// `Payload::from_slice_tracked` as it was.
    pub fn from_slice_tracked(body: &[u8]) -> Result<Payload, PayloadError> {
        crate::payload::parse_tracked(body)
    }
}

impl From<old::QueryValue> for QueryValue {
    fn from(value: old::QueryValue) -> QueryValue {
        match value {
            old::QueryValue::String(s) => QueryValue::String(s),
            old::QueryValue::Number(n) => QueryValue::Number(n),
            old::QueryValue::List(l) => QueryValue::List(l),
        }
    }
}

impl From<old::User> for User {
    fn from(u: old::User) -> User {
        User {
            id: u.id,
            username: u.username,
            email: u.email,
            name: u.name,
            profiles: u.profiles,
            extra: u.extra,
        }
    }
}

impl From<old::Team> for Team {
    fn from(t: old::Team) -> Team {
        Team {
            id: t.id,
            slug: t.slug,
            name: t.name,
            description: t.description,
            extra: t.extra,
        }
    }
}

impl From<old::Payload> for Payload {
    fn from(p: old::Payload) -> Payload {
        Payload {
            action: p.action,
            client_state: p.client_state,
            slug: p.slug,
            integration_id: p.integration_id,
            configuration_id: p.configuration_id,
            team_id: p.team_id,
            user: p.user.into(),
            team: p.team.map(Team::from),
            project: p.project,
            project_id: p.project_id,
            token: p.token,
            installation_url: p.installation_url,
            query: p.query.into_iter().map(|(k, v)| (k, v.into())).collect(),
            installing: p.installing,
            extra: p.extra,
        }
    }
}

const PAYLOAD_KEYS: &[&str] = &[
    "action",
    "clientState",
    "slug",
    "integrationId",
    "configurationId",
    "teamId",
    "user",
    "team",
    "project",
    "projectId",
    "token",
    "installationUrl",
    "query",
    "installing",
];
const USER_KEYS: &[&str] = &["id", "username", "email", "name", "profiles"];
const TEAM_KEYS: &[&str] = &["id", "slug", "name", "description"];
/// Keys no struct knows, some close to known ones.
const UNKNOWN_KEYS: &[&str] = &[
    "extra",
    "x",
    "",
    "client_state",
    "Action",
    "actions",
    "somethingNew",
    "é",
];

/// A JSON string literal: short (inline), long (heap), escaped, any text.
fn string() -> BoxedStrategy<String> {
    prop_oneof![
        4 => "[a-z_]{0,8}".prop_map(|s| format!("\"{s}\"")),
        1 => "[a-z]{25,40}".prop_map(|s| format!("\"{s}\"")),
        1 => Just(r#""a\"b\u00e9\n""#.to_owned()),
        1 => any::<String>().prop_map(|s| serde_json::Value::String(s).to_string()),
    ]
    .boxed()
}

/// A JSON number literal, including ones beyond `u64`, negative zero and
/// one out of `f64`'s range (an error).
fn number() -> BoxedStrategy<String> {
    prop_oneof![
        3 => any::<i64>().prop_map(|n| n.to_string()),
        1 => any::<u64>().prop_map(|n| n.to_string()),
        1 => any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| format!("{f:?}")),
        1 => select(vec!["-0", "0.0", "1e3", "123456789012345678901234", "1e400", "-1.5E-7"])
            .prop_map(str::to_owned),
    ]
    .boxed()
}

/// A key: known to `known`, unknown, or a known one spelled with an
/// escape (`"\u0061ction"` is `action`).
fn key(known: &'static [&'static str]) -> BoxedStrategy<String> {
    prop_oneof![
        6 => select(known).prop_map(|k| format!("\"{k}\"")),
        2 => select(UNKNOWN_KEYS).prop_map(|k| format!("\"{k}\"")),
        1 => select(known).prop_map(|k| {
            let mut chars = k.chars();
            let first = chars.next().map_or(0, u32::from);
            format!("\"\\u{first:04x}{}\"", chars.as_str())
        }),
    ]
    .boxed()
}

/// `{k:v,…}` from entries (duplicates allowed: keys are drawn from small sets).
fn object(entries: impl Strategy<Value = Vec<(String, String)>>) -> impl Strategy<Value = String> {
    entries.prop_map(|entries| {
        let inner: Vec<String> = entries.iter().map(|(k, v)| format!("{k}:{v}")).collect();
        format!("{{{}}}", inner.join(","))
    })
}

/// Any JSON value, nested a few levels, its objects' keys drawn from every
/// struct's keys and unknown ones.
fn any_json() -> BoxedStrategy<String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("false".to_owned()),
        number(),
        string(),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4)
                .prop_map(|items| format!("[{}]", items.join(","))),
            object(proptest::collection::vec((key(PAYLOAD_KEYS), inner), 0..4)),
        ]
    })
    .boxed()
}

/// A value for `key` that is mostly of the right type (or null), sometimes
/// any JSON at all.
fn value_for(key: &str) -> BoxedStrategy<String> {
    let right: BoxedStrategy<String> = match key {
        "clientState" => object(proptest::collection::vec((key_any(), any_json()), 0..4)).boxed(),
        "user" => user().boxed(),
        "team" => team().boxed(),
        "query" => object(proptest::collection::vec((key_any(), query_value()), 0..4)).boxed(),
        "installing" => any::<bool>().prop_map(|b| b.to_string()).boxed(),
        "profiles" | "project" => any_json(),
        _ => string(),
    };
    prop_oneof![6 => right, 1 => Just("null".to_owned()), 2 => any_json()].boxed()
}

fn key_any() -> BoxedStrategy<String> {
    prop_oneof![key(USER_KEYS), key(TEAM_KEYS), key(PAYLOAD_KEYS)].boxed()
}

/// A query value: a string, a number, a list of strings, or not one of
/// those (a list with a number, an object, a boolean, null).
fn query_value() -> BoxedStrategy<String> {
    prop_oneof![
        3 => string(),
        2 => number(),
        2 => proptest::collection::vec(string(), 0..3).prop_map(|items| format!("[{}]", items.join(","))),
        1 => any_json(),
    ]
    .boxed()
}

fn entries(
    known: &'static [&'static str],
    len: usize,
) -> impl Strategy<Value = Vec<(String, String)>> {
    proptest::collection::vec(
        key(known).prop_flat_map(|k| {
            let bare = serde_json::from_str::<String>(&k).unwrap_or_default();
            (Just(k), value_for(&bare))
        }),
        0..len,
    )
}

fn user() -> impl Strategy<Value = String> {
    object(entries(USER_KEYS, 6))
}

fn team() -> impl Strategy<Value = String> {
    object(entries(TEAM_KEYS, 5))
}

/// A body: mostly a payload object, sometimes any JSON, sometimes cut short
/// or followed by garbage (syntax errors at every depth).
fn body() -> impl Strategy<Value = Vec<u8>> {
    let text = prop_oneof![8 => object(entries(PAYLOAD_KEYS, 10)).boxed(), 1 => any_json()];
    (text, 0..20u8, any::<proptest::sample::Index>()).prop_map(|(text, damage, at)| {
        let mut bytes = text.into_bytes();
        match damage {
            0 => bytes.truncate(at.index(bytes.len() + 1)),
            1 => bytes.extend_from_slice(b" x"),
            2 => {
                let i = at.index(bytes.len() + 1);
                bytes.insert(i, b',');
            }
            _ => {}
        }
        bytes
    })
}

/// New and old agree on `body`, on both paths, and in what they write back.
fn agree(body: &[u8]) -> Result<(), TestCaseError> {
    let new = Payload::from_slice(body);
    let old = old::from_slice(body).map(Payload::from);
    prop_assert_eq!(&new, &old, "{}", String::from_utf8_lossy(body));
    let new_tracked = Payload::from_slice_tracked(body);
    let old_tracked: Result<Payload, PayloadError> =
        old::from_slice_tracked(body).map(Payload::from);
    prop_assert_eq!(&new_tracked, &old_tracked);
    prop_assert_eq!(&new, &new_tracked);
    if let Ok(old) = old::from_slice(body) {
        let written_old =
            serde_json::to_string(&old).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let written_new =
            serde_json::to_string(&new.map_err(|e| TestCaseError::fail(e.to_string()))?)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(written_new, written_old);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn decodes_as_the_derived_flatten_structs_did(body in body()) {
        agree(&body)?;
    }

    /// The same through `serde_json::from_value` (how `uihook dev` reads a
    /// fixture): a `Value` has no duplicates and no syntax errors, so only
    /// types and unknown fields are tried here.
    #[test]
    fn decodes_values_as_the_derived_structs_did(body in object(entries(PAYLOAD_KEYS, 10))) {
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(&body) {
            let new = serde_json::from_value::<Payload>(value.clone()).map_err(|e| e.to_string());
            let old = serde_json::from_value::<old::Payload>(value)
                .map(Payload::from)
                .map_err(|e| e.to_string());
            prop_assert_eq!(new, old);
        }
    }
}

/// Cases worth naming, each compared with the old decoding (and the
/// messages they give today written out, so a change in serde shows).
#[test]
fn named_cases_decode_as_before() {
    let cases: &[(&str, Option<(&str, &str)>)] = &[
        ("{}", None),
        (
            r#"{"action":"a","action":"b"}"#,
            Some((".", "duplicate field `action` at line 1 column 22")),
        ),
        (
            r#"{"user":{"id":"a","id":"b"}}"#,
            Some(("user", "duplicate field `id` at line 1 column 22")),
        ),
        (r#"{"extra":1,"extra":2}"#, None),
        (r#"{"x":{"a":1,"a":2},"x":[3]}"#, None),
        (r#"{"\u0061ction":"go"}"#, None),
        (
            r#"{"action":"go","\u0061ction":"go"}"#,
            Some((".", "duplicate field `action` at line 1 column 28")),
        ),
        (
            "[]",
            Some((
                ".",
                "invalid type: sequence, expected struct Payload at line 1 column 0",
            )),
        ),
        (
            r#"{"user":[]}"#,
            Some((
                "user",
                "invalid type: sequence, expected struct User at line 1 column 8",
            )),
        ),
        (
            r#"{"team":["t"]}"#,
            Some((
                "team",
                "invalid type: sequence, expected struct Team at line 1 column 8",
            )),
        ),
        (
            r#"{"user":{"id":3}}"#,
            Some((
                "user.id",
                "invalid type: integer `3`, expected a string at line 1 column 15",
            )),
        ),
        (
            r#"{"x":{"y":[1,}]}}"#,
            Some(("x.y[1]", "expected value at line 1 column 14")),
        ),
        (
            r#"{"query":{"a":["b",1]}}"#,
            Some((
                "query.a",
                "data did not match any variant of untagged enum QueryValue at line 1 column 22",
            )),
        ),
        (
            r#"{"query":{"a":{"b":[}}}"#,
            Some(("query.a.b[0]", "expected value at line 1 column 21")),
        ),
        (
            r#"{"query":{"a":null}}"#,
            Some((
                "query.a",
                "data did not match any variant of untagged enum QueryValue at line 1 column 19",
            )),
        ),
        (
            r#"{"query":{"a":1.5,"b":-2,"c":18446744073709551616}}"#,
            None,
        ),
    ];
    for (body, error) in cases {
        let old = old::from_slice(body.as_bytes()).map(Payload::from);
        let new = Payload::from_slice(body.as_bytes());
        assert_eq!(new, old, "{body}");
        let expected = error.map(|(path, message)| PayloadError {
            path: path.to_owned(),
            message: message.to_owned(),
        });
        assert_eq!(new.err(), expected, "{body}");
    }
}

/// Nesting past serde_json's limit of 128, in `extra`, `clientState` and a
/// query value (serde's untagged buffering read it through
/// `deserialize_any` too, so the limit falls at the same place).
#[test]
fn too_deep_values_fail_as_before() {
    let deep = |open: &str, close: &str| format!("{}{}", open.repeat(130), close.repeat(130));
    for body in [
        format!(r#"{{"x":{}}}"#, deep("[", "]")),
        format!(r#"{{"user":{{"x":{}}}}}"#, deep(r#"{"k":"#, "}")),
        format!(r#"{{"clientState":{{"a":{}}}}}"#, deep("[", "]")),
        format!(r#"{{"query":{{"a":{}}}}}"#, deep("[", "]")),
        format!(r#"{{"query":{{"a":{}}}}}"#, deep(r#"{"k":"#, "}")),
    ] {
        let old = old::from_slice(body.as_bytes()).map(Payload::from);
        let new = Payload::from_slice(body.as_bytes());
        assert_eq!(new, old, "{body}");
        let Err(e) = new else { panic!("{body} parsed") };
        assert!(e.message.starts_with("recursion limit exceeded"), "{e}");
    }
}

/// The one difference found: serde_json's private key for raw values,
/// first in an object under an unknown field, with a value that is not a
/// string. Both fail; `flatten` failed when it built `extra` at the end
/// (path `.`), the one pass fails where the value is.
#[test]
fn serde_json_raw_value_key_fails_where_it_stands() {
    let body = br#"{"x":{"$serde_json::private::RawValue":5}}"#;
    let error = |path: &str, column| PayloadError {
        path: path.to_owned(),
        message: format!("invalid type: integer `5`, expected raw value at line 1 column {column}"),
    };
    assert_eq!(old::from_slice(body), Err(error(".", 42)));
    assert_eq!(
        Payload::from_slice(body),
        Err(error("x.$serde_json::private::RawValue", 40))
    );
    // With a string it is JSON text, read the same either way.
    let body = br#"{"x":{"$serde_json::private::RawValue":"[1]"}}"#;
    let old = old::from_slice(body).map(Payload::from);
    assert_eq!(Payload::from_slice(body), old);
    assert!(old.is_ok());
}
