//! `gitlab`: GitLab Code Quality JSON, with fingerprints that survive edits
//! elsewhere in the file.

use std::io::{self, Write};

use serde_json::{json, Value};
use uihook_compiler::Severity;

use super::fingerprint::{fingerprints, fnv1a};
use super::json::position;
use super::locate;
use crate::lint::FileReport;

fn gitlab(reports: &[FileReport]) -> Value {
    let located = locate(reports);
    let prints = fingerprints(&located);
    let items: Vec<Value> = located
        .iter()
        .zip(prints)
        .map(|(l, (hash, n))| {
            let f = l.finding;
            let n = n.to_string();
            let second = fnv1a(&[l.report.name.as_bytes(), &hash.to_le_bytes(), n.as_bytes()]);
            json!({
                "description": format!("{}: {}", f.code, f.message),
                "check_name": f.code.as_str(),
                "fingerprint": format!("{hash:016x}{second:016x}"),
                "severity": match f.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info => "info",
                },
                "location": {
                    "path": l.report.name,
                    "positions": { "begin": position(l.start), "end": position(l.end) },
                },
            })
        })
        .collect();
    Value::Array(items)
}

pub(super) fn write(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &gitlab(reports))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::super::{tests::render, Format};

    #[test]
    fn identical_lines_get_different_fingerprints() {
        let items: Vec<serde_json::Value> =
            serde_json::from_str(&render(Format::Gitlab)).expect("JSON");
        let prints: Vec<&str> = items
            .iter()
            .filter_map(|i| i["fingerprint"].as_str())
            .collect();
        let mut unique = prints.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), prints.len(), "{prints:?}");
    }
}
