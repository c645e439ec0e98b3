//! Context-aware escaping of UIHook markup: the one markup escaper of the project.
//!
//! Three contexts, each proven by round-trip through our own parser (which
//! decodes exactly as the host did):
//!
//! | context | functions | escaped | why |
//! |---|---|---|---|
//! | markup text between tags | [`markup_text_into`], [`markup_text`] | `& < > { } \r` as entities | `<` and `{` start syntax, `&` starts an entity, the host turned `\r\n` into `\n` in text; `>` and `}` were legal for the host but not for newer JSX parsers |
//! | markup `"…"` attribute value | [`markup_attr_into`], [`markup_attr`] | `&` and `"` as entities | nothing else ends the value or changes on decoding |
//! | markup `{"…"}` JS string | [`js_string_into`] | JSON escapes plus `\u2028`, `\u2029` | acorn 5.7 rejected those two raw (the reference renderer's bug) |
//!
//! Each function is named after its output context; other outputs have
//! escapers of their own (the HTML preview's, the CLI's XML reports').
//!
//! Clean input, by far the common case, is found with a chunked scan that
//! the compiler vectorises, and costs no allocation; otherwise a long value's
//! exact output length is computed first so there is exactly one allocation,
//! and a short one (64 bytes or less) reserves for the worst case.

use std::borrow::Cow;

use wide::u8x16;

/// Bytes of a chunk tested at once; a multiple of every SIMD width.
const CHUNK: usize = 32;

// Written as separate comparisons joined by `|`, not `matches!`: a match on
// these values compiles to a bit-test table that does not vectorise, while
// plain byte compares become SIMD `pcmpeqb`s over a whole chunk.
#[inline(always)]
fn is_text_special(b: u8) -> bool {
    (b == b'&') | (b == b'<') | (b == b'>') | (b == b'{') | (b == b'}') | (b == b'\r')
}

/// How many bytes longer the escaped form is; branch-free so the counting
/// pass vectorises. Must agree with [`push_text_replacement`].
#[inline(always)]
fn text_extra(b: u8) -> u8 {
    (u8::from(b == b'&') | u8::from(b == b'\r')) * 4
        + (u8::from(b == b'<') | u8::from(b == b'>')) * 3
        + (u8::from(b == b'{') | u8::from(b == b'}')) * 5
}

#[inline(always)]
fn attr_extra(b: u8) -> u8 {
    u8::from(b == b'&') * 4 + u8::from(b == b'"') * 5
}

/// The total growth of `bytes` when escaped, summed per chunk in 16-bit
/// lanes so the loop vectorises (a chunk adds at most 32 × 5).
#[inline(always)]
fn total_extra(bytes: &[u8], extra_len: impl Fn(u8) -> u8 + Copy) -> usize {
    let mut chunks = bytes.chunks_exact(CHUNK);
    let mut total = 0usize;
    for chunk in chunks.by_ref() {
        total += usize::from(
            chunk
                .iter()
                .fold(0u16, |sum, &b| sum + u16::from(extra_len(b))),
        );
    }
    total
        + chunks
            .remainder()
            .iter()
            .map(|&b| usize::from(extra_len(b)))
            .sum::<usize>()
}

