//! Code actions and formatting: every fix of the diagnostics under the
//! cursor (safe ones preferred), a comment that disables a rule there, a
//! whole-document "fix all", and the canonical formatting of `.uihook`
//! documents.
//!
//! Fixes are the analysis's own (`Diagnostic::fixes`), applied by the
//! editor as workspace edits; "fix all" is `fix_all`, the same loop as
//! `uihook lint --fix`, so it refuses exactly what the CLI refuses.

use std::collections::HashMap;

use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, TextEdit, WorkspaceEdit};
use uihook_compiler::fix::fix_all;
use uihook_compiler::{Applicability, Diagnostic, RuleId, Span};

use super::context;
use super::diagnostics::{to_lsp, Analysed};
use super::document::{Document, Kind};
use crate::lint::lint_source;

/// The kind of the whole-document action, as clients request it on save.
pub const FIX_ALL: &str = "source.fixAll.uihook";

fn edit(doc: &Document, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(doc.uri.clone(), edits)])),
        ..Default::default()
    }
}

/// Whether the diagnostic's primary span touches `span`.
fn touches(d: &Diagnostic<Span>, span: &Span) -> bool {
    let s = d.span();
    s.start <= span.end && span.start <= s.end
}

/// The actions for the byte range `span` of `doc`, whose current text
/// `analysed` describes. `only` filters by kind prefix, as the client asks.
pub fn code_actions(
    doc: &Document,
    analysed: &Analysed,
    span: &Span,
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeActionOrCommand> {
    let wanted = |kind: &CodeActionKind| {
        only.is_none_or(|only| {
            only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            })
        })
    };
    let lsp = to_lsp(doc, analysed);
    let mut actions: Vec<CodeAction> = Vec::new();
    if wanted(&CodeActionKind::QUICKFIX) {
        let touching: Vec<(&Diagnostic<Span>, &lsp_types::Diagnostic)> = analysed
            .diagnostics
            .iter()
            .zip(&lsp)
            .filter(|(d, _)| touches(d, span))
            .collect();
        let disables = disables(doc, analysed, touching.iter().map(|(d, _)| *d));
        // Every position of every action at once: one pass over the text
        // however many diagnostics the range holds.
        let mut offsets = Vec::new();
        for ((d, _), disable) in touching.iter().zip(&disables) {
            for e in d.fixes.iter().flat_map(|f| &f.edits) {
                offsets.extend([e.span.start, e.span.end]);
            }
            for (at, _) in disable.iter().flat_map(|(_, inserts)| inserts) {
                offsets.push(*at);
            }
        }
        let mut positions = doc.positions(&offsets).into_iter();
        let mut next = || positions.next().unwrap_or_default();
        for ((d, shown), disable) in touching.into_iter().zip(disables) {
            for (i, fix) in d.fixes.iter().enumerate() {
                let edits = fix
                    .edits
                    .iter()
                    .map(|e| {
                        let range = lsp_types::Range::new(next(), next());
                        TextEdit::new(range, e.replacement.clone())
                    })
                    .collect();
                actions.push(CodeAction {
                    title: fix.message.clone(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![shown.clone()]),
                    edit: Some(edit(doc, edits)),
                    is_preferred: Some(i == 0 && fix.applicability == Applicability::Safe),
                    ..Default::default()
                });
            }
            if let Some((title, inserts)) = disable {
                let edits = inserts
                    .into_iter()
                    .map(|(_, text)| {
                        let at = next();
                        TextEdit::new(lsp_types::Range::new(at, at), text)
                    })
                    .collect();
                actions.push(CodeAction {
                    title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![shown.clone()]),
                    edit: Some(edit(doc, edits)),
                    ..Default::default()
                });
            }
        }
    }
    let fix_all_kind = CodeActionKind::from(FIX_ALL);
    if wanted(&fix_all_kind) && doc.kind == Kind::Markup {
        if let Ok(config) = &analysed.config {
            let fixed = fix_all(
                doc.text(),
                analysed.diagnostics.clone(),
                Applicability::Safe,
                |text| lint_source(text, config),
            );
            if fixed.changed() {
                actions.push(CodeAction {
                    title: format!("Apply the {} safe uihook fixes", fixed.applied),
                    kind: Some(fix_all_kind),
                    edit: Some(edit(doc, vec![TextEdit::new(doc.whole(), fixed.text)])),
                    ..Default::default()
                });
            }
        }
    }
    actions
        .into_iter()
        .map(CodeActionOrCommand::CodeAction)
        .collect()
}

