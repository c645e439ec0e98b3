//! Inline suppression in `uihook!`: `#![allow(code, …)]` at the start of an
//! invocation, the macro's spelling of the markup's
//! `{/* uihook-disable code */}` (a `{/* … */}` is not Rust, and Rust
//! comments never reach a macro).
//!
//! Codes are the rule codes, with `_` or `-` (`legacy_attribute` reads like
//! a Rust lint, `legacy-attribute` like the CLI). An allow covers the body it
//! starts: a whole invocation, or a nested `uihook!` inlined into its parent
//! (a list item, an element-valued attribute). As in the CLI, a code that
//! suppresses nothing, or names no rule, is reported as
//! `unused-suppression`, unless that rule, or the named one, is turned off.
//!
//! Each diagnostic is checked against the allows by code (a map), so the
//! work is linear in diagnostics plus allows.

use std::collections::HashMap;

use proc_macro2::{Delimiter, LineColumn, Span, TokenStream, TokenTree};
use uihook_compiler::{Diagnostic, RuleId, Settings};

/// One allowed code.
pub struct Allow {
    /// The rule, or `None` when the name is no rule.
    rule: Option<RuleId>,
    /// The name as written.
    name: String,
    /// Where the name is.
    span: Span,
    /// The body it covers, from its first to its last position; `None`: the
    /// whole invocation (or positions unknown).
    scope: Option<(LineColumn, LineColumn)>,
}

/// Takes the leading `#![…]` attributes off `stream`, recording the allows
/// in `out` and anything else as an error; returns the rest.
pub fn strip(
    stream: TokenStream,
    scope: Option<(LineColumn, LineColumn)>,
    out: &mut Vec<Allow>,
    errors: &mut Vec<syn::Error>,
) -> TokenStream {
    let mut tokens: Vec<TokenTree> = stream.into_iter().collect();
    let mut at = 0;
    while let [TokenTree::Punct(hash), TokenTree::Punct(bang), TokenTree::Group(g), ..] =
        &tokens[at..]
    {
        if hash.as_char() != '#' || bang.as_char() != '!' || g.delimiter() != Delimiter::Bracket {
            break;
        }
        attribute(g.stream(), g.span(), scope, out, errors);
        at += 3;
    }
    tokens.drain(..at);
    tokens.into_iter().collect()
}

const USAGE: &str =
    "write `#![allow(code, …)]` with uihook rule codes, such as `#![allow(legacy_attribute)]`";

/// One `#![…]`: `allow(code, …)`.
fn attribute(
    stream: TokenStream,
    span: Span,
    scope: Option<(LineColumn, LineColumn)>,
    out: &mut Vec<Allow>,
    errors: &mut Vec<syn::Error>,
) {
    let mut it = stream.into_iter();
    let (Some(TokenTree::Ident(word)), Some(TokenTree::Group(list)), None) =
        (it.next(), it.next(), it.next())
    else {
        errors.push(syn::Error::new(
            span,
            format!("`uihook!` takes only `allow` attributes\n  = help: {USAGE}"),
        ));
        return;
    };
    if word != "allow" || list.delimiter() != Delimiter::Parenthesis {
        errors.push(syn::Error::new(
            word.span(),
            format!("`uihook!` takes only `allow` attributes, not `{word}`\n  = help: {USAGE}"),
        ));
        return;
    }
    if list.stream().is_empty() {
        errors.push(syn::Error::new(
            list.span(),
            format!("`allow()` names no rule\n  = help: {USAGE}"),
        ));
        return;
    }
    // Names are identifiers joined by `-`, separated by commas.
    let mut name = String::new();
    let mut name_span: Option<Span> = None;
    let mut finish = |name: &mut String, name_span: &mut Option<Span>| {
        if let Some(span) = name_span.take() {
            let code = name.replace('_', "-");
            out.push(Allow {
                rule: RuleId::from_name(&code),
                name: std::mem::take(name),
                span,
                scope,
            });
        }
    };
    for tt in list.stream() {
        match &tt {
            TokenTree::Ident(i) => {
                name.push_str(&i.to_string());
                name_span.get_or_insert(i.span());
            }
            TokenTree::Punct(p) if p.as_char() == '-' && name_span.is_some() => name.push('-'),
            TokenTree::Punct(p) if p.as_char() == ',' => finish(&mut name, &mut name_span),
            other => {
                errors.push(syn::Error::new(
                    other.span(),
                    format!("expected a rule code in `allow(…)`\n  = help: {USAGE}"),
                ));
                return;
            }
        }
    }
    finish(&mut name, &mut name_span);
}

/// The positions a nested body covers, from its delimiters.
pub fn scope_of(open: Span, close: Span) -> Option<(LineColumn, LineColumn)> {
    let (start, end) = (open.start(), close.end());
    (start.line != 0 && end.line != 0).then_some((start, end))
}

fn within(scope: Option<(LineColumn, LineColumn)>, at: LineColumn) -> bool {
    match scope {
        None => true,
        Some((start, end)) => at.line == 0 || (start <= at && at < end),
    }
}

/// Drops the diagnostics an allow covers and reports each allow that covered
/// nothing as `unused-suppression` (under `settings`).
pub fn apply(
    diagnostics: Vec<Diagnostic<Span>>,
    allows: &[Allow],
    settings: &Settings,
) -> Vec<Diagnostic<Span>> {
    if allows.is_empty() {
        return diagnostics;
    }
    let mut by_rule: HashMap<RuleId, Vec<usize>> = HashMap::new();
    for (i, a) in allows.iter().enumerate() {
        if let Some(rule) = a.rule {
            by_rule.entry(rule).or_default().push(i);
        }
    }
    let mut used = vec![false; allows.len()];
    let mut kept = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        let at = d.span().start();
        let covering = by_rule
            .get(&d.code)
            .and_then(|list| list.iter().find(|&&i| within(allows[i].scope, at)));
        match covering {
            Some(&i) => used[i] = true,
            None => kept.push(d),
        }
    }
    let unused = RuleId::UnusedSuppression;
    for (a, used) in allows.iter().zip(used) {
        if used || a.rule.is_some_and(|r| settings.is_off(r)) {
            continue;
        }
        let d = match a.rule {
            Some(rule) => Diagnostic::new(
                unused,
                format!(
                    "this allows `{rule}`, but the markup has no `{rule}` diagnostic to suppress"
                ),
                a.span,
                "unused suppression",
            )
            .with_help("remove the code from `allow(…)`"),
            None => {
                let help = RuleId::suggest(&a.name.replace('_', "-")).map_or_else(
                    || "remove it; `uihook rules` lists every code".to_owned(),
                    |s| format!("did you mean `{}`?", s.replace('-', "_")),
                );
                Diagnostic::new(
                    unused,
                    format!(
                        "`{}` is not a uihook rule, so this suppresses nothing",
                        a.name
                    ),
                    a.span,
                    "unknown rule",
                )
                .with_help(help)
            }
        };
        kept.extend(settings.apply(d));
    }
    kept
}
