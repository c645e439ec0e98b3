//! Payload parsing: the documented sample, defaults, unknown fields, typed
//! `clientState` reads, and hostile bodies that must fail without panicking.

use proptest::prelude::*;
use serde_json::json;
use uihook_runtime::payload::PayloadError;
use uihook_runtime::{ClientStateError, Payload, QueryValue};

/// The sample payload of the toolbox tester and the offline starter (spec
/// `runtime.md` §A.3), with both `project` and `projectId`.
const SAMPLE: &str = r#"{
  "action": "view",
  "clientState": {},
  "slug": "my-integration",
  "integrationId": "oac_abc123",
  "configurationId": "icfg_def456",
  "teamId": null,
  "user": {"id": "u1", "username": "someone", "email": "someone@example.com", "name": null, "profiles": []},
  "team": null,
  "project": null,
  "projectId": null,
  "token": "tok_123",
  "installationUrl": "https://zeit.co/dashboard/integrations/icfg_def456",
  "query": {"cfgId": "icfg_def456", "n": 3, "tags": ["a", "b"]},
  "somethingNew": {"kept": true}
}"#;

#[test]
fn documented_sample() {
    let p = Payload::from_slice(SAMPLE.as_bytes()).expect("parses");
    assert_eq!(p.action, "view");
    assert!(p.is_view());
    assert!(p.client_state.is_empty());
    assert_eq!(p.slug, "my-integration");
    assert_eq!(p.integration_id, "oac_abc123");
    assert_eq!(p.configuration_id, "icfg_def456");
    assert_eq!(p.team_id, None);
    assert_eq!(p.user.username, "someone");
    assert_eq!(p.user.name, None);
    assert_eq!(p.team, None);
    assert_eq!(p.project_id(), None);
    assert_eq!(p.token, "tok_123");
    assert_eq!(p.query["cfgId"], QueryValue::String("icfg_def456".into()));
    assert_eq!(p.query["n"].first().as_deref(), Some("3"));
    assert_eq!(
        p.query["tags"],
        QueryValue::List(vec!["a".into(), "b".into()])
    );
    assert_eq!(p.extra["somethingNew"], json!({"kept": true}));
    // Unknown fields survive a round trip.
    let again: Payload =
        serde_json::from_value(serde_json::to_value(&p).expect("ser")).expect("de");
    assert_eq!(again, p);
}

