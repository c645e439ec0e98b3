//! Fixes: the text edits that repair a diagnostic, and how sure we are.
//!
//! A fix is data on a [`crate::Diagnostic`], generic over the span
//! type like the diagnostic itself, so extraction can map a fix found in a
//! template back to its JS/TS source. Applying edits is here too, so every
//! surface that applies fixes (the CLI, the editor server, tests) shares one
//! definition of "non-overlapping".

use crate::ast::Span;
use crate::{Diagnostic, RuleId, Severity};

/// How safe a fix is to apply without a person looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Never changes what the host shows, except removing the mistake.
    Safe,
    /// A guess, such as a did-you-mean: the result may not be what the
    /// author meant.
    Unsafe,
}

impl Applicability {
    /// `"safe"` or `"unsafe"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// Replace the text at `span` with `replacement` (empty: delete it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit<S> {
    /// What to replace.
    pub span: S,
    /// What to put there.
    pub replacement: String,
}

/// One way to repair a diagnostic: edits applied together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix<S> {
    /// What the fix does, as a command: "Replace with `type=\"secondary\"`".
    pub message: String,
    /// Whether it may be applied unattended.
    pub applicability: Applicability,
    /// The edits, sorted by position and not overlapping.
    pub edits: Vec<Edit<S>>,
}

impl<S> Fix<S> {
    /// A fix of one edit.
    pub fn replace(
        applicability: Applicability,
        message: impl Into<String>,
        span: S,
        replacement: impl Into<String>,
    ) -> Fix<S> {
        Fix {
            message: message.into(),
            applicability,
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
        }
    }

    /// The same fix with every span converted; `None` when a span has no
    /// counterpart (extraction cannot map an edit that straddles a `${…}`).
    pub fn try_map_spans<T>(self, mut f: impl FnMut(S) -> Option<T>) -> Option<Fix<T>> {
        let edits = self
            .edits
            .into_iter()
            .map(|e| {
                Some(Edit {
                    span: f(e.span)?,
                    replacement: e.replacement,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Fix {
            message: self.message,
            applicability: self.applicability,
            edits,
        })
    }
}

/// Applies `edits` to `source`. Edits may come in any order; `None` when two
/// overlap or one is out of range or splits a character, since there is then
/// no single right result.
pub fn apply_edits(source: &str, edits: &[&Edit<Span>]) -> Option<String> {
    let mut sorted: Vec<&Edit<Span>> = edits.to_vec();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for edit in sorted {
        if edit.span.start < at || edit.span.end < edit.span.start {
            return None;
        }
        out.push_str(source.get(at..edit.span.start)?);
        source.get(edit.span.clone())?;
        out.push_str(&edit.replacement);
        at = edit.span.end;
    }
    out.push_str(source.get(at..)?);
    Some(out)
}

/// How many times [`fix_all`] applies fixes and analyses again: a fix may
/// reveal another (a renamed component's attributes are checked only now),
/// but a chain longer than this means two fixes undo each other.
pub const MAX_ROUNDS: usize = 8;

/// Why [`fix_all`] left a text as it was although it had fixes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The text has syntax errors that the fixes do not remove: its tree is
    /// a guess, and so are fixes computed on it.
    SyntaxErrors {
        /// How many syntax errors the fixed text would still have.
        remaining: usize,
    },
    /// The fixed text would have an error the original did not have.
    NewError {
        /// The rule of the first such error.
        code: RuleId,
        /// Its message.
        message: String,
    },
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::SyntaxErrors { remaining } => write!(
                f,
                "it has {remaining} syntax error{} the fixes do not remove",
                if *remaining == 1 { "" } else { "s" }
            ),
            Refusal::NewError { code, message } => {
                write!(f, "fixing it would add an error: {code}: {message}")
            }
        }
    }
}

/// The result of [`fix_all`].
#[derive(Clone, Debug)]
pub struct Fixed {
    /// The fixed text (the original when nothing applied or when refused).
    pub text: String,
    /// The diagnostics of `text`.
    pub diagnostics: Vec<Diagnostic<Span>>,
    /// How many fixes were applied (0 when refused).
    pub applied: usize,
    /// Why the fixes were not applied, if they were not.
    pub refused: Option<Refusal>,
}

impl Fixed {
    /// Whether the text changed.
    pub fn changed(&self) -> bool {
        self.applied > 0
    }
}

