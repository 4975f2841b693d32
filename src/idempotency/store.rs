//! The store contract: `begin`, then `complete` or `release`.

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::StoreError;
use crate::IdempotencyKey;

/// What [`Store::begin`] found.
///
/// ```
/// use std::time::Duration;
/// use hooksign::idempotency::Begin;
///
/// let begin = Begin::InProgress { retry_after: Duration::from_secs(30) };
/// assert!(!begin.is_new());
/// ```
#[derive(Debug)]
#[must_use = "a `Begin::New` lease must be completed or released"]
pub enum Begin {
    /// Nobody processed or is processing the key: process it now, then
    /// [`complete`](Store::complete) or [`release`](Store::release) the lease.
    New(Lease),
    /// Another worker holds a live lease. Answer 409 with `Retry-After`: if that worker
    /// fails, the lease is released or expires within `retry_after`.
    InProgress {
        /// When the current lease expires at the latest.
        retry_after: Duration,
    },
    /// The key was processed and completed within the retention period: answer 200 without
    /// processing.
    Done,
}

impl Begin {
    /// Whether this is [`Begin::New`].
    ///
    /// ```
    /// assert!(!hooksign::idempotency::Begin::Done.is_new());
    /// ```
    pub fn is_new(&self) -> bool {
        matches!(self, Begin::New(_))
    }
}

/// The right to process one key, until it expires.
///
/// Hand it back with [`Store::complete`] (success) or [`Store::release`] (failure); both take
/// it by value, so a lease is settled at most once. A lease that is dropped instead (a panic,
/// a cancelled request) is not released: its key stays *in progress* until the lease expires.
///
/// ```
/// # tokio::runtime::Runtime::new()?.block_on(async {
/// use hooksign::IdempotencyKey;
/// use hooksign::idempotency::{Begin, IdempotencyConfig, MemoryStore, Store};
///
/// let store = MemoryStore::new(IdempotencyConfig::default());
/// let Begin::New(lease) = store.begin(&IdempotencyKey::new("stripe:evt_1")).await? else {
///     unreachable!("a fresh store has seen nothing");
/// };
/// assert_eq!(lease.key().as_str(), "stripe:evt_1");
/// store.complete(lease).await?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use = "a lease must be completed or released, or its key stays blocked until it expires"]
pub struct Lease {
    pub(crate) key: IdempotencyKey,
    /// Unique among the key's leases: complete and release check it so a late worker cannot
    /// settle the lease of the worker that took over after it expired.
    // Only Redis reads it: the memory store's `stamp` is already unique per key.
    #[cfg_attr(not(feature = "redis"), allow(dead_code))]
    pub(crate) token: u128,
    /// Store-specific: the memory store's sequence number, the Redis store's wall-clock
    /// deadline (part of the stored value).
    pub(crate) stamp: u64,
    pub(crate) expires_at: Instant,
    pub(crate) store: u64,
}

impl Lease {
    /// The key this lease is for.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// # use hooksign::IdempotencyKey;
    /// # use hooksign::idempotency::{IdempotencyConfig, MemoryStore, Store};
    /// # let store = MemoryStore::new(IdempotencyConfig::default());
    /// let lease = store.begin(&IdempotencyKey::new("github:1")).await?.into_lease().unwrap();
    /// assert_eq!(lease.key().as_str(), "github:1");
    /// # store.release(lease).await?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn key(&self) -> &IdempotencyKey {
        &self.key
    }

    /// When the lease expires, on the store's clock. For Redis it is a local estimate taken
    /// before the request was sent, so never later than the server's expiry.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// # use std::time::Instant;
    /// # use hooksign::IdempotencyKey;
    /// # use hooksign::idempotency::{IdempotencyConfig, MemoryStore, Store};
    /// # let store = MemoryStore::new(IdempotencyConfig::default());
    /// let lease = store.begin(&IdempotencyKey::new("github:1")).await?.into_lease().unwrap();
    /// assert!(lease.expires_at() > Instant::now());
    /// # store.release(lease).await?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn expires_at(&self) -> Instant {
        self.expires_at
    }
}

