//! [`PayloadStr`]: the string type of [`Payload`](crate::Payload)'s fields,
//! stored inline when it is short instead of in a heap allocation of its own.
//!
//! Parsing a payload used to allocate, copy and later free about ten small
//! `String`s a request (the action, ids, user name, e-mail, …), which was a
//! large share of what serving a hook cost beyond HTTP, and dropping them
//! all at once overflowed glibc's per-size cache (issue 20,
//! `docs/performance.md`). A [`PayloadStr`] keeps a string of up to 24 bytes
//! inside itself (through `compact_str`, which owns the `unsafe` of that),
//! so most of a payload's strings cost no allocation; longer ones (tokens,
//! URLs, most platform ids) are on the heap as a `String` would be.
//!
//! Sharing the request body's memory (`Bytes` slices) was measured too and
//! not kept: it removed every allocation but its atomic reference counts
//! made the served hook slower in wall time than the copies it replaced.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use compact_str::CompactString;
use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};

/// An immutable string of a payload: up to 24 bytes stored inline (no
/// allocation), longer on the heap; compared, hashed, printed and
/// dereferenced like a `str`.
///
/// Read it as a `&str` (`&*s`, [`PayloadStr::as_str`], or any `str` method
/// through `Deref`), compare it with `==` against `&str` and `String`, and
/// turn it into a `String` with `String::from(s)` or `s.to_string()`.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PayloadStr(CompactString);

impl PayloadStr {
    /// The empty string.
    pub const fn new() -> PayloadStr {
        PayloadStr(CompactString::const_new(""))
    }

    /// A string from a constant, without allocating.
    pub const fn from_static(s: &'static str) -> PayloadStr {
        PayloadStr(CompactString::const_new(s))
    }

    /// The string as a `&str` (what `match s.as_str() { … }` wants).
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl Deref for PayloadStr {
    type Target = str;

    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl AsRef<str> for PayloadStr {
    fn as_ref(&self) -> &str {
        self.0.as_str()
    }
}

impl AsRef<[u8]> for PayloadStr {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl Borrow<str> for PayloadStr {
    fn borrow(&self) -> &str {
        self.0.as_str()
    }
}

impl fmt::Debug for PayloadStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for PayloadStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl From<String> for PayloadStr {
    fn from(s: String) -> PayloadStr {
        PayloadStr(CompactString::from(s))
    }
}

impl From<&str> for PayloadStr {
    fn from(s: &str) -> PayloadStr {
        PayloadStr(CompactString::from(s))
    }
}

impl From<&String> for PayloadStr {
    fn from(s: &String) -> PayloadStr {
        PayloadStr::from(s.as_str())
    }
}

impl From<PayloadStr> for String {
    fn from(s: PayloadStr) -> String {
        s.0.into_string()
    }
}

impl From<&PayloadStr> for String {
    fn from(s: &PayloadStr) -> String {
        s.as_str().to_owned()
    }
}

impl PartialEq<str> for PayloadStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for PayloadStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for PayloadStr {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<PayloadStr> for str {
    fn eq(&self, other: &PayloadStr) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<PayloadStr> for &str {
    fn eq(&self, other: &PayloadStr) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<PayloadStr> for String {
    fn eq(&self, other: &PayloadStr) -> bool {
        self == other.as_str()
    }
}

impl Serialize for PayloadStr {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

impl<'de> Deserialize<'de> for PayloadStr {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<PayloadStr, D::Error> {
        deserializer.deserialize_str(PayloadStrVisitor)
    }
}

/// Takes a string as it comes: borrowed or passed by reference (copied,
/// inline when short) or owned (kept, or moved inline when short).
struct PayloadStrVisitor;

impl<'de> Visitor<'de> for PayloadStrVisitor {
    type Value = PayloadStr;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<PayloadStr, E> {
        Ok(PayloadStr::from(s))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<PayloadStr, E> {
        Ok(PayloadStr::from(s))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<PayloadStr, E> {
        Ok(PayloadStr::from(s))
    }
}

#[cfg(test)]
mod tests {
    use super::PayloadStr;

    /// What the type is for: the payload's short strings cost no
    /// allocation, whether parsed or built.
    #[test]
    fn short_strings_are_inline_and_long_ones_on_the_heap() {
        let short: PayloadStr = serde_json::from_str(r#""icfg_1""#).expect("parses");
        assert!(!short.0.is_heap_allocated());
        let at_limit = PayloadStr::from("123456789012345678901234");
        assert!(!at_limit.0.is_heap_allocated());
        let long = PayloadStr::from("https://vercel.com/dashboard/integrations/icfg_1".to_owned());
        assert!(long.0.is_heap_allocated());
        assert_eq!(long, "https://vercel.com/dashboard/integrations/icfg_1");
        let escaped: PayloadStr = serde_json::from_str(r#""a\"b""#).expect("parses");
        assert_eq!(escaped, "a\"b");
    }

    #[test]
    fn compares_prints_and_converts_like_a_string() {
        let s = PayloadStr::from_static("view");
        assert_eq!(s, "view");
        assert_eq!("view", s);
        assert_eq!(s, "view".to_owned());
        assert_eq!(s.as_str(), "view");
        assert_eq!(format!("{s} {s:?}"), "view \"view\"");
        assert_eq!(String::from(s.clone()), "view");
        assert_eq!(serde_json::to_string(&s).expect("serializes"), "\"view\"");
        assert!(PayloadStr::new().is_empty());
        let mut set = std::collections::HashSet::new();
        set.insert(s);
        assert!(set.contains("view"));
    }
}
