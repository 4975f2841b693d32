//! A lease held together with its store, so whoever processes the event can settle it
//! without naming the store's type: the integrations' extractors and middleware today, the
//! sender and the queues too. Nothing here needs a web framework or an async runtime; only
//! the release of a lease dropped unsettled does (see [`WebhookLease`]).
// Only the integrations hold leases this way so far: without them the crate-private half of
// this module has no caller. `expect`, not `allow`: the first caller in another build (a
// sender, a queue) makes the expectation fail, and the attribute goes.
#![cfg_attr(
    not(any(feature = "axum", feature = "actix-web")),
    expect(
        dead_code,
        reason = "only the integrations call it so far; the sender and the queues are next"
    )
)]

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use super::error::StoreError;
use super::store::{Begin, Lease, Store};
use crate::verified::IdempotencyKey;

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// [`Store`] made object-safe, so whatever holds a store (a `WebhookConfig`, and with it the
/// extractor type) does not carry the store's type: `Webhook<GitHub>` reads the same with or
/// without a store.
pub(crate) trait DynStore: Send + Sync {
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

/// Settles the lease of a delivery from how its processing ended (the layer's and the
/// middleware's handler response): `success` completes it, anything else releases it so the
/// provider's retry is processed. A store failure is logged, not returned: the answer already
/// given stands.
pub(crate) async fn settle(lease: Option<WebhookLease>, success: bool) {
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
            log::unsettled(&key, &err, "could not record a processed delivery as done");
        }
    } else if let Err(err) = lease.release().await {
        // The key unblocks when the lease expires instead.
        log::unsettled(
            &key,
            &err,
            "could not release the lease of a failed delivery",
        );
    }
}

/// The right to process one delivery, held together with the store that issued it: what a
/// `Webhook` holds when its `WebhookConfig` has a store (features `axum`, `actix-web`).
///
/// Settle it with [`complete`](Self::complete) once the event is processed, or
/// [`release`](Self::release) to let the provider's retry process it. Dropped unsettled, it
/// is released in the background on the Tokio runtime the frameworks run on (features `axum`
/// and `actix-web`, which bring Tokio); without a runtime, or in a build without those
/// features, nothing can run the release after `drop` returns, so the lease expires after the
/// store's lease time instead, which delays the provider's retry but loses nothing.
///
/// The examples below need feature `axum` or `actix-web`, whose `Webhook` hands one out.
pub struct WebhookLease {
    store: Arc<dyn DynStore>,
    // `None` once settled: `Drop` then has nothing to release.
    lease: Option<Lease>,
}

impl WebhookLease {
    /// `lease`, to be settled on `store`, which issued it.
    pub(crate) fn new(store: Arc<dyn DynStore>, lease: Lease) -> Self {
        WebhookLease {
            store,
            lease: Some(lease),
        }
    }

    /// The key being processed.
    ///
    /// ```
    /// # #[cfg(any(feature = "axum", feature = "actix-web"))]
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # use hooksign::{GitHub, SecretSet, Sign, Message};
    /// # use hooksign::idempotency::MemoryStore;
    /// # use hooksign::integrations::{Webhook, WebhookConfig};
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
    /// # #[cfg(not(any(feature = "axum", feature = "actix-web")))]
    /// # fn main() {}
    /// ```
    pub fn key(&self) -> Option<&IdempotencyKey> {
        self.lease.as_ref().map(Lease::key)
    }

    /// Records the event as processed: redeliveries are answered 200 without the handler.
    ///
    /// ```
    /// # #[cfg(any(feature = "axum", feature = "actix-web"))]
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
    /// # #[cfg(not(any(feature = "axum", feature = "actix-web")))]
    /// # fn main() {}
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
    /// # #[cfg(any(feature = "axum", feature = "actix-web"))]
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
    /// # #[cfg(not(any(feature = "axum", feature = "actix-web")))]
    /// # fn main() {}
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
        background::release(Arc::clone(&self.store), lease);
    }
}

impl fmt::Debug for WebhookLease {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookLease")
            .field("key", &self.key())
            .finish_non_exhaustive()
    }
}

/// Releasing a dropped lease, which has to happen after `drop` returns: on Tokio where the
/// crate depends on it. Tokio is a direct dependency only with the web framework features
/// (their servers run on it); the `redis` feature brings it into the tree through the `redis`
/// crate but not as a crate this one may name. A feature that adds Tokio (a sender, a queue)
/// joins the `cfg` below.
#[cfg(any(feature = "axum", feature = "actix-web"))]
mod background {
    use super::{DynStore, Lease};
    use std::sync::Arc;

    pub(super) fn release(store: Arc<dyn DynStore>, lease: Lease) {
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
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

/// Without Tokio there is nothing to run the release on once `drop` returns (blocking in
/// `drop` could stall an executor thread, and a store's future may need a runtime of its
/// own): the lease is left to expire.
#[cfg(not(any(feature = "axum", feature = "actix-web")))]
mod background {
    use super::{DynStore, Lease};
    use std::sync::Arc;

    pub(super) fn release(_store: Arc<dyn DynStore>, lease: Lease) {
        drop(lease);
    }
}

/// Logging where `tracing` is a dependency: with the web framework features, the same
/// features that bring Tokio. Without them the crate logs nothing anywhere, so a settlement
/// that failed is not reported (its lease expires, as documented on [`WebhookLease`]).
mod log {
    use super::StoreError;

    #[cfg(any(feature = "axum", feature = "actix-web"))]
    pub(super) fn unsettled(key: &str, err: &StoreError, message: &'static str) {
        tracing::warn!(key = %key, error = %err, "{message}");
    }

    #[cfg(not(any(feature = "axum", feature = "actix-web")))]
    pub(super) fn unsettled(_key: &str, _err: &StoreError, _message: &'static str) {}
}
