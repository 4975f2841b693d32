//! Reading one string field out of a JSON body without building a document tree.
//!
//! Stripe, Slack and Standard Webhooks carry the event id and type in the body. They are only
//! read when asked for (`Verified::idempotency_key`, `Verified::event_type`), by walking the
//! JSON once and skipping everything off the path; unescaped strings are borrowed from the body.

use std::borrow::Cow;
use std::fmt;

use serde::Deserializer as _;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// The string at `path` (object keys from the root), if the body is JSON and has one there.
pub(crate) fn string_at<'b, K: AsRef<str>>(body: &'b [u8], path: &[K]) -> Option<Cow<'b, str>> {
    match scalar_at(body, path)? {
        Scalar::Str(text) => Some(text),
        Scalar::Uint(_) => None,
    }
}

/// The non-negative integer at `path`: a JSON number, or a string of digits (some providers
/// send timestamps as strings).
pub(crate) fn uint_at<K: AsRef<str>>(body: &[u8], path: &[K]) -> Option<u64> {
    match scalar_at(body, path)? {
        Scalar::Uint(n) => Some(n),
        Scalar::Str(text) => crate::time::parse_unix(&text),
    }
}

/// A string or non-negative integer found at a path.
enum Scalar<'b> {
    Str(Cow<'b, str>),
    Uint(u64),
}

/// The scalar at `path` as `JSON.parse` / `json.loads` see the body: the last of repeated keys
/// wins, and a body with anything but whitespace after its value is not JSON.
fn scalar_at<'b, K: AsRef<str>>(body: &'b [u8], path: &[K]) -> Option<Scalar<'b>> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let found = de.deserialize_any(Path(path)).ok().flatten();
    de.end().ok()?;
    found
}

struct Path<'p, K>(&'p [K]);

impl<'de, K: AsRef<str>> DeserializeSeed<'de> for Path<'_, K> {
    type Value = Option<Scalar<'de>>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, K: AsRef<str>> Visitor<'de> for Path<'_, K> {
    type Value = Option<Scalar<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(self.0.is_empty().then_some(Scalar::Str(Cow::Borrowed(v))))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(self
            .0
            .is_empty()
            .then(|| Scalar::Str(Cow::Owned(v.to_owned()))))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(self.0.is_empty().then_some(Scalar::Uint(v)))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let Some((first, rest)) = self.0.split_first() else {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(None);
        };
        let mut found = None;
        while let Some(is_key) = map.next_key_seed(KeyIs(first.as_ref()))? {
            if is_key {
                // A repeated key replaces the earlier value, as in the SDKs' parsers.
                found = map.next_value_seed(Path(rest))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

/// Deserializes a map key into "is it this name?", escaped or not, without allocating.
struct KeyIs<'k>(&'k str);

impl<'de> DeserializeSeed<'de> for KeyIs<'_> {
    type Value = bool;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for KeyIs<'_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }
    fn visit_str<E>(self, v: &str) -> Result<bool, E> {
        Ok(v == self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_strings_and_skips_the_rest() {
        let body = br#"{"a":[1,{"id":"x"}],"id":"evt_1","event":{"type":"app_mention","n":null},"t\u0079pe":"esc"}"#;
        assert_eq!(string_at(body, &["id"]).as_deref(), Some("evt_1"));
        assert!(matches!(string_at(body, &["id"]), Some(Cow::Borrowed(_))));
        assert_eq!(
            string_at(body, &["event", "type"]).as_deref(),
            Some("app_mention")
        );
        assert_eq!(string_at(body, &["type"]).as_deref(), Some("esc"));
        assert_eq!(string_at(body, &["event", "n"]), None);
        assert_eq!(string_at(body, &["missing"]), None);
        assert_eq!(string_at(b"token=x&team_id=T1", &["id"]), None);
        assert_eq!(
            string_at(br#"{"id":"a\nb"}"#, &["id"]).as_deref(),
            Some("a\nb")
        );
        let timed = br#"{"webhookTimestamp":1700000000123,"t":"1700000000","neg":-1,"f":1.5}"#;
        assert_eq!(
            uint_at(timed, &["webhookTimestamp"]),
            Some(1_700_000_000_123)
        );
        assert_eq!(uint_at(timed, &["t"]), Some(1_700_000_000));
        assert_eq!(uint_at(timed, &["neg"]), None);
        assert_eq!(uint_at(timed, &["f"]), None);
        assert_eq!(string_at(timed, &["webhookTimestamp"]), None);
        // As JSON.parse / json.loads: the last repeated key, and no trailing data.
        assert_eq!(
            string_at(br#"{"type":"a","type":"b"}"#, &["type"]).as_deref(),
            Some("b")
        );
        assert_eq!(string_at(br#"{"type":"a","type":1}"#, &["type"]), None);
        assert_eq!(string_at(br#"{"type":"a"} x"#, &["type"]), None);
        assert_eq!(
            string_at(b"{\"type\":\"a\"}\n", &["type"]).as_deref(),
            Some("a")
        );
    }
}