#[test]
fn defaults_for_a_minimal_body() {
    let p = Payload::from_slice(b"{}").expect("parses");
    assert_eq!(p, Payload::default());
    assert_eq!(p.action, "view");
    let p = Payload::from_slice(br#"{"action": null, "clientState": null}"#).expect("parses");
    assert_eq!(p.action, "view");
}

#[test]
fn team_and_project() {
    let p = Payload::from_slice(
        br#"{"teamId":"team_1","team":{"id":"team_1","slug":"acme","name":"Acme","description":null},"project":{"id":"prj_1","name":"web"}}"#,
    )
    .expect("parses");
    assert_eq!(p.team_id.as_deref(), Some("team_1"));
    assert_eq!(p.team.as_ref().map(|t| t.slug.as_str()), Some("acme"));
    assert_eq!(p.project_id(), Some("prj_1"));
    let p = Payload::from_slice(br#"{"project":"prj_2"}"#).expect("parses");
    assert_eq!(p.project_id(), Some("prj_2"));
    let p = Payload::from_slice(br#"{"project":"prj_2","projectId":"prj_3"}"#).expect("parses");
    assert_eq!(p.project_id(), Some("prj_3"));
}

#[test]
fn client_state_reads() {
    let p = Payload::from_slice(
        br#"{"action":"submit","clientState":{"name":"Ada","agree":true,"off":false,"count":" 42 ","n":7,"ratio":"1.5","weird":"maybe","list":[1]}}"#,
    )
    .expect("parses");
    let s = &p.client_state;
    assert_eq!(s.str("name"), Ok("Ada"));
    assert_eq!(s.opt_str("missing"), Ok(None));
    assert_eq!(s.str_or_empty("missing"), Ok(""));
    assert_eq!(s.checkbox("agree"), Ok(true));
    assert_eq!(s.checkbox("off"), Ok(false));
    assert_eq!(s.checkbox("missing"), Ok(false));
    assert_eq!(s.number::<i64>("count"), Ok(42));
    assert_eq!(s.number::<u8>("n"), Ok(7));
    assert_eq!(s.number::<f64>("ratio"), Ok(1.5));
    assert_eq!(
        s.str("missing"),
        Err(ClientStateError::Missing {
            name: "missing".into()
        })
    );
    let err = s.str("agree").expect_err("bool is not a string");
    assert_eq!(
        err.to_string(),
        "clientState field `agree` should be a string, but is a boolean"
    );
    let err = s.number::<i64>("name").expect_err("not a number");
    assert!(
        err.to_string()
            .starts_with("clientState field `name` is not a valid number: `Ada`"),
        "{err}"
    );
    assert!(s.number::<u8>("list").is_err());
    assert!(matches!(
        s.checkbox("weird"),
        Err(ClientStateError::NotABool { .. })
    ));
    assert!(s.checkbox("list").is_err());

    #[derive(serde::Deserialize)]
    struct Form {
        name: String,
        agree: bool,
    }
    let form: Form = s.parse().expect("shape");
    assert_eq!((form.name.as_str(), form.agree), ("Ada", true));
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Bad {
        name: u32,
    }
    let err = s.parse::<Bad>().expect_err("wrong shape");
    assert!(err.to_string().contains("`name`"), "{err}");
}

#[test]
fn long_bad_values_are_cut_in_errors() {
    let long = "x".repeat(10_000);
    let body = json!({"clientState": {"n": long}}).to_string();
    let p = Payload::from_slice(body.as_bytes()).expect("parses");
    let err = p
        .client_state
        .number::<i32>("n")
        .expect_err("nan")
        .to_string();
    assert!(err.len() < 300, "{err}");
}

fn reject(body: &[u8]) -> PayloadError {
    Payload::from_slice(body).expect_err("must be rejected")
}

#[test]
fn wrong_types_are_errors_with_a_path() {
    assert_eq!(reject(br#"{"action": 5}"#).path, "action");
    assert_eq!(reject(br#"{"clientState": "x"}"#).path, "clientState");
    assert_eq!(reject(br#"{"user": {"id": []}}"#).path, "user.id");
    assert_eq!(reject(br#"{"teamId": {}}"#).path, "teamId");
    assert!(reject(br#"{"query": {"a": {"b": 1}}}"#)
        .path
        .starts_with("query"));
    for body in [
        &b"[]"[..],
        b"null",
        b"1",
        b"\"x\"",
        b"",
        b"{",
        b"{}{}",
        &[0xff, 0xfe],
    ] {
        reject(body);
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    for depth in [200, 10_000, 200_000] {
        let body = format!(
            r#"{{"clientState":{{"x":{}{}}}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        );
        reject(body.as_bytes());
        let body = format!(
            r#"{{"extra":{}1{}}}"#,
            "{\"a\":".repeat(depth),
            "}".repeat(depth)
        );
        reject(body.as_bytes());
    }
}

#[test]
fn huge_client_state_parses() {
    let mut state = serde_json::Map::new();
    for i in 0..20_000 {
        state.insert(format!("field{i}"), json!("value"));
    }
    let body = json!({"clientState": state}).to_string();
    let p = Payload::from_slice(body.as_bytes()).expect("parses");
    assert_eq!(p.client_state.0.len(), 20_000);
    assert_eq!(p.client_state.str("field19999"), Ok("value"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn never_panics_on_bytes(body in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = Payload::from_slice(&body);
    }

    #[test]
    fn never_panics_on_json_like_text(body in "[{}\\[\\]\":,a-z0-9 tfnul.\\-]{0,256}") {
        let _ = Payload::from_slice(body.as_bytes());
    }

    #[test]
    fn getters_never_panic(key in "[a-z]{1,3}", value in any::<String>(), n in any::<f64>()) {
        let state = json!({"clientState": {&key: value, "n": n}}).to_string();
        if let Ok(p) = Payload::from_slice(state.as_bytes()) {
            let s = &p.client_state;
            let _ = (s.str(&key), s.checkbox(&key), s.number::<i64>(&key), s.number::<f64>("n"), s.checkbox("n"));
        }
    }
}
