//! The queue conformance suite (feature `test-util`): the cases [`MemoryQueue`] and
//! `RedisQueue` pass, to run on a [`Queue`] of your own (a transactional outbox table, say).
//!
//! Each case is an `async fn` taking the queue under test, which must be empty (a fresh
//! queue, or a fresh namespace of a shared backend). Time passes for real: leases are
//! [`LEASE`] long, so the whole suite takes a few seconds. Run the cases in a
//! multi-threaded Tokio runtime (one races 64 tasks), one test each or all in a row with
//! [`run_all`]. A failing case panics with what it expected.
//!
//! ```
//! use hooksign::queue::{conformance, MemoryQueue};
//!
//! # tokio::runtime::Builder::new_multi_thread().enable_all().build()?.block_on(async {
//! conformance::enqueue_is_idempotent(&MemoryQueue::new()).await;
//! conformance::claims_are_exclusive_among_64_workers(&MemoryQueue::new()).await;
//! # });
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a conformance case fails by panicking with what it expected"
)]

use std::collections::HashSet;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

#[cfg(doc)]
use super::MemoryQueue;
use super::{Claimed, Enqueued, JobId, NewJob, Queue, QueueError, Report};

/// The lease every case claims with: short, so that expiry is seen in a fraction of a second,
/// long enough for a backend across a network round trip.
pub const LEASE: Duration = Duration::from_millis(400);

fn job(id: &str) -> NewJob {
    NewJob::new(JobId::new(id), format!("payload of {id}").into_bytes())
}

async fn claim<Q: Queue + ?Sized>(q: &Q) -> Option<Claimed> {
    q.claim(LEASE).await.expect("claim")
}

async fn claim_id<Q: Queue + ?Sized>(q: &Q) -> Claimed {
    claim(q).await.expect("a due job")
}

fn lost(result: Result<impl std::fmt::Debug, QueueError>, what: &str) {
    match result {
        Err(QueueError::LeaseLost { .. }) => {}
        other => panic!("{what}: expected LeaseLost, got {other:?}"),
    }
}

async fn sleep(d: Duration) {
    tokio::time::sleep(d).await;
}

/// Enqueueing an id twice stores it once, while it is queued and after it was acknowledged
/// (within the retention); the payload is kept byte for byte.
pub async fn enqueue_is_idempotent<Q: Queue + ?Sized>(q: &Q) {
    assert_eq!(q.enqueue(job("idem")).await.unwrap(), Enqueued::New);
    assert_eq!(q.enqueue(job("idem")).await.unwrap(), Enqueued::Duplicate);
    let claimed = claim_id(q).await;
    assert_eq!(claimed.job.id().as_str(), "idem");
    assert_eq!(claimed.job.payload(), b"payload of idem");
    assert_eq!(claimed.job.attempt(), 1);
    assert_eq!(
        q.enqueue(job("idem")).await.unwrap(),
        Enqueued::Duplicate,
        "a running job is a duplicate"
    );
    q.ack(claimed.claim).await.unwrap();
    assert_eq!(
        q.enqueue(job("idem")).await.unwrap(),
        Enqueued::Duplicate,
        "an acknowledged job is remembered"
    );
    assert!(claim(q).await.is_none(), "the duplicate was not queued");
    assert_eq!(q.stats().await.unwrap().depth(), 0);
}

/// An empty or over-long id is refused before it reaches the backend.
pub async fn bad_ids_are_refused<Q: Queue + ?Sized>(q: &Q) {
    for id in [String::new(), "x".repeat(JobId::MAX_LEN + 1)] {
        match q.enqueue(NewJob::new(JobId::new(id), vec![])).await {
            Err(QueueError::BadId { .. }) => {}
            other => panic!("expected BadId, got {other:?}"),
        }
    }
}

