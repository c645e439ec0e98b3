//! What the authoring style adds on top of the markup rules: how the
//! reference htm renderer and plain string building change what reaches the
//! page (catalog §B.4, §D.2, §D.6).

use uihook_compiler::{Applicability, Diagnostic, Fix, RuleId, Severity, Span};

use crate::js::{ExprKind, Style};
use crate::placeholder::{Built, Position};

fn finding(code: RuleId, span: Span, message: String, label: &str, help: &str) -> Diagnostic<Span> {
    Diagnostic::new(code, message, span, label).with_help(help)
}

/// The fix of an entity in an htm template: the character itself where it
/// means the same in the template, else a `${"…"}` interpolation, which htm
/// escapes (a `<` or `"` written as itself would open a tag or end a value).
fn entity_fix(span: Span, c: char) -> Fix<Span> {
    let special_space = c.is_control() || (c.is_whitespace() && c != ' ');
    let plain = !special_space
        && !matches!(
            c,
            '<' | '>' | '&' | '"' | '\'' | '`' | '$' | '\\' | '{' | '}'
        );
    if plain {
        Fix::replace(
            Applicability::Safe,
            format!("Replace with `{c}`"),
            span,
            c.to_string(),
        )
    } else {
        let js = match c {
            '"' => "'\"'".to_owned(),
            '\\' => "\"\\\\\"".to_owned(),
            c if c.is_control() || c.is_whitespace() => format!("\"\\u{{{:x}}}\"", u32::from(c)),
            c => format!("\"{c}\""),
        };
        Fix::replace(
            Applicability::Safe,
            format!("Replace with `${{{js}}}`"),
            span,
            format!("${{{js}}}"),
        )
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
pub fn check(style: Style, built: &Built) -> Vec<Diagnostic<Span>> {
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
        let mut d = finding(
            RuleId::HtmEntity,
            span.clone(),
            format!("`{entity}` is shown literally: htm does not decode entities"),
            "shown as written",
            &help,
        );
        if let Some(c) = decoded(entity) {
            d = d.with_fix(entity_fix(span.clone(), c));
        }
        out.push(d);
    }
    for (span, written, open) in &built.mismatches {
        let mut d = Diagnostic::new(
            RuleId::MismatchedCloseTag,
            format!("`</{written}>` closes `<{open}>`: htm ignores the name in a close tag"),
            span.clone(),
            format!("closes `<{open}>`"),
        )
        .with_help(format!("write `</{open}>`"));
        // htm closes the current element whatever the name says, so the
        // page renders; the name is only misleading.
        d.severity = Severity::Warning;
        out.push(d);
    }
    for slot in &built.slots {
        let span = slot.source.clone();
        match (slot.position, slot.kind) {
            (Position::TagName, _) => out.push(finding(
                RuleId::DynamicMarkupSkipped,
                span,
                "the tag name is chosen at run time, so this element is not checked (its children are)".to_owned(),
                "tag name",
                "check the component it names on its own",
            )),
            (Position::WholeAttr, _) => out.push(finding(
                RuleId::DynamicMarkupSkipped,
                span,
                "an attribute written at run time is not checked".to_owned(),
                "whole attribute",
                match style {
                    Style::Htm => "write `name=${value}` and let htm add or leave out the attribute",
                    Style::Plain => "write the attribute with a fixed name and an interpolated value",
                },
            )),
            (Position::Spread, _) => out.push(finding(
                RuleId::DynamicMarkupSkipped,
                span,
                "the attributes of a spread are not checked".to_owned(),
                "spread",
                "list the attributes; the renderer does not escape spread keys",
            )),
            (Position::Child, ExprKind::FalsyAnd) => out.push(finding(
                RuleId::PrintedFalsyValue,
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
                    RuleId::MarkupStringInHtm,
                    span,
                    "this plain string of markup is escaped by htm, so the page shows its tags as text"
                        .to_owned(),
                    "a string, not an htm template",
                    "tag the inner template too: write htm`…` instead of `…`",
                ))
            }
            (Position::Child, ExprKind::NullBranch) => out.push(finding(
                RuleId::PrintedFalsyValue,
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
                    RuleId::UnescapedInterpolation,
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
