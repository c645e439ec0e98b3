//! Every `--output-format`: the renderers of a list of [`FileReport`]s, one
//! module per format (as ruff's `message/{sarif,junit,github,…}.rs`).
//!
//! Only `human` and `concise` use colour; machine formats are plain,
//! deterministic, and never print anything but the report. Line and column
//! numbers are computed here, at rendering time, from byte spans; columns
//! count Unicode scalar values (SARIF says so with `columnKind`).

mod checkstyle;
mod concise;
mod fingerprint;
mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod sarif;
mod xml;

use std::io::{self, Write};
use std::rc::Rc;

use uihook_compiler::diagnostic::{LineCol, LineIndex};
use uihook_compiler::{Diagnostic, Fix, Span};

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

/// Writes `reports` in `format`.
pub fn write(
    format: Format,
    reports: &[FileReport],
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(reports, style, out),
        Format::Concise => concise::write(reports, style, out),
        Format::Json => json::write(reports, out),
        Format::JsonLines => json::write_lines(reports, out),
        Format::Sarif => sarif::write(reports, out),
        Format::Github => github::write(reports, out),
        Format::Junit => junit::write(reports, out),
        Format::Checkstyle => checkstyle::write(reports, out),
        Format::Gitlab => gitlab::write(reports, out),
    }
}

/// A finding with its positions resolved.
struct Located<'r> {
    report: &'r FileReport,
    finding: &'r Diagnostic<Span>,
    /// The file's line index, shared by its findings, for other spans
    /// (secondary labels).
    index: Rc<LineIndex>,
    start: LineCol,
    end: LineCol,
}

impl Located<'_> {
    /// The line and column of `offset` in the finding's file.
    fn line_col(&self, offset: usize) -> LineCol {
        self.index.line_col(&self.report.source, offset)
    }
}

/// One edit of a fix with its positions resolved.
struct LocatedEdit<'r> {
    /// The replaced range, as byte offsets.
    span: &'r Span,
    /// Its first position.
    start: LineCol,
    /// The position just past it.
    end: LineCol,
    /// What replaces it.
    content: &'r str,
}

impl<'r> Located<'r> {
    /// The edits of each of the finding's fixes, with positions.
    fn fixes(&self) -> Vec<(&'r Fix<Span>, Vec<LocatedEdit<'r>>)> {
        self.finding
            .fixes
            .iter()
            .map(|fix| {
                let edits = fix
                    .edits
                    .iter()
                    .map(|e| LocatedEdit {
                        span: &e.span,
                        start: self.line_col(e.span.start),
                        end: self.line_col(e.span.end),
                        content: &e.replacement,
                    })
                    .collect();
                (fix, edits)
            })
            .collect()
    }
}

/// Every finding of every report, in order, with its positions; each
/// file's lines are indexed once.
fn locate(reports: &[FileReport]) -> Vec<Located<'_>> {
    let mut out = Vec::new();
    for report in reports {
        if report.diagnostics.is_empty() {
            continue;
        }
        let index = Rc::new(LineIndex::new(&report.source));
        for finding in &report.diagnostics {
            let span = finding.span();
            out.push(Located {
                report,
                finding,
                start: index.line_col(&report.source, span.start),
                end: index.line_col(&report.source, span.end),
                index: Rc::clone(&index),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reports with names and messages that need escaping in every format:
    /// a file with the same finding on two identical lines and one with a
    /// secondary label, a clean file, and a name with separators, spaces and
    /// markup characters.
    pub(super) fn awkward_reports() -> Vec<FileReport> {
        let config = crate::config::Config::default();
        [
            (
                "dir/a, b:c%.uihook",
                "<Page>\n  <Bogus/>\n  <Bogus/>\n  <Button action=\"a\" action=\"b\">Go</Button>\n</Page>",
            ),
            ("clean.uihook", "<Page><P>ok</P></Page>"),
            ("<&>\"' é.uihook", "<Page>\n<P>\"quoted\" & <Nope/></P>\n</Page>"),
            (
                "fixable.uihook",
                "<Page>\n  <Button secondary>Gö</Button>\n  <Buton>x</Buton>\n</Page>",
            ),
        ]
        .into_iter()
        .map(|(name, source)| crate::lint_text_with(name, source, &config))
        .collect()
    }

    /// `format`'s bytes for [`awkward_reports`], as text.
    pub(super) fn render(format: Format) -> String {
        let style = Style {
            color: false,
            width: 80,
        };
        let mut out = Vec::new();
        write(format, &awkward_reports(), style, &mut out).expect("written");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn the_awkward_reports_have_findings_and_a_secondary_label() {
        let reports = awkward_reports();
        assert!(reports[0].diagnostics.len() >= 2);
        assert!(reports[1].diagnostics.is_empty());
        assert!(reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .any(|d| d.labels.len() > 1));
    }

    #[test]
    fn locate_resolves_every_finding_in_order() {
        let reports = awkward_reports();
        let located = locate(&reports);
        let total: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
        assert_eq!(located.len(), total);
        let bogus = &located[0];
        assert_eq!(bogus.report.name, "dir/a, b:c%.uihook");
        assert_eq!((bogus.start.line, bogus.start.column), (2, 4));
        assert_eq!(bogus.line_col(0), LineCol { line: 1, column: 1 });
    }
}
