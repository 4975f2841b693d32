//! The in-process queue: the default, for one process (jobs do not survive it).

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use super::config::QueueConfig;
use super::contract::Queue;
use super::error::{QueueError, check_id};
use super::job::{
    Claim, Claimed, DeadJob, Enqueued, Job, JobId, NewJob, Report, Stats, from_millis, to_millis,
};
use crate::idempotency::LeaseToken;
use crate::idempotency::token::unpredictable_token;

/// A queue in this process's memory: every guarantee of [`Queue`] except durability across
/// a restart of the process. Clones share the queue.
///
/// ```
/// # tokio::runtime::Runtime::new()?.block_on(async {
/// use std::time::Duration;
/// use hooksign::queue::{Enqueued, JobId, MemoryQueue, NewJob, Queue};
///
/// let queue = MemoryQueue::new();
/// let job = NewJob::new(JobId::new("github:72d3162e"), b"{}".to_vec());
/// assert_eq!(queue.enqueue(job.clone()).await?, Enqueued::New);
/// assert_eq!(queue.enqueue(job).await?, Enqueued::Duplicate);
/// assert_eq!(queue.stats().await?.ready, 1);
/// # Ok::<(), hooksign::queue::QueueError>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Default)]
pub struct MemoryQueue {
    state: Arc<Mutex<State>>,
    config: QueueConfig,
}

/// Where a job is.
#[derive(Debug, Clone, Copy)]
enum Place {
    /// In `due`.
    Due,
    /// Claimed: in `in_flight` until `until`.
    InFlight { token: u128, until: u64 },
    /// In `dead`.
    Dead,
    /// Behind another job of its ordering key, not yet due.
    Waiting,
}

#[derive(Debug)]
struct Stored {
    payload: Vec<u8>,
    attempt: u32,
    enqueued: u64,
    /// Enqueue order: breaks ties between jobs due at the same millisecond.
    seq: u64,
    /// The due time asked for at enqueue (a waiting job becomes due no earlier).
    requested_due: u64,
    ordering_key: Option<String>,
    last_report: Option<Report>,
    place: Place,
}

#[derive(Debug, Default)]
struct State {
    jobs: HashMap<JobId, Stored>,
    due: BTreeSet<(u64, u64, JobId)>,
    in_flight: BTreeSet<(u64, JobId)>,
    dead: BTreeSet<(u64, u64, JobId)>,
    /// Unfinished jobs by enqueue time, for the oldest job's age.
    unfinished: BTreeSet<(u64, u64, JobId)>,
    /// Per ordering key, its jobs in enqueue order: the first is due or in flight, the rest
    /// wait.
    lanes: HashMap<String, VecDeque<JobId>>,
    /// Acknowledged ids and when they are forgotten, oldest first.
    done: HashMap<JobId, u64>,
    done_order: VecDeque<(u64, JobId)>,
    next_seq: u64,
}

impl MemoryQueue {
    /// An empty queue with the default [`QueueConfig`].
    pub fn new() -> Self {
        MemoryQueue::default()
    }

