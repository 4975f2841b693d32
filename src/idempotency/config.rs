//! Lease time, retention and the memory store's bound.

use std::time::Duration;

/// How long a lease and a completed key live, and how many entries the memory store keeps.
///
/// The defaults:
///
/// | setting | default | why |
/// |---|---|---|
/// | [`lease`](Self::lease) | 2 min | Longer than any provider's response timeout (GitHub 10 s, Shopify 5 s, Stripe and Svix under 30 s): a handler the provider gave up on is not run a second time by the provider's immediate retry. Short enough that the event of a crashed worker is processed by the provider's next attempt (Slack's third try comes after 5 min; Stripe and Svix back off for minutes to hours). |
/// | [`retention`](Self::retention) | 7 days | More than twice the longest automatic retry horizon (Stripe: up to 3 days in live mode; Shopify: 48 h; Standard Webhooks/Svix: about 28 h of backoff), and covers GitHub's manual redelivery of deliveries from the past 3 days, with room for an operator replaying failed deliveries after a weekend. |
/// | [`max_entries`](Self::max_entries) | 100 000 | The [`MemoryStore`](super::MemoryStore)'s bound: about 20 MB with typical keys. At a sustained rate of *r* events/s the store holds *r* × retention entries; when full it evicts the oldest completed key first (see [`MemoryStore`](super::MemoryStore)). Redis ignores it: size Redis with `maxmemory` instead. |
///
/// ```
/// use std::time::Duration;
/// use hooksign::idempotency::IdempotencyConfig;
///
/// let config = IdempotencyConfig::default()
///     .with_lease(Duration::from_secs(30))
///     .with_retention(Duration::from_secs(3 * 24 * 3600))
///     .with_max_entries(1_000_000);
/// assert_eq!(config.lease, Duration::from_secs(30));
/// assert_eq!(config.max_entries, 1_000_000);
/// assert_eq!(IdempotencyConfig::default().retention, IdempotencyConfig::DEFAULT_RETENTION);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct IdempotencyConfig {
    /// How long a [`Lease`](super::Lease) lasts before another delivery may take the key.
    /// Longer than the longest processing; at least 1 ms.
    pub lease: Duration,
    /// How long a completed key is remembered (answers *done*). At least 1 ms.
    pub retention: Duration,
    /// The most entries (leases and completed keys) a [`MemoryStore`](super::MemoryStore)
    /// holds; at least 1. Not used by the Redis store.
    pub max_entries: usize,
}

impl IdempotencyConfig {
    /// The default [`lease`](Self::lease): 2 minutes.
    pub const DEFAULT_LEASE: Duration = Duration::from_secs(120);
    /// The default [`retention`](Self::retention): 7 days.
    pub const DEFAULT_RETENTION: Duration = Duration::from_secs(7 * 24 * 3600);
    /// The default [`max_entries`](Self::max_entries): 100 000.
    pub const DEFAULT_MAX_ENTRIES: usize = 100_000;
    // Redis' `PX` takes whole milliseconds and rejects 0; the memory store follows the same
    // floor so both stores behave alike.
    const MIN_TIME: Duration = Duration::from_millis(1);

    /// Sets the lease time (raised to 1 ms if shorter).
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use hooksign::idempotency::IdempotencyConfig;
    /// let config = IdempotencyConfig::default().with_lease(Duration::ZERO);
    /// assert_eq!(config.lease, Duration::from_millis(1));
    /// ```
    pub fn with_lease(mut self, lease: Duration) -> Self {
        self.lease = lease.max(Self::MIN_TIME);
        self
    }

    /// Sets the retention period (raised to 1 ms if shorter).
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use hooksign::idempotency::IdempotencyConfig;
    /// let config = IdempotencyConfig::default().with_retention(Duration::from_secs(86_400));
    /// assert_eq!(config.retention, Duration::from_secs(86_400));
    /// ```
    pub fn with_retention(mut self, retention: Duration) -> Self {
        self.retention = retention.max(Self::MIN_TIME);
        self
    }

    /// Sets the memory store's bound (raised to 1 if 0).
    ///
    /// ```
    /// # use hooksign::idempotency::IdempotencyConfig;
    /// assert_eq!(IdempotencyConfig::default().with_max_entries(0).max_entries, 1);
    /// ```
    pub fn with_max_entries(mut self, max_entries: usize) -> Self {
        self.max_entries = max_entries.max(1);
        self
    }
}

impl Default for IdempotencyConfig {
    fn default() -> Self {
        IdempotencyConfig {
            lease: Self::DEFAULT_LEASE,
            retention: Self::DEFAULT_RETENTION,
            max_entries: Self::DEFAULT_MAX_ENTRIES,
        }
    }
}
