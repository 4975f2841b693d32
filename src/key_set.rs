//! Public keys of the asymmetric schemes and their rotation sets (features `ed25519`, `p256`).
//!
//! A [`KeySet`] is to public-key providers ([`Discord`](crate::Discord),
//! [`Telnyx`](crate::Telnyx), [`StandardWebhooksEd25519`](crate::StandardWebhooksEd25519),
//! [`SendGrid`](crate::SendGrid)) what a [`SecretSet`](crate::SecretSet) is to HMAC ones: an
//! ordered, non-empty list, every key accepted when verifying, and
//! [`Verified`](crate::Verified) says which one matched (its index and label), so a key
//! rotation can be watched and finished.
//!
//! The providers also build themselves from the keys *as the provider issues them* (hex,
//! base64, `whpk_…`, base64 DER) in a `SecretSet`, which is what the CLI and
//! [`AnyProvider`](crate::AnyProvider) do; a `KeySet` is for keys you already hold as bytes.

use std::fmt;
use std::sync::Arc;

use crate::SecretError;

/// One public key, with an optional label reported back by verification.
///
/// Public keys are not secret, but `Debug` shows only the algorithm and the label.
///
/// ```
/// # #[cfg(feature = "ed25519")] {
/// use hooksign::PublicKey;
///
/// // RFC 8032 §7.1, test 1.
/// let bytes = hex::decode("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a").unwrap();
/// let key = PublicKey::ed25519(&bytes)?.with_label("2025-06");
/// assert_eq!(key.algorithm(), "ed25519");
/// assert_eq!(key.label(), Some("2025-06"));
/// assert!(PublicKey::ed25519(&bytes[..31]).is_err());
/// # }
/// # Ok::<(), hooksign::SecretError>(())
/// ```
#[derive(Clone)]
pub struct PublicKey {
    kind: KeyKind,
    label: Option<Arc<str>>,
}

/// The key itself, by algorithm.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyKind {
    #[cfg(feature = "ed25519")]
    Ed25519(ed25519_dalek::VerifyingKey),
    #[cfg(feature = "p256")]
    P256(p256::ecdsa::VerifyingKey),
}

impl KeyKind {
    /// The Ed25519 key, if it is one.
    #[cfg(feature = "ed25519")]
    pub(crate) fn ed25519(&self) -> Option<&ed25519_dalek::VerifyingKey> {
        match self {
            KeyKind::Ed25519(key) => Some(key),
            #[cfg(feature = "p256")]
            KeyKind::P256(_) => None,
        }
    }

    /// The P-256 key, if it is one.
    #[cfg(feature = "p256")]
    pub(crate) fn p256(&self) -> Option<&p256::ecdsa::VerifyingKey> {
        match self {
            KeyKind::P256(key) => Some(key),
            #[cfg(feature = "ed25519")]
            KeyKind::Ed25519(_) => None,
        }
    }

    fn algorithm(&self) -> &'static str {
        match self {
            #[cfg(feature = "ed25519")]
            KeyKind::Ed25519(_) => "ed25519",
            #[cfg(feature = "p256")]
            KeyKind::P256(_) => "ecdsa-p256",
        }
    }
}

impl PublicKey {
    /// An Ed25519 public key from its 32 bytes.
    ///
    /// Refuses bytes that are not a point of the curve and the small-order ("weak") points,
    /// with which anyone could forge a signature.
    #[cfg(feature = "ed25519")]
    pub fn ed25519(bytes: &[u8]) -> Result<Self, SecretError> {
        Self::ed25519_at(0, bytes)
    }

    /// [`PublicKey::ed25519`], errors naming the key's position `index` in its set.
    #[cfg(feature = "ed25519")]
    pub(crate) fn ed25519_at(index: usize, bytes: &[u8]) -> Result<Self, SecretError> {
        let invalid = |reason| SecretError::InvalidKey { index, reason };
        let bytes: &[u8; 32] = bytes
            .try_into()
            .map_err(|_| invalid("an Ed25519 public key is 32 bytes"))?;
        let key = ed25519_dalek::VerifyingKey::from_bytes(bytes)
            .map_err(|_| invalid("not a point of the Ed25519 curve"))?;
        Self::from_ed25519(index, key)
    }

    /// Wraps a parsed Ed25519 key, refusing the small-order ones.
    #[cfg(feature = "ed25519")]
    pub(crate) fn from_ed25519(
        index: usize,
        key: ed25519_dalek::VerifyingKey,
    ) -> Result<Self, SecretError> {
        if key.is_weak() {
            return Err(SecretError::InvalidKey {
                index,
                reason: "a small-order Ed25519 point, which verifies forged signatures",
            });
        }
        Ok(PublicKey {
            kind: KeyKind::Ed25519(key),
            label: None,
        })
    }

    /// An ECDSA P-256 public key from its DER `SubjectPublicKeyInfo` (what SendGrid shows,
    /// base64-decoded).
    ///
    /// ```
    /// use base64::Engine as _;
    /// // The key of the official `@sendgrid/eventwebhook` tests.
    /// let der = base64::engine::general_purpose::STANDARD.decode(
    ///     "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==",
    /// )?;
    /// let key = hooksign::PublicKey::p256_spki_der(&der)?;
    /// assert_eq!(key.algorithm(), "ecdsa-p256");
    /// assert!(hooksign::PublicKey::p256_spki_der(&der[1..]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "p256")]
    pub fn p256_spki_der(der: &[u8]) -> Result<Self, SecretError> {
        Self::p256_at(0, der)
    }

