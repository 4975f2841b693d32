//! Signature headers that carry several elements.
//!
//! Two shapes cover the providers that send more than one signature:
//! - *key=value lists*, `t=1492774577,v1=5257a8…,v1=…,v0=…` (Stripe; with other separators
//!   Paddle, Mux, WorkOS, Calendly): [`KeyValues`];
//! - *versioned lists*, `v1,K5oZ… v1a,hnO3…` (Standard Webhooks, Svix): [`versioned`].
//!
//! Either way the signatures of the version being checked are gathered, as received text,
//! into a [`Signatures`] set on the stack, bounded by [`MAX_SIGNATURES`].

use std::borrow::Cow;
use std::fmt;

use subtle::Choice;

use crate::provider::spec::{Encoding, Labels};
use crate::scheme::encoding::{MAX_ENCODED_LEN, ascii_lower};
use crate::scheme::tag::constant_time_eq;
use crate::{Error, HeaderKey, Malformed};

/// Most signatures of the checked version one header may carry. Providers send one, or two or
/// three while a secret is rotated; a header with more is refused before any MAC is computed.
pub const MAX_SIGNATURES: usize = 16;

/// The received signatures of one header, as text, with how they are encoded.
///
/// The official SDKs compare the *encoded* signature strings; so does this set, in constant
/// time, against the canonical encoding of each computed tag ([`Encoding::encode_into`]).
/// Because strict decoding accepts exactly one text per tag, that gives the SDKs' verdicts,
/// and no signature is decoded on the success path. Decoding happens only to explain a
/// failure ([`Signatures::mismatch`]): a signature that is not valid hex or base64, or has the
/// wrong length, is reported as malformed rather than as a mere mismatch.
#[derive(Clone)]
pub struct Signatures<'a> {
    texts: [&'a str; MAX_SIGNATURES],
    len: usize,
    /// More than [`MAX_SIGNATURES`] were pushed.
    overflow: bool,
    encoding: Encoding,
    tag_len: usize,
    header: &'a HeaderKey,
    version: &'a str,
    /// A malformed element that ended the list early.
    cut_short: Option<Malformed>,
}

impl<'a> Signatures<'a> {
    /// An empty set for signatures of `tag_len` bytes written in `encoding`, found in the
    /// header `header` under the version label `version` (used in errors).
    pub fn new(
        encoding: Encoding,
        tag_len: usize,
        header: &'a HeaderKey,
        version: &'a str,
    ) -> Self {
        Signatures {
            texts: [""; MAX_SIGNATURES],
            len: 0,
            overflow: false,
            encoding,
            tag_len,
            header,
            version,
            cut_short: None,
        }
    }

    /// Adds a received signature. Past [`MAX_SIGNATURES`] the set is marked as overflowing and
    /// [`Signatures::check`] refuses it.
    #[inline]
    pub fn push(&mut self, text: &'a str) {
        match self.texts.get_mut(self.len) {
            Some(slot) => {
                *slot = text;
                self.len += 1;
            }
            None => self.overflow = true,
        }
    }

    /// Records the malformed element that ended the list: the signatures before it still
    /// count, as in the reference libraries, which stop at the first element they cannot parse.
    pub fn cut_short(&mut self, reason: Malformed) {
        self.cut_short = Some(reason);
    }

    /// Checks the gathered set before any MAC is computed: too many signatures is malformed;
    /// none at all is the element that cut the list short, or [`Error::NoSignature`].
    #[inline]
    pub fn check(&self) -> Result<(), Error> {
        if self.overflow {
            let reason = Malformed::TooManySignatures {
                max: MAX_SIGNATURES,
            };
            return Err(Error::malformed(self.header, reason));
        }
        if self.len > 0 {
            return Ok(());
        }
        Err(match &self.cut_short {
            Some(reason) => Error::malformed(self.header, reason.clone()),
            None => Error::NoSignature {
                name: self.header.into(),
                version: Cow::Owned(self.version.to_owned()),
            },
        })
    }

    /// Adds `elements` (each a signature, or the malformed element that ends the list), up to
    /// the first malformed one.
    pub fn extend(&mut self, elements: impl Iterator<Item = Result<&'a str, Malformed>>) {
        for element in elements {
            match element {
                Ok(text) => self.push(text),
                Err(reason) => {
                    self.cut_short(reason);
                    break;
                }
            }
        }
    }

