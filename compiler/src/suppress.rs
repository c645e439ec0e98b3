//! Inline suppressions, in `{/* … */}` comment containers of markup and in
//! `//` or `/* */` comments of JS/TS sources.
//!
//! - `uihook-disable-next-line CODE[, CODE…]` suppresses those rules for
//!   diagnostics that start on the line after the comment;
//! - `uihook-disable CODE` … `uihook-enable CODE` suppresses them from the
//!   end of the first comment to the start of the second (or to the end of
//!   the file).
//!
//! Without a code, a directive covers every rule. Text after `--` is a
//! reason and ignored. Each directive-code pair that suppresses nothing, names
//! no rule, or enables a rule that was not disabled is reported as
//! `unused-suppression` (unless that rule, or the named one, is turned off),
//! with a fix that deletes it.
//!
//! The work is linear in diagnostics and directives (with a log factor for
//! the lookups): diagnostics are indexed by line and by rule once, so a file
//! with thousands of both never compares every pair.

use std::collections::{HashMap, HashSet};

use crate::ast::{AttrValue, Element, ExprValue, Node};
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::fix::{Applicability, Fix};
use crate::rules::RuleId;
use crate::settings::Settings;
use crate::work;
use crate::{Document, Span};

const PREFIX: &str = "uihook-";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    NextLine,
    Disable,
    Enable,
}

/// A comment that may hold a directive: its whole text (with `/* */` or
/// `//`) and where it is, plus what deleting it means.
#[derive(Clone, Debug)]
pub struct Comment<'t> {
    /// The comment's text, delimiters included.
    pub text: &'t str,
    /// The comment's span.
    pub span: Span,
    /// What to delete to remove the comment (for markup, the whole `{…}`
    /// container; for JS, the comment itself).
    pub removal: Span,
}

#[derive(Debug)]
struct Directive {
    kind: Kind,
    /// The codes it names; `None` means every rule.
    codes: Vec<Option<RuleId>>,
    /// Code names that are no rule.
    unknown: Vec<String>,
    span: Span,
    removal: Span,
}

fn parse_directive(comment: &Comment<'_>) -> Option<Directive> {
    let body = comment.text.trim();
    let body = body
        .strip_prefix("/*")
        .and_then(|b| b.strip_suffix("*/"))
        .or_else(|| body.strip_prefix("//"))?
        .trim();
    let rest = body.strip_prefix(PREFIX)?;
    let (word, args) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let kind = match word {
        "disable-next-line" => Kind::NextLine,
        "disable" => Kind::Disable,
        "enable" => Kind::Enable,
        _ => return None,
    };
    let args = args.split_once("--").map_or(args, |(codes, _reason)| codes);
    let mut codes = Vec::new();
    let mut unknown = Vec::new();
    for name in args
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
    {
        match RuleId::from_name(name) {
            Some(rule) => codes.push(Some(rule)),
            None => unknown.push(name.to_owned()),
        }
    }
    if codes.is_empty() && unknown.is_empty() {
        codes.push(None);
    }
    Some(Directive {
        kind,
        codes,
        unknown,
        span: comment.span.clone(),
        removal: comment.removal.clone(),
    })
}

/// Whether `source` may hold a directive at all: most files have none, and
/// then neither the comments need collecting nor the diagnostics filtering.
pub fn may_have_directives(source: &str) -> bool {
    memchr::memmem::find(source.as_bytes(), PREFIX.as_bytes()).is_some()
}

/// The `{/* … */}` comments of a markup document, in document order.
pub fn comments<'d>(document: &'d Document<'_, Span>) -> Vec<Comment<'d>> {
    let mut out = Vec::new();
    collect_nodes(&document.nodes, &mut out);
    out
}

fn collect_nodes<'d>(nodes: &'d [Node<'_, Span>], out: &mut Vec<Comment<'d>>) {
    for node in nodes {
        match node {
            // A comment node's span is the inside of its `{…}` container.
            Node::Comment(raw) => out.push(Comment {
                text: &raw.text,
                span: raw.span.clone(),
                removal: raw.span.start.saturating_sub(1)..raw.span.end + 1,
            }),
            Node::Element(e) => collect_element(e, out),
            Node::Expr(expr) => {
                if let ExprValue::Element(e) = &expr.value {
                    collect_element(e, out);
                }
            }
            Node::Text(_) | Node::Dynamic(_) | Node::Error(_) => {}
        }
    }
}

fn collect_element<'d>(element: &'d Element<'_, Span>, out: &mut Vec<Comment<'d>>) {
    for attr in &element.attrs {
        if let AttrValue::Element(e) = &attr.value {
            collect_element(e, out);
        }
    }
    collect_nodes(&element.children, out);
}

