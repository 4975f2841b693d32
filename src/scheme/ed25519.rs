//! The Ed25519 engine (feature `ed25519`): a provider's public keys, the optional private key
//! it signs with, and the verification of one signature over content given in parts.
//!
//! Verification is RFC 8032's cofactorless check as `ed25519-dalek` does it
//! (`MultipartVerifier`): the content's parts are hashed in order, never concatenated, so it
//! allocates nothing. A non-canonical `S` is refused (as Node's WebCrypto/OpenSSL and
//! tweetnacl refuse it); small-order public keys are refused when the provider is built
//! ([`PublicKey::from_ed25519`]), since with one anyone can forge a signature. With `k` keys a
//! delivery costs at most `k` verifications.

use std::fmt;

use ed25519_dalek::ed25519::signature::{MultipartSigner as _, MultipartVerifier as _};
use ed25519_dalek::{Signature, SigningKey};

use crate::key_set::{KeySet, PublicKey};
use crate::provider::spec::Encoding;
use crate::scheme::mac::SecretMatch;
use crate::{Error, HeaderKey, Secret, SecretError, SecretSet, SignError};

/// Bytes of an Ed25519 signature.
pub const SIGNATURE_LEN: usize = 64;

/// A private key: zeroized when dropped (`ed25519-dalek`'s `zeroize`), never printed.
#[derive(Clone)]
pub struct Signer(SigningKey);

impl Signer {
    /// From the 64 bytes of the NaCl / tweetnacl secret key: the 32-byte seed, then the
    /// public key it makes (checked, so a mistyped half is refused).
    pub fn from_keypair(index: usize, bytes: &[u8]) -> Result<Signer, SecretError> {
        let invalid = |reason| SecretError::InvalidKey { index, reason };
        let bytes: &[u8; 64] = bytes
            .try_into()
            .map_err(|_| invalid("an Ed25519 private key is 64 bytes (seed, then public key)"))?;
        SigningKey::from_keypair_bytes(bytes)
            .map(Signer)
            .map_err(|_| invalid("the public half is not the seed's public key"))
    }

    /// From a 32-byte seed (tests and tools that make keys).
    #[cfg(any(test, fuzzing))]
    pub fn from_seed(seed: &[u8; 32]) -> Signer {
        Signer(SigningKey::from_bytes(seed))
    }

    /// The signature over the parts, in order.
    pub fn sign(&self, parts: &[&[u8]]) -> [u8; SIGNATURE_LEN] {
        self.0.multipart_sign(parts).to_bytes()
    }

    /// The public key, labelled.
    pub fn public(
        &self,
        index: usize,
        label: Option<std::sync::Arc<str>>,
    ) -> Result<PublicKey, SecretError> {
        Ok(PublicKey::from_ed25519(index, self.0.verifying_key())?.with_label_arc(label))
    }
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Signer(<redacted>)")
    }
}

/// One key as a provider issues it: public (verifies) or private (signs, and verifies with
/// its public half).
pub enum Parsed {
    /// A public key.
    Public(PublicKey),
    /// A private key.
    Private(Signer),
}

/// A provider's keys: the public ones it verifies with, and the private key it signs with when
/// its primary key is one.
#[derive(Clone)]
pub struct Keys {
    set: KeySet,
    signer: Option<Signer>,
}

impl Keys {
    /// The keys of a [`SecretSet`], each read by `parse` (the provider's key forms), labels
    /// kept. A private key verifies with its public half; only the primary one signs.
    pub fn from_secrets(
        secrets: &SecretSet,
        parse: impl Fn(usize, &Secret) -> Result<Parsed, SecretError>,
    ) -> Result<Keys, SecretError> {
        let mut signer = None;
        let mut public = Vec::with_capacity(secrets.len());
        for (index, secret) in secrets.iter().enumerate() {
            let key = match parse(index, secret)? {
                Parsed::Public(key) => key.with_label_arc(secret.label_arc()),
                Parsed::Private(private) => {
                    let key = private.public(index, secret.label_arc())?;
                    if index == 0 {
                        signer = Some(private);
                    }
                    key
                }
            };
            public.push(key);
        }
        Ok(Keys {
            set: KeySet::new(public)?,
            signer,
        })
    }