    /// A set of the one signature a single-signature header carries.
    #[cfg(any(test, fuzzing))]
    pub fn single(
        text: &'a str,
        encoding: Encoding,
        tag_len: usize,
        header: &'a HeaderKey,
    ) -> Self {
        let mut out = Signatures::new(encoding, tag_len, header, "");
        out.push(text);
        out
    }

    /// Keeps only the signatures `pick` says the provider's SDK compares. A set that
    /// overflowed stays refused (bounded parsing comes first).
    pub fn pick(&mut self, pick: crate::provider::spec::Pick) {
        use crate::provider::spec::Pick;
        match pick {
            Pick::All => {}
            Pick::First => self.len = self.len.min(1),
            Pick::Last => {
                if self.len > 1 {
                    self.texts[0] = self.texts[self.len - 1];
                    self.len = 1;
                }
            }
        }
    }

    /// The received signatures, in order.
    pub fn texts(&self) -> &[&'a str] {
        &self.texts[..self.len]
    }

    /// How they are encoded.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The length in bytes of the tags they encode.
    pub fn tag_len(&self) -> usize {
        self.tag_len
    }

    /// Whether any received signature is exactly `expected` (a computed tag's canonical text).
    ///
    /// Every signature is compared, each in constant time: timing reveals neither which one
    /// matched nor how many bytes did. Lengths are not secret (the sender chose them).
    pub fn matches(&self, expected: &[u8]) -> Choice {
        let fold_case = self.encoding.ignores_case();
        self.texts().iter().fold(Choice::from(0), |hit, text| {
            let mut lower = [0; MAX_ENCODED_LEN];
            let received = match (fold_case, text.len() <= MAX_ENCODED_LEN) {
                (false, _) => text.as_bytes(),
                (true, true) => ascii_lower(text.as_bytes(), &mut lower),
                // Longer than any encoded tag: cannot match.
                (true, false) => return hit,
            };
            hit | constant_time_eq(received, expected)
        })
    }

    /// The error to report when none of these signatures was made with any of `secrets`
    /// secrets: [`Signatures::malformed`] if the header is, else [`Error::SignatureMismatch`]
    /// with the number of well-formed signatures.
    ///
    /// Decodes the signatures, so it belongs on failure paths.
    pub fn mismatch(&self, secrets: usize) -> Error {
        match self.classify() {
            Ok(well_formed) => Error::SignatureMismatch {
                secrets,
                signatures: well_formed,
            },
            Err(malformed) => malformed,
        }
    }

    /// Why the header cannot hold a matching signature, if it cannot: the malformed element
    /// that cut the list short (a matching signature may have stood after it), or, when no
    /// signature even decodes, why the first one does not.
    ///
    /// Decodes the signatures, so it belongs on failure paths.
    pub fn malformed(&self) -> Option<Error> {
        self.classify().err()
    }

    /// How many signatures are well formed, or why the header is malformed.
    fn classify(&self) -> Result<usize, Error> {
        if let Some(reason) = &self.cut_short {
            return Err(Error::malformed(self.header, reason.clone()));
        }
        let mut well_formed = 0;
        let mut first_error = None;
        for text in self.texts() {
            match self.encoding.decode(text, self.tag_len) {
                Ok(_) => well_formed += 1,
                Err(reason) => {
                    first_error.get_or_insert(reason);
                }
            }
        }
        match first_error {
            Some(reason) if well_formed == 0 => Err(Error::malformed(self.header, reason)),
            _ => Ok(well_formed),
        }
    }
}

/// Never prints the signatures: a valid one can be replayed within the window.
impl fmt::Debug for Signatures<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signatures")
            .field("header", &self.header)
            .field("version", &self.version)
            .field("encoding", &self.encoding)
            .field("count", &self.len)
            .finish_non_exhaustive()
    }
}

/// A `key=value` list: elements split on `separator`, each split at its first `=`.
///
/// Elements are not trimmed unless asked: Stripe's SDKs match `v1` exactly, so ` v1=…` is not a
/// `v1` element there either.
#[derive(Clone, Copy)]
pub struct KeyValues<'a> {
    text: &'a str,
    separator: char,
    trim: bool,
}

