//! Case-insensitive header lookup over whatever the caller's HTTP stack hands us.
//!
//! A verifier needs three answers from a header collection: the header is absent, it has one
//! value, or it is repeated with values that disagree. The last one matters: a signature header
//! sent twice with different values is ambiguous, and picking either one could let a proxy or an
//! attacker choose which value is checked. [`HeaderLookup::Conflicting`] makes callers decide.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasher;

/// The result of looking a header up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderLookup<'a> {
    /// No header of that name.
    Absent,
    /// Exactly one value (or several identical ones).
    One(&'a str),
    /// Several values that differ.
    Conflicting,
    /// A value that is not text (only possible with `http::HeaderMap`).
    NotText,
}

/// A collection of request headers, looked up case-insensitively.
///
/// Implemented for slices, arrays and `Vec`s of `(name, value)` pairs, for `HashMap`s of
/// strings and, with the `http` feature, for `http::HeaderMap`. Implement it for your own
/// type by answering [`Headers::lookup`]; lookups must ignore ASCII case in names.
///
/// ```
/// use hooksign::{Headers, HeaderLookup};
///
/// let headers = [("Content-Type", "application/json"), ("X-Hub-Signature-256", "sha256=ab")];
/// assert_eq!(headers.lookup("x-hub-signature-256"), HeaderLookup::One("sha256=ab"));
/// assert_eq!(headers.lookup("x-github-event"), HeaderLookup::Absent);
/// ```
pub trait Headers {
    /// Looks `name` up, ignoring ASCII case.
    fn lookup(&self, name: &str) -> HeaderLookup<'_>;

    /// Looks up a name fixed at compile time, as the providers do.
    ///
    /// The default looks up [`HeaderKey::as_str`]; implementing [`Headers::lookup`] is enough.
    /// Header maps that index parsed names (`http::HeaderMap`, actix-web's `HeaderMap`) override
    /// it to use the key's pre-parsed name, which spares parsing and lower-casing the text on
    /// every request. An override must answer exactly what `lookup(key.as_str())` answers.
    ///
    /// ```
    /// use hooksign::{HeaderKey, HeaderLookup, Headers};
    ///
    /// static SIGNATURE: HeaderKey = HeaderKey::new("X-Signature", "x-signature");
    /// let headers = [("x-signature", "abc")];
    /// assert_eq!(headers.lookup_key(&SIGNATURE), HeaderLookup::One("abc"));
    /// ```
    fn lookup_key(&self, key: &HeaderKey) -> HeaderLookup<'_> {
        self.lookup(key.as_str())
    }
}

/// A header name fixed at compile time: how providers name the headers they read.
///
/// It holds the name as the provider documents it (what errors report and signers write) and,
/// with the `http` or `actix-web` feature, the name parsed for those crates' header maps. A
/// `HeaderMap` indexes parsed, lower-case names: looking a `&str` up parses and lower-cases it
/// first, which costs about as much again as the lookup itself, on every request, for each of
/// the two to six headers a verification reads. Parsing once, here, removes that.
///
/// ```
/// use hooksign::HeaderKey;
///
/// static DELIVERY: HeaderKey = HeaderKey::new("X-GitHub-Delivery", "x-github-delivery");
/// assert_eq!(DELIVERY.as_str(), "X-GitHub-Delivery");
/// ```
#[derive(Clone)]
pub struct HeaderKey {
    text: Cow<'static, str>,
    #[cfg(feature = "http")]
    http: http::HeaderName,
    #[cfg(feature = "actix-web")]
    actix: actix_web::http::header::HeaderName,
}

