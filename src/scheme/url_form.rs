//! The URL-signed family over form parameters (Twilio, Mandrill, Plivo): the provider signs
//! the public URL it requested followed by the request's parameters, decoded and sorted.
//!
//! Everything here works on the received bytes in place. A form body (or a URL query) is split
//! into at most [`MAX_PARAMS`] `(name, value)` pairs of slices, kept in an array on the stack;
//! the pairs are sorted by their *decoded* bytes with an in-place sort, compared by decoding
//! both sides on the fly ([`decoded`]); and the decoded bytes are written into the MAC run by
//! run ([`feed_decoded`]), so no decoded copy of any parameter is ever made. Verification
//! allocates nothing.
//!
//! Decoding is `application/x-www-form-urlencoded` as Node's `querystring.parse` and Python's
//! `urllib.parse.parse_qsl(keep_blank_values=True)` do it (the parsers behind the official
//! SDKs): pairs are separated by `&`, empty segments are skipped, a pair without `=` has an
//! empty value, the first `=` ends the name, `+` is a space, `%XX` (either case) is the byte,
//! and a `%` not followed by two hex digits is itself. Both SDK parsers then decode the bytes
//! as UTF-8, replacing invalid sequences with U+FFFD; a parameter that is not UTF-8 once
//! decoded is refused here instead (no provider sends one).
//!
//! Names and values are sorted by their decoded bytes, which for UTF-8 is the order of code
//! points, as Python sorts `str`. (JavaScript's default sort compares UTF-16 code units, which
//! differs only between characters above U+FFFF and those from U+E000 to U+FFFF.)

use std::borrow::Cow;
use std::cmp::Ordering;

use crate::provider::{Options, ProviderError};
use crate::scheme::url::{self, Parts};
use crate::{Delivery, Error, Malformed, SignError};

/// Most parameters one form body or URL query may hold. Twilio's richest callbacks carry
/// about 40; a body with more is refused before any MAC is computed, which also bounds the
/// sort.
pub const MAX_PARAMS: usize = 256;

/// One parameter as received: its name and value, still encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pair<'a> {
    /// The encoded name.
    pub name: &'a [u8],
    /// The encoded value.
    pub value: &'a [u8],
}

/// What a scheme does with a name that appears more than once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeats {
    /// Every pair is signed, repeats included (Plivo).
    Keep,
    /// Each distinct `(name, value)` pair is signed once (Twilio's SDKs sign the set of values
    /// of each name).
    Distinct,
    /// A name carries one value: identical repeats count once, a name with two different
    /// values is refused (Mandrill documents one value per key).
    Single,
}

/// Why a form could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormError {
    /// More than [`MAX_PARAMS`] parameters.
    TooMany,
    /// Parameter number `index` (zero-based, in the order received) is not UTF-8 once decoded.
    NotText {
        /// Its position.
        index: usize,
    },
    /// A name has two different values where the scheme allows one.
    Repeated {
        /// The decoded name.
        name: String,
    },
}

impl FormError {
    /// The rejection, for parameters read from the body.
    pub fn in_body(self) -> Error {
        let (field, reason) = match self {
            FormError::TooMany => (
                Cow::Borrowed("form parameters"),
                Malformed::TooManyParameters { max: MAX_PARAMS },
            ),
            FormError::NotText { index } => (
                Cow::Owned(format!("form parameter {index}")),
                Malformed::NotText,
            ),
            FormError::Repeated { name } => (
                Cow::Owned(format!("form parameter {name:?}")),
                Malformed::Repeated,
            ),
        };
        Error::MalformedBody { field, reason }
    }

    /// The rejection, for parameters read from the URL's query.
    pub fn in_url(self) -> Error {
        let reason = match self {
            FormError::TooMany => Malformed::TooManyParameters { max: MAX_PARAMS },
            FormError::NotText { .. } => Malformed::NotText,
            FormError::Repeated { .. } => Malformed::Repeated,
        };
        Error::MalformedRequestPart {
            part: "url",
            reason,
        }
    }

    /// Why a message cannot be signed.
    pub fn sign_reason(&self) -> &'static str {
        match self {
            FormError::TooMany => "more form parameters than the verifier accepts",
            FormError::NotText { .. } => "a form parameter is not UTF-8 once decoded",
            FormError::Repeated { .. } => "a form parameter has two different values",
        }
    }
}

/// The URL a delivery was requested at, or the error that says it is needed.
pub fn delivery_url<'r>(delivery: &Delivery<'r>) -> Result<&'r str, Error> {
    delivery
        .url()
        .ok_or(Error::MissingRequestPart { part: "url" })
}

