//! Fixes: the text edits that repair a diagnostic, and how sure we are.
//!
//! A fix is data on a [`Diagnostic`](crate::Diagnostic), generic over the span
//! type like the diagnostic itself, so extraction can map a fix found in a
//! template back to its JS/TS source. Applying edits is here too, so every
//! surface that applies fixes (the CLI, the editor server, tests) shares one
//! definition of "non-overlapping".

use crate::ast::Span;

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
}