/// Never prints the list: it holds signatures, and a valid one can be replayed.
impl fmt::Debug for KeyValues<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyValues")
            .field("separator", &self.separator)
            .field("trim", &self.trim)
            .field("len", &self.text.len())
            .finish_non_exhaustive()
    }
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
        let this = *self;
        split(self.text, self.separator).map(move |element| this.key_value(element))
    }

    /// One element as `(key, value)`, trimmed if asked, cut at its first `=`. Keys are a
    /// character or two, so a byte loop finds the `=` sooner than a search would start.
    fn key_value(&self, element: &'a str) -> (&'a str, Option<&'a str>) {
        let element = if self.trim {
            element.trim_matches(|c: char| c.is_ascii_whitespace())
        } else {
            element
        };
        match element.bytes().position(|b| b == b'=') {
            // `=` is ASCII: both cuts fall on character boundaries.
            Some(at) => (&element[..at], Some(&element[at + 1..])),
            None => (element, None),
        }
    }

    /// The values of every `key=` element.
    pub fn values(&self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.iter()
            .filter(move |(k, _)| short_eq(k, key))
            .filter_map(|(_, v)| v)
    }

    /// The single value of `key`: [`Malformed::NoTimestamp`] when absent (the element this is
    /// used for is the timestamp), [`Malformed::RepeatedTimestamp`] when repeated with
    /// different values (the SDKs disagree on which one wins), [`Malformed::BadElement`] when
    /// written without `=`.
    #[cfg(any(test, fuzzing))]
    pub fn timestamp(&self, key: &str) -> Result<&'a str, Malformed> {
        self.scan(key, |_, _, _| Ok(()))
    }

    /// One pass over the list: the timestamp under `timestamp_key`, as
    /// [`KeyValues::timestamp`] finds it, while every `signature_key=` value is pushed into
    /// `signatures`. On an error the pass stops there, and `signatures` holds only what came
    /// before.
    pub fn timestamp_and_signatures(
        &self,
        timestamp_key: &str,
        signature_key: &str,
        signatures: &mut Signatures<'a>,
    ) -> Result<&'a str, Malformed> {
        self.scan(timestamp_key, |index, key, value| {
            match (short_eq(key, signature_key), value) {
                (true, Some(value)) => signatures.push(value),
                // A bare signature key: stripe-python (16.1.0) cannot split it and rejects
                // the header, stripe-node (23.1.0) throws; so is it refused here.
                (true, None) => {
                    return Err(Malformed::BadElement {
                        index,
                        expected: "key=value",
                    });
                }
                (false, _) => {}
            }
            Ok(())
        })
    }

    /// Finds the single value of `key`, handing every other element to `other`.
    fn scan(
        &self,
        key: &str,
        mut other: impl FnMut(usize, &'a str, Option<&'a str>) -> Result<(), Malformed>,
    ) -> Result<&'a str, Malformed> {
        let mut found = None;
        for (index, element) in split(self.text, self.separator).enumerate() {
            let (k, v) = self.key_value(element);
            if short_eq(k, key) {
                let v = v.ok_or(Malformed::BadElement {
                    index,
                    expected: "key=value",
                })?;
                match found {
                    Some(first) if first != v => return Err(Malformed::RepeatedTimestamp),
                    _ => found = Some(v),
                }
            } else {
                other(index, k, v)?;
            }
        }
        found.ok_or(Malformed::NoTimestamp)
    }
}

/// The candidate signatures of a space-separated `version,signature` list, as `labels` says.
///
/// With [`Labels::Exact`], entries of other versions are skipped and an entry that is not
/// exactly `version,signature` (no comma, two commas, or empty from a doubled space) yields an
/// error, as the Python reference library raises on it; [`Signatures::extend`] stops there.
/// The laxer label rules come from SDKs that never raise on an entry: they skip what they
/// cannot use, and so does this.
///
/// Each entry is scanned once, with `memchr`, for its first space or comma: that is all the
/// parse needs to know, and it runs on every verification.
pub fn versioned<'a>(
    text: &'a str,
    version: &'a str,
    labels: Labels,
) -> impl Iterator<Item = Result<&'a str, Malformed>> + 'a {
    let mut rest = Some(text);
    let mut index = 0;
    std::iter::from_fn(move || {
        loop {
            let entry = next_entry(rest?);
            rest = entry.rest;
            let bad = Malformed::BadElement {
                index,
                expected: "version,signature",
            };
            index += 1;
            match (entry.parts, labels) {
                (Some((v, signature)), _) if short_eq(v, version) => return Some(Ok(signature)),
                (Some((_, signature)), Labels::Any) => return Some(Ok(signature)),
                (Some(_), _) => continue,
                (None, Labels::ExactOrBare) => match entry.bare {
                    Some(signature) => return Some(Ok(signature)),
                    None => continue,
                },
                (None, Labels::Exact) => return Some(Err(bad)),
                (None, _) => continue,
            }
        }
    })
}