/// The delivery's URL split into its parts ([`url::split`]).
pub fn delivery_url_parts<'r>(delivery: &Delivery<'r>) -> Result<Parts<'r>, Error> {
    url::split(delivery_url(delivery)?).ok_or(Error::MalformedRequestPart {
        part: "url",
        reason: Malformed::Unexpected {
            expected: Cow::Borrowed("an absolute URL, scheme://host/path"),
        },
    })
}

/// The message's URL split into its parts, for signing.
pub fn message_url_parts<'m>(url: Option<&'m str>) -> Result<(&'m str, Parts<'m>), SignError> {
    let url = url.ok_or(SignError::Missing("url"))?;
    let parts = url::split(url).ok_or(SignError::Invalid {
        field: "url",
        reason: "not an absolute URL, scheme://host/path",
    })?;
    Ok((url, parts))
}

/// Refuses every option: the schemes of this family sign no timestamp, have no legacy
/// algorithm and carry one signature per secret.
pub fn no_options(provider: &'static str, options: &Options) -> Result<(), ProviderError> {
    let unsupported = |option| ProviderError::Unsupported { provider, option };
    if options.tolerance().is_some() {
        return Err(unsupported("tolerance"));
    }
    let (legacy, rest) = options.split_legacy();
    if legacy {
        return Err(unsupported("legacy algorithm"));
    }
    if rest != Options::new() {
        return Err(unsupported("all secrets signing"));
    }
    Ok(())
}

/// The parameters of one form body or query, sorted by decoded name then decoded value.
#[derive(Debug, Clone)]
pub struct Params<'a> {
    pairs: [Pair<'a>; MAX_PARAMS],
    len: usize,
}

impl<'a> Params<'a> {
    /// Splits, checks and sorts the parameters of `raw`, handling repeated names as `repeats`
    /// says.
    pub fn parse(raw: &'a [u8], repeats: Repeats) -> Result<Self, FormError> {
        let mut params = Params::empty();
        params.fill(raw, repeats)?;
        Ok(params)
    }

    /// [`Params::parse`] into this (empty) set, where it stands: the set is 8 KiB of pairs,
    /// and returning it by value from the parser copied all of it on every verification.
    pub fn fill(&mut self, raw: &'a [u8], repeats: Repeats) -> Result<(), FormError> {
        debug_assert!(self.is_empty());
        let mut index = 0;
        let mut rest = raw;
        // `memchr` finds each `&` many bytes at a time: a form body is mostly one long value.
        while !rest.is_empty() {
            let (segment, next) = match memchr::memchr(b'&', rest) {
                Some(amp) => (&rest[..amp], &rest[amp + 1..]),
                None => (rest, &b""[..]),
            };
            rest = next;
            if segment.is_empty() {
                continue;
            }
            let pair = match memchr::memchr(b'=', segment) {
                Some(eq) => Pair {
                    name: &segment[..eq],
                    value: &segment[eq + 1..],
                },
                None => Pair {
                    name: segment,
                    value: b"",
                },
            };
            if !is_utf8(pair.name) || !is_utf8(pair.value) {
                return Err(FormError::NotText { index });
            }
            *self.pairs.get_mut(index).ok_or(FormError::TooMany)? = pair;
            index += 1;
            self.len = index;
        }
        let pairs = &mut self.pairs[..self.len];
        // In place (no allocation); equal pairs are interchangeable, so stability is moot.
        pairs.sort_unstable_by(compare);
        if repeats != Repeats::Keep {
            self.len = dedup(pairs, repeats)?;
        }
        Ok(())
    }

    /// No parameters (a request whose body is not a form).
    pub fn empty() -> Self {
        Params {
            pairs: [Pair::default(); MAX_PARAMS],
            len: 0,
        }
    }

