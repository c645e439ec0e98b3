//! One document's analysis under its configuration, and its diagnostics in
//! LSP form.
//!
//! The analysis is the CLI's: `lint_source` for markup, `lint_script` for
//! JS/TS, under the nearest `uihook.toml`, which is looked up afresh for
//! every analysis (a few `stat` calls and a small TOML parse), so an edited
//! configuration applies at the next change without any cache to reload.

use std::sync::Arc;

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Position, Range, Uri,
};
use uihook_compiler::{Diagnostic, RuleId, Severity, Span};

use super::document::{Document, Kind};
use crate::config::{Config, ConfigError, Resolver};
use crate::lint::{lint_script, lint_source};

/// Where a rule's documentation is published.
pub fn rule_url(rule: RuleId) -> String {
    format!(
        "https://github.com/uihook/uihook/blob/main/compiler/rules/{}.md",
        rule.as_str()
    )
}

/// The result of analysing one version of a document.
#[derive(Debug)]
pub struct Analysed {
    /// The configuration used, or why the file's `uihook.toml` could not
    /// be used (then nothing else was checked).
    pub config: Result<Arc<Config>, ConfigError>,
    /// The diagnostics, with byte spans into that version.
    pub diagnostics: Vec<Diagnostic<Span>>,
    /// For JS/TS documents: where each template is.
    pub templates: Vec<Span>,
}

/// Analyses the current text of `doc`.
pub fn analyse(doc: &Document) -> Analysed {
    let path = doc.path_or_default();
    let config = Resolver::new(None).and_then(|mut r| r.for_file(&path));
    let (mut diagnostics, mut templates) = (Vec::new(), Vec::new());
    if let Ok(config) = &config {
        if doc.path.is_none() || !config.is_excluded(&path) {
            match doc.kind {
                Kind::Markup => diagnostics = lint_source(doc.text(), config),
                Kind::Script => {
                    let report = lint_script(doc.text(), &path, config);
                    diagnostics = report.diagnostics;
                    templates = report.template_spans;
                }
            }
        }
    }
    Analysed {
        config,
        diagnostics,
        templates,
    }
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The LSP form of `diagnostics` of `doc`'s current text: code, severity,
/// a link to the rule, the help line, and secondary labels as related
/// information. All positions are found in one pass over the text.
pub fn to_lsp(doc: &Document, analysed: &Analysed) -> Vec<lsp_types::Diagnostic> {
    if let Err(e) = &analysed.config {
        let start = Position::new(0, 0);
        return vec![lsp_types::Diagnostic {
            range: Range::new(start, start),
            severity: Some(DiagnosticSeverity::ERROR),
            source: Some("uihook".to_owned()),
            message: format!("{e}\nNothing was checked: fix the configuration file."),
            ..Default::default()
        }];
    }
    let diagnostics = &analysed.diagnostics;
    let offsets: Vec<usize> = diagnostics
        .iter()
        .flat_map(|d| d.labels.iter().flat_map(|l| [l.span.start, l.span.end]))
        .collect();
    let mut positions = doc.positions(&offsets).into_iter();
    let mut next_range = || {
        let start = positions.next().unwrap_or_default();
        Range::new(start, positions.next().unwrap_or(start))
    };
    diagnostics
        .iter()
        .map(|d| {
            let mut ranges: Vec<Range> = d.labels.iter().map(|_| next_range()).collect();
            let range = if ranges.is_empty() {
                Range::default()
            } else {
                ranges.remove(0)
            };
            let related: Vec<DiagnosticRelatedInformation> = d
                .labels
                .iter()
                .skip(1)
                .zip(ranges)
                .map(|(label, range)| DiagnosticRelatedInformation {
                    location: Location::new(doc.uri.clone(), range),
                    message: label.message.clone(),
                })
                .collect();
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            lsp_types::Diagnostic {
                range,
                severity: Some(severity(d.severity)),
                code: Some(NumberOrString::String(d.code.as_str().to_owned())),
                code_description: rule_url(d.code)
                    .parse::<Uri>()
                    .ok()
                    .map(|href| CodeDescription { href }),
                source: Some("uihook".to_owned()),
                message,
                related_information: (!related.is_empty()).then_some(related),
                ..Default::default()
            }
        })
        .collect()
}