/// 64 workers claim 256 jobs at once: every job goes to exactly one of them.
pub async fn claims_are_exclusive_among_64_workers<Q: Queue + Clone + 'static>(q: &Q) {
    const JOBS: usize = 256;
    for i in 0..JOBS {
        q.enqueue(job(&format!("race-{i}"))).await.unwrap();
    }
    let start = Arc::new(tokio::sync::Barrier::new(64));
    let mut workers = Vec::new();
    for _ in 0..64 {
        let (q, start) = (q.clone(), start.clone());
        workers.push(tokio::spawn(async move {
            start.wait().await;
            let mut mine = Vec::new();
            while let Some(claimed) = q.claim(Duration::from_secs(30)).await.unwrap() {
                mine.push(claimed.job.id().as_str().to_owned());
                q.ack(claimed.claim).await.unwrap();
            }
            mine
        }));
    }
    let mut seen = HashSet::new();
    let mut total = 0;
    for worker in workers {
        for id in worker.await.unwrap() {
            total += 1;
            assert!(seen.insert(id.clone()), "{id} was claimed twice");
        }
    }
    assert_eq!(total, JOBS, "every job was claimed");
    assert_eq!(q.stats().await.unwrap().depth(), 0);
}

/// A claim neither settled nor renewed expires: the job is claimed again (attempt 2), and
/// the first claim can no longer settle it.
pub async fn an_expired_lease_is_claimed_again<Q: Queue + ?Sized>(q: &Q) {
    q.enqueue(job("crash")).await.unwrap();
    let first = claim_id(q).await;
    assert!(claim(q).await.is_none(), "a live lease is not claimable");
    sleep(LEASE + Duration::from_millis(150)).await;
    let second = claim_id(q).await;
    assert_eq!(second.job.id().as_str(), "crash");
    assert_eq!(second.job.attempt(), 2);
    lost(
        q.ack(first.claim).await,
        "ack after the lease was taken over",
    );
    q.ack(second.claim).await.unwrap();
    assert_eq!(q.stats().await.unwrap().depth(), 0);
}

/// Renewing a live claim keeps the job from being claimed past the first lease's end.
pub async fn renewal_extends_the_lease<Q: Queue + ?Sized>(q: &Q) {
    q.enqueue(job("long")).await.unwrap();
    let claimed = claim_id(q).await;
    sleep(LEASE / 2).await;
    let renewed = q.renew(&claimed.claim, LEASE * 3).await.unwrap();
    assert!(renewed.lease_until() > claimed.claim.lease_until());
    sleep(LEASE).await;
    assert!(
        claim(q).await.is_none(),
        "a renewed lease is still live after the first lease's end"
    );
    q.ack(renewed).await.unwrap();
}

/// A worker whose lease was taken over can neither renew, retry, dead-letter nor ack: the
/// new owner's attempt is untouched and settles normally.
pub async fn a_stale_claim_changes_nothing<Q: Queue + ?Sized>(q: &Q) {
    q.enqueue(job("stale")).await.unwrap();
    let old = claim_id(q).await;
    sleep(LEASE + Duration::from_millis(150)).await;
    let new = claim_id(q).await;
    lost(q.renew(&old.claim, LEASE).await, "renew");
    let later = SystemTime::now() + Duration::from_secs(60);
    lost(
        q.retry_at(old.claim.clone(), later, Report::new("late"))
            .await,
        "retry",
    );
    lost(
        q.dead_letter(old.claim.clone(), Report::new("late")).await,
        "dead letter",
    );
    lost(q.ack(old.claim).await, "ack");
    let stats = q.stats().await.unwrap();
    assert_eq!((stats.in_flight, stats.dead, stats.scheduled), (1, 0, 0));
    q.ack(new.claim).await.unwrap();
    assert_eq!(q.stats().await.unwrap().depth(), 0);
}

