//! `uihook probe --fuzz N`: after the normal probe, N payloads whose
//! user-controlled fields hold hostile strings, each tagged with a marker.
//!
//! The fields are the ones a user (or another team member) controls: every
//! `clientState` value, the `query` values, `project.name`, `user.name`,
//! `user.username` and `team.name`. The `clientState` keys are the form
//! fields the hook's own answers show (`Input`, `Textarea`, `Select`,
//! `Checkbox` names), and the actions are the ones its answers offer
//! (anything with an `action`), taken in turn, so forms are submitted with
//! hostile values as a user would submit them.
//!
//! Every answer is linted (any error is a finding, as in the normal probe),
//! and wherever a marker appears in a decoded text or attribute value, the
//! value must contain exactly the string sent; otherwise the field's value
//! is shrunk by greedy deletion (re-sending the same payload) and reported
//! as `hostile-value-changed`. All requests, shrinking included, count
//! against `--max-requests`.

use std::collections::{BTreeMap, HashMap, HashSet};

use arbitrary::Unstructured;
use serde_json::{json, Value};
use uihook_compiler::ast::{AttrValue, Element, Node};
use uihook_compiler::generate::seeded_bytes;
use uihook_compiler::{hostile, parse, schema, Diagnostic, RuleId};

use crate::lint::FileReport;

/// Most actions and form fields followed, so payloads stay bounded
/// whatever a hook answers.
const MAX_DISCOVERED: usize = 32;

/// Requests one value's shrinking may cost (within `--max-requests`).
const SHRINK_REQUESTS: usize = 60;

/// What `--fuzz` needs from the probe.
pub struct Fuzz<'a> {
    /// The HTTP agent.
    pub agent: &'a ureq::Agent,
    /// The hook.
    pub url: &'a str,
    /// The payload the hostile ones are built from.
    pub base: Value,
    /// `--action`s given, followed from the start.
    pub actions: Vec<String>,
    /// `--config`.
    pub config: Option<&'a std::path::Path>,
}

/// A value sent in one field.
struct Sent {
    field: String,
    marker: String,
    value: String,
    request: usize,
}

/// The answer to a re-sent, shrunk value that still failed.
struct Resent {
    /// The answer.
    source: String,
    /// The decoded string holding the marker, if any.
    found: Option<String>,
    /// The marker of that request.
    marker: String,
}

