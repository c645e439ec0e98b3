//! The graphical report: miette's drawing of each diagnostic under its
//! source lines, with long lines cut to a window around the labels.
//!
//! miette draws a label's whole line, and a line of context on either side.
//! For a document on one line, d diagnostics drew d copies of the document:
//! 25 KB with 5,000 findings made a 251 MB report. Here each diagnostic is
//! drawn from an [`Excerpt`] of the source: the lines miette reads for it,
//! where a line longer than [`LONG_LINE`] bytes keeps [`WINDOW`] bytes on
//! either side of each label (and only the first [`LONG_LABEL`] bytes of a
//! longer label), with `…` where text is left out. Line numbers and the
//! `line:column` of each header are the source's own, and a document with
//! no long line is drawn exactly as miette draws it from the whole text.
//! Each diagnostic then costs the same, wherever it is and however long its
//! lines are.

use std::fmt;
use std::ops::Range;

use miette::{
    GraphicalReportHandler, GraphicalTheme, MietteError, MietteSpanContents, NamedSource,
    SourceCode, SourceSpan, SpanContents,
};

use crate::ast::Span;
use crate::diagnostic::{floor_char_boundary, line_content, line_starts, Diagnostic};
use crate::work;

/// Lines of up to this many bytes (without their line break) are drawn whole.
pub const LONG_LINE: usize = 240;

/// The bytes of a long line kept before and after each label.
pub const WINDOW: usize = 40;

/// The bytes kept of a label longer than this on a long line, from its
/// start; the rest of the label is left out with the line.
pub const LONG_LABEL: usize = 80;

/// Lines of context drawn above and below the labels: miette's default,
/// set here because each excerpt holds exactly the lines it needs.
const CONTEXT: usize = 1;

/// Draws diagnostics as miette's graphical report.
pub struct Renderer {
    handler: GraphicalReportHandler,
}

impl Renderer {
    /// A renderer with colours or without, wrapping at `width` columns.
    pub fn new(color: bool, width: usize) -> Renderer {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(width)
            .with_links(false)
            .with_context_lines(CONTEXT);
        Renderer { handler }
    }

    /// Appends the report of `diagnostic`, one of `source`'s, to `out`.
    /// An error is miette's: the caller decides how to show the diagnostic
    /// without it.
    pub fn render(
        &self,
        source: &Source<'_>,
        diagnostic: &Diagnostic<Span>,
        out: &mut String,
    ) -> fmt::Result {
        let excerpt = Excerpt::new(source, diagnostic.labels.iter().map(|l| l.span.clone()));
        let mapped = diagnostic.to_miette_with(|span| {
            let at = excerpt.map(span);
            SourceSpan::from(at.start..at.end)
        });
        let report =
            miette::Report::new(mapped).with_source_code(NamedSource::new(source.name, excerpt));
        self.handler.render_report(out, report.as_ref())
    }
}

/// A source to draw diagnostics of: its name, its text, and where its
/// lines start, found once for all its diagnostics.
pub struct Source<'t> {
    name: &'t str,
    text: &'t str,
    /// Line starts as miette counts lines (at 0, after `\n`, `\r\n` and a
    /// lone `\r`).
    starts: Vec<usize>,
}

impl<'t> Source<'t> {
    /// Indexes `text`, shown as `name` in each header.
    pub fn new(name: &'t str, text: &'t str) -> Source<'t> {
        Source {
            name,
            text,
            starts: line_starts(text),
        }
    }

    /// The 0-based line holding `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// Line `line`'s text without its line break, as a range, and the break.
    fn line(&self, line: usize) -> (Range<usize>, &'t str) {
        let content = line_content(self.text, &self.starts, line);
        let next = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        (content.clone(), &self.text[content.end..next])
    }
}

/// Renders diagnostics of one source as miette's graphical report, one after
/// the other. `color` picks the theme; tests use `false` and a fixed width so
/// snapshots are the same on every machine. A diagnostic miette cannot draw
/// is given as its message alone, rather than lost.
pub fn render_report(
    diagnostics: &[Diagnostic<Span>],
    name: &str,
    source: &str,
    color: bool,
    width: usize,
) -> String {
    let renderer = Renderer::new(color, width);
    let source = Source::new(name, source);
    let mut out = String::new();
    for d in diagnostics {
        if renderer.render(&source, d, &mut out).is_err() {
            out.push_str(&d.message);
            out.push('\n');
        }
    }
    out
}

/// One run of a source line kept in an excerpt.
#[derive(Debug)]
struct Piece {
    /// Where it is in the source.
    source: Range<usize>,
    /// Where its first byte is in the excerpt.
    at: usize,
}

