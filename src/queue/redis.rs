//! The shared queue: Redis, every state change one server-side script.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use redis::aio::ConnectionManager;
use redis::{RedisError, Script};

use super::config::QueueConfig;
use super::contract::Queue;
use super::error::{QueueError, check_id};
use super::job::{
    Claim, Claimed, DeadJob, Enqueued, Job, JobId, NewJob, Report, Stats, from_millis, to_millis,
};
use crate::idempotency::token::unpredictable_token;
use crate::idempotency::{LeaseToken, RedisStore};

/// What every script starts with: the server's clock (so that workers on machines whose
/// clocks differ agree on due times and leases) and the step that makes the next job of an
/// ordering lane due once the lane's head has left it.
///
/// The keys of a queue under prefix `P`: `P{job}<id>` (a hash per job), `P{due}` (due jobs
/// by due time), `P{flight}` (claimed jobs by lease end), `P{dead}` (dead letters by death
/// time), `P{unfinished}` (unfinished jobs by enqueue time), `P{waiting}` (jobs waiting
/// behind their lane), `P{lane}<key>` (a list per ordering key), `P{done}<id>` (an
/// acknowledged id, until the retention ends). Scripts derive job and lane keys from the
/// prefix, so the queue needs a standalone Redis (or one Redis Cluster slot), not a
/// cluster spread over slots.
macro_rules! lua {
    ($body:literal) => {
        concat!(
            r"
local P = ARGV[1]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function promote_next(okey, id)
  if okey == nil or okey == '' then return end
  local lane = P .. '{lane}' .. okey
  redis.call('LREM', lane, 1, id)
  local nxt = redis.call('LINDEX', lane, 0)
  if nxt then
    local job = P .. '{job}' .. nxt
    if redis.call('HGET', job, 'place') == 'wait' then
      local due = math.max(now, tonumber(redis.call('HGET', job, 'rdue')) or now)
      redis.call('HSET', job, 'place', 'due')
      redis.call('SREM', P .. '{waiting}', nxt)
      redis.call('ZADD', P .. '{due}', due, nxt)
    end
  end
end
local function schedule(id, due)
  local job = P .. '{job}' .. id
  local okey = redis.call('HGET', job, 'okey')
  if okey and okey ~= '' then
    local n = redis.call('RPUSH', P .. '{lane}' .. okey, id)
    if n > 1 then
      redis.call('HSET', job, 'place', 'wait')
      redis.call('SADD', P .. '{waiting}', id)
      return
    end
  end
  redis.call('HSET', job, 'place', 'due')
  redis.call('ZADD', P .. '{due}', due, id)
end
local function held(job, token)
  return redis.call('HGET', job, 'place') == 'flight' and redis.call('HGET', job, 'token') == token
end
",
            $body
        )
    };
}

/// ARGV: prefix, id, payload, due (ms, or -1 for now), ordering key (or '').
/// Returns 1 when stored, 0 for a duplicate.
const ENQUEUE: &str = lua!(
    r"
local id = ARGV[2]
local job = P .. '{job}' .. id
if redis.call('EXISTS', job) == 1 or redis.call('EXISTS', P .. '{done}' .. id) == 1 then
  return 0
end
local due = tonumber(ARGV[4])
if due < 0 then due = now end
redis.call('HSET', job, 'payload', ARGV[3], 'attempt', 0, 'enq', now, 'rdue', due, 'okey', ARGV[5])
redis.call('ZADD', P .. '{unfinished}', now, id)
schedule(id, due)
return 1
"
);

