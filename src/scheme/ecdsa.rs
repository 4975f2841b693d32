//! The ECDSA P-256 / SHA-256 engine (feature `p256`): a provider's public keys, the optional
//! private key it signs with (tests, senders), and the verification of one DER signature over
//! content given in parts.
//!
//! The content's parts are hashed in order (`MultipartVerifier`), never concatenated; the
//! signature is base64-decoded and DER-parsed on the stack: verifying allocates nothing.
//! High-`S` signatures are accepted, as OpenSSL and the SDKs accept them (ECDSA signatures are
//! malleable; nothing here depends on a signature being unique).

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ecdsa::signature::{MultipartSigner as _, MultipartVerifier as _};
use p256::NistP256;
use p256::ecdsa::{Signature, SigningKey};

use crate::key_set::{KeySet, PublicKey};
use crate::scheme::mac::SecretMatch;
use crate::{Error, HeaderKey, Malformed, Secret, SecretError, SecretSet, SignError};

/// Longest DER P-256 signature: two 33-byte integers with their headers, in a sequence.
pub const MAX_DER_LEN: usize = 72;
/// Longest base64 text of one: 4 characters per 3 bytes, padded.
pub const MAX_BASE64_LEN: usize = MAX_DER_LEN.div_ceil(3) * 4;

/// A private key (RFC 6979 deterministic signing: no randomness needed), never printed.
#[derive(Clone)]
pub struct Signer(SigningKey);

impl Signer {
    /// From a DER PKCS#8 `PrivateKeyInfo` (what `openssl genpkey` and Node's
    /// `generateKeyPairSync('ec', { namedCurve: 'P-256' })` write).
    pub fn from_pkcs8_der(index: usize, der: &[u8]) -> Result<Signer, SecretError> {
        use p256::pkcs8::DecodePrivateKey as _;
        SigningKey::from_pkcs8_der(der)
            .map(Signer)
            .map_err(|_| SecretError::InvalidKey {
                index,
                reason: "not a DER PKCS#8 private key of the P-256 curve",
            })
    }

    /// The DER signature over the parts, in order.
    pub fn sign(&self, parts: &[&[u8]]) -> Vec<u8> {
        let signature: Signature = self.0.multipart_sign(parts);
        signature.to_der().as_bytes().to_vec()
    }

    fn public(&self) -> PublicKey {
        PublicKey::from_p256(*self.0.verifying_key())
    }
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Signer(<redacted>)")
    }
}

/// A provider's keys: the public ones it verifies with, and the private key it signs with when
/// its primary key is one.
#[derive(Clone)]
pub struct Keys {
    set: KeySet,
    signer: Option<Signer>,
}

impl Keys {
    /// The keys of a [`SecretSet`], each the DER (SPKI public or PKCS#8 private) that `der`
    /// makes of it; labels kept. A private key verifies with its public half; only the primary
    /// one signs.
    pub fn from_secrets(
        secrets: &SecretSet,
        der: impl Fn(usize, &Secret) -> Result<Vec<u8>, SecretError>,
    ) -> Result<Keys, SecretError> {
        let mut signer = None;
        let mut public = Vec::with_capacity(secrets.len());
        for (index, secret) in secrets.iter().enumerate() {
            let der = zeroize::Zeroizing::new(der(index, secret)?);
            let key = match PublicKey::p256_at(index, &der) {
                Ok(key) => key,
                Err(not_public) => {
                    let private = Signer::from_pkcs8_der(index, &der).map_err(|_| not_public)?;
                    let key = private.public();
                    if index == 0 {
                        signer = Some(private);
                    }
                    key
                }
            };
            public.push(key.with_label_arc(secret.label_arc()));
        }
        Ok(Keys {
            set: KeySet::new(public)?,
            signer,
        })
    }

    /// Public keys only: verifies, cannot sign.
    pub fn from_key_set(set: KeySet) -> Result<Keys, SecretError> {
        Ok(Keys {
            set: set.expect_algorithm("ecdsa-p256")?,
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
                .p256()
                .is_some_and(|key| key.multipart_verify(parts, signature).is_ok())
        })
    }

