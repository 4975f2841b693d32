//! Signature headers that carry several elements.
//!
//! Two shapes cover the providers that send more than one signature:
//! - *key=value lists*, `t=1492774577,v1=5257a8…,v1=…,v0=…` (Stripe; with other separators
//!   Paddle, Mux, WorkOS, Calendly): [`KeyValues`];
//! - *versioned lists*, `v1,K5oZ… v1a,hnO3…` (Standard Webhooks, Svix): [`versioned`].
//!
//! Either way the signatures of the version being checked are decoded once into a
//! [`Signatures`] buffer on the stack, bounded by [`MAX_SIGNATURES`].

use crate::error::HeaderName;
use crate::scheme::Encoding;
use crate::scheme::mac::Tag;
use crate::{Error, Malformed};

/// Most signatures of the checked version one header may carry. Providers send one, or two or
/// three while a secret is rotated; a header with more is refused before any MAC is computed.
pub const MAX_SIGNATURES: usize = 16;

/// Decoded signatures, on the stack.
pub struct Signatures {
    tags: [Tag; MAX_SIGNATURES],
    len: usize,
    /// A malformed element that ended the list early, with the header it was in.
    cut_short: Option<(HeaderName, Malformed)>,
}

impl Signatures {
    /// The decoded signatures.
    pub fn as_slice(&self) -> &[Tag] {
        &self.tags[..self.len]
    }

    /// Decodes every encoded signature of the checked version, in order.
    ///
    /// An entry that does not decode can never match (the SDKs compare strings), so it is
    /// skipped; but when *no* entry decodes the header is reported as malformed, which says more
    /// than "no match". No entry at all is [`Error::NoSignature`]. A structurally malformed
    /// element (`Err`) ends the list: the signatures before it still count, as in the
    /// reference libraries, which stop at the first element they cannot parse.
    pub fn decode<'a>(
        elements: impl Iterator<Item = Result<&'a str, Malformed>>,
        encoding: Encoding,
        tag_len: usize,
        header: &HeaderName,
        version: &'static str,
    ) -> Result<Self, Error> {
        let empty = Tag::from_slice(&[]).expect("empty tag");
        let mut out = Signatures {
            tags: [empty; MAX_SIGNATURES],
            len: 0,
            cut_short: None,
        };
        let mut seen = 0usize;
        let mut first_error = None;
        for element in elements {
            let text = match element {
                Ok(text) => text,
                Err(reason) => {
                    out.cut_short = Some((header.clone(), reason));
                    break;
                }
            };
            seen += 1;
            if seen > MAX_SIGNATURES {
                let reason = Malformed::TooManySignatures {
                    max: MAX_SIGNATURES,
                };
                return Err(Error::malformed(header.clone(), reason));
            }
            match encoding.decode(text, tag_len) {
                Ok(tag) => {
                    out.tags[out.len] = tag;
                    out.len += 1;
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        if out.len > 0 {
            return Ok(out);
        }
        match (out.cut_short, first_error) {
            (Some((name, reason)), _) => Err(Error::malformed(name, reason)),
            (None, Some(reason)) => Err(Error::malformed(header.clone(), reason)),
            (None, None) => Err(Error::NoSignature {
                name: header.clone(),
                version,
            }),
        }
    }

    /// The error to report when none of these signatures matched: the malformed element that
    /// cut the list short, if any (a matching signature may have stood after it), else
    /// `mismatch`.
    pub fn explain(&self, mismatch: Error) -> Error {
        match &self.cut_short {
            Some((name, reason)) => Error::malformed(name.clone(), reason.clone()),
            None => mismatch,
        }
    }
}

/// A `key=value` list: elements split on `separator`, each split at its first `=`.
///
/// Elements are not trimmed unless asked: Stripe's SDKs match `v1` exactly, so ` v1=…` is not a
/// `v1` element there either.
#[derive(Debug, Clone, Copy)]
pub struct KeyValues<'a> {
    text: &'a str,
    separator: char,
    trim: bool,
}

impl<'a> KeyValues<'a> {
    /// A list split on `separator`.
    pub fn new(text: &'a str, separator: char) -> Self {
        KeyValues {
            text,
            separator,
            trim: false,
        }
    }

    /// Trims ASCII whitespace around each element (WorkOS writes `t=…, v1=…`).
    pub fn trimmed(mut self) -> Self {
        self.trim = true;
        self
    }

    /// The elements as `(key, value)`; `value` is `None` for an element without `=`.
    pub fn iter(&self) -> impl Iterator<Item = (&'a str, Option<&'a str>)> + 'a {
        let trim = self.trim;
        self.text.split(self.separator).map(move |element| {
            let element = if trim {
                element.trim_matches(|c: char| c.is_ascii_whitespace())
            } else {
                element
            };
            match element.split_once('=') {
                Some((k, v)) => (k, Some(v)),
                None => (element, None),
            }
        })
    }

    /// The values of every `key=` element.
    pub fn values(&self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.iter()
            .filter(move |(k, _)| *k == key)
            .filter_map(|(_, v)| v)
    }

    /// The single value of `key`: [`Malformed::NoTimestamp`] when absent (the element this is
    /// used for is the timestamp), [`Malformed::RepeatedTimestamp`] when repeated with
    /// different values (the SDKs disagree on which one wins), [`Malformed::BadElement`] when
    /// written without `=`.
    pub fn timestamp(&self, key: &str) -> Result<&'a str, Malformed> {
        let mut found = None;
        for (index, (k, v)) in self.iter().enumerate() {
            if k != key {
                continue;
            }
            let v = v.ok_or(Malformed::BadElement {
                index,
                expected: "key=value",
            })?;
            match found {
                Some(first) if first != v => return Err(Malformed::RepeatedTimestamp),
                _ => found = Some(v),
            }
        }
        found.ok_or(Malformed::NoTimestamp)
    }
}

