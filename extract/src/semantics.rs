//! What the authoring style adds on top of the markup rules: how the
//! reference htm renderer and plain string building change what reaches the
//! page (catalog §B.4, §D.2, §D.6).

use uihook_compiler::diagnostic::Label;
use uihook_compiler::Span;

use crate::js::{ExprKind, Style};
use crate::placeholder::{Built, Position};
use crate::rules::ExtractCode;
use crate::{Finding, Rule};

fn finding(code: ExtractCode, span: Span, message: String, label: &str, help: &str) -> Finding {
    Finding {
        rule: Rule::Extract(code),
        severity: code.default_severity(),
        message,
        labels: vec![Label {
            span,
            message: label.to_owned(),
        }],
        help: Some(help.to_owned()),
    }
}

/// The character an entity stands for, for the help line.
fn decoded(entity: &str) -> Option<char> {
    let name = entity.strip_prefix('&')?.strip_suffix(';')?;
    match name.strip_prefix('#') {
        Some(num) => match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse().ok(),
        }
        .and_then(char::from_u32),
        None => uihook_compiler::entity::named_entity(name),
    }
}

/// The style findings of one template.
pub fn check(style: Style, built: &Built) -> Vec<Finding> {
    let mut out = Vec::new();
    for (span, entity) in &built.entities {
        let help = match decoded(entity) {
            Some(c) if !c.is_whitespace() || c == ' ' => {
                format!("write the character itself: `{c}`")
            }
            Some(c) => format!(
                "write the character itself (U+{:04X}), or `${{'\\u{{{:x}}}'}}`",
                u32::from(c),
                u32::from(c)
            ),
            None => "write the character itself".to_owned(),
        };
        out.push(finding(
            ExtractCode::HtmEntity,
            span.clone(),
            format!("`{entity}` is shown literally: htm does not decode entities"),
            "shown as written",
            &help,
        ));
    }
    for (span, written, open) in &built.mismatches {
        out.push(Finding {
            rule: Rule::Core(uihook_compiler::Code::MismatchedCloseTag),
            // htm closes the current element whatever the name says, so the
            // page renders; the name is only misleading.
            severity: uihook_compiler::Severity::Warning,
            message: format!(
                "`</{written}>` closes `<{open}>`: htm ignores the name in a close tag"
            ),
            labels: vec![Label {
                span: span.clone(),
                message: format!("closes `<{open}>`"),
            }],
            help: Some(format!("write `</{open}>`")),
        });
    }
    for slot in &built.slots {
        let span = slot.source.clone();
        match (slot.position, slot.kind) {
            (Position::TagName, _) => out.push(finding(
                ExtractCode::DynamicMarkupSkipped,
                span,
                "the tag name is chosen at run time, so this element is not checked (its children are)".to_owned(),
                "tag name",
                "check the component it names on its own",
            )),
            (Position::WholeAttr, _) => out.push(finding(
                ExtractCode::DynamicMarkupSkipped,
                span,
                "an attribute written at run time is not checked".to_owned(),
                "whole attribute",
                match style {
                    Style::Htm => "write `name=${value}` and let htm add or leave out the attribute",
                    Style::Plain => "write the attribute with a fixed name and an interpolated value",
                },
            )),
            (Position::Spread, _) => out.push(finding(
                ExtractCode::DynamicMarkupSkipped,
                span,
                "the attributes of a spread are not checked".to_owned(),
                "spread",
                "list the attributes; the renderer does not escape spread keys",
            )),
            (Position::Child, ExprKind::FalsyAnd) => out.push(finding(
                ExtractCode::PrintedFalsyValue,
                span,
                "when the condition is false this prints `false` (or `null`, `undefined`, `0`) on the page".to_owned(),
                "prints the falsy value",
                match style {
                    Style::Htm => "write `${cond ? htm`…` : ''}`",
                    Style::Plain => "write `${cond ? `…` : ''}`",
                },
            )),
            (Position::Child, ExprKind::MarkupString) if style == Style::Htm => {
                out.push(finding(
                    ExtractCode::MarkupStringInHtm,
                    span,
                    "this plain string of markup is escaped by htm, so the page shows its tags as text"
                        .to_owned(),
                    "a string, not an htm template",
                    "tag the inner template too: write htm`…` instead of `…`",
                ))
            }
            (Position::Child, ExprKind::NullBranch) => out.push(finding(
                ExtractCode::PrintedFalsyValue,
                span,
                "the `null`/`undefined`/`false` branch prints that word on the page".to_owned(),
                "prints a word",
                "use `''` for the branch that shows nothing",
            )),
            // At the top level of a plain template a value is how pieces of
            // markup are put together (`${header}${rows}`), not text.
            (Position::Child, ExprKind::Value) if slot.depth == 0 => {}
            (Position::Child | Position::AttrValue, ExprKind::Value) if style == Style::Plain => {
                let (label, help) = if slot.position == Position::Child {
                    (
                        "inserted as markup",
                        "escape the value (`&`, `<`, `>`, `{`, `}` as entities), or build the markup with htm",
                    )
                } else {
                    (
                        "inserted into the attribute as is",
                        "escape the value (`&` and `\"` as `&amp;` and `&quot;`), or build the markup with htm",
                    )
                };
                out.push(finding(
                    ExtractCode::UnescapedInterpolation,
                    span,
                    "this value is not escaped: a `<`, `{` or `\"` in it breaks or injects markup"
                        .to_owned(),
                    label,
                    help,
                ));
            }
            _ => {}
        }
    }
    out
}
