//! The URL-and-body family: a MAC (or a secret-prefixed hash) over the public URL the provider
//! requested, the raw body and, for some providers, the method and a timestamp, concatenated
//! in the provider's order (Square: URL + body; Trello: body + URL; HubSpot: method + URL +
//! body + timestamp).
//!
//! The parts are fed to the MAC one after the other, never joined into a buffer, so verifying
//! allocates nothing. Two digests cover the family:
//! - an HMAC with the secret as text as its key ([`UrlBody::hmac`], through
//!   [`Keyring`]), and
//! - HubSpot v1/v2's plain SHA-256 over `secret + parts` ([`UrlBody::secret_prefixed_sha256`]),
//!   whose state after absorbing the secret is computed once per secret, like an HMAC key.
//!
//! Either way the computed tag is encoded as the provider writes it and compared in constant
//! time with the received text ([`Signatures`]), each secret tried once.
//!
//! Also here: where the URL comes from ([`url`]: the one the provider is pinned to, else the
//! delivery's), the method ([`method`]), and what the registry's options may set
//! ([`tolerance_option`]).

use std::fmt;
use std::sync::Arc;

use sha2::Digest as _;

use crate::provider::ProviderError;
use crate::provider::spec::{Algorithm, Encoding, SecretFormat};
use crate::scheme::encoding::MAX_ENCODED_LEN;
use crate::scheme::key;
use crate::scheme::list::Signatures;
use crate::scheme::mac::{Keyring, SecretMatch};
use crate::scheme::tag::Tag;
use crate::{Delivery, Error, HeaderKey, SecretSet, Tolerance};

/// The digest a provider of the family computes.
#[derive(Clone)]
enum Keyed {
    /// HMAC keyed with each secret as text.
    Hmac(Keyring),
    /// SHA-256 over the secret followed by the parts: one state per secret, the secret already
    /// absorbed.
    SecretPrefixedSha256(Vec<(sha2::Sha256, Option<Arc<str>>)>),
}

/// A pre-keyed digest and how its tags are written: the engine of the URL-and-body family.
#[derive(Clone)]
pub(crate) struct UrlBody {
    keyed: Keyed,
    encoding: Encoding,
    tag_len: usize,
}

impl UrlBody {
    /// An HMAC with `algorithm`, each secret used as text, tags written in `encoding`.
    pub(crate) fn hmac(algorithm: Algorithm, encoding: Encoding, secrets: &SecretSet) -> Self {
        // Text secrets are keys as they are, and a `SecretSet` holds no empty one.
        let ring = key::keyring(algorithm, secrets, &SecretFormat::Text)
            .expect("text secrets are always usable keys");
        UrlBody {
            keyed: Keyed::Hmac(ring),
            encoding,
            tag_len: algorithm.output_len(),
        }
    }

    /// Plain SHA-256 (not an HMAC) over `secret + parts`, in lower-case hex (HubSpot v1/v2).
    pub(crate) fn secret_prefixed_sha256(secrets: &SecretSet) -> Self {
        let states = secrets
            .iter()
            .map(|secret| {
                let mut state = sha2::Sha256::new();
                state.update(secret.expose());
                (state, secret.label_arc())
            })
            .collect();
        UrlBody {
            keyed: Keyed::SecretPrefixedSha256(states),
            encoding: Encoding::Hex,
            tag_len: Algorithm::Sha256.output_len(),
        }
    }

    /// How many secrets are tried.
    fn secrets(&self) -> usize {
        match &self.keyed {
            Keyed::Hmac(ring) => ring.len(),
            Keyed::SecretPrefixedSha256(states) => states.len(),
        }
    }

    /// Which secret signed `parts` with the signature `value` of header `header`: the first
    /// whose encoded tag equals `value`, compared in constant time. A value that cannot be a
    /// signature of this digest (not the encoding, the wrong length) is a malformed header.
    pub(crate) fn verify(
        &self,
        header: &HeaderKey,
        value: &str,
        parts: &[&[u8]],
    ) -> Result<SecretMatch, Error> {
        let mut signatures = Signatures::new(self.encoding, self.tag_len, header, "");
        signatures.push(value);
        match &self.keyed {
            Keyed::Hmac(ring) => ring.find(parts, &signatures),
            Keyed::SecretPrefixedSha256(states) => {
                signatures.check()?;
                let mut buf = [0; MAX_ENCODED_LEN];
                for (index, (state, label)) in states.iter().enumerate() {
                    let tag = sha256_tag(state, parts);
                    let expected = self.encoding.encode_into(&tag, &mut buf);
                    if bool::from(signatures.matches(expected)) {
                        return Ok(SecretMatch {
                            index,
                            label: label.clone(),
                        });
                    }
                }
                Err(signatures.mismatch(self.secrets()))
            }
        }
    }

    /// The primary secret's signature over `parts`, as the provider writes it.
    pub(crate) fn sign(&self, parts: &[&[u8]]) -> String {
        let tag = match &self.keyed {
            Keyed::Hmac(ring) => ring.sign(parts),
            Keyed::SecretPrefixedSha256(states) => sha256_tag(&states[0].0, parts),
        };
        self.encoding.encode(&tag)
    }
}

/// The SHA-256 of the absorbed secret followed by `parts`.
fn sha256_tag(state: &sha2::Sha256, parts: &[&[u8]]) -> Tag {
    let mut state = state.clone();
    for part in parts {
        state.update(part);
    }
    Tag::from_slice(&state.finalize()).expect("a SHA-256 digest fits in a tag")
}