    /// The sorted pairs.
    pub fn pairs(&self) -> &[Pair<'a>] {
        &self.pairs[..self.len]
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The first value of `name` (decoded name compared), in received form.
    pub fn first(raw: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
        raw.split(|&b| b == b'&')
            .filter(|s| !s.is_empty())
            .find_map(|segment| {
                let (n, v) = match memchr::memchr(b'=', segment) {
                    Some(eq) => (&segment[..eq], &segment[eq + 1..]),
                    None => (segment, &b""[..]),
                };
                decoded(n).eq(name.iter().copied()).then_some(v)
            })
    }

    /// Writes each pair as its decoded name followed by its decoded value, with nothing
    /// between (Twilio, Mandrill, Plivo's body parameters).
    pub fn feed_concatenated(&self, sink: &mut dyn FnMut(&[u8])) {
        for pair in self.pairs() {
            feed_decoded(pair.name, sink);
            feed_decoded(pair.value, sink);
        }
    }

    /// Writes the pairs as `name=value` joined by `&`, decoded (Plivo's query string).
    pub fn feed_query(&self, sink: &mut dyn FnMut(&[u8])) {
        for (i, pair) in self.pairs().iter().enumerate() {
            if i > 0 {
                sink(b"&");
            }
            feed_decoded(pair.name, sink);
            sink(b"=");
            feed_decoded(pair.value, sink);
        }
    }
}

/// Orders pairs by decoded name, then decoded value.
fn compare(a: &Pair<'_>, b: &Pair<'_>) -> Ordering {
    decoded(a.name)
        .cmp(decoded(b.name))
        .then_with(|| decoded(a.value).cmp(decoded(b.value)))
}

fn same(a: &[u8], b: &[u8]) -> bool {
    a == b || decoded(a).eq(decoded(b))
}

/// Removes repeats from sorted `pairs` as `repeats` says; returns how many remain.
fn dedup(pairs: &mut [Pair<'_>], repeats: Repeats) -> Result<usize, FormError> {
    let mut kept = 0;
    for i in 0..pairs.len() {
        if kept > 0 {
            let last = pairs[kept - 1];
            if same(last.name, pairs[i].name) {
                if same(last.value, pairs[i].value) {
                    continue;
                }
                if repeats == Repeats::Single {
                    let name: Vec<u8> = decoded(pairs[i].name).collect();
                    return Err(FormError::Repeated {
                        name: String::from_utf8_lossy(&name).into_owned(),
                    });
                }
            }
        }
        pairs[kept] = pairs[i];
        kept += 1;
    }
    Ok(kept)
}

/// The value of a hex digit, either case.
fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// The byte `%XX` at `raw[at..]` stands for, if `raw[at]` starts a valid escape.
fn escape_at(raw: &[u8], at: usize) -> Option<u8> {
    let hi = hex_value(*raw.get(at + 1)?)?;
    let lo = hex_value(*raw.get(at + 2)?)?;
    Some(hi << 4 | lo)
}

/// The decoded bytes of one encoded name or value.
pub fn decoded(raw: &[u8]) -> Decoded<'_> {
    Decoded { raw, at: 0 }
}

/// Iterator over the decoded bytes of a form component ([`decoded`]).
#[derive(Debug, Clone)]
pub struct Decoded<'a> {
    raw: &'a [u8],
    at: usize,
}

impl Iterator for Decoded<'_> {
    type Item = u8;

    #[inline]
    fn next(&mut self) -> Option<u8> {
        let byte = *self.raw.get(self.at)?;
        match byte {
            b'+' => {
                self.at += 1;
                Some(b' ')
            }
            b'%' => match escape_at(self.raw, self.at) {
                Some(decoded) => {
                    self.at += 3;
                    Some(decoded)
                }
                None => {
                    self.at += 1;
                    Some(b'%')
                }
            },
            _ => {
                self.at += 1;
                Some(byte)
            }
        }
    }
}

/// Writes the decoded bytes of `raw` into `sink`: the runs between escapes as they are, each
/// escape as its one byte.
pub fn feed_decoded(raw: &[u8], sink: &mut dyn FnMut(&[u8])) {
    let mut start = 0;
    let mut at = 0;
    while let Some(found) = memchr::memchr2(b'+', b'%', &raw[at..]) {
        let i = at + found;
        let (byte, len) = match raw[i] {
            b'+' => (b' ', 1),
            _ => match escape_at(raw, i) {
                Some(decoded) => (decoded, 3),
                None => {
                    at = i + 1;
                    continue;
                }
            },
        };
        if start < i {
            sink(&raw[start..i]);
        }
        sink(&[byte]);
        at = i + len;
        start = at;
    }
    if start < raw.len() {
        sink(&raw[start..]);
    }
}

/// Whether the decoded bytes of `raw` are UTF-8.
fn is_utf8(raw: &[u8]) -> bool {
    if memchr::memchr(b'%', raw).is_none() {
        // `+` decodes to an ASCII space: the text is valid exactly when the raw bytes are.
        return std::str::from_utf8(raw).is_ok();
    }
    utf8_stream(decoded(raw))
}