    /// The DER signature of the primary (private) key over `parts`.
    pub fn sign(&self, parts: &[&[u8]]) -> Result<Vec<u8>, SignError> {
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
            .field("algorithm", &"ecdsa-p256")
            .field("signs", &self.signer.is_some())
            .finish_non_exhaustive()
    }
}

/// A received signature, canonical padded base64 of a DER `ECDSA-Sig-Value`, decoded on the
/// stack: a malformed header otherwise.
pub fn decode_signature(text: &str, header: &HeaderKey) -> Result<Signature, Error> {
    let malformed = |reason| Error::malformed(header, reason);
    if text.len() > MAX_BASE64_LEN {
        return Err(malformed(Malformed::TooLong {
            max: MAX_BASE64_LEN,
        }));
    }
    if text.is_empty() {
        return Err(malformed(Malformed::Empty));
    }
    // Room for the decoder's whole last block.
    let mut buf = [0u8; MAX_DER_LEN + 3];
    let len = STANDARD
        .decode_slice(text, &mut buf)
        .map_err(|_| malformed(Malformed::NotBase64))?;
    ecdsa::der::Signature::<NistP256>::from_bytes(&buf[..len])
        .and_then(Signature::try_from)
        .map_err(|_| {
            malformed(Malformed::Unexpected {
                expected: "a DER ECDSA P-256 signature".into(),
            })
        })
}

/// Base64 (canonical, padded) of a DER signature, as SendGrid sends it.
pub fn encode_signature(der: &[u8]) -> String {
    STANDARD.encode(der)
}

#[cfg(test)]
mod tests {
    use super::*;

    static SIG: HeaderKey = HeaderKey::new("sig", "sig");

    /// The official `@sendgrid/eventwebhook` 8.0.0 test key, signature and message.
    const KEY: &str = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";
    const SIGNATURE: &str = "MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM=";
    const BODY: &str = "[{\"email\":\"hello@world.com\",\"event\":\"dropped\",\"reason\":\"Bounced Address\",\"sg_event_id\":\"ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA\",\"sg_message_id\":\"LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0\",\"smtp-id\":\"<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>\",\"timestamp\":1600112492}]\r\n";

    fn keys(secrets: &[&str]) -> Keys {
        let set = SecretSet::new(secrets.iter().copied()).unwrap();
        Keys::from_secrets(&set, |_, secret| {
            Ok(STANDARD.decode(secret.expose()).unwrap())
        })
        .unwrap()
    }

    #[test]
    fn the_sdk_test_vector_verifies_in_parts() {
        let keys = keys(&[KEY]);
        let signature = decode_signature(SIGNATURE, &SIG).unwrap();
        let found = keys.find(&[b"1600112502", BODY.as_bytes()], &signature);
        assert_eq!(found.map(|m| m.index), Some(0));
        assert!(
            keys.find(&[b"1600112503", BODY.as_bytes()], &signature)
                .is_none()
        );
        assert_eq!(
            keys.sign(&[b"x"]),
            Err(SignError::Missing(
                "private key (the primary key is a public key)"
            ))
        );
    }

    #[test]
    fn malformed_signatures_are_named() {
        for (text, reason) in [
            ("", Malformed::Empty),
            ("MEUC!", Malformed::NotBase64),
            (
                "AAAA",
                Malformed::Unexpected {
                    expected: "a DER ECDSA P-256 signature".into(),
                },
            ),
        ] {
            assert_eq!(
                decode_signature(text, &SIG).err(),
                Some(Error::malformed(&SIG, reason))
            );
        }
        let long = "A".repeat(MAX_BASE64_LEN + 4);
        assert!(matches!(
            decode_signature(&long, &SIG),
            Err(Error::MalformedHeader {
                reason: Malformed::TooLong { .. },
                ..
            })
        ));
    }
}
