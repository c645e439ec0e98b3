//! Diagnostics as plain data, and their one conversion to miette.
//!
//! A [`Diagnostic`] is generic over its span type so that the string parser
//! (byte ranges), extraction (source ranges) and the `uihook!` macro (token
//! spans) share every rule. It is the only diagnostic type: every surface
//! (lint, preview, `uihook dev`, extraction, the macro) reads it. Line and
//! column numbers are computed only when rendering, through indexes built
//! once per source ([`LineIndex`], and the report's
//! [`Source`](crate::report::Source)) so that each diagnostic costs the
//! same however far into the file it is.

use std::fmt;

use miette::{LabeledSpan, MietteDiagnostic, SourceSpan};

use crate::ast::Span;
use crate::fix::Fix;
use crate::rules::RuleId;
use crate::work;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; never fails a build.
    Info,
    /// Probably a mistake; the host would still render the page.
    Warning,
    /// The host would reject or mis-render the markup.
    Error,
}

impl Severity {
    /// `"error"`, `"warning"` or `"info"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A span with a short message pointing at it.
#[derive(Clone, Debug, PartialEq)]
pub struct Label<S> {
    /// Where.
    pub span: S,
    /// What about it.
    pub message: String,
}

/// One problem found in a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic<S> {
    /// The rule that found it.
    pub code: RuleId,
    /// The rule's default severity, unless the analysis settings or the
    /// producer (extraction lowers some) changed it.
    pub severity: Severity,
    /// One sentence saying what is wrong.
    pub message: String,
    /// The primary label first, then secondary ones.
    pub labels: Vec<Label<S>>,
    /// How to fix it, when there is something useful to say.
    pub help: Option<String>,
    /// Edits that repair it, safe ones first.
    pub fixes: Vec<Fix<S>>,
}

impl<S> Diagnostic<S> {
    /// A diagnostic with the rule's default severity and a primary label.
    pub fn new(
        code: RuleId,
        message: impl Into<String>,
        span: S,
        label: impl Into<String>,
    ) -> Self {
        work::add(1);
        Diagnostic {
            code,
            severity: code.default_severity(),
            message: message.into(),
            labels: vec![Label {
                span,
                message: label.into(),
            }],
            help: None,
            fixes: Vec::new(),
        }
    }

    /// Adds a secondary label.
    #[must_use]
    pub fn with_label(mut self, span: S, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Sets the help line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a fix.
    #[must_use]
    pub fn with_fix(mut self, fix: Fix<S>) -> Self {
        self.fixes.push(fix);
        self
    }

    /// The primary span.
    pub fn span(&self) -> &S {
        &self.labels[0].span
    }

    /// The same diagnostic with every span converted: label spans by
    /// `label`, edit spans by `edit`. A fix with an edit that `edit` cannot
    /// convert (it gives `None`) is dropped, since part of a fix is no fix.
    pub fn map_spans<T>(
        self,
        mut label: impl FnMut(S) -> T,
        mut edit: impl FnMut(S) -> Option<T>,
    ) -> Diagnostic<T> {
        let fixes = self
            .fixes
            .into_iter()
            .filter_map(|fix| fix.try_map_spans(&mut edit))
            .collect();
        Diagnostic {
            code: self.code,
            severity: self.severity,
            message: self.message,
            labels: self
                .labels
                .into_iter()
                .map(|l| Label {
                    span: label(l.span),
                    message: l.message,
                })
                .collect(),
            help: self.help,
            fixes,
        }
    }
}

impl Diagnostic<Span> {
    /// The diagnostic as a miette diagnostic (without source code attached).
    pub fn to_miette(&self) -> MietteDiagnostic {
        self.to_miette_with(|span| SourceSpan::from(span.start..span.end))
    }

    /// The diagnostic as a miette diagnostic whose labels are at `place`
    /// of their spans: the report draws each from an excerpt of the source.
    pub(crate) fn to_miette_with(&self, place: impl Fn(Span) -> SourceSpan) -> MietteDiagnostic {
        let labels = self.labels.iter().enumerate().map(|(i, l)| {
            let span = place(l.span.clone());
            if i == 0 {
                LabeledSpan::new_primary_with_span(Some(l.message.clone()), span)
            } else {
                LabeledSpan::new_with_span(Some(l.message.clone()), span)
            }
        });
        let mut d = MietteDiagnostic::new(self.message.clone())
            .with_code(self.code.as_str())
            .with_severity(match self.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
                Severity::Info => miette::Severity::Advice,
            })
            .with_labels(labels);
        if let Some(help) = &self.help {
            d = d.with_help(help.clone());
        }
        d
    }
}

