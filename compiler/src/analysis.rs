//! One analysis of a document, read by every surface: parse, validate,
//! apply the configured severities and the inline suppressions, and sort.
//!
//! `uihook lint`, the preview, `uihook dev`, extraction from JS/TS and the
//! `uihook!` macro all come here, so none of them repeats those steps or
//! can disagree with another about the same markup.

use crate::ast::{Document, Span};
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::parser::{self, parse};
use crate::settings::Settings;
use crate::suppress;
use crate::validate::validate;

/// A parsed document and everything found in it.
#[derive(Clone, Debug)]
pub struct Analysis<'src> {
    /// The tree, recovered where the markup has syntax errors.
    pub document: Document<'src, Span>,
    /// Every diagnostic under the settings, sorted by position.
    pub diagnostics: Vec<Diagnostic<Span>>,
}

impl Analysis<'_> {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// How many diagnostics have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Analyses markup text under `settings`. Schema checks run on the recovered
/// tree even when there are syntax errors, so one run reports everything.
pub fn analyze<'src>(src: &'src str, settings: &Settings) -> Analysis<'src> {
    analyze_with(src, settings, |_| {})
}

/// The diagnostics of [`analyze`], without the tree: what `uihook lint`,
/// [`crate::check`] and the fix loop read. The parser validates each
/// element as it places it and keeps none of it, so memory follows the
/// open elements rather than the document; the diagnostics are the
/// same, in the same order (`tests/diagnose.rs` and `examples/digest.rs`
/// compare the two). The parser is handed fewer tokens (no blank text,
/// `name="value"` attributes set aside), so a document with a syntax error
/// is parsed a second time, with every token, from the start; the first
/// parse stops at its first error. A document with `uihook-` suppression
/// comments goes through [`analyze`], which collects the comments from the
/// tree.
pub fn diagnose(src: &str, settings: &Settings) -> Vec<Diagnostic<Span>> {
    if settings.suppressions && suppress::may_have_directives(src) {
        return analyze(src, settings).diagnostics;
    }
    let (syntax, found) = parser::diagnose(src, &settings.options);
    let mut diagnostics: Vec<Diagnostic<Span>> = syntax
        .into_iter()
        .chain(found)
        .filter_map(|d| settings.apply(d))
        .collect();
    diagnostic::sort(&mut diagnostics);
    diagnostics
}

/// [`analyze`] with a step between parsing and validation: extraction turns
/// the placeholders it wrote for `${…}` into run-time values there, so the
/// validator judges them as it judges `uihook!`'s `{expr}`.
pub fn analyze_with<'src>(
    src: &'src str,
    settings: &Settings,
    prepare: impl FnOnce(&mut Document<'src, Span>),
) -> Analysis<'src> {
    let parsed = parse(src);
    let mut document = parsed.document;
    prepare(&mut document);
    let mut diagnostics = check_document(&document, parsed.diagnostics, settings);
    diagnostic::sort(&mut diagnostics);
    if settings.suppressions && suppress::may_have_directives(src) {
        let comments = suppress::comments(&document);
        diagnostics = suppress::apply(src, &comments, diagnostics, settings);
    }
    Analysis {
        document,
        diagnostics,
    }
}

/// Validates a tree of any span type and applies the configured severities
/// to its diagnostics and to `syntax` (the parser's): the step the `uihook!`
/// macro shares with [`analyze`], since its tree carries token spans. The
/// result is in the order found (the macro reports at token spans, which
/// have no byte order).
pub fn check_document<S: Clone>(
    document: &Document<'_, S>,
    syntax: Vec<Diagnostic<S>>,
    settings: &Settings,
) -> Vec<Diagnostic<S>> {
    syntax
        .into_iter()
        .chain(validate(document, &settings.options))
        .filter_map(|d| settings.apply(d))
        .collect()
}
