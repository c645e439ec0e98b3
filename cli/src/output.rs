//! Every `--output-format`: the renderers of a list of [`FileReport`]s.
//!
//! Only `human` and `concise` use colour; machine formats are plain,
//! deterministic, and never print anything but the report. Line and column
//! numbers are computed here, at rendering time, from byte spans; columns
//! count Unicode scalar values (SARIF says so with `columnKind`).

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, NamedSource};
use serde_json::{json, Value};
use uihook_compiler::diagnostic::{LineCol, LineIndex};
use uihook_compiler::{Diagnostic, RuleId, Severity, Span};

use crate::lint::FileReport;

/// How to print a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// miette's graphical report with source snippets.
    Human,
    /// `file:line:col: severity[code] message`, one per line.
    Concise,
    /// One JSON array of diagnostics.
    Json,
    /// One JSON object per line.
    JsonLines,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML: one test suite per file.
    Junit,
    /// Checkstyle XML.
    Checkstyle,
    /// GitLab Code Quality JSON.
    Gitlab,
}

/// Terminal settings for the human formats.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// Whether to use ANSI colours.
    pub color: bool,
    /// The width graphical reports wrap at.
    pub width: usize,
}

/// A finding with its positions resolved.
struct Located<'r> {
    report: &'r FileReport,
    finding: &'r Diagnostic<Span>,
    start: LineCol,
    end: LineCol,
}

fn locate(reports: &[FileReport]) -> Vec<Located<'_>> {
    let mut out = Vec::new();
    for report in reports {
        if report.diagnostics.is_empty() {
            continue;
        }
        let index = LineIndex::new(&report.source);
        for finding in &report.diagnostics {
            let span = finding.span();
            out.push(Located {
                report,
                finding,
                start: index.line_col(&report.source, span.start),
                end: index.line_col(&report.source, span.end),
            });
        }
    }
    out
}

/// Writes `reports` in `format`.
pub fn write(
    format: Format,
    reports: &[FileReport],
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human(reports, style, out),
        Format::Concise => concise(reports, style, out),
        Format::Json => {
            let items: Vec<Value> = locate(reports).iter().map(json_item).collect();
            serde_json::to_writer_pretty(&mut *out, &items)?;
            writeln!(out)
        }
        Format::JsonLines => {
            for item in locate(reports).iter().map(json_item) {
                serde_json::to_writer(&mut *out, &item)?;
                writeln!(out)?;
            }
            Ok(())
        }
        Format::Sarif => {
            serde_json::to_writer_pretty(&mut *out, &sarif(reports))?;
            writeln!(out)
        }
        Format::Github => github(reports, out),
        Format::Junit => junit(reports, out),
        Format::Checkstyle => checkstyle(reports, out),
        Format::Gitlab => {
            serde_json::to_writer_pretty(&mut *out, &gitlab(reports))?;
            writeln!(out)
        }
    }
}

fn paint(color: bool, code: &str, text: &str) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

fn severity_color(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
    }
}

fn concise(reports: &[FileReport], style: Style, out: &mut dyn Write) -> io::Result<()> {
    for l in locate(reports) {
        let f = l.finding;
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            paint(style.color, "1", &l.report.name),
            l.start.line,
            l.start.column,
            paint(style.color, severity_color(f.severity), f.severity.as_str()),
            f.code,
            f.message
        )?;
    }
    Ok(())
}

/// The graphical handler for `style`.
pub fn handler(style: Style) -> GraphicalReportHandler {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
}

fn human(reports: &[FileReport], style: Style, out: &mut dyn Write) -> io::Result<()> {
    let handler = handler(style);
    for report in reports {
        let source = NamedSource::new(report.name.clone(), Arc::clone(&report.source));
        for f in &report.diagnostics {
            let diagnostic = miette::Report::new(f.to_miette()).with_source_code(source.clone());
            let mut text = String::new();
            if handler
                .render_report(&mut text, diagnostic.as_ref())
                .is_err()
            {
                text = format!(
                    "{}: {}[{}] {}\n",
                    report.name, f.severity, f.code, f.message
                );
            }
            out.write_all(text.as_bytes())?;
        }
    }
    Ok(())
}

fn position(lc: LineCol) -> Value {
    json!({ "line": lc.line, "column": lc.column })
}

