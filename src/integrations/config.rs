//! How one endpoint verifies ([`WebhookConfig`]), and the steps both frameworks take with it
//! once they have the request: the body limit, verification, the idempotency decision.

use std::fmt;
use std::sync::Arc;

use bytes::Bytes;

use super::rejection::WebhookRejection;
use super::webhook::{Webhook, WebhookBody};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::headers::{HeaderLookup, Headers};
use crate::idempotency::lease::{DynStore, WebhookLease};
use crate::idempotency::store::{Begin, Store};
use crate::provider::Verify;
use crate::verified::{IdempotencyKey, Verified};

/// How one endpoint verifies: a provider, a body size limit and, optionally, an idempotency
/// store.
///
/// Cloning is cheap (the provider and the store are shared), so it can live in any router
/// state. The provider is a type parameter so several can share one state: the extractor
/// `Webhook<GitHub>` asks the state for a `WebhookConfig<GitHub>`.
///
/// ```
/// use hooksign::{GitHub, SecretSet};
/// use hooksign::idempotency::MemoryStore;
/// use hooksign::integrations::WebhookConfig;
///
/// let github = GitHub::new(SecretSet::new(["It's a Secret to Everybody"])?);
/// let config = WebhookConfig::new(github)
///     .with_max_body_bytes(256 * 1024)
///     .with_store(MemoryStore::default());
/// assert_eq!(config.body_limit(), 256 * 1024);
/// assert!(config.has_store());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct WebhookConfig<P> {
    // One `Arc`: extractors clone the configuration out of the state on every request (axum's
    // `FromRef`), and every clone is a reference count that the server's threads share.
    inner: Arc<ConfigInner<P>>,
}

/// What a [`WebhookConfig`] shares. The provider has its own `Arc` so that the builder methods
/// can copy the rest when the configuration is already shared, without `P: Clone`.
struct ConfigInner<P> {
    provider: Arc<P>,
    max_body_bytes: usize,
    store: Option<Arc<dyn DynStore>>,
}

impl<P> Clone for ConfigInner<P> {
    fn clone(&self) -> Self {
        ConfigInner {
            provider: Arc::clone(&self.provider),
            max_body_bytes: self.max_body_bytes,
            store: self.store.clone(),
        }
    }
}

impl<P> Clone for WebhookConfig<P> {
    fn clone(&self) -> Self {
        WebhookConfig {
            inner: Arc::clone(&self.inner),
        }
    }
}

impl<P: fmt::Debug> fmt::Debug for WebhookConfig<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookConfig")
            .field("provider", &self.inner.provider)
            .field("max_body_bytes", &self.inner.max_body_bytes)
            .field("store", &self.inner.store.is_some())
            .finish()
    }
}