/// One entry of a versioned list and what follows it.
struct Entry<'a> {
    /// `(version, signature)`, or `None` when the entry has no comma, or more than one.
    parts: Option<(&'a str, &'a str)>,
    /// The entry itself when it is not empty and has no comma at all.
    bare: Option<&'a str>,
    /// The text after the entry's space, if there is one.
    rest: Option<&'a str>,
}

/// Cuts the first entry off `text`. Spaces and commas are ASCII, so every cut falls on a
/// character boundary.
fn next_entry(text: &str) -> Entry<'_> {
    let stop = |from: &str| memchr::memchr2(b' ', b',', from.as_bytes());
    let after = |at: usize| Some(&text[at + 1..]);
    let Some(first) = stop(text) else {
        return Entry {
            parts: None,
            bare: Some(text).filter(|entry| !entry.is_empty()),
            rest: None,
        };
    };
    if text.as_bytes()[first] == b' ' {
        return Entry {
            parts: None,
            bare: Some(&text[..first]).filter(|entry| !entry.is_empty()),
            rest: after(first),
        };
    }
    let signature_start = first + 1;
    match stop(&text[signature_start..]).map(|at| signature_start + at) {
        None => Entry {
            parts: Some((&text[..first], &text[signature_start..])),
            bare: None,
            rest: None,
        },
        Some(end) if text.as_bytes()[end] == b' ' => Entry {
            parts: Some((&text[..first], &text[signature_start..end])),
            bare: None,
            rest: after(end),
        },
        // A second comma: the entry is malformed up to its space.
        Some(end) => Entry {
            parts: None,
            bare: None,
            rest: memchr::memchr(b' ', &text.as_bytes()[end..])
                .and_then(|space| after(end + space)),
        },
    }
}

/// Where `separator` first occurs in `text`: with `memchr` for an ASCII separator (which
/// `str::find` would reach only after a searcher's set-up, more than the search itself on a
/// few dozen bytes), with `str::find` otherwise.
fn find(text: &str, separator: char) -> Option<usize> {
    match u8::try_from(separator) {
        Ok(byte) if byte.is_ascii() => memchr::memchr(byte, text.as_bytes()),
        _ => text.find(separator),
    }
}

