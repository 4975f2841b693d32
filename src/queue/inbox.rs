//! The inbox: verified deliveries stored durably and answered at once, processed later by
//! workers with retries, backoff and dead letters (feature `queue`).

use std::fmt;
use std::future::Future;
use std::time::{Duration, SystemTime};

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::contract::Queue;
use super::error::QueueError;
use super::job::{Claim, Claimed, Enqueued, JobId, NewJob, Report, to_millis};
use crate::Verified;
use crate::idempotency::{OnceError, Outcome, Store, once};
use crate::verified::IdempotencyKey;

/// A verified delivery, owned and serialisable: what the inbox stores and a worker's handler
/// receives. It holds the exact body and what verification established, never a secret or a
/// signature.
///
/// ```
/// use hooksign::{GitHub, SecretSet};
/// use hooksign::queue::InboxRecord;
///
/// let github = GitHub::new(SecretSet::new(["It's a Secret to Everybody"])?);
/// let headers = [
///     ("X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"),
///     ("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"),
/// ];
/// let verified = hooksign::verify(&github, &headers, b"Hello, World!")?;
/// let record = InboxRecord::from_verified(&verified);
/// assert_eq!(record.provider, "github");
/// assert_eq!(record.body()?, b"Hello, World!");
/// let json = serde_json::to_string(&record)?;
/// assert_eq!(serde_json::from_str::<InboxRecord>(&json)?, record);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InboxRecord {
    /// The provider id.
    pub provider: String,
    /// The delivery's id, where the provider sends one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The provider-scoped idempotency key, where the provider has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idempotency_key: Option<String>,
    /// The event type, where the provider sends one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_type: Option<String>,
    /// The signed timestamp, in Unix seconds, where the scheme signs one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<u64>,
    /// Which secret of the set verified it.
    pub secret_index: usize,
    /// When it was accepted, in Unix milliseconds.
    pub received_at_ms: u64,
    /// The body, as received: text when it is UTF-8 ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    body_text: Option<String>,
    /// ... base64 otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    body_base64: Option<String>,
}

impl InboxRecord {
    /// The record of a verified delivery, received now.
    pub fn from_verified(verified: &Verified<'_>) -> Self {
        let body = verified.body();
        let (body_text, body_base64) = match std::str::from_utf8(body) {
            Ok(text) => (Some(text.to_owned()), None),
            Err(_) => (
                None,
                Some(base64::engine::general_purpose::STANDARD.encode(body)),
            ),
        };
        InboxRecord {
            provider: verified.provider().to_owned(),
            id: verified.id().map(str::to_owned),
            idempotency_key: verified.idempotency_key().map(IdempotencyKey::into_string),
            event_type: verified.event_type().map(|t| t.into_owned()),
            timestamp: verified.timestamp().map(crate::UnixTime::as_secs),
            secret_index: verified.secret_index(),
            received_at_ms: to_millis(SystemTime::now()),
            body_text,
            body_base64,
        }
    }

    /// The exact body bytes.
    ///
    /// # Errors
    ///
    /// A record edited by hand whose base64 body does not decode.
    pub fn body(&self) -> Result<Vec<u8>, base64::DecodeError> {
        match (&self.body_text, &self.body_base64) {
            (Some(text), _) => Ok(text.as_bytes().to_vec()),
            (None, Some(b64)) => base64::engine::general_purpose::STANDARD.decode(b64),
            (None, None) => Ok(Vec::new()),
        }
    }

    /// The job id the inbox stores it under: its idempotency key, so a provider's retry of an
    /// accepted event is a duplicate; for a provider without one, a digest of the provider and
    /// the body.
    pub fn job_id(&self) -> JobId {
        match &self.idempotency_key {
            Some(key) if key.len() <= JobId::MAX_LEN => JobId::new(key.clone()),
            _ => {
                let mut digest = Sha256::new();
                digest.update(self.provider.as_bytes());
                digest.update([0]);
                digest.update(self.body().unwrap_or_default());
                let hex: String = digest.finalize()[..16]
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect();
                JobId::new(format!("{}:sha256:{hex}", self.provider))
            }
        }
    }
}

/// How often an inbox handler is retried: exponentially from `base`, capped, at most
/// `max_attempts` attempts in all, then the record is dead-lettered.
///
/// ```
/// use std::time::Duration;
/// let backoff = hooksign::queue::Backoff::new(5, Duration::from_secs(1), Duration::from_secs(60));
/// assert_eq!(backoff.delay_after(1), Some(Duration::from_secs(1)));
/// assert_eq!(backoff.delay_after(3), Some(Duration::from_secs(4)));
/// assert_eq!(backoff.delay_after(5), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    max_attempts: u32,
    base: Duration,
    cap: Duration,
}