/// UTF-8 validation over a stream of bytes (RFC 3629: no overlong forms, no surrogates,
/// nothing above U+10FFFF).
fn utf8_stream(bytes: impl Iterator<Item = u8>) -> bool {
    let (mut need, mut lo, mut hi) = (0u8, 0x80u8, 0xbfu8);
    for byte in bytes {
        if need > 0 {
            if byte < lo || byte > hi {
                return false;
            }
            need -= 1;
            (lo, hi) = (0x80, 0xbf);
            continue;
        }
        (need, lo, hi) = match byte {
            0x00..=0x7f => continue,
            0xc2..=0xdf => (1, 0x80, 0xbf),
            0xe0 => (2, 0xa0, 0xbf),
            0xe1..=0xec | 0xee..=0xef => (2, 0x80, 0xbf),
            0xed => (2, 0x80, 0x9f),
            0xf0 => (3, 0x90, 0xbf),
            0xf1..=0xf3 => (3, 0x80, 0xbf),
            0xf4 => (3, 0x80, 0x8f),
            _ => return false,
        };
    }
    need == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn concatenated(raw: &str, repeats: Repeats) -> Result<String, FormError> {
        let params = Params::parse(raw.as_bytes(), repeats)?;
        let mut out = Vec::new();
        params.feed_concatenated(&mut |part| out.extend_from_slice(part));
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn decodes_as_the_sdk_parsers_do() {
        let all = |raw: &str| {
            let mut out = Vec::new();
            feed_decoded(raw.as_bytes(), &mut |part| out.extend_from_slice(part));
            assert_eq!(out, decoded(raw.as_bytes()).collect::<Vec<_>>(), "{raw}");
            String::from_utf8(out).unwrap()
        };
        assert_eq!(all("a+b%20c"), "a b c");
        assert_eq!(all("%zz%4"), "%zz%4");
        assert_eq!(all("%C3%a9"), "é");
        assert_eq!(all("%%41%"), "%A%");
        assert_eq!(all(""), "");
    }

    #[test]
    fn sorts_by_decoded_name_then_value() {
        assert_eq!(
            concatenated("b=2&a=%7A&a=y&&c&=x", Repeats::Keep).unwrap(),
            "xayazb2c"
        );
        // `%41` is `A`, which sorts before `a`.
        assert_eq!(concatenated("a=1&%41=2", Repeats::Keep).unwrap(), "A2a1");
    }

    #[test]
    fn repeats_as_the_scheme_says() {
        let raw = "a=2&a=1&a=%32&b=1";
        assert_eq!(concatenated(raw, Repeats::Keep).unwrap(), "a1a2a2b1");
        assert_eq!(concatenated(raw, Repeats::Distinct).unwrap(), "a1a2b1");
        assert_eq!(
            concatenated(raw, Repeats::Single).unwrap_err(),
            FormError::Repeated { name: "a".into() }
        );
        assert_eq!(concatenated("a=1&a=%31", Repeats::Single).unwrap(), "a1");
    }

    #[test]
    fn bounds_and_text() {
        let many = vec!["a=1"; MAX_PARAMS].join("&");
        assert!(Params::parse(many.as_bytes(), Repeats::Keep).is_ok());
        let too_many = format!("{many}&b=2");
        assert_eq!(
            Params::parse(too_many.as_bytes(), Repeats::Keep).unwrap_err(),
            FormError::TooMany
        );
        assert_eq!(
            Params::parse(b"a=1&b=%FF", Repeats::Keep).unwrap_err(),
            FormError::NotText { index: 1 }
        );
        assert_eq!(
            Params::parse(b"a=\xff", Repeats::Keep).unwrap_err(),
            FormError::NotText { index: 0 }
        );
        assert_eq!(
            FormError::TooMany.in_body(),
            Error::MalformedBody {
                field: "form parameters".into(),
                reason: Malformed::TooManyParameters { max: MAX_PARAMS }
            }
        );
    }

    #[test]
    fn utf8_stream_agrees_with_std() {
        let mut cases: Vec<Vec<u8>> = vec![
            b"\xed\xa0\x80".to_vec(),
            b"\xf4\x90\x80\x80".to_vec(),
            b"\xe0\x80\x80".to_vec(),
            b"\xc0\xaf".to_vec(),
            b"\xf0\x9f\x98\x80".to_vec(),
            b"\xe2\x82".to_vec(),
        ];
        for a in 0..=255u8 {
            for b in [0x00, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0] {
                cases.push(vec![a, b, 0x80, 0x80]);
                cases.push(vec![a, b]);
            }
        }
        for case in cases {
            assert_eq!(
                utf8_stream(case.iter().copied()),
                std::str::from_utf8(&case).is_ok(),
                "{case:x?}"
            );
        }
    }

    #[test]
    fn first_value_by_decoded_name() {
        let raw = b"x=1&body%53HA256=abc&bodySHA256=def";
        assert_eq!(Params::first(raw, b"bodySHA256"), Some(&b"abc"[..]));
        assert_eq!(Params::first(raw, b"nope"), None);
    }
}
