//! Secrets and secret sets (rotation).
//!
//! A [`Secret`] is the string a provider issued, as the provider shows it (`whsec_…`, a GitHub
//! webhook secret, …). How it becomes a MAC key is the provider's business: Stripe uses its
//! `whsec_…` string as text, Standard Webhooks base64-decodes what follows `whsec_`. Providers
//! derive and pre-key once, at construction.
//!
//! A [`SecretSet`] is an ordered list: the first secret is the *primary*, used for signing;
//! every secret is accepted when verifying, and [`Verified`](crate::Verified) says which one
//! matched, so an operator can see when an old secret is no longer used and drop it.

use std::fmt;
use std::sync::Arc;

use zeroize::Zeroizing;

use crate::SecretError;

/// One secret, zeroized when dropped and never shown by `Debug`.
///
/// ```
/// use hooksign::Secret;
///
/// let secret = Secret::new("It's a Secret to Everybody").with_label("2024-rotation");
/// assert_eq!(secret.label(), Some("2024-rotation"));
/// assert!(!format!("{secret:?}").contains("Everybody"));
/// ```
#[derive(Clone)]
pub struct Secret {
    bytes: Zeroizing<Vec<u8>>,
    label: Option<Arc<str>>,
}

impl Secret {
    /// A secret from its bytes, exactly as the provider issued it.
    ///
    /// ```
    /// let secret = hooksign::Secret::new(b"raw bytes".to_vec());
    /// assert_eq!(secret.len(), 9);
    /// ```
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Secret {
            bytes: Zeroizing::new(bytes.into()),
            label: None,
        }
    }

    /// Attaches a label (e.g. `"old"`, a date, a key id) reported back by verification.
    ///
    /// ```
    /// let secret = hooksign::Secret::new("s").with_label("current");
    /// assert_eq!(secret.label(), Some("current"));
    /// ```
    pub fn with_label(mut self, label: impl Into<Arc<str>>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// The label, if one was attached.
    ///
    /// ```
    /// assert_eq!(hooksign::Secret::new("s").label(), None);
    /// ```
    pub fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }

    /// The secret's length in bytes.
    ///
    /// ```
    /// assert_eq!(hooksign::Secret::new("abc").len(), 3);
    /// ```
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether the secret is zero bytes long.
    ///
    /// ```
    /// assert!(hooksign::Secret::new("").is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    pub(crate) fn expose(&self) -> &[u8] {
        &self.bytes
    }

    pub(crate) fn label_arc(&self) -> Option<Arc<str>> {
        self.label.clone()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Secret")
            .field("label", &self.label)
            .field(
                "bytes",
                &format_args!("<redacted {} bytes>", self.bytes.len()),
            )
            .finish()
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Secret::new(s.as_bytes())
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Secret::new(s.into_bytes())
    }
}

impl From<&String> for Secret {
    fn from(s: &String) -> Self {
        Secret::new(s.as_bytes())
    }
}

impl From<Vec<u8>> for Secret {
    fn from(bytes: Vec<u8>) -> Self {
        Secret::new(bytes)
    }
}

impl From<&[u8]> for Secret {
    fn from(bytes: &[u8]) -> Self {
        Secret::new(bytes)
    }
}

/// An ordered, non-empty set of secrets: the primary first, then the ones being rotated out
/// (or in).
///
/// ```
/// use hooksign::{Secret, SecretSet};
///
/// let set = SecretSet::new([
///     Secret::new("new-secret").with_label("2025-06"),
///     Secret::new("old-secret").with_label("2024-01"),
/// ])?;
/// assert_eq!(set.len(), 2);
/// assert_eq!(set.primary().label(), Some("2025-06"));
/// assert!(SecretSet::new(Vec::<Secret>::new()).is_err());
/// # Ok::<(), hooksign::SecretError>(())
/// ```
#[derive(Clone, Debug)]
pub struct SecretSet {
    secrets: Vec<Secret>,
}

impl SecretSet {
    /// A set from one or more secrets; the first is the primary.
    ///
    /// Refuses an empty set and empty secrets: an empty HMAC key is a configuration mistake
    /// (an unset environment variable) that would otherwise verify forged requests signed
    /// with the empty key.
    pub fn new<S: Into<Secret>>(secrets: impl IntoIterator<Item = S>) -> Result<Self, SecretError> {
        let secrets: Vec<Secret> = secrets.into_iter().map(Into::into).collect();
        if secrets.is_empty() {
            return Err(SecretError::Empty);
        }
        if let Some(index) = secrets.iter().position(Secret::is_empty) {
            return Err(SecretError::EmptySecret { index });
        }
        Ok(SecretSet { secrets })
    }

    /// The secret used for signing.
    ///
    /// ```
    /// let set = hooksign::SecretSet::new(["a", "b"])?;
    /// assert_eq!(set.primary().len(), 1);
    /// # Ok::<(), hooksign::SecretError>(())
    /// ```
    pub fn primary(&self) -> &Secret {
        &self.secrets[0]
    }

    /// All secrets, primary first.
    ///
    /// ```
    /// let set = hooksign::SecretSet::new(["a", "bb"])?;
    /// let lengths: Vec<usize> = set.iter().map(|s| s.len()).collect();
    /// assert_eq!(lengths, [1, 2]);
    /// # Ok::<(), hooksign::SecretError>(())
    /// ```
    pub fn iter(&self) -> std::slice::Iter<'_, Secret> {
        self.secrets.iter()
    }

    /// How many secrets the set holds (at least one).
    ///
    /// ```
    /// assert_eq!(hooksign::SecretSet::new(["a"])?.len(), 1);
    /// # Ok::<(), hooksign::SecretError>(())
    /// ```
    #[expect(clippy::len_without_is_empty, reason = "a set is never empty")]
    pub fn len(&self) -> usize {
        self.secrets.len()
    }
}

impl<'a> IntoIterator for &'a SecretSet {
    type Item = &'a Secret;
    type IntoIter = std::slice::Iter<'a, Secret>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl TryFrom<Secret> for SecretSet {
    type Error = SecretError;
    fn try_from(secret: Secret) -> Result<Self, SecretError> {
        SecretSet::new([secret])
    }
}