impl Piece {
    fn to_excerpt(&self, offset: usize) -> usize {
        self.at + offset - self.source.start
    }
}

/// One source line in an excerpt.
#[derive(Debug)]
struct Line {
    /// Where the source line starts in the source.
    source_start: usize,
    /// Where it starts in the excerpt.
    at: usize,
    /// What is kept of it, in order; one piece for the whole line unless it
    /// is long.
    pieces: Vec<Piece>,
}

/// The lines of a source that one diagnostic's report reads, with each long
/// line cut to the windows around its labels.
#[derive(Debug)]
struct Excerpt {
    text: String,
    /// The source line of the excerpt's first line.
    first_line: usize,
    lines: Vec<Line>,
}

impl Excerpt {
    fn new(source: &Source<'_>, labels: impl Iterator<Item = Span> + Clone) -> Excerpt {
        let end = source.text.len();
        let clamp = |span: Span| span.start.min(end)..span.end.clamp(span.start.min(end), end);
        let lines_of = labels.clone().map(|span| {
            (
                source.line_of(clamp(span.clone()).start),
                source.line_of(clamp(span).end),
            )
        });
        let first = lines_of.clone().map(|(a, _)| a).min().unwrap_or(0);
        let last = lines_of.map(|(_, b)| b).max().unwrap_or(0);
        // One line more before the context than miette shows, as the
        // whole text has: miette counts the line breaks it passes before
        // the context to number the lines.
        let first_line = first.saturating_sub(CONTEXT + 1);
        let last_line = (last + CONTEXT + 1).min(source.starts.len() - 1);
        let mut excerpt = Excerpt {
            text: String::new(),
            first_line,
            lines: Vec::with_capacity(last_line - first_line + 1),
        };
        for line in first_line..=last_line {
            let (content, line_break) = source.line(line);
            let windows = if content.len() <= LONG_LINE {
                vec![content.clone()]
            } else {
                let next_line = content.end + line_break.len();
                windows(source.text, &content, next_line, labels.clone().map(clamp))
            };
            excerpt.push_line(source.text, content, line_break, windows);
        }
        work::add(excerpt.text.len());
        excerpt
    }

    /// Appends a source line, keeping `windows` (sorted, apart) of its
    /// `content`.
    fn push_line(
        &mut self,
        text: &str,
        content: Range<usize>,
        line_break: &str,
        windows: Vec<Range<usize>>,
    ) {
        let mut line = Line {
            source_start: content.start,
            at: self.text.len(),
            pieces: Vec::with_capacity(windows.len()),
        };
        let mut kept_to = content.start;
        for window in windows {
            if window.start > kept_to {
                self.text.push('…');
            }
            line.pieces.push(Piece {
                source: window.clone(),
                at: self.text.len(),
            });
            self.text.push_str(&text[window.clone()]);
            kept_to = window.end;
        }
        if kept_to < content.end {
            self.text.push('…');
        } else if let Some(last) = line.pieces.last_mut() {
            // The line break follows the kept end as in the source: offsets
            // inside it map as they are (a whole line maps byte for byte).
            last.source.end += line_break.len();
        }
        self.text.push_str(line_break);
        self.lines.push(line);
    }

    /// Where a label's span is in the excerpt. Its start is always kept; an
    /// end that was left out is moved back to the end of the kept text.
    fn map(&self, span: Span) -> Span {
        let start = self.map_offset(span.start);
        let end = self.map_offset(span.end.max(span.start)).max(start);
        start..end
    }

    /// An offset's place in the excerpt: in the piece that holds it, or at
    /// the end of the last kept piece before it.
    fn map_offset(&self, offset: usize) -> usize {
        let line = self
            .lines
            .partition_point(|l| l.source_start <= offset)
            .saturating_sub(1);
        let Some(line) = self.lines.get(line) else {
            return 0;
        };
        let piece = line
            .pieces
            .partition_point(|p| p.source.start <= offset)
            .saturating_sub(1);
        match line.pieces.get(piece) {
            Some(p) if p.source.start <= offset => p.to_excerpt(offset.min(p.source.end)),
            Some(p) => p.at,
            None => line.at,
        }
    }

    /// The source offset of an excerpt offset (inside a `…`, the end of the
    /// kept text before it).
    fn source_offset(&self, at: usize) -> usize {
        let line = self.lines.partition_point(|l| l.at <= at).saturating_sub(1);
        let Some(line) = self.lines.get(line) else {
            return 0;
        };
        let piece = line
            .pieces
            .partition_point(|p| p.at <= at)
            .saturating_sub(1);
        match line.pieces.get(piece) {
            Some(p) if p.at <= at => p.source.start + (at - p.at).min(p.source.len()),
            _ => line.source_start,
        }
    }
}