impl<P: Verify + Send + Sync + 'static> WebhookConfig<P> {
    /// The default body limit: 1 MiB. Larger than any provider sends (GitHub caps payloads at
    /// 25 MB but typical events are a few KiB; Stripe, Slack and Shopify stay far below 1 MiB),
    /// small enough that a flood of large bodies cannot exhaust memory.
    pub const DEFAULT_MAX_BODY_BYTES: usize = 1 << 20;

    /// Verifies with `provider`, a 1 MiB body limit and no idempotency store.
    ///
    /// ```
    /// use hooksign::{Stripe, SecretSet};
    /// use hooksign::integrations::WebhookConfig;
    ///
    /// let config = WebhookConfig::new(Stripe::new(SecretSet::new(["whsec_test"])?));
    /// assert_eq!(config.body_limit(), WebhookConfig::<Stripe>::DEFAULT_MAX_BODY_BYTES);
    /// assert!(!config.has_store());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(provider: P) -> Self {
        WebhookConfig {
            inner: Arc::new(ConfigInner {
                provider: Arc::new(provider),
                max_body_bytes: Self::DEFAULT_MAX_BODY_BYTES,
                store: None,
            }),
        }
    }

    /// Sets the largest body accepted, in bytes. A request announcing more in
    /// `Content-Length` is refused before its body is read; a streamed one as soon as it
    /// crosses the limit.
    ///
    /// ```
    /// # use hooksign::{Slack, SecretSet};
    /// # use hooksign::integrations::WebhookConfig;
    /// let config = WebhookConfig::new(Slack::new(SecretSet::new(["s"])?)).with_max_body_bytes(4096);
    /// assert_eq!(config.body_limit(), 4096);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_max_body_bytes(mut self, limit: usize) -> Self {
        // Copies the shared part only if a clone of this configuration exists: the clone keeps
        // its own settings.
        Arc::make_mut(&mut self.inner).max_body_bytes = limit;
        self
    }

    /// Processes each event once with `store` (a [`MemoryStore`](crate::idempotency::MemoryStore),
    /// a `RedisStore`, or an `Arc` of either to share it between endpoints).
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use hooksign::{GitHub, Shopify, SecretSet};
    /// # use hooksign::idempotency::MemoryStore;
    /// # use hooksign::integrations::WebhookConfig;
    /// let store = Arc::new(MemoryStore::default());
    /// let github = WebhookConfig::new(GitHub::new(SecretSet::new(["a"])?)).with_store(Arc::clone(&store));
    /// let shopify = WebhookConfig::new(Shopify::new(SecretSet::new(["b"])?)).with_store(store);
    /// # assert!(github.has_store() && shopify.has_store());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_store<S: Store + 'static>(mut self, store: S) -> Self {
        Arc::make_mut(&mut self.inner).store = Some(Arc::new(store));
        self
    }

    /// The provider.
    ///
    /// ```
    /// # use hooksign::{GitHub, SecretSet, Verify};
    /// # use hooksign::integrations::WebhookConfig;
    /// let config = WebhookConfig::new(GitHub::new(SecretSet::new(["s"])?));
    /// assert_eq!(config.provider().id(), "github");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn provider(&self) -> &P {
        &self.inner.provider
    }

    /// The body limit, in bytes.
    ///
    /// ```
    /// # use hooksign::{GitHub, SecretSet};
    /// # use hooksign::integrations::WebhookConfig;
    /// let config = WebhookConfig::new(GitHub::new(SecretSet::new(["s"])?));
    /// assert_eq!(config.body_limit(), 1 << 20);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn body_limit(&self) -> usize {
        self.inner.max_body_bytes
    }

    /// Whether an idempotency store is configured.
    ///
    /// ```
    /// # use hooksign::{GitHub, SecretSet};
    /// # use hooksign::integrations::WebhookConfig;
    /// assert!(!WebhookConfig::new(GitHub::new(SecretSet::new(["s"])?)).has_store());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn has_store(&self) -> bool {
        self.inner.store.is_some()
    }

    /// Refuses a body announced larger than the limit, before reading any of it. `announced`
    /// is the `Content-Length` header, which each framework looks up by its typed name.
    pub(super) fn check_content_length(
        &self,
        announced: HeaderLookup<'_>,
    ) -> Result<(), WebhookRejection> {
        let announced = match announced {
            HeaderLookup::One(v) => v.trim().parse::<u64>().ok(),
            // Absent: a chunked body, limited while it streams. Anything else is the HTTP
            // server's business (hyper and actix refuse conflicting lengths themselves).
            _ => None,
        };
        match announced {
            Some(len) if len > self.body_limit() as u64 => Err(self.too_large()),
            _ => Ok(()),
        }
    }

    pub(super) fn too_large(&self) -> WebhookRejection {
        self.reject(WebhookRejection::Invalid(Error::BodyTooLarge {
            limit: self.body_limit(),
        }))
    }

    pub(super) fn unreadable(&self, reason: impl fmt::Display) -> WebhookRejection {
        // The reason comes from the HTTP stack (a reset, bad chunk framing): not logged as a
        // rejection's text, since it may say nothing useful to the sender.
        tracing::debug!(provider = self.provider().id(), %reason, "webhook body could not be read");
        WebhookRejection::BodyUnreadable
    }

    /// Verifies `body` against the system clock. The result keeps the body by sharing `body`
    /// (a reference count, not a copy) and copies the few header values it needs.
    pub(super) fn verify<H: Headers>(
        &self,
        headers: &H,
        body: &Bytes,
    ) -> Result<Verified<'static>, WebhookRejection> {
        self.provider()
            .verify(&Delivery::new(headers, body))
            .map(|verified| verified.into_shared(body.clone()))
            .map_err(|err| self.reject(WebhookRejection::Invalid(err)))
    }

    /// The idempotency decision, shared by extractors and middleware: `Ok(None)` to run the
    /// handler without a lease (no store, or no key), `Ok(Some(lease))` to run it holding one,
    /// `Err` to answer without running it.
    pub(super) async fn admit(
        &self,
        verified: &Verified<'_>,
    ) -> Result<Option<WebhookLease>, WebhookRejection> {
        let Some(store) = &self.inner.store else {
            return Ok(None);
        };
        let Some(key) = verified.idempotency_key() else {
            tracing::debug!(
                provider = verified.provider(),
                "delivery carries no idempotency key: processed without deduplication"
            );
            return Ok(None);
        };
        match store.begin(&key).await {
            Ok(Begin::New(lease)) => Ok(Some(WebhookLease::new(Arc::clone(store), lease))),
            Ok(Begin::Done) => Err(self.reject_key(WebhookRejection::Duplicate, &key)),
            Ok(Begin::InProgress { retry_after }) => {
                Err(self.reject_key(WebhookRejection::InProgress { retry_after }, &key))
            }
            Err(err) => Err(self.reject_key(WebhookRejection::StoreUnavailable(err), &key)),
        }
    }

    /// Verification then admission: what both extractors do once the body is read.
    pub(super) async fn accept<H: Headers, T: WebhookBody>(
        &self,
        headers: &H,
        body: Bytes,
    ) -> Result<Webhook<P, T>, WebhookRejection> {
        let verified = self.verify(headers, &body)?;
        // Parse before taking a lease: a body that does not parse never will, and must not
        // block its key.
        let body =
            T::from_body(body).map_err(|err| self.reject(WebhookRejection::InvalidBody(err)))?;
        let lease = self.admit(&verified).await?;
        Ok(Webhook::new(verified, body, lease))
    }

    pub(super) fn reject(&self, rejection: WebhookRejection) -> WebhookRejection {
        rejection.log(self.provider().id(), None);
        rejection
    }

    pub(super) fn reject_key(
        &self,
        rejection: WebhookRejection,
        key: &IdempotencyKey,
    ) -> WebhookRejection {
        rejection.log(self.provider().id(), Some(key));
        rejection
    }
}