/// Retries come back in due-time order, not before their time, with their reports.
pub async fn retries_come_back_in_due_order<Q: Queue + ?Sized>(q: &Q) {
    for id in ["r-a", "r-b", "r-c"] {
        q.enqueue(job(id)).await.unwrap();
    }
    let now = SystemTime::now();
    let delays = [("r-c", 450), ("r-a", 150), ("r-b", 300)];
    let mut claims = Vec::new();
    for _ in 0..3 {
        claims.push(claim_id(q).await);
    }
    for (id, delay) in delays {
        let claimed = claims
            .iter()
            .position(|c| c.job.id().as_str() == id)
            .map(|i| claims.swap_remove(i))
            .expect("each job was claimed");
        let report = Report::new(format!("{id} failed"));
        q.retry_at(claimed.claim, now + Duration::from_millis(delay), report)
            .await
            .unwrap();
    }
    assert!(claim(q).await.is_none(), "nothing is due yet");
    assert_eq!(q.stats().await.unwrap().scheduled, 3);
    sleep(Duration::from_millis(600)).await;
    for id in ["r-a", "r-b", "r-c"] {
        let claimed = claim_id(q).await;
        assert_eq!(claimed.job.id().as_str(), id, "due order");
        assert_eq!(claimed.job.attempt(), 2);
        let report = claimed.job.last_report().expect("the retry's report");
        assert_eq!(report.as_str(), format!("{id} failed"));
        q.ack(claimed.claim).await.unwrap();
    }
}

/// A job enqueued for later is not claimable before its due time.
pub async fn a_delayed_job_waits_for_its_time<Q: Queue + ?Sized>(q: &Q) {
    let due = SystemTime::now() + Duration::from_millis(300);
    q.enqueue(job("later").due_at(due)).await.unwrap();
    assert!(claim(q).await.is_none());
    assert_eq!(q.stats().await.unwrap().scheduled, 1);
    sleep(Duration::from_millis(400)).await;
    let claimed = claim_id(q).await;
    assert!(SystemTime::now() >= due);
    q.ack(claimed.claim).await.unwrap();
}

/// A dead letter keeps its report, leaves the queue, is listed, and replay brings it back due
/// now with its attempts reset.
pub async fn dead_letters_are_kept_and_replayed<Q: Queue + ?Sized>(q: &Q) {
    q.enqueue(job("doomed")).await.unwrap();
    q.enqueue(job("fine")).await.unwrap();
    let doomed = claim_id(q).await;
    assert_eq!(doomed.job.id().as_str(), "doomed");
    q.dead_letter(doomed.claim, Report::new("HTTP 410 Gone"))
        .await
        .unwrap();
    let stats = q.stats().await.unwrap();
    assert_eq!((stats.dead, stats.ready), (1, 1));
    let dead = q.dead(10).await.unwrap();
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0].job.id().as_str(), "doomed");
    assert_eq!(dead[0].job.payload(), b"payload of doomed");
    assert_eq!(
        dead[0].job.last_report().map(Report::as_str),
        Some("HTTP 410 Gone")
    );
    assert_eq!(
        q.enqueue(job("doomed")).await.unwrap(),
        Enqueued::Duplicate,
        "a dead job is a duplicate"
    );
    let fine = claim_id(q).await;
    q.ack(fine.claim).await.unwrap();
    assert!(claim(q).await.is_none(), "a dead letter is not claimable");

    assert_eq!(q.replay(10).await.unwrap(), 1);
    assert_eq!(q.stats().await.unwrap().dead, 0);
    let again = claim_id(q).await;
    assert_eq!(again.job.id().as_str(), "doomed");
    assert_eq!(again.job.attempt(), 1, "replay resets the attempts");
    q.ack(again.claim).await.unwrap();
    assert_eq!(q.replay(10).await.unwrap(), 0);
}

