//! Context-aware escaping: the one escaper of the project.
//!
//! Three contexts, each proven by round-trip through our own parser (which
//! decodes exactly as the host did):
//!
//! | context | escaped | why |
//! |---|---|---|
//! | text between tags | `& < > { } \r` as entities | `<` and `{` start syntax, `&` starts an entity, the host turned `\r\n` into `\n` in text; `>` and `}` were legal for the host but not for newer JSX parsers |
//! | `"…"` attribute value | `&` and `"` as entities | nothing else ends the value or changes on decoding |
//! | `{"…"}` JS string | JSON escapes plus `\u2028`, `\u2029` | acorn 5.7 rejected those two raw (the reference renderer's bug) |
//!
//! Clean input, by far the common case, is found with a chunked scan that
//! the compiler vectorises, and costs no allocation; otherwise the exact
//! output length is computed first so there is exactly one allocation.

use std::borrow::Cow;

/// Bytes of a chunk tested at once; a multiple of every SIMD width.
const CHUNK: usize = 32;

#[inline(always)]
fn is_text_special(b: u8) -> bool {
    matches!(b, b'&' | b'<' | b'>' | b'{' | b'}' | b'\r')
}

#[inline(always)]
fn is_attr_special(b: u8) -> bool {
    matches!(b, b'&' | b'"')
}

fn text_replacement(b: u8) -> &'static str {
    match b {
        b'&' => "&amp;",
        b'<' => "&lt;",
        b'>' => "&gt;",
        b'{' => "&#123;",
        b'}' => "&#125;",
        _ => "&#13;",
    }
}

fn attr_replacement(b: u8) -> &'static str {
    if b == b'&' {
        "&amp;"
    } else {
        "&quot;"
    }
}

/// The index of the first byte for which `special` holds. Whole chunks are
/// tested without early exit so the loop compiles to SIMD compares.
#[inline(always)]
fn first_special(bytes: &[u8], special: impl Fn(u8) -> bool) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(CHUNK);
    let mut offset = 0;
    for chunk in chunks.by_ref() {
        if chunk.iter().fold(false, |any, &b| any | special(b)) {
            return chunk.iter().position(|&b| special(b)).map(|p| offset + p);
        }
        offset += CHUNK;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| special(b))
        .map(|p| offset + p)
}

#[inline(always)]
fn escape_with(
    s: &str,
    out: &mut String,
    first: usize,
    special: impl Fn(u8) -> bool + Copy,
    replacement: fn(u8) -> &'static str,
) {
    let bytes = s.as_bytes();
    let extra: usize = bytes[first..]
        .iter()
        .filter(|&&b| special(b))
        .map(|&b| replacement(b).len() - 1)
        .sum();
    out.reserve(s.len() + extra);
    out.push_str(&s[..first]);
    let mut i = first;
    loop {
        // `i` is at a special byte (ASCII), so slicing stays on char boundaries.
        out.push_str(replacement(bytes[i]));
        i += 1;
        match first_special(&bytes[i..], special) {
            Some(n) => {
                out.push_str(&s[i..i + n]);
                i += n;
            }
            None => {
                out.push_str(&s[i..]);
                return;
            }
        }
    }
}

/// Appends `s` escaped for the text context.
pub fn escape_text_into(s: &str, out: &mut String) {
    match first_special(s.as_bytes(), is_text_special) {
        None => out.push_str(s),
        Some(first) => escape_with(s, out, first, is_text_special, text_replacement),
    }
}

/// `s` escaped for the text context; borrowed when nothing needs escaping.
pub fn escape_text(s: &str) -> Cow<'_, str> {
    match first_special(s.as_bytes(), is_text_special) {
        None => Cow::Borrowed(s),
        Some(first) => {
            let mut out = String::new();
            escape_with(s, &mut out, first, is_text_special, text_replacement);
            Cow::Owned(out)
        }
    }
}

/// Appends `s` escaped for a double-quoted attribute value (without quotes).
pub fn escape_attr_into(s: &str, out: &mut String) {
    match memchr::memchr2(b'&', b'"', s.as_bytes()) {
        None => out.push_str(s),
        Some(first) => escape_with(s, out, first, is_attr_special, attr_replacement),
    }
}

/// `s` escaped for a double-quoted attribute value (without quotes).
pub fn escape_attr(s: &str) -> Cow<'_, str> {
    match memchr::memchr2(b'&', b'"', s.as_bytes()) {
        None => Cow::Borrowed(s),
        Some(first) => {
            let mut out = String::new();
            escape_with(s, &mut out, first, is_attr_special, attr_replacement);
            Cow::Owned(out)
        }
    }
}

/// Appends `s` as the inside of a double-quoted JS string literal, as the
/// reference renderer's `{"…"}` containers hold it, but safe for the host:
/// JSON escapes plus `\u2028` and `\u2029`.
pub fn escape_js_string_into(s: &str, out: &mut String) {
    out.reserve(s.len());
    let mut run = 0;
    for (i, c) in s.char_indices() {
        let escaped: Option<&str> = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            '\u{2028}' => Some("\\u2028"),
            '\u{2029}' => Some("\\u2029"),
            c if c < ' ' => None,
            _ => continue,
        };
        out.push_str(&s[run..i]);
        match escaped {
            Some(e) => out.push_str(e),
            None => {
                use std::fmt::Write;
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
        }
        run = i + c.len_utf8();
    }
    out.push_str(&s[run..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text() {
        assert_eq!(escape_text("plain"), Cow::Borrowed("plain"));
        assert_eq!(
            escape_text("a<b>{c}&d\r\n"),
            "a&lt;b&gt;&#123;c&#125;&amp;d&#13;\n"
        );
        let long = format!("{}<{}", "x".repeat(100), "é".repeat(40));
        assert_eq!(
            escape_text(&long),
            format!("{}&lt;{}", "x".repeat(100), "é".repeat(40))
        );
    }

    #[test]
    fn attr() {
        assert_eq!(escape_attr("it's <fine>"), Cow::Borrowed("it's <fine>"));
        assert_eq!(
            escape_attr("say \"hi\" & bye"),
            "say &quot;hi&quot; &amp; bye"
        );
    }

    #[test]
    fn one_allocation_of_the_exact_size() {
        let s = "&".repeat(1000) + &"a".repeat(1000);
        let out = escape_text(&s);
        assert_eq!(out.len(), 6000);
        assert_eq!(out.len(), out.into_owned().capacity());
    }

    #[test]
    fn js_string() {
        let mut out = String::new();
        escape_js_string_into("a\"b\\c\nd\u{2028}\u{1}é", &mut out);
        assert_eq!(out, "a\\\"b\\\\c\\nd\\u2028\\u0001é");
    }
}
