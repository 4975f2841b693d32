//! Where the memory store reads the time, so tests can expire leases without sleeping.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A monotonic clock for [`MemoryStore`](super::MemoryStore).
///
/// [`SystemClock`] is the real one; [`ManualClock`] moves only when told, so a test can
/// expire a lease or a retention period instantly.
///
/// ```
/// use std::time::Instant;
/// use hooksign::idempotency::{Clock, SystemClock};
///
/// let before = Instant::now();
/// assert!(SystemClock.now() >= before);
/// ```
pub trait Clock: Send + Sync + 'static {
    /// The current instant.
    fn now(&self) -> Instant;
}

/// The system's monotonic clock ([`Instant::now`]).
///
/// ```
/// use hooksign::idempotency::{IdempotencyConfig, MemoryStore, SystemClock};
///
/// let store = MemoryStore::with_clock(IdempotencyConfig::default(), SystemClock);
/// assert!(store.is_empty());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// A clock that stands still until [`ManualClock::advance`] moves it; clones share the time.
///
/// ```
/// use std::time::Duration;
/// use hooksign::idempotency::{Clock, ManualClock};
///
/// let clock = ManualClock::new();
/// let start = clock.now();
/// clock.clone().advance(Duration::from_secs(90));
/// assert_eq!(clock.now() - start, Duration::from_secs(90));
/// ```
#[derive(Debug, Clone)]
pub struct ManualClock {
    start: Instant,
    // Nanoseconds since `start`; an atomic so a shared clock can be advanced through `&self`
    // while store operations read it on other threads.
    offset_nanos: Arc<AtomicU64>,
}

impl ManualClock {
    /// A clock reading the current instant, frozen there.
    ///
    /// ```
    /// use hooksign::idempotency::{Clock, ManualClock};
    ///
    /// let clock = ManualClock::new();
    /// assert_eq!(clock.now(), clock.now());
    /// ```
    pub fn new() -> Self {
        ManualClock {
            start: Instant::now(),
            offset_nanos: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Moves the clock (and every clone of it) forward.
    ///
    /// ```
    /// use std::time::Duration;
    /// use hooksign::idempotency::{Clock, ManualClock};
    ///
    /// let clock = ManualClock::new();
    /// let t0 = clock.now();
    /// clock.advance(Duration::from_millis(5));
    /// assert_eq!(clock.now() - t0, Duration::from_millis(5));
    /// ```
    pub fn advance(&self, by: Duration) {
        let nanos = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
        // Saturates instead of wrapping: 584 years of manual time is enough for any test.
        let _ = self
            .offset_nanos
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |o| {
                Some(o.saturating_add(nanos))
            });
    }
}

impl Default for ManualClock {
    fn default() -> Self {
        ManualClock::new()
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        self.start + Duration::from_nanos(self.offset_nanos.load(Ordering::SeqCst))
    }
}
