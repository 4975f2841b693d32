//! Web framework integrations: verify deliveries in axum and actix-web, and process each
//! event once.
//!
//! Both frameworks share everything below the HTTP plumbing, so they behave identically:
//!
//! - [`WebhookConfig`] holds a provider (any [`Verify`]), the body size limit and, optionally,
//!   an idempotency [`Store`]. It is cheap to clone (one `Arc`) and is what the extractors take
//!   from the application state.
//! - [`Webhook`] is the extractor: it reads the raw body under the limit, verifies it, and hands
//!   the handler the [`Verified`] metadata with the body as [`Bytes`], a `String`, or
//!   deserialized with [`Json`]. It implements axum's `FromRequest` (feature `axum`) and
//!   actix-web's `FromRequest` (feature `actix-web`).
//! - A layer (axum, [`axum::VerifyLayer`]) or middleware (actix-web, [`actix::VerifyWebhook`])
//!   verifies every request of a router the same way, puts [`Verified<'static>`](Verified) into
//!   the request extensions and passes the exact body on.
//! - [`WebhookRejection`] says why a request was not handed to the handler, and is the response.
//!
//! # Status codes
//!
//! | situation | status | body starts with |
//! |---|---|---|
//! | header missing or malformed, no signature of a checked version | 400 | the [`Error::code`], e.g. `missing_header:` |
//! | signature mismatch, timestamp too old or too new | 401 | `signature_mismatch:`, `timestamp_too_old:`, … |
//! | body larger than [`WebhookConfig::max_body_bytes`] | 413 | `body_too_large:` |
//! | body could not be read (client went away, broken chunking) | 400 | `body_unreadable:` |
//! | body is not the JSON the handler asked for ([`Json`]) or not UTF-8 (`String`) | 400 | `invalid_body:` |
//! | duplicate of a completed delivery (with a store) | 200 | `duplicate:` |
//! | the same delivery is being processed (with a store) | 409 + `Retry-After` | `in_progress:` |
//! | the store could not answer (with a store) | 503 + `Retry-After` | `store_unavailable:` |
//! | no [`WebhookConfig`] registered (actix-web only: axum checks at compile time) | 500 | `not_configured:` |
//!
//! The text never contains secret material: it is the [`Error`]'s message, which names the
//! header and what was wrong, never a secret or an expected signature.
//!
//! # Logging
//!
//! Every rejection is logged once, with `tracing`, where it is decided: a 401 at `warn` (a
//! forged or replayed request, or a secret that no longer matches the provider's: both need an
//! operator's eye); a 400 or 413 at `info` (malformed requests are usually scanners, misrouted
//! traffic or a client bug, worth seeing but not alarming); duplicates and in-progress
//! deliveries at `debug` (providers retry by design); a store failure at `error` (every
//! delivery is refused until it is fixed).
//!
//! # Exactly once
//!
//! With a store ([`WebhookConfig::store`]), a delivery whose
//! [`idempotency_key`](Verified::idempotency_key) was already processed is answered 200 without
//! running the handler, one being processed 409 with `Retry-After`, and a store that fails 503
//! so the provider retries. A delivery with no key (e.g. a Slack slash command) is processed
//! every time.
//!
//! - The layer and the middleware settle the lease from the handler's response: a 2xx completes
//!   it, anything else releases it so the provider's retry is processed.
//! - The extractor cannot see the response, so the handler settles: [`Webhook::complete`] once
//!   the event is processed. A [`Webhook`] dropped without it (an early `?` return, a panic, a
//!   cancelled request) releases its lease in the background, so a failure never loses an event.

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

/// The body type of [`Webhook`] by default (the `bytes` crate's, as both frameworks use).
pub use bytes::Bytes;

use crate::idempotency::{Begin, Lease, Store, StoreError};
use crate::{Delivery, Error, HeaderLookup, Headers, IdempotencyKey, Verified, Verify};

#[cfg(feature = "actix-web")]
#[cfg_attr(docsrs, doc(cfg(feature = "actix-web")))]
pub mod actix;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// [`Store`] made object-safe, so a [`WebhookConfig`] (and the extractor type) does not carry
/// the store's type: `Webhook<GitHub>` reads the same with or without a store.
trait DynStore: Send + Sync {
    fn begin<'a>(&'a self, key: &'a IdempotencyKey) -> BoxFuture<'a, Result<Begin, StoreError>>;
    fn complete(&self, lease: Lease) -> BoxFuture<'_, Result<(), StoreError>>;
    fn release(&self, lease: Lease) -> BoxFuture<'_, Result<(), StoreError>>;
}

