//! When to try again: the retry policy (exponential backoff with full jitter, or an explicit
//! schedule), its presets, and `Retry-After`.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, UNIX_EPOCH};

use crate::UnixTime;

/// How a [`Sender`](crate::send::Sender) spaces its attempts at one message.
///
/// Either exponential backoff with *full jitter* (the delay before retry `n` is drawn
/// uniformly from `[0, min(cap, base × factorⁿ⁻¹)]`, as AWS's analysis of backoff recommends:
/// retries of many failed messages spread out instead of arriving together), or an explicit
/// schedule of delays (no jitter). Both stop after [`max_attempts`](Self::max_attempts)
/// attempts, and never *start* an attempt later than [`max_elapsed`](Self::max_elapsed) after
/// the first one.
///
/// A `Retry-After` answer (seconds or an HTTP date) is honoured: the next attempt is never
/// earlier than the hint, which is itself capped ([`with_retry_after_cap`](Self::with_retry_after_cap),
/// one hour by default) so an endpoint cannot park a message for a year.
///
/// ```
/// use std::time::Duration;
/// use hooksign::send::RetryPolicy;
///
/// let policy = RetryPolicy::exponential(Duration::from_secs(1), 2.0, Duration::from_secs(60))
///     .with_max_attempts(5)
///     .with_max_elapsed(Duration::from_secs(120));
/// assert_eq!(policy.bound(1), Duration::from_secs(1));
/// assert_eq!(policy.bound(3), Duration::from_secs(4));
/// assert_eq!(policy.bound(10), Duration::from_secs(60));
/// // Full jitter: the drawn delay lies in [0, bound].
/// assert_eq!(policy.delay(3, 0.5), Duration::from_secs(2));
///
/// let spec = RetryPolicy::standard_webhooks();
/// assert_eq!(spec.max_attempts(), 8);
/// assert_eq!(spec.delay(1, 0.9), Duration::from_secs(5));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    delays: Delays,
    max_attempts: u32,
    max_elapsed: Option<Duration>,
    retry_after_cap: Duration,
}

#[derive(Debug, Clone, PartialEq)]
enum Delays {
    Exponential {
        base: Duration,
        factor: f64,
        cap: Duration,
    },
    Schedule(Vec<Duration>),
}

const MINUTE: Duration = Duration::from_secs(60);
const HOUR: Duration = Duration::from_secs(3600);

impl RetryPolicy {
    /// Exponential backoff with full jitter: the delay before retry `n` (`n` = 1 for the second
    /// attempt) is drawn from `[0, min(cap, base × factorⁿ⁻¹)]`. A `factor` below 1 (or not a
    /// number) is taken as 1. Eight attempts at most, no time limit, until changed.
    pub fn exponential(base: Duration, factor: f64, cap: Duration) -> Self {
        let factor = if factor >= 1.0 { factor } else { 1.0 };
        RetryPolicy {
            delays: Delays::Exponential { base, factor, cap },
            max_attempts: 8,
            max_elapsed: None,
            retry_after_cap: HOUR,
        }
    }

    /// An explicit schedule: `delays[n - 1]` before retry `n`, no jitter. The number of
    /// attempts is one more than the number of delays (raise it with
    /// [`with_max_attempts`](Self::with_max_attempts) to repeat the last delay).
    ///
    /// ```
    /// use std::time::Duration;
    /// let p = hooksign::send::RetryPolicy::schedule([Duration::from_secs(1), Duration::from_secs(10)]);
    /// assert_eq!(p.max_attempts(), 3);
    /// assert_eq!(p.delay(2, 0.0), Duration::from_secs(10));
    /// ```
    pub fn schedule(delays: impl IntoIterator<Item = Duration>) -> Self {
        let delays: Vec<Duration> = delays.into_iter().collect();
        let max_attempts = u32::try_from(delays.len())
            .unwrap_or(u32::MAX - 1)
            .saturating_add(1);
        RetryPolicy {
            delays: Delays::Schedule(delays),
            max_attempts,
            max_elapsed: None,
            retry_after_cap: HOUR,
        }
    }

    /// The example schedule of the Standard Webhooks specification: immediately, then after
    /// 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (8 attempts over about 27.6 hours). The
    /// sender's default.
    ///
    /// ```
    /// let p = hooksign::send::RetryPolicy::standard_webhooks();
    /// let total: u64 = (1..p.max_attempts()).map(|n| p.delay(n, 0.0).as_secs()).sum();
    /// assert_eq!(total, 5 + 300 + 1800 + 7200 + 18_000 + 36_000 + 36_000);
    /// ```
    pub fn standard_webhooks() -> Self {
        RetryPolicy::schedule([
            Duration::from_secs(5),
            5 * MINUTE,
            30 * MINUTE,
            2 * HOUR,
            5 * HOUR,
            10 * HOUR,
            10 * HOUR,
        ])
    }