/// Applies every fix of `diagnostics` at most `max` (`Safe`, or `Unsafe`
/// for both) to `source`, analyses the result with `analyze` and repeats,
/// until no fix is left or [`MAX_ROUNDS`] rounds have run. Fixes that
/// overlap one taken earlier in the same round wait for the next round.
///
/// The result is checked against the original: when the text still has a
/// syntax error ([`RuleId::is_syntax`]) after fixing, or has more errors of
/// some rule than before, nothing is applied and [`Fixed::refused`] says
/// why. Each round is one analysis, so the cost is at most `MAX_ROUNDS + 1`
/// analyses.
pub fn fix_all(
    source: &str,
    diagnostics: Vec<Diagnostic<Span>>,
    max: Applicability,
    mut analyze: impl FnMut(&str) -> Vec<Diagnostic<Span>>,
) -> Fixed {
    let mut text = source.to_owned();
    let mut current = diagnostics.clone();
    let mut applied = 0;
    for _ in 0..MAX_ROUNDS {
        let chosen = choose(&current, max);
        if chosen.is_empty() {
            break;
        }
        let edits: Vec<&Edit<Span>> = chosen.iter().flat_map(|f| &f.edits).collect();
        let Some(next) = apply_edits(&text, &edits) else {
            break;
        };
        applied += chosen.len();
        current = analyze(&next);
        text = next;
    }
    let refused = if applied == 0 {
        None
    } else {
        refusal(&diagnostics, &current)
    };
    if refused.is_some() {
        return Fixed {
            text: source.to_owned(),
            diagnostics,
            applied: 0,
            refused,
        };
    }
    Fixed {
        text,
        diagnostics: current,
        applied,
        refused,
    }
}

/// The fixes of one round: each diagnostic's first fix within `max`, in
/// position order, skipping any that touches a range already taken (it
/// waits for the next round, analysed afresh).
fn choose(diagnostics: &[Diagnostic<Span>], max: Applicability) -> Vec<&Fix<Span>> {
    let mut fixes: Vec<&Fix<Span>> = diagnostics
        .iter()
        .filter_map(|d| d.fixes.iter().find(|f| f.applicability <= max))
        .filter(|f| !f.edits.is_empty())
        .collect();
    fixes.sort_by_key(|f| f.edits.iter().map(|e| e.span.start).min());
    let mut taken = std::collections::BTreeSet::new();
    let mut chosen = Vec::new();
    for fix in fixes {
        if fix.edits.iter().any(|e| overlaps(&taken, &e.span)) {
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| (e.span.start, e.span.end)));
        chosen.push(fix);
    }
    chosen
}

/// Whether `span` overlaps one of `taken`, a set of ranges that do not
/// overlap each other (so the one starting last before `span` ends is the
/// only candidate). Two insertions at one place clash too: their order
/// would be a guess.
fn overlaps(taken: &std::collections::BTreeSet<(usize, usize)>, span: &Span) -> bool {
    let reaches_in = taken
        .range(..(span.end, 0))
        .next_back()
        .is_some_and(|&(_, end)| end > span.start);
    reaches_in || (span.is_empty() && taken.contains(&(span.start, span.start)))
}