impl<S: Store> DynStore for S {
    fn begin<'a>(&'a self, key: &'a IdempotencyKey) -> BoxFuture<'a, Result<Begin, StoreError>> {
        Box::pin(Store::begin(self, key))
    }
    fn complete(&self, lease: Lease) -> BoxFuture<'_, Result<(), StoreError>> {
        Box::pin(Store::complete(self, lease))
    }
    fn release(&self, lease: Lease) -> BoxFuture<'_, Result<(), StoreError>> {
        Box::pin(Store::release(self, lease))
    }
}

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
    fn check_content_length(&self, announced: HeaderLookup<'_>) -> Result<(), WebhookRejection> {
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

    fn too_large(&self) -> WebhookRejection {
        self.reject(WebhookRejection::Invalid(Error::BodyTooLarge {
            limit: self.body_limit(),
        }))
    }

    fn unreadable(&self, reason: impl fmt::Display) -> WebhookRejection {
        // The reason comes from the HTTP stack (a reset, bad chunk framing): not logged as a
        // rejection's text, since it may say nothing useful to the sender.
        tracing::debug!(provider = self.provider().id(), %reason, "webhook body could not be read");
        WebhookRejection::BodyUnreadable
    }

    /// Verifies `body` against the system clock. The result keeps the body by sharing `body`
    /// (a reference count, not a copy) and copies the few header values it needs.
    fn verify<H: Headers>(
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
    async fn admit(
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
            Ok(Begin::New(lease)) => Ok(Some(WebhookLease {
                store: Arc::clone(store),
                lease: Some(lease),
            })),
            Ok(Begin::Done) => Err(self.reject_key(WebhookRejection::Duplicate, &key)),
            Ok(Begin::InProgress { retry_after }) => {
                Err(self.reject_key(WebhookRejection::InProgress { retry_after }, &key))
            }
            Err(err) => Err(self.reject_key(WebhookRejection::StoreUnavailable(err), &key)),
        }
    }

    /// Verification then admission: what both extractors do once the body is read.
    async fn accept<H: Headers, T: WebhookBody>(
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
        Ok(Webhook {
            verified,
            body,
            lease,
            _provider: PhantomData,
        })
    }

    fn reject(&self, rejection: WebhookRejection) -> WebhookRejection {
        rejection.log(self.provider().id(), None);
        rejection
    }

    fn reject_key(&self, rejection: WebhookRejection, key: &IdempotencyKey) -> WebhookRejection {
        rejection.log(self.provider().id(), Some(key));
        rejection
    }
}

/// Settles the lease of a delivery from the response the handler produced (layer and
/// middleware): a 2xx completes it, anything else releases it so the provider's retry is
/// processed.
async fn settle(lease: Option<WebhookLease>, success: bool) {
    let Some(lease) = lease else { return };
    let key = lease
        .key()
        .map(IdempotencyKey::to_string)
        .unwrap_or_default();
    if success {
        // The handler's answer stands even if the completion is lost: the event *was*
        // processed, and a 5xx would make the provider redeliver it, processed again once the
        // lease expires. Logged so the operator can see the store misbehaving.
        if let Err(err) = lease.complete().await {
            tracing::warn!(key = %key, error = %err, "could not record a processed delivery as done");
        }
    } else if let Err(err) = lease.release().await {
        // The key unblocks when the lease expires instead.
        tracing::warn!(key = %key, error = %err, "could not release the lease of a failed delivery");
    }
}

/// The right to process one delivery, held by a [`Webhook`] when a store is configured.
///
/// Settle it with [`complete`](Self::complete) once the event is processed, or
/// [`release`](Self::release) to let the provider's retry process it. Dropped unsettled, it is
/// released in the background (on the Tokio runtime both frameworks run on; without one it
/// expires after the store's lease time).
pub struct WebhookLease {
    store: Arc<dyn DynStore>,
    lease: Option<Lease>,
}