/// One code of one directive, with what it covers.
struct Cover {
    directive: usize,
    rule: Option<RuleId>,
    /// Byte range (for disable/enable pairs).
    range: Span,
    /// The covered line (for next-line directives).
    line: Option<usize>,
}

/// Where the diagnostics are, indexed once so that every directive and every
/// diagnostic is looked up instead of compared with all the others.
struct Index {
    /// Sorted starts of the diagnostics of each rule.
    starts: HashMap<RuleId, Vec<usize>>,
    /// Sorted starts of all diagnostics.
    all_starts: Vec<usize>,
    /// `(line, rule)` pairs that hold a diagnostic.
    lines: HashSet<(usize, RuleId)>,
    /// Lines that hold a diagnostic.
    any_line: HashSet<usize>,
}

fn any_in(sorted: &[usize], range: &Span) -> bool {
    let i = sorted.partition_point(|&s| s < range.start);
    sorted.get(i).is_some_and(|&s| s < range.end)
}

/// Disjoint, sorted ranges covering the same offsets as `ranges`.
fn union(mut ranges: Vec<Span>) -> Vec<Span> {
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<Span> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

fn covered(union: &[Span], offset: usize) -> bool {
    let i = union.partition_point(|r| r.end <= offset);
    union.get(i).is_some_and(|r| r.start <= offset)
}

/// Drops the diagnostics that a directive among `comments` suppresses and
/// adds an `unused-suppression` diagnostic for every directive-code pair
/// that did nothing. `diagnostics` must already reflect `settings` (no rules
/// that are off); the result is sorted by position.
pub fn apply(
    source: &str,
    comments: &[Comment<'_>],
    diagnostics: Vec<Diagnostic<Span>>,
    settings: &Settings,
) -> Vec<Diagnostic<Span>> {
    if !may_have_directives(source) {
        return diagnostics;
    }
    let directives: Vec<Directive> = comments.iter().filter_map(parse_directive).collect();
    if directives.is_empty() {
        return diagnostics;
    }
    // Only lines matter here, so no column is ever counted.
    let index = LineIndex::new(source);

    let mut covers: Vec<Cover> = Vec::new();
    // Open disables by rule, innermost last.
    let mut open: HashMap<Option<RuleId>, Vec<usize>> = HashMap::new();
    let mut problems: Vec<(usize, String, Option<String>)> = Vec::new();
    for (i, d) in directives.iter().enumerate() {
        work::add(1 + d.codes.len() + d.unknown.len());
        for name in &d.unknown {
            let help = RuleId::suggest(name).map(|s| format!("did you mean `{s}`?"));
            problems.push((
                i,
                format!("`{name}` is not a rule, so this suppresses nothing"),
                help,
            ));
        }
        for &rule in &d.codes {
            match d.kind {
                Kind::NextLine => covers.push(Cover {
                    directive: i,
                    rule,
                    range: 0..0,
                    line: Some(index.line(d.span.end) + 1),
                }),
                Kind::Disable => {
                    open.entry(rule).or_default().push(covers.len());
                    covers.push(Cover {
                        directive: i,
                        rule,
                        range: d.span.end..source.len(),
                        line: None,
                    });
                }
                Kind::Enable => match open.get_mut(&rule).and_then(Vec::pop) {
                    Some(c) => covers[c].range.end = d.span.start,
                    None => {
                        let what = rule.map_or("every rule".to_owned(), |r| format!("`{r}`"));
                        problems.push((
                            i,
                            format!("this enables {what}, which no `uihook-disable` turned off"),
                            Some("remove the comment".to_owned()),
                        ));
                    }
                },
            }
        }
    }

    let mut idx = Index {
        starts: HashMap::new(),
        all_starts: Vec::with_capacity(diagnostics.len()),
        lines: HashSet::new(),
        any_line: HashSet::new(),
    };
    // Each diagnostic's line, found once for the index and the filter below.
    let lines: Vec<usize> = diagnostics
        .iter()
        .map(|d| index.line(d.span().start))
        .collect();
    for (d, &line) in diagnostics.iter().zip(&lines) {
        let start = d.span().start;
        idx.starts.entry(d.code).or_default().push(start);
        idx.all_starts.push(start);
        idx.lines.insert((line, d.code));
        idx.any_line.insert(line);
    }
    for starts in idx.starts.values_mut() {
        starts.sort_unstable();
    }
    idx.all_starts.sort_unstable();

    // What suppresses: next-line covers as (line, rule) sets, ranges as one
    // union per rule.
    let mut line_rules: HashSet<(usize, Option<RuleId>)> = HashSet::new();
    let mut ranges: HashMap<Option<RuleId>, Vec<Span>> = HashMap::new();
    for c in &covers {
        match c.line {
            Some(line) => {
                line_rules.insert((line, c.rule));
            }
            None => ranges.entry(c.rule).or_default().push(c.range.clone()),
        }
    }
    let ranges: HashMap<Option<RuleId>, Vec<Span>> =
        ranges.into_iter().map(|(k, v)| (k, union(v))).collect();
    let in_ranges =
        |rule: Option<RuleId>, offset: usize| ranges.get(&rule).is_some_and(|u| covered(u, offset));

    let mut kept: Vec<Diagnostic<Span>> = Vec::with_capacity(diagnostics.len());
    for (d, line) in diagnostics.into_iter().zip(lines) {
        work::add(1);
        let start = d.span().start;
        let suppressed = line_rules.contains(&(line, Some(d.code)))
            || line_rules.contains(&(line, None))
            || in_ranges(Some(d.code), start)
            || in_ranges(None, start);
        if !suppressed {
            kept.push(d);
        }
    }

    let unused = RuleId::UnusedSuppression;
    let Some(severity) = settings.severity(unused) else {
        return kept;
    };
    for cover in &covers {
        work::add(1);
        let used = match (cover.line, cover.rule) {
            (Some(line), Some(rule)) => idx.lines.contains(&(line, rule)),
            (Some(line), None) => idx.any_line.contains(&line),
            (None, Some(rule)) => idx
                .starts
                .get(&rule)
                .is_some_and(|s| any_in(s, &cover.range)),
            (None, None) => any_in(&idx.all_starts, &cover.range),
        };
        if used || cover.rule.is_some_and(|r| settings.is_off(r)) {
            continue;
        }
        let what = cover
            .rule
            .map_or("any rule".to_owned(), |r| format!("`{r}`"));
        problems.push((
            cover.directive,
            format!("this suppression found no {what} diagnostic to suppress"),
            Some("remove the comment, or the code it no longer needs".to_owned()),
        ));
    }
    problems.sort_by_key(|(i, _, _)| *i);
    // A directive whose every code is unused goes as a whole; one with some
    // codes still needed keeps its comment (fixing the list is left to the
    // author, since the reason after `--` may name the codes).
    let mut problems_of: HashMap<usize, usize> = HashMap::new();
    for (i, _, _) in &problems {
        *problems_of.entry(*i).or_default() += 1;
    }
    for (i, message, help) in problems {
        let d = &directives[i];
        let whole = problems_of.get(&i).copied().unwrap_or(0) >= d.codes.len() + d.unknown.len();
        let mut diagnostic = Diagnostic::new(unused, message, d.span.clone(), "unused suppression");
        diagnostic.severity = severity;
        diagnostic.help = help;
        if whole {
            diagnostic = diagnostic.with_fix(Fix::replace(
                Applicability::Safe,
                "Remove the unused suppression comment",
                own_line(source, d.removal.clone()),
                "",
            ));
        }
        kept.push(diagnostic);
    }
    crate::diagnostic::sort(&mut kept);
    kept
}

/// `span` widened to its whole line, newline included, when nothing but
/// blanks shares the line with it: removing a comment that stood alone
/// should not leave an empty, indented line behind. Each scan stops at the
/// first character that is not a blank, so the cost is the blanks around.
fn own_line(source: &str, span: Span) -> Span {
    let blank = |c: char| c == ' ' || c == '\t';
    let (Some(before), Some(after)) = (source.get(..span.start), source.get(span.end..)) else {
        return span;
    };
    let lead = before.len() - before.trim_end_matches(blank).len();
    let start = span.start - lead;
    if start != 0 && !source[..start].ends_with('\n') {
        return span;
    }
    let trail = after.len() - after.trim_start_matches(blank).len();
    let rest = &after[trail..];
    let newline = if rest.starts_with("\r\n") {
        2
    } else if rest.starts_with('\n') {
        1
    } else if rest.is_empty() {
        0
    } else {
        return span;
    };
    start..span.end + trail + newline
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directive(text: &str) -> Option<Directive> {
        parse_directive(&Comment {
            text,
            span: 0..1,
            removal: 0..1,
        })
    }

    #[test]
    fn parses_directives() {
        let d = directive("/* uihook-disable-next-line fragment, html-comment -- legacy */");
        let d = d.map(|d| (d.kind, d.codes.len(), d.unknown));
        assert_eq!(d, Some((Kind::NextLine, 2, vec![])));
        let d = directive("/*uihook-disable*/").map(|d| (d.kind, d.codes));
        assert_eq!(d, Some((Kind::Disable, vec![None])));
        let d = directive("// uihook-disable-next-line htm-entity").map(|d| d.codes);
        assert_eq!(d, Some(vec![Some(RuleId::HtmEntity)]));
        assert!(directive("/* just a comment */").is_none());
        assert!(directive("/* uihook-frobnicate x */").is_none());
    }
}