/// Sorts diagnostics of one source by position (start, then end); the sort
/// is stable, so diagnostics at one place keep the order they were found in.
pub fn sort(diagnostics: &mut [Diagnostic<Span>]) {
    diagnostics.sort_by_key(|d| (d.span().start, d.span().end));
}

/// Where each line of `text` starts, counting lines as miette and the
/// Language Server Protocol do: at 0 and after each `\n`, `\r\n` or lone
/// `\r`.
pub fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    starts.extend(
        memchr::memchr2_iter(b'\n', b'\r', bytes)
            .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
            .map(|i| i + 1),
    );
    starts
}

/// Line `line`'s text without its line break, as a byte range of `text`,
/// with `starts` from [`line_starts`]. The break is never more than one
/// `\n`, `\r\n` or `\r`: a second would have started another line.
pub fn line_content(text: &str, starts: &[usize], line: usize) -> std::ops::Range<usize> {
    let start = starts[line];
    let next = starts.get(line + 1).copied().unwrap_or(text.len());
    start..start + text[start..next].trim_end_matches(['\n', '\r']).len()
}

/// The nearest character boundary of `text` at or before `offset` (the end
/// of the text for an offset past it): where a byte offset from elsewhere
/// can cut the text safely.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A 1-based line and column (in characters) of a byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in Unicode scalar values.
    pub column: usize,
}

/// Maps byte offsets of one source to lines and columns.
///
/// Each look-up costs the same wherever the offset is, even on a line that
/// is the whole file: the line comes from a binary search, and the column
/// (in characters) from a count of the characters before every
/// [`LineIndex::BLOCK`]-byte block, unless the source is ASCII and columns
/// are byte distances.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `blocks[k]`: the characters in the first `k * BLOCK` bytes; `None`
    /// for an ASCII source.
    blocks: Option<Vec<usize>>,
}

impl LineIndex {
    /// The bytes a column look-up counts at most, at each end.
    pub const BLOCK: usize = 256;

    /// Indexes the line starts of `source`.
    pub fn new(source: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1));
        let blocks = (!source.is_ascii()).then(|| {
            let mut blocks = Vec::with_capacity(source.len() / Self::BLOCK + 2);
            let mut chars = 0;
            for block in source.as_bytes().chunks(Self::BLOCK) {
                blocks.push(chars);
                chars += count_chars(block);
            }
            blocks.push(chars);
            blocks
        });
        LineIndex { starts, blocks }
    }

    /// The 1-based line of `offset` (offsets past the end are on the last
    /// line), without counting its column.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }

    /// The line and column of `offset` in `source` (the text that was indexed).
    pub fn line_col(&self, source: &str, offset: usize) -> LineCol {
        let offset = offset.min(source.len());
        let line = self.line(offset) - 1;
        let start = self.starts[line];
        let column = match &self.blocks {
            // Inside a character (never for a diagnostic's span) the byte
            // distance is all there is to give.
            Some(blocks) if source.is_char_boundary(offset) => {
                let chars_before = |at: usize| {
                    let block = at / Self::BLOCK;
                    work::add(at - block * Self::BLOCK);
                    blocks[block] + count_chars(&source.as_bytes()[block * Self::BLOCK..at])
                };
                chars_before(offset) - chars_before(start)
            }
            _ => offset - start,
        } + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// The text of the 1-based `line`, as `str::lines` gives it (without
    /// its `\n` or `\r\n`); empty past the last line.
    pub fn line_text<'s>(&self, source: &'s str, line: usize) -> &'s str {
        let Some(&start) = line.checked_sub(1).and_then(|i| self.starts.get(i)) else {
            return "";
        };
        match self.starts.get(line) {
            Some(&next) => {
                let text = &source[start..next - 1];
                text.strip_suffix('\r').unwrap_or(text)
            }
            None => &source[start.min(source.len())..],
        }
    }
}

/// The first bytes of a text that are not UTF-8: where they are and what
/// they are, so that an error says more than "stream did not contain valid
/// UTF-8". Shown as `0xE9 is not UTF-8 at line 2, column 9 (byte offset
/// 15)`; readers of files add what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotUtf8 {
    /// The line and column of the first bad byte.
    pub at: LineCol,
    /// Its byte offset.
    pub offset: usize,
    /// The bad bytes, or that the text ends inside a character.
    pub what: String,
}

