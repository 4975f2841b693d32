//! The outbox: the sender over a durable queue, so retries survive a crash and workers run on
//! many machines (features `queue` and `send`).

use std::future::Future;
use std::time::{Duration, SystemTime};

use futures_util::future::{Either, select};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::contract::Queue;
use super::error::QueueError;
use super::job::{Claimed, Enqueued, JobId, NewJob, Report};
use crate::UnixTime;
use crate::send::{self, Endpoint, Outcome, Outgoing, Sender};

/// What one outbox job holds: the message and where it goes.
#[derive(Serialize, Deserialize)]
struct Delivery {
    message: Outgoing,
    url: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    headers: Vec<(String, String)>,
}

/// The sender over a durable [`Queue`]: [`enqueue`](Self::enqueue) stores one job per
/// endpoint and returns at once; workers ([`work_once`](Self::work_once), [`run`](Self::run),
/// on any number of processes sharing the queue) make each attempt with the sender's signer
/// and policy, schedule the next attempt in the queue (so a crash or a restart loses no
/// retry), and dead-letter a delivery the policy gives up on, with its last report.
///
/// The job of a message for an endpoint has a stable id (the message id and a digest of the
/// URL), so enqueueing the same message again (a retried request of your own) is a
/// duplicate, not a second delivery.
///
/// ```
/// # tokio::runtime::Runtime::new()?.block_on(async {
/// use hooksign::SecretSet;
/// use hooksign::queue::{MemoryQueue, Outbox};
/// use hooksign::send::{Endpoint, Outgoing, Sender};
///
/// let sender = Sender::standard_webhooks(SecretSet::new(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])?)?.build()?;
/// let outbox = Outbox::new(MemoryQueue::new(), sender);
/// let message = Outgoing::new(r#"{"type":"invoice.paid"}"#).with_id("msg_1");
/// let endpoints = [Endpoint::new("https://a.example/hooks"), Endpoint::new("https://b.example/hooks")];
/// let queued = outbox.enqueue(&message, &endpoints).await?;
/// assert_eq!(queued.len(), 2);
/// // The same message again: nothing new is queued.
/// assert!(outbox.enqueue(&message, &endpoints).await?.iter().all(|e| !e.is_new()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Outbox<Q> {
    queue: Q,
    sender: Sender,
    lease: Duration,
    idle: Duration,
    drain: Option<Duration>,
}

/// What a worker did with one job.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Worked {
    /// Delivered: the job is acknowledged.
    Delivered(send::Report),
    /// The attempt failed; the next one is scheduled in the queue at this time.
    Retrying(send::Report, SystemTime),
    /// The policy gave up (or the message was refused): the job is in the dead letters.
    Dead(send::Report),
    /// The worker shut down before the attempt ended: the job was released, due again now,
    /// for another worker (the endpoint may or may not have received the cut attempt).
    Released,
}

/// How a leased attempt ended.
enum Leased<T> {
    Done(T),
    /// A renewal failed: the lease is (or is about to be) someone else's.
    Lost,
    /// The drain deadline of a shutdown passed.
    Cut,
}

impl<Q: Queue> Outbox<Q> {
    /// An outbox over `queue`, delivering with `sender`. A worker's lease is twice the
    /// sender's attempt timeout plus a minute, and is renewed while an attempt runs.
    pub fn new(queue: Q, sender: Sender) -> Self {
        Outbox {
            queue,
            sender,
            lease: Duration::from_secs(90),
            idle: Duration::from_millis(50),
            drain: None,
        }
    }

    /// On shutdown ([`run`](Self::run)'s signal), attempts under way get `drain` to finish;
    /// then they are cut and their jobs released, due again at once, for another worker (or
    /// this one, restarted) instead of waiting for their leases to end. Without it, attempts
    /// under way always finish.
    pub fn with_drain(mut self, drain: Duration) -> Self {
        self.drain = Some(drain);
        self
    }