impl WebhookLease {
    /// The key being processed.
    ///
    /// ```
    /// # use hooksign::{GitHub, SecretSet, Sign, Message};
    /// # use hooksign::idempotency::MemoryStore;
    /// # use hooksign::integrations::{Webhook, WebhookConfig};
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// # let github = GitHub::new(SecretSet::new(["s"])?);
    /// # let headers = github.sign(&Message::new(b"{}").with_id("d-1"))?;
    /// # let config = WebhookConfig::new(github).with_store(MemoryStore::default());
    /// let hook: Webhook<GitHub> = config.verify_bytes(&headers, "{}".into()).await?;
    /// assert_eq!(hook.lease().unwrap().key().unwrap().as_str(), "github:d-1");
    /// # hook.complete().await?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })
    /// # }
    /// ```
    pub fn key(&self) -> Option<&IdempotencyKey> {
        self.lease.as_ref().map(Lease::key)
    }

    /// Records the event as processed: redeliveries are answered 200 without the handler.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// # use hooksign::{GitHub, SecretSet, Sign, Message};
    /// # use hooksign::idempotency::MemoryStore;
    /// # use hooksign::integrations::{Webhook, WebhookConfig};
    /// # let github = GitHub::new(SecretSet::new(["s"])?);
    /// # let headers = github.sign(&Message::new(b"{}").with_id("d-1"))?;
    /// # let config = WebhookConfig::new(github).with_store(MemoryStore::default());
    /// let hook: Webhook<GitHub> = config.verify_bytes(&headers, "{}".into()).await?;
    /// let (_, _, lease) = hook.into_parts();
    /// lease.unwrap().complete().await?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })
    /// # }
    /// ```
    pub async fn complete(mut self) -> Result<(), StoreError> {
        match self.lease.take() {
            Some(lease) => self.store.complete(lease).await,
            None => Ok(()),
        }
    }

    /// Forgets the lease: the provider's next delivery processes the event.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// # use hooksign::{GitHub, SecretSet, Sign, Message};
    /// # use hooksign::idempotency::MemoryStore;
    /// # use hooksign::integrations::{Webhook, WebhookConfig};
    /// # let github = GitHub::new(SecretSet::new(["s"])?);
    /// # let headers = github.sign(&Message::new(b"{}").with_id("d-1"))?;
    /// # let config = WebhookConfig::new(github).with_store(MemoryStore::default());
    /// let hook: Webhook<GitHub> = config.verify_bytes(&headers, "{}".into()).await?;
    /// let (_, _, lease) = hook.into_parts();
    /// lease.unwrap().release().await?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })
    /// # }
    /// ```
    pub async fn release(mut self) -> Result<(), StoreError> {
        match self.lease.take() {
            Some(lease) => self.store.release(lease).await,
            None => Ok(()),
        }
    }
}

impl Drop for WebhookLease {
    fn drop(&mut self) {
        let Some(lease) = self.lease.take() else {
            return;
        };
        // Release rather than complete: a handler that returned early or panicked must not
        // turn the provider's retry into a "duplicate", which would lose the event.
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                let store = Arc::clone(&self.store);
                runtime.spawn(async move {
                    let key = lease.key().to_string();
                    if let Err(err) = store.release(lease).await {
                        tracing::warn!(key = %key, error = %err, "could not release a dropped lease");
                    }
                });
            }
            Err(_) => tracing::warn!(
                key = %lease.key(),
                "webhook lease dropped outside a Tokio runtime: it stays in progress until it expires"
            ),
        }
    }
}

impl fmt::Debug for WebhookLease {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookLease")
            .field("key", &self.key())
            .finish_non_exhaustive()
    }
}