/// The index of the first byte for which `special` holds. Whole chunks are
/// tested without early exit so the loop compiles to SIMD compares.
#[inline(always)]
fn first_special(bytes: &[u8], special: impl Fn(u8) -> bool) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(CHUNK);
    let mut offset = 0;
    for chunk in chunks.by_ref() {
        if chunk.iter().fold(0u8, |any, &b| any | u8::from(special(b))) != 0 {
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

const ONES: u64 = 0x0101_0101_0101_0101;
const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;

/// The high bit of each byte of `w` that equals `b` (exact: no false
/// positives, unlike the classic "has zero byte" trick).
#[inline(always)]
fn bytes_equal(w: u64, b: u8) -> u64 {
    let x = w ^ (ONES * u64::from(b));
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// The high bit of each byte of `w` that the text escaper replaces: eight
/// bytes tested with a few word operations, so a string with many specials
/// costs little more per byte than a clean one.
#[inline(always)]
fn text_word_mask(w: u64) -> u64 {
    // `<` (0x3C) and `>` (0x3E) differ only in bit 1.
    bytes_equal(w | (ONES * 2), b'>')
        | bytes_equal(w, b'&')
        | bytes_equal(w, b'{')
        | bytes_equal(w, b'}')
        | bytes_equal(w, b'\r')
}

/// Escapes `s` for text from `first` on (nothing before `first` needs it),
/// appending to `out` with one reservation of the exact size.
#[inline(always)]
fn escape_text_from(s: &str, out: &mut String, first: usize) {
    let bytes = s.as_bytes();
    out.reserve(s.len() + total_extra(&bytes[first..], text_extra));
    // Every special byte is ASCII, so each slice below is on char boundaries.
    let mut run = 0;
    let mut emit = |pos: usize, out: &mut String| {
        out.push_str(&s[run..pos]);
        push_text_replacement(bytes[pos], out);
        run = pos + 1;
    };
    let mut words = bytes[first..].chunks_exact(8);
    let mut base = first;
    for word in words.by_ref() {
        let mut mask = text_word_mask(u64::from_le_bytes(word.try_into().unwrap_or([0; 8])));
        while mask != 0 {
            emit(base + (mask.trailing_zeros() / 8) as usize, out);
            mask &= mask - 1;
        }
        base += 8;
    }
    for (i, &b) in words.remainder().iter().enumerate() {
        if is_text_special(b) {
            emit(base + i, out);
        }
    }
    out.push_str(&s[run..]);
}

/// Appends `s` escaped for the text context.
///
/// `#[inline]`: the optimiser decides. With the replacement loop inside,
/// it usually keeps this one call, which keeps straight-line templates
/// compact; loops use [`markup_text_into_hot`].
#[inline]
pub fn markup_text_into(s: &str, out: &mut String) {
    if s.len() > SHORT {
        return escape_long_text(s, out);
    }
    match short_mask(s.as_bytes(), TEXT_SPECIALS) {
        0 => out.push_str(s),
        mask => replace_masked::<false>(s, mask, out),
    }
}

/// [`markup_text_into`] with the scan of a short value always inlined at
/// the call site and only the replacement out of line, so a clean value
/// (the common case) costs no call. The `uihook!` macro uses it for text
/// inside loops, where that saves a call per item; straight-line code keeps
/// the one-call form, as inlining the scan adds about 1 KB per call site.
///
/// Its body repeats [`markup_text_into`]'s on purpose: with one shared
/// `#[inline(always)]` body, the optimiser inlines `markup_text_into` at
/// every call site too, and the 500-element test template's code grows
/// from 32 KB to 159 KB.
#[doc(hidden)]
#[inline(always)]
pub fn markup_text_into_hot(s: &str, out: &mut String) {
    if s.len() > SHORT {
        return escape_long_text(s, out);
    }
    match short_mask(s.as_bytes(), TEXT_SPECIALS) {
        0 => out.push_str(s),
        mask => replace_short_text(s, mask, out),
    }
}

#[inline(never)]
fn replace_short_text(s: &str, mask: u64, out: &mut String) {
    replace_masked::<false>(s, mask, out);
}

/// Long values are first scanned with the vectorised clean-run check.
#[inline(never)]
fn escape_long_text(s: &str, out: &mut String) {
    match first_special(s.as_bytes(), is_text_special) {
        None => out.push_str(s),
        Some(first) => escape_text_from(s, out, first),
    }
}

/// Values up to this length take the block-mask path ([`short_mask`]): most
/// template values (names, titles, URLs) are this short.
const SHORT: usize = 64;

/// The longest replacement of either context is six bytes for one.
const MAX_EXTRA: usize = 5;

/// Bytes tested at once by [`short_mask`]: one SSE2 register.
const BLOCK: usize = 16;

/// Bit `i` set when `block[i]` is one of `specials`: one vector compare per
/// special byte and one `movemask` (SSE2 on x86-64, NEON or a scalar
/// fallback elsewhere, through `wide`'s safe vector types).
#[inline(always)]
fn block_mask(block: &[u8; BLOCK], specials: &[u8]) -> u32 {
    let v = u8x16::from(*block);
    let hits = specials
        .iter()
        .fold(u8x16::ZERO, |hits, &b| hits | v.cmp_eq(u8x16::splat(b)));
    hits.move_mask() as u32
}

/// Bit `i` set when byte `i` of a value of at most [`SHORT`] bytes is one of
/// `specials`: one pass over its 16-byte blocks (at most four; the last one
/// overlaps the one before it rather than reading past the end), without the
/// per-byte length pass of long values.
#[inline(always)]
fn short_mask(bytes: &[u8], specials: &[u8]) -> u64 {
    let Some(last) = bytes.last_chunk::<BLOCK>() else {
        return short_block_mask(bytes, specials);
    };
    let mut mask = 0u64;
    let mut blocks = bytes.chunks_exact(BLOCK);
    for (i, block) in blocks.by_ref().enumerate() {
        if let Ok(block) = <&[u8; BLOCK]>::try_from(block) {
            mask |= u64::from(block_mask(block, specials)) << (i * BLOCK);
        }
    }
    let tail = blocks.remainder().len();
    if tail > 0 {
        let overlap = u64::from(block_mask(last, specials)) >> (BLOCK - tail);
        mask |= overlap << (bytes.len() - tail);
    }
    mask
}

/// Appends `s` with the bytes marked in `mask` (all ASCII) replaced, for
/// the attribute context when `ATTR`, else for text. A constant rather than
/// a function argument, so that the replacement is written in place even
/// where the optimiser has stopped inlining calls through closures.
/// `#[inline]`, not forced: the optimiser inlines it where it pays.
#[inline]
fn replace_masked<const ATTR: bool>(s: &str, mut mask: u64, out: &mut String) {
    // Room for every byte to be replaced: one check instead of counting the
    // specials (`count_ones` is a dozen instructions without `popcnt`), and
    // at most 64 × 6 bytes. Each push below checks its capacity anyway.
    out.reserve(s.len() * (MAX_EXTRA + 1));
    // The value is consumed from the front, split just before each special
    // and stepped past it as a `char`: once the special byte is known to be
    // ASCII, the optimiser drops both char-boundary checks that slicing
    // `s[run..pos]` costs.
    let mut rest = s;
    let mut consumed = 0;
    while mask != 0 {
        let pos = (mask.trailing_zeros() as usize).wrapping_sub(consumed);
        let b = match rest.as_bytes().get(pos) {
            Some(&b) if b.is_ascii() => b,
            // Never taken (the mask marks ASCII specials of `s` only), but
            // if it were, the long path escapes what is left correctly.
            _ if ATTR => return escape_long_attr(rest, out),
            _ => return escape_long_text(rest, out),
        };
        let (run, special) = rest.split_at(pos);
        out.push_str(run);
        if ATTR {
            push_attr_replacement(b, out);
        } else {
            push_text_replacement(b, out);
        }
        let mut chars = special.chars();
        chars.next();
        rest = chars.as_str();
        consumed += pos + 1;
        mask &= mask - 1;
    }
    out.push_str(rest);
}

/// The special-byte mask of a value shorter than a block. Its first and
/// last 8 bytes (or 4, or 1) are packed into one zero-padded block with
/// fixed-size copies (zero is special in no context): a copy of the value's
/// own length would compile to a `memcpy` call, which costs more than the
/// scan. The two windows may overlap; each special lands on its own bit.
#[inline(always)]
fn short_block_mask(bytes: &[u8], specials: &[u8]) -> u64 {
    let n = bytes.len();
    let mut block = [0u8; BLOCK];
    let window = match n {
        8.. => pack_ends::<8>(bytes, &mut block),
        4.. => pack_ends::<4>(bytes, &mut block),
        1.. => {
            // One to three bytes: the middle one goes in a third slot.
            block[1] = bytes[n / 2];
            pack_ends::<1>(bytes, &mut block)
        }
        0 => return 0,
    };
    let m = u64::from(block_mask(&block, specials));
    let head = m & 0xFF;
    let tail = (m >> 8) << (n - window);
    if window == 1 {
        // Bit 0 is byte 0, bit 1 the middle byte, bit 8 the last byte.
        (head & 1) | ((head >> 1) << (n / 2)) | tail
    } else {
        head | tail
    }
}

/// Copies the first `W` bytes to the start of `block` and the last `W` to
/// its second half; returns `W`. `W` is a constant so that each copy is a
/// single load and store.
#[inline(always)]
fn pack_ends<const W: usize>(bytes: &[u8], block: &mut [u8; BLOCK]) -> usize {
    if let (Some(first), Some(last)) = (bytes.first_chunk::<W>(), bytes.last_chunk::<W>()) {
        block[..W].copy_from_slice(first);
        block[8..8 + W].copy_from_slice(last);
    }
    W
}

/// Appends the text replacement of a special byte. One constant per arm, so
/// each copy is a fixed-size store rather than a `memcpy` call.
#[inline(always)]
fn push_text_replacement(b: u8, out: &mut String) {
    match b {
        b'&' => out.push_str("&amp;"),
        b'<' => out.push_str("&lt;"),
        b'>' => out.push_str("&gt;"),
        b'{' => out.push_str("&#123;"),
        b'}' => out.push_str("&#125;"),
        _ => out.push_str("&#13;"),
    }
}

/// Appends the attribute replacement of a special byte.
#[inline(always)]
fn push_attr_replacement(b: u8, out: &mut String) {
    if b == b'&' {
        out.push_str("&amp;");
    } else {
        out.push_str("&quot;");
    }
}

/// The bytes each context replaces, for the vector compares.
const TEXT_SPECIALS: &[u8] = b"&<>{}\r";
const ATTR_SPECIALS: &[u8] = b"&\"";

/// `s` escaped for the text context; borrowed when nothing needs escaping.
pub fn markup_text(s: &str) -> Cow<'_, str> {
    match first_special(s.as_bytes(), is_text_special) {
        None => Cow::Borrowed(s),
        Some(first) => {
            let mut out = String::new();
            escape_text_from(s, &mut out, first);
            Cow::Owned(out)
        }
    }
}

/// Appends `s` escaped for a double-quoted attribute value (without quotes),
/// inlined like [`markup_text_into`].
#[inline]
pub fn markup_attr_into(s: &str, out: &mut String) {
    if s.len() > SHORT {
        return escape_long_attr(s, out);
    }
    match short_mask(s.as_bytes(), ATTR_SPECIALS) {
        0 => out.push_str(s),
        mask => replace_masked::<true>(s, mask, out),
    }
}

#[inline(never)]
fn escape_long_attr(s: &str, out: &mut String) {
    match memchr::memchr2(b'&', b'"', s.as_bytes()) {
        None => out.push_str(s),
        Some(first) => escape_attr_runs(s, out, first),
    }
}

/// Attribute values have only two special bytes, so `memchr2`'s SIMD search
/// finds each one directly (faster than the chunk masks of the text context).
fn escape_attr_runs(s: &str, out: &mut String, first: usize) {
    let bytes = s.as_bytes();
    out.reserve(s.len() + total_extra(&bytes[first..], attr_extra));
    let mut run = 0;
    for offset in memchr::memchr2_iter(b'&', b'"', &bytes[first..]) {
        let pos = first + offset;
        // `&` and `"` are ASCII, so the slices stay on char boundaries.
        out.push_str(&s[run..pos]);
        push_attr_replacement(bytes[pos], out);
        run = pos + 1;
    }
    out.push_str(&s[run..]);
}

/// `s` escaped for a double-quoted attribute value (without quotes).
pub fn markup_attr(s: &str) -> Cow<'_, str> {
    match memchr::memchr2(b'&', b'"', s.as_bytes()) {
        None => Cow::Borrowed(s),
        Some(first) => {
            let mut out = String::new();
            escape_attr_runs(s, &mut out, first);
            Cow::Owned(out)
        }
    }
}

/// Appends `s` as the inside of a double-quoted JS string literal, as the
/// reference renderer's `{"…"}` containers hold it, but safe for the host:
/// JSON escapes plus `\u2028` and `\u2029`.
pub fn js_string_into(s: &str, out: &mut String) {
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
        assert_eq!(markup_text("plain"), Cow::Borrowed("plain"));
        assert_eq!(
            markup_text("a<b>{c}&d\r\n"),
            "a&lt;b&gt;&#123;c&#125;&amp;d&#13;\n"
        );
        let long = format!("{}<{}", "x".repeat(100), "é".repeat(40));
        assert_eq!(
            markup_text(&long),
            format!("{}&lt;{}", "x".repeat(100), "é".repeat(40))
        );
    }

    #[test]
    fn extra_lengths_agree_with_replacements() {
        for b in 0..=255u8 {
            if is_text_special(b) {
                let mut pushed = String::new();
                push_text_replacement(b, &mut pushed);
                assert_eq!(text_extra(b) as usize, pushed.len() - 1);
                assert!(TEXT_SPECIALS.contains(&b));
            } else {
                assert_eq!(text_extra(b), 0);
            }
            if matches!(b, b'&' | b'"') {
                let mut pushed = String::new();
                push_attr_replacement(b, &mut pushed);
                assert_eq!(attr_extra(b) as usize, pushed.len() - 1);
                assert!(ATTR_SPECIALS.contains(&b));
            } else {
                assert_eq!(attr_extra(b), 0);
            }
        }
    }

    #[test]
    fn word_mask_is_exact_for_every_byte_and_position() {
        for b in 0..=255u8 {
            for k in 0..8 {
                let mut word = [b'a'; 8];
                word[k] = b;
                // Neighbours that stress the carry of the zero-byte trick.
                word[(k + 1) % 8] = b.wrapping_add(1);
                let mask = text_word_mask(u64::from_le_bytes(word));
                for (i, &byte) in word.iter().enumerate() {
                    let set = mask & (0x80 << (8 * i)) != 0;
                    assert_eq!(
                        set,
                        is_text_special(byte),
                        "byte {byte:#x} at {i} (word {word:?})"
                    );
                }
            }
        }
    }

    #[test]
    fn short_values_agree_with_the_long_path() {
        // Every length up to a chunk, a special at every position and in the
        // zero-padded tail word, against the per-byte reference.
        for len in 0..=SHORT + 8 {
            for pos in 0..=len {
                for special in [b'&', b'<', b'>', b'{', b'}', b'\r', b'"', b'a'] {
                    let mut bytes = vec![b'x'; len];
                    if pos < len {
                        bytes[pos] = special;
                    }
                    let s = String::from_utf8(bytes).unwrap_or_default();
                    let mut short = String::new();
                    markup_text_into(&s, &mut short);
                    assert_eq!(short, markup_text(&s), "{s:?}");
                    let mut hot = String::new();
                    markup_text_into_hot(&s, &mut hot);
                    assert_eq!(hot, short, "{s:?}");
                    let mut short = String::new();
                    markup_attr_into(&s, &mut short);
                    assert_eq!(short, markup_attr(&s), "{s:?}");
                }
            }
        }
        let mut out = String::new();
        markup_text_into("é<ü>&", &mut out);
        markup_attr_into("\"é\"&", &mut out);
        assert_eq!(out, "é&lt;ü&gt;&amp;&quot;é&quot;&amp;");
    }

    #[test]
    fn block_mask_sets_exactly_the_special_bytes() {
        for pos in 0..BLOCK {
            for b in 0..=255u8 {
                let mut block = [b'a'; BLOCK];
                block[pos] = b;
                let expected = if is_text_special(b) { 1 << pos } else { 0 };
                assert_eq!(
                    block_mask(&block, TEXT_SPECIALS),
                    expected,
                    "{b:#x} at {pos}"
                );
            }
        }
        assert_eq!(block_mask(&[b'&'; BLOCK], ATTR_SPECIALS), 0xFFFF);
    }

    #[test]
    fn attr() {
        assert_eq!(markup_attr("it's <fine>"), Cow::Borrowed("it's <fine>"));
        assert_eq!(
            markup_attr("say \"hi\" & bye"),
            "say &quot;hi&quot; &amp; bye"
        );
    }

    #[test]
    fn one_allocation_of_the_exact_size() {
        let s = "&".repeat(1000) + &"a".repeat(1000);
        let out = markup_text(&s);
        assert_eq!(out.len(), 6000);
        assert_eq!(out.len(), out.into_owned().capacity());
    }

    #[test]
    fn js_string() {
        let mut out = String::new();
        js_string_into("a\"b\\c\nd\u{2028}\u{1}é", &mut out);
        assert_eq!(out, "a\\\"b\\\\c\\nd\\u2028\\u0001é");
    }
}
