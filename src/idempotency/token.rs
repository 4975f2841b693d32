//! What a store writes into a [`Lease`](super::Lease) to recognise it when it comes back: who
//! issued it ([`StoreId`]) and which of the key's leases it is ([`LeaseToken`]).

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

/// A store's identity within the process, so it can tell its own leases from another store's
/// ([`StoreError::Foreign`](super::StoreError::Foreign)). Clones of a store share it.
///
/// Draw one when the store is built and put it in every [`Lease`](super::Lease) it issues;
/// `complete` and `release` compare [`Lease::issuer`](super::Lease::issuer) with it first.
///
/// ```
/// use hooksign::idempotency::StoreId;
///
/// let a = StoreId::unique();
/// let b = StoreId::unique();
/// assert_ne!(a, b);
/// assert_eq!(a, a.clone());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StoreId(u64);

impl StoreId {
    /// An identity no other call in this process returns.
    ///
    /// ```
    /// # use hooksign::idempotency::StoreId;
    /// assert_ne!(StoreId::unique(), StoreId::unique());
    /// ```
    pub fn unique() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        StoreId(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

/// A store's proof that a [`Lease`](super::Lease) is the one it holds for the key: checked by
/// `complete` and `release`, so a worker whose lease expired cannot settle the lease of the
/// worker that took the key over after it.
///
/// Two numbers, both the store's to choose:
///
/// - the [`value`](Self::value) must be unique among the leases a key is ever given, and
///   unpredictable when several processes share the backend (the Redis store draws 128
///   random bits; the memory store, alone in its process, counts);
/// - the [`stamp`](Self::stamp) is free for anything else the store needs to find the lease
///   again (the Redis store keeps the lease's deadline there, part of the stored value); 0
///   when unused.
///
/// Its `Debug` output hides both: it is the only proof of ownership of the key.
///
/// ```
/// use hooksign::idempotency::LeaseToken;
///
/// let token = LeaseToken::new(0x8f3a_51c2_0d1e_44b7_9a60_2b7e_c3d4_e5f6).with_stamp(1_700_000_120_000);
/// assert_eq!(token.value(), 0x8f3a_51c2_0d1e_44b7_9a60_2b7e_c3d4_e5f6);
/// assert_eq!(token.stamp(), 1_700_000_120_000);
/// assert_eq!(LeaseToken::new(7).stamp(), 0);
/// assert_eq!(format!("{token:?}"), "LeaseToken(..)");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct LeaseToken {
    value: u128,
    stamp: u64,
}

impl LeaseToken {
    /// A token with `value` and a stamp of 0.
    ///
    /// ```
    /// # use hooksign::idempotency::LeaseToken;
    /// assert_eq!(LeaseToken::new(42).value(), 42);
    /// ```
    pub const fn new(value: u128) -> Self {
        LeaseToken { value, stamp: 0 }
    }

    /// Sets the stamp.
    ///
    /// ```
    /// # use hooksign::idempotency::LeaseToken;
    /// assert_eq!(LeaseToken::new(42).with_stamp(9).stamp(), 9);
    /// ```
    #[must_use]
    pub const fn with_stamp(mut self, stamp: u64) -> Self {
        self.stamp = stamp;
        self
    }

    /// The value: unique among the key's leases.
    ///
    /// ```
    /// # use hooksign::idempotency::LeaseToken;
    /// assert_eq!(LeaseToken::new(1 << 100).value(), 1 << 100);
    /// ```
    pub const fn value(&self) -> u128 {
        self.value
    }

    /// The stamp: whatever else the store put there.
    ///
    /// ```
    /// # use hooksign::idempotency::LeaseToken;
    /// assert_eq!(LeaseToken::new(1).with_stamp(u64::MAX).stamp(), u64::MAX);
    /// ```
    pub const fn stamp(&self) -> u64 {
        self.stamp
    }
}

impl fmt::Debug for LeaseToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LeaseToken(..)")
    }
}

/// Tokens for backends shared by several processes (Redis), where a counter is not enough.
#[cfg(any(feature = "redis", feature = "queue"))]
mod unpredictable {
    use std::collections::hash_map::RandomState;
    use std::hash::BuildHasher;
    use std::sync::LazyLock;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::{SystemTime, UNIX_EPOCH};

    /// Hash keys drawn by the standard library from the operating system's randomness, once per
    /// process: hashing a process-wide counter with them yields values that are unique within
    /// the process (the counter) and unpredictable across processes (the keys), without a
    /// random-number dependency.
    static SEED: LazyLock<(RandomState, RandomState)> =
        LazyLock::new(|| (RandomState::new(), RandomState::new()));
    static COUNTER: AtomicU64 = AtomicU64::new(0);

    /// A fresh 128-bit lease token. Two instances sharing a backend (Redis) must never draw the
    /// same token, or one could settle the other's lease: 128 unpredictable bits make
    /// that vanishingly unlikely; the wall-clock nanoseconds guard against a reused seed.
    pub(crate) fn unpredictable_token() -> u128 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let t = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let hi = SEED.0.hash_one((n, t));
        let lo = SEED.1.hash_one((t, n));
        (u128::from(hi) << 64) | u128::from(lo)
    }
}

#[cfg(any(feature = "redis", feature = "queue"))]
pub(crate) use unpredictable::unpredictable_token;
