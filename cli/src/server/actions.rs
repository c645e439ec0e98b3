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
        for (d, shown) in analysed.diagnostics.iter().zip(&lsp) {
            if !touches(d, span) {
                continue;
            }
            for (i, fix) in d.fixes.iter().enumerate() {
                let offsets: Vec<usize> = fix
                    .edits
                    .iter()
                    .flat_map(|e| [e.span.start, e.span.end])
                    .collect();
                let positions = doc.positions(&offsets);
                let edits = fix
                    .edits
                    .iter()
                    .zip(positions.chunks(2))
                    .map(|(e, p)| {
                        TextEdit::new(lsp_types::Range::new(p[0], p[1]), e.replacement.clone())
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
            if let Some((title, edits)) = disable(doc, analysed, d) {
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

/// The edits that add a comment disabling `d`'s rule where it is.
///
/// In markup, a `{/* uihook-disable-next-line CODE */}` line goes before
/// the diagnostic's line when that line starts between elements (a comment
/// container is a child node); when it starts inside a tag, a
/// `uihook-disable`/`uihook-enable` pair goes around that tag instead. In a
/// JS/TS template, comments are JS comments, which cannot go inside the
/// template: a `/* uihook-disable CODE */` … `/* uihook-enable CODE */`
/// pair goes around the template.
fn disable(
    doc: &Document,
    analysed: &Analysed,
    d: &Diagnostic<Span>,
) -> Option<(String, Vec<TextEdit>)> {
    let code = d.code;
    if matches!(code, RuleId::UnusedSuppression) || code.is_syntax() {
        return None;
    }
    let text = doc.text();
    let at = d.span().start.min(text.len());
    let insert = |offset: usize, new: String| {
        let p = doc.positions(&[offset])[0];
        TextEdit::new(lsp_types::Range::new(p, p), new)
    };
    match doc.kind {
        Kind::Script => {
            let i = analysed
                .templates
                .partition_point(|t| t.start <= at)
                .checked_sub(1)?;
            let template = analysed.templates.get(i).filter(|t| at <= t.end)?;
            Some((
                format!("Disable `{}` for this template", code.as_str()),
                vec![
                    insert(
                        template.start,
                        format!("/* uihook-disable {} */ ", code.as_str()),
                    ),
                    insert(
                        template.end,
                        format!(" /* uihook-enable {} */", code.as_str()),
                    ),
                ],
            ))
        }
        Kind::Markup => {
            let line_start = text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
            let indent: String = text[line_start..]
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect();
            let open = match context::placement(text, line_start)? {
                Ok(()) => {
                    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
                    return Some((
                        format!("Disable `{}` for this line", code.as_str()),
                        vec![insert(
                            line_start,
                            format!(
                                "{indent}{{/* uihook-disable-next-line {} */}}{newline}",
                                code.as_str()
                            ),
                        )],
                    ));
                }
                Err(open) => open,
            };
            // The line starts inside a tag: around the whole tag.
            let close = tag_end(text, open)?;
            Some((
                format!("Disable `{}` for this tag", code.as_str()),
                vec![
                    insert(open, format!("{{/* uihook-disable {} */}}", code.as_str())),
                    insert(close, format!("{{/* uihook-enable {} */}}", code.as_str())),
                ],
            ))
        }
    }
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