/// `str::split`, through [`find`].
fn split(text: &str, separator: char) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match find(current, separator) {
            Some(at) => {
                rest = Some(&current[at + separator.len_utf8()..]);
                Some(&current[..at])
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

/// String equality for keys and versions, a few bytes long: a byte loop, where `==` would
/// call `memcmp`.
fn short_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

#[cfg(test)]
mod tests {
    use super::*;

    static SIG: HeaderKey = HeaderKey::new("sig", "sig");

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
        let found: Vec<_> = versioned("v1a,xx v1,aa v2,bb v1,cc", "v1", Labels::Exact).collect();
        assert_eq!(found, [Ok("aa"), Ok("cc")]);
        let bad: Vec<_> = versioned("v1,aa  v1,bb,cc nocomma", "v1", Labels::Exact).collect();
        assert_eq!(bad[0], Ok("aa"));
        assert!(bad[1..].iter().all(Result::is_err), "{bad:?}");
        assert_eq!(bad.len(), 4);
    }

    #[test]
    fn lax_labels_take_bare_or_any_entries_and_skip_the_rest() {
        let text = "v1,aa bare v2,bb  v1,x,y v1a,cc";
        let or_bare: Vec<_> = versioned(text, "v1", Labels::ExactOrBare).collect();
        assert_eq!(or_bare, [Ok("aa"), Ok("bare")]);
        let any: Vec<_> = versioned(text, "v1", Labels::Any).collect();
        assert_eq!(any, [Ok("aa"), Ok("bb"), Ok("cc")]);
        let last_bare: Vec<_> = versioned("v2,zz last", "v1", Labels::ExactOrBare).collect();
        assert_eq!(last_bare, [Ok("last")]);
    }

    fn collect<'a>(elements: &[Result<&'a str, Malformed>]) -> Signatures<'a> {
        let mut out = Signatures::new(Encoding::Hex, 1, &SIG, "v1");
        out.extend(elements.iter().cloned());
        out
    }

    #[test]
    fn signatures_are_bounded_and_failures_explained() {
        let mut many = Signatures::new(Encoding::Hex, 1, &SIG, "v1");
        for _ in 0..=MAX_SIGNATURES {
            many.push("00");
        }
        assert_eq!(
            many.check().err(),
            Some(Error::malformed(
                "sig",
                Malformed::TooManySignatures {
                    max: MAX_SIGNATURES
                }
            ))
        );
        assert_eq!(
            collect(&[]).check().err(),
            Some(Error::NoSignature {
                name: "sig".into(),
                version: "v1".into()
            })
        );
        assert_eq!(
            collect(&[Err(Malformed::Empty), Ok("0a")]).check().err(),
            Some(Error::malformed("sig", Malformed::Empty))
        );

        let garbage = collect(&[Ok("zz"), Ok("0a0a")]);
        assert_eq!(garbage.check(), Ok(()));
        assert_eq!(
            garbage.mismatch(1),
            Error::malformed("sig", Malformed::NotHex)
        );
        let one_good = collect(&[Ok("zz"), Ok("0a")]);
        assert_eq!(
            one_good.mismatch(2),
            Error::SignatureMismatch {
                secrets: 2,
                signatures: 1
            }
        );
        assert!(bool::from(one_good.matches(b"0a")));
        assert!(!bool::from(one_good.matches(b"0b")));
        assert!(!bool::from(one_good.matches(b"0")));
        let cut = collect(&[Ok("0a"), Err(Malformed::Empty), Ok("0b")]);
        assert_eq!(cut.check(), Ok(()));
        assert_eq!(cut.texts(), ["0a"]);
        assert!(!format!("{cut:?}").contains("0a"), "{cut:?}");
        assert_eq!(cut.mismatch(1), Error::malformed("sig", Malformed::Empty));
    }

    #[test]
    fn any_separator_splits_and_nothing_prints_the_list() {
        let kv = KeyValues::new("t=1\u{e9}v1=ab\u{e9}v1=cd", '\u{e9}');
        assert_eq!(kv.timestamp("t"), Ok("1"));
        assert_eq!(kv.values("v1").collect::<Vec<_>>(), ["ab", "cd"]);
        assert!(!format!("{kv:?}").contains("ab"), "{kv:?}");
    }

    /// Found by comparing with the Stripe SDKs: `t=…,v1=<good>,v1` is rejected by
    /// stripe-python 16.1.0 and stripe-node 23.1.0 alike, so a bare signature key is malformed.
    #[test]
    fn a_bare_signature_key_is_malformed() {
        let mut sigs = Signatures::new(Encoding::Hex, 1, &SIG, "v1");
        assert!(matches!(
            KeyValues::new("t=5,v1=aa,v1", ',').timestamp_and_signatures("t", "v1", &mut sigs),
            Err(Malformed::BadElement { index: 2, .. })
        ));
        let mut sigs = Signatures::new(Encoding::Hex, 1, &SIG, "v1");
        // Other bare keys are ignored, as the SDKs ignore them.
        assert_eq!(
            KeyValues::new("t=5,v1=aa,v0,x", ',').timestamp_and_signatures("t", "v1", &mut sigs),
            Ok("5")
        );
    }

    #[test]
    fn one_pass_finds_timestamp_and_signatures() {
        let mut sigs = Signatures::new(Encoding::Hex, 1, &SIG, "v1");
        let kv = KeyValues::new("v1=aa,t=5,v0=bb,v1=cc,v0", ',');
        assert_eq!(kv.timestamp_and_signatures("t", "v1", &mut sigs), Ok("5"));
        assert_eq!(sigs.texts(), ["aa", "cc"]);
        let mut sigs = Signatures::new(Encoding::Hex, 1, &SIG, "v1");
        assert_eq!(
            KeyValues::new("t=5,v1=aa,t=6", ',').timestamp_and_signatures("t", "v1", &mut sigs),
            Err(Malformed::RepeatedTimestamp)
        );
    }
}
