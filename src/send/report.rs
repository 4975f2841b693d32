//! What happened: a record of every attempt, the final outcome, and a sender's lifetime stats.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// How a delivery ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Outcome {
    /// The endpoint answered 2xx.
    Delivered,
    /// Every attempt the retry policy allowed failed in a way worth retrying (5xx, 429,
    /// timeouts, connection errors, …).
    Failed,
    /// The endpoint answered in a way a retry would not change: a 4xx other than 408, 409
    /// with `Retry-After`, 425 and 429, or a redirect (never followed).
    NotRetryable,
    /// The endpoint answered `410 Gone`: it asks not to be sent to again. The Standard
    /// Webhooks specification says to disable such an endpoint.
    Gone,
    /// The target's address is refused by the [`AddressPolicy`](crate::send::AddressPolicy).
    Refused,
    /// The message could not be sent at all: an invalid URL or header, a body over the limit,
    /// or the provider could not sign it.
    Invalid,
}

impl Outcome {
    /// The snake_case name used in reports (`"delivered"`, `"not_retryable"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Delivered => "delivered",
            Outcome::Failed => "failed",
            Outcome::NotRetryable => "not_retryable",
            Outcome::Gone => "gone",
            Outcome::Refused => "refused",
            Outcome::Invalid => "invalid",
        }
    }
}

/// Why an attempt got no HTTP answer (or one that does not count as an answer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FailureKind {
    /// The connection could not be made (refused, reset, unreachable, name not resolved).
    Connect,
    /// The connection or the whole attempt took longer than its timeout.
    Timeout,
    /// The connection broke while the request was sent or the answer read.
    Transport,
    /// The answer was a redirect, which is not followed.
    Redirect,
    /// The target's address is refused by the policy.
    Refused,
}

/// One attempt at a delivery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Attempt {
    /// 1 for the first attempt.
    pub number: u32,
    /// When it started, in milliseconds since the Unix epoch (the sender's clock).
    pub started_at_ms: u64,
    /// The timestamp it was signed with, in seconds since the Unix epoch (for schemes that
    /// sign none, such as GitHub's, the attempt's clock).
    pub signed_at: u64,
    /// From the start of the request to the end of the answer read (or the failure).
    pub latency_ms: f64,
    /// The HTTP status, if an answer came.
    pub status: Option<u16>,
    /// What went wrong without (or besides) a status.
    pub error: Option<FailureKind>,
    /// A description of the error (never a secret).
    pub message: Option<String>,
    /// The endpoint's `Retry-After`, read as a delay.
    pub retry_after_ms: Option<u64>,
    /// The start of the answer's body, at most the sender's capture limit, as lossy UTF-8.
    pub excerpt: Option<String>,
    /// Whether the body was longer than the excerpt (or did not end in time).
    pub truncated: bool,
    /// The delay before the next attempt, if there is one.
    pub retry_in_ms: Option<u64>,
}

impl Attempt {
    /// The latency as a duration.
    pub fn latency(&self) -> Duration {
        Duration::from_secs_f64(self.latency_ms.max(0.0) / 1000.0)
    }
}

/// The record of one delivery: the message, the target, the outcome and every attempt.
///
/// It serialises to the report `hooksign send --json` prints:
/// `{"delivered", "id", "url", "outcome", "attempts": [{"status", "error", "latency_ms", "retry_in_ms", …}], …}`.
/// The URL is given without its user name and password; nothing in a report is a secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Report {
    /// Whether the endpoint accepted the message (`outcome == Delivered`).
    pub delivered: bool,
    /// The message id, the same on every attempt.
    pub id: String,
    /// The target, without credentials.
    pub url: String,
    /// How the delivery ended.
    pub outcome: Outcome,
    /// Why it did not succeed, in a sentence (the last attempt's error, the refusal, …).
    pub error: Option<String>,
    /// Every attempt, in order (none when the message was refused or invalid up front).
    pub attempts: Vec<Attempt>,
}

impl Report {
    pub(crate) fn new(id: &str, url: String) -> Self {
        Report {
            delivered: false,
            id: id.to_owned(),
            url,
            outcome: Outcome::Failed,
            error: None,
            attempts: Vec::new(),
        }
    }

    /// A final report for a message that could not be attempted (an unreadable job).
    #[cfg(feature = "queue")]
    pub(crate) fn unattempted(id: &str, error: String) -> Self {
        Report::new(id, String::new()).finish(Outcome::Invalid, Some(error))
    }

    pub(crate) fn finish(mut self, outcome: Outcome, error: Option<String>) -> Self {
        self.delivered = outcome == Outcome::Delivered;
        self.outcome = outcome;
        self.error = error;
        self
    }

