//! Pre-keyed HMAC and the matching of computed tags against received signatures.
//!
//! Each secret is turned into an HMAC state once, when a provider is built (the key is hashed
//! into the inner and outer pads then). Verifying clones that state, which copies a few hundred
//! bytes on the stack and allocates nothing, feeds the signed content in parts, encodes the tag
//! as the provider writes it, and compares that text in constant time against every received
//! signature ([`Signatures`]). With `k` secrets and `s` signatures that is `k` HMAC
//! computations, `k` encodings and `k × s` constant-time comparisons.

use std::fmt;
use std::sync::Arc;

use hmac::{Hmac, KeyInit, Mac};
use zeroize::Zeroizing;

use crate::provider::spec::Algorithm;
use crate::scheme::encoding::MAX_ENCODED_LEN;
use crate::scheme::list::Signatures;
use crate::scheme::tag::Tag;
use crate::{Error, Secret, SecretError, SecretSet};

#[derive(Clone)]
enum KeyedMac {
    Sha1(Hmac<sha1::Sha1>),
    Sha256(Hmac<sha2::Sha256>),
    Sha384(Hmac<sha2::Sha384>),
    Sha512(Hmac<sha2::Sha512>),
}

impl KeyedMac {
    fn new(algorithm: Algorithm, key: &[u8]) -> Self {
        // HMAC accepts keys of any length (long ones are hashed first), so this cannot fail.
        match algorithm {
            Algorithm::Sha1 => {
                KeyedMac::Sha1(Hmac::new_from_slice(key).expect("HMAC takes any key length"))
            }
            Algorithm::Sha256 => {
                KeyedMac::Sha256(Hmac::new_from_slice(key).expect("HMAC takes any key length"))
            }
            Algorithm::Sha384 => {
                KeyedMac::Sha384(Hmac::new_from_slice(key).expect("HMAC takes any key length"))
            }
            Algorithm::Sha512 => {
                KeyedMac::Sha512(Hmac::new_from_slice(key).expect("HMAC takes any key length"))
            }
        }
    }

    fn compute(&self, parts: &[&[u8]]) -> Tag {
        fn run<M: Mac + Clone>(keyed: &M, parts: &[&[u8]]) -> Tag {
            let mut mac = keyed.clone();
            for part in parts {
                mac.update(part);
            }
            let out = mac.finalize().into_bytes();
            Tag::from_slice(&out).expect("every supported tag fits in MAX_TAG_LEN")
        }
        match self {
            KeyedMac::Sha1(m) => run(m, parts),
            KeyedMac::Sha256(m) => run(m, parts),
            KeyedMac::Sha384(m) => run(m, parts),
            KeyedMac::Sha512(m) => run(m, parts),
        }
    }

    /// The tag over what `content` writes into the sink it is given, part by part (content
    /// that is decoded or reordered on the fly, never gathered into a buffer).
    fn compute_fed(&self, content: Writer<'_>) -> Tag {
        fn run<M: Mac + Clone>(keyed: &M, content: Writer<'_>) -> Tag {
            let mut mac = keyed.clone();
            content(&mut |part| mac.update(part));
            let out = mac.finalize().into_bytes();
            Tag::from_slice(&out).expect("every supported tag fits in MAX_TAG_LEN")
        }
        match self {
            KeyedMac::Sha1(m) => run(m, content),
            KeyedMac::Sha256(m) => run(m, content),
            KeyedMac::Sha384(m) => run(m, content),
            KeyedMac::Sha512(m) => run(m, content),
        }
    }
}

/// One variant of some signed content, written part by part into the sink it is handed.
type Writer<'w> = &'w mut dyn FnMut(&mut dyn FnMut(&[u8]));

/// Signed content written part by part into the MAC it is handed: variant `index` of the
/// content (a scheme that accepts several forms of one request, such as a URL with and
/// without its port, has one variant per form).
pub type Content<'c> = &'c dyn Fn(usize, &mut dyn FnMut(&[u8]));

/// Which secret of a set verified a delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretMatch {
    /// Position in the [`SecretSet`], 0 being the primary.
    pub index: usize,
    /// The secret's label, if it had one.
    pub label: Option<Arc<str>>,
}