/// Why `after` may not replace `before`, if it may not.
fn refusal(before: &[Diagnostic<Span>], after: &[Diagnostic<Span>]) -> Option<Refusal> {
    let errors = |ds: &[Diagnostic<Span>], syntax: bool| {
        let mut counts: std::collections::BTreeMap<RuleId, usize> = Default::default();
        for d in ds
            .iter()
            .filter(|d| d.severity == Severity::Error && (!syntax || d.code.is_syntax()))
        {
            *counts.entry(d.code).or_default() += 1;
        }
        counts
    };
    let syntax_before: usize = errors(before, true).values().sum();
    let syntax_after: usize = errors(after, true).values().sum();
    if syntax_before > 0 && syntax_after > 0 {
        return Some(Refusal::SyntaxErrors {
            remaining: syntax_after,
        });
    }
    let (was, now) = (errors(before, false), errors(after, false));
    for (code, count) in &now {
        if *count > was.get(code).copied().unwrap_or(0) {
            let first = after.iter().find(|d| d.code == *code)?;
            return Some(Refusal::NewError {
                code: *code,
                message: first.message.clone(),
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(span: Span, replacement: &str) -> Edit<Span> {
        Edit {
            span,
            replacement: replacement.to_owned(),
        }
    }

    #[test]
    fn edits_apply_in_position_order_and_overlaps_are_refused() {
        let a = edit(4..5, "X");
        let b = edit(0..1, "");
        assert_eq!(apply_edits("abcdef", &[&a, &b]).as_deref(), Some("bcdXf"));
        let c = edit(0..5, "");
        assert_eq!(apply_edits("abcdef", &[&a, &c]), None);
        assert_eq!(apply_edits("abc", &[&edit(2..9, "")]), None);
        assert_eq!(apply_edits("é", &[&edit(1..2, "")]), None);
        let insert = edit(3..3, "!");
        assert_eq!(apply_edits("abc", &[&insert]).as_deref(), Some("abc!"));
    }

    fn analyzed(src: &str) -> Vec<Diagnostic<Span>> {
        crate::analyze(src, &crate::Settings::default()).diagnostics
    }

    fn fixed(src: &str, max: Applicability) -> Fixed {
        fix_all(src, analyzed(src), max, analyzed)
    }

    #[test]
    fn fix_all_applies_safe_fixes_and_reanalyses() {
        let src = "<Page><Button secondary>Go</Button><Box margin-top=\"1px\">x</Box></Page>";
        let out = fixed(src, Applicability::Safe);
        assert_eq!(
            out.text,
            "<Page><Button type=\"secondary\">Go</Button><Box marginTop=\"1px\">x</Box></Page>"
        );
        assert_eq!((out.applied, out.refused), (2, None));
        assert_eq!(out.diagnostics, analyzed(&out.text));
    }

    #[test]
    fn unsafe_fixes_wait_for_permission() {
        let src = "<Page><Buton>Go</Buton></Page>";
        let safe = fixed(src, Applicability::Safe);
        assert_eq!((safe.text.as_str(), safe.applied), (src, 0));
        let all = fixed(src, Applicability::Unsafe);
        assert_eq!(all.text, "<Page><Button>Go</Button></Page>");
        assert!(!all
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error));
    }

    #[test]
    fn a_file_with_syntax_errors_the_fixes_keep_is_left_alone() {
        let src = "<Page><Button secondary>Go</Button>";
        let out = fixed(src, Applicability::Unsafe);
        assert_eq!(out.text, src);
        assert_eq!(out.applied, 0);
        assert_eq!(out.refused, Some(Refusal::SyntaxErrors { remaining: 1 }));
        assert_eq!(
            out.refused.map(|r| r.to_string()).as_deref(),
            Some("it has 1 syntax error the fixes do not remove")
        );
    }

    #[test]
    fn a_fix_that_adds_an_error_is_refused() {
        // An analysis that calls every fixed text wrong, as a broken fix would.
        let src = "<Page><Button secondary>Go</Button></Page>";
        let out = fix_all(src, analyzed(src), Applicability::Safe, |text| {
            let mut ds = analyzed(text);
            ds.push(Diagnostic::new(
                RuleId::UnknownComponent,
                "made up",
                0..1,
                "here",
            ));
            ds
        });
        assert_eq!((out.text.as_str(), out.applied), (src, 0));
        assert_eq!(
            out.refused,
            Some(Refusal::NewError {
                code: RuleId::UnknownComponent,
                message: "made up".to_owned()
            })
        );
    }

    #[test]
    fn overlapping_fixes_take_turns_and_clashing_insertions_are_refused() {
        let mut taken = std::collections::BTreeSet::new();
        taken.insert((2, 5));
        taken.insert((7, 7));
        assert!(overlaps(&taken, &(4..6)));
        assert!(overlaps(&taken, &(0..3)));
        assert!(overlaps(&taken, &(3..3)));
        assert!(overlaps(&taken, &(7..7)));
        assert!(overlaps(&taken, &(6..9)));
        assert!(!overlaps(&taken, &(5..7)));
        assert!(!overlaps(&taken, &(0..2)));
        assert!(!overlaps(&taken, &(2..2)));
        // Two fixes for one span: one round takes the first, the next round
        // finds nothing left to fix.
        let d = |replacement: &str| {
            Diagnostic::new(RuleId::UnknownComponent, "x", 0..1, "x").with_fix(Fix::replace(
                Applicability::Safe,
                "x",
                0..1,
                replacement,
            ))
        };
        let mut rounds = 0;
        let out = fix_all("a", vec![d("b"), d("c")], Applicability::Safe, |_| {
            rounds += 1;
            Vec::new()
        });
        assert_eq!((out.text.as_str(), out.applied, rounds), ("b", 1, 1));
    }
}