impl Begin {
    /// The lease, if this is [`Begin::New`].
    ///
    /// ```
    /// assert!(hooksign::idempotency::Begin::Done.into_lease().is_none());
    /// ```
    pub fn into_lease(self) -> Option<Lease> {
        match self {
            Begin::New(lease) => Some(lease),
            _ => None,
        }
    }
}

impl fmt::Debug for Lease {
    // The token stays out of logs: it is the only proof of ownership of the key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Lease")
            .field("key", &self.key)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// A store of processed keys: the contract both [`MemoryStore`](super::MemoryStore) and
/// `RedisStore` implement, and one conformance suite checks.
///
/// The methods return `Send` futures, so a store works as a generic bound in any runtime
/// and across threads (`Arc<S>` and `&S` are stores too). Every method either gives a
/// definite answer or a [`StoreError`]; none panics on a backend failure.
///
/// ```
/// use hooksign::IdempotencyKey;
/// use hooksign::idempotency::{Begin, Store, StoreError};
///
/// /// What a receiver answers, whatever the store.
/// async fn receive<S: Store>(store: &S, key: &IdempotencyKey) -> Result<u16, StoreError> {
///     match store.begin(key).await? {
///         Begin::Done => Ok(200),
///         Begin::InProgress { .. } => Ok(409),
///         Begin::New(lease) => {
///             // … process the event …
///             store.complete(lease).await?;
///             Ok(200)
///         }
///     }
/// }
/// # tokio::runtime::Runtime::new()?.block_on(async {
/// let store = hooksign::idempotency::MemoryStore::new(Default::default());
/// let key = IdempotencyKey::new("slack:Ev1");
/// assert_eq!(receive(&store, &key).await?, 200);
/// assert_eq!(receive(&store, &key).await?, 200);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Store: Send + Sync {
    /// Atomically: takes a lease on `key` if nobody holds a live one and it was not
    /// completed within the retention period ([`Begin::New`]); otherwise says which.
    fn begin(&self, key: &IdempotencyKey)
    -> impl Future<Output = Result<Begin, StoreError>> + Send;

    /// Records success: the key answers [`Begin::Done`] for the retention period.
    ///
    /// Fails with [`StoreError::Expired`] or [`StoreError::LeaseLost`] if the lease is no
    /// longer held, and [`StoreError::Foreign`] if another store issued it.
    fn complete(&self, lease: Lease) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Records failure: the key is forgotten, so the next delivery processes it.
    ///
    /// Fails like [`complete`](Store::complete) when the lease is no longer held, and then
    /// changes nothing (another worker's lease is never removed).
    fn release(&self, lease: Lease) -> impl Future<Output = Result<(), StoreError>> + Send;
}

impl<S: Store + ?Sized> Store for &S {
    fn begin(
        &self,
        key: &IdempotencyKey,
    ) -> impl Future<Output = Result<Begin, StoreError>> + Send {
        (**self).begin(key)
    }

    fn complete(&self, lease: Lease) -> impl Future<Output = Result<(), StoreError>> + Send {
        (**self).complete(lease)
    }

    fn release(&self, lease: Lease) -> impl Future<Output = Result<(), StoreError>> + Send {
        (**self).release(lease)
    }
}

impl<S: Store + ?Sized> Store for Arc<S> {
    fn begin(
        &self,
        key: &IdempotencyKey,
    ) -> impl Future<Output = Result<Begin, StoreError>> + Send {
        (**self).begin(key)
    }

    fn complete(&self, lease: Lease) -> impl Future<Output = Result<(), StoreError>> + Send {
        (**self).complete(lease)
    }

    fn release(&self, lease: Lease) -> impl Future<Output = Result<(), StoreError>> + Send {
        (**self).release(lease)
    }
}