    /// Sets the lease a worker takes on a job; it must be well above the sender's attempt
    /// timeout (a worker abandons an attempt it can no longer renew before its lease ends, so
    /// two workers never deliver the same job at once).
    ///
    /// ```
    /// # use hooksign::{SecretSet, queue::{MemoryQueue, Outbox}, send::Sender};
    /// # let sender = Sender::standard_webhooks(SecretSet::new(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])?)?.build()?;
    /// let outbox = Outbox::new(MemoryQueue::new(), sender).with_lease(std::time::Duration::from_secs(120));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_lease(mut self, lease: Duration) -> Self {
        self.lease = lease;
        self
    }

    /// Sets how long an idle worker waits before looking for due jobs again (50 ms by
    /// default): the bound on how late a due job starts when workers are idle.
    pub fn with_idle_wait(mut self, idle: Duration) -> Self {
        self.idle = idle;
        self
    }

    /// The queue.
    pub fn queue(&self) -> &Q {
        &self.queue
    }

    /// Queues `message` for each endpoint (its URL and headers; the outbox's sender signs).
    /// Durable when it returns.
    pub async fn enqueue(
        &self,
        message: &Outgoing,
        endpoints: &[Endpoint],
    ) -> Result<Vec<Enqueued>, QueueError> {
        self.enqueue_with(message, endpoints, None).await
    }

    /// [`enqueue`](Self::enqueue), delivering the messages of one `ordering_key` to each
    /// endpoint one at a time, in the order they were enqueued (the next waits until the one
    /// before is delivered or dead).
    pub async fn enqueue_ordered(
        &self,
        message: &Outgoing,
        endpoints: &[Endpoint],
        ordering_key: &str,
    ) -> Result<Vec<Enqueued>, QueueError> {
        self.enqueue_with(message, endpoints, Some(ordering_key))
            .await
    }

    async fn enqueue_with(
        &self,
        message: &Outgoing,
        endpoints: &[Endpoint],
        ordering_key: Option<&str>,
    ) -> Result<Vec<Enqueued>, QueueError> {
        let mut out = Vec::with_capacity(endpoints.len());
        for endpoint in endpoints {
            let url = endpoint.url();
            let digest = url_digest(url);
            let payload = serde_json::to_vec(&Delivery {
                message: message.clone(),
                url: url.to_owned(),
                headers: endpoint.headers().to_vec(),
            })
            .map_err(|e| QueueError::Backend(format!("cannot encode the job: {e}")))?;
            let mut job = NewJob::new(JobId::new(format!("{}@{digest}", message.id())), payload);
            if let Some(key) = ordering_key {
                job = job.with_ordering_key(format!("{key}@{digest}"));
            }
            out.push(self.queue.enqueue(job).await?);
        }
        Ok(out)
    }

    /// Claims one due job and makes its next attempt; `None` when nothing is due.
    pub async fn work_once(&self) -> Result<Option<Worked>, QueueError> {
        self.work_once_until(None).await
    }

    async fn work_once_until(
        &self,
        cut: Option<&tokio::sync::watch::Receiver<bool>>,
    ) -> Result<Option<Worked>, QueueError> {
        let Some(claimed) = self.queue.claim(self.lease).await? else {
            return Ok(None);
        };
        self.work(claimed, cut).await.map(Some)
    }

    async fn work(
        &self,
        claimed: Claimed,
        cut: Option<&tokio::sync::watch::Receiver<bool>>,
    ) -> Result<Worked, QueueError> {
        let Claimed { job, claim } = claimed;
        let delivery: Delivery = match serde_json::from_slice(job.payload()) {
            Ok(delivery) => delivery,
            Err(e) => {
                // Not ours, or from an incompatible version: keep it for a person to look at.
                let report =
                    send::Report::unattempted(job.id().as_str(), format!("unreadable job: {e}"));
                self.queue
                    .dead_letter(claim, Report::new(report_text(&report)))
                    .await?;
                return Ok(Worked::Dead(report));
            }
        };
        let mut endpoint = Endpoint::new(delivery.url);
        for (name, value) in delivery.headers {
            endpoint = endpoint.with_header(name, value);
        }
        let first_tried = UnixTime::from_secs(
            job.enqueued_at()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        );
        let attempt = self
            .sender
            .attempt(&endpoint, &delivery.message, job.attempt(), first_tried);
        let step = match self.while_leased(&claim, attempt, cut).await {
            Leased::Done(step) => step,
            // The lease could not be kept: the attempt was abandoned before it ended, and
            // the job goes to whoever claims it next.
            Leased::Lost => {
                return Err(QueueError::LeaseLost {
                    id: claim.id().clone(),
                });
            }
            Leased::Cut => {
                let report = Report::new("released: the worker shut down before the attempt ended");
                self.queue
                    .retry_at(claim, SystemTime::now(), report)
                    .await?;
                return Ok(Worked::Released);
            }
        };
        let text = Report::new(report_text(&step.report));
        if step.report.outcome == Outcome::Delivered {
            self.queue.ack(claim).await?;
            return Ok(Worked::Delivered(step.report));
        }
        match step.retry_in {
            Some(delay) => {
                let at = SystemTime::now() + delay;
                self.queue.retry_at(claim, at, text).await?;
                Ok(Worked::Retrying(step.report, at))
            }
            None => {
                self.queue.dead_letter(claim, text).await?;
                Ok(Worked::Dead(step.report))
            }
        }
    }

    /// Runs `work` while renewing the claim's lease every quarter of it (three chances before
    /// it ends); gives up on `work` (dropping it) when a renewal fails and less than a quarter
    /// of the lease is left, so that no attempt outlives its lease.
    async fn while_leased<T>(
        &self,
        claim: &super::job::Claim,
        work: impl Future<Output = T>,
        cut: Option<&tokio::sync::watch::Receiver<bool>>,
    ) -> Leased<T> {
        let mut work = std::pin::pin!(work);
        let mut current = claim.clone();
        let mut cut = cut.cloned();
        let cut_now = async move {
            match cut.as_mut() {
                Some(cut) => {
                    let _ = cut.wait_for(|cut| *cut).await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        let mut cut_now = std::pin::pin!(cut_now);
        loop {
            let tick = std::pin::pin!(tokio::time::sleep(self.lease / 4));
            let work_or_cut = select(work.as_mut(), cut_now.as_mut());
            match select(work_or_cut, tick).await {
                Either::Left((Either::Left((done, _)), _)) => return Leased::Done(done),
                Either::Left((Either::Right(((), _)), _)) => return Leased::Cut,
                Either::Right(((), _)) => match self.queue.renew(&current, self.lease).await {
                    Ok(renewed) => current = renewed,
                    Err(QueueError::LeaseLost { .. }) => return Leased::Lost,
                    Err(_) => {
                        let left = current
                            .lease_until()
                            .duration_since(SystemTime::now())
                            .unwrap_or_default();
                        if left < self.lease / 4 {
                            return Leased::Lost;
                        }
                    }
                },
            }
        }
    }

    /// Runs `workers` workers until `shutdown` resolves: each claims due jobs and works them,
    /// waiting the idle time when none is due. On shutdown no new job is claimed, and attempts
    /// under way finish (their outcome is recorded), within the drain time if one is set
    /// ([`with_drain`](Self::with_drain)).
    ///
    /// Queue errors (Redis unreachable) are retried after the idle wait; they never stop the
    /// workers.
    pub async fn run(&self, workers: usize, shutdown: impl Future<Output = ()>) {
        let cut = tokio::sync::watch::channel(false);
        let drain_then_cut = async {
            if let Some(drain) = self.drain {
                tokio::time::sleep(drain).await;
                let _ = cut.0.send(true);
            }
        };
        let cut = &cut.1;
        super::workers::run(
            workers,
            self.idle,
            shutdown,
            drain_then_cut,
            move || async move { matches!(self.work_once_until(Some(cut)).await, Ok(Some(_))) },
        )
        .await;
    }
}

/// A short digest of an endpoint URL, for job ids and ordering lanes of bounded length.
fn url_digest(url: &str) -> String {
    let digest = Sha256::digest(url.as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

fn report_text(report: &send::Report) -> String {
    serde_json::to_string(report).unwrap_or_else(|_| format!("{:?}", report.outcome))
}
