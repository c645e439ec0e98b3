//! HTML character references, decoded the way the host parser decoded them.
//!
//! acorn-jsx reads at most 10 characters after `&` looking for `;`, then
//! decodes `&#123;`, `&#x7b;` or one of the 253 XHTML names; anything else
//! stays literal, `&` included. Text runs also get the JSX CRLF → LF
//! normalisation (attribute strings do not). Entities the host would have
//! shown literally (`&quot` without `;`, `&bigcup;`) are reported, since the
//! author almost certainly meant them to decode.

use std::borrow::Cow;

use memchr::{memchr, memchr2};

use crate::ast::Span;
use crate::diagnostic::Diagnostic;
use crate::entity_table::XHTML_ENTITIES;
use crate::rules::RuleId;

/// How many characters after `&` the host looked at for the closing `;`.
const MAX_ENTITY_LEN: usize = 10;

/// Looks up an XHTML entity name (without `&` and `;`).
pub fn named_entity(name: &str) -> Option<char> {
    // The ones markup is full of, compared inline, before the binary
    // search's eight comparisons of the whole table.
    match name {
        "amp" => return Some('&'),
        "lt" => return Some('<'),
        "gt" => return Some('>'),
        "quot" => return Some('"'),
        _ => {}
    }
    XHTML_ENTITIES
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|i| XHTML_ENTITIES[i].1)
}

/// Decodes a JSX text run: entities and CRLF → LF. `base` is the offset of
/// `raw` in the source, for diagnostics.
pub fn decode_text<'a>(
    raw: &'a str,
    base: usize,
    diags: &mut Vec<Diagnostic<Span>>,
) -> Cow<'a, str> {
    decode(raw, base, true, diags)
}

/// Decodes a quoted attribute string (entities only; newlines are kept as is).
pub fn decode_attr<'a>(
    raw: &'a str,
    base: usize,
    diags: &mut Vec<Diagnostic<Span>>,
) -> Cow<'a, str> {
    decode(raw, base, false, diags)
}

fn decode<'a>(
    raw: &'a str,
    base: usize,
    crlf: bool,
    diags: &mut Vec<Diagnostic<Span>>,
) -> Cow<'a, str> {
    crate::work::add(raw.len());
    let bytes = raw.as_bytes();
    // Most values are short; a plain loop beats setting up a SIMD search.
    let first = if bytes.len() < 32 {
        bytes
            .iter()
            .position(|&b| b == b'&' || (crlf && b == b'\r'))
    } else if crlf {
        memchr2(b'&', b'\r', bytes)
    } else {
        memchr(b'&', bytes)
    };
    let Some(first) = first else {
        return Cow::Borrowed(raw);
    };
    let mut out = String::with_capacity(raw.len());
    out.push_str(&raw[..first]);
    let mut i = first;
    while i < bytes.len() {
        let next = if crlf {
            memchr2(b'&', b'\r', &bytes[i..])
        } else {
            memchr(b'&', &bytes[i..])
        };
        let Some(off) = next else {
            out.push_str(&raw[i..]);
            break;
        };
        out.push_str(&raw[i..i + off]);
        i += off;
        if bytes[i] == b'\r' {
            if bytes.get(i + 1) == Some(&b'\n') {
                out.push('\n');
                i += 2;
            } else {
                out.push('\r');
                i += 1;
            }
            continue;
        }
        match read_entity(&raw[i..]) {
            Entity::Decoded(c, len) => {
                out.push(c);
                i += len;
            }
            Entity::DecodedWithProblem(c, (len, message, help)) => {
                diags.push(
                    Diagnostic::new(
                        RuleId::SuspiciousEntity,
                        message,
                        base + i..base + i + len,
                        "decoded differently by the host",
                    )
                    .with_help(help),
                );
                out.push(c);
                i += len;
            }
            Entity::Literal(problem) => {
                if let Some((len, message, help)) = problem {
                    diags.push(
                        Diagnostic::new(
                            RuleId::SuspiciousEntity,
                            message,
                            base + i..base + i + len,
                            "shown literally by the host",
                        )
                        .with_help(help),
                    );
                }
                out.push('&');
                i += 1;
            }
        }
    }
    Cow::Owned(out)
}

enum Entity {
    /// The character and the length of the reference in bytes.
    Decoded(char, usize),
    /// Decoded, but worth a warning: (length, message, help).
    DecodedWithProblem(char, (usize, String, String)),
    /// Not decoded; maybe a problem worth reporting: (length, message, help).
    Literal(Option<(usize, String, String)>),
}

