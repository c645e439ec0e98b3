//! `sarif`: SARIF 2.1.0 for GitHub code scanning: every rule as a
//! descriptor, every finding as a result with its region, secondary labels
//! as related locations, fixes as `artifactChanges` (with their
//! applicability as a property), and a line-hash fingerprint.

use std::collections::HashMap;
use std::io::{self, Write};

use serde_json::{json, Value};
use uihook_compiler::{RuleId, Severity};

use super::fingerprint::fingerprints;
use super::locate;
use crate::lint::FileReport;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: `/` separators, and reserved or
/// non-ASCII bytes percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn sarif(reports: &[FileReport]) -> Value {
    let rules: &[RuleId] = RuleId::ALL;
    let rule_index: HashMap<RuleId, usize> =
        rules.iter().enumerate().map(|(i, r)| (*r, i)).collect();
    let descriptors: Vec<Value> = rules
        .iter()
        .map(|r| {
            json!({
                "id": r.as_str(),
                "name": r.as_str(),
                "shortDescription": { "text": r.summary() },
                "fullDescription": { "text": r.summary() },
                "help": { "text": r.explanation(), "markdown": r.explanation() },
                "defaultConfiguration": { "level": level(r.default_severity()) },
                "properties": { "tags": [r.origin().tag()] },
            })
        })
        .collect();
    let located = locate(reports);
    let prints = fingerprints(&located);
    let results: Vec<Value> = located
        .iter()
        .zip(prints)
        .map(|(l, (hash, n))| {
            let f = l.finding;
            let artifact = json!({ "uri": uri(&l.report.name), "uriBaseId": "%SRCROOT%" });
            let related: Vec<Value> = f
                .labels
                .iter()
                .skip(1)
                .enumerate()
                .map(|(i, label)| {
                    let s = l.line_col(label.span.start);
                    let e = l.line_col(label.span.end);
                    json!({
                        "id": i + 1,
                        "message": { "text": label.message },
                        "physicalLocation": {
                            "artifactLocation": artifact,
                            "region": {
                                "startLine": s.line, "startColumn": s.column,
                                "endLine": e.line, "endColumn": e.column,
                            },
                        },
                    })
                })
                .collect();
            let text = match &f.help {
                Some(help) => format!("{} (help: {help})", f.message),
                None => f.message.clone(),
            };
            let mut result = json!({
                "ruleId": f.code.as_str(),
                "ruleIndex": rule_index[&f.code],
                "level": level(f.severity),
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact,
                        "region": {
                            "startLine": l.start.line, "startColumn": l.start.column,
                            "endLine": l.end.line, "endColumn": l.end.column,
                        },
                    },
                }],
                "partialFingerprints": { "primaryLocationLineHash": format!("{hash:016x}:{n}") },
            });
            if !related.is_empty() {
                result["relatedLocations"] = Value::Array(related);
            }
            let fixes: Vec<Value> = l
                .fixes()
                .into_iter()
                .map(|(fix, edits)| {
                    let replacements: Vec<Value> = edits
                        .iter()
                        .map(|e| {
                            json!({
                                "deletedRegion": {
                                    "startLine": e.start.line, "startColumn": e.start.column,
                                    "endLine": e.end.line, "endColumn": e.end.column,
                                },
                                "insertedContent": { "text": e.content },
                            })
                        })
                        .collect();
                    json!({
                        "description": { "text": fix.message },
                        "artifactChanges": [{
                            "artifactLocation": artifact,
                            "replacements": replacements,
                        }],
                        "properties": { "applicability": fix.applicability.as_str() },
                    })
                })
                .collect();
            if !fixes.is_empty() {
                result["fixes"] = Value::Array(fixes);
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "uihook",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": descriptors,
                },
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

pub(super) fn write(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &sarif(reports))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::super::{tests::render, Format};
    use super::*;

    #[test]
    fn uris_are_relative_references() {
        assert_eq!(uri("dir/my file#1.uihook"), "dir/my%20file%231.uihook");
        assert_eq!(uri("é.uihook"), "%C3%A9.uihook");
    }

    /// The results only, without `ruleIndex`: the rule descriptors are the
    /// rule table, which `uihook rules` and the CLI's `format_sarif`
    /// snapshot already show (and which grows with every new rule).
    #[test]
    fn results_have_regions_related_locations_and_fingerprints() {
        let mut sarif: Value = serde_json::from_str(&render(Format::Sarif)).expect("JSON");
        let results = &mut sarif["runs"][0]["results"];
        for result in results.as_array_mut().expect("results") {
            let code = RuleId::from_name(result["ruleId"].as_str().expect("ruleId"));
            let index = result.as_object_mut().and_then(|r| r.remove("ruleIndex"));
            let expected = RuleId::ALL.iter().position(|r| Some(*r) == code);
            assert_eq!(index.and_then(|i| i.as_u64()), expected.map(|i| i as u64));
        }
        insta::assert_snapshot!(serde_json::to_string_pretty(results).expect("JSON"));
    }
}