    /// An empty queue with `config`.
    ///
    /// ```
    /// let queue = hooksign::queue::MemoryQueue::with_config(Default::default());
    /// # let _ = queue;
    /// ```
    pub fn with_config(config: QueueConfig) -> Self {
        MemoryQueue {
            state: Arc::default(),
            config,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves every index consistent (each change is
        // written before the lock is released), so a poisoned lock is still usable.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn now_ms() -> u64 {
    to_millis(SystemTime::now())
}

fn duration_ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

impl State {
    fn forget_expired_done(&mut self, now: u64) {
        while let Some((until, _)) = self.done_order.front() {
            if *until > now {
                break;
            }
            if let Some((until, id)) = self.done_order.pop_front()
                && self.done.get(&id) == Some(&until)
            {
                self.done.remove(&id);
            }
        }
    }

    /// Jobs whose lease ended are due again, from the moment it ended.
    fn reclaim_expired(&mut self, now: u64) {
        while let Some((until, _)) = self.in_flight.first() {
            if *until > now {
                break;
            }
            let Some((until, id)) = self.in_flight.pop_first() else {
                break;
            };
            if let Some(job) = self.jobs.get_mut(&id) {
                job.place = Place::Due;
                self.due.insert((until, job.seq, id));
            }
        }
    }

    /// The job of `claim`, if the claim is still its current one; out of `in_flight`.
    fn take_claimed(&mut self, claim: &Claim) -> Result<&mut Stored, QueueError> {
        let lost = || QueueError::LeaseLost {
            id: claim.id.clone(),
        };
        let job = self.jobs.get_mut(&claim.id).ok_or_else(lost)?;
        match job.place {
            Place::InFlight { token, until } if token == claim.token.value() => {
                self.in_flight.remove(&(until, claim.id.clone()));
                Ok(job)
            }
            _ => Err(lost()),
        }
    }

    /// `id` leaves its ordering lane: the next job of the lane becomes due.
    fn leave_lane(&mut self, key: Option<&str>, id: &JobId, now: u64) {
        let Some(key) = key else { return };
        let Some(lane) = self.lanes.get_mut(key) else {
            return;
        };
        lane.retain(|queued| queued != id);
        let next = lane.front().cloned();
        if lane.is_empty() {
            self.lanes.remove(key);
        }
        if let Some(next) = next
            && let Some(job) = self.jobs.get_mut(&next)
            && matches!(job.place, Place::Waiting)
        {
            let due = job.requested_due.max(now);
            job.place = Place::Due;
            self.due.insert((due, job.seq, next));
        }
    }

    /// Places a job that is to become due at `due`: behind its lane if the lane is busy.
    fn schedule(&mut self, id: &JobId, due: u64) {
        let Some(job) = self.jobs.get_mut(id) else {
            return;
        };
        if let Some(key) = &job.ordering_key {
            let lane = self.lanes.entry(key.clone()).or_default();
            lane.push_back(id.clone());
            if lane.len() > 1 {
                job.place = Place::Waiting;
                return;
            }
        }
        job.place = Place::Due;
        self.due.insert((due, job.seq, id.clone()));
    }

    fn job(id: &JobId, stored: &Stored) -> Job {
        Job {
            id: id.clone(),
            payload: stored.payload.clone(),
            attempt: stored.attempt,
            enqueued_at: from_millis(stored.enqueued),
            ordering_key: stored.ordering_key.clone(),
            last_report: stored.last_report.clone(),
        }
    }
}

impl Queue for MemoryQueue {
    async fn enqueue(&self, job: NewJob) -> Result<Enqueued, QueueError> {
        check_id(&job.id)?;
        let now = now_ms();
        let mut state = self.lock();
        state.forget_expired_done(now);
        if state.jobs.contains_key(&job.id) || state.done.contains_key(&job.id) {
            return Ok(Enqueued::Duplicate);
        }
        let due = job.due.map_or(now, to_millis);
        let seq = state.next_seq;
        state.next_seq += 1;
        state.unfinished.insert((now, seq, job.id.clone()));
        state.jobs.insert(
            job.id.clone(),
            Stored {
                payload: job.payload,
                attempt: 0,
                enqueued: now,
                seq,
                requested_due: due,
                ordering_key: job.ordering_key,
                last_report: None,
                place: Place::Waiting,
            },
        );
        state.schedule(&job.id, due);
        Ok(Enqueued::New)
    }

    async fn claim(&self, lease: Duration) -> Result<Option<Claimed>, QueueError> {
        let now = now_ms();
        let mut state = self.lock();
        state.reclaim_expired(now);
        let Some(first) = state.due.first() else {
            return Ok(None);
        };
        if first.0 > now {
            return Ok(None);
        }
        let Some((_, _, id)) = state.due.pop_first() else {
            return Ok(None);
        };
        let until = now.saturating_add(duration_ms(lease));
        let token = unpredictable_token();
        state.in_flight.insert((until, id.clone()));
        let Some(stored) = state.jobs.get_mut(&id) else {
            return Err(QueueError::Backend(format!(
                "job {id} is indexed but absent"
            )));
        };
        stored.attempt = stored.attempt.saturating_add(1);
        stored.place = Place::InFlight { token, until };
        let job = State::job(&id, stored);
        Ok(Some(Claimed {
            job,
            claim: Claim::new(id, LeaseToken::new(token), from_millis(until)),
        }))
    }

    async fn renew(&self, claim: &Claim, lease: Duration) -> Result<Claim, QueueError> {
        let now = now_ms();
        let mut state = self.lock();
        let until = now.saturating_add(duration_ms(lease));
        let stored = state.take_claimed(claim)?;
        stored.place = Place::InFlight {
            token: claim.token.value(),
            until,
        };
        state.in_flight.insert((until, claim.id.clone()));
        Ok(Claim::new(
            claim.id.clone(),
            claim.token,
            from_millis(until),
        ))
    }

    async fn ack(&self, claim: Claim) -> Result<(), QueueError> {
        let now = now_ms();
        let mut state = self.lock();
        state.take_claimed(&claim)?;
        let Some(stored) = state.jobs.remove(&claim.id) else {
            return Ok(());
        };
        state
            .unfinished
            .remove(&(stored.enqueued, stored.seq, claim.id.clone()));
        let forget_at = now.saturating_add(duration_ms(self.config.retention()));
        state.done.insert(claim.id.clone(), forget_at);
        state.done_order.push_back((forget_at, claim.id.clone()));
        state.leave_lane(stored.ordering_key.as_deref(), &claim.id, now);
        Ok(())
    }

    async fn retry_at(
        &self,
        claim: Claim,
        at: SystemTime,
        report: Report,
    ) -> Result<(), QueueError> {
        let at = to_millis(at);
        let mut state = self.lock();
        let stored = state.take_claimed(&claim)?;
        stored.last_report = Some(report);
        stored.place = Place::Due;
        let seq = stored.seq;
        // Still the head of its lane, if it has one: the lane waits for it.
        state.due.insert((at, seq, claim.id));
        Ok(())
    }

    async fn dead_letter(&self, claim: Claim, report: Report) -> Result<(), QueueError> {
        let now = now_ms();
        let mut state = self.lock();
        let stored = state.take_claimed(&claim)?;
        stored.last_report = Some(report);
        stored.place = Place::Dead;
        let (seq, enqueued, key) = (stored.seq, stored.enqueued, stored.ordering_key.clone());
        state.dead.insert((now, seq, claim.id.clone()));
        state.unfinished.remove(&(enqueued, seq, claim.id.clone()));
        state.leave_lane(key.as_deref(), &claim.id, now);
        Ok(())
    }

    async fn dead(&self, limit: usize) -> Result<Vec<DeadJob>, QueueError> {
        let state = self.lock();
        Ok(state
            .dead
            .iter()
            .take(limit)
            .filter_map(|(died, _, id)| {
                let stored = state.jobs.get(id)?;
                Some(DeadJob {
                    job: State::job(id, stored),
                    died_at: from_millis(*died),
                })
            })
            .collect())
    }

    async fn replay(&self, limit: usize) -> Result<usize, QueueError> {
        let now = now_ms();
        let mut state = self.lock();
        let mut moved = 0;
        while moved < limit {
            let Some((_, seq, id)) = state.dead.pop_first() else {
                break;
            };
            let Some(stored) = state.jobs.get_mut(&id) else {
                continue;
            };
            stored.attempt = 0;
            stored.requested_due = now;
            let enqueued = stored.enqueued;
            state.unfinished.insert((enqueued, seq, id.clone()));
            state.schedule(&id, now);
            moved += 1;
        }
        Ok(moved)
    }

    async fn stats(&self) -> Result<Stats, QueueError> {
        let now = now_ms();
        let state = self.lock();
        let ready = state
            .due
            .iter()
            .take_while(|(due, _, _)| *due <= now)
            .count();
        let waiting = state
            .jobs
            .values()
            .filter(|job| matches!(job.place, Place::Waiting))
            .count();
        let count = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
        Ok(Stats {
            ready: count(ready),
            scheduled: count(state.due.len() - ready + waiting),
            in_flight: count(state.in_flight.len()),
            dead: count(state.dead.len()),
            oldest_age: state
                .unfinished
                .first()
                .map(|(enqueued, _, _)| Duration::from_millis(now.saturating_sub(*enqueued))),
        })
    }
}

impl fmt::Debug for MemoryQueue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemoryQueue")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}