impl Backoff {
    /// At most `max_attempts` attempts, the `n`-th retry after `base × 2^(n-1)`, never more
    /// than `cap`.
    pub fn new(max_attempts: u32, base: Duration, cap: Duration) -> Self {
        Backoff {
            max_attempts: max_attempts.max(1),
            base,
            cap,
        }
    }

    /// The delay after failed attempt `attempt` (1 for the first), or `None` when it was the
    /// last.
    pub fn delay_after(&self, attempt: u32) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        let factor = 1u32
            .checked_shl(attempt.saturating_sub(1))
            .unwrap_or(u32::MAX);
        Some(self.base.saturating_mul(factor).min(self.cap))
    }
}

impl Default for Backoff {
    /// 8 attempts, from 1 s doubling to at most 10 minutes (about 4 minutes in all).
    fn default() -> Self {
        Backoff::new(8, Duration::from_secs(1), Duration::from_secs(600))
    }
}

/// What a worker did with one record.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Handled {
    /// The handler succeeded (or, with a store, the event had been processed already).
    Done(JobId),
    /// The handler failed; the next attempt is scheduled at this time.
    Retrying(JobId, SystemTime),
    /// The handler failed on the last attempt (or the record is unreadable): dead-lettered.
    Dead(JobId),
}

/// A durable inbox: [`accept`](Self::accept) stores a verified delivery (answer 202 once it
/// returns); workers ([`work_once`](Self::work_once), [`run`](Self::run)) run the
/// application's handler on each record, retry it with [`Backoff`], and dead-letter it after
/// the last attempt with the handler's error.
///
/// With an idempotency store ([`with_store`](Self::with_store)), each record's handler runs
/// inside [`once`]: if a worker crashed after the handler's effect but before the queue heard
/// of it, the next worker finds the key done and does not run it again.
///
/// ```
/// # tokio::runtime::Runtime::new()?.block_on(async {
/// use hooksign::{GitHub, SecretSet};
/// use hooksign::queue::{Handled, Inbox, InboxRecord, MemoryQueue};
///
/// let github = GitHub::new(SecretSet::new(["It's a Secret to Everybody"])?);
/// let headers = [
///     ("X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"),
///     ("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"),
/// ];
/// let verified = hooksign::verify(&github, &headers, b"Hello, World!")?;
///
/// let inbox = Inbox::new(MemoryQueue::new());
/// assert!(inbox.accept(&verified).await?.is_new());
/// assert!(!inbox.accept(&verified).await?.is_new(), "GitHub redelivered it");
///
/// let handled = inbox
///     .work_once(|record: InboxRecord| async move {
///         assert_eq!(record.body()?, b"Hello, World!");
///         Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
///     })
///     .await?;
/// assert!(matches!(handled, Some(Handled::Done(_))));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Inbox<Q, S = NoStore> {
    queue: Q,
    store: Option<S>,
    backoff: Backoff,
    lease: Duration,
    idle: Duration,
}

/// The inbox's store type parameter when it has no idempotency store.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoStore;

impl Store for NoStore {
    async fn begin(
        &self,
        _: &IdempotencyKey,
    ) -> Result<crate::idempotency::Begin, crate::idempotency::StoreError> {
        Err(crate::idempotency::StoreError::Backend(
            "no idempotency store is configured".into(),
        ))
    }
    async fn complete(
        &self,
        _: crate::idempotency::Lease,
    ) -> Result<(), crate::idempotency::StoreError> {
        Ok(())
    }
    async fn release(
        &self,
        _: crate::idempotency::Lease,
    ) -> Result<(), crate::idempotency::StoreError> {
        Ok(())
    }
}

impl<Q: Queue> Inbox<Q, NoStore> {
    /// An inbox over `queue`, with the default [`Backoff`], a 5-minute lease and no store.
    pub fn new(queue: Q) -> Self {
        Inbox {
            queue,
            store: None,
            backoff: Backoff::default(),
            lease: Duration::from_secs(300),
            idle: Duration::from_millis(50),
        }
    }

    /// Runs each handler inside [`once`] on `store`.
    pub fn with_store<S: Store>(self, store: S) -> Inbox<Q, S> {
        Inbox {
            queue: self.queue,
            store: Some(store),
            backoff: self.backoff,
            lease: self.lease,
            idle: self.idle,
        }
    }
}

