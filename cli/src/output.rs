//! Every `--output-format`: the renderers of a list of [`FileReport`]s.
//!
//! Only `human` and `concise` use colour; machine formats are plain,
//! deterministic, and never print anything but the report. Line and column
//! numbers are computed here, at rendering time, from byte spans; columns
//! count Unicode scalar values (SARIF says so with `columnKind`). Every
//! format costs the same per finding wherever it is in the file: positions
//! come from one [`LineIndex`] per file, and miette reads snippets through
//! one [`IndexedSource`] per file.

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};
use serde_json::{json, Value};
use uihook_compiler::diagnostic::{IndexedSource, LineCol, LineIndex};
use uihook_compiler::{work, Severity};

use crate::lint::{FileReport, Finding};
use crate::rules::RuleId;

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
    /// The report's position in the list.
    file: usize,
    /// Its line index in [`Locations::indexes`].
    index: usize,
    finding: &'r Finding,
    start: LineCol,
    end: LineCol,
}

/// Every finding of every report, in order, with its positions.
struct Locations<'r> {
    located: Vec<Located<'r>>,
    /// The line index of each report with findings (for secondary labels
    /// and line text).
    indexes: Vec<LineIndex>,
}

impl<'r> Locations<'r> {
    /// The findings of report `file`: a run of `located`, which is in
    /// report order.
    fn of_file(&self, file: usize) -> &[Located<'r>] {
        let start = self.located.partition_point(|l| l.file < file);
        let end = self.located.partition_point(|l| l.file <= file);
        &self.located[start..end]
    }
}

fn locate(reports: &[FileReport]) -> Locations<'_> {
    let mut located = Vec::new();
    let mut indexes = Vec::with_capacity(reports.len());
    for (file, report) in reports.iter().enumerate() {
        if report.findings.is_empty() {
            continue;
        }
        let index = LineIndex::new(&report.source);
        let position = indexes.len();
        for finding in &report.findings {
            work::add(1);
            let span = finding.span();
            located.push(Located {
                report,
                file,
                index: position,
                finding,
                start: index.line_col(&report.source, span.start),
                end: index.line_col(&report.source, span.end),
            });
        }
        indexes.push(index);
    }
    Locations { located, indexes }
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
            let items: Vec<Value> = locate(reports).located.iter().map(json_item).collect();
            serde_json::to_writer_pretty(&mut *out, &items)?;
            writeln!(out)
        }
        Format::JsonLines => {
            for item in locate(reports).located.iter().map(json_item) {
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
    for l in locate(reports).located {
        let f = l.finding;
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            paint(style.color, "1", &l.report.name),
            l.start.line,
            l.start.column,
            paint(style.color, severity_color(f.severity), f.severity.as_str()),
            f.rule,
            f.message
        )?;
    }
    Ok(())
}

