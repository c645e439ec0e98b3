//! Escaping for the preview's output, HTML: one function per context, named
//! after it.
//!
//! | context | function | escaped |
//! |---|---|---|
//! | HTML text | [`html_text_into`] | the markup text escaper's `& < > { } \r` entities, all right for HTML too |
//! | double-quoted HTML attribute value | [`html_attr_into`] | `&`, `"` and `<` |

/// Appends `s` escaped for HTML text: the compiler's markup text escaper
/// ([`uihook_compiler::escape::markup_text_into`]), whose entities are also
/// right for HTML.
#[inline]
pub fn html_text_into(s: &str, out: &mut String) {
    uihook_compiler::escape::markup_text_into(s, out);
}

/// Appends `s` escaped for a double-quoted HTML attribute value: `&` (starts
/// a character reference), `"` (ends the value) and `<` (never needed there,
/// escaped so that no `<` of user data appears anywhere in the output). The
/// markup escaper's attribute rule leaves `<` alone, which is right for
/// markup but not this guarantee, hence a second, HTML-only function.
pub fn html_attr_into(s: &str, out: &mut String) {
    let bytes = s.as_bytes();
    let Some(first) = memchr::memchr3(b'&', b'"', b'<', bytes) else {
        out.push_str(s);
        return;
    };
    out.reserve(s.len() + 8);
    let mut run = 0;
    for pos in memchr::memchr3_iter(b'&', b'"', b'<', &bytes[first..]).map(|p| p + first) {
        // The three bytes are ASCII, so the slices stay on char boundaries.
        out.push_str(&s[run..pos]);
        out.push_str(match bytes[pos] {
            b'&' => "&amp;",
            b'"' => "&quot;",
            _ => "&lt;",
        });
        run = pos + 1;
    }
    out.push_str(&s[run..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_escaper_escapes_its_three_bytes() {
        let mut out = String::new();
        html_attr_into("a&b\"c<d>e'f", &mut out);
        assert_eq!(out, "a&amp;b&quot;c&lt;d>e'f");
        let mut clean = String::new();
        html_attr_into("plain é", &mut clean);
        assert_eq!(clean, "plain é");
    }
}