/// ARGV: prefix, lease (ms), token. Moves expired claims back to due (from when their
/// lease ended), then claims the job due longest. Returns false when none is due, else
/// {id, payload, attempt, enqueued, ordering key, has report, report, lease end}.
const CLAIM: &str = lua!(
    r"
local expired = redis.call('ZRANGEBYSCORE', P .. '{flight}', '-inf', now, 'WITHSCORES', 'LIMIT', 0, 100)
for i = 1, #expired, 2 do
  local id = expired[i]
  redis.call('ZREM', P .. '{flight}', id)
  redis.call('ZADD', P .. '{due}', expired[i + 1], id)
  redis.call('HSET', P .. '{job}' .. id, 'place', 'due', 'token', '')
end
for _ = 1, 16 do
  local first = redis.call('ZRANGEBYSCORE', P .. '{due}', '-inf', now, 'LIMIT', 0, 1)
  if #first == 0 then return false end
  local id = first[1]
  local job = P .. '{job}' .. id
  redis.call('ZREM', P .. '{due}', id)
  if redis.call('EXISTS', job) == 1 then
    local lease_end = now + tonumber(ARGV[2])
    redis.call('ZADD', P .. '{flight}', lease_end, id)
    local attempt = redis.call('HINCRBY', job, 'attempt', 1)
    redis.call('HSET', job, 'place', 'flight', 'token', ARGV[3])
    local f = redis.call('HMGET', job, 'payload', 'enq', 'okey', 'report')
    local has_report = 1
    if not f[4] then has_report = 0 end
    return {id, f[1], attempt, tonumber(f[2]), f[3] or '', has_report, f[4] or '', lease_end}
  end
end
return false
"
);

/// ARGV: prefix, id, token, lease (ms). Returns the new lease end, or -1 if not held.
const RENEW: &str = lua!(
    r"
local id = ARGV[2]
local job = P .. '{job}' .. id
if not held(job, ARGV[3]) then return -1 end
local lease_end = now + tonumber(ARGV[4])
redis.call('ZADD', P .. '{flight}', lease_end, id)
return lease_end
"
);

/// ARGV: prefix, id, token, retention (ms). Returns 1, or -1 if not held.
const ACK: &str = lua!(
    r"
local id = ARGV[2]
local job = P .. '{job}' .. id
if not held(job, ARGV[3]) then return -1 end
local okey = redis.call('HGET', job, 'okey')
redis.call('DEL', job)
redis.call('ZREM', P .. '{flight}', id)
redis.call('ZREM', P .. '{unfinished}', id)
redis.call('SET', P .. '{done}' .. id, '1', 'PX', ARGV[4])
promote_next(okey, id)
return 1
"
);

/// ARGV: prefix, id, token, due (ms), report. Returns 1, or -1 if not held.
const RETRY: &str = lua!(
    r"
local id = ARGV[2]
local job = P .. '{job}' .. id
if not held(job, ARGV[3]) then return -1 end
redis.call('ZREM', P .. '{flight}', id)
redis.call('HSET', job, 'place', 'due', 'token', '', 'report', ARGV[5])
redis.call('ZADD', P .. '{due}', ARGV[4], id)
return 1
"
);

/// ARGV: prefix, id, token, report. Returns 1, or -1 if not held.
const DEAD: &str = lua!(
    r"
local id = ARGV[2]
local job = P .. '{job}' .. id
if not held(job, ARGV[3]) then return -1 end
redis.call('ZREM', P .. '{flight}', id)
redis.call('ZREM', P .. '{unfinished}', id)
redis.call('HSET', job, 'place', 'dead', 'token', '', 'report', ARGV[4], 'died', now)
redis.call('ZADD', P .. '{dead}', now, id)
promote_next(redis.call('HGET', job, 'okey'), id)
return 1
"
);

/// ARGV: prefix, limit. Returns how many dead letters were moved back, due now.
const REPLAY: &str = lua!(
    r"
local ids = redis.call('ZRANGE', P .. '{dead}', 0, tonumber(ARGV[2]) - 1)
for _, id in ipairs(ids) do
  local job = P .. '{job}' .. id
  redis.call('ZREM', P .. '{dead}', id)
  redis.call('HSET', job, 'attempt', 0, 'rdue', now)
  redis.call('HDEL', job, 'died')
  redis.call('ZADD', P .. '{unfinished}', tonumber(redis.call('HGET', job, 'enq')) or now, id)
  schedule(id, now)
end
return #ids
"
);

