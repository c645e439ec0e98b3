//! The cooked value of a template chunk or string literal, with the source
//! range of every piece.
//!
//! htm and the host both see cooked text (`\n` is a newline, `\u00e9` is
//! `é`), so that is what gets linted; diagnostics must still point at the raw
//! text in the file. Decoding here, from the raw source slice, keeps both:
//! ordinary characters are runs copied one to one, and each escape sequence
//! (and each CRLF, which templates normalise to LF) is a run of its own that
//! maps back to the whole sequence.

use std::ops::Range;

use crate::span_map::SpanMap;

/// A run of decoded text and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Run {
    /// The range in [`StaticText::text`].
    text: Range<usize>,
    /// The range in the source file.
    source: Range<usize>,
    /// Copied unchanged (same length), so offsets map one to one.
    exact: bool,
}

/// Decoded static text of one template chunk or string literal.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StaticText {
    /// The cooked text.
    pub text: String,
    runs: Vec<Run>,
}

/// Which escapes a literal knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavour {
    /// A template chunk: CR and CRLF become LF.
    Template,
    /// A `'…'` or `"…"` string.
    String,
}

impl StaticText {
    /// Decodes `raw`, which starts at byte `base` of the source.
    pub fn decode(raw: &str, base: usize, flavour: Flavour) -> StaticText {
        let mut out = StaticText::default();
        let mut copied_from = 0;
        let mut chars = raw.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let (decoded, end): (Option<char>, usize) = match c {
                '\\' => {
                    let Some(&(j, next)) = chars.peek() else {
                        continue;
                    };
                    chars.next();
                    let mut end = j + next.len_utf8();
                    let decoded = match next {
                        'n' => Some('\n'),
                        't' => Some('\t'),
                        'r' => Some('\r'),
                        'b' => Some('\u{8}'),
                        'f' => Some('\u{c}'),
                        'v' => Some('\u{b}'),
                        '0' if !raw[end..].starts_with(|d: char| d.is_ascii_digit()) => Some('\0'),
                        // Line continuations produce nothing.
                        '\n' | '\u{2028}' | '\u{2029}' => None,
                        '\r' => {
                            if raw[end..].starts_with('\n') {
                                chars.next();
                                end += 1;
                            }
                            None
                        }
                        'x' => match hex(raw.get(end..end + 2)) {
                            Some(c) => {
                                chars.next();
                                chars.next();
                                end += 2;
                                Some(c)
                            }
                            None => Some('x'),
                        },
                        'u' => {
                            let (c, len) = unicode_escape(&raw[end..]);
                            for _ in raw[end..end + len].chars() {
                                chars.next();
                            }
                            end += len;
                            Some(c)
                        }
                        other => Some(other),
                    };
                    (decoded, end)
                }
                '\r' if flavour == Flavour::Template => {
                    let mut end = i + 1;
                    if raw[end..].starts_with('\n') {
                        chars.next();
                        end += 1;
                    }
                    (Some('\n'), end)
                }
                _ => continue,
            };
            out.copy(&raw[copied_from..i], base + copied_from);
            let start = out.text.len();
            if let Some(d) = decoded {
                out.text.push(d);
            }
            out.runs.push(Run {
                text: start..out.text.len(),
                source: base + i..base + end,
                exact: false,
            });
            copied_from = end;
        }
        out.copy(&raw[copied_from..], base + copied_from);
        out
    }

    fn copy(&mut self, text: &str, source_start: usize) {
        if text.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(text);
        self.runs.push(Run {
            text: start..self.text.len(),
            source: source_start..source_start + text.len(),
            exact: true,
        });
    }

    /// Appends `range` of the decoded text to `map`, run by run. The
    /// scanner emits a text a character at a time, so only the runs that
    /// overlap `range` are visited, found by a binary search.
    pub fn emit(&self, map: &mut SpanMap, range: Range<usize>) {
        let first = self.runs.partition_point(|r| r.text.end <= range.start);
        for run in &self.runs[first..] {
            uihook_compiler::work::add(1);
            if run.text.start >= range.end {
                break;
            }
            let from = range.start.max(run.text.start);
            let to = range.end.min(run.text.end);
            if from >= to {
                continue;
            }
            if run.exact {
                map.push_exact(
                    &self.text[from..to],
                    run.source.start + (from - run.text.start),
                );
            } else {
                map.push_replaced(&self.text[from..to], run.source.clone());
            }
        }
    }

    /// The source range of `range` of the decoded text.
    pub fn source(&self, range: Range<usize>) -> Range<usize> {
        let locate = |offset: usize, end: bool| {
            let i = self.runs.partition_point(|r| {
                if end {
                    r.text.end < offset
                } else {
                    r.text.end <= offset
                }
            });
            match self.runs.get(i) {
                Some(r) if r.exact => r.source.start + (offset - r.text.start),
                Some(r) if end => r.source.end,
                Some(r) => r.source.start,
                None => self.runs.last().map_or(0, |r| r.source.end),
            }
        };
        let start = locate(range.start, false);
        let end = if range.end > range.start {
            locate(range.end, true)
        } else {
            start
        };
        start..end.max(start)
    }
}