impl HeaderKey {
    /// The header `text`, given with its lower-case form too: the parsed names need it, and a
    /// `const fn` cannot lower-case a string. (Parsing `text` on first use instead would
    /// allocate on a request's path; this way the names are built at compile time.)
    ///
    /// # Panics
    ///
    /// If `lowercase` is not `text` in ASCII lower case, or `text` is not a header name (one or
    /// more RFC 9110 token characters). In a `static` or `const`, that is a compile-time error,
    /// with or without the features that parse the name.
    ///
    /// ```should_panic
    /// hooksign::HeaderKey::new("X-Signature", "x-sig");
    /// ```
    ///
    /// ```should_panic
    /// hooksign::HeaderKey::new("X Signature", "x signature");
    /// ```
    pub const fn new(text: &'static str, lowercase: &'static str) -> Self {
        let (upper, lower) = (text.as_bytes(), lowercase.as_bytes());
        assert!(!upper.is_empty(), "HeaderKey: an empty header name");
        assert!(
            upper.len() == lower.len(),
            "HeaderKey: the lower-case form has another length"
        );
        let mut i = 0;
        while i < upper.len() {
            assert!(
                is_token_char(upper[i]),
                "HeaderKey: a header name is made of RFC 9110 token characters"
            );
            assert!(
                upper[i].to_ascii_lowercase() == lower[i],
                "HeaderKey: the second name is not the first in lower case"
            );
            i += 1;
        }
        HeaderKey {
            text: Cow::Borrowed(text),
            #[cfg(feature = "http")]
            http: http::HeaderName::from_static(lowercase),
            #[cfg(feature = "actix-web")]
            actix: actix_web::http::header::HeaderName::from_static(lowercase),
        }
    }

    /// A header name known only at run time (a custom provider's configuration), checked as
    /// [`HeaderKey::new`] checks its argument; `None` if it is not a header name.
    ///
    /// ```
    /// let key = hooksign::HeaderKey::parse("X-Signature").unwrap();
    /// assert_eq!(key.as_str(), "X-Signature");
    /// assert!(hooksign::HeaderKey::parse("X Signature").is_none());
    /// assert!(hooksign::HeaderKey::parse("").is_none());
    /// ```
    pub fn parse(text: impl Into<String>) -> Option<Self> {
        let text = text.into();
        if text.is_empty() || !text.bytes().all(is_token_char) {
            return None;
        }
        #[cfg(any(feature = "http", feature = "actix-web"))]
        let lowercase = text.to_ascii_lowercase();
        Some(HeaderKey {
            #[cfg(feature = "http")]
            http: http::HeaderName::from_bytes(lowercase.as_bytes()).ok()?,
            #[cfg(feature = "actix-web")]
            actix: actix_web::http::header::HeaderName::from_bytes(lowercase.as_bytes()).ok()?,
            text: Cow::Owned(text),
        })
    }

    /// The name as the provider writes it.
    ///
    /// ```
    /// static ID: hooksign::HeaderKey = hooksign::HeaderKey::new("webhook-id", "webhook-id");
    /// assert_eq!(ID.as_str(), "webhook-id");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The name parsed for `http::HeaderMap`.
    #[cfg(feature = "http")]
    pub(crate) fn http(&self) -> &http::HeaderName {
        &self.http
    }

    /// The name parsed for actix-web's `HeaderMap`.
    #[cfg(feature = "actix-web")]
    pub(crate) fn actix(&self) -> &actix_web::http::header::HeaderName {
        &self.actix
    }
}

/// RFC 9110 §5.6.2 `tchar`: what header names are made of (and all `http::HeaderName` takes).
const fn is_token_char(byte: u8) -> bool {
    byte.is_ascii_alphanumeric()
        || matches!(
            byte,
            b'!' | b'#'
                | b'$'
                | b'%'
                | b'&'
                | b'\''
                | b'*'
                | b'+'
                | b'-'
                | b'.'
                | b'^'
                | b'_'
                | b'`'
                | b'|'
                | b'~'
        )
}

impl fmt::Debug for HeaderKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("HeaderKey").field(&self.text).finish()
    }
}

/// Names are equal when they are the same header: ASCII case does not count.
impl PartialEq for HeaderKey {
    fn eq(&self, other: &Self) -> bool {
        same_name(&self.text, &other.text)
    }
}