    /// The last attempt's status, if it got one.
    pub fn status(&self) -> Option<u16> {
        self.attempts.last().and_then(|a| a.status)
    }
}

/// A sender's counts over its lifetime.
///
/// Latency percentiles are those of single attempts, from a log-scale histogram (about 3 %
/// resolution), so a sender's memory does not grow with its traffic.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Stats {
    /// Messages delivered.
    pub delivered: u64,
    /// Messages not delivered, whatever the outcome.
    pub failed: u64,
    /// Attempts after a message's first.
    pub retried: u64,
    /// Attempts in all.
    pub attempts: u64,
    /// Median attempt latency.
    pub latency_p50: Option<Duration>,
    /// 95th percentile attempt latency.
    pub latency_p95: Option<Duration>,
    /// 99th percentile attempt latency.
    pub latency_p99: Option<Duration>,
}

impl Stats {
    /// Delivered among finished messages, from 0 to 1 (`None` before any finished).
    pub fn success_rate(&self) -> Option<f64> {
        let finished = self.delivered + self.failed;
        (finished > 0).then(|| self.delivered as f64 / finished as f64)
    }
}

/// Buckets per doubling of the latency: 2^(1/24) ≈ 2.9 % apart.
const PER_OCTAVE: f64 = 24.0;
/// From 1 µs to 2^40 µs (about 12 days).
const BUCKETS: usize = 40 * 24 + 1;

#[derive(Debug)]
pub(crate) struct Counters {
    delivered: AtomicU64,
    failed: AtomicU64,
    retried: AtomicU64,
    attempts: AtomicU64,
    latency: Vec<AtomicU64>,
}

impl Counters {
    pub(crate) fn new() -> Self {
        Counters {
            delivered: AtomicU64::new(0),
            failed: AtomicU64::new(0),
            retried: AtomicU64::new(0),
            attempts: AtomicU64::new(0),
            latency: (0..BUCKETS).map(|_| AtomicU64::new(0)).collect(),
        }
    }

    pub(crate) fn attempt(&self, number: u32, latency: Duration) {
        self.attempts.fetch_add(1, Ordering::Relaxed);
        if number > 1 {
            self.retried.fetch_add(1, Ordering::Relaxed);
        }
        let micros = latency.as_secs_f64() * 1e6;
        let index = if micros <= 1.0 {
            0
        } else {
            ((micros.log2() * PER_OCTAVE).ceil() as usize).min(BUCKETS - 1)
        };
        self.latency[index].fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn outcome(&self, delivered: bool) {
        let counter = if delivered {
            &self.delivered
        } else {
            &self.failed
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn snapshot(&self) -> Stats {
        let counts: Vec<u64> = self
            .latency
            .iter()
            .map(|c| c.load(Ordering::Relaxed))
            .collect();
        let total: u64 = counts.iter().sum();
        let percentile = |p: f64| -> Option<Duration> {
            if total == 0 {
                return None;
            }
            let rank = ((p * total as f64).ceil() as u64).clamp(1, total);
            let mut seen = 0;
            for (index, &count) in counts.iter().enumerate() {
                seen += count;
                if seen >= rank {
                    // The bucket's upper edge.
                    let micros = (index as f64 / PER_OCTAVE).exp2();
                    return Some(Duration::from_secs_f64(micros / 1e6));
                }
            }
            None
        };
        Stats {
            delivered: self.delivered.load(Ordering::Relaxed),
            failed: self.failed.load(Ordering::Relaxed),
            retried: self.retried.load(Ordering::Relaxed),
            attempts: self.attempts.load(Ordering::Relaxed),
            latency_p50: percentile(0.50),
            latency_p95: percentile(0.95),
            latency_p99: percentile(0.99),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_within_resolution() {
        let c = Counters::new();
        for ms in 1..=100u64 {
            c.attempt(1, Duration::from_millis(ms));
        }
        let s = c.snapshot();
        let near = |d: Option<Duration>, ms: f64| {
            let got = d.unwrap().as_secs_f64() * 1000.0;
            assert!(got >= ms && got <= ms * 1.03, "{got} vs {ms}");
        };
        near(s.latency_p50, 50.0);
        near(s.latency_p95, 95.0);
        near(s.latency_p99, 99.0);
        assert_eq!(s.attempts, 100);
        assert_eq!(s.success_rate(), None);
        c.outcome(true);
        c.outcome(false);
        assert_eq!(c.snapshot().success_rate(), Some(0.5));
    }
}