/// ARGV: prefix, limit. Returns {id, payload, attempt, enqueued, ordering key, has report,
/// report, died} per dead letter, flattened, oldest first.
const DEAD_LIST: &str = lua!(
    r"
local out = {}
local ids = redis.call('ZRANGE', P .. '{dead}', 0, tonumber(ARGV[2]) - 1)
for _, id in ipairs(ids) do
  local f = redis.call('HMGET', P .. '{job}' .. id, 'payload', 'attempt', 'enq', 'okey', 'report', 'died')
  local has_report = 1
  if not f[5] then has_report = 0 end
  for _, v in ipairs({id, f[1] or '', tonumber(f[2]) or 0, tonumber(f[3]) or 0, f[4] or '', has_report, f[5] or '', tonumber(f[6]) or 0}) do
    table.insert(out, v)
  end
end
return out
"
);

/// ARGV: prefix. Returns {ready, due later, waiting, in flight, dead, oldest enqueue time or
/// -1, now}.
const STATS: &str = lua!(
    r"
local oldest = redis.call('ZRANGE', P .. '{unfinished}', 0, 0, 'WITHSCORES')
local oldest_at = -1
if #oldest > 0 then oldest_at = tonumber(oldest[2]) end
return {
  redis.call('ZCOUNT', P .. '{due}', '-inf', now),
  redis.call('ZCOUNT', P .. '{due}', '(' .. now, '+inf'),
  redis.call('SCARD', P .. '{waiting}'),
  redis.call('ZCARD', P .. '{flight}'),
  redis.call('ZCARD', P .. '{dead}'),
  oldest_at,
  now,
}
"
);

/// A queue in Redis (≥ 7.0), shared by every worker that uses the same server and prefix.
/// Features `queue` and `redis`; needs a Tokio runtime.
///
/// # Protocol
///
/// Every call is one `EVALSHA` of a script (loaded on first use and again after a server
/// restart), so each state change is atomic on the server: a claim removes the job from the
/// due set and records the new token in the same step; an ack, retry or dead letter
/// compares the claim's token and changes the job in the same step. There is no two-command
/// window for a crash to fall into, and the scripts read the server's clock, so workers
/// whose clocks disagree still agree on due times and lease ends.
///
/// The structures are plain sorted sets, sets, lists and hashes that every write creates:
/// after Redis restarts without its data the queue is simply empty and goes on working (no
/// consumer group to recreate, no error loop). Run Redis with AOF (`appendfsync always` or
/// `everysec`, as much as a lost enqueue matters) and `maxmemory-policy noeviction`.
///
/// The scripts derive job keys from the prefix, so the queue needs a standalone Redis or
/// replication, not Redis Cluster.
///
/// ```no_run
/// # async fn run() -> Result<(), hooksign::queue::QueueError> {
/// use std::time::Duration;
/// use hooksign::queue::{JobId, NewJob, Queue, QueueConfig, RedisQueue};
///
/// let queue = RedisQueue::connect("redis://127.0.0.1:6379", QueueConfig::default())
///     .await?
///     .with_prefix("billing:outbox:");
/// queue.enqueue(NewJob::new(JobId::new("msg_1"), b"{}".to_vec())).await?;
/// if let Some(claimed) = queue.claim(Duration::from_secs(30)).await? {
///     queue.ack(claimed.claim).await?;
/// }
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct RedisQueue {
    conn: ConnectionManager,
    prefix: Arc<str>,
    config: QueueConfig,
    scripts: Arc<Scripts>,
}

struct Scripts {
    enqueue: Script,
    claim: Script,
    renew: Script,
    ack: Script,
    retry: Script,
    dead: Script,
    replay: Script,
    dead_list: Script,
    stats: Script,
}

impl RedisQueue {
    /// The default key prefix, `hooksign:queue:`.
    pub const DEFAULT_PREFIX: &'static str = "hooksign:queue:";