fn hex(digits: Option<&str>) -> Option<char> {
    let digits = digits?;
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(digits, 16)
        .ok()
        .and_then(char::from_u32)
}

/// `\u` followed by `XXXX` or `{X…}`: the character and how many bytes after
/// the `u` it used. Lone surrogates and malformed escapes give U+FFFD or a
/// literal `u`, which is what ends up on the page either way.
fn unicode_escape(rest: &str) -> (char, usize) {
    if let Some(braced) = rest.strip_prefix('{') {
        if let Some(close) = braced.find('}') {
            let digits = &braced[..close];
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_hexdigit()) {
                let c = u32::from_str_radix(digits, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .unwrap_or('\u{fffd}');
                return (c, close + 2);
            }
        }
        return ('u', 0);
    }
    match rest.get(..4) {
        Some(d) if d.bytes().all(|b| b.is_ascii_hexdigit()) => {
            let unit = u32::from_str_radix(d, 16).unwrap_or(0xfffd);
            if (0xd800..0xdc00).contains(&unit) {
                // A surrogate pair written as two escapes.
                if let Some(low) = rest.get(4..10).and_then(|s| s.strip_prefix("\\u")) {
                    if let Ok(low) = u32::from_str_radix(low, 16) {
                        if (0xdc00..0xe000).contains(&low) {
                            let c = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
                            return (char::from_u32(c).unwrap_or('\u{fffd}'), 10);
                        }
                    }
                }
            }
            (char::from_u32(unit).unwrap_or('\u{fffd}'), 4)
        }
        _ => ('u', 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_decode_and_map_back_to_the_whole_sequence() {
        let raw = r"a\nb\u00e9\x41\u{1F600}\\c";
        let t = StaticText::decode(raw, 100, Flavour::String);
        assert_eq!(t.text, "a\nbéA😀\\c");
        // `b` is raw byte 3, decoded byte 2.
        assert_eq!(t.source(2..3), 103..104);
        // The newline is the two-byte `\n` at raw 1..3.
        assert_eq!(t.source(1..2), 101..103);
        // `é` (decoded 3..5) came from `\u00e9` (raw 4..10).
        assert_eq!(t.source(3..5), 104..110);
        assert_eq!(t.source(0..t.text.len()), 100..100 + raw.len());
    }

    #[test]
    fn templates_turn_crlf_into_lf_and_continuations_into_nothing() {
        let t = StaticText::decode("a\r\nb\\\nc", 0, Flavour::Template);
        assert_eq!(t.text, "a\nbc");
        assert_eq!(t.source(3..4), 6..7);
        let s = StaticText::decode("a\r\nb", 0, Flavour::String);
        assert_eq!(s.text, "a\r\nb");
    }

    #[test]
    fn surrogate_pairs_and_broken_escapes_never_panic() {
        let t = StaticText::decode(r"\uD83D\uDE00\uD800\u{zz}\x4\", 0, Flavour::String);
        assert_eq!(t.text, "😀\u{fffd}u{zz}x4\\");
        let mut map = SpanMap::new();
        t.emit(&mut map, 0..t.text.len());
        assert_eq!(map.text(), t.text);
    }
}