/// A verified delivery, as handed to a handler: the [`Verified`] metadata, the body as `T`
/// ([`Bytes`], `String`, `Vec<u8>` or [`Json<T>`]) and, with a store, the [`WebhookLease`].
///
/// `P` is the provider: the extractor finds its [`WebhookConfig<P>`] in the router state (axum,
/// through `FromRef`) or the app data (actix-web, `web::Data<WebhookConfig<P>>`). See
/// [`axum`] and [`actix`] for the framework side.
///
/// ```
/// use hooksign::{Stripe, SecretSet, Sign, Message};
/// use hooksign::integrations::{Json, Webhook, WebhookConfig};
///
/// #[derive(serde::Deserialize)]
/// struct Event { id: String }
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # tokio::runtime::Runtime::new()?.block_on(async {
/// let stripe = Stripe::new(SecretSet::new(["whsec_test"])?);
/// let body = r#"{"id":"evt_1"}"#;
/// let headers = stripe.sign(&Message::new(body.as_bytes()))?;
/// let config = WebhookConfig::new(stripe);
///
/// // What the extractors do once they have read the body:
/// let hook: Webhook<Stripe, Json<Event>> = config.verify_bytes(&headers, body.into()).await?;
/// assert_eq!(hook.verified().provider(), "stripe");
/// assert_eq!(hook.body().0.id, "evt_1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # })
/// # }
/// ```
pub struct Webhook<P, T = Bytes> {
    verified: Verified<'static>,
    body: T,
    lease: Option<WebhookLease>,
    _provider: PhantomData<fn() -> P>,
}

impl<P, T> Webhook<P, T> {
    /// Who signed it and the delivery's metadata.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// # use hooksign::{GitHub, SecretSet, Sign, Message};
    /// # use hooksign::idempotency::MemoryStore;
    /// # use hooksign::integrations::{Webhook, WebhookConfig};
    /// # let github = GitHub::new(SecretSet::new(["s"])?);
    /// # let headers = github.sign(&Message::new(b"{}").with_id("d-1"))?;
    /// # let config = WebhookConfig::new(github).with_store(MemoryStore::default());
    /// let hook: Webhook<GitHub> = config.verify_bytes(&headers, "{}".into()).await?;
    /// assert_eq!(hook.verified().provider(), "github");
    /// assert_eq!(hook.verified().id(), Some("d-1"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })
    /// # }
    /// ```
    pub fn verified(&self) -> &Verified<'static> {
        &self.verified
    }

    /// The body, exactly as received (or deserialized from exactly those bytes).
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// # use hooksign::{GitHub, SecretSet, Sign, Message};
    /// # use hooksign::idempotency::MemoryStore;
    /// # use hooksign::integrations::{Webhook, WebhookConfig};
    /// # let github = GitHub::new(SecretSet::new(["s"])?);
    /// # let headers = github.sign(&Message::new(b"{}").with_id("d-1"))?;
    /// # let config = WebhookConfig::new(github).with_store(MemoryStore::default());
    /// let hook: Webhook<GitHub> = config.verify_bytes(&headers, "{}".into()).await?;
    /// assert_eq!(&hook.body()[..], b"{}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })
    /// # }
    /// ```
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The lease, when a store is configured and the delivery has an idempotency key.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// # use hooksign::{GitHub, SecretSet, Sign, Message};
    /// # use hooksign::idempotency::MemoryStore;
    /// # use hooksign::integrations::{Webhook, WebhookConfig};
    /// # let github = GitHub::new(SecretSet::new(["s"])?);
    /// # let headers = github.sign(&Message::new(b"{}").with_id("d-1"))?;
    /// # let config = WebhookConfig::new(github).with_store(MemoryStore::default());
    /// let hook: Webhook<GitHub> = config.verify_bytes(&headers, "{}".into()).await?;
    /// assert!(hook.lease().is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })
    /// # }
    /// ```
    pub fn lease(&self) -> Option<&WebhookLease> {
        self.lease.as_ref()
    }

    /// Records the event as processed (a no-op without a lease). Call it once the handler's
    /// work succeeded; a `Webhook` dropped without it releases its lease.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// # use hooksign::{GitHub, SecretSet, Sign, Message};
    /// # use hooksign::idempotency::MemoryStore;
    /// # use hooksign::integrations::{Webhook, WebhookConfig};
    /// # let github = GitHub::new(SecretSet::new(["s"])?);
    /// # let headers = github.sign(&Message::new(b"{}").with_id("d-1"))?;
    /// # let config = WebhookConfig::new(github).with_store(MemoryStore::default());
    /// let hook: Webhook<GitHub> = config.verify_bytes(&headers, "{}".into()).await?;
    /// hook.complete().await?;
    /// // A redelivery is now a duplicate.
    /// let again = config.verify_bytes::<_, hooksign::integrations::Bytes>(&headers, "{}".into()).await;
    /// assert_eq!(again.unwrap_err().code(), "duplicate");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })
    /// # }
    /// ```
    pub async fn complete(mut self) -> Result<(), StoreError> {
        match self.lease.take() {
            Some(lease) => lease.complete().await,
            None => Ok(()),
        }
    }

    /// Releases the lease now (a no-op without one) so the provider's retry is processed.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// # use hooksign::{GitHub, SecretSet, Sign, Message};
    /// # use hooksign::idempotency::MemoryStore;
    /// # use hooksign::integrations::{Webhook, WebhookConfig};
    /// # let github = GitHub::new(SecretSet::new(["s"])?);
    /// # let headers = github.sign(&Message::new(b"{}").with_id("d-1"))?;
    /// # let config = WebhookConfig::new(github).with_store(MemoryStore::default());
    /// let hook: Webhook<GitHub> = config.verify_bytes(&headers, "{}".into()).await?;
    /// hook.release().await?;
    /// // The retry is processed.
    /// let retry: Webhook<GitHub> = config.verify_bytes(&headers, "{}".into()).await?;
    /// retry.complete().await?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })
    /// # }
    /// ```
    pub async fn release(mut self) -> Result<(), StoreError> {
        match self.lease.take() {
            Some(lease) => lease.release().await,
            None => Ok(()),
        }
    }

    /// The metadata, the body and the lease, to settle later or elsewhere.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// # use hooksign::{GitHub, SecretSet, Sign, Message};
    /// # use hooksign::idempotency::MemoryStore;
    /// # use hooksign::integrations::{Webhook, WebhookConfig};
    /// # let github = GitHub::new(SecretSet::new(["s"])?);
    /// # let headers = github.sign(&Message::new(b"{}").with_id("d-1"))?;
    /// # let config = WebhookConfig::new(github).with_store(MemoryStore::default());
    /// let hook: Webhook<GitHub> = config.verify_bytes(&headers, "{}".into()).await?;
    /// let (verified, body, lease) = hook.into_parts();
    /// assert_eq!(verified.body(), &body[..]);
    /// lease.unwrap().complete().await?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })
    /// # }
    /// ```
    pub fn into_parts(self) -> (Verified<'static>, T, Option<WebhookLease>) {
        (self.verified, self.body, self.lease)
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

impl<P, T: fmt::Debug> fmt::Debug for Webhook<P, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Webhook")
            .field("verified", &self.verified)
            .field("body", &self.body)
            .field("lease", &self.lease)
            .finish()
    }
}