    /// Connects to `url` (`redis://host:port/db`) with the idempotency store's connection
    /// settings ([`RedisStore::manager_config`]: fail fast, reconnect in the background).
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), hooksign::queue::QueueError> {
    /// let queue = hooksign::queue::RedisQueue::connect("redis://127.0.0.1/", Default::default()).await?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn connect(url: &str, config: QueueConfig) -> Result<Self, QueueError> {
        let client = redis::Client::open(url).map_err(|e| QueueError::Backend(e.to_string()))?;
        let conn = ConnectionManager::new_with_config(client, RedisStore::manager_config())
            .await
            .map_err(map_err)?;
        Ok(RedisQueue::new(conn, config))
    }

    /// A queue on an existing connection manager, with the
    /// [default prefix](Self::DEFAULT_PREFIX).
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = redis::Client::open("redis://127.0.0.1/")?;
    /// let conn = redis::aio::ConnectionManager::new(client).await?;
    /// let queue = hooksign::queue::RedisQueue::new(conn, Default::default());
    /// # Ok(())
    /// # }
    /// ```
    pub fn new(conn: ConnectionManager, config: QueueConfig) -> Self {
        RedisQueue {
            conn,
            prefix: Arc::from(Self::DEFAULT_PREFIX),
            config,
            scripts: Arc::new(Scripts {
                enqueue: Script::new(ENQUEUE),
                claim: Script::new(CLAIM),
                renew: Script::new(RENEW),
                ack: Script::new(ACK),
                retry: Script::new(RETRY),
                dead: Script::new(DEAD),
                replay: Script::new(REPLAY),
                dead_list: Script::new(DEAD_LIST),
                stats: Script::new(STATS),
            }),
        }
    }

    /// Sets the prefix of every key (workers that share a queue use the same prefix).
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), hooksign::queue::QueueError> {
    /// let queue = hooksign::queue::RedisQueue::connect("redis://127.0.0.1/", Default::default())
    ///     .await?
    ///     .with_prefix("shop:inbox:");
    /// assert_eq!(queue.prefix(), "shop:inbox:");
    /// # Ok(())
    /// # }
    /// ```
    pub fn with_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = Arc::from(prefix.into());
        self
    }

    /// The key prefix.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Runs `script` with the prefix as its first argument and `args` after it.
    async fn run<T: redis::FromRedisValue>(
        &self,
        script: &Script,
        args: impl FnOnce(&mut redis::ScriptInvocation<'_>),
    ) -> Result<T, QueueError> {
        let mut invocation = script.prepare_invoke();
        invocation.arg(&*self.prefix);
        args(&mut invocation);
        let mut conn = self.conn.clone();
        invocation.invoke_async(&mut conn).await.map_err(map_err)
    }

    /// The outcome of a script that answers 1 (done) or -1 (the claim is not held).
    fn held(code: i64, claim: Claim) -> Result<(), QueueError> {
        if code < 0 {
            return Err(QueueError::LeaseLost { id: claim.id });
        }
        Ok(())
    }
}

/// A claimed or dead job as the scripts return it.
type JobRow = (String, Vec<u8>, u32, u64, String, i64, String, u64);

