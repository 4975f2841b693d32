//! The sender's clock: what time it is (to sign and to stamp attempts) and how to wait (between
//! attempts). Injectable, so that a test checks a retry schedule exactly without waiting.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::UnixTime;
use crate::send::BoxFuture;

/// A source of time and a way to wait, used by a [`Sender`](crate::send::Sender) to sign each
/// attempt, stamp it, and sleep before the next one.
///
/// [`SystemClock`] is the real one; [`ManualClock`] makes every sleep instant and moves its
/// time forward by the amount slept, so a whole retry schedule runs in microseconds.
pub trait Clock: Send + Sync {
    /// The current time.
    fn now(&self) -> UnixTime;

    /// Waits for `duration`.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}

/// The system clock and Tokio's timer.
///
/// ```
/// use hooksign::send::{Clock, SystemClock};
/// assert!(SystemClock.now().as_secs() > 1_600_000_000);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> UnixTime {
        UnixTime::now()
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// A clock for tests: sleeping returns at once and advances the time by the amount slept, and
/// every sleep is recorded.
///
/// Clones share the same time and record.
///
/// ```
/// use std::time::Duration;
/// use hooksign::UnixTime;
/// use hooksign::send::{Clock, ManualClock};
///
/// # tokio_test_block_on(async {
/// let clock = ManualClock::new(UnixTime::from_secs(1_700_000_000));
/// clock.sleep(Duration::from_secs(5)).await;
/// assert_eq!(clock.now(), UnixTime::from_secs(1_700_000_005));
/// assert_eq!(clock.sleeps(), [Duration::from_secs(5)]);
/// # });
/// # fn tokio_test_block_on(f: impl std::future::Future<Output = ()>) {
/// #     tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct ManualClock {
    state: Arc<Mutex<ManualState>>,
}

#[derive(Debug)]
struct ManualState {
    now_millis: u64,
    sleeps: Vec<Duration>,
}

impl ManualClock {
    /// A clock that reads `start` until it is advanced.
    pub fn new(start: UnixTime) -> Self {
        ManualClock {
            state: Arc::new(Mutex::new(ManualState {
                now_millis: start.as_millis(),
                sleeps: Vec::new(),
            })),
        }
    }

    /// Moves the time forward without recording a sleep.
    ///
    /// ```
    /// use std::time::Duration;
    /// use hooksign::{UnixTime, send::{Clock, ManualClock}};
    /// let clock = ManualClock::new(UnixTime::from_secs(10));
    /// clock.advance(Duration::from_millis(1500));
    /// assert_eq!(clock.now(), UnixTime::from_millis(11_500));
    /// ```
    pub fn advance(&self, by: Duration) {
        let mut state = self.lock();
        state.now_millis = state.now_millis.saturating_add(millis(by));
    }

    /// Every sleep so far, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.lock().sleeps.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ManualState> {
        // The state is two plain values, consistent after any panic.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Clock for ManualClock {
    fn now(&self) -> UnixTime {
        UnixTime::from_millis(self.lock().now_millis)
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        {
            let mut state = self.lock();
            state.now_millis = state.now_millis.saturating_add(millis(duration));
            state.sleeps.push(duration);
        }
        Box::pin(std::future::ready(()))
    }
}

/// Whole milliseconds, saturating.
pub(crate) fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}