    /// [`PublicKey::p256_spki_der`], errors naming the key's position `index` in its set.
    #[cfg(feature = "p256")]
    pub(crate) fn p256_at(index: usize, der: &[u8]) -> Result<Self, SecretError> {
        use p256::pkcs8::DecodePublicKey as _;
        let key = p256::ecdsa::VerifyingKey::from_public_key_der(der).map_err(|_| {
            SecretError::InvalidKey {
                index,
                reason: "not a DER SubjectPublicKeyInfo of a P-256 key",
            }
        })?;
        Ok(Self::from_p256(key))
    }

    #[cfg(feature = "p256")]
    pub(crate) fn from_p256(key: p256::ecdsa::VerifyingKey) -> Self {
        PublicKey {
            kind: KeyKind::P256(key),
            label: None,
        }
    }

    /// Attaches a label (a date, a key id) reported back by verification.
    pub fn with_label(mut self, label: impl Into<Arc<str>>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub(crate) fn with_label_arc(mut self, label: Option<Arc<str>>) -> Self {
        self.label = label;
        self
    }

    /// The label, if one was attached.
    pub fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }

    /// The algorithm: `"ed25519"` or `"ecdsa-p256"`.
    pub fn algorithm(&self) -> &'static str {
        self.kind.algorithm()
    }

    pub(crate) fn kind(&self) -> &KeyKind {
        &self.kind
    }

    pub(crate) fn label_arc(&self) -> Option<Arc<str>> {
        self.label.clone()
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicKey")
            .field("algorithm", &self.algorithm())
            .field("label", &self.label)
            .finish_non_exhaustive()
    }
}

/// An ordered, non-empty set of public keys of one algorithm: the current key first, then the
/// ones being rotated out (or in).
///
/// `Debug` shows the algorithm only: neither the keys, nor their labels, nor how many there
/// are (several means a rotation is under way, which a log line must not tell a reader).
///
/// ```
/// # #[cfg(feature = "ed25519")] {
/// use hooksign::{KeySet, PublicKey};
///
/// let new = hex::decode("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a").unwrap();
/// let old = hex::decode("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c").unwrap();
/// let keys = KeySet::new([
///     PublicKey::ed25519(&new)?.with_label("2025"),
///     PublicKey::ed25519(&old)?.with_label("2024"),
/// ])?;
/// assert_eq!(keys.len(), 2);
/// assert_eq!(keys.primary().label(), Some("2025"));
/// assert_eq!(format!("{keys:?}"), r#"KeySet { algorithm: "ed25519", .. }"#);
/// assert!(KeySet::new(Vec::<PublicKey>::new()).is_err());
/// # }
/// # Ok::<(), hooksign::SecretError>(())
/// ```
#[derive(Clone)]
pub struct KeySet {
    keys: Vec<PublicKey>,
}

impl KeySet {
    /// A set from one or more keys of the same algorithm; the first is the primary.
    pub fn new(keys: impl IntoIterator<Item = PublicKey>) -> Result<Self, SecretError> {
        let keys: Vec<PublicKey> = keys.into_iter().collect();
        let first = keys.first().ok_or(SecretError::Empty)?.algorithm();
        if let Some(index) = keys.iter().position(|key| key.algorithm() != first) {
            return Err(SecretError::InvalidKey {
                index,
                reason: "of another algorithm than the first key",
            });
        }
        Ok(KeySet { keys })
    }

    /// The first key.
    pub fn primary(&self) -> &PublicKey {
        &self.keys[0]
    }

    /// All keys, primary first.
    pub fn iter(&self) -> std::slice::Iter<'_, PublicKey> {
        self.keys.iter()
    }

    /// The first key (in order) that `verifies` accepts, as the match verification reports:
    /// its index in the set and its label. Each engine passes its own signature check.
    pub(crate) fn first_match(
        &self,
        mut verifies: impl FnMut(&PublicKey) -> bool,
    ) -> Option<crate::scheme::mac::SecretMatch> {
        self.keys.iter().enumerate().find_map(|(index, key)| {
            verifies(key).then(|| crate::scheme::mac::SecretMatch {
                index,
                label: key.label_arc(),
            })
        })
    }

    /// How many keys the set holds (at least one).
    #[expect(clippy::len_without_is_empty, reason = "a set is never empty")]
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// The algorithm of every key: `"ed25519"` or `"ecdsa-p256"`.
    pub fn algorithm(&self) -> &'static str {
        self.primary().algorithm()
    }

    /// Refuses a set of another algorithm than `algorithm`, for a provider built from it.
    pub(crate) fn expect_algorithm(self, algorithm: &'static str) -> Result<Self, SecretError> {
        if self.algorithm() == algorithm {
            Ok(self)
        } else {
            Err(SecretError::InvalidKey {
                index: 0,
                reason: "not a key of this provider's algorithm",
            })
        }
    }
}

impl<'a> IntoIterator for &'a KeySet {
    type Item = &'a PublicKey;
    type IntoIter = std::slice::Iter<'a, PublicKey>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl fmt::Debug for KeySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeySet")
            .field("algorithm", &self.algorithm())
            .finish_non_exhaustive()
    }
}
