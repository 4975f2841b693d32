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
}

impl Signatures {
    /// The decoded signatures.
    pub fn as_slice(&self) -> &[Tag] {
        &self.tags[..self.len]
    }

    /// Decodes every encoded signature of the checked version.
    ///
    /// An entry that does not decode can never match (the SDKs compare strings), so it is
    /// skipped; but when *no* entry decodes the header is reported as malformed, which says more
    /// than "no match". No entry at all is [`Error::NoSignature`].
    pub fn decode<'a>(
        encoded: impl Iterator<Item = &'a str>,
        encoding: Encoding,
        tag_len: usize,
        header: &HeaderName,
        version: &'static str,
    ) -> Result<Self, Error> {
        let mut out = Signatures {
            tags: [Tag::from_slice(&[]).expect("empty tag"); MAX_SIGNATURES],
            len: 0,
        };
        let mut seen = 0usize;
        let mut first_error = None;
        for text in encoded {
            seen += 1;
            if seen > MAX_SIGNATURES {
                return Err(Error::malformed(
                    header.clone(),
                    Malformed::TooManySignatures {
                        max: MAX_SIGNATURES,
                    },
                ));
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
        match (out.len, first_error) {
            (0, Some(reason)) => Err(Error::malformed(header.clone(), reason)),
            (0, None) => Err(Error::NoSignature {
                name: header.clone(),
                version,
            }),
            _ => Ok(out),
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
    /// used for is the timestamp), [`Malformed::RepeatedTimestamp`] when repeated,
    /// [`Malformed::BadElement`] when written without `=`.
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
            if found.replace(v).is_some() {
                return Err(Malformed::RepeatedTimestamp);
            }
        }
        found.ok_or(Malformed::NoTimestamp)
    }
}

/// The signatures of `version` in a space-separated `version,signature` list.
///
/// Entries of other versions, and entries without a comma, are skipped, as the Standard
/// Webhooks reference libraries do; so are empty entries from doubled spaces.
pub fn versioned<'a>(text: &'a str, version: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    text.split(' ')
        .filter_map(move |entry| match entry.split_once(',') {
            Some((v, sig)) if v == version => Some(sig),
            _ => None,
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
        let found: Vec<_> = versioned("v1a,xx v1,aa  v2,bb nocomma v1,cc", "v1").collect();
        assert_eq!(found, ["aa", "cc"]);
    }

    #[test]
    fn decode_bounds_and_reports() {
        let name: HeaderName = "sig".into();
        let many = std::iter::repeat_n("00", MAX_SIGNATURES + 1);
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
        let err = Signatures::decode(["zz"].into_iter(), Encoding::Hex, 1, &name, "v1")
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
        let ok =
            Signatures::decode(["zz", "0a"].into_iter(), Encoding::Hex, 1, &name, "v1").unwrap();
        assert_eq!(ok.as_slice().len(), 1);
    }
}
