//! The queue contract: enqueue, claim, then ack, retry or dead-letter.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::error::QueueError;
use super::job::{Claim, Claimed, DeadJob, Enqueued, NewJob, Report, Stats};

/// A durable queue of webhook jobs: what [`MemoryQueue`](super::MemoryQueue) and
/// `RedisQueue` implement, and one conformance suite checks.
///
/// ```
/// # tokio::runtime::Runtime::new()?.block_on(async {
/// use std::time::{Duration, SystemTime};
/// use hooksign::queue::{JobId, MemoryQueue, NewJob, Queue, Report};
///
/// let queue = MemoryQueue::new();
/// queue.enqueue(NewJob::new(JobId::new("msg_1"), b"{}".to_vec())).await?;
///
/// let first = queue.claim(Duration::from_secs(30)).await?.expect("due now");
/// // The attempt failed: try again in a second, keeping what happened.
/// let later = SystemTime::now() + Duration::from_secs(1);
/// queue.retry_at(first.claim, later, Report::new("HTTP 503")).await?;
/// assert!(queue.claim(Duration::from_secs(30)).await?.is_none(), "not due yet");
/// # Ok::<(), hooksign::queue::QueueError>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Implementing a queue
///
/// The trait is open (a transactional outbox table in your SQL database can implement it).
/// Callers rely on these guarantees, which the conformance suite checks (feature
/// `test-util`):
///
/// 1. **Durable, idempotent enqueue.** When `enqueue` returns, the job survives what the
///    backend survives. A second enqueue of the same id while the job is queued, running or
///    dead, or within the retention after it was acknowledged, changes nothing and answers
///    [`Enqueued::Duplicate`].
/// 2. **One claim at a time.** Of any number of concurrent `claim` calls, each due job goes
///    to exactly one, with a fresh unpredictable token; jobs are claimed in due order.
/// 3. **Leases expire.** A claim neither settled nor renewed before its lease ends makes the
///    job claimable again (its attempt count goes on); a crashed worker loses nothing.
/// 4. **Only the holder settles.** `renew`, `ack`, `retry_at` and `dead_letter` compare the
///    claim's token with the job's current one in the same atomic step as the change, and
///    refuse with [`QueueError::LeaseLost`] (changing nothing) when it differs, so a worker
///    whose lease expired never settles or reschedules the new owner's attempt.
/// 5. **Each change is one step.** No crash between two commands can lose or duplicate a job.
/// 6. **Ordering keys.** Jobs sharing an ordering key are claimable one at a time, in
///    enqueue order.
pub trait Queue: Send + Sync {
    /// Stores `job`, due at its due time (now by default).
    fn enqueue(&self, job: NewJob) -> impl Future<Output = Result<Enqueued, QueueError>> + Send;

    /// Claims the job that has been due longest, leased for `lease`; `None` when nothing is
    /// due. Jobs whose lease expired are due again.
    fn claim(
        &self,
        lease: Duration,
    ) -> impl Future<Output = Result<Option<Claimed>, QueueError>> + Send;

    /// Extends a live claim's lease to `lease` from now, for a job that runs long.
    fn renew(
        &self,
        claim: &Claim,
        lease: Duration,
    ) -> impl Future<Output = Result<Claim, QueueError>> + Send;

    /// The job is done: removes it (its id is remembered for the retention).
    fn ack(&self, claim: Claim) -> impl Future<Output = Result<(), QueueError>> + Send;

    /// The attempt failed: the job is due again at `at`, with `report` kept for the next
    /// attempt to read.
    fn retry_at(
        &self,
        claim: Claim,
        at: SystemTime,
        report: Report,
    ) -> impl Future<Output = Result<(), QueueError>> + Send;

    /// The job failed for good: moves it to the dead letters with `report`.
    fn dead_letter(
        &self,
        claim: Claim,
        report: Report,
    ) -> impl Future<Output = Result<(), QueueError>> + Send;

    /// The dead letters, oldest first, at most `limit`.
    fn dead(&self, limit: usize) -> impl Future<Output = Result<Vec<DeadJob>, QueueError>> + Send;

    /// Moves up to `limit` dead letters (oldest first) back into the queue, due now, with
    /// their attempt count reset; returns how many moved.
    fn replay(&self, limit: usize) -> impl Future<Output = Result<usize, QueueError>> + Send;

    /// The counts.
    fn stats(&self) -> impl Future<Output = Result<Stats, QueueError>> + Send;
}

macro_rules! forward_queue {
    ($($wrapper:ty),*) => {$(
        impl<Q: Queue + ?Sized> Queue for $wrapper {
            fn enqueue(&self, job: NewJob) -> impl Future<Output = Result<Enqueued, QueueError>> + Send {
                (**self).enqueue(job)
            }
            fn claim(&self, lease: Duration) -> impl Future<Output = Result<Option<Claimed>, QueueError>> + Send {
                (**self).claim(lease)
            }
            fn renew(&self, claim: &Claim, lease: Duration) -> impl Future<Output = Result<Claim, QueueError>> + Send {
                (**self).renew(claim, lease)
            }
            fn ack(&self, claim: Claim) -> impl Future<Output = Result<(), QueueError>> + Send {
                (**self).ack(claim)
            }
            fn retry_at(&self, claim: Claim, at: SystemTime, report: Report) -> impl Future<Output = Result<(), QueueError>> + Send {
                (**self).retry_at(claim, at, report)
            }
            fn dead_letter(&self, claim: Claim, report: Report) -> impl Future<Output = Result<(), QueueError>> + Send {
                (**self).dead_letter(claim, report)
            }
            fn dead(&self, limit: usize) -> impl Future<Output = Result<Vec<DeadJob>, QueueError>> + Send {
                (**self).dead(limit)
            }
            fn replay(&self, limit: usize) -> impl Future<Output = Result<usize, QueueError>> + Send {
                (**self).replay(limit)
            }
            fn stats(&self) -> impl Future<Output = Result<Stats, QueueError>> + Send {
                (**self).stats()
            }
        }
    )*};
}

forward_queue!(&Q, Arc<Q>);
