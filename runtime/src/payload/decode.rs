//! How [`Payload`](super::Payload), [`User`](super::User),
//! [`Team`](super::Team) and [`QueryValue`](super::QueryValue) are read from
//! JSON, in one pass and without buffering (issue 20).
//!
//! They were derived with `#[serde(flatten)]` for the unknown fields
//! (`extra`) and `#[serde(untagged)]` for the query values; both make serde
//! copy values into its private `Content` tree first and decode that tree
//! afterwards (the documented sample payload, with one unknown field and
//! three query values, cost 21 600 instructions to parse that way and
//! 14 100 this way). Here a struct's object is visited once: a known key's
//! value is decoded into a local where it stands, an unknown one into
//! `extra`, and the struct is built at the end.
//!
//! What the derived code answered is kept exactly, errors included (the
//! message, and the path `serde_path_to_error` reports):
//! `payload/equivalence.rs` holds the derived structs as they were and
//! compares the two on random bodies. In particular:
//!
//! - the object is read with `deserialize_map`, so a JSON array is refused
//!   (`invalid type: sequence, expected struct Payload`), as the derived
//!   code with `flatten` did;
//! - a known key twice fails with serde's `duplicate_field` error, raised
//!   when the second key is read; an unknown key twice keeps the last value;
//! - every known field is read as `Option<_>` (null is `None`) and then
//!   finished: its default for null where the field is not an `Option`
//!   (`null_as_default` before), `view` for `action`.
//!
//! Two differences, both in bodies that fail either way:
//!
//! - serde_json's private key for raw values (`$serde_json::private::RawValue`)
//!   first in an object under an unknown field, with a value that is not a
//!   string: the one pass fails at that value (path `x.$serde_json::…`),
//!   `flatten` failed at the end, on building `extra` (path `.`);
//! - keys that are not strings, which neither JSON text nor a
//!   `serde_json::Value` can hold: an error when the key is read, where
//!   `flatten` failed on building `extra`.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::QueryValue;

/// `Deserialize` for a struct with an `extra` map, from its fields as
/// `field: "jsonKey" => finish`: each value is read as `Option<_>` (null is
/// `None`, and so is a missing key) and passed to `finish`
/// (`Option::unwrap_or_default`, `std::convert::identity`, …); every other
/// key goes into `extra`. The object is visited once, as serde's derive
/// visits a struct without `flatten`.
macro_rules! decode_object {
    ($name:ident { $($field:ident: $key:literal => $finish:expr,)* }) => {
        const _: () = {
            use serde::de::{Error as _, MapAccess, Visitor};
            use $crate::payload::decode::{Key, KeySeed};

            #[allow(non_camel_case_types)]
            enum Field {
                $($field,)*
            }

            fn known(key: &str) -> Option<Field> {
                match key {
                    $($key => Some(Field::$field),)*
                    _ => None,
                }
            }

            struct ObjectVisitor;

            impl<'de> Visitor<'de> for ObjectVisitor {
                type Value = $name;

                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(concat!("struct ", stringify!($name)))
                }

                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                    $(let mut $field = None;)*
                    let mut extra = serde_json::Map::new();
                    while let Some(key) = map.next_key_seed(KeySeed(known))? {
                        match key {
                            $(Key::Known(Field::$field) => {
                                if $field.is_some() {
                                    return Err(A::Error::duplicate_field($key));
                                }
                                $field = Some(map.next_value()?);
                            })*
                            Key::Other(key) => {
                                let value = map.next_value()?;
                                extra.insert(key, value);
                            }
                        }
                    }
                    Ok($name {
                        $($field: $finish(Option::flatten($field)),)*
                        extra,
                    })
                }
            }

            impl<'de> serde::Deserialize<'de> for $name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    deserializer.deserialize_map(ObjectVisitor)
                }
            }
        };
    };
}
pub(super) use decode_object;

/// A key of a [`decode_object!`] struct's object.
pub(super) enum Key<F> {
    /// One of its fields'.
    Known(F),
    /// Any other, for `extra`.
    Other(String),
}

