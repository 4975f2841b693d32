//! The store contract: `begin`, then `complete` or `release`.

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::error::StoreError;
use super::token::{LeaseToken, StoreId};
use crate::verified::IdempotencyKey;

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
///
/// # In a store of your own
///
/// A [`Store`] builds its leases with [`Lease::new`], and recognises them when they come back
/// by their [`issuer`](Self::issuer) and [`token`](Self::token):
///
/// ```
/// use std::time::{Duration, Instant};
/// use hooksign::IdempotencyKey;
/// use hooksign::idempotency::{Lease, LeaseToken, StoreError, StoreId};
///
/// let me = StoreId::unique();
/// let lease = Lease::new(
///     IdempotencyKey::new("github:1"),
///     Instant::now() + Duration::from_secs(120),
///     me,
///     LeaseToken::new(0x51c2_0d1e_44b7_9a60),
/// );
///
/// // In `complete` or `release`: refuse another store's lease before looking it up.
/// fn check(lease: Lease, me: StoreId) -> Result<(IdempotencyKey, LeaseToken), StoreError> {
///     if lease.issuer() != me {
///         return Err(StoreError::Foreign { key: lease.into_key() });
///     }
///     let token = lease.token();
///     Ok((lease.into_key(), token))
/// }
/// let (key, token) = check(lease, me)?;
/// assert_eq!((key.as_str(), token.value()), ("github:1", 0x51c2_0d1e_44b7_9a60));
/// # Ok::<(), StoreError>(())
/// ```
#[must_use = "a lease must be completed or released, or its key stays blocked until it expires"]
pub struct Lease {
    key: IdempotencyKey,
    /// Unique among the key's leases: complete and release check it so a late worker cannot
    /// settle the lease of the worker that took over after it expired.
    token: LeaseToken,
    expires_at: Instant,
    issuer: StoreId,
}

impl Lease {
    /// A lease on `key` until `expires_at` (on the store's clock), issued by the store
    /// `issuer` and recognised by `token`: what a [`Store::begin`] of your own returns in
    /// [`Begin::New`]. See [Lease](Self#in-a-store-of-your-own).
    ///
    /// ```
    /// use std::time::Instant;
    /// use hooksign::IdempotencyKey;
    /// use hooksign::idempotency::{Lease, LeaseToken, StoreId};
    ///
    /// let id = StoreId::unique();
    /// let lease = Lease::new(IdempotencyKey::new("k"), Instant::now(), id, LeaseToken::new(1));
    /// assert_eq!(lease.issuer(), id);
    /// ```
    pub fn new(
        key: IdempotencyKey,
        expires_at: Instant,
        issuer: StoreId,
        token: LeaseToken,
    ) -> Lease {
        Lease {
            key,
            token,
            expires_at,
            issuer,
        }
    }

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

    /// The store that issued the lease.
    ///
    /// ```
    /// # use std::time::Instant;
    /// # use hooksign::IdempotencyKey;
    /// # use hooksign::idempotency::{Lease, LeaseToken, StoreId};
    /// let id = StoreId::unique();
    /// let lease = Lease::new(IdempotencyKey::new("k"), Instant::now(), id, LeaseToken::new(1));
    /// assert_eq!(lease.issuer(), id);
    /// ```
    pub fn issuer(&self) -> StoreId {
        self.issuer
    }

    /// The issuing store's proof of which lease this is.
    ///
    /// ```
    /// # use std::time::Instant;
    /// # use hooksign::IdempotencyKey;
    /// # use hooksign::idempotency::{Lease, LeaseToken, StoreId};
    /// let token = LeaseToken::new(99).with_stamp(3);
    /// let lease = Lease::new(IdempotencyKey::new("k"), Instant::now(), StoreId::unique(), token);
    /// assert_eq!(lease.token(), token);
    /// ```
    pub fn token(&self) -> LeaseToken {
        self.token
    }

    /// The key, giving the lease up: for the error a store returns when it refuses the lease
    /// ([`StoreError::Expired`], [`StoreError::LeaseLost`], [`StoreError::Foreign`]).
    ///
    /// ```
    /// # use std::time::Instant;
    /// # use hooksign::IdempotencyKey;
    /// # use hooksign::idempotency::{Lease, LeaseToken, StoreError, StoreId};
    /// let lease = Lease::new(IdempotencyKey::new("k"), Instant::now(), StoreId::unique(), LeaseToken::new(1));
    /// let err = StoreError::Expired { key: lease.into_key() };
    /// assert_eq!(err.status(), 500);
    /// ```
    pub fn into_key(self) -> IdempotencyKey {
        self.key
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
///
/// # Implementing a store
///
/// The trait is open: a store of your own (a SQL table, another key-value server) plugs into
/// [`once`](super::once), the integrations' `WebhookConfig::with_store` and everything else
/// that takes a `Store`. It builds its leases with [`Lease::new`], giving each a
/// [`StoreId`] drawn once per store (clones share it) and a [`LeaseToken`]. Callers rely on
/// these guarantees, which the [conformance suite](super#conformance) checks (feature
/// `test-util`):
///
/// 1. **One live lease per key.** `begin` decides atomically: of any number of concurrent
///    calls on a key nobody holds, across every clone and every process sharing the backend,
///    exactly one gets [`Begin::New`]; the others get [`Begin::InProgress`], with a
///    `retry_after` above zero and no longer than the lease time.
/// 2. **Done is remembered.** After `complete`, `begin` answers [`Begin::Done`] for the
///    retention period. A store may forget a completed key early only under a documented
///    bound (as [`MemoryStore`](super::MemoryStore) evicts its oldest), never a live lease.
/// 3. **Release forgets.** After `release`, the next `begin` answers [`Begin::New`].
/// 4. **Leases expire.** A lease neither completed nor released stops blocking its key once
///    its lease time has passed, so a crashed worker never blocks an event forever.
/// 5. **Only the holder settles.** `complete` and `release` refuse, and change nothing for,
///    a lease another store issued ([`StoreError::Foreign`], checked with
///    [`Lease::issuer`]), a lease that expired with nobody after it
///    ([`StoreError::Expired`]), and a lease whose key another delivery took since
///    ([`StoreError::LeaseLost`]: compare [`Lease::token`] with what the store holds). The
///    store's clock decides expiry, not [`Lease::expires_at`].
/// 6. **No guesses.** A backend failure is [`StoreError::Unavailable`] (retrying later may
///    work) or [`StoreError::Backend`], never a panic or a made-up answer. When a call's
///    effect may have reached the backend but its reply was lost, the error must leave the
///    key *in progress* or *done*, never let a later `begin` answer *new* for an event
///    that was processed.
/// 7. **Tokens do not repeat.** A [`LeaseToken`] value is unique among the leases a key is
///    ever given, and unpredictable when several processes share the backend.
///
/// The returned futures must be `Send`; an `async fn` in the `impl` is enough when the
/// store's state is `Send + Sync`.
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