/// The signatures of `version` in a space-separated `version,signature` list.
///
/// Entries of other versions are skipped. An entry that is not exactly `version,signature`
/// (no comma, two commas, or empty from a doubled space) yields an error, as the Python
/// reference library raises on it; [`Signatures::decode`] stops there.
pub fn versioned<'a>(
    text: &'a str,
    version: &'a str,
) -> impl Iterator<Item = Result<&'a str, Malformed>> + 'a {
    text.split(' ')
        .enumerate()
        .filter_map(move |(index, entry)| {
            let bad = Malformed::BadElement {
                index,
                expected: "version,signature",
            };
            match entry.split_once(',') {
                Some((_, sig)) if sig.contains(',') => Some(Err(bad)),
                Some((v, sig)) if v == version => Some(Ok(sig)),
                Some(_) => None,
                None => Some(Err(bad)),
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_values_split_at_first_equals() {
        let kv = KeyValues::new("t=1,v1=ab=,v0=x,junk", ',');
        assert_eq!(kv.timestamp("t"), Ok("1"));
        assert_eq!(kv.values("v1").collect::<Vec<_>>(), ["ab="]);
        assert_eq!(
            KeyValues::new("t=1,t=2", ',').timestamp("t"),
            Err(Malformed::RepeatedTimestamp)
        );
        assert_eq!(
            KeyValues::new("v1=a", ',').timestamp("t"),
            Err(Malformed::NoTimestamp)
        );
        assert!(matches!(
            KeyValues::new("t,v1=", ',').timestamp("t"),
            Err(Malformed::BadElement { index: 0, .. })
        ));
        assert_eq!(
            KeyValues::new("t=1, v1=a", ',')
                .trimmed()
                .values("v1")
                .collect::<Vec<_>>(),
            ["a"]
        );
    }

    #[test]
    fn versioned_skips_other_versions() {
        let found: Vec<_> = versioned("v1a,xx v1,aa v2,bb v1,cc", "v1").collect();
        assert_eq!(found, [Ok("aa"), Ok("cc")]);
        let bad: Vec<_> = versioned("v1,aa  v1,bb,cc nocomma", "v1").collect();
        assert_eq!(bad[0], Ok("aa"));
        assert!(bad[1..].iter().all(Result::is_err), "{bad:?}");
        assert_eq!(bad.len(), 4);
    }

    #[test]
    fn decode_bounds_and_reports() {
        let name: HeaderName = "sig".into();
        let many = std::iter::repeat_n(Ok("00"), MAX_SIGNATURES + 1);
        let err = Signatures::decode(many, Encoding::Hex, 1, &name, "v1")
            .err()
            .unwrap();
        assert_eq!(
            err,
            Error::malformed(
                "sig",
                Malformed::TooManySignatures {
                    max: MAX_SIGNATURES
                }
            )
        );
        let err = Signatures::decode([Ok("zz")].into_iter(), Encoding::Hex, 1, &name, "v1")
            .err()
            .unwrap();
        assert_eq!(err, Error::malformed("sig", Malformed::NotHex));
        let err = Signatures::decode([].into_iter(), Encoding::Hex, 1, &name, "v1")
            .err()
            .unwrap();
        assert_eq!(
            err,
            Error::NoSignature {
                name: "sig".into(),
                version: "v1"
            }
        );
        let ok = Signatures::decode(
            [Ok("zz"), Ok("0a")].into_iter(),
            Encoding::Hex,
            1,
            &name,
            "v1",
        )
        .unwrap();
        assert_eq!(ok.as_slice().len(), 1);
        let cut = Signatures::decode(
            [Ok("0a"), Err(Malformed::Empty), Ok("0b")].into_iter(),
            Encoding::Hex,
            1,
            &name,
            "v1",
        )
        .unwrap();
        assert_eq!(cut.as_slice().len(), 1);
        assert_eq!(
            cut.explain(Error::SignatureMismatch {
                secrets: 1,
                signatures: 1
            }),
            Error::malformed("sig", Malformed::Empty)
        );
    }
}
