//! The body-embedded family: the signature travels inside the body (Mailgun's `signature`
//! object or form fields, Adyen's `additionalData.hmacSignature` per notification item), over
//! values that are read out of the same body.
//!
//! What the engine gives the providers:
//! - [`bounded`]: the size limit, checked before anything is parsed (serde_json's own nesting
//!   limit, 128 levels, bounds the depth; nothing is built from the document beyond the
//!   few values a scheme reads).
//! - [`Scalar`] and [`Obj`]: the values a scheme reads, deserialized without failing on an
//!   unexpected type (so the error can name the field) and borrowed from the body when they
//!   hold no escape, so that a verification allocates nothing.
//! - [`form_fields`]: `application/x-www-form-urlencoded` fields, percent-decoded (a field is
//!   borrowed unless it holds an escape).
//! - [`Embedded`]: the pre-keyed MAC of the secrets and the constant-time match of the
//!   signature read from the body ([`Keyring::find_encoded`]), with the error that says why
//!   none matched.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::provider::spec::{Algorithm, Encoding, SecretFormat};
use crate::scheme::key;
use crate::scheme::mac::{Keyring, SecretMatch};
use crate::scheme::tag::Tag;
use crate::{Error, Malformed, SecretError, SecretSet};

/// The largest body the family parses: 4 MiB, far above a Mailgun event or an Adyen
/// notification (a few KiB), so that only an abusive body is refused unread.
pub(crate) const MAX_BODY: usize = 4 << 20;

/// Refuses a body larger than [`MAX_BODY`], or that is not UTF-8: JSON is UTF-8 (RFC 8259
/// §8.1) and a form is ASCII, so no sender of the family sends anything else. (serde_json
/// checks the strings it reads, not those it skips: without this, invalid bytes in an unsigned
/// field would pass.)
pub(crate) fn bounded(body: &[u8]) -> Result<(), Error> {
    if body.len() > MAX_BODY {
        return Err(Error::BodyTooLarge { limit: MAX_BODY });
    }
    if std::str::from_utf8(body).is_err() {
        return Err(Error::MalformedBody {
            field: "body".into(),
            reason: Malformed::NotText,
        });
    }
    Ok(())
}

/// Whether a body is JSON (its first byte after JSON whitespace, RFC 8259's space, tab, LF
/// and CR, opens an object) rather than a form.
pub(crate) fn is_json_object(body: &[u8]) -> bool {
    body.iter()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        == Some(&b'{')
}

/// The error for a body that is not the JSON the scheme reads.
pub(crate) fn not_json(field: &'static str) -> Error {
    Error::MalformedBody {
        field: field.into(),
        reason: Malformed::WrongType {
            expected: "well-formed JSON with no repeated key",
        },
    }
}

/// Any JSON value, skipped.
///
/// Not [`IgnoredAny`]: serde_json skips that iteratively, keeping the nesting of a value on a
/// heap stack (an allocation as soon as a skipped value nests two levels deep, as every
/// Mailgun `event-data` does, and no depth limit). This one descends through
/// `deserialize_any`, which allocates nothing for unescaped text and stops at serde_json's
/// nesting limit of 128 levels.
pub(crate) struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(SkipVisitor)
    }
}

struct SkipVisitor;

impl<'de> Visitor<'de> for SkipVisitor {
    type Value = Skip;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E>(self, _: &'de str) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_str<E>(self, _: &str) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_unit<E>(self) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skip, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Skip)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skip, A::Error> {
        while map.next_entry::<Skip, Skip>()?.is_some() {}
        Ok(Skip)
    }
}

/// A JSON value where the scheme reads a scalar, as it arrived.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) enum Scalar<'b> {
    /// The key is not there.
    #[default]
    Absent,
    /// `null`.
    Null,
    /// A string, borrowed unless it held an escape.
    Text(Cow<'b, str>),
    /// A non-negative integer.
    Uint(u64),
    /// `true` or `false`.
    Bool(bool),
    /// Anything else: a negative or fractional number, an object, an array.
    Other(&'static str),
}

impl<'b> Scalar<'b> {
    /// The string, if it is one.
    pub(crate) fn text(&self) -> Option<&str> {
        match self {
            Scalar::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The string, or the error naming `field`: absent, empty, or of another type.
    pub(crate) fn required_text(&self, field: &'static str) -> Result<&str, Error> {
        let reason = match self {
            Scalar::Text(text) if !text.is_empty() => return Ok(text),
            Scalar::Text(_) => Malformed::Empty,
            Scalar::Absent | Scalar::Null => Malformed::Absent,
            _ => Malformed::WrongType {
                expected: "a string",
            },
        };
        Err(Error::MalformedBody {
            field: field.into(),
            reason,
        })
    }

    /// The string, moved out (borrowed from the body when it was).
    pub(crate) fn into_text(self) -> Option<Cow<'b, str>> {
        match self {
            Scalar::Text(text) => Some(text),
            _ => None,
        }
    }
}

impl<'de: 'b, 'b> Deserialize<'de> for Scalar<'b> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor(std::marker::PhantomData))
    }
}

