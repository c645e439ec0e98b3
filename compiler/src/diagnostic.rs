//! Diagnostics as plain data, and their one conversion to miette.
//!
//! A [`Diagnostic`] is generic over its span type so that the string parser
//! (byte ranges), extraction (source ranges) and the `uihook!` macro (token
//! spans) share every rule. It is the only diagnostic type: every surface
//! (lint, preview, `uihook dev`, extraction, the macro) reads it. Line and
//! column numbers are computed only when rendering.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource, SourceSpan,
};

use crate::ast::Span;
use crate::fix::Fix;
use crate::rules::RuleId;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; never fails a build.
    Info,
    /// Probably a mistake; the host would still render the page.
    Warning,
    /// The host would reject or mis-render the markup.
    Error,
}

impl Severity {
    /// `"error"`, `"warning"` or `"info"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A span with a short message pointing at it.
#[derive(Clone, Debug, PartialEq)]
pub struct Label<S> {
    /// Where.
    pub span: S,
    /// What about it.
    pub message: String,
}

/// One problem found in a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic<S> {
    /// The rule that found it.
    pub code: RuleId,
    /// The rule's default severity, unless the analysis settings or the
    /// producer (extraction lowers some) changed it.
    pub severity: Severity,
    /// One sentence saying what is wrong.
    pub message: String,
    /// The primary label first, then secondary ones.
    pub labels: Vec<Label<S>>,
    /// How to fix it, when there is something useful to say.
    pub help: Option<String>,
    /// Edits that repair it, safe ones first.
    pub fixes: Vec<Fix<S>>,
}

impl<S> Diagnostic<S> {
    /// A diagnostic with the rule's default severity and a primary label.
    pub fn new(
        code: RuleId,
        message: impl Into<String>,
        span: S,
        label: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity: code.default_severity(),
            message: message.into(),
            labels: vec![Label {
                span,
                message: label.into(),
            }],
            help: None,
            fixes: Vec::new(),
        }
    }

    /// Adds a secondary label.
    #[must_use]
    pub fn with_label(mut self, span: S, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Sets the help line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a fix.
    #[must_use]
    pub fn with_fix(mut self, fix: Fix<S>) -> Self {
        self.fixes.push(fix);
        self
    }

    /// The primary span.
    pub fn span(&self) -> &S {
        &self.labels[0].span
    }

    /// The same diagnostic with every span converted: label spans by
    /// `label`, edit spans by `edit`. A fix with an edit that `edit` cannot
    /// convert (it gives `None`) is dropped, since part of a fix is no fix.
    pub fn map_spans<T>(
        self,
        mut label: impl FnMut(S) -> T,
        mut edit: impl FnMut(S) -> Option<T>,
    ) -> Diagnostic<T> {
        let fixes = self
            .fixes
            .into_iter()
            .filter_map(|fix| fix.try_map_spans(&mut edit))
            .collect();
        Diagnostic {
            code: self.code,
            severity: self.severity,
            message: self.message,
            labels: self
                .labels
                .into_iter()
                .map(|l| Label {
                    span: label(l.span),
                    message: l.message,
                })
                .collect(),
            help: self.help,
            fixes,
        }
    }
}

impl Diagnostic<Span> {
    /// The diagnostic as a miette diagnostic (without source code attached).
    pub fn to_miette(&self) -> MietteDiagnostic {
        let labels = self.labels.iter().enumerate().map(|(i, l)| {
            let span = SourceSpan::from(l.span.start..l.span.end);
            if i == 0 {
                LabeledSpan::new_primary_with_span(Some(l.message.clone()), span)
            } else {
                LabeledSpan::new_with_span(Some(l.message.clone()), span)
            }
        });
        let mut d = MietteDiagnostic::new(self.message.clone())
            .with_code(self.code.as_str())
            .with_severity(match self.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
                Severity::Info => miette::Severity::Advice,
            })
            .with_labels(labels);
        if let Some(help) = &self.help {
            d = d.with_help(help.clone());
        }
        d
    }
}

/// Sorts diagnostics of one source by position (start, then end); the sort
/// is stable, so diagnostics at one place keep the order they were found in.
pub fn sort(diagnostics: &mut [Diagnostic<Span>]) {
    diagnostics.sort_by_key(|d| (d.span().start, d.span().end));
}

/// Renders diagnostics of one source as miette's graphical report, one after
/// the other. `color` picks the theme; tests use `false` and a fixed width so
/// snapshots are the same on every machine.
pub fn render_report(
    diagnostics: &[Diagnostic<Span>],
    name: &str,
    source: &str,
    color: bool,
    width: usize,
) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(width)
        .with_links(false);
    let mut out = String::new();
    for d in diagnostics {
        let report = miette::Report::new(d.to_miette())
            .with_source_code(NamedSource::new(name, source.to_owned()));
        // Writing into a String cannot fail; a handler error would be a miette bug,
        // and we fall back to the plain message rather than lose the diagnostic.
        if handler.render_report(&mut out, report.as_ref()).is_err() {
            out.push_str(&d.message);
            out.push('\n');
        }
    }
    out
}

/// A 1-based line and column (in characters) of a byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in Unicode scalar values.
    pub column: usize,
}

/// Maps byte offsets of one source to lines and columns.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `source`.
    pub fn new(source: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// The line and column of `offset` in `source` (the text that was indexed).
    pub fn line_col(&self, source: &str, offset: usize) -> LineCol {
        let offset = offset.min(source.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column = source
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let src = "ab\nçd\n";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_col(src, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(src, 3), LineCol { line: 2, column: 1 });
        assert_eq!(idx.line_col(src, 5), LineCol { line: 2, column: 2 });
        assert_eq!(idx.line_col(src, 7), LineCol { line: 3, column: 1 });
        assert_eq!(idx.line_col(src, 99), LineCol { line: 3, column: 1 });
    }
}