/// A title and the insertions (byte offset, text) of an action.
type Insertions = (String, Vec<(usize, String)>);

/// For each diagnostic, the comment that disables its rule where it is.
///
/// In markup, a `{/* uihook-disable-next-line CODE */}` line goes before
/// the diagnostic's line when that line starts between elements (a comment
/// container is a child node); when it starts inside a tag, a
/// `uihook-disable`/`uihook-enable` pair goes around that tag instead. In a
/// JS/TS template, comments are JS comments, which cannot go inside the
/// template: a `/* uihook-disable CODE */` … `/* uihook-enable CODE */`
/// pair goes around the template. Syntax errors and unused suppressions
/// get none. Where each line starts is read once for all diagnostics, so
/// the work is linear in the text and the diagnostics.
fn disables<'d>(
    doc: &Document,
    analysed: &Analysed,
    diagnostics: impl Iterator<Item = &'d Diagnostic<Span>>,
) -> Vec<Option<Insertions>> {
    let text = doc.text();
    let wanted: Vec<Option<(RuleId, usize)>> = diagnostics
        .map(|d| {
            let skip = d.code == RuleId::UnusedSuppression || d.code.is_syntax();
            (!skip).then(|| (d.code, d.span().start.min(text.len())))
        })
        .collect();
    if doc.kind == Kind::Script {
        return wanted
            .into_iter()
            .map(|w| {
                let (code, at) = w?;
                let i = analysed
                    .templates
                    .partition_point(|t| t.start <= at)
                    .checked_sub(1)?;
                let template = analysed.templates.get(i).filter(|t| at <= t.end)?;
                Some((
                    format!("Disable `{}` for this template", code.as_str()),
                    vec![
                        (
                            template.start,
                            format!("/* uihook-disable {} */ ", code.as_str()),
                        ),
                        (
                            template.end,
                            format!(" /* uihook-enable {} */", code.as_str()),
                        ),
                    ],
                ))
            })
            .collect();
    }
    let line_starts: Vec<usize> = wanted
        .iter()
        .map(|w| w.map_or(0, |(_, at)| doc.line_start(at)))
        .collect();
    let placements = context::placements(text, &line_starts);
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut indents: HashMap<usize, &str> = HashMap::new();
    let mut tag_ends: HashMap<usize, Option<usize>> = HashMap::new();
    wanted
        .into_iter()
        .zip(line_starts)
        .zip(placements)
        .map(|((w, line_start), placement)| {
            let (code, _) = w?;
            let code = code.as_str();
            match placement? {
                Ok(()) => {
                    let indent = *indents.entry(line_start).or_insert_with(|| {
                        let rest = &text[line_start..];
                        &rest[..rest.len() - rest.trim_start_matches([' ', '\t']).len()]
                    });
                    Some((
                        format!("Disable `{code}` for this line"),
                        vec![(
                            line_start,
                            format!("{indent}{{/* uihook-disable-next-line {code} */}}{newline}"),
                        )],
                    ))
                }
                Err(open) => {
                    let close = (*tag_ends.entry(open).or_insert_with(|| tag_end(text, open)))?;
                    Some((
                        format!("Disable `{code}` for this tag"),
                        vec![
                            (open, format!("{{/* uihook-disable {code} */}}")),
                            (close, format!("{{/* uihook-enable {code} */}}")),
                        ],
                    ))
                }
            }
        })
        .collect()
}

/// The offset just after the `>` that ends the tag starting at `open`,
/// skipping quoted values and braces.
fn tag_end(text: &str, open: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut quote, mut depth) = (None, 0usize);
    for (i, &b) in bytes.iter().enumerate().skip(open + 1) {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if depth == 0 => quote = Some(b),
            (None, b'{') => depth += 1,
            (None, b'}') => depth = depth.saturating_sub(1),
            (None, b'>') if depth == 0 => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// The canonical form of a markup document as one edit (none when it is
/// already canonical), or why it is not formatted.
pub fn format(doc: &Document) -> Result<Vec<TextEdit>, String> {
    if doc.kind != Kind::Markup {
        return Err(
            "uihook formats .uihook documents only; markup inside JS/TS is left to the file's own formatter"
                .to_owned(),
        );
    }
    let formatted =
        crate::fmt::format_source(doc.text()).map_err(|why| format!("not formatted: {why}"))?;
    if formatted == doc.text() {
        return Ok(Vec::new());
    }
    Ok(vec![TextEdit::new(doc.whole(), formatted)])
}