/// A body type a [`Webhook`] can hand over: built from the verified bytes.
///
/// ```
/// use hooksign::integrations::{Bytes, WebhookBody};
/// assert_eq!(String::from_body(Bytes::from_static(b"hi")).unwrap(), "hi");
/// assert!(String::from_body(Bytes::from_static(b"\xff")).is_err());
/// ```
pub trait WebhookBody: Sized + Send + 'static {
    /// Builds the value, or says why the body does not fit (answered 400).
    fn from_body(body: Bytes) -> Result<Self, String>;
}

impl WebhookBody for Bytes {
    fn from_body(body: Bytes) -> Result<Self, String> {
        Ok(body)
    }
}

impl WebhookBody for Vec<u8> {
    fn from_body(body: Bytes) -> Result<Self, String> {
        Ok(body.into())
    }
}

impl WebhookBody for String {
    fn from_body(body: Bytes) -> Result<Self, String> {
        String::from_utf8(body.into()).map_err(|_| "the body is not UTF-8".to_owned())
    }
}

/// A body deserialized from JSON with serde: `Webhook<Stripe, Json<Event>>`.
///
/// ```
/// use hooksign::integrations::{Bytes, Json, WebhookBody};
///
/// let Json(value) = Json::<serde_json::Value>::from_body(Bytes::from_static(br#"{"a":1}"#)).unwrap();
/// assert_eq!(value["a"], 1);
/// assert!(Json::<u32>::from_body(Bytes::from_static(b"{}")).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Json<T>(pub T);

impl<T: serde::de::DeserializeOwned + Send + 'static> WebhookBody for Json<T> {
    fn from_body(body: Bytes) -> Result<Self, String> {
        serde_json::from_slice(&body)
            .map(Json)
            .map_err(|err| format!("the body is not the expected JSON: {err}"))
    }
}

