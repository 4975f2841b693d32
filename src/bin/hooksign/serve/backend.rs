//! The queue `serve` runs on: memory, or Redis when the configuration names a server.

use std::time::{Duration, SystemTime};

#[cfg(feature = "redis")]
use hooksign::queue::RedisQueue;
use hooksign::queue::{
    Claim, Claimed, DeadJob, Enqueued, MemoryQueue, NewJob, Queue, QueueError, Report, Stats,
};

/// Either backend, chosen by the configuration.
#[derive(Debug, Clone)]
pub enum Backend {
    /// One process.
    Memory(MemoryQueue),
    /// Shared by every instance with the same server and prefix.
    #[cfg(feature = "redis")]
    Redis(RedisQueue),
}

macro_rules! both {
    ($self:ident, $q:ident => $call:expr) => {
        match $self {
            Backend::Memory($q) => $call.await,
            #[cfg(feature = "redis")]
            Backend::Redis($q) => $call.await,
        }
    };
}

impl Queue for Backend {
    async fn enqueue(&self, job: NewJob) -> Result<Enqueued, QueueError> {
        both!(self, q => q.enqueue(job))
    }
    async fn claim(&self, lease: Duration) -> Result<Option<Claimed>, QueueError> {
        both!(self, q => q.claim(lease))
    }
    async fn renew(&self, claim: &Claim, lease: Duration) -> Result<Claim, QueueError> {
        both!(self, q => q.renew(claim, lease))
    }
    async fn ack(&self, claim: Claim) -> Result<(), QueueError> {
        both!(self, q => q.ack(claim))
    }
    async fn retry_at(
        &self,
        claim: Claim,
        at: SystemTime,
        report: Report,
    ) -> Result<(), QueueError> {
        both!(self, q => q.retry_at(claim, at, report))
    }
    async fn dead_letter(&self, claim: Claim, report: Report) -> Result<(), QueueError> {
        both!(self, q => q.dead_letter(claim, report))
    }
    async fn dead(&self, limit: usize) -> Result<Vec<DeadJob>, QueueError> {
        both!(self, q => q.dead(limit))
    }
    async fn replay(&self, limit: usize) -> Result<usize, QueueError> {
        both!(self, q => q.replay(limit))
    }
    async fn stats(&self) -> Result<Stats, QueueError> {
        both!(self, q => q.stats())
    }
}
