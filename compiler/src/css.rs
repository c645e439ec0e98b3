//! CSS property names for `Box` attributes, and the safety check of values.
//!
//! The names come from the mdn-data package (`css_properties.txt`); `Box`
//! takes them in camelCase, as React's `style` object does.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use crate::suggest::Candidates;

static LIST: &str = include_str!("css_properties.txt");

/// Every standard CSS property name in kebab-case, sorted.
pub fn properties() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        LIST.lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// True when `kebab` is a CSS property name such as `margin-top`.
pub fn is_property(kebab: &str) -> bool {
    properties().binary_search(&kebab).is_ok()
}

/// `marginTop` → `margin-top`, the way React wrote a `style` key as CSS:
/// a `-` before every capital, so `WebkitBoxShadow` → `-webkit-box-shadow`
/// and `OTransform` → `-o-transform`, and `ms` as the one lower-case vendor
/// prefix: `msTransform` → `-ms-transform`.
pub fn camel_to_kebab(camel: &str) -> String {
    let mut out = String::with_capacity(camel.len() + 4);
    if camel.starts_with("ms") && camel[2..].starts_with(|c: char| c.is_ascii_uppercase()) {
        out.push('-');
    }
    for c in camel.chars() {
        if c.is_ascii_uppercase() {
            out.push('-');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `margin-top` → `marginTop`.
pub fn kebab_to_camel(kebab: &str) -> String {
    let mut out = String::with_capacity(kebab.len());
    let mut upper = false;
    for c in kebab.chars() {
        if c == '-' {
            upper = !out.is_empty();
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Every standard CSS property name in camelCase, sorted.
pub fn camel_properties() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<String> = properties().iter().map(|p| kebab_to_camel(p)).collect();
        names.sort_unstable();
        names
    })
}

/// The camelCase property an unknown `Box` attribute most likely meant:
/// [`crate::suggest::closest`] over [`camel_properties`], with the list
/// prepared once, since a `Box` may have any number of unknown attributes.
pub fn closest_camel_property(name: &str) -> Option<&'static str> {
    static PREPARED: OnceLock<Candidates<'static>> = OnceLock::new();
    PREPARED
        .get_or_init(|| Candidates::new(camel_properties().iter().map(String::as_str)))
        .closest(name)
}

/// Whether a camelCase attribute names a CSS property. Vendor-prefixed names
/// (`WebkitX`, `MozX`, `msX`) are accepted without a check, since the list
/// holds only standard names.
pub fn is_camel_property(camel: &str) -> bool {
    if ["Webkit", "Moz", "ms", "O"].iter().any(|p| {
        camel
            .strip_prefix(p)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
    }) {
        return true;
    }
    // Asked for every attribute of every `Box`: one hash and one comparison
    // instead of a binary search's ten.
    static INDEX: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    INDEX
        .get_or_init(|| camel_properties().iter().map(String::as_str).collect())
        .contains(camel)
}

/// Why a CSS value is unsafe, if it is: it must not end its declaration or
/// rule, or run script through legacy features.
pub fn unsafe_value(value: &str) -> Option<&'static str> {
    if value.contains([';', '{', '}']) {
        return Some("`;`, `{` and `}` end the declaration and can inject other styles");
    }
    // Every check below needs a `(`, `:` or `<`, and lower-casing never
    // makes one, so the common value is settled without building a copy.
    if !value.contains(['(', ':', '<']) {
        return None;
    }
    let squashed: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\\')
        .flat_map(char::to_lowercase)
        .collect();
    if squashed.contains("expression(") {
        return Some("`expression(…)` ran script in old browsers");
    }
    if ["javascript:", "vbscript:"]
        .iter()
        .any(|s| squashed.contains(s))
    {
        return Some("script URLs are never allowed");
    }
    if squashed.contains('<') {
        return Some("`<` does not belong in a CSS value and may close the style context");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_and_real() {
        let p = properties();
        assert!(p.len() > 500);
        assert!(p.windows(2).all(|w| w[0] < w[1]));
        for name in [
            "display",
            "justify-content",
            "grid-gap",
            "border-radius",
            "z-index",
        ] {
            assert!(is_property(name), "{name}");
        }
    }

    #[test]
    fn camel_case() {
        assert!(is_camel_property("justifyContent"));
        assert!(is_camel_property("WebkitLineClamp"));
        assert!(!is_camel_property("isplay"));
        assert!(!is_camel_property("justify-content"));
        assert_eq!(kebab_to_camel("margin-bottom"), "marginBottom");
        assert_eq!(camel_to_kebab("marginBottom"), "margin-bottom");
    }

    #[test]
    fn vendor_prefixes_as_react_wrote_them() {
        for (camel, kebab) in [
            ("WebkitBoxShadow", "-webkit-box-shadow"),
            ("MozAppearance", "-moz-appearance"),
            ("OTransform", "-o-transform"),
            ("msTransform", "-ms-transform"),
            ("msGridRow", "-ms-grid-row"),
            // Not a prefix: only `ms` followed by a capital is one.
            ("mask", "mask"),
            ("msx", "msx"),
            ("ms", "ms"),
            ("borderTopLeftRadius", "border-top-left-radius"),
        ] {
            assert_eq!(camel_to_kebab(camel), kebab, "{camel}");
        }
    }

    #[test]
    fn unsafe_values() {
        assert!(unsafe_value("var(--geist-error)").is_none());
        assert!(unsafe_value("url(https://x.test/a.png)").is_none());
        assert!(unsafe_value("red; position: fixed").is_some());
        assert!(unsafe_value("url(JavaScript:alert(1))").is_some());
        assert!(unsafe_value("exp\\ression(alert(1))").is_some());
    }
}