/// The decoded text runs and string attribute values of a document.
fn strings(nodes: &[Node<'_, uihook_compiler::Span>], out: &mut Vec<String>) {
    for node in nodes {
        match node {
            Node::Element(e) => element_strings(e, out),
            Node::Text(t) => out.push(t.value.to_string()),
            Node::Expr(e) => {
                if let uihook_compiler::ast::ExprValue::Literal(
                    uihook_compiler::ast::Literal::Str(s),
                ) = &e.value
                {
                    out.push(s.to_string());
                }
            }
            _ => {}
        }
    }
}

fn element_strings(e: &Element<'_, uihook_compiler::Span>, out: &mut Vec<String>) {
    for a in &e.attrs {
        match &a.value {
            AttrValue::Str { value, .. } => out.push(value.to_string()),
            AttrValue::Element(inner) => element_strings(inner, out),
            _ => {}
        }
    }
    strings(&e.children, out);
}

/// What the answer offers: actions and form field names.
fn discover(
    nodes: &[Node<'_, uihook_compiler::Span>],
    actions: &mut Vec<String>,
    fields: &mut Vec<String>,
) {
    for node in nodes {
        let Node::Element(e) = node else { continue };
        if let Some(action) = e.attr("action").and_then(|a| a.value.as_str()) {
            if !actions.iter().any(|a| a == action) && actions.len() < MAX_DISCOVERED {
                actions.push(action.to_owned());
            }
        }
        let is_field = schema::component_named(&e.name.text)
            .is_some_and(|c| c.form_field && c.name != "Checkbox");
        if let (true, Some(name)) = (is_field, e.attr("name").and_then(|a| a.value.as_str())) {
            if !fields.iter().any(|f| f == name) && fields.len() < MAX_DISCOVERED {
                fields.push(name.to_owned());
            }
        }
        discover(&e.children, actions, fields);
    }
}

/// Sets `path` (dot-separated) in `payload` to `value`, creating objects
/// where the payload has `null` or nothing.
fn set(payload: &mut Value, path: &str, value: &str) {
    let mut at = payload;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        if !at.is_object() {
            *at = json!({});
        }
        let Some(object) = at.as_object_mut() else {
            return;
        };
        if parts.peek().is_none() {
            object.insert(part.to_owned(), json!(value));
            return;
        }
        at = object.entry(part.to_owned()).or_insert(Value::Null);
    }
}

/// The user-controlled fields of a payload, given the form fields seen.
fn user_fields(base: &Value, form_fields: &[String]) -> Vec<String> {
    let mut fields: Vec<String> = Vec::new();
    // Only what a user can type: string (or unset) values of the payload's
    // clientState, and text fields seen in the answers. A checkbox sends a
    // boolean whatever the user does.
    let mut state: Vec<String> = base
        .get("clientState")
        .and_then(Value::as_object)
        .map(|o| {
            o.iter()
                .filter(|(_, v)| v.is_string() || v.is_null())
                .map(|(k, _)| k.clone())
                .collect()
        })
        .unwrap_or_default();
    for f in form_fields {
        if !state.contains(f) {
            state.push(f.clone());
        }
    }
    if state.is_empty() {
        state.push("name".to_owned());
    }
    // A key with a dot would be read as a path by `set`: such keys are skipped.
    fields.extend(
        state
            .into_iter()
            .filter(|k| !k.contains('.'))
            .map(|k| format!("clientState.{k}")),
    );
    let query: Vec<String> = base
        .get("query")
        .and_then(Value::as_object)
        .map(|o| o.keys().filter(|k| !k.contains('.')).cloned().collect())
        .unwrap_or_default();
    fields.extend(query.into_iter().map(|k| format!("query.{k}")));
    for (object, keys) in [
        ("project", &["name"][..]),
        ("user", &["name", "username"][..]),
        ("team", &["name"][..]),
    ] {
        // A view without a project or team has none to name.
        if base.get(object).is_some_and(Value::is_object) {
            fields.extend(keys.iter().map(|k| format!("{object}.{k}")));
        }
    }
    fields
}

/// Every marker (`UHZ<digits>Q<digits>Z`, with `S<digits>Z` while
/// shrinking) in `text`, in order, repeats included: one linear scan, so an
/// answer is checked in time proportional to its length however many
/// values were sent before.
fn markers_in(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let digits = |mut at: usize| {
        while at < bytes.len() && bytes[at].is_ascii_digit() {
            at += 1;
        }
        at
    };
    let mut out = Vec::new();
    for (start, _) in text.match_indices("UHZ") {
        let mut at = digits(start + 3);
        if at == start + 3 || bytes.get(at) != Some(&b'Q') {
            continue;
        }
        let q = at + 1;
        at = digits(q);
        if at == q || bytes.get(at) != Some(&b'Z') {
            continue;
        }
        at += 1;
        if bytes.get(at) == Some(&b'S') {
            let s = digits(at + 1);
            if s > at + 1 && bytes.get(s) == Some(&b'Z') {
                at = s + 1;
            }
        }
        out.push(&text[start..at]);
    }
    out
}

/// The markers of an answer: those in the raw text, and for each the
/// decoded strings holding it.
struct Markers<'a> {
    raw: HashSet<&'a str>,
    decoded: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> Markers<'a> {
    fn new(raw: &'a str, decoded: &'a [String]) -> Markers<'a> {
        let mut by_marker: HashMap<&str, Vec<&str>> = HashMap::new();
        for s in decoded {
            for m in markers_in(s) {
                let holding = by_marker.entry(m).or_default();
                // A string holds a marker once as far as the check goes.
                if holding.last() != Some(&s.as_str()) {
                    holding.push(s);
                }
            }
        }
        Markers {
            raw: markers_in(raw).into_iter().collect(),
            decoded: by_marker,
        }
    }

    /// Where a sent value did not come back unchanged: the decoded string
    /// holding its marker without the whole value after it (`Some(None)`
    /// when the marker is in the raw answer only).
    fn altered(&self, sent: &Sent) -> Option<Option<String>> {
        if !self.raw.contains(sent.marker.as_str()) {
            return None;
        }
        let Some(holding) = self.decoded.get(sent.marker.as_str()) else {
            return Some(None);
        };
        let full = format!("{}{}", sent.marker, sent.value);
        holding
            .iter()
            .find(|s| !s.contains(&full))
            .map(|s| Some((*s).to_owned()))
    }
}