/// Why a request was not handed to the handler; it is also the response (axum's
/// `IntoResponse`, actix-web's `ResponseError`).
///
/// ```
/// use std::time::Duration;
/// use hooksign::Error;
/// use hooksign::integrations::WebhookRejection;
///
/// let rejection = WebhookRejection::Invalid(Error::SignatureMismatch { secrets: 1, signatures: 1 });
/// assert_eq!(rejection.status(), 401);
/// assert!(rejection.to_string().starts_with("signature_mismatch: "));
///
/// let busy = WebhookRejection::InProgress { retry_after: Duration::from_millis(1500) };
/// assert_eq!((busy.status(), busy.retry_after_secs()), (409, Some(2)));
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum WebhookRejection {
    /// Verification failed: 400, 401 or 413 as [`Error::status`] says.
    Invalid(Error),
    /// The body could not be read (the client went away, broken chunked encoding): 400.
    BodyUnreadable,
    /// The verified body is not what the handler asked for (not UTF-8, not the JSON): 400.
    InvalidBody(String),
    /// A duplicate of a completed delivery: 200, the handler does not run.
    Duplicate,
    /// The same delivery is being processed: 409 with `Retry-After`.
    InProgress {
        /// When the other worker's lease expires at the latest.
        retry_after: Duration,
    },
    /// The idempotency store could not answer: 503 with `Retry-After`, so the provider retries.
    StoreUnavailable(StoreError),
    /// No [`WebhookConfig`] for this provider was registered with the application (actix-web
    /// app data): 500.
    NotConfigured,
}

impl WebhookRejection {
    /// The HTTP status to answer with.
    ///
    /// ```
    /// use hooksign::integrations::WebhookRejection;
    /// assert_eq!(WebhookRejection::Duplicate.status(), 200);
    /// ```
    pub fn status(&self) -> u16 {
        match self {
            WebhookRejection::Invalid(err) => err.status(),
            WebhookRejection::BodyUnreadable | WebhookRejection::InvalidBody(_) => 400,
            WebhookRejection::Duplicate => 200,
            WebhookRejection::InProgress { .. } => 409,
            WebhookRejection::StoreUnavailable(_) => 503,
            WebhookRejection::NotConfigured => 500,
        }
    }

