//! Hostile user data for fuzzing what *writes* markup (`uihook probe --fuzz`,
//! `uihook fuzz-renderer`), and the greedy shrinker that reduces a failing
//! value to a minimal one.
//!
//! [`generate`](crate::generate) writes whole documents for tools that read
//! markup; this module writes the strings a user types into a form, which a
//! hook or renderer must carry into text and attribute values unchanged. Every
//! piece is here because some renderer got it wrong (catalog §D.6) or because
//! it starts syntax in one of the three escaping contexts. Like the document
//! generator, it draws from [`arbitrary::Unstructured`], so the same seed
//! always gives the same values.

use arbitrary::{Result, Unstructured};

/// Pieces that start or end syntax, or decode differently, in markup text,
/// `"…"` attributes, `{"…"}` strings or the template languages hooks use.
pub const PIECES: &[&str] = &[
    "\"", "'", "<", ">", "&", "{", "}", "${x}", "`", "\\", "\\n", "\\u2028", "\u{2028}",
    "\u{2029}", "&amp;", "&quot", "&quot;", "&#123;", "&lt;", "&nbsp;", "</Page>", "<P>",
    "{/* */}", "*/", "<!-- -->", "=", "/>", "\n", "\r\n", "\r", "\t", " ", "\u{a0}", "\u{0}",
    "\u{1f}", "\u{feff}", "é", "😀", "𝔘", "\u{200d}",
];

/// Ordinary words between the pieces, so values look like what users type.
const WORDS: &[&str] = &["Tom", "Jerry", "3", "name", "x", "a b", "prod"];

/// Characters of the long values: a long run of one special piece is how
/// quadratic escapers and buffers with fixed sizes show themselves.
const LONG_MIN: usize = 1_000;
const LONG_MAX: usize = 4_000;

/// One hostile value: one to six pieces, words and arbitrary strings; one
/// in twenty is long (a piece repeated to 1 000 – 4 000 bytes). Never
/// exactly `true` or `false`, which the host turned into booleans whatever
/// the renderer did, and never empty.
pub fn value(u: &mut Unstructured<'_>) -> Result<String> {
    let mut out = String::new();
    if u.ratio(1, 20)? {
        let piece = *u.choose(PIECES)?;
        let target = u.int_in_range(LONG_MIN..=LONG_MAX)?;
        while out.len() < target {
            out.push_str(piece);
            out.push('x');
        }
        return Ok(out);
    }
    for _ in 0..u.int_in_range(1..=6)? {
        match u.int_in_range(0..=9)? {
            0..=5 => out.push_str(u.choose(PIECES)?),
            6..=7 => out.push_str(u.choose(WORDS)?),
            _ => {
                let s: String = u.arbitrary()?;
                out.push_str(&s);
            }
        }
    }
    if out.is_empty() || out == "true" || out == "false" {
        out.push('"');
    }
    Ok(out)
}

/// Shrinks `value` by greedy deletion while `still_fails` holds: chunks of
/// half the length, then a quarter, … down to single characters, each
/// deletion kept when the shorter value still fails. `budget` bounds the
/// calls to `still_fails` (each is typically a request to a hook or a
/// renderer); it is decremented per call and the best value so far is
/// returned when it runs out.
pub fn shrink(
    value: &str,
    mut still_fails: impl FnMut(&str) -> bool,
    budget: &mut usize,
) -> String {
    let mut chars: Vec<char> = value.chars().collect();
    let mut size = (chars.len() / 2).max(1);
    loop {
        let mut i = 0;
        let mut changed = false;
        while i < chars.len() {
            if *budget == 0 {
                return chars.into_iter().collect();
            }
            *budget -= 1;
            let end = (i + size).min(chars.len());
            let candidate: String = chars[..i].iter().chain(&chars[end..]).collect();
            if still_fails(&candidate) {
                chars.drain(i..end);
                changed = true;
            } else {
                i += size;
            }
        }
        if size == 1 {
            if !changed {
                return chars.into_iter().collect();
            }
        } else {
            size /= 2;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::seeded_bytes;

    #[test]
    fn values_are_deterministic_nonempty_and_never_booleans() {
        let bytes = seeded_bytes(7, 1 << 16);
        let mut u = Unstructured::new(&bytes);
        let mut again = Unstructured::new(&bytes);
        let mut long = 0;
        for _ in 0..500 {
            let v = value(&mut u).expect("enough bytes");
            assert_eq!(v, value(&mut again).expect("enough bytes"));
            assert!(!v.is_empty() && v != "true" && v != "false");
            long += usize::from(v.len() >= LONG_MIN);
        }
        assert!(long > 0, "some values are long");
    }

    #[test]
    fn values_cover_every_piece() {
        let bytes = seeded_bytes(1, 1 << 18);
        let mut u = Unstructured::new(&bytes);
        let values: Vec<String> = (0..3000)
            .map(|_| value(&mut u).unwrap_or_default())
            .collect();
        for piece in PIECES {
            assert!(values.iter().any(|v| v.contains(piece)), "{piece:?}");
        }
    }

    #[test]
    fn shrink_finds_the_minimal_failing_character() {
        let mut budget = 1000;
        let mut calls = 0;
        let shrunk = shrink(
            "Tom & \"Jerry\" <3",
            |v| {
                calls += 1;
                v.contains('"')
            },
            &mut budget,
        );
        assert_eq!(shrunk, "\"");
        assert_eq!(1000 - budget, calls);
        // A pair is kept when both halves are needed.
        let mut budget = 1000;
        assert_eq!(
            shrink(
                "ab{cd}ef",
                |v| v.contains('{') && v.contains('}'),
                &mut budget
            ),
            "{}"
        );
    }

    #[test]
    fn shrink_stops_when_the_budget_is_spent() {
        let mut budget = 3;
        let shrunk = shrink("aaaaaaaa\"", |v| v.contains('"'), &mut budget);
        assert_eq!(budget, 0);
        assert!(shrunk.contains('"') && shrunk.len() < 9);
    }
}