/// Never prints a key or a hash state.
impl fmt::Debug for UrlBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digest = match &self.keyed {
            Keyed::Hmac(ring) => format!("{ring:?}"),
            Keyed::SecretPrefixedSha256(states) => {
                format!("SecretPrefixedSha256(<{} secrets>)", states.len())
            }
        };
        f.debug_struct("UrlBody")
            .field("digest", &digest)
            .field("encoding", &self.encoding)
            .finish()
    }
}

/// The URL a delivery is verified against: the one the provider is pinned to (the URL
/// registered with it), else the delivery's. An empty URL counts as none (the SDKs refuse an
/// empty one).
pub(crate) fn url<'a>(pinned: Option<&'a str>, delivery: &Delivery<'a>) -> Result<&'a str, Error> {
    pinned
        .or(delivery.url())
        .filter(|url| !url.is_empty())
        .ok_or(Error::MissingRequestPart { part: "url" })
}

/// The delivery's HTTP method, required where the scheme signs it.
pub(crate) fn method<'a>(delivery: &Delivery<'a>) -> Result<&'a str, Error> {
    delivery
        .method()
        .filter(|method| !method.is_empty())
        .ok_or(Error::MissingRequestPart { part: "method" })
}

/// The replay window the registry's `options` ask for, for a provider of the family: only a
/// tolerance, and only where the scheme signs a timestamp (`timestamped`). Every other option
/// is refused, naming it.
pub(crate) fn tolerance_option(
    provider: &'static str,
    options: &crate::provider::Options,
    timestamped: bool,
) -> Result<Option<Tolerance>, ProviderError> {
    let unsupported = |option| ProviderError::Unsupported { provider, option };
    let (legacy, rest) = options.split_legacy();
    if legacy {
        return Err(unsupported("legacy algorithm"));
    }
    let tolerance = rest.tolerance();
    let plain = match tolerance {
        Some(t) => crate::provider::Options::new().with_tolerance(t),
        None => crate::provider::Options::new(),
    };
    if rest != plain {
        return Err(unsupported("all secrets signing"));
    }
    if tolerance.is_some() && !timestamped {
        return Err(unsupported("tolerance"));
    }
    Ok(tolerance)
}

#[cfg(test)]
mod tests {
    use super::*;

    static SIG: HeaderKey = HeaderKey::new("Sig", "sig");

    #[test]
    fn secret_prefixed_sha256_is_sha256_of_the_concatenation() {
        // HubSpot's published v2 example: SHA-256 of secret + "GET" + URI.
        let engine = UrlBody::secret_prefixed_sha256(
            &SecretSet::new(["yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy"]).unwrap(),
        );
        let parts: [&[u8]; 3] = [b"GET", b"https://www.example.com/webhook_uri", b""];
        let expected = "eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e";
        assert_eq!(engine.sign(&parts), expected);
        assert_eq!(engine.verify(&SIG, expected, &parts).unwrap().index, 0);
        assert_eq!(
            engine.verify(&SIG, &expected.to_uppercase(), &parts),
            Err(Error::malformed("Sig", crate::Malformed::NotHex))
        );
    }

    #[test]
    fn every_secret_is_tried_and_a_mismatch_counts_them() {
        let engine = UrlBody::hmac(
            Algorithm::Sha1,
            Encoding::Base64,
            &SecretSet::new(["old", "new"]).unwrap(),
        );
        let only_new = UrlBody::hmac(
            Algorithm::Sha1,
            Encoding::Base64,
            &SecretSet::new(["new"]).unwrap(),
        );
        let parts: [&[u8]; 2] = [b"{}", b"https://example.com/hook"];
        let signature = only_new.sign(&parts);
        assert_eq!(engine.verify(&SIG, &signature, &parts).unwrap().index, 1);
        assert_eq!(
            engine.verify(&SIG, &signature, &[b"{}", b"https://example.com/hook2"]),
            Err(Error::SignatureMismatch {
                secrets: 2,
                signatures: 1
            })
        );
        assert!(!format!("{engine:?}").contains("new"));
    }

    #[test]
    fn url_and_method_are_required_and_pinning_wins() {
        let headers: [(&str, &str); 0] = [];
        let bare = Delivery::new(&headers, b"");
        assert_eq!(
            url(None, &bare),
            Err(Error::MissingRequestPart { part: "url" })
        );
        assert_eq!(
            method(&bare),
            Err(Error::MissingRequestPart { part: "method" })
        );
        let full = bare.with_url("https://a.example/x").with_method("POST");
        assert_eq!(
            url(Some("https://pinned.example/"), &full),
            Ok("https://pinned.example/")
        );
        assert_eq!(url(None, &full), Ok("https://a.example/x"));
        assert_eq!(
            url(None, &bare.with_url("")),
            Err(Error::MissingRequestPart { part: "url" })
        );
        assert_eq!(method(&full), Ok("POST"));
    }

    #[test]
    fn only_a_tolerance_is_an_option_and_only_for_timestamped_schemes() {
        use crate::provider::Options;
        let t = Tolerance::symmetric(60);
        assert_eq!(tolerance_option("x", &Options::new(), false), Ok(None));
        assert_eq!(
            tolerance_option("x", &Options::new().with_tolerance(t), true),
            Ok(Some(t))
        );
        for (options, option) in [
            (Options::new().with_tolerance(t), "tolerance"),
            (Options::new().with_legacy_algorithm(), "legacy algorithm"),
            (
                Options::new().with_all_secrets_signing(),
                "all secrets signing",
            ),
        ] {
            assert_eq!(
                tolerance_option("x", &options, false),
                Err(ProviderError::Unsupported {
                    provider: "x",
                    option
                })
            );
        }
    }
}
