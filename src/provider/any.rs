//! Any provider, chosen at run time (configuration files, the CLI), behind one opaque type.

use std::fmt;
use std::sync::Arc;

use crate::handshake::HandshakeReply;
use crate::provider::registry::{Options, ProviderError, find};
use crate::provider::{Sign, Verify};
use crate::{Delivery, Error, Message, SecretSet, SignError, SignedHeaders, UnixTime, Verified};

/// What a provider behind [`AnyProvider`] must be.
trait Provider: Verify + Sign + fmt::Debug + Send + Sync {}

impl<P: Verify + Sign + fmt::Debug + Send + Sync> Provider for P {}

/// Any provider, chosen at run time: a built-in one by id ([`AnyProvider::from_id`]), or any
/// value that verifies and signs ([`AnyProvider::new`]: a [`Custom`](crate::provider::Custom)
/// provider, or your own).
///
/// Cloning shares the provider (its pre-keyed secrets are not copied).
///
/// ```
/// use hooksign::{AnyProvider, SecretSet, Sign, Message, UnixTime};
///
/// let provider = AnyProvider::from_id("slack", SecretSet::new(["secret"])?)?;
/// let headers = provider.sign_at(&Message::new(b"{}"), UnixTime::now())?;
/// assert_eq!(hooksign::verify(&provider, &headers, b"{}")?.provider(), "slack");
/// assert!(AnyProvider::from_id("nope", SecretSet::new(["s"])?).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct AnyProvider {
    inner: Arc<dyn Provider>,
}

impl AnyProvider {
    /// The built-in provider with this id or alias, with its default settings.
    pub fn from_id(id: &str, secrets: SecretSet) -> Result<Self, ProviderError> {
        Self::from_id_with(id, secrets, &Options::new())
    }

    /// The built-in provider with this id or alias, with `options`.
    ///
    /// ```
    /// use hooksign::{AnyProvider, SecretSet, Tolerance};
    /// use hooksign::provider::{Options, ProviderError};
    ///
    /// let strict = Options::new().with_tolerance(Tolerance::symmetric(60));
    /// assert!(AnyProvider::from_id_with("stripe", SecretSet::new(["whsec_x"])?, &strict).is_ok());
    /// // GitHub signs no timestamp: a window is a mistake, not silently ignored.
    /// assert!(matches!(
    ///     AnyProvider::from_id_with("github", SecretSet::new(["x"])?, &strict),
    ///     Err(ProviderError::Unsupported { option: "tolerance", .. })
    /// ));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_id_with(
        id: &str,
        secrets: SecretSet,
        options: &Options,
    ) -> Result<Self, ProviderError> {
        find(id)?.build(secrets, options)
    }

    /// Wraps any provider: a typed built-in one, a custom one, or your own implementation.
    ///
    /// ```
    /// use hooksign::{AnyProvider, GitHub, SecretSet};
    /// let github = AnyProvider::new(GitHub::new(SecretSet::new(["s"])?).with_legacy_sha1());
    /// # Ok::<(), hooksign::SecretError>(())
    /// ```
    pub fn new<P: Verify + Sign + fmt::Debug + Send + Sync + 'static>(provider: P) -> Self {
        AnyProvider {
            inner: Arc::new(provider),
        }
    }
}

impl fmt::Debug for AnyProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}

impl Verify for AnyProvider {
    fn id(&self) -> &str {
        self.inner.id()
    }

    fn verify_at<'r>(&self, delivery: &Delivery<'r>, now: UnixTime) -> Result<Verified<'r>, Error> {
        self.inner.verify_at(delivery, now)
    }

    fn verify<'r>(&self, delivery: &Delivery<'r>) -> Result<Verified<'r>, Error> {
        self.inner.verify(delivery)
    }

    fn handshake<'r>(
        &self,
        delivery: &Delivery<'r>,
        now: UnixTime,
    ) -> Option<Result<HandshakeReply, Error>> {
        self.inner.handshake(delivery, now)
    }
}

impl Sign for AnyProvider {
    fn sign_at(&self, message: &Message<'_>, now: UnixTime) -> Result<SignedHeaders, SignError> {
        self.inner.sign_at(message, now)
    }
}