    /// Like Stripe (which retries "for up to three days with an exponential back off"): full
    /// jitter from 5 minutes, doubling, capped at 12 hours, for at most 3 days and 20 attempts.
    pub fn stripe_like() -> Self {
        RetryPolicy::exponential(5 * MINUTE, 2.0, 12 * HOUR)
            .with_max_attempts(20)
            .with_max_elapsed(72 * HOUR)
    }

    /// Like Slack's Events API: the first attempt, then retries after 1 minute and 5 minutes.
    pub fn slack_like() -> Self {
        RetryPolicy::schedule([MINUTE, 5 * MINUTE])
    }

    /// One attempt, no retry.
    ///
    /// ```
    /// assert_eq!(hooksign::send::RetryPolicy::none().max_attempts(), 1);
    /// ```
    pub fn none() -> Self {
        RetryPolicy::schedule([])
    }

    /// For interactive use (the CLI, a developer watching a test delivery): full jitter from
    /// 250 ms, doubling, capped at 2 s; 4 attempts within 10 s; a `Retry-After` capped at 30 s.
    pub fn fast() -> Self {
        RetryPolicy::exponential(Duration::from_millis(250), 2.0, Duration::from_secs(2))
            .with_max_attempts(4)
            .with_max_elapsed(Duration::from_secs(10))
            .with_retry_after_cap(Duration::from_secs(30))
    }

    /// At most `attempts` attempts in all, the first included (at least 1).
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// No attempt starts later than `elapsed` after the first one started.
    pub fn with_max_elapsed(mut self, elapsed: Duration) -> Self {
        self.max_elapsed = Some(elapsed);
        self
    }

    /// The longest `Retry-After` honoured; a longer hint waits this long.
    pub fn with_retry_after_cap(mut self, cap: Duration) -> Self {
        self.retry_after_cap = cap;
        self
    }

    /// The maximum number of attempts, the first included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The time after the first attempt past which no attempt starts, if limited.
    pub fn max_elapsed(&self) -> Option<Duration> {
        self.max_elapsed
    }

    /// The longest `Retry-After` honoured.
    pub fn retry_after_cap(&self) -> Duration {
        self.retry_after_cap
    }

    /// The largest delay before retry `retry` (1 before the second attempt): for exponential
    /// backoff `min(cap, base × factorʳᵉᵗʳʸ⁻¹)`, for a schedule its entry (the last one
    /// repeated past its end).
    pub fn bound(&self, retry: u32) -> Duration {
        match &self.delays {
            Delays::Exponential { base, factor, cap } => {
                let exponent = i32::try_from(retry.saturating_sub(1)).unwrap_or(i32::MAX);
                let secs = base.as_secs_f64() * factor.powi(exponent);
                if secs.is_finite() && secs < cap.as_secs_f64() {
                    Duration::from_secs_f64(secs)
                } else {
                    *cap
                }
            }
            Delays::Schedule(delays) => {
                let index = usize::try_from(retry.saturating_sub(1)).unwrap_or(usize::MAX);
                delays
                    .get(index)
                    .or(delays.last())
                    .copied()
                    .unwrap_or(Duration::ZERO)
            }
        }
    }

    /// The delay before retry `retry`, given a uniform draw `unit` in `[0, 1)`: `bound × unit`
    /// for exponential backoff (full jitter), the schedule's entry otherwise. `unit` is
    /// clamped into `[0, 1]`.
    pub fn delay(&self, retry: u32, unit: f64) -> Duration {
        let bound = self.bound(retry);
        match self.delays {
            Delays::Exponential { .. } => {
                let unit = if unit.is_nan() {
                    0.0
                } else {
                    unit.clamp(0.0, 1.0)
                };
                bound.mul_f64(unit).min(bound)
            }
            Delays::Schedule(_) => bound,
        }
    }