/// The windows to keep of a long line's `content` (the next line starting
/// at `next_line`): around each label that starts or ends on it, or its
/// start when none does; sorted, and merged where they meet.
fn windows(
    text: &str,
    content: &Range<usize>,
    next_line: usize,
    labels: impl Iterator<Item = Span>,
) -> Vec<Range<usize>> {
    // Inside the line break is on the line too (miette counts `\r\n` as one).
    let on_line =
        |offset: usize| (content.start..next_line).contains(&offset) || offset == content.end;
    let mut wanted: Vec<Range<usize>> = Vec::new();
    for span in labels {
        // miette draws an empty span at a line's start at the end of the
        // line before.
        if span.is_empty() && span.start == next_line && next_line > content.end {
            wanted.push(content.end.saturating_sub(WINDOW)..content.end);
        }
        if on_line(span.start) {
            let shown_end = span.end.min(span.start + LONG_LABEL).min(content.end);
            wanted.push(span.start.saturating_sub(WINDOW)..shown_end + WINDOW);
        }
        if span.end != span.start && on_line(span.end) && !on_line(span.start) {
            wanted.push(span.end.saturating_sub(WINDOW)..span.end + WINDOW);
        }
    }
    if wanted.is_empty() {
        wanted.push(content.start..content.start + 2 * WINDOW);
    }
    wanted.sort_by_key(|w| w.start);
    let mut windows: Vec<Range<usize>> = Vec::with_capacity(wanted.len());
    for w in wanted {
        let start = floor_char_boundary(text, w.start.max(content.start));
        let end = floor_char_boundary(text, w.end.min(content.end));
        match windows.last_mut() {
            // Meeting, or apart by less than the `…` that would part them.
            Some(last) if start <= last.end + '…'.len_utf8() => last.end = last.end.max(end),
            _ => windows.push(start..end),
        }
    }
    windows
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner =
            self.text
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        // miette gives the column only when it reads no line before: the
        // bytes from the line it counts from (the line before, for an empty
        // span at a line start; a quirk inside `\r\n` is kept) to the span.
        // Where that line was cut, the distance in the source takes the
        // place of the distance in the excerpt, `…`s and all.
        let column = if context_lines_before == 0 {
            let at = inner.span().offset();
            let from = at.saturating_sub(inner.column());
            let line = self
                .lines
                .partition_point(|l| l.at <= from)
                .saturating_sub(1);
            self.lines.get(line).map_or(inner.column(), |l| {
                let in_source = self.source_offset(at) - l.source_start;
                (inner.column() + in_source).saturating_sub(at - l.at)
            })
        } else {
            inner.column()
        };
        let data: &'a [u8] = inner.data();
        Ok(Box::new(MietteSpanContents::new(
            data,
            *inner.span(),
            inner.line() + self.first_line,
            column,
            inner.line_count() + self.first_line,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RuleId;

    fn excerpt_of(source: &Source<'_>, span: Span) -> Excerpt {
        Excerpt::new(source, std::iter::once(span))
    }

    /// The `line:column` in a report's header.
    fn header(report: &str) -> &str {
        let at = report.find("─[").expect("a header") + "─[".len();
        let end = at + report[at..].find(']').expect("its end");
        &report[at..end]
    }

    fn unknown(span: Span) -> Diagnostic<Span> {
        Diagnostic::new(RuleId::UnknownComponent, "not a component", span, "here")
    }

    #[test]
    fn short_lines_read_as_miette_reads_the_whole_text() {
        let text = "<P>\r\n  a\rb\n\nline é 5\n\r\n\r\rlast\n";
        let source = Source::new("t", text);
        for offset in 0..=text.len() {
            // miette itself panics on spans past the end.
            for len in [0, 1, 3, 9, 40]
                .into_iter()
                .filter(|l| offset + l <= text.len())
            {
                let excerpt = excerpt_of(&source, offset..offset + len);
                let base = source.starts[excerpt.first_line];
                assert_eq!(excerpt.text, text[base..excerpt.text.len() + base]);
                for context in [0, 1] {
                    let span = SourceSpan::new(offset.into(), len);
                    let shifted = SourceSpan::new((offset - base).into(), len);
                    let what = format!("{offset} {len} {context}");
                    let ours = excerpt.read_span(&shifted, context, context);
                    let theirs = text.read_span(&span, context, context);
                    let (Ok(a), Ok(b)) = (ours, theirs) else {
                        panic!("{what}: one read failed");
                    };
                    assert_eq!(a.data(), b.data(), "{what}");
                    assert_eq!(a.span().offset() + base, b.span().offset(), "{what}");
                    assert_eq!(a.span().len(), b.span().len(), "{what}");
                    assert_eq!(a.line(), b.line(), "{what}");
                    assert_eq!(a.column(), b.column(), "{what}");
                    assert_eq!(a.line_count(), b.line_count(), "{what}");
                }
            }
        }
    }

    #[test]
    fn a_long_line_is_cut_around_the_label_and_keeps_the_source_position() {
        let text = format!(
            "<Page>\n{}<Xx/>{}\n</Page>\n",
            "a".repeat(1000),
            "b".repeat(1000)
        );
        let start = text.find("<Xx/>").expect("label") + 1;
        let report = render_report(
            &[unknown(start..start + 2)],
            "long.uihook",
            &text,
            false,
            100,
        );
        insta::assert_snapshot!(report);
        // The column is the source's, as miette counts it (bytes, 1-based).
        assert_eq!(header(&report), "long.uihook:2:1002");
        assert!(report.len() < 1000, "{}", report.len());
    }

    #[test]
    fn a_long_label_shows_its_start_and_labels_far_apart_get_a_window_each() {
        let text = format!("<Page>{}</Page>", "<P>x</P>".repeat(200));
        let long = unknown(6..1000);
        let apart = unknown(6..9).with_label(1500..1503, "and here");
        let report = render_report(&[long, apart], "far.uihook", &text, false, 100);
        insta::assert_snapshot!(report);
        assert!(report.len() < 2000, "{}", report.len());
    }

    /// Every `[name:line:column]` header of a report.
    fn headers(report: &str) -> Vec<&str> {
        report
            .split("─[")
            .skip(1)
            .filter_map(|rest| rest.split(']').next())
            .collect()
    }

    proptest::proptest! {
        /// Any text, any labels: the report has the headers miette draws
        /// from the whole text, is the same report where no line is long,
        /// and never draws more than a few windows of a line.
        #[test]
        fn any_labels_on_any_lines_render_as_from_the_whole_text(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("a"), proptest::strategy::Just("é"),
                    proptest::strategy::Just("€"), proptest::strategy::Just("\n"),
                    proptest::strategy::Just("\r\n"), proptest::strategy::Just("\r"),
                    proptest::strategy::Just("<P>"),
                ],
                0..700,
            ),
            long_run in 0usize..600,
            picks in proptest::collection::vec((0usize..10_000, 0usize..400), 1..4),
        ) {
            let mut text: String = pieces.concat();
            text.insert_str(floor_char_boundary(&text, text.len() / 2), &"x".repeat(long_run));
            let boundary = |i: usize| floor_char_boundary(&text, i.min(text.len()));
            let spans: Vec<Span> = picks
                .iter()
                .map(|&(at, len)| {
                    let start = boundary(at % (text.len() + 1));
                    start..boundary(start + len).max(start)
                })
                .collect();
            let mut d = unknown(spans[0].clone());
            for span in &spans[1..] {
                d = d.with_label(span.clone(), "also");
            }
            let mut ours = String::new();
            let renderer = Renderer::new(false, 100);
            renderer.render(&Source::new("p", &text), &d, &mut ours).expect("rendered");
            let whole = miette::Report::new(d.to_miette())
                .with_source_code(NamedSource::new("p", text.clone()));
            let mut theirs = String::new();
            renderer.handler.render_report(&mut theirs, whole.as_ref()).expect("rendered");
            proptest::prop_assert_eq!(headers(&ours), headers(&theirs));
            let source = Source::new("p", &text);
            if (0..source.starts.len()).all(|i| source.line(i).0.len() <= LONG_LINE) {
                proptest::prop_assert_eq!(&ours, &theirs);
            }
            let widest = ours.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            proptest::prop_assert!(widest <= 3 * (2 * WINDOW + LONG_LABEL) + 40, "{}", widest);
        }
    }

    #[test]
    fn every_label_on_a_long_non_ascii_line_renders_with_its_source_column() {
        // Two- and three-byte characters at every distance from the window
        // edges; every span that starts and ends on a character boundary.
        let text = format!("{}\n{}\n", "é€x".repeat(60), "ü".repeat(130));
        let source = Source::new("u", &text);
        let renderer = Renderer::new(false, 100);
        for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            for end in (start..=(start + 90).min(text.len())).filter(|&i| text.is_char_boundary(i))
            {
                let mut out = String::new();
                renderer
                    .render(&source, &unknown(start..end), &mut out)
                    .expect("rendered");
                let whole = text
                    .read_span(&SourceSpan::from(start..end), 0, 0)
                    .expect("read");
                let want = format!("u:{}:{}", whole.line() + 1, whole.column() + 1);
                assert_eq!(header(&out), want, "{start}..{end}");
                assert!(out.lines().count() < 12, "{start}..{end}: {out}");
            }
        }
    }
}