impl Eq for HeaderKey {}

/// The name as the provider writes it: what errors report and signers send. (A copy only for
/// names known at run time; a built-in provider's name is borrowed.)
impl From<&HeaderKey> for Cow<'static, str> {
    fn from(key: &HeaderKey) -> Self {
        key.text.clone()
    }
}

impl fmt::Display for HeaderKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Folds the values of every header called `name` into one answer.
fn fold<'a>(name: &str, pairs: impl Iterator<Item = (&'a str, &'a str)>) -> HeaderLookup<'a> {
    fold_values(
        pairs
            .filter(|(key, _)| same_name(key, name))
            .map(|(_, value)| Some(value)),
    )
}

/// ASCII-case-insensitive name equality.
///
/// An exact comparison first: most collections carry names as the provider wrote them, or
/// lower-cased as HTTP/2 requires, and `memcmp` beats a byte-by-byte case fold. The fold runs
/// from the end: the names a provider sends share a prefix (`X-Shopify-`, `X-GitHub-`,
/// `webhook-`), so two different names of one length usually differ in their last bytes.
///
/// `#[inline]`: the pairs' lookup is generic, so it is compiled in the caller's crate, where a
/// private function of this one could not be inlined without it (it was a call per pair).
#[inline]
fn same_name(key: &str, name: &str) -> bool {
    key.len() == name.len()
        && (key == name
            || key
                .bytes()
                .rev()
                .zip(name.bytes().rev())
                .all(|(a, b)| a.eq_ignore_ascii_case(&b)))
}

/// Folds the values of one header (`None` for a value that is not text) into one answer, for
/// header maps that store values as bytes.
#[inline]
pub(crate) fn fold_values<'a>(values: impl Iterator<Item = Option<&'a str>>) -> HeaderLookup<'a> {
    let mut found = HeaderLookup::Absent;
    for value in values {
        let Some(value) = value else {
            return HeaderLookup::NotText;
        };
        found = found.and(value);
        if found == HeaderLookup::Conflicting {
            return found;
        }
    }
    found
}

impl<'a> HeaderLookup<'a> {
    /// This answer with one more value of the same header: equal values stay one, a different
    /// one makes them conflict.
    fn and(self, value: &'a str) -> Self {
        match self {
            HeaderLookup::Absent => HeaderLookup::One(value),
            HeaderLookup::One(first) if first == value => HeaderLookup::One(first),
            _ => HeaderLookup::Conflicting,
        }
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Headers for [(K, V)] {
    fn lookup(&self, name: &str) -> HeaderLookup<'_> {
        // A plain loop rather than `fold`'s adaptors: this is the lookup on the benchmarked
        // path, and it runs a few times per verification.
        let mut found = HeaderLookup::Absent;
        for (key, value) in self {
            if !same_name(key.as_ref(), name) {
                continue;
            }
            found = found.and(value.as_ref());
            if found == HeaderLookup::Conflicting {
                return found;
            }
        }
        found
    }
}

impl<K: AsRef<str>, V: AsRef<str>, const N: usize> Headers for [(K, V); N] {
    fn lookup(&self, name: &str) -> HeaderLookup<'_> {
        self.as_slice().lookup(name)
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Headers for Vec<(K, V)> {
    fn lookup(&self, name: &str) -> HeaderLookup<'_> {
        self.as_slice().lookup(name)
    }
}

/// Keys that differ only in case (`"X-A"` and `"x-a"`) count as the same header.
impl<K: AsRef<str>, V: AsRef<str>, S: BuildHasher> Headers for HashMap<K, V, S> {
    fn lookup(&self, name: &str) -> HeaderLookup<'_> {
        fold(name, self.iter().map(|(k, v)| (k.as_ref(), v.as_ref())))
    }
}