/// The finding as a miette diagnostic (source attached by the caller).
pub fn to_miette(f: &Finding) -> MietteDiagnostic {
    let labels = f.labels.iter().enumerate().map(|(i, l)| {
        let span = miette::SourceSpan::from(l.span.start..l.span.end);
        if i == 0 {
            LabeledSpan::new_primary_with_span(Some(l.message.clone()), span)
        } else {
            LabeledSpan::new_with_span(Some(l.message.clone()), span)
        }
    });
    let mut d = MietteDiagnostic::new(f.message.clone())
        .with_code(f.rule.as_str())
        .with_severity(match f.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
        .with_labels(labels);
    if let Some(help) = &f.help {
        d = d.with_help(help.clone());
    }
    d
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
        if report.findings.is_empty() {
            continue;
        }
        let source = NamedSource::new(
            report.name.clone(),
            IndexedSource::new(Arc::clone(&report.source)),
        );
        for f in &report.findings {
            let diagnostic = miette::Report::new(to_miette(f)).with_source_code(source.clone());
            let mut text = String::new();
            if handler
                .render_report(&mut text, diagnostic.as_ref())
                .is_err()
            {
                text = format!(
                    "{}: {}[{}] {}\n",
                    report.name, f.severity, f.rule, f.message
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
        "code": f.rule.as_str(),
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
fn fingerprints(locations: &Locations<'_>) -> Vec<(u64, usize)> {
    let mut seen: HashMap<(String, u64), usize> = HashMap::new();
    // A line may be the whole file and hold every finding: hash it once per
    // rule, not once per finding.
    let mut hashes: HashMap<(usize, usize, RuleId), u64> = HashMap::new();
    locations
        .located
        .iter()
        .map(|l| {
            let hash = *hashes
                .entry((l.file, l.start.line, l.finding.rule))
                .or_insert_with(|| {
                    let line = locations.indexes[l.index]
                        .line_text(&l.report.source, l.start.line)
                        .trim();
                    work::add(line.len());
                    fnv1a(&[l.finding.rule.as_str().as_bytes(), line.as_bytes()])
                });
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

/// The SARIF tag that groups a rule by what it checks: the markup itself,
/// the markup inside JS/TS sources, or the command line's own checks.
fn sarif_tag(rule: RuleId) -> &'static str {
    match rule {
        RuleId::Core(_) => "markup",
        RuleId::Extract(_) => "js-extract",
        RuleId::Cli(_) => "uihook-cli",
    }
}

fn sarif(reports: &[FileReport]) -> Value {
    let rules: Vec<RuleId> = RuleId::all().collect();
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
                "properties": { "tags": [sarif_tag(*r)] },
            })
        })
        .collect();
    let locations = locate(reports);
    let prints = fingerprints(&locations);
    let results: Vec<Value> = locations
        .located
        .iter()
        .zip(prints)
        .map(|(l, (hash, n))| {
            let f = l.finding;
            let artifact = json!({ "uri": uri(&l.report.name), "uriBaseId": "%SRCROOT%" });
            let index = &locations.indexes[l.index];
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
                "ruleId": f.rule.as_str(),
                "ruleIndex": rule_index[&f.rule],
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
    for l in locate(reports).located {
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
            gh_property(&format!("uihook {}", f.rule)),
            gh_data(&f.message)
        )?;
    }
    Ok(())
}

/// Escapes text for XML attributes and content.
fn xml(s: &str) -> String {
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
    let locations = locate(reports);
    let total: usize = reports.iter().map(|r| r.findings.len().max(1)).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="uihook" tests="{total}" failures="{}" errors="0">"#,
        locations.located.len()
    )?;
    for (file, report) in reports.iter().enumerate() {
        let name = xml(&report.name);
        let mine = locations.of_file(file);
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
                xml(&at),
                f.rule
            )?;
            writeln!(
                out,
                r#"      <failure message="{}" type="{}">{}: {}[{}] {}</failure>"#,
                xml(&f.message),
                f.severity,
                xml(&at),
                f.severity,
                f.rule,
                xml(&f.message)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

fn checkstyle(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let locations = locate(reports);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)?;
    for (file, report) in reports.iter().enumerate() {
        writeln!(out, r#"  <file name="{}">"#, xml(&report.name))?;
        for l in locations.of_file(file) {
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
                xml(&f.message),
                f.rule
            )?;
        }
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}

fn gitlab(reports: &[FileReport]) -> Value {
    let locations = locate(reports);
    let prints = fingerprints(&locations);
    let items: Vec<Value> = locations
        .located
        .iter()
        .zip(prints)
        .map(|(l, (hash, n))| {
            let f = l.finding;
            let n = n.to_string();
            let second = fnv1a(&[l.report.name.as_bytes(), &hash.to_le_bytes(), n.as_bytes()]);
            json!({
                "description": format!("{}: {}", f.rule, f.message),
                "check_name": f.rule.as_str(),
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
            xml("<a href=\"x\">&'\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;\u{FFFD}"
        );
    }

    #[test]
    fn uris_are_relative_references() {
        assert_eq!(uri("dir/my file#1.uihook"), "dir/my%20file%231.uihook");
        assert_eq!(uri("é.uihook"), "%C3%A9.uihook");
    }
}
