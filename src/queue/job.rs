//! What a queue holds: jobs, their ids, the claim a worker holds on one, and the report of an
//! attempt.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::idempotency::LeaseToken;

/// The stable id of a job: enqueueing the same id twice stores it once.
///
/// Outbox jobs take the message id and endpoint; inbox jobs the delivery's idempotency key,
/// so a provider's retry of an accepted event is never queued twice.
///
/// ```
/// let id = hooksign::queue::JobId::new("stripe:evt_1");
/// assert_eq!(id.as_str(), "stripe:evt_1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JobId(String);

impl JobId {
    /// The longest id accepted, in bytes: ids are keys in the backend, and an unbounded one
    /// from a request would be a way to fill it.
    pub const MAX_LEN: usize = 512;

    /// An id from its text.
    pub fn new(id: impl Into<String>) -> Self {
        JobId(id.into())
    }

    /// The id's text.
    ///
    /// ```
    /// assert_eq!(hooksign::queue::JobId::new("a").as_str(), "a");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for JobId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A job to enqueue: its id, its payload and when it is first due.
///
/// ```
/// use hooksign::queue::{JobId, NewJob};
/// let job = NewJob::new(JobId::new("msg_1"), b"{}".to_vec()).with_ordering_key("customer-42");
/// assert_eq!(job.ordering_key(), Some("customer-42"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewJob {
    pub(crate) id: JobId,
    pub(crate) payload: Vec<u8>,
    pub(crate) due: Option<SystemTime>,
    pub(crate) ordering_key: Option<String>,
}

impl NewJob {
    /// A job due now.
    pub fn new(id: JobId, payload: impl Into<Vec<u8>>) -> Self {
        NewJob {
            id,
            payload: payload.into(),
            due: None,
            ordering_key: None,
        }
    }

    /// Makes the job due at `at` instead of now.
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use hooksign::queue::{JobId, NewJob};
    /// let later = NewJob::new(JobId::new("m"), vec![]).due_at(SystemTime::now() + Duration::from_secs(60));
    /// # let _ = later;
    /// ```
    pub fn due_at(mut self, at: SystemTime) -> Self {
        self.due = Some(at);
        self
    }

    /// Jobs that share an ordering key are claimed one at a time, in enqueue order: the next
    /// becomes due only once the one before is acknowledged or dead-lettered.
    pub fn with_ordering_key(mut self, key: impl Into<String>) -> Self {
        self.ordering_key = Some(key.into());
        self
    }

    /// The id.
    pub fn id(&self) -> &JobId {
        &self.id
    }

    /// The ordering key, if any.
    pub fn ordering_key(&self) -> Option<&str> {
        self.ordering_key.as_deref()
    }
}

/// What [`Queue::enqueue`](super::Queue::enqueue) did.
///
/// ```
/// assert!(hooksign::queue::Enqueued::New.is_new());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enqueued {
    /// The job is stored and will be claimed.
    New,
    /// A job with this id is already queued, running, dead or was completed within the
    /// retention period: nothing was changed.
    Duplicate,
}

impl Enqueued {
    /// Whether this is [`Enqueued::New`].
    pub fn is_new(self) -> bool {
        self == Enqueued::New
    }
}

/// A job as a worker sees it when it claims it.
///
/// ```
/// # tokio::runtime::Runtime::new()?.block_on(async {
/// use std::time::Duration;
/// use hooksign::queue::{JobId, MemoryQueue, NewJob, Queue};
/// let queue = MemoryQueue::new();
/// queue.enqueue(NewJob::new(JobId::new("j"), b"payload".to_vec())).await?;
/// let claimed = queue.claim(Duration::from_secs(30)).await?.expect("a due job");
/// assert_eq!(claimed.job.payload(), b"payload");
/// assert_eq!(claimed.job.attempt(), 1);
/// queue.ack(claimed.claim).await?;
/// # Ok::<(), hooksign::queue::QueueError>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub(crate) id: JobId,
    pub(crate) payload: Vec<u8>,
    pub(crate) attempt: u32,
    pub(crate) enqueued_at: SystemTime,
    pub(crate) ordering_key: Option<String>,
    pub(crate) last_report: Option<Report>,
}

impl Job {
    /// The id.
    pub fn id(&self) -> &JobId {
        &self.id
    }

    /// The payload, as enqueued.
    pub fn payload(&self) -> &[u8] {
        &self.payload
    }

    /// Which attempt this claim is: 1 for the first, counting claims whose lease expired.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// When it was enqueued.
    pub fn enqueued_at(&self) -> SystemTime {
        self.enqueued_at
    }

    /// Its ordering key, if any.
    pub fn ordering_key(&self) -> Option<&str> {
        self.ordering_key.as_deref()
    }

