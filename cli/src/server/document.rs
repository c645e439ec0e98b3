//! An open document: its text, version and kind, edits from the client, and
//! the mapping between byte offsets and LSP positions.
//!
//! LSP positions count UTF-16 code units within a line. Line starts are
//! indexed once per version; converting a batch of offsets (every
//! diagnostic of a publish) sorts them and walks the text once, so a file of
//! one very long line with thousands of diagnostics costs the same as a
//! well-wrapped one.

use std::path::{Path, PathBuf};

use lsp_types::{Position, Range, TextDocumentContentChangeEvent, Uri};
use uihook_compiler::diagnostic::{floor_char_boundary, line_content, line_starts};
use uihook_compiler::Span;

/// How the server reads a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// UIHook markup (`.uihook`).
    Markup,
    /// A JS/TS source whose markup is extracted.
    Script,
}

impl Kind {
    /// The kind of a document from its path or, failing that, the client's
    /// language id; `None` for documents the server does not read.
    pub fn of(path: Option<&Path>, language: &str) -> Option<Kind> {
        if let Some(ext) = path.and_then(|p| p.extension()).and_then(|e| e.to_str()) {
            if ext == "uihook" {
                return Some(Kind::Markup);
            }
            if uihook_extract::EXTENSIONS.contains(&ext) {
                return Some(Kind::Script);
            }
        }
        match language {
            "uihook" => Some(Kind::Markup),
            "javascript" | "javascriptreact" | "typescript" | "typescriptreact" => {
                Some(Kind::Script)
            }
            _ => None,
        }
    }
}

/// One open document.
#[derive(Debug)]
pub struct Document {
    /// The client's identifier.
    pub uri: Uri,
    /// The file, for `file:` URIs (configuration and the JS dialect come
    /// from it).
    pub path: Option<PathBuf>,
    /// Markup or script.
    pub kind: Kind,
    /// The client's version of the text.
    pub version: i32,
    text: String,
    lines: Vec<usize>,
}

/// The file path of a `file:` URI.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    url::Url::parse(uri.as_str()).ok()?.to_file_path().ok()
}

impl Document {
    /// A document as opened.
    pub fn new(uri: Uri, kind: Kind, version: i32, text: String) -> Document {
        let path = file_path(&uri);
        let lines = line_starts(&text);
        Document {
            uri,
            path,
            kind,
            version,
            text,
            lines,
        }
    }

    /// The current text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The path configuration and extraction use: the file, or a made-up
    /// name with the kind's extension for unsaved documents.
    pub fn path_or_default(&self) -> PathBuf {
        self.path.clone().unwrap_or_else(|| {
            PathBuf::from(match self.kind {
                Kind::Markup => "untitled.uihook",
                Kind::Script => "untitled.js",
            })
        })
    }

    /// Applies the client's changes in order. A change whose range lies
    /// outside the text is an error: the client and server disagree, and
    /// the client should send the whole text again.
    pub fn apply(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
    ) -> Result<(), String> {
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    let span = self.span(range).ok_or_else(|| {
                        format!(
                            "a change at {}:{}-{}:{} lies outside the document",
                            range.start.line,
                            range.start.character,
                            range.end.line,
                            range.end.character
                        )
                    })?;
                    self.text.replace_range(span, &change.text);
                }
            }
            self.lines = line_starts(&self.text);
        }
        self.version = version;
        Ok(())
    }

    /// The byte offset of an LSP position. A character past the end of its
    /// line means the line's end, as the protocol says; a line past the end
    /// is `None`.
    pub fn offset(&self, position: Position) -> Option<usize> {
        let line = usize::try_from(position.line).ok()?;
        let start = *self.lines.get(line)?;
        let end = self.line_end(line);
        let mut units = 0u32;
        for (i, c) in self.text[start..end].char_indices() {
            if units >= position.character {
                return Some(start + i);
            }
            units += c.len_utf16() as u32;
        }
        Some(end)
    }

    /// Where the line holding byte `offset` starts.
    pub fn line_start(&self, offset: usize) -> usize {
        let line = self.lines.partition_point(|&s| s <= offset);
        self.lines[line.saturating_sub(1)]
    }

    /// The byte range of an LSP range.
    pub fn span(&self, range: Range) -> Option<Span> {
        let start = self.offset(range.start)?;
        let end = self.offset(range.end)?;
        (start <= end).then_some(start..end)
    }

    /// The end of `line`'s content, before its line break.
    fn line_end(&self, line: usize) -> usize {
        line_content(&self.text, &self.lines, line).end
    }

    /// The LSP positions of byte offsets, in the order given. Offsets past
    /// the end (or inside a character) are clamped to the nearest boundary
    /// before them.
    pub fn positions(&self, offsets: &[usize]) -> Vec<Position> {
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_by_key(|&i| offsets[i]);
        let mut out = vec![Position::default(); offsets.len()];
        // A cursor that only moves forward: (line, its start, offset, column).
        let (mut line, mut at, mut column) = (0usize, 0usize, 0u32);
        for i in order {
            let target = floor_char_boundary(&self.text, offsets[i]);
            let target_line = self.lines.partition_point(|&s| s <= target) - 1;
            if target_line != line {
                line = target_line;
                at = self.lines[line];
                column = 0;
            }
            column += self.text[at..target]
                .chars()
                .map(|c| c.len_utf16() as u32)
                .sum::<u32>();
            at = target;
            out[i] = Position::new(line as u32, column);
        }
        out
    }

    /// The LSP range of a byte span.
    pub fn range(&self, span: &Span) -> Range {
        let p = self.positions(&[span.start, span.end]);
        Range::new(p[0], p[1])
    }

    /// The range of the whole text.
    pub fn whole(&self) -> Range {
        self.range(&(0..self.text.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        let uri = "file:///tmp/a.uihook".parse().expect("a URI");
        Document::new(uri, Kind::Markup, 1, text.to_owned())
    }

    #[test]
    fn positions_count_utf16_units_on_every_kind_of_line_break() {
        let d = doc("a\r\né😀x\rz\n");
        // a=0, \r\n=1..3, é=3..5, 😀=5..9, x=9, \r=10, z=11, \n=12
        let got = d.positions(&[9, 0, 5, 11, 13, 3, 4]);
        let want = [(1, 3), (0, 0), (1, 1), (2, 0), (3, 0), (1, 0), (1, 0)];
        let got: Vec<(u32, u32)> = got.iter().map(|p| (p.line, p.character)).collect();
        assert_eq!(got, want);
        assert_eq!(d.offset(Position::new(1, 3)), Some(9));
        assert_eq!(d.offset(Position::new(1, 99)), Some(10));
        assert_eq!(d.offset(Position::new(0, 1)), Some(1));
        assert_eq!(d.offset(Position::new(9, 0)), None);
    }

    #[test]
    fn incremental_changes_apply_in_order() {
        let mut d = doc("<Page>\n  <Box/>\n</Page>\n");
        let change = |l1, c1, l2, c2, text: &str| TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l1, c1), Position::new(l2, c2))),
            range_length: None,
            text: text.to_owned(),
        };
        d.apply(
            2,
            vec![
                change(1, 3, 1, 6, "Notice"),
                change(1, 9, 1, 9, " type=\"x\""),
            ],
        )
        .map_err(|e| e.to_string())
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d.text(), "<Page>\n  <Notice type=\"x\"/>\n</Page>\n");
        assert_eq!(d.version, 2);
        assert!(d.apply(3, vec![change(7, 0, 7, 1, "")]).is_err());
    }
}