    /// The decision after a failed attempt that may be retried: `Some(delay)` before the next
    /// attempt, or `None` when the policy is exhausted.
    ///
    /// `attempts` is the number made so far, `elapsed` the time since the first one started,
    /// `retry_after` the endpoint's hint and `unit` a uniform draw in `[0, 1)` for the jitter.
    ///
    /// ```
    /// use std::time::Duration;
    /// use hooksign::send::RetryPolicy;
    /// let p = RetryPolicy::schedule([Duration::from_secs(1); 3]).with_max_elapsed(Duration::from_secs(10));
    /// assert_eq!(p.next_delay(1, Duration::ZERO, None, 0.0), Some(Duration::from_secs(1)));
    /// // Never earlier than the hint.
    /// assert_eq!(p.next_delay(1, Duration::ZERO, Some(Duration::from_secs(4)), 0.0), Some(Duration::from_secs(4)));
    /// // Past the time limit, or out of attempts: stop.
    /// assert_eq!(p.next_delay(1, Duration::from_secs(9500), None, 0.0), None);
    /// assert_eq!(p.next_delay(4, Duration::ZERO, None, 0.0), None);
    /// ```
    pub fn next_delay(
        &self,
        attempts: u32,
        elapsed: Duration,
        retry_after: Option<Duration>,
        unit: f64,
    ) -> Option<Duration> {
        if attempts >= self.max_attempts {
            return None;
        }
        let mut delay = self.delay(attempts, unit);
        if let Some(hint) = retry_after {
            delay = delay.max(hint.min(self.retry_after_cap));
        }
        match self.max_elapsed {
            Some(max) if elapsed.saturating_add(delay) > max => None,
            _ => Some(delay),
        }
    }
}

impl Default for RetryPolicy {
    /// [`RetryPolicy::standard_webhooks`].
    fn default() -> Self {
        RetryPolicy::standard_webhooks()
    }
}

/// Reads a `Retry-After` value: delay-seconds, or an HTTP date (compared with `now`; a date in
/// the past means "now"). Anything else is ignored.
///
/// ```
/// use std::time::Duration;
/// use hooksign::UnixTime;
/// use hooksign::send::parse_retry_after;
///
/// let now = UnixTime::from_secs(1_445_412_480); // Wed, 21 Oct 2015 07:28:00 GMT
/// assert_eq!(parse_retry_after("120", now), Some(Duration::from_secs(120)));
/// assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:30:00 GMT", now), Some(Duration::from_secs(120)));
/// assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now), Some(Duration::ZERO));
/// assert_eq!(parse_retry_after("soon", now), None);
/// assert_eq!(parse_retry_after("-1", now), None);
/// ```
pub fn parse_retry_after(value: &str, now: UnixTime) -> Option<Duration> {
    let value = value.trim();
    if let Some(secs) = crate::time::parse_unix(value) {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    let at_millis = u64::try_from(at.duration_since(UNIX_EPOCH).ok()?.as_millis()).ok()?;
    Some(Duration::from_millis(
        at_millis.saturating_sub(now.as_millis()),
    ))
}

/// Uniform draws in `[0, 1)` for the jitter: SplitMix64 over a counter, seeded from std's
/// randomly keyed hasher. Jitter needs spread, not secrecy.
#[derive(Debug)]
pub(crate) struct Jitter {
    seed: u64,
    counter: AtomicU64,
}

impl Jitter {
    pub(crate) fn new() -> Self {
        Jitter {
            seed: RandomState::new().hash_one(0x6a09_e667_u64),
            counter: AtomicU64::new(0),
        }
    }

    pub(crate) fn unit(&self) -> f64 {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let mut z = self
            .seed
            .wrapping_add(n.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        // The top 53 bits as a fraction: exactly representable, strictly below 1.
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jitter_is_in_range_and_spread() {
        let jitter = Jitter::new();
        let draws: Vec<f64> = (0..1000).map(|_| jitter.unit()).collect();
        assert!(draws.iter().all(|u| (0.0..1.0).contains(u)));
        let low = draws.iter().filter(|&&u| u < 0.5).count();
        assert!((350..650).contains(&low), "{low} of 1000 below 0.5");
    }

    #[test]
    fn presets() {
        assert_eq!(RetryPolicy::slack_like().max_attempts(), 3);
        assert_eq!(RetryPolicy::slack_like().delay(2, 0.3), 5 * MINUTE);
        assert_eq!(RetryPolicy::stripe_like().bound(1), 5 * MINUTE);
        assert_eq!(RetryPolicy::stripe_like().bound(20), 12 * HOUR);
        assert_eq!(RetryPolicy::fast().max_attempts(), 4);
        assert_eq!(RetryPolicy::default(), RetryPolicy::standard_webhooks());
    }

    #[test]
    fn hint_is_capped() {
        let p = RetryPolicy::none()
            .with_max_attempts(3)
            .with_retry_after_cap(Duration::from_secs(30));
        assert_eq!(
            p.next_delay(1, Duration::ZERO, Some(Duration::from_secs(3600)), 0.0),
            Some(Duration::from_secs(30))
        );
    }
}