/// Reads a key and looks it up with the function among a struct's fields,
/// without allocating; only an unknown key is copied.
pub(super) struct KeySeed<F>(pub(super) fn(&str) -> Option<F>);

impl<'de, F> DeserializeSeed<'de> for KeySeed<F> {
    type Value = Key<F>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key<F>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de, F> Visitor<'de> for KeySeed<F> {
    type Value = Key<F>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<F>, E> {
        Ok(match (self.0)(key) {
            Some(field) => Key::Known(field),
            None => Key::Other(key.to_owned()),
        })
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Key<F>, E> {
        Ok(match (self.0)(&key) {
            Some(field) => Key::Known(field),
            None => Key::Other(key),
        })
    }
}

/// The message for a value that is none of [`QueryValue`]'s forms: serde's
/// for an untagged enum, which it was.
const NOT_A_QUERY_VALUE: &str = "data did not match any variant of untagged enum QueryValue";

impl<'de> Deserialize<'de> for QueryValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<QueryValue, D::Error> {
        // Refused only once the value has been read to its end, as serde's
        // untagged enum did: serde_json then reports the same position.
        deserializer
            .deserialize_any(QueryValueVisitor)?
            .ok_or_else(|| de::Error::custom(NOT_A_QUERY_VALUE))
    }
}

/// A string, a number or a list of strings, read where it stands; anything
/// else is read to its end (so that a syntax error inside it has the same
/// path as in serde's untagged buffering) and is `None`.
struct QueryValueVisitor;

impl<'de> Visitor<'de> for QueryValueVisitor {
    type Value = Option<QueryValue>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, a number or a list of strings")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Option<QueryValue>, E> {
        Ok(Some(QueryValue::String(s.to_owned())))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Option<QueryValue>, E> {
        Ok(Some(QueryValue::String(s)))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Option<QueryValue>, E> {
        Ok(Some(QueryValue::Number(n.into())))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Option<QueryValue>, E> {
        Ok(Some(QueryValue::Number(n.into())))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Option<QueryValue>, E> {
        Ok(serde_json::Number::from_f64(n).map(QueryValue::Number))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Option<QueryValue>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<QueryValue>, E> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<QueryValue>, A::Error> {
        let mut list = Vec::new();
        let mut all_strings = true;
        while let Some(StringOrSkip(item)) = seq.next_element()? {
            match item {
                Some(s) if all_strings => list.push(s),
                _ => all_strings = false,
            }
        }
        Ok(all_strings.then_some(QueryValue::List(list)))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<QueryValue>, A::Error> {
        StringOrSkipVisitor.visit_map(map)?;
        Ok(None)
    }
}

/// Any JSON value, read through `deserialize_any` all the way down as
/// serde's `Content` is; kept only when it is a string.
struct StringOrSkip(Option<String>);

impl<'de> Deserialize<'de> for StringOrSkip {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<StringOrSkip, D::Error> {
        deserializer.deserialize_any(StringOrSkipVisitor)
    }
}

struct StringOrSkipVisitor;

impl<'de> Visitor<'de> for StringOrSkipVisitor {
    type Value = StringOrSkip;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<StringOrSkip, E> {
        Ok(StringOrSkip(Some(s.to_owned())))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<StringOrSkip, E> {
        Ok(StringOrSkip(Some(s)))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<StringOrSkip, E> {
        Ok(StringOrSkip(None))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<StringOrSkip, E> {
        Ok(StringOrSkip(None))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<StringOrSkip, E> {
        Ok(StringOrSkip(None))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<StringOrSkip, E> {
        Ok(StringOrSkip(None))
    }

    fn visit_unit<E: de::Error>(self) -> Result<StringOrSkip, E> {
        Ok(StringOrSkip(None))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StringOrSkip, A::Error> {
        while seq.next_element::<StringOrSkip>()?.is_some() {}
        Ok(StringOrSkip(None))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StringOrSkip, A::Error> {
        while map.next_entry::<StringOrSkip, StringOrSkip>()?.is_some() {}
        Ok(StringOrSkip(None))
    }
}
