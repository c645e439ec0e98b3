//! [`SharedStr`]: the string type of [`Payload`](crate::Payload)'s fields,
//! which shares the request body's memory instead of copying each string.
//!
//! Parsing a payload used to allocate, copy and later free about ten small
//! `String`s a request, which was a large share of what serving a hook cost
//! beyond HTTP (issue 20, `docs/performance.md`). A [`SharedStr`] is a
//! `bytes::Bytes` slice of the body (through `bytestring::ByteString`, which
//! keeps the UTF-8 guarantee without `unsafe` here): taking one is a
//! reference-count increment, dropping one a decrement.
//!
//! serde's derive cannot hand a deserializer's input to a field's
//! `Deserialize`, so [`Payload::from_bytes`](crate::Payload::from_bytes)
//! names the body it parses in a thread-local for the length of the parse
//! ([`sharing`]); a string serde_json borrows from inside that body becomes a
//! slice of it, any other string (one with escapes, or parsed from another
//! source such as a `serde_json::Value`) is copied, so the result is the same
//! either way and only the cost differs.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::fmt;
use std::ops::Deref;

use bytestring::ByteString;
use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};

/// An immutable string that may share the memory of the request body it was
/// parsed from: cheap to clone (a reference count), and compared, hashed,
/// printed and dereferenced like a `str`.
///
/// Read it as a `&str` (`&*s`, [`SharedStr::as_str`], or any `str` method
/// through `Deref`), compare it with `==` against `&str` and `String`, and
/// turn it into a `String` with `String::from(s)` or `s.to_string()`.
///
/// A `SharedStr` from a payload keeps the whole request body alive while it
/// lives, so a hook that stores one beyond the request (in a cache, a
/// global) should store `String::from(s)` instead.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SharedStr(ByteString);

impl SharedStr {
    /// The empty string.
    pub const fn new() -> SharedStr {
        SharedStr(ByteString::new())
    }

    /// A string from a constant, without allocating.
    pub const fn from_static(s: &'static str) -> SharedStr {
        SharedStr(ByteString::from_static(s))
    }

    /// The string as a `&str` (what `match s.as_str() { … }` wants).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A copy of `s`, or a slice of the body being parsed when `s` lies in
    /// it (see the module docs).
    fn from_borrowed(s: &str) -> SharedStr {
        BODY.with_borrow(|body| {
            if contains(body, s) {
                SharedStr(body.slice_ref(s))
            } else {
                SharedStr::from(s)
            }
        })
    }
}

/// Whether `part` lies inside `whole`'s memory (not merely equal to a piece
/// of it): the condition under which `ByteString::slice_ref` does not panic.
fn contains(whole: &str, part: &str) -> bool {
    let start = whole.as_ptr() as usize;
    let at = part.as_ptr() as usize;
    start <= at && at + part.len() <= start + whole.len()
}

thread_local! {
    /// The body [`sharing`] is parsing on this thread, empty otherwise.
    static BODY: RefCell<ByteString> = const { RefCell::new(ByteString::new()) };
}

/// Runs `parse` with `body` as the body that [`SharedStr`]s deserialized on
/// this thread may slice; the previous body (if `parse` itself is called
/// inside another `sharing`) is restored afterwards, also when `parse`
/// panics.
pub(crate) fn sharing<T>(body: &ByteString, parse: impl FnOnce() -> T) -> T {
    /// Puts the previous body back when dropped.
    struct Restore(ByteString);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = std::mem::take(&mut self.0);
            BODY.with_borrow_mut(|body| *body = previous);
        }
    }
    let _restore =
        Restore(BODY.with_borrow_mut(|current| std::mem::replace(current, body.clone())));
    parse()
}