    /// Public keys only: verifies, cannot sign.
    pub fn from_key_set(set: KeySet) -> Result<Keys, SecretError> {
        Ok(Keys {
            set: set.expect_algorithm("ed25519")?,
            signer: None,
        })
    }

    /// How many keys are tried.
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// The first key whose signature `signature` is over `parts`.
    pub fn find(&self, parts: &[&[u8]], signature: &Signature) -> Option<SecretMatch> {
        self.set.first_match(|key| {
            key.kind()
                .ed25519()
                .is_some_and(|key| key.multipart_verify(parts, signature).is_ok())
        })
    }

    /// The signature of the primary (private) key over `parts`.
    pub fn sign(&self, parts: &[&[u8]]) -> Result<[u8; SIGNATURE_LEN], SignError> {
        self.signer
            .as_ref()
            .map(|signer| signer.sign(parts))
            .ok_or(SignError::Missing(
                "private key (the primary key is a public key)",
            ))
    }
}

/// Never prints a key, nor how many there are.
impl fmt::Debug for Keys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keys")
            .field("algorithm", &"ed25519")
            .field("signs", &self.signer.is_some())
            .finish_non_exhaustive()
    }
}

/// A received signature as `encoding` writes it, decoded: a malformed header otherwise.
pub fn decode_signature(
    text: &str,
    encoding: Encoding,
    header: &HeaderKey,
) -> Result<Signature, Error> {
    let tag = encoding
        .decode(text, SIGNATURE_LEN)
        .map_err(|reason| Error::malformed(header, reason))?;
    let bytes: &[u8; SIGNATURE_LEN] = tag
        .as_bytes()
        .try_into()
        .expect("decode returns a tag of the length asked for");
    Ok(Signature::from_bytes(bytes))
}

/// The mismatch error for `keys` tried against `signatures` well-formed signatures.
pub fn mismatch(keys: &Keys, signatures: usize) -> Error {
    Error::SignatureMismatch {
        secrets: keys.len(),
        signatures,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 8032 §7.1, test 2: one message byte, 0x72.
    const SEED: &str = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
    const SIGNATURE: &str = "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";

    fn keys() -> Keys {
        let mut pair = hex::decode(SEED).unwrap();
        let public = Signer::from_seed(&pair.clone().try_into().unwrap())
            .0
            .verifying_key();
        pair.extend_from_slice(public.as_bytes());
        let other = Signer::from_seed(&[7; 32]).0.to_keypair_bytes();
        let secrets = SecretSet::new([
            Secret::new(other.to_vec()),
            Secret::new(pair).with_label("rfc"),
        ])
        .unwrap();
        Keys::from_secrets(&secrets, |index, secret| {
            Signer::from_keypair(index, secret.expose()).map(Parsed::Private)
        })
        .unwrap()
    }

    #[test]
    fn rfc8032_signature_verifies_in_parts_and_reports_the_key() {
        let keys = keys();
        let signature =
            decode_signature(SIGNATURE, Encoding::Hex, &HeaderKey::new("s", "s")).unwrap();
        let found = keys.find(&[b"", b"\x72", b""], &signature).unwrap();
        assert_eq!((found.index, found.label.as_deref()), (1, Some("rfc")));
        assert!(keys.find(&[b"\x73"], &signature).is_none());
        // The primary signs; its signature is deterministic and verifies.
        let own = keys.sign(&[b"a", b"b"]).unwrap();
        assert_eq!(
            keys.find(&[b"ab"], &Signature::from_bytes(&own))
                .unwrap()
                .index,
            0
        );
        assert!(!format!("{keys:?}").contains("rfc"));
    }

    #[test]
    fn private_keys_with_a_wrong_public_half_are_refused() {
        let mut pair = Signer::from_seed(&[1; 32]).0.to_keypair_bytes();
        pair[63] ^= 1;
        assert!(matches!(
            Signer::from_keypair(3, &pair),
            Err(SecretError::InvalidKey { index: 3, .. })
        ));
        assert!(Signer::from_keypair(0, &pair[..32]).is_err());
    }

    #[test]
    fn weak_keys_are_refused() {
        // The identity point (y = 1), of small order.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        assert!(matches!(
            PublicKey::ed25519(&identity),
            Err(SecretError::InvalidKey { .. })
        ));
    }
}