fn json_item(l: &Located<'_>) -> Value {
    let f = l.finding;
    let span = f.span();
    json!({
        "path": l.report.name,
        "code": f.code.as_str(),
        "severity": f.severity.as_str(),
        "message": f.message,
        "help": f.help,
        "start": position(l.start),
        "end": position(l.end),
        "offset": span.start,
        "length": span.end - span.start,
    })
}

/// 64-bit FNV-1a: a hash that is the same on every machine and release.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Stable fingerprints: the rule, the file and the trimmed text of the
/// primary line, numbered by occurrence so that identical lines differ.
/// They survive edits elsewhere in the file, unlike line numbers.
fn fingerprints(located: &[Located<'_>]) -> Vec<(u64, usize)> {
    let mut seen: HashMap<(String, u64), usize> = HashMap::new();
    located
        .iter()
        .map(|l| {
            let line = l
                .report
                .source
                .lines()
                .nth(l.start.line - 1)
                .unwrap_or("")
                .trim();
            let hash = fnv1a(&[l.finding.code.as_str().as_bytes(), line.as_bytes()]);
            let n = seen.entry((l.report.name.clone(), hash)).or_insert(0);
            *n += 1;
            (hash, *n)
        })
        .collect()
}

fn sarif_level(severity: Severity) -> &'static str {
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
                "defaultConfiguration": { "level": sarif_level(r.default_severity()) },
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
            let index = LineIndex::new(&l.report.source);
            let related: Vec<Value> = f
                .labels
                .iter()
                .skip(1)
                .enumerate()
                .map(|(i, label)| {
                    let s = index.line_col(&l.report.source, label.span.start);
                    let e = index.line_col(&l.report.source, label.span.end);
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
                "level": sarif_level(f.severity),
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

/// Escapes workflow-command data: `%`, CR and LF.
fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property: data escapes plus `:` and `,`.
fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn github(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    for l in locate(reports) {
        let f = l.finding;
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            gh_property(&l.report.name),
            l.start.line,
            l.start.column,
            l.end.line,
            l.end.column,
            gh_property(&format!("uihook {}", f.code)),
            gh_data(&f.message)
        )?;
    }
    Ok(())
}

/// Escapes text for XML attributes and content.
fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn junit(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let located = locate(reports);
    let total: usize = reports.iter().map(|r| r.diagnostics.len().max(1)).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="uihook" tests="{total}" failures="{}" errors="0">"#,
        located.len()
    )?;
    for report in reports {
        let name = xml_escape(&report.name);
        let mine: Vec<&Located<'_>> = located
            .iter()
            .filter(|l| std::ptr::eq(l.report, report))
            .collect();
        writeln!(
            out,
            r#"  <testsuite name="{name}" tests="{}" failures="{}" errors="0">"#,
            mine.len().max(1),
            mine.len()
        )?;
        if mine.is_empty() {
            writeln!(out, r#"    <testcase name="{name}" classname="uihook"/>"#)?;
        }
        for l in mine {
            let f = l.finding;
            let at = format!("{}:{}:{}", report.name, l.start.line, l.start.column);
            writeln!(
                out,
                r#"    <testcase name="{}" classname="{}">"#,
                xml_escape(&at),
                f.code
            )?;
            writeln!(
                out,
                r#"      <failure message="{}" type="{}">{}: {}[{}] {}</failure>"#,
                xml_escape(&f.message),
                f.severity,
                xml_escape(&at),
                f.severity,
                f.code,
                xml_escape(&f.message)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

fn checkstyle(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let located = locate(reports);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)?;
    for report in reports {
        writeln!(out, r#"  <file name="{}">"#, xml_escape(&report.name))?;
        for l in located.iter().filter(|l| std::ptr::eq(l.report, report)) {
            let f = l.finding;
            writeln!(
                out,
                r#"    <error line="{}" column="{}" severity="{}" message="{}" source="uihook.{}"/>"#,
                l.start.line,
                l.start.column,
                match f.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Info => "info",
                },
                xml_escape(&f.message),
                f.code
            )?;
        }
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escaping_follows_the_documented_rules() {
        assert_eq!(gh_data("50% done\r\nok: a, b"), "50%25 done%0D%0Aok: a, b");
        assert_eq!(gh_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn xml_escaping() {
        assert_eq!(
            xml_escape("<a href=\"x\">&'\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;\u{FFFD}"
        );
    }

    #[test]
    fn uris_are_relative_references() {
        assert_eq!(uri("dir/my file#1.uihook"), "dir/my%20file%231.uihook");
        assert_eq!(uri("é.uihook"), "%C3%A9.uihook");
    }
}