impl Deref for SharedStr {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl AsRef<[u8]> for SharedStr {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl From<String> for SharedStr {
    fn from(s: String) -> SharedStr {
        SharedStr(ByteString::from(s))
    }
}

impl From<&str> for SharedStr {
    fn from(s: &str) -> SharedStr {
        SharedStr(ByteString::from(s))
    }
}

impl From<&String> for SharedStr {
    fn from(s: &String) -> SharedStr {
        SharedStr::from(s.as_str())
    }
}

impl From<SharedStr> for String {
    fn from(s: SharedStr) -> String {
        String::from(s.0)
    }
}

impl From<&SharedStr> for String {
    fn from(s: &SharedStr) -> String {
        s.as_str().to_owned()
    }
}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<SharedStr> for str {
    fn eq(&self, other: &SharedStr) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<SharedStr> for &str {
    fn eq(&self, other: &SharedStr) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<SharedStr> for String {
    fn eq(&self, other: &SharedStr) -> bool {
        self == other.as_str()
    }
}

impl Serialize for SharedStr {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

impl<'de> Deserialize<'de> for SharedStr {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<SharedStr, D::Error> {
        deserializer.deserialize_str(SharedStrVisitor)
    }
}

/// Takes a string as it comes: borrowed from the input (then maybe a slice
/// of the body), passed by reference (copied) or owned (kept).
struct SharedStrVisitor;

impl<'de> Visitor<'de> for SharedStrVisitor {
    type Value = SharedStr;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<SharedStr, E> {
        Ok(SharedStr::from_borrowed(s))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<SharedStr, E> {
        Ok(SharedStr::from(s))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<SharedStr, E> {
        Ok(SharedStr::from(s))
    }
}

#[cfg(test)]
mod tests {
    use bytestring::ByteString;

    use super::{sharing, SharedStr};

    #[test]
    fn a_string_inside_the_body_is_a_slice_of_it_and_others_are_copies() {
        let body = ByteString::from(r#"{"a":"inside","b":"esc\"aped"}"#.to_owned());
        let (a, b): (SharedStr, SharedStr) = sharing(&body, || {
            let map: std::collections::BTreeMap<String, SharedStr> =
                serde_json::from_str(&body).expect("parses");
            (map["a"].clone(), map["b"].clone())
        });
        assert_eq!(a, "inside");
        assert_eq!(b, "esc\"aped");
        let range = body.as_ptr() as usize..body.as_ptr() as usize + body.len();
        assert!(range.contains(&(a.as_ptr() as usize)), "a shares the body");
        assert!(!range.contains(&(b.as_ptr() as usize)), "b is a copy");
    }

    #[test]
    fn outside_sharing_every_string_is_a_copy() {
        let text = r#""free""#;
        let s: SharedStr = serde_json::from_str(text).expect("parses");
        assert_eq!(s, "free");
        let range = text.as_ptr() as usize..text.as_ptr() as usize + text.len();
        assert!(!range.contains(&(s.as_ptr() as usize)));
    }

    #[test]
    fn sharing_restores_the_outer_body_also_after_a_panic() {
        let outer = ByteString::from("\"outer\"".to_owned());
        let inner = ByteString::from("\"inner\"".to_owned());
        sharing(&outer, || {
            let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                sharing(&inner, || panic!("in the parse"))
            }));
            assert!(caught.is_err());
            let s: SharedStr = serde_json::from_str(&outer).expect("parses");
            let range = outer.as_ptr() as usize..outer.as_ptr() as usize + outer.len();
            assert!(
                range.contains(&(s.as_ptr() as usize)),
                "still sharing the outer body"
            );
        });
    }

    #[test]
    fn compares_prints_and_converts_like_a_string() {
        let s = SharedStr::from_static("view");
        assert_eq!(s, "view");
        assert_eq!("view", s);
        assert_eq!(s, "view".to_owned());
        assert_eq!(s.as_str(), "view");
        assert_eq!(format!("{s} {s:?}"), "view \"view\"");
        assert_eq!(String::from(s.clone()), "view");
        assert_eq!(serde_json::to_string(&s).expect("serializes"), "\"view\"");
        assert!(SharedStr::new().is_empty());
        let mut set = std::collections::HashSet::new();
        set.insert(s);
        assert!(set.contains("view"));
    }
}
