//! Properties of the retry policy: every delay lies within the full-jitter bound for its
//! attempt and under the cap; attempts never exceed the maximum; no attempt starts past the
//! maximum total time; `Retry-After` is never undercut (up to its cap).
#![cfg(feature = "send")]
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed assertion"
)]

use std::time::Duration;

use hooksign::send::RetryPolicy;
use proptest::prelude::*;

fn policy() -> impl Strategy<Value = RetryPolicy> {
    (
        1u64..5_000,
        1.0f64..4.0,
        1u64..600_000,
        1u32..30,
        proptest::option::of(1u64..3_600_000),
    )
        .prop_map(|(base, factor, cap, attempts, elapsed)| {
            let p = RetryPolicy::exponential(
                Duration::from_millis(base),
                factor,
                Duration::from_millis(cap),
            )
            .with_max_attempts(attempts);
            match elapsed {
                Some(ms) => p.with_max_elapsed(Duration::from_millis(ms)),
                None => p,
            }
        })
}

proptest! {
    #[test]
    fn delays_lie_within_the_full_jitter_bound(
        base in 1u64..10_000,
        factor in 1.0f64..5.0,
        cap in 1u64..10_000_000,
        retry in 1u32..200,
        unit in 0.0f64..1.0,
    ) {
        let p = RetryPolicy::exponential(Duration::from_millis(base), factor, Duration::from_millis(cap));
        let bound = p.bound(retry);
        let exact = (base as f64) * factor.powi(retry as i32 - 1);
        let expected = if exact < cap as f64 { exact } else { cap as f64 };
        prop_assert!((bound.as_secs_f64() * 1000.0 - expected).abs() <= expected * 1e-9 + 1e-6);
        prop_assert!(bound <= Duration::from_millis(cap));
        let delay = p.delay(retry, unit);
        prop_assert!(delay <= bound);
        prop_assert!(delay <= Duration::from_millis(cap));
    }

    /// Runs the policy as the sender does: attempts of random length, random hints, random
    /// draws, until it stops.
    #[test]
    fn a_whole_schedule_stays_within_attempts_and_time(
        p in policy(),
        durations in proptest::collection::vec(0u64..120_000, 30),
        hints in proptest::collection::vec(proptest::option::of(0u64..7_200_000), 30),
        units in proptest::collection::vec(0.0f64..1.0, 30),
    ) {
        let mut attempts = 1u32;
        let mut started = Duration::ZERO; // start of the latest attempt, since the first
        loop {
            let i = (attempts - 1) as usize;
            let elapsed = started + Duration::from_millis(durations[i]);
            let hint = hints[i].map(Duration::from_millis);
            match p.next_delay(attempts, elapsed, hint, units[i]) {
                Some(delay) => {
                    let jittered = p.delay(attempts, units[i]);
                    prop_assert!(jittered <= p.bound(attempts));
                    if let Some(hint) = hint {
                        prop_assert!(delay >= hint.min(p.retry_after_cap()));
                        prop_assert!(delay <= jittered.max(p.retry_after_cap()));
                    } else {
                        prop_assert_eq!(delay, jittered);
                    }
                    started = elapsed + delay;
                    attempts += 1;
                    if let Some(max) = p.max_elapsed() {
                        prop_assert!(started <= max, "attempt {} starts at {:?} > {:?}", attempts, started, max);
                    }
                }
                None => break,
            }
            prop_assert!(attempts <= p.max_attempts());
        }
        prop_assert!(attempts <= p.max_attempts());
    }

    #[test]
    fn schedules_are_exact_and_never_exceed_their_attempts(
        delays in proptest::collection::vec(0u64..100_000, 0..10),
        unit in 0.0f64..1.0,
    ) {
        let schedule: Vec<Duration> = delays.iter().map(|&ms| Duration::from_millis(ms)).collect();
        let p = RetryPolicy::schedule(schedule.clone());
        prop_assert_eq!(p.max_attempts() as usize, delays.len() + 1);
        let mut attempts = 1;
        while let Some(delay) = p.next_delay(attempts, Duration::ZERO, None, unit) {
            prop_assert_eq!(delay, schedule[attempts as usize - 1]);
            attempts += 1;
        }
        prop_assert_eq!(attempts as usize, delays.len() + 1);
    }
}