    /// A stable snake_case name: the [`Error::code`] for verification failures, else
    /// `body_unreadable`, `invalid_body`, `duplicate`, `in_progress`, `store_unavailable` or
    /// `not_configured`.
    ///
    /// ```
    /// use hooksign::integrations::WebhookRejection;
    /// assert_eq!(WebhookRejection::Duplicate.code(), "duplicate");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            WebhookRejection::Invalid(err) => err.code(),
            WebhookRejection::BodyUnreadable => "body_unreadable",
            WebhookRejection::InvalidBody(_) => "invalid_body",
            WebhookRejection::Duplicate => "duplicate",
            WebhookRejection::InProgress { .. } => "in_progress",
            WebhookRejection::StoreUnavailable(_) => "store_unavailable",
            WebhookRejection::NotConfigured => "not_configured",
        }
    }

    /// Whether the delivery was a duplicate (completed or in progress): the provider did
    /// nothing wrong, and the event is (being) processed.
    ///
    /// ```
    /// use hooksign::integrations::WebhookRejection;
    /// assert!(WebhookRejection::Duplicate.is_duplicate());
    /// assert!(!WebhookRejection::BodyUnreadable.is_duplicate());
    /// ```
    pub fn is_duplicate(&self) -> bool {
        matches!(
            self,
            WebhookRejection::Duplicate | WebhookRejection::InProgress { .. }
        )
    }

    /// The verification error, if that is why.
    ///
    /// ```
    /// use hooksign::{Error, ErrorKind};
    /// use hooksign::integrations::WebhookRejection;
    /// let r = WebhookRejection::Invalid(Error::BodyTooLarge { limit: 10 });
    /// assert_eq!(r.error().map(Error::kind), Some(ErrorKind::BodyTooLarge));
    /// ```
    pub fn error(&self) -> Option<&Error> {
        match self {
            WebhookRejection::Invalid(err) => Some(err),
            _ => None,
        }
    }

    /// The `Retry-After` value in whole seconds (rounded up, at least 1), for 409 and 503.
    ///
    /// ```
    /// use hooksign::integrations::WebhookRejection;
    /// assert_eq!(WebhookRejection::Duplicate.retry_after_secs(), None);
    /// ```
    pub fn retry_after_secs(&self) -> Option<u64> {
        match self {
            WebhookRejection::InProgress { retry_after } => {
                let secs = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
                Some(secs.max(1))
            }
            // The store may be back in a moment (a Redis failover); the provider's own backoff
            // takes over if it is not.
            WebhookRejection::StoreUnavailable(_) => Some(1),
            _ => None,
        }
    }

    fn log(&self, provider: &str, key: Option<&IdempotencyKey>) {
        let status = self.status();
        let code = self.code();
        let key = key.map(IdempotencyKey::as_str).unwrap_or("");
        match self {
            WebhookRejection::Invalid(err) if status == 401 => {
                tracing::warn!(provider, status, code, error = %err, "webhook rejected")
            }
            WebhookRejection::Invalid(err) => {
                tracing::info!(provider, status, code, error = %err, "webhook rejected")
            }
            WebhookRejection::InvalidBody(reason) => {
                tracing::info!(
                    provider,
                    status,
                    code,
                    reason,
                    "verified webhook body refused"
                )
            }
            WebhookRejection::Duplicate | WebhookRejection::InProgress { .. } => {
                tracing::debug!(provider, status, code, key, "duplicate webhook delivery")
            }
            WebhookRejection::StoreUnavailable(err) => tracing::error!(
                provider, status, code, key, error = %err,
                source = ?std::error::Error::source(err).map(ToString::to_string),
                "idempotency store failed: delivery refused with 503"
            ),
            WebhookRejection::BodyUnreadable | WebhookRejection::NotConfigured => {
                tracing::info!(provider, status, code, "webhook rejected")
            }
        }
    }
}

impl fmt::Display for WebhookRejection {
    /// The response body: `<code>: <what was wrong>`. Never secret material.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.code())?;
        match self {
            WebhookRejection::Invalid(err) => write!(f, "{err}"),
            WebhookRejection::BodyUnreadable => f.write_str("the request body could not be read"),
            WebhookRejection::InvalidBody(reason) => f.write_str(reason),
            WebhookRejection::Duplicate => f.write_str("this delivery was already processed"),
            WebhookRejection::InProgress { .. } => write!(
                f,
                "this delivery is being processed; retry in {} s",
                self.retry_after_secs().unwrap_or(1)
            ),
            // StoreError's own message, without its source: the backend's error may name
            // hosts or credentials of the store.
            WebhookRejection::StoreUnavailable(err) => write!(f, "{err}; retry later"),
            WebhookRejection::NotConfigured => {
                f.write_str("no webhook configuration is registered for this provider")
            }
        }
    }
}

impl std::error::Error for WebhookRejection {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WebhookRejection::Invalid(err) => Some(err),
            WebhookRejection::StoreUnavailable(err) => Some(err),
            _ => None,
        }
    }
}

impl From<Error> for WebhookRejection {
    fn from(err: Error) -> Self {
        WebhookRejection::Invalid(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{GitHub, Message, SecretSet, Sign};

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

    #[tokio::test]
    async fn the_verified_body_shares_the_received_bytes() {
        let body = Bytes::from_static(br#"{"action":"opened"}"#);
        let headers = github().sign(&Message::new(&body).with_id("d-1")).unwrap();
        let hook: Webhook<GitHub> = WebhookConfig::new(github())
            .verify_bytes(&headers, body.clone())
            .await
            .unwrap();
        // `Verified<'static>` without a copy of the body: the same bytes as the handler's.
        assert_eq!(hook.verified().body().as_ptr(), body.as_ptr());
        assert_eq!(hook.body().as_ptr(), body.as_ptr());
        assert_eq!(hook.verified().id(), Some("d-1"));
        // Equal to the same delivery verified from a borrowed slice and made owned.
        let owned = crate::verify(&github(), &headers, &body)
            .unwrap()
            .into_owned();
        assert_eq!(hook.verified(), &owned);
    }
}