impl NotUtf8 {
    /// Describes `bytes`, which `error` found not to be UTF-8.
    pub fn new(bytes: &[u8], error: std::str::Utf8Error) -> NotUtf8 {
        let offset = error.valid_up_to().min(bytes.len());
        // Everything before the first bad byte is UTF-8 (the error says so).
        let before = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
        let at = LineIndex::new(before).line_col(before, offset);
        let shown = |bad: &[u8]| {
            bad.iter()
                .map(|b| format!("0x{b:02X}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let what = match error.error_len() {
            Some(n) => format!(
                "{} is not UTF-8",
                shown(&bytes[offset..(offset + n).min(bytes.len())])
            ),
            None => format!(
                "the text ends inside a UTF-8 character ({})",
                shown(&bytes[offset..])
            ),
        };
        NotUtf8 { at, offset, what }
    }
}

impl fmt::Display for NotUtf8 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {}, column {} (byte offset {})",
            self.what, self.at.line, self.at.column, self.offset
        )
    }
}

/// The characters in a piece of UTF-8 that starts and ends on character
/// boundaries: the bytes that do not continue a character.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let src = "ab\nçd\n";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_col(src, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(src, 3), LineCol { line: 2, column: 1 });
        assert_eq!(idx.line_col(src, 5), LineCol { line: 2, column: 2 });
        assert_eq!(idx.line_col(src, 7), LineCol { line: 3, column: 1 });
        assert_eq!(idx.line_col(src, 99), LineCol { line: 3, column: 1 });
    }

    /// What `line_col` computed before it had blocks: characters counted
    /// from the line start.
    fn line_col_by_scanning(src: &str, offset: usize) -> LineCol {
        let offset = offset.min(src.len());
        let before = &src.as_bytes()[..offset];
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = src
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        LineCol { line, column }
    }

    #[test]
    fn line_col_on_long_mixed_lines_matches_counting_from_the_line_start() {
        let mut src = String::new();
        for i in 0..3000 {
            src.push(match i % 7 {
                0 => 'é',
                1 => '😀',
                2 if i % 500 == 2 => '\n',
                3 => '\r',
                _ => 'x',
            });
        }
        let idx = LineIndex::new(&src);
        for offset in 0..=src.len() + 2 {
            assert_eq!(
                idx.line_col(&src, offset),
                line_col_by_scanning(&src, offset),
                "{offset}"
            );
        }
        let ascii = "abc\ndef\r\n\ng";
        let idx = LineIndex::new(ascii);
        for offset in 0..=ascii.len() {
            assert_eq!(
                idx.line_col(ascii, offset),
                line_col_by_scanning(ascii, offset)
            );
        }
    }

    #[test]
    fn line_content_leaves_out_exactly_the_line_break() {
        for text in [
            "",
            "a",
            "a\n",
            "a\r\nb\r\n\nc",
            "\n\n",
            "x\ry\n z \r",
            "a\r\r\nb\r",
        ] {
            let starts = line_starts(text);
            for line in 0..starts.len() {
                let next = starts.get(line + 1).copied().unwrap_or(text.len());
                let whole = &text[starts[line]..next];
                let content = whole
                    .strip_suffix("\r\n")
                    .or_else(|| whole.strip_suffix('\n'))
                    .or_else(|| whole.strip_suffix('\r'))
                    .unwrap_or(whole);
                let range = line_content(text, &starts, line);
                assert_eq!(&text[range], content, "{text:?} {line}");
            }
        }
    }

    #[test]
    fn floor_char_boundary_steps_back_into_the_text() {
        let text = "aé€";
        let floors: Vec<usize> = (0..=9).map(|i| floor_char_boundary(text, i)).collect();
        assert_eq!(floors, [0, 1, 1, 3, 3, 3, 6, 6, 6, 6]);
    }

    #[test]
    fn not_utf8_names_the_first_bad_bytes_and_their_place() {
        let describe = |bytes: &[u8]| match std::str::from_utf8(bytes) {
            Ok(_) => panic!("UTF-8"),
            Err(e) => NotUtf8::new(bytes, e).to_string(),
        };
        assert_eq!(
            describe(b"\xFFab"),
            "0xFF is not UTF-8 at line 1, column 1 (byte offset 0)"
        );
        // Columns count characters; a bad sequence is shown whole.
        assert_eq!(
            describe(b"a\n\xC3\xA9\xE2\x82x"),
            "0xE2 0x82 is not UTF-8 at line 2, column 2 (byte offset 4)"
        );
        assert_eq!(
            describe(b"\r\n\n\xF0\x9F"),
            "the text ends inside a UTF-8 character (0xF0 0x9F) at line 3, column 1 (byte offset 3)"
        );
    }

    #[test]
    fn line_text_is_what_lines_gives() {
        for src in ["", "a", "a\n", "a\r\nb\r\n\nc", "\n\n", "x\ry\n z \r"] {
            let idx = LineIndex::new(src);
            for line in 1..=src.len() + 3 {
                assert_eq!(
                    idx.line_text(src, line),
                    src.lines().nth(line - 1).unwrap_or(""),
                    "{src:?} {line}"
                );
            }
            assert_eq!(idx.line_text(src, 0), "");
        }
    }
}