/// Jobs that share an ordering key are claimable one at a time, in enqueue order, a retry
/// holding the lane; other keys and unkeyed jobs are not held up.
pub async fn an_ordering_key_runs_one_at_a_time_in_order<Q: Queue + ?Sized>(q: &Q) {
    for id in ["k-1", "k-2", "k-3"] {
        q.enqueue(job(id).with_ordering_key("customer-7"))
            .await
            .unwrap();
    }
    q.enqueue(job("other").with_ordering_key("customer-8"))
        .await
        .unwrap();
    let first = claim_id(q).await;
    assert_eq!(first.job.id().as_str(), "k-1");
    assert_eq!(first.job.ordering_key(), Some("customer-7"));
    let other = claim_id(q).await;
    assert_eq!(
        other.job.id().as_str(),
        "other",
        "another key is not held up"
    );
    assert!(claim(q).await.is_none(), "k-2 waits for k-1");
    assert_eq!(q.stats().await.unwrap().scheduled, 2);

    // k-1 fails: its retry holds the lane until it succeeds.
    let soon = SystemTime::now() + Duration::from_millis(200);
    q.retry_at(first.claim, soon, Report::new("503"))
        .await
        .unwrap();
    assert!(claim(q).await.is_none(), "the lane waits for k-1's retry");
    sleep(Duration::from_millis(300)).await;
    let retried = claim_id(q).await;
    assert_eq!(retried.job.id().as_str(), "k-1");
    q.ack(retried.claim).await.unwrap();

    let second = claim_id(q).await;
    assert_eq!(second.job.id().as_str(), "k-2");
    // A dead letter leaves the lane too.
    q.dead_letter(second.claim, Report::new("gone"))
        .await
        .unwrap();
    let third = claim_id(q).await;
    assert_eq!(third.job.id().as_str(), "k-3");
    q.ack(third.claim).await.unwrap();
    q.ack(other.claim).await.unwrap();
    assert!(claim(q).await.is_none());
}

/// The counts follow each state, and the oldest unfinished job's age is reported.
pub async fn stats_follow_every_state<Q: Queue + ?Sized>(q: &Q) {
    let empty = q.stats().await.unwrap();
    assert_eq!(empty.depth() + empty.dead, 0);
    assert_eq!(empty.oldest_age, None);
    q.enqueue(job("s-1")).await.unwrap();
    q.enqueue(job("s-2")).await.unwrap();
    q.enqueue(job("s-3").due_at(SystemTime::now() + Duration::from_secs(60)))
        .await
        .unwrap();
    sleep(Duration::from_millis(50)).await;
    let claimed = claim_id(q).await;
    let stats = q.stats().await.unwrap();
    assert_eq!(
        (stats.ready, stats.scheduled, stats.in_flight, stats.dead),
        (1, 1, 1, 0)
    );
    let age = stats.oldest_age.expect("unfinished jobs have an age");
    assert!(age >= Duration::from_millis(40), "{age:?}");
    q.dead_letter(claimed.claim, Report::new("x"))
        .await
        .unwrap();
    let stats = q.stats().await.unwrap();
    assert_eq!(
        (stats.ready, stats.scheduled, stats.in_flight, stats.dead),
        (1, 1, 0, 1)
    );
}

/// Runs every case, each on a fresh queue from `make`.
///
/// ```
/// # tokio::runtime::Builder::new_multi_thread().enable_all().build()?.block_on(async {
/// hooksign::queue::conformance::run_all(|| async { hooksign::queue::MemoryQueue::new() }).await;
/// # });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub async fn run_all<Q, F, Fut>(mut make: F)
where
    Q: Queue + Clone + 'static,
    F: FnMut() -> Fut,
    Fut: Future<Output = Q>,
{
    enqueue_is_idempotent(&make().await).await;
    bad_ids_are_refused(&make().await).await;
    claims_are_exclusive_among_64_workers(&make().await).await;
    an_expired_lease_is_claimed_again(&make().await).await;
    renewal_extends_the_lease(&make().await).await;
    a_stale_claim_changes_nothing(&make().await).await;
    retries_come_back_in_due_order(&make().await).await;
    a_delayed_job_waits_for_its_time(&make().await).await;
    dead_letters_are_kept_and_replayed(&make().await).await;
    an_ordering_key_runs_one_at_a_time_in_order(&make().await).await;
    stats_follow_every_state(&make().await).await;
}
