//! What can go wrong with a store call.

use crate::verified::IdempotencyKey;

/// A boxed backend error (e.g. `redis::RedisError`), kept as the [`source`](std::error::Error::source).
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Why a store call gave no answer.
///
/// None of these is a verdict on the delivery: the receiver answers with
/// [`status`](Self::status) (5xx) and the provider retries.
///
/// ```
/// use hooksign::IdempotencyKey;
/// use hooksign::idempotency::StoreError;
///
/// let err = StoreError::Full { max_entries: 10 };
/// assert_eq!(err.status(), 503);
/// let err = StoreError::Expired { key: IdempotencyKey::new("github:1") };
/// assert_eq!(err.to_string(), "the lease on github:1 expired before it was completed or released");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The backend could not be reached or did not answer in time (connection refused or
    /// lost, timeout, server loading or failing over). The outcome of the call is unknown;
    /// retrying later is safe.
    #[error("the idempotency store is unavailable")]
    Unavailable(#[source] BoxError),
    /// The backend answered with an error that retrying will not fix by itself (e.g. a key of
    /// the wrong type under the prefix, out of memory under `noeviction`, a Redis older than 7.0).
    #[error("the idempotency store failed")]
    Backend(#[source] BoxError),
    /// The memory store is at its bound and every entry is a live lease, so no entry may be
    /// evicted without breaking exactly-once. Answer 503; the provider retries.
    #[error("the idempotency store is full: all {max_entries} entries are live leases")]
    Full {
        /// The configured bound.
        max_entries: usize,
    },
    /// The lease ran out before it was completed or released, and nobody took the key since:
    /// the next delivery processes the event again.
    #[error("the lease on {key} expired before it was completed or released")]
    Expired {
        /// The lease's key.
        key: IdempotencyKey,
    },
    /// The lease ran out and another delivery took the key (it holds a newer lease, or
    /// completed it). The other worker's result stands.
    #[error("the lease on {key} was lost: it expired and another delivery took the key")]
    LeaseLost {
        /// The lease's key.
        key: IdempotencyKey,
    },
    /// The lease was issued by another store (not this one or a clone of it).
    #[error("the lease on {key} was issued by another store")]
    Foreign {
        /// The lease's key.
        key: IdempotencyKey,
    },
}

impl StoreError {
    /// The HTTP status a receiver answers with: 503 when the store could not decide
    /// (`Unavailable`, `Backend`, `Full`), 500 when a lease was no longer held.
    ///
    /// ```
    /// use hooksign::IdempotencyKey;
    /// use hooksign::idempotency::StoreError;
    ///
    /// assert_eq!(StoreError::LeaseLost { key: IdempotencyKey::new("k") }.status(), 500);
    /// ```
    pub fn status(&self) -> u16 {
        match self {
            StoreError::Unavailable(_) | StoreError::Backend(_) | StoreError::Full { .. } => 503,
            StoreError::Expired { .. }
            | StoreError::LeaseLost { .. }
            | StoreError::Foreign { .. } => 500,
        }
    }
}