impl<P: Verify + Send + Sync + 'static> WebhookConfig<P> {
    /// Verifies an already-read body and applies the idempotency decision, exactly as the
    /// extractors do: for other frameworks, or to test a handler without a server.
    ///
    /// ```
    /// use hooksign::{GitHub, SecretSet, Sign, Message};
    /// use hooksign::integrations::{Webhook, WebhookConfig, WebhookRejection};
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// let github = GitHub::new(SecretSet::new(["s3cret"])?);
    /// let headers = github.sign(&Message::new(b"{}"))?;
    /// let config = WebhookConfig::new(github);
    /// let hook: Webhook<GitHub> = config.verify_bytes(&headers, "{}".into()).await?;
    /// assert_eq!(&hook.body()[..], b"{}");
    ///
    /// let rejected = config.verify_bytes::<_, hooksign::integrations::Bytes>(&headers, "{ }".into()).await;
    /// assert_eq!(rejected.unwrap_err().status(), 401);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })
    /// # }
    /// ```
    pub async fn verify_bytes<H: Headers, T: WebhookBody>(
        &self,
        headers: &H,
        body: Bytes,
    ) -> Result<Webhook<P, T>, WebhookRejection> {
        if body.len() > self.body_limit() {
            return Err(self.too_large());
        }
        self.accept(headers, body).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::github::GitHub;
    use crate::secret::SecretSet;

    fn github() -> GitHub {
        GitHub::new(SecretSet::new(["s3cret"]).unwrap())
    }

    #[test]
    fn builder_methods_leave_clones_alone() {
        let shared = WebhookConfig::new(github());
        let limited = shared.clone().with_max_body_bytes(10);
        assert_eq!(limited.body_limit(), 10);
        assert_eq!(
            shared.body_limit(),
            WebhookConfig::<GitHub>::DEFAULT_MAX_BODY_BYTES
        );
        // The provider itself is shared, not copied.
        assert!(std::ptr::eq(shared.provider(), limited.provider()));
    }
}