impl<H: Headers + ?Sized> Headers for &H {
    fn lookup(&self, name: &str) -> HeaderLookup<'_> {
        (**self).lookup(name)
    }

    fn lookup_key(&self, key: &HeaderKey) -> HeaderLookup<'_> {
        (**self).lookup_key(key)
    }
}

/// Header values that are not visible ASCII are reported as [`HeaderLookup::NotText`]: no
/// provider sends them, and guessing an encoding would be a second parser to get wrong.
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl Headers for http::HeaderMap {
    fn lookup(&self, name: &str) -> HeaderLookup<'_> {
        fold_values(self.get_all(name).into_iter().map(|v| v.to_str().ok()))
    }

    fn lookup_key(&self, key: &HeaderKey) -> HeaderLookup<'_> {
        fold_values(
            self.get_all(key.http())
                .into_iter()
                .map(|v| v.to_str().ok()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_ignores_case_and_reports_conflicts() {
        let pairs = vec![
            ("A".to_string(), "1".to_string()),
            ("a".to_string(), "1".to_string()),
            ("B".to_string(), "1".to_string()),
            ("b".to_string(), "2".to_string()),
        ];
        assert_eq!(pairs.lookup("a"), HeaderLookup::One("1"));
        assert_eq!(pairs.lookup("B"), HeaderLookup::Conflicting);
        assert_eq!(pairs.lookup("c"), HeaderLookup::Absent);

        let map: HashMap<&str, &str> = [("X-Id", "7"), ("x-id", "8")].into_iter().collect();
        assert_eq!(map.lookup("X-ID"), HeaderLookup::Conflicting);
    }

    /// Whatever `HeaderKey::new` admits, the header maps' own name types take: every token
    /// character (under the `http` and `actix-web` features this static would not compile
    /// otherwise).
    #[test]
    fn every_token_character_makes_a_header_key() {
        static ALL: HeaderKey = HeaderKey::new(
            "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
            "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
        );
        let admitted = (0..=255u8).filter(|&b| is_token_char(b)).count();
        assert_eq!(admitted, ALL.as_str().len(), "one of each token character");
        #[cfg(feature = "http")]
        assert_eq!(ALL.http().as_str(), ALL.as_str().to_ascii_lowercase());
        #[cfg(feature = "actix-web")]
        assert_eq!(ALL.actix().as_str(), ALL.as_str().to_ascii_lowercase());
    }

    #[cfg(feature = "http")]
    #[test]
    fn header_map_repeated_values() {
        let mut map = http::HeaderMap::new();
        map.append("x-sig", http::HeaderValue::from_static("a"));
        assert_eq!(map.lookup("X-Sig"), HeaderLookup::One("a"));
        map.append("x-sig", http::HeaderValue::from_static("b"));
        assert_eq!(map.lookup("x-sig"), HeaderLookup::Conflicting);
        map.insert("x-bin", http::HeaderValue::from_bytes(b"\xff").unwrap());
        assert_eq!(map.lookup("x-bin"), HeaderLookup::NotText);

        // The pre-parsed path gives the same answers as the text path.
        static SIG: HeaderKey = HeaderKey::new("X-Sig", "x-sig");
        static BIN: HeaderKey = HeaderKey::new("X-Bin", "x-bin");
        static NONE: HeaderKey = HeaderKey::new("X-None", "x-none");
        assert_eq!(map.lookup_key(&SIG), HeaderLookup::Conflicting);
        assert_eq!(map.lookup_key(&BIN), HeaderLookup::NotText);
        assert_eq!(map.lookup_key(&NONE), HeaderLookup::Absent);
        map.insert("x-one", http::HeaderValue::from_static("1"));
        static ONE: HeaderKey = HeaderKey::new("X-One", "x-one");
        // Through a reference too (`&H` forwards the pre-parsed lookup).
        assert_eq!(
            <&http::HeaderMap as Headers>::lookup_key(&&map, &ONE),
            HeaderLookup::One("1")
        );
    }
}