    /// The report of the previous attempt, if it failed and was rescheduled or dead-lettered.
    pub fn last_report(&self) -> Option<&Report> {
        self.last_report.as_ref()
    }
}

/// The right to finish one claimed job, until its lease expires.
///
/// [`ack`](super::Queue::ack), [`retry_at`](super::Queue::retry_at) and
/// [`dead_letter`](super::Queue::dead_letter) take it by value, so a claim settles its job at
/// most once; once the lease has expired and another worker claimed the job, the old claim is
/// refused ([`QueueError::LeaseLost`](super::QueueError::LeaseLost)).
#[must_use = "a claimed job must be acknowledged, retried or dead-lettered, or it is claimed again when its lease expires"]
#[derive(Clone, PartialEq, Eq)]
pub struct Claim {
    pub(crate) id: JobId,
    pub(crate) token: LeaseToken,
    pub(crate) lease_until: SystemTime,
}

impl Claim {
    /// A claim on job `id`, recognised by `token`, leased until `lease_until`: what a
    /// [`Queue`](super::Queue) of your own hands out.
    ///
    /// ```
    /// use std::time::SystemTime;
    /// use hooksign::idempotency::LeaseToken;
    /// use hooksign::queue::{Claim, JobId};
    /// let claim = Claim::new(JobId::new("j"), LeaseToken::new(7), SystemTime::now());
    /// assert_eq!(claim.token().value(), 7);
    /// ```
    pub fn new(id: JobId, token: LeaseToken, lease_until: SystemTime) -> Self {
        Claim {
            id,
            token,
            lease_until,
        }
    }

    /// The job it is for.
    pub fn id(&self) -> &JobId {
        &self.id
    }

    /// Its token: what the backend compares before any change.
    pub fn token(&self) -> LeaseToken {
        self.token
    }

    /// When the lease expires (the backend's clock decides; this is its answer at claim or
    /// renewal time).
    pub fn lease_until(&self) -> SystemTime {
        self.lease_until
    }
}

impl fmt::Debug for Claim {
    // The token is the only proof of ownership: it stays out of logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Claim")
            .field("id", &self.id)
            .field("lease_until", &self.lease_until)
            .finish_non_exhaustive()
    }
}

/// A job and the claim on it, as [`Queue::claim`](super::Queue::claim) returns them.
#[derive(Debug)]
pub struct Claimed {
    /// The job.
    pub job: Job,
    /// The claim: give it back to settle the job.
    pub claim: Claim,
}

/// What happened on an attempt, kept with the job when it is rescheduled or dead-lettered
/// (a sender's attempt report, a handler's error), as text.
///
/// ```
/// let report = hooksign::queue::Report::new("HTTP 500 from https://app.example/events");
/// assert!(report.as_str().contains("500"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report(String);

impl Report {
    /// The longest report kept, in bytes; longer ones are cut at a character boundary.
    pub const MAX_LEN: usize = 8 * 1024;

    /// A report from its text (cut to [`Report::MAX_LEN`]).
    pub fn new(text: impl Into<String>) -> Self {
        let mut text = text.into();
        if text.len() > Self::MAX_LEN {
            let mut end = Self::MAX_LEN;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.truncate(end);
        }
        Report(text)
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A dead-lettered job: what `hooksign queue dead` lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadJob {
    /// The job as it was last claimed.
    pub job: Job,
    /// When it was dead-lettered.
    pub died_at: SystemTime,
}

/// The queue's counts, as `hooksign queue stats` and `GET /stats` show them.
///
/// ```
/// let stats = hooksign::queue::Stats::default();
/// assert_eq!(stats.ready + stats.scheduled + stats.in_flight + stats.dead, 0);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Stats {
    /// Jobs due now, waiting for a worker.
    pub ready: u64,
    /// Jobs due later (retries, delayed jobs, and jobs waiting behind their ordering key).
    pub scheduled: u64,
    /// Jobs claimed, their leases live or expired but not yet reclaimed.
    pub in_flight: u64,
    /// Dead-lettered jobs.
    pub dead: u64,
    /// The age of the oldest job not yet finished (ready, scheduled or in flight).
    pub oldest_age: Option<Duration>,
}

impl Stats {
    /// Every job not finished: ready, scheduled and in flight.
    ///
    /// ```
    /// let mut stats = hooksign::queue::Stats::default();
    /// stats.ready = 2;
    /// stats.in_flight = 1;
    /// assert_eq!(stats.depth(), 3);
    /// ```
    pub fn depth(&self) -> u64 {
        self.ready + self.scheduled + self.in_flight
    }
}

/// Milliseconds since the Unix epoch: the queue's unit of time (due times, leases).
pub(crate) fn to_millis(at: SystemTime) -> u64 {
    at.duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// The instant `ms` milliseconds after the Unix epoch.
pub(crate) fn from_millis(ms: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(ms)
}