/// The pre-keyed MAC states of a secret set, in the set's order.
#[derive(Clone)]
pub struct Keyring {
    algorithm: Algorithm,
    keys: Vec<(KeyedMac, Option<Arc<str>>)>,
}

impl Keyring {
    /// Keys each secret as-is (its bytes are the HMAC key).
    #[cfg(test)]
    pub fn new(algorithm: Algorithm, secrets: &SecretSet) -> Self {
        Self::with_derived_keys(algorithm, secrets, |_, s| {
            Ok(Zeroizing::new(s.expose().to_vec()))
        })
        .expect("identity key derivation cannot fail")
    }

    /// Keys each secret with the bytes `derive` makes of it (e.g. base64-decoding `whsec_…`).
    pub fn with_derived_keys(
        algorithm: Algorithm,
        secrets: &SecretSet,
        derive: impl Fn(usize, &Secret) -> Result<Zeroizing<Vec<u8>>, SecretError>,
    ) -> Result<Self, SecretError> {
        let keys = secrets
            .iter()
            .enumerate()
            .map(|(index, secret)| {
                let key = derive(index, secret)?;
                Ok((KeyedMac::new(algorithm, &key), secret.label_arc()))
            })
            .collect::<Result<_, SecretError>>()?;
        Ok(Keyring { algorithm, keys })
    }

    /// How many secrets the ring holds.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// The tag of the primary secret over `parts` (for signing).
    pub fn sign(&self, parts: &[&[u8]]) -> Tag {
        self.keys[0].0.compute(parts)
    }

    /// The tags of every secret over `parts`, primary first (for signing during a rotation).
    pub fn sign_all<'a>(&'a self, parts: &'a [&'a [u8]]) -> impl Iterator<Item = Tag> + 'a {
        self.keys.iter().map(move |(key, _)| key.compute(parts))
    }

    /// The tag of the primary secret over variant 0 of `content` (for signing content that is
    /// written part by part).
    pub fn sign_fed(&self, content: Content<'_>) -> Tag {
        self.keys[0].0.compute_fed(&mut |sink| content(0, sink))
    }

    /// Like [`Keyring::find`], for content written part by part and accepted in any of
    /// `variants` forms: for each secret in turn, each variant's tag is computed and compared
    /// with every signature (`k × variants` MACs at most), and the first match wins.
    pub fn find_fed(
        &self,
        variants: usize,
        content: Content<'_>,
        signatures: &Signatures<'_>,
    ) -> Result<SecretMatch, Error> {
        signatures.check()?;
        debug_assert_eq!(signatures.tag_len(), self.algorithm.output_len());
        let mut buf = [0; MAX_ENCODED_LEN];
        for (index, (key, label)) in self.keys.iter().enumerate() {
            for variant in 0..variants {
                let tag = key.compute_fed(&mut |sink| content(variant, sink));
                let expected = signatures.encoding().encode_into(&tag, &mut buf);
                if bool::from(signatures.matches(expected)) {
                    return Ok(SecretMatch {
                        index,
                        label: label.clone(),
                    });
                }
            }
        }
        Err(signatures.mismatch(self.keys.len()))
    }

    /// Finds the first secret whose tag over `parts`, encoded as the signatures are, equals one
    /// of `signatures`.
    ///
    /// The set is [`check`](Signatures::check)ed first (too many signatures, or none, is an
    /// error whatever the MAC). Every secret's tag is computed once, encoded without
    /// secret-dependent memory access, and compared with every signature in constant time, so
    /// timing reveals neither which signature matched nor how many bytes did. When none
    /// matches, the error says why ([`Signatures::mismatch`]): a malformed header, or
    /// [`Error::SignatureMismatch`].
    pub fn find(&self, parts: &[&[u8]], signatures: &Signatures<'_>) -> Result<SecretMatch, Error> {
        signatures.check()?;
        // Signatures of another length (a provider configured with the wrong algorithm) can
        // never match: the comparison fails closed.
        debug_assert_eq!(signatures.tag_len(), self.algorithm.output_len());
        let mut buf = [0; MAX_ENCODED_LEN];
        for (index, (key, label)) in self.keys.iter().enumerate() {
            let expected = signatures
                .encoding()
                .encode_into(&key.compute(parts), &mut buf);
            if bool::from(signatures.matches(expected)) {
                return Ok(SecretMatch {
                    index,
                    label: label.clone(),
                });
            }
        }
        Err(signatures.mismatch(self.keys.len()))
    }
}

