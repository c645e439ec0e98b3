//! Inline suppressions in `{/* … */}` comment containers.
//!
//! - `{/* uihook-disable-next-line CODE[, CODE…] */}` suppresses those rules
//!   for diagnostics that start on the line after the comment;
//! - `{/* uihook-disable CODE */}` … `{/* uihook-enable CODE */}` suppresses
//!   them from the end of the first comment to the start of the second (or
//!   to the end of the file).
//!
//! Without a code, a directive covers every rule. Text after `--` is a
//! reason and ignored. Each directive-code pair that suppresses nothing, names
//! no rule, or enables a rule that was not disabled is reported as
//! `unused-suppression` (unless that rule, or the named one, is turned off).

use uihook_compiler::ast::{AttrValue, Element, ExprValue, Node};
use uihook_compiler::diagnostic::{Label, LineIndex};
use uihook_compiler::{Document, Span};

use crate::config::Config;
use crate::lint::Finding;
use crate::rules::{CliCode, RuleId};

const PREFIX: &str = "uihook-";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    NextLine,
    Disable,
    Enable,
}

#[derive(Debug)]
struct Directive {
    kind: Kind,
    /// The codes it names; `None` means every rule.
    codes: Vec<Option<RuleId>>,
    /// Code names that are no rule.
    unknown: Vec<String>,
    span: Span,
}

fn parse_directive(text: &str, span: Span) -> Option<Directive> {
    let body = text.trim();
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
        span,
    })
}