fn job_from(row: JobRow) -> (Job, u64) {
    let (id, payload, attempt, enqueued, okey, has_report, report, at) = row;
    let job = Job {
        id: JobId::new(id),
        payload,
        attempt,
        enqueued_at: from_millis(enqueued),
        ordering_key: (!okey.is_empty()).then_some(okey),
        last_report: (has_report == 1).then(|| Report::new(report)),
    };
    (job, at)
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// A transient failure (`Unavailable`: retry later) or another answer (`Backend`), as the
/// idempotency store judges them.
fn map_err(err: RedisError) -> QueueError {
    if crate::idempotency::redis::is_transient(&err) {
        QueueError::Unavailable(err.to_string())
    } else {
        QueueError::Backend(err.to_string())
    }
}

impl Queue for RedisQueue {
    async fn enqueue(&self, job: NewJob) -> Result<Enqueued, QueueError> {
        check_id(&job.id)?;
        let due = job
            .due
            .map_or(-1, |at| i64::try_from(to_millis(at)).unwrap_or(i64::MAX));
        let stored: i64 = self
            .run(&self.scripts.enqueue, |s| {
                s.arg(job.id.as_str())
                    .arg(&job.payload[..])
                    .arg(due)
                    .arg(job.ordering_key.as_deref().unwrap_or(""));
            })
            .await?;
        Ok(if stored == 1 {
            Enqueued::New
        } else {
            Enqueued::Duplicate
        })
    }

    async fn claim(&self, lease: Duration) -> Result<Option<Claimed>, QueueError> {
        let token = unpredictable_token();
        let row: Option<JobRow> = self
            .run(&self.scripts.claim, |s| {
                s.arg(millis(lease)).arg(format!("{token:032x}"));
            })
            .await?;
        Ok(row.map(|row| {
            let (job, lease_end) = job_from(row);
            let claim = Claim::new(
                job.id.clone(),
                LeaseToken::new(token),
                from_millis(lease_end),
            );
            Claimed { job, claim }
        }))
    }

    async fn renew(&self, claim: &Claim, lease: Duration) -> Result<Claim, QueueError> {
        let lease_end: i64 = self
            .run(&self.scripts.renew, |s| {
                s.arg(claim.id.as_str())
                    .arg(format!("{:032x}", claim.token.value()))
                    .arg(millis(lease));
            })
            .await?;
        let lease_end = u64::try_from(lease_end).map_err(|_| QueueError::LeaseLost {
            id: claim.id.clone(),
        })?;
        Ok(Claim::new(
            claim.id.clone(),
            claim.token,
            from_millis(lease_end),
        ))
    }

    async fn ack(&self, claim: Claim) -> Result<(), QueueError> {
        let code: i64 = self
            .run(&self.scripts.ack, |s| {
                s.arg(claim.id.as_str())
                    .arg(format!("{:032x}", claim.token.value()))
                    .arg(millis(self.config.retention()).max(1));
            })
            .await?;
        Self::held(code, claim)
    }

    async fn retry_at(
        &self,
        claim: Claim,
        at: SystemTime,
        report: Report,
    ) -> Result<(), QueueError> {
        let code: i64 = self
            .run(&self.scripts.retry, |s| {
                s.arg(claim.id.as_str())
                    .arg(format!("{:032x}", claim.token.value()))
                    .arg(to_millis(at))
                    .arg(report.as_str());
            })
            .await?;
        Self::held(code, claim)
    }

    async fn dead_letter(&self, claim: Claim, report: Report) -> Result<(), QueueError> {
        let code: i64 = self
            .run(&self.scripts.dead, |s| {
                s.arg(claim.id.as_str())
                    .arg(format!("{:032x}", claim.token.value()))
                    .arg(report.as_str());
            })
            .await?;
        Self::held(code, claim)
    }

    async fn dead(&self, limit: usize) -> Result<Vec<DeadJob>, QueueError> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        let rows: Vec<JobRow> = self
            .run(&self.scripts.dead_list, |s| {
                s.arg(limit);
            })
            .await?;
        Ok(rows
            .into_iter()
            .map(|row| {
                let (job, died) = job_from(row);
                DeadJob {
                    job,
                    died_at: from_millis(died),
                }
            })
            .collect())
    }

    async fn replay(&self, limit: usize) -> Result<usize, QueueError> {
        if limit == 0 {
            return Ok(0);
        }
        let moved: usize = self
            .run(&self.scripts.replay, |s| {
                s.arg(limit);
            })
            .await?;
        Ok(moved)
    }

    async fn stats(&self) -> Result<Stats, QueueError> {
        let (ready, later, waiting, in_flight, dead, oldest, now): (
            u64,
            u64,
            u64,
            u64,
            u64,
            i64,
            u64,
        ) = self.run(&self.scripts.stats, |_| {}).await?;
        Ok(Stats {
            ready,
            scheduled: later + waiting,
            in_flight,
            dead,
            oldest_age: u64::try_from(oldest)
                .ok()
                .map(|at| Duration::from_millis(now.saturating_sub(at))),
        })
    }
}

impl fmt::Debug for RedisQueue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisQueue")
            .field("prefix", &self.prefix)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}
