//! JavaScript string literals inside `{…}` containers: scanning and decoding.
//!
//! The host parsed containers with acorn 5.7 (non-strict script), so the
//! escapes are ECMAScript's: `\n`, `\xHH`, `\uHHHH`, `\u{…}`, legacy octal,
//! line continuations and identity escapes. A raw U+2028/U+2029 was a syntax
//! error in that acorn version even though later ECMAScript allows it; that is
//! how the reference renderer's JSON output broke pages (catalog §D.6 #5).

use std::borrow::Cow;

use crate::ast::Span;
use crate::diagnostic::Diagnostic;
use crate::rules::RuleId;

/// A scanned string literal.
pub(crate) struct JsString<'a> {
    /// Offset just past the closing quote (or the end of input if unterminated).
    pub end: usize,
    /// The decoded value.
    pub value: Cow<'a, str>,
    /// False when the input ended before the closing quote.
    pub terminated: bool,
}

/// Scans the literal whose opening quote is at `start` in `src`.
pub(crate) fn scan<'a>(
    src: &'a str,
    start: usize,
    diags: &mut Vec<Diagnostic<Span>>,
) -> JsString<'a> {
    let bytes = src.as_bytes();
    let quote = bytes[start];
    let body_start = start + 1;
    let mut i = body_start;
    let mut owned: Option<String> = None;
    let mut newline_reported = false;
    while i < bytes.len() {
        let b = bytes[i];
        if b == quote {
            crate::work::add(i - start);
            let value = match owned {
                Some(s) => Cow::Owned(s),
                None => Cow::Borrowed(&src[body_start..i]),
            };
            return JsString {
                end: i + 1,
                value,
                terminated: true,
            };
        }
        match b {
            b'\\' => {
                let buf = owned.get_or_insert_with(|| src[body_start..i].to_owned());
                i = escape(src, i, buf, diags);
            }
            b'\n' | b'\r' => {
                if !newline_reported {
                    newline_reported = true;
                    diags.push(
                        Diagnostic::new(
                            RuleId::UnterminatedString,
                            "a JS string literal cannot contain a raw line break",
                            start..i,
                            "this string is still open at the end of the line",
                        )
                        .with_help(
                            "write the line break as `\\n`, or close the string on this line",
                        ),
                    );
                }
                if let Some(buf) = owned.as_mut() {
                    buf.push(b as char);
                }
                i += 1;
            }
            0xE2 if matches!(bytes.get(i + 1..i + 3), Some([0x80, 0xA8 | 0xA9])) => {
                let which = if bytes[i + 2] == 0xA8 { "2028" } else { "2029" };
                diags.push(
                    Diagnostic::new(
                        RuleId::LineSeparatorInString,
                        format!("raw U+{which} inside a JS string literal"),
                        i..i + 3,
                        "the host's parser (acorn 5.7) rejected this character here",
                    )
                    .with_label(start..start + 1, "in the string starting here")
                    .with_help(format!(
                        "write it as `\\u{which}`; one such character blanked the whole page"
                    )),
                );
                if let Some(buf) = owned.as_mut() {
                    buf.push_str(&src[i..i + 3]);
                }
                i += 3;
            }
            _ => {
                let ch_len = utf8_len(b);
                if let Some(buf) = owned.as_mut() {
                    buf.push_str(&src[i..i + ch_len]);
                }
                i += ch_len;
            }
        }
    }
    diags.push(
        Diagnostic::new(
            RuleId::UnterminatedString,
            "this string literal never ends",
            start..start + 1,
            "opened here",
        )
        .with_label(
            src.char_indices().next_back().map_or(0, |(i, _)| i)..src.len(),
            "the document ends here",
        )
        .with_help(format!("close it with `{}`", quote as char)),
    );
    JsString {
        end: src.len(),
        value: match owned {
            Some(s) => Cow::Owned(s),
            None => Cow::Borrowed(&src[body_start..]),
        },
        terminated: false,
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Decodes the escape at `at` (a backslash) into `buf`; returns the offset after it.
fn escape(src: &str, at: usize, buf: &mut String, diags: &mut Vec<Diagnostic<Span>>) -> usize {
    let bytes = src.as_bytes();
    let Some(&c) = bytes.get(at + 1) else {
        return at + 1;
    };
    let simple = match c {
        b'n' => Some('\n'),
        b'r' => Some('\r'),
        b't' => Some('\t'),
        b'b' => Some('\u{8}'),
        b'f' => Some('\u{c}'),
        b'v' => Some('\u{b}'),
        _ => None,
    };
    if let Some(ch) = simple {
        buf.push(ch);
        return at + 2;
    }
    match c {
        // Line continuations produce nothing.
        b'\n' => at + 2,
        b'\r' => {
            at + if bytes.get(at + 2) == Some(&b'\n') {
                3
            } else {
                2
            }
        }
        b'0'..=b'7' => {
            // Legacy octal (`\0`, `\12`, `\377`), accepted by acorn in scripts.
            let mut value = 0u32;
            let mut j = at + 1;
            let max_digits = if c <= b'3' { 3 } else { 2 };
            while j < bytes.len() && j < at + 1 + max_digits && (b'0'..=b'7').contains(&bytes[j]) {
                value = value * 8 + u32::from(bytes[j] - b'0');
                j += 1;
            }
            buf.push(char::from_u32(value).unwrap_or('\u{FFFD}'));
            j
        }
        b'x' => match hex_digits(bytes, at + 2, 2) {
            Some(v) => {
                buf.push(char::from_u32(v).unwrap_or('\u{FFFD}'));
                at + 4
            }
            None => bad_escape(
                diags,
                at,
                at + 2,
                "`\\x` must be followed by two hex digits",
            ),
        },
        b'u' => unicode_escape(src, at, buf, diags),
        _ => {
            // Identity escape: `\"`, `\\`, `\q` → the character itself.
            let len = utf8_len(c);
            buf.push_str(&src[at + 1..at + 1 + len]);
            at + 1 + len
        }
    }
}

fn hex_digits(bytes: &[u8], from: usize, n: usize) -> Option<u32> {
    let digits = bytes.get(from..from + n)?;
    let s = std::str::from_utf8(digits).ok()?;
    if !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(s, 16).ok()
}

fn bad_escape(diags: &mut Vec<Diagnostic<Span>>, at: usize, end: usize, why: &str) -> usize {
    diags.push(
        Diagnostic::new(
            RuleId::InvalidEscape,
            why.to_owned(),
            at..end,
            "malformed escape",
        )
        .with_help("write `\\\\` for a backslash, or a complete escape such as `\\u00e9`"),
    );
    end
}

/// `\uHHHH` or `\u{H…}`, combining surrogate pairs written as two escapes.
fn unicode_escape(
    src: &str,
    at: usize,
    buf: &mut String,
    diags: &mut Vec<Diagnostic<Span>>,
) -> usize {
    let bytes = src.as_bytes();
    let (value, end) = if bytes.get(at + 2) == Some(&b'{') {
        let close = bytes
            .get(at + 3..)
            .and_then(|rest| rest.iter().position(|&b| b == b'}'));
        let parsed = close.and_then(|n| {
            let digits = &src[at + 3..at + 3 + n];
            let ok = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_hexdigit());
            ok.then(|| u32::from_str_radix(digits, 16).ok())
                .flatten()
                .filter(|&v| v <= 0x10FFFF)
                .map(|v| (v, at + 3 + n + 1))
        });
        match parsed {
            Some(p) => p,
            None => {
                let end = close.map_or(at + 3, |n| at + 3 + n + 1);
                return bad_escape(
                    diags,
                    at,
                    end,
                    "`\\u{…}` must hold 1 to 6 hex digits up to 10FFFF",
                );
            }
        }
    } else {
        match hex_digits(bytes, at + 2, 4) {
            Some(v) => (v, at + 6),
            None => {
                let end = (at + 2).min(src.len());
                return bad_escape(
                    diags,
                    at,
                    end,
                    "`\\u` must be followed by four hex digits or `{…}`",
                );
            }
        }
    };
    if (0xD800..0xDC00).contains(&value) && bytes.get(end..end + 2) == Some(b"\\u") {
        if let Some(low) = hex_digits(bytes, end + 2, 4).filter(|v| (0xDC00..0xE000).contains(v)) {
            let c = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00);
            buf.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
            return end + 6;
        }
    }
    match char::from_u32(value) {
        Some(c) => buf.push(c),
        None => {
            diags.push(
                Diagnostic::new(
                    RuleId::LoneSurrogate,
                    format!("`\\u{value:04x}` is half of a surrogate pair"),
                    at..end,
                    "no character on its own",
                )
                .with_help("write the whole character, or both halves as `\\uD83D\\uDE00`; uihook reads this as U+FFFD"),
            );
            buf.push('\u{FFFD}');
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(s: &str) -> (String, Vec<RuleId>) {
        let mut d = Vec::new();
        let r = scan(s, 0, &mut d);
        (r.value.into_owned(), d.iter().map(|d| d.code).collect())
    }

    #[test]
    fn escapes() {
        assert_eq!(decode(r#""a\nb""#).0, "a\nb");
        assert_eq!(decode(r#"'it\'s'"#).0, "it's");
        assert_eq!(decode(r#""\x41\u0042\u{43}\u{1F600}""#).0, "ABC😀");
        assert_eq!(decode(r#""\uD83D\uDE00""#).0, "😀");
        assert_eq!(decode(r#""\0\101\q\\""#).0, "\0Aq\\");
        assert_eq!(decode("\"a\\\nb\"").0, "ab");
    }

    #[test]
    fn borrows_without_escapes() {
        let mut d = Vec::new();
        assert!(matches!(
            scan(r#""plain {text}""#, 0, &mut d).value,
            Cow::Borrowed("plain {text}")
        ));
    }

    #[test]
    fn problems() {
        assert_eq!(
            decode("\"a\u{2028}b\"").1,
            vec![RuleId::LineSeparatorInString]
        );
        assert_eq!(
            decode(r#""\uD800""#),
            ("\u{FFFD}".to_owned(), vec![RuleId::LoneSurrogate])
        );
        assert_eq!(decode(r#""\u12""#).1, vec![RuleId::InvalidEscape]);
        assert_eq!(decode(r#""\xZZ""#).1, vec![RuleId::InvalidEscape]);
        assert_eq!(decode(r#""\u{110000}""#).1, vec![RuleId::InvalidEscape]);
        assert_eq!(decode("\"open").1, vec![RuleId::UnterminatedString]);
        assert_eq!(decode("\"a\nb\"").1, vec![RuleId::UnterminatedString]);
        assert_eq!(decode("\"\\").1, vec![RuleId::UnterminatedString]);
    }
}