fn collect_nodes<'d>(nodes: &'d [Node<'_, Span>], out: &mut Vec<(&'d str, Span)>) {
    for node in nodes {
        match node {
            Node::Comment(raw) => out.push((&raw.text, raw.span.clone())),
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

fn collect_element<'d>(element: &'d Element<'_, Span>, out: &mut Vec<(&'d str, Span)>) {
    for attr in &element.attrs {
        if let AttrValue::Element(e) = &attr.value {
            collect_element(e, out);
        }
    }
    collect_nodes(&element.children, out);
}

/// One code of one directive, with the range it covers.
struct Cover {
    directive: usize,
    rule: Option<RuleId>,
    /// Byte range (for disable/enable pairs).
    range: Span,
    /// The covered line (for next-line directives).
    line: Option<usize>,
    used: bool,
}

/// Drops the findings that a directive in `document` suppresses and appends
/// an `unused-suppression` finding for every directive-code pair that did
/// nothing. `findings` must already reflect `config` (no rules that are off).
pub fn apply(
    source: &str,
    document: &Document<'_, Span>,
    findings: Vec<Finding>,
    config: &Config,
) -> Vec<Finding> {
    use std::collections::{HashMap, HashSet};

    // Cheap pre-check: most files have no directive at all.
    if !source.contains(PREFIX) {
        return findings;
    }
    let mut comments = Vec::new();
    collect_nodes(&document.nodes, &mut comments);
    let directives: Vec<Directive> = comments
        .into_iter()
        .filter_map(|(text, span)| parse_directive(text, span))
        .collect();
    if directives.is_empty() {
        return findings;
    }
    let index = LineIndex::new(source);
    let line_of = |offset: usize| index.line_col(source, offset).line;

    let mut covers: Vec<Cover> = Vec::new();
    // The open disables of each code (`None`: every rule), innermost last;
    // an enable closes the innermost one of its code.
    let mut open: HashMap<Option<RuleId>, Vec<usize>> = HashMap::new();
    let mut problems: Vec<(usize, String, Option<String>)> = Vec::new();
    for (i, d) in directives.iter().enumerate() {
        for name in &d.unknown {
            let help = RuleId::suggest(name).map(|s| format!("did you mean `{s}`?"));
            problems.push((
                i,
                format!("`{name}` is not a rule, so this suppresses nothing"),
                help,
            ));
        }
        for &rule in &d.codes {
            uihook_compiler::work::add(1);
            match d.kind {
                Kind::NextLine => covers.push(Cover {
                    directive: i,
                    rule,
                    range: 0..0,
                    line: Some(line_of(d.span.end) + 1),
                    used: false,
                }),
                Kind::Disable => {
                    open.entry(rule).or_default().push(covers.len());
                    covers.push(Cover {
                        directive: i,
                        rule,
                        range: d.span.end..source.len(),
                        line: None,
                        used: false,
                    });
                }
                Kind::Enable => {
                    if let Some(c) = open.get_mut(&rule).and_then(Vec::pop) {
                        covers[c].range.end = d.span.start;
                    } else {
                        let what = rule.map_or("every rule".to_owned(), |r| format!("`{r}`"));
                        problems.push((
                            i,
                            format!("this enables {what}, which no `uihook-disable` turned off"),
                            Some("remove the comment".to_owned()),
                        ));
                    }
                }
            }
        }
    }

    // A finding is suppressed by every cover that hits it, and a cover is
    // used when some finding hits it. Both questions are answered through
    // indexes (lines, merged ranges, sorted starts, each per code) rather
    // than by pairing every finding with every cover.
    let lines: Vec<usize> = findings.iter().map(|f| line_of(f.span().start)).collect();
    let mut covered_lines: HashSet<(Option<RuleId>, usize)> = HashSet::new();
    let mut ranges: HashMap<Option<RuleId>, Vec<Span>> = HashMap::new();
    for cover in &covers {
        match cover.line {
            Some(line) => {
                covered_lines.insert((cover.rule, line));
            }
            None if !cover.range.is_empty() => {
                ranges
                    .entry(cover.rule)
                    .or_default()
                    .push(cover.range.clone());
            }
            None => {}
        }
    }
    // Overlapping ranges merge, so one binary search answers for each code.
    for list in ranges.values_mut() {
        list.sort_by_key(|r| r.start);
        let mut merged: Vec<Span> = Vec::with_capacity(list.len());
        for r in list.drain(..) {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        *list = merged;
    }
    let in_ranges = |rule: Option<RuleId>, offset: usize| {
        ranges.get(&rule).is_some_and(|list| {
            let i = list.partition_point(|r| r.end <= offset);
            list.get(i).is_some_and(|r| r.contains(&offset))
        })
    };
    // Where findings start, for all rules (`None`) and for each one.
    let mut found_lines: HashSet<(Option<RuleId>, usize)> = HashSet::new();
    let mut starts: HashMap<Option<RuleId>, Vec<usize>> = HashMap::new();
    for (finding, &line) in findings.iter().zip(&lines) {
        for rule in [None, Some(finding.rule)] {
            found_lines.insert((rule, line));
            starts.entry(rule).or_default().push(finding.span().start);
        }
    }
    for list in starts.values_mut() {
        list.sort_unstable();
    }
    for cover in covers.iter_mut() {
        uihook_compiler::work::add(1);
        cover.used = match cover.line {
            Some(line) => found_lines.contains(&(cover.rule, line)),
            None => starts.get(&cover.rule).is_some_and(|list| {
                let i = list.partition_point(|&s| s < cover.range.start);
                list.get(i).is_some_and(|s| cover.range.contains(s))
            }),
        };
    }

    let mut kept = Vec::with_capacity(findings.len());
    for (finding, line) in findings.into_iter().zip(lines) {
        uihook_compiler::work::add(1);
        let start = finding.span().start;
        let suppressed = [None, Some(finding.rule)]
            .into_iter()
            .any(|rule| covered_lines.contains(&(rule, line)) || in_ranges(rule, start));
        if !suppressed {
            kept.push(finding);
        }
    }

    let unused = RuleId::Cli(CliCode::UnusedSuppression);
    let Some(severity) = config.severity(unused) else {
        return kept;
    };
    for cover in &covers {
        if cover.used || cover.rule.is_some_and(|r| config.is_off(r)) {
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
    for (i, message, help) in problems {
        kept.push(Finding {
            rule: unused,
            severity,
            message,
            labels: vec![Label {
                span: directives[i].span.clone(),
                message: "unused suppression".to_owned(),
            }],
            help,
        });
    }
    kept.sort_by_key(|f| (f.span().start, f.span().end));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_directives() {
        let d = parse_directive(
            "/* uihook-disable-next-line fragment, html-comment -- legacy */",
            0..1,
        );
        let d = d.map(|d| (d.kind, d.codes.len(), d.unknown));
        assert_eq!(d, Some((Kind::NextLine, 2, vec![])));
        let d = parse_directive("/*uihook-disable*/", 0..1).map(|d| (d.kind, d.codes));
        assert_eq!(d, Some((Kind::Disable, vec![None])));
        assert!(parse_directive("/* just a comment */", 0..1).is_none());
        assert!(parse_directive("/* uihook-frobnicate x */", 0..1).is_none());
    }
}