impl Keyring {
    /// Finds the first secret whose tag over `parts`, encoded in `encoding`, equals `received`
    /// (one signature read from a body rather than a header): `k` MACs and `k` constant-time
    /// comparisons of the encoded texts, as in [`Keyring::find`]. `None` when none matches;
    /// the caller explains why (a signature that does not decode, or a mismatch).
    pub fn find_encoded(
        &self,
        parts: &[&[u8]],
        encoding: crate::provider::spec::Encoding,
        received: &str,
    ) -> Option<SecretMatch> {
        let mut buf = [0; MAX_ENCODED_LEN];
        let mut found = None;
        for (index, (key, label)) in self.keys.iter().enumerate() {
            let expected = encoding.encode_into(&key.compute(parts), &mut buf);
            let matched = bool::from(crate::scheme::tag::constant_time_eq(
                expected,
                received.as_bytes(),
            ));
            if matched && found.is_none() {
                found = Some(SecretMatch {
                    index,
                    label: label.clone(),
                });
            }
        }
        found
    }
}

impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keyring")
            .field("algorithm", &self.algorithm)
            .field(
                "labels",
                &self.keys.iter().map(|(_, l)| l).collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SIG: crate::HeaderKey = crate::HeaderKey::new("sig", "sig");

    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    const RFC4231_2_SHA256: &str =
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

    #[test]
    fn parts_are_fed_as_one_message() {
        let set = SecretSet::new(["Jefe"]).unwrap();
        let ring = Keyring::new(Algorithm::Sha256, &set);
        let tag = ring.sign(&[b"what do ya ", b"want for nothing?"]);
        assert_eq!(hex::encode(tag.as_bytes()), RFC4231_2_SHA256);
    }

    #[test]
    fn fed_content_is_the_same_message() {
        use crate::provider::spec::Encoding;
        let set = SecretSet::new(["wrong", "Jefe"]).unwrap();
        let ring = Keyring::new(Algorithm::Sha256, &set);
        let whole = ring.sign(&[b"what do ya want for nothing?"]);
        let fed = ring.sign_fed(&|_, sink| {
            for word in ["what", " do ya", " want for nothing?"] {
                sink(word.as_bytes());
            }
        });
        assert_eq!(whole.as_bytes(), fed.as_bytes());
        // The second secret over the second variant: every pair is tried.
        let mut signatures = Signatures::new(Encoding::Hex, 32, &SIG, "");
        signatures.push(RFC4231_2_SHA256);
        let variants = |variant: usize, sink: &mut dyn FnMut(&[u8])| {
            sink(if variant == 1 {
                b"what do ya want for nothing?"
            } else {
                b"no"
            });
        };
        let found = ring.find_fed(2, &variants, &signatures).unwrap();
        assert_eq!(found.index, 1);
        assert_eq!(
            ring.find_fed(1, &variants, &signatures),
            Err(Error::SignatureMismatch {
                secrets: 2,
                signatures: 1
            })
        );
    }

    #[test]
    fn find_reports_the_matching_secret() {
        use crate::provider::spec::Encoding;
        let set = SecretSet::new(["wrong", "Jefe"]).unwrap();
        let ring = Keyring::new(Algorithm::Sha256, &set);
        let bad = "00".repeat(32);
        let mut signatures = Signatures::new(Encoding::Hex, 32, &SIG, "v1");
        signatures.push(&bad);
        signatures.push(RFC4231_2_SHA256);
        let found = ring
            .find(&[b"what do ya want for nothing?"], &signatures)
            .unwrap();
        assert_eq!(found.index, 1);
        let only_bad = Signatures::single(&bad, Encoding::Hex, 32, &SIG);
        assert_eq!(
            ring.find(&[b"what do ya want for nothing?"], &only_bad),
            Err(Error::SignatureMismatch {
                secrets: 2,
                signatures: 1
            })
        );
        let upper = RFC4231_2_SHA256.to_uppercase();
        let upper = Signatures::single(&upper, Encoding::Hex, 32, &SIG);
        assert_eq!(
            ring.find(&[b"what do ya want for nothing?"], &upper),
            Err(Error::malformed("sig", crate::Malformed::NotHex))
        );
    }
}