struct ScalarVisitor<'b>(std::marker::PhantomData<&'b ()>);

impl<'de: 'b, 'b> Visitor<'de> for ScalarVisitor<'b> {
    type Value = Scalar<'b>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Scalar::Text(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Scalar::Text(Cow::Owned(v.to_owned())))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Scalar::Uint(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(u64::try_from(v).map_or(Scalar::Other("a negative number"), Scalar::Uint))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Scalar::Other("a fractional number"))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Scalar::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Scalar::Other("an array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<Skip, Skip>()?.is_some() {}
        Ok(Scalar::Other("an object"))
    }
}

/// A JSON value where the scheme reads an object of type `T`.
#[derive(Debug, Default)]
pub(crate) enum Obj<T> {
    /// The key is not there.
    #[default]
    Absent,
    /// An object.
    Present(T),
    /// Something else (`null`, a string, an array, …), skipped.
    NotObject,
}

impl<T> Obj<T> {
    /// The object, or the error naming `field`.
    pub(crate) fn required(self, field: &'static str) -> Result<T, Error> {
        let reason = match self {
            Obj::Present(value) => return Ok(value),
            Obj::Absent => Malformed::Absent,
            Obj::NotObject => Malformed::WrongType {
                expected: "an object",
            },
        };
        Err(Error::MalformedBody {
            field: field.into(),
            reason,
        })
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ObjVisitor(std::marker::PhantomData))
    }
}

struct ObjVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjVisitor<T> {
    type Value = Obj<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Obj::Present)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Obj::NotObject)
    }
    fn visit_borrowed_str<E>(self, _: &'de str) -> Result<Self::Value, E> {
        Ok(Obj::NotObject)
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Obj::NotObject)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Obj::NotObject)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Obj::NotObject)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Obj::NotObject)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Obj::NotObject)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Obj::NotObject)
    }
}

/// Parses the whole body as JSON into `T` (nothing but whitespace may follow), or `None`.
pub(crate) fn parse_json<'b, T: Deserialize<'b>>(body: &'b [u8]) -> Option<T> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = T::deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(value)
}

