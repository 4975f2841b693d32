//! `hooksign serve`'s counters, and their Prometheus text form (`GET /metrics`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use hooksign::queue::Stats;

/// Upper bounds of the forward-latency histogram, in seconds.
const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

/// Everything `serve` counts since it started.
#[derive(Debug, Default)]
pub struct Metrics {
    pub received: AtomicU64,
    pub accepted: AtomicU64,
    pub duplicates: AtomicU64,
    pub filtered: AtomicU64,
    pub handshakes: AtomicU64,
    pub delivered: AtomicU64,
    pub retried: AtomicU64,
    pub dead: AtomicU64,
    rejected: Mutex<BTreeMap<&'static str, u64>>,
    latency_buckets: [AtomicU64; BUCKETS.len()],
    latency_count: AtomicU64,
    latency_micros: AtomicU64,
}

impl Metrics {
    /// Counts one.
    pub fn add(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a rejection by its reason (the error's stable code).
    pub fn rejected(&self, reason: &'static str) {
        let mut map = self
            .rejected
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *map.entry(reason).or_default() += 1;
    }

    /// Records one forward attempt's latency.
    pub fn forward_latency(&self, latency: Duration) {
        let secs = latency.as_secs_f64();
        for (bucket, bound) in self.latency_buckets.iter().zip(BUCKETS) {
            if secs <= bound {
                bucket.fetch_add(1, Ordering::Relaxed);
            }
        }
        self.latency_count.fetch_add(1, Ordering::Relaxed);
        let micros = u64::try_from(latency.as_micros()).unwrap_or(u64::MAX);
        self.latency_micros.fetch_add(micros, Ordering::Relaxed);
    }

    /// The rejections by reason.
    pub fn rejections(&self) -> BTreeMap<&'static str, u64> {
        self.rejected
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// The Prometheus text exposition, with the queue's gauges.
    pub fn prometheus(&self, queue: Option<&Stats>) -> String {
        let get = |c: &AtomicU64| c.load(Ordering::Relaxed);
        let mut out = String::new();
        let mut counter = |name: &str, help: &str, value: u64| {
            let _ = writeln!(
                out,
                "# HELP hooksign_{name} {help}\n# TYPE hooksign_{name} counter"
            );
            let _ = writeln!(out, "hooksign_{name} {value}");
        };
        counter(
            "received_total",
            "Requests received on routes.",
            get(&self.received),
        );
        counter(
            "accepted_total",
            "Verified deliveries queued.",
            get(&self.accepted),
        );
        counter(
            "duplicates_total",
            "Verified deliveries already queued or forwarded (provider retries).",
            get(&self.duplicates),
        );
        counter(
            "filtered_total",
            "Verified deliveries of event types not forwarded.",
            get(&self.filtered),
        );
        counter(
            "handshakes_total",
            "Provider handshakes answered.",
            get(&self.handshakes),
        );
        counter(
            "delivered_total",
            "Events delivered to the application.",
            get(&self.delivered),
        );
        counter(
            "retried_total",
            "Forward attempts that failed and were rescheduled.",
            get(&self.retried),
        );
        counter(
            "dead_total",
            "Events dead-lettered after the last attempt.",
            get(&self.dead),
        );
        let _ = writeln!(
            out,
            "# HELP hooksign_rejected_total Requests rejected, by reason.\n# TYPE hooksign_rejected_total counter"
        );
        for (reason, n) in self.rejections() {
            let _ = writeln!(out, "hooksign_rejected_total{{reason=\"{reason}\"}} {n}");
        }
        if let Some(stats) = queue {
            let mut gauge = |name: &str, help: &str, value: u64| {
                let _ = writeln!(
                    out,
                    "# HELP hooksign_{name} {help}\n# TYPE hooksign_{name} gauge"
                );
                let _ = writeln!(out, "hooksign_{name} {value}");
            };
            gauge(
                "queued",
                "Events waiting to be forwarded (ready and scheduled).",
                stats.ready + stats.scheduled,
            );
            gauge("in_flight", "Events being forwarded.", stats.in_flight);
            gauge("dead", "Events in the dead letters.", stats.dead);
        }
        let _ = writeln!(
            out,
            "# HELP hooksign_forward_latency_seconds Forward attempt latency.\n# TYPE hooksign_forward_latency_seconds histogram"
        );
        for (bucket, bound) in self.latency_buckets.iter().zip(BUCKETS) {
            let _ = writeln!(
                out,
                "hooksign_forward_latency_seconds_bucket{{le=\"{bound}\"}} {}",
                get(bucket)
            );
        }
        let count = get(&self.latency_count);
        let _ = writeln!(
            out,
            "hooksign_forward_latency_seconds_bucket{{le=\"+Inf\"}} {count}"
        );
        let sum = get(&self.latency_micros) as f64 / 1e6;
        let _ = writeln!(out, "hooksign_forward_latency_seconds_sum {sum}");
        let _ = writeln!(out, "hooksign_forward_latency_seconds_count {count}");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exposition_counts_what_happened() {
        let m = Metrics::default();
        Metrics::add(&m.received);
        m.rejected("signature_mismatch");
        m.rejected("signature_mismatch");
        m.forward_latency(Duration::from_millis(20));
        let text = m.prometheus(Some(&Stats::default()));
        assert!(text.contains("hooksign_received_total 1\n"), "{text}");
        assert!(text.contains("hooksign_rejected_total{reason=\"signature_mismatch\"} 2\n"));
        assert!(text.contains("hooksign_forward_latency_seconds_bucket{le=\"0.025\"} 1\n"));
        assert!(text.contains("hooksign_forward_latency_seconds_bucket{le=\"0.01\"} 0\n"));
        assert!(text.contains("hooksign_in_flight 0\n"));
    }
}