/// Reads a reference at the start of `s` (which begins with `&`).
fn read_entity(s: &str) -> Entity {
    let body = &s[1..];
    let semi = body
        .char_indices()
        .take(MAX_ENTITY_LEN)
        .find(|&(_, c)| c == ';')
        .map(|(i, _)| i);
    let Some(semi) = semi else {
        return Entity::Literal(missing_semicolon(body));
    };
    let name = &body[..semi];
    let len = semi + 2;
    if let Some(hex) = name.strip_prefix("#X").filter(|h| numeric(h, 16).is_char()) {
        return Entity::Literal(Some((
            len,
            format!("`&{name};` is shown literally: the host decoded only a lower-case `&#x`"),
            format!("write `&#x{hex};`"),
        )));
    }
    let decoded = if let Some(hex) = name.strip_prefix("#x") {
        numeric(hex, 16)
    } else if let Some(dec) = name.strip_prefix('#') {
        numeric(dec, 10)
    } else {
        return match named_entity(name) {
            Some(c) => Entity::Decoded(c, len),
            None if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric()) => {
                Entity::Literal(Some((
                    len,
                    format!("`&{name};` is not an entity the host knew"),
                    "the host decoded only the XHTML 1.0 entities; write the character itself, or `&amp;` for a literal `&`".to_owned(),
                )))
            }
            None => Entity::Literal(None),
        };
    };
    match decoded {
        Numeric::Char(c) => Entity::Decoded(c, len),
        Numeric::NotDigits => Entity::Literal(None),
        // Decoded as the author meant it, with a warning that the host
        // showed another character (it kept only 16 bits).
        Numeric::Astral(v) => Entity::DecodedWithProblem(char::from_u32(v).unwrap_or('\u{FFFD}'), (
            len,
            format!("`&{name};` is above U+FFFF, which the host decoded to the wrong character"),
            format!(
                "the host used `String.fromCharCode`, which keeps only 16 bits; write the character `{}` itself",
                char::from_u32(v).map(String::from).unwrap_or_default()
            ),
        )),
        // The host showed U+FFFD for these too.
        Numeric::Invalid => Entity::DecodedWithProblem('\u{FFFD}', (
            len,
            format!("`&{name};` is not a valid character"),
            "surrogates and values above U+10FFFF show as U+FFFD; remove the reference".to_owned(),
        )),
    }
}

enum Numeric {
    Char(char),
    Astral(u32),
    Invalid,
    NotDigits,
}

impl Numeric {
    fn is_char(&self) -> bool {
        matches!(self, Numeric::Char(_) | Numeric::Astral(_))
    }
}

fn numeric(digits: &str, radix: u32) -> Numeric {
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return Numeric::NotDigits;
    }
    match u32::from_str_radix(digits, radix) {
        Ok(v) if v > 0xFFFF => match char::from_u32(v) {
            Some(_) => Numeric::Astral(v),
            None => Numeric::Invalid,
        },
        Ok(v) => char::from_u32(v).map_or(Numeric::Invalid, Numeric::Char),
        Err(_) => Numeric::Invalid,
    }
}

/// `&quot` or `&amp` followed by something other than `;`: the reference
/// renderer's `&quot` bug (catalog §D.6 #1) shows up exactly like this.
fn missing_semicolon(body: &str) -> Option<(usize, String, String)> {
    let name_len = body
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let run = &body[..name_len];
    // `&quothi`: the reference renderer's output glued the next word on.
    let name = if named_entity(run).is_some() {
        run
    } else {
        ["quot", "amp", "apos", "lt", "gt", "nbsp"]
            .into_iter()
            .find(|n| run.starts_with(n))?
    };
    let name_len = name.len();
    Some((
        name_len + 1,
        format!("`&{name}` has no `;`, so the host showed it literally"),
        format!("write `&{name};`"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> (String, Vec<RuleId>) {
        let mut d = Vec::new();
        let v = decode_text(s, 0, &mut d).into_owned();
        (v, d.iter().map(|d| d.code).collect())
    }

    #[test]
    fn table_is_sorted_and_complete() {
        assert_eq!(XHTML_ENTITIES.len(), 253);
        assert!(XHTML_ENTITIES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(named_entity("apos"), Some('\''));
        assert_eq!(named_entity("nbsp"), Some('\u{a0}'));
        assert_eq!(named_entity("bigcup"), None);
    }

    #[test]
    fn every_name_finds_its_table_entry() {
        for &(name, c) in XHTML_ENTITIES {
            assert_eq!(named_entity(name), Some(c), "{name}");
        }
        assert_eq!(named_entity("ampx"), None);
        assert_eq!(named_entity("Amp"), None);
    }

    #[test]
    fn decodes_like_acorn_jsx() {
        assert_eq!(text("a &amp; b").0, "a & b");
        assert_eq!(
            text("&#123;&#x7D;&#X41;"),
            ("{}&#X41;".to_owned(), vec![RuleId::SuspiciousEntity])
        );
        assert_eq!(text("&lt;&gt;&quot;&apos;").0, "<>\"'");
        assert_eq!(text("AT&T").0, "AT&T");
        assert_eq!(text("&;").0, "&;");
        // `;` further than 10 characters away: literal.
        assert_eq!(text("&abcdefghijk;").0, "&abcdefghijk;");
        assert_eq!(text("a\r\nb\rc").0, "a\nb\rc");
    }

    #[test]
    fn borrows_when_nothing_changes() {
        let mut d = Vec::new();
        assert!(matches!(
            decode_text("plain text", 0, &mut d),
            Cow::Borrowed(_)
        ));
        assert!(matches!(decode_attr("a\r\nb", 0, &mut d), Cow::Borrowed(_)));
    }

    #[test]
    fn reports_what_the_host_showed_literally() {
        assert_eq!(
            text("say &quothi&quot"),
            (
                "say &quothi&quot".to_owned(),
                vec![RuleId::SuspiciousEntity, RuleId::SuspiciousEntity]
            )
        );
        assert_eq!(text("&bigcup;").1, vec![RuleId::SuspiciousEntity]);
        assert_eq!(
            text("&#128512;"),
            ("😀".to_owned(), vec![RuleId::SuspiciousEntity])
        );
        assert_eq!(
            text("&#xD800;"),
            ("\u{FFFD}".to_owned(), vec![RuleId::SuspiciousEntity])
        );
        assert!(text("a & b && c").1.is_empty());
    }
}