/// The values of the form fields `names` in an `application/x-www-form-urlencoded` body, in
/// the order of `names`, percent-decoded (`+` is a space). A field given twice with different
/// values is an error (which one a framework keeps varies); one that is not UTF-8 once
/// decoded too.
pub(crate) fn form_fields<'b, const N: usize>(
    body: &'b [u8],
    names: [&'static str; N],
) -> Result<[Option<Cow<'b, str>>; N], Error> {
    let mut found: [Option<Cow<'b, str>>; N] = std::array::from_fn(|_| None);
    for pair in body.split(|&b| b == b'&') {
        if pair.is_empty() {
            continue;
        }
        let (raw_key, raw_value) = match memchr::memchr(b'=', pair) {
            Some(at) => (&pair[..at], &pair[at + 1..]),
            None => (pair, &b""[..]),
        };
        let Some(slot) = names.iter().position(|name| decoded_eq(raw_key, name)) else {
            continue;
        };
        let value = percent_decode(raw_value).ok_or_else(|| Error::MalformedBody {
            field: names[slot].into(),
            reason: Malformed::NotText,
        })?;
        match &found[slot] {
            Some(earlier) if *earlier != value => {
                return Err(Error::MalformedBody {
                    field: names[slot].into(),
                    reason: Malformed::Repeated,
                });
            }
            _ => found[slot] = Some(value),
        }
    }
    Ok(found)
}

/// The value of a hex digit, either case.
fn hex_digit(b: u8) -> Option<u8> {
    char::from(b).to_digit(16).map(|d| d as u8)
}

/// Whether the form-encoded `raw` decodes to `name`, without decoding into a buffer.
fn decoded_eq(raw: &[u8], name: &str) -> bool {
    let mut expected = name.bytes();
    let mut i = 0;
    while i < raw.len() {
        let byte = match raw[i] {
            b'+' => b' ',
            b'%' => {
                let pair = raw.get(i + 1..i + 3);
                let Some(&[hi, lo]) = pair else { return false };
                let (Some(hi), Some(lo)) = (hex_digit(hi), hex_digit(lo)) else {
                    return false;
                };
                i += 2;
                hi << 4 | lo
            }
            b => b,
        };
        if expected.next() != Some(byte) {
            return false;
        }
        i += 1;
    }
    expected.next().is_none()
}

/// Percent-decodes `raw` (`+` is a space): borrowed when it holds no escape; `None` if the
/// result is not UTF-8. A `%` not followed by two hex digits is kept as it is, as the
/// WHATWG URL standard's decoder does.
fn percent_decode(raw: &[u8]) -> Option<Cow<'_, str>> {
    if !raw.iter().any(|&b| b == b'%' || b == b'+') {
        return std::str::from_utf8(raw).ok().map(Cow::Borrowed);
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'+' => out.push(b' '),
            b'%' => match raw
                .get(i + 1..i + 3)
                .and_then(|p| Some(hex_digit(p[0])? << 4 | hex_digit(p[1])?))
            {
                Some(byte) => {
                    out.push(byte);
                    i += 2;
                }
                None => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok().map(Cow::Owned)
}

/// Percent-encodes `value` for a form body: unreserved characters as they are, every other
/// byte escaped (signers use it; the values they write are usually unreserved already).
pub(crate) fn form_encode(value: &str, out: &mut String) {
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'*') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

/// The pre-keyed HMAC of a provider's secrets and how its signatures are written.
#[derive(Debug, Clone)]
pub(crate) struct Embedded {
    ring: Keyring,
    encoding: Encoding,
}

impl Embedded {
    /// HMAC-SHA256 keys made of `secrets` read in `format`, signatures written in `encoding`.
    pub(crate) fn new(
        secrets: &SecretSet,
        format: &SecretFormat,
        encoding: Encoding,
    ) -> Result<Self, SecretError> {
        Ok(Embedded {
            ring: key::keyring(Algorithm::Sha256, secrets, format)?,
            encoding,
        })
    }

    /// The secret whose MAC over `parts` is `signature` (read from body field `field`), or why
    /// none is: a signature that cannot be one (not in the encoding, wrong length), else a
    /// mismatch.
    pub(crate) fn verify(
        &self,
        parts: &[&[u8]],
        signature: &str,
        field: &'static str,
    ) -> Result<SecretMatch, Error> {
        if let Some(found) = self.ring.find_encoded(parts, self.encoding, signature) {
            return Ok(found);
        }
        match self
            .encoding
            .decode(signature, Algorithm::Sha256.output_len())
        {
            Err(reason) => Err(Error::MalformedBody {
                field: field.into(),
                reason,
            }),
            Ok(_) => Err(Error::SignatureMismatch {
                secrets: self.ring.len(),
                signatures: 1,
            }),
        }
    }

    /// The primary secret's MAC over `parts`, encoded.
    pub(crate) fn sign(&self, parts: &[&[u8]]) -> String {
        self.encoding.encode(&self.ring.sign(parts))
    }

    /// The primary secret's raw MAC over `parts` (signers derive values from it).
    pub(crate) fn tag(&self, parts: &[&[u8]]) -> Tag {
        self.ring.sign(parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_fields_decode_and_refuse_ambiguity() {
        let body = b"a=1&t%6Fken=x%2By+z&empty=&signature=ab&token=x%2By%20z";
        let [token, signature, missing, empty] =
            form_fields(body, ["token", "signature", "missing", "empty"]).unwrap();
        assert_eq!(token.as_deref(), Some("x+y z"));
        assert!(matches!(signature, Some(Cow::Borrowed("ab"))));
        assert_eq!(missing, None);
        assert_eq!(empty.as_deref(), Some(""));
        assert_eq!(
            form_fields(b"token=a&token=b", ["token"]),
            Err(Error::MalformedBody {
                field: "token".into(),
                reason: Malformed::Repeated
            })
        );
        assert!(form_fields(b"token=%ff", ["token"]).is_err());
        let [kept] = form_fields(b"token=100%", ["token"]).unwrap();
        assert_eq!(kept.as_deref(), Some("100%"));
        assert!(!decoded_eq(b"tok%6", "tok"));
    }

    #[test]
    fn scalars_and_objects_never_fail_on_type() {
        #[derive(serde::Deserialize)]
        struct Probe<'b> {
            #[serde(borrow, default)]
            a: Scalar<'b>,
            #[serde(borrow, default)]
            b: Scalar<'b>,
            #[serde(default)]
            o: Obj<serde::de::IgnoredAny>,
        }
        let probe: Probe<'_> = parse_json(br#"{"a":"x","b":[1,{"c":2}],"o":3}"#).unwrap();
        assert!(matches!(probe.a, Scalar::Text(Cow::Borrowed("x"))));
        assert_eq!(probe.b, Scalar::Other("an array"));
        assert!(matches!(probe.o, Obj::NotObject));
        let probe: Probe<'_> = parse_json(br#"{"a":-1,"b":1.5}"#).unwrap();
        assert_eq!(probe.a, Scalar::Other("a negative number"));
        assert!(matches!(probe.o, Obj::Absent));
        assert!(parse_json::<Probe<'_>>(br#"{"a":"x","a":"y"}"#).is_none());
        assert!(parse_json::<Probe<'_>>(br#"{"a":"x"} trailing"#).is_none());
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let nested = format!(r#"{{"a":{deep}}}"#);
        assert!(parse_json::<Probe<'_>>(nested.as_bytes()).is_none());
    }

    #[test]
    fn bodies_that_are_not_text_are_refused() {
        assert!(bounded("{\"é\":1}".as_bytes()).is_ok());
        assert_eq!(
            bounded(b"{\"a\":\"\xcc\"}"),
            Err(Error::MalformedBody {
                field: "body".into(),
                reason: Malformed::NotText
            })
        );
    }

    #[test]
    fn oversized_bodies_are_refused_unread() {
        assert!(bounded(&vec![b' '; MAX_BODY]).is_ok());
        assert_eq!(
            bounded(&vec![b' '; MAX_BODY + 1]),
            Err(Error::BodyTooLarge { limit: MAX_BODY })
        );
    }
}