impl<Q: Queue, S: Store> Inbox<Q, S> {
    /// Sets the retry schedule.
    pub fn with_backoff(mut self, backoff: Backoff) -> Self {
        self.backoff = backoff;
        self
    }

    /// Sets the lease a worker takes on a record: longer than the handler ever runs (a
    /// handler still running when its lease ends may run a second time elsewhere; with a
    /// store, the second finds the first's lease and waits).
    pub fn with_lease(mut self, lease: Duration) -> Self {
        self.lease = lease;
        self
    }

    /// Sets how long an idle worker waits before looking again (50 ms by default).
    pub fn with_idle_wait(mut self, idle: Duration) -> Self {
        self.idle = idle;
        self
    }

    /// The queue.
    pub fn queue(&self) -> &Q {
        &self.queue
    }

    /// Stores a verified delivery; durable when it returns. A delivery whose idempotency key
    /// is already in the inbox (queued, running, dead, or done within the retention) is a
    /// duplicate.
    pub async fn accept(&self, verified: &Verified<'_>) -> Result<Enqueued, QueueError> {
        self.accept_record(&InboxRecord::from_verified(verified))
            .await
    }

    /// Stores a record made earlier.
    pub async fn accept_record(&self, record: &InboxRecord) -> Result<Enqueued, QueueError> {
        let payload = serde_json::to_vec(record)
            .map_err(|e| QueueError::Backend(format!("cannot encode the record: {e}")))?;
        self.queue
            .enqueue(NewJob::new(record.job_id(), payload))
            .await
    }

    /// Claims one due record and runs `handler` on it; `None` when nothing is due.
    pub async fn work_once<H, Fut, E>(&self, handler: H) -> Result<Option<Handled>, QueueError>
    where
        H: FnOnce(InboxRecord) -> Fut,
        Fut: Future<Output = Result<(), E>>,
        E: fmt::Display,
    {
        let Some(Claimed { job, claim }) = self.queue.claim(self.lease).await? else {
            return Ok(None);
        };
        let id = job.id().clone();
        let record: InboxRecord = match serde_json::from_slice(job.payload()) {
            Ok(record) => record,
            Err(e) => {
                let report = Report::new(format!("unreadable record: {e}"));
                self.queue.dead_letter(claim, report).await?;
                return Ok(Some(Handled::Dead(id)));
            }
        };
        let result = match (&self.store, record.idempotency_key.clone()) {
            (Some(store), Some(key)) => {
                let key = IdempotencyKey::new(key);
                match once(store, &key, || handler(record)).await {
                    Ok(Outcome::Processed(()) | Outcome::Duplicate) => Ok(()),
                    Ok(Outcome::InProgress { retry_after }) => {
                        // Another worker's handler holds the key: come back after its lease.
                        let at = SystemTime::now() + retry_after;
                        self.settle_retry(claim, at, "in progress elsewhere")
                            .await?;
                        return Ok(Some(Handled::Retrying(id, at)));
                    }
                    Err(OnceError::Handler(e)) => Err(e.to_string()),
                    Err(e) => Err(format!("idempotency store: {e}")),
                }
            }
            _ => handler(record).await.map_err(|e| e.to_string()),
        };
        match result {
            Ok(()) => {
                self.queue.ack(claim).await?;
                Ok(Some(Handled::Done(id)))
            }
            Err(error) => match self.backoff.delay_after(job.attempt()) {
                Some(delay) => {
                    let at = SystemTime::now() + delay;
                    self.settle_retry(claim, at, &error).await?;
                    Ok(Some(Handled::Retrying(id, at)))
                }
                None => {
                    self.queue.dead_letter(claim, Report::new(error)).await?;
                    Ok(Some(Handled::Dead(id)))
                }
            },
        }
    }

    async fn settle_retry(
        &self,
        claim: Claim,
        at: SystemTime,
        error: &str,
    ) -> Result<(), QueueError> {
        self.queue.retry_at(claim, at, Report::new(error)).await
    }

    /// Runs `workers` workers until `shutdown` resolves, each calling `handler` on due records
    /// (a clone of it per record). Records being handled when `shutdown` resolves finish.
    pub async fn run<H, Fut, E>(
        &self,
        workers: usize,
        handler: H,
        shutdown: impl Future<Output = ()>,
    ) where
        H: Fn(InboxRecord) -> Fut + Clone,
        Fut: Future<Output = Result<(), E>>,
        E: fmt::Display,
    {
        let handler = &handler;
        super::workers::run(workers, self.idle, shutdown, async {}, move || async move {
            matches!(self.work_once(handler.clone()).await, Ok(Some(_)))
        })
        .await;
    }
}
