//! Durable queues of webhook jobs: the outbox of a sender that outgrows one process and the
//! inbox of a receiver that must answer fast and process later (feature `queue`).
//!
//! A [`Queue`] stores jobs ([`NewJob`]: a stable [`JobId`] and a payload) and hands each due
//! job to one worker at a time:
//!
//! - [`Queue::enqueue`] is durable when it returns, and idempotent per id;
//! - [`Queue::claim`] gives the job that has been due longest with a [`Claim`]: a lease with
//!   an unpredictable token, renewable with [`Queue::renew`] while the job runs;
//! - the worker settles it with [`Queue::ack`], [`Queue::retry_at`] (due again at a given
//!   millisecond, with the attempt's [`Report`]) or [`Queue::dead_letter`]; each is one
//!   atomic step that first checks the claim's token, so a worker whose lease expired can
//!   never settle or reschedule the attempt of the worker that took over;
//! - [`Queue::replay`] moves dead letters back; [`Queue::stats`] gives the counts.
//!
//! Two backends share one conformance suite: [`MemoryQueue`] (the default, one process) and
//! `RedisQueue` (features `queue` and `redis`: many workers on many machines, every state
//! change one server-side script).
//!
//! ```
//! # tokio::runtime::Runtime::new()?.block_on(async {
//! use std::time::Duration;
//! use hooksign::queue::{JobId, MemoryQueue, NewJob, Queue};
//!
//! let queue = MemoryQueue::new();
//! queue.enqueue(NewJob::new(JobId::new("stripe:evt_1"), b"{}".to_vec())).await?;
//! while let Some(claimed) = queue.claim(Duration::from_secs(30)).await? {
//!     // … deliver or process claimed.job.payload() …
//!     queue.ack(claimed.claim).await?;
//! }
//! assert_eq!(queue.stats().await?.depth(), 0);
//! # Ok::<(), hooksign::queue::QueueError>(())
//! # })?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub(crate) mod config;
#[cfg(feature = "test-util")]
#[cfg_attr(docsrs, doc(cfg(feature = "test-util")))]
pub mod conformance;
pub(crate) mod contract;
pub(crate) mod error;
pub(crate) mod inbox;
pub(crate) mod job;
pub(crate) mod memory;
#[cfg(feature = "send")]
pub(crate) mod outbox;
#[cfg(feature = "redis")]
pub(crate) mod redis;
mod workers;

pub use config::QueueConfig;
pub use contract::Queue;
pub use error::QueueError;
pub use inbox::{Backoff, Handled, Inbox, InboxRecord, NoStore};
pub use job::{Claim, Claimed, DeadJob, Enqueued, Job, JobId, NewJob, Report, Stats};
pub use memory::MemoryQueue;
#[cfg(feature = "send")]
#[cfg_attr(docsrs, doc(cfg(feature = "send")))]
pub use outbox::{Outbox, Worked};
#[cfg(feature = "redis")]
#[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
pub use redis::RedisQueue;