/// The part of a decoded string that follows the marker, as the dashboard
/// would show it (shortened).
fn shown(decoded: Option<&str>, marker: &str) -> String {
    match decoded {
        None => "nothing: the marker is in no text or attribute value".to_owned(),
        Some(s) => {
            let after = s.split_once(marker).map_or(s, |(_, rest)| rest);
            let mut out: String = after.chars().take(80).collect();
            if out.len() < after.len() {
                out.push('…');
            }
            format!("{out:?}")
        }
    }
}

impl Fuzz<'_> {
    fn post(&self, name: String, payload: &Value) -> Result<FileReport, String> {
        super::post(self.agent, self.url, name, payload, self.config)
    }

    /// Sends `count` hostile payloads (and the shrinking requests), at most
    /// `budget` requests in all; returns one report per hostile payload
    /// answered, and the network problem that ended the run early, if any.
    pub fn run(
        &self,
        count: usize,
        seed: u64,
        budget: &mut usize,
    ) -> Result<(Vec<FileReport>, Option<String>), String> {
        let bytes = seeded_bytes(seed, 1 << 20);
        let mut u = Unstructured::new(&bytes);
        let mut actions: Vec<String> = if self.actions.is_empty() {
            vec![self
                .base
                .get("action")
                .and_then(Value::as_str)
                .unwrap_or("view")
                .to_owned()]
        } else {
            self.actions.clone()
        };
        let mut form_fields: Vec<String> = Vec::new();
        let mut sent: Vec<Sent> = Vec::new();
        let mut by_marker: HashMap<String, usize> = HashMap::new();
        // Fields already reported: later failures of a field are the same finding.
        let mut reported: BTreeMap<String, usize> = BTreeMap::new();
        let mut reports = Vec::new();
        // Markers seen in some answer: how much of the data the hook shows.
        let mut echoed = std::collections::BTreeSet::new();
        let mut ended = None;
        for i in 0..count {
            if *budget == 0 {
                eprintln!("note: --max-requests reached after {i} hostile payloads");
                break;
            }
            let action = actions[i % actions.len()].clone();
            let mut payload = self.base.clone();
            set(&mut payload, "action", &action);
            let fields = user_fields(&self.base, &form_fields);
            for (k, field) in fields.iter().enumerate() {
                let value = hostile::value(&mut u).unwrap_or_else(|_| "\"".to_owned());
                let marker = format!("UHZ{i}Q{k}Z");
                set(&mut payload, field, &format!("{marker}{value}"));
                by_marker.insert(marker.clone(), sent.len());
                sent.push(Sent {
                    field: field.clone(),
                    marker,
                    value,
                    request: i,
                });
            }
            *budget -= 1;
            let name = format!("POST fuzz #{i} (action={action}, seed {seed})");
            let mut report = match self.post(name, &payload) {
                Ok(r) => r,
                Err(e) => {
                    // A hook that drops the connection on a hostile payload
                    // has likely crashed on it: say which, keep the rest.
                    let problem = format!(
                        "{e} (hostile payload #{i}, --seed {seed}; the hook may have crashed on it)"
                    );
                    ended = Some(problem);
                    break;
                }
            };
            let parsed = parse(&report.source);
            discover(&parsed.document.nodes, &mut actions, &mut form_fields);
            let mut decoded = Vec::new();
            strings(&parsed.document.nodes, &mut decoded);
            drop(parsed);
            let source = report.source.clone();
            let markers = Markers::new(&source, &decoded);
            // Earlier values too: a hook may store them and show them later.
            // Only the values whose markers the answer holds are looked at.
            let mut shown_here: Vec<usize> = markers
                .raw
                .iter()
                .filter_map(|m| by_marker.get(*m).copied())
                .collect();
            shown_here.sort_unstable();
            for s in shown_here.into_iter().map(|k| &sent[k]) {
                echoed.insert(s.marker.clone());
                let Some(found) = markers.altered(s) else {
                    continue;
                };
                let seen = reported.entry(s.field.clone()).or_insert(0);
                *seen += 1;
                if *seen > 1 {
                    continue;
                }
                let (value, again) = if s.request == i {
                    self.shrink(&payload, s, budget)?
                } else {
                    (s.value.clone(), None)
                };
                let (source, found, marker) = match again {
                    Some(r) => (r.source, r.found, r.marker),
                    None => (report.source.to_string(), found, s.marker.clone()),
                };
                let shown_as = Sent {
                    field: s.field.clone(),
                    marker,
                    value: s.value.clone(),
                    request: i,
                };
                let diagnostic =
                    self.finding(&shown_as, &value, found.as_deref(), &source, &payload, i);
                if source == *report.source {
                    report.diagnostics.push(diagnostic);
                } else {
                    reports.push(FileReport {
                        name: format!("{} (shrunk `{}`)", report.name, s.field),
                        source: source.into(),
                        diagnostics: vec![diagnostic],
                    });
                }
            }
            uihook_compiler::diagnostic::sort(&mut report.diagnostics);
            reports.push(report);
        }
        eprintln!(
            "{} hostile values sent, {} shown in an answer, {} fields altered",
            sent.len(),
            echoed.len(),
            reported.len()
        );
        for report in &mut reports {
            for d in &mut report.diagnostics {
                if d.code == RuleId::HostileValueChanged {
                    if let Some(n) = reported
                        .iter()
                        .find(|(field, _)| d.message.starts_with(&format!("`{field}`")))
                        .map(|(_, n)| *n)
                        .filter(|n| *n > 1)
                    {
                        d.message
                            .push_str(&format!(" ({} more answers altered it)", n - 1));
                    }
                }
            }
        }
        Ok((reports, ended))
    }

    /// Shrinks the value of `s` by re-sending `payload` with shorter values
    /// in its field; returns the shortest failing value and, when a re-sent
    /// request still failed, that answer and the decoded string.
    fn shrink(
        &self,
        payload: &Value,
        s: &Sent,
        budget: &mut usize,
    ) -> Result<(String, Option<Resent>), String> {
        let mut allowed = SHRINK_REQUESTS.min(*budget);
        let before = allowed;
        let mut last: Option<Resent> = None;
        let mut error = None;
        let mut attempt = 0usize;
        let value = hostile::shrink(
            &s.value,
            |candidate| {
                if error.is_some() {
                    return false;
                }
                attempt += 1;
                // A fresh marker per attempt: a stored earlier value must not
                // count as this one.
                let marker = format!("{}S{attempt}Z", s.marker);
                let mut p = payload.clone();
                set(&mut p, &s.field, &format!("{marker}{candidate}"));
                let report = match self.post(String::new(), &p) {
                    Ok(r) => r,
                    Err(e) => {
                        error = Some(e);
                        return false;
                    }
                };
                let parsed = parse(&report.source);
                let mut decoded = Vec::new();
                strings(&parsed.document.nodes, &mut decoded);
                let probe = Sent {
                    field: s.field.clone(),
                    marker,
                    value: candidate.to_owned(),
                    request: s.request,
                };
                match Markers::new(&report.source, &decoded).altered(&probe) {
                    Some(found) => {
                        last = Some(Resent {
                            source: report.source.to_string(),
                            found,
                            marker: probe.marker,
                        });
                        true
                    }
                    None => false,
                }
            },
            &mut allowed,
        );
        *budget -= before - allowed;
        if let Some(e) = error {
            return Err(e);
        }
        // `last` belongs to the shortest failing value only if that value
        // was the last one to fail; greedy deletion ends on a pass with no
        // failure, so the last failure is the shortest.
        Ok((value, last))
    }

    fn finding(
        &self,
        s: &Sent,
        value: &str,
        found: Option<&str>,
        source: &str,
        payload: &Value,
        request: usize,
    ) -> Diagnostic<uihook_compiler::Span> {
        let span = source
            .find(&s.marker)
            .map_or(0..0, |at| at..at + s.marker.len());
        let shrunk = if value.len() < s.value.len() {
            format!(" (shrunk from {:?})", short(&s.value))
        } else {
            String::new()
        };
        let mut hostile_fields = serde_json::Map::new();
        for field in user_fields(&self.base, &[]) {
            let mut at = payload;
            for part in field.split('.') {
                at = at.get(part).unwrap_or(&Value::Null);
            }
            // Long values are cut: `--seed` sends the whole payload again.
            let shown = match at {
                Value::String(v) => Value::String(short(v)),
                other => other.clone(),
            };
            hostile_fields.insert(field, shown);
        }
        Diagnostic::new(
            RuleId::HostileValueChanged,
            format!(
                "`{}` came back altered: sent {value:?}{shrunk} after the marker `{}`, the dashboard shows {}",
                s.field,
                s.marker,
                shown(found, &s.marker)
            ),
            span,
            "the marker of the value sent",
        )
        .with_help(format!(
            "escape user data for its context (`&` and `\"` in attributes; `&`, `<`, `>`, `{{`, `}}` in text); payload #{request} (action {}): {}",
            payload.get("action").and_then(Value::as_str).unwrap_or("view"),
            Value::Object(hostile_fields)
        ))
    }
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_creates_and_replaces_nested_fields() {
        let mut p = json!({"team": null, "clientState": {"a": 1}});
        set(&mut p, "team.name", "x");
        set(&mut p, "clientState.a", "y");
        set(&mut p, "query.q", "z");
        assert_eq!(
            p,
            json!({"team": {"name": "x"}, "clientState": {"a": "y"}, "query": {"q": "z"}})
        );
    }

    #[test]
    fn user_fields_follow_the_payload_and_the_forms_seen() {
        let base = json!({"clientState": {"name": "a", "on": true}, "query": {"cfg": "1"},
                          "project": {"name": "p"}, "team": null, "user": {}});
        assert_eq!(
            user_fields(&base, &["secret".to_owned(), "name".to_owned()]),
            [
                "clientState.name",
                "clientState.secret",
                "query.cfg",
                "project.name",
                "user.name",
                "user.username"
            ]
        );
    }

    #[test]
    fn a_value_is_altered_only_where_its_marker_shows() {
        let sent = Sent {
            field: "clientState.name".into(),
            marker: "UHZ0Q0Z".into(),
            value: "\"<".into(),
            request: 0,
        };
        let check = |raw: &str, decoded: &[String]| Markers::new(raw, decoded).altered(&sent);
        assert_eq!(check("…UHZ0Q0Z…", &["Hello UHZ0Q0Z\"<!".to_owned()]), None);
        assert_eq!(
            check("value=\"UHZ0Q0Z\"<\"", &["UHZ0Q0Z".to_owned()]),
            Some(Some("UHZ0Q0Z".to_owned()))
        );
        assert_eq!(check("<!-- UHZ0Q0Z -->", &[]), Some(None));
        assert_eq!(check("no echo", &[]), None);
        // Another value's marker is not this one's.
        assert_eq!(check("UHZ0Q01Z UHZ10Q0Z", &[]), None);
    }

    #[test]
    fn markers_are_found_in_one_scan() {
        assert_eq!(
            markers_in("aUHZ12Q3Zb UHZ1Q0ZS4Zc UHZQ1Z UHZ1Q UHZ7Q7ZS"),
            ["UHZ12Q3Z", "UHZ1Q0ZS4Z", "UHZ7Q7Z"]
        );
    }

    #[test]
    fn discovery_finds_actions_and_form_fields() {
        let parsed = parse(
            "<Page><Input name=\"a\" /><Checkbox name=\"c\" /><Box><Button action=\"go\">x</Button>\
             <Select name=\"s\" action=\"pick\"><Option value=\"1\" caption=\"1\" /></Select></Box></Page>",
        );
        let (mut actions, mut fields) = (vec!["view".to_owned()], Vec::new());
        discover(&parsed.document.nodes, &mut actions, &mut fields);
        assert_eq!(actions, ["view", "go", "pick"]);
        assert_eq!(fields, ["a", "s"]);
    }
}
