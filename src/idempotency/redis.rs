//! The shared store: Redis, one round trip per call.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{ErrorKind, RedisError, Script, ServerErrorKind};

use super::config::IdempotencyConfig;
use super::error::StoreError;
use super::store::{Begin, Lease, Store};
use super::token::{LeaseToken, StoreId};
use crate::verified::IdempotencyKey;

/// The value of a completed key. Lease values are `<32 hex>.<digits>`, so never equal to it.
const DONE: &str = "done";

/// Settles a lease only if the key still holds this lease's value: `GET` and `SET`/`DEL`
/// must be one atomic step, or a worker whose lease expired could overwrite the lease of the
/// worker that took over. Returns 1 when settled, 0 when the key is gone (the lease
/// expired), -1 when it holds another lease or `done` (the lease was lost).
const COMPLETE: &str = r"
local v = redis.call('GET', KEYS[1])
if v == ARGV[1] then
  redis.call('SET', KEYS[1], 'done', 'PX', ARGV[2])
  return 1
elseif v == false then
  return 0
end
return -1
";
const RELEASE: &str = r"
local v = redis.call('GET', KEYS[1])
if v == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
elseif v == false then
  return 0
end
return -1
";

/// A store in Redis (≥ 7.0), shared by every receiver instance that uses the same server and
/// prefix. Feature `redis`; needs a Tokio runtime (the `redis` crate's connection manager).
///
/// # Protocol
///
/// - `begin` is one command, `SET <prefix><key> <token>.<deadline> NX PX <lease> GET`: it
///   sets the lease if the key is absent (reply nil: *new*) and otherwise returns the current
///   value without changing it: `done` (*done*), or another lease (*in progress*, with
///   `retry_after` read from the deadline the other worker wrote, in Unix milliseconds, so no
///   second round trip for `PTTL` is needed). `NX` together with `GET` needs Redis 7.0; a
///   Lua script would do the same but costs a script call on the hot path.
/// - `complete` and `release` are one `EVALSHA` each (loaded on first use and again after a
///   server restart): the script compares the key's value with the lease's token and only
///   then sets `done` with `PX <retention>` or deletes it, so a late worker never settles the
///   lease of the worker that took over.
/// - The token is 128 unpredictable bits per lease, unique across instances.
///
/// # Faults
///
/// Every failure is an error, never a guess: when Redis is unreachable, times out, or dies
/// mid-call, the call returns [`StoreError::Unavailable`] within about the response timeout
/// (1 s with [`RedisStore::connect`]); the receiver answers 503 and the provider retries. The
/// connection manager reconnects in the background on the next calls, so the store recovers
/// by itself once Redis is back, without a restart. Lost replies err on the safe side (see
/// the [module documentation](super#faults)).
///
/// What Redis forgets, the store forgets: run it with persistence (AOF) or replication if a
/// restart must not let completed events be processed again, and with
/// `maxmemory-policy noeviction` (writes fail, so calls fail, when memory is full): an
/// evicting policy could drop a live lease, letting a duplicate through.
///
/// ```no_run
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// use hooksign::IdempotencyKey;
/// use hooksign::idempotency::{once, IdempotencyConfig, Outcome, RedisStore};
///
/// let store = RedisStore::connect("redis://127.0.0.1:6379", IdempotencyConfig::default())
///     .await?
///     .with_prefix("billing:webhooks:");
/// let key = IdempotencyKey::new("stripe:evt_1");
/// let outcome = once(&store, &key, || async { Ok::<_, std::io::Error>(()) }).await?;
/// assert_eq!(outcome, Outcome::Processed(()));
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct RedisStore {
    conn: ConnectionManager,
    prefix: Arc<str>,
    config: IdempotencyConfig,
    scripts: Arc<Scripts>,
    id: StoreId,
}

struct Scripts {
    complete: Script,
    release: Script,
}

impl RedisStore {
    /// The default key prefix, `hooksign:idem:`.
    pub const DEFAULT_PREFIX: &'static str = "hooksign:idem:";

    /// Connects to `url` (`redis://host:port/db`) with [`RedisStore::manager_config`], and
    /// fails with [`StoreError::Unavailable`] if Redis does not answer.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), hooksign::idempotency::StoreError> {
    /// use hooksign::idempotency::{IdempotencyConfig, RedisStore};
    /// let store = RedisStore::connect("redis://127.0.0.1/", IdempotencyConfig::default()).await?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn connect(url: &str, config: IdempotencyConfig) -> Result<Self, StoreError> {
        let client = redis::Client::open(url).map_err(|e| StoreError::Backend(Box::new(e)))?;
        let conn = ConnectionManager::new_with_config(client, Self::manager_config())
            .await
            .map_err(map_err)?;
        Ok(RedisStore::new(conn, config))
    }

    /// The connection manager settings [`connect`](Self::connect) uses: fail fast rather than
    /// hold a webhook request while Redis is down (the provider's own timeout is 5 to 30 s,
    /// and its retry is the better reconnection loop): 1 s response timeout, 1 s connection
    /// timeout, 2 reconnection retries 50 ms to 500 ms apart.
    ///
    /// ```
    /// use std::time::Duration;
    /// use hooksign::idempotency::RedisStore;
    /// let config = RedisStore::manager_config();
    /// assert_eq!(config.response_timeout(), Some(Duration::from_secs(1)));
    /// ```
    pub fn manager_config() -> ConnectionManagerConfig {
        ConnectionManagerConfig::new()
            .set_response_timeout(Some(Duration::from_secs(1)))
            .set_connection_timeout(Some(Duration::from_secs(1)))
            .set_number_of_retries(2)
            .set_min_delay(Duration::from_millis(50))
            .set_max_delay(Duration::from_millis(500))
    }

    /// A store on an existing connection manager (for TLS, authentication or your own
    /// timeouts), with the [default prefix](Self::DEFAULT_PREFIX).
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// use hooksign::idempotency::{IdempotencyConfig, RedisStore};
    /// let client = redis::Client::open("redis://127.0.0.1/")?;
    /// let conn = redis::aio::ConnectionManager::new(client).await?;
    /// let store = RedisStore::new(conn, IdempotencyConfig::default());
    /// # Ok(())
    /// # }
    /// ```
    pub fn new(conn: ConnectionManager, config: IdempotencyConfig) -> Self {
        RedisStore {
            conn,
            prefix: Arc::from(Self::DEFAULT_PREFIX),
            config,
            scripts: Arc::new(Scripts {
                complete: Script::new(COMPLETE),
                release: Script::new(RELEASE),
            }),
            id: StoreId::unique(),
        }
    }

    /// Sets the prefix put before every key, to share a Redis database between applications
    /// (instances that must deduplicate together use the same prefix).
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// # use hooksign::idempotency::{IdempotencyConfig, RedisStore};
    /// let store = RedisStore::connect("redis://127.0.0.1/", IdempotencyConfig::default())
    ///     .await?
    ///     .with_prefix("shop:hooks:");
    /// assert_eq!(store.prefix(), "shop:hooks:");
    /// # Ok(())
    /// # }
    /// ```
    pub fn with_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = Arc::from(prefix.into());
        self
    }

    /// The key prefix.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// # use hooksign::idempotency::{IdempotencyConfig, RedisStore};
    /// let store = RedisStore::connect("redis://127.0.0.1/", IdempotencyConfig::default()).await?;
    /// assert_eq!(store.prefix(), RedisStore::DEFAULT_PREFIX);
    /// # Ok(())
    /// # }
    /// ```
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The configuration (`max_entries` is not used: Redis' `maxmemory` bounds it).
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// # use hooksign::idempotency::{IdempotencyConfig, RedisStore};
    /// let store = RedisStore::connect("redis://127.0.0.1/", IdempotencyConfig::default()).await?;
    /// assert_eq!(store.config().lease, IdempotencyConfig::DEFAULT_LEASE);
    /// # Ok(())
    /// # }
    /// ```
    pub fn config(&self) -> &IdempotencyConfig {
        &self.config
    }

    fn redis_key(&self, key: &IdempotencyKey) -> Vec<u8> {
        let mut k = Vec::with_capacity(self.prefix.len() + key.as_str().len());
        k.extend_from_slice(self.prefix.as_bytes());
        k.extend_from_slice(key.as_str().as_bytes());
        k
    }

    async fn settle(&self, lease: Lease, script: &Script) -> Result<(), StoreError> {
        if lease.issuer() != self.id {
            return Err(StoreError::Foreign {
                key: lease.into_key(),
            });
        }
        let mut conn = self.conn.clone();
        let code: i64 = script
            .key(self.redis_key(lease.key()))
            .arg(lease_value(lease.token()))
            .arg(millis(self.config.retention))
            .invoke_async(&mut conn)
            .await
            .map_err(map_err)?;
        match code {
            1 => Ok(()),
            0 => Err(StoreError::Expired {
                key: lease.into_key(),
            }),
            _ => Err(StoreError::LeaseLost {
                key: lease.into_key(),
            }),
        }
    }
}

/// What a lease stores: its token's value (ownership) and its stamp, the deadline in Unix
/// milliseconds (for other instances' `retry_after`).
fn lease_value(token: LeaseToken) -> String {
    format!("{:032x}.{}", token.value(), token.stamp())
}

/// `PX` takes whole milliseconds, at least 1.
fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX).max(1)
}

fn unix_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// Whether a Redis failure may pass by itself: unreachable, timed out, dropped, or not serving
/// yet (loading, failing over, read-only replica). Anything else is an answer retrying will
/// not change. The store and the queue (`crate::queue::RedisQueue`) judge alike.
pub(crate) fn is_transient(err: &RedisError) -> bool {
    err.is_io_error()
        || err.is_timeout()
        || err.is_connection_dropped()
        || err.is_connection_refusal()
        || matches!(
            err.kind(),
            ErrorKind::Server(
                ServerErrorKind::BusyLoading
                    | ServerErrorKind::TryAgain
                    | ServerErrorKind::MasterDown
                    | ServerErrorKind::ClusterDown
                    | ServerErrorKind::ReadOnly
            )
        )
}

/// A transient failure is `Unavailable` (retry later), any other `Backend`.
fn map_err(err: RedisError) -> StoreError {
    if is_transient(&err) {
        StoreError::Unavailable(Box::new(err))
    } else {
        StoreError::Backend(Box::new(err))
    }
}

impl Store for RedisStore {
    async fn begin(&self, key: &IdempotencyKey) -> Result<Begin, StoreError> {
        // Both clocks are read before sending, so the local estimates are never later than
        // the server's expiry.
        let expires_at = Instant::now() + self.config.lease;
        let deadline_ms = unix_ms().saturating_add(millis(self.config.lease));
        let token = LeaseToken::new(super::token::unpredictable_token()).with_stamp(deadline_ms);
        let mut conn = self.conn.clone();
        let previous: Option<String> = redis::cmd("SET")
            .arg(self.redis_key(key))
            .arg(lease_value(token))
            .arg("NX")
            .arg("PX")
            .arg(millis(self.config.lease))
            .arg("GET")
            .query_async(&mut conn)
            .await
            .map_err(map_err)?;
        Ok(match previous {
            None => Begin::New(Lease::new(key.clone(), expires_at, self.id, token)),
            Some(v) if v == DONE => Begin::Done,
            Some(v) => Begin::InProgress {
                retry_after: self.retry_after(&v),
            },
        })
    }

    async fn complete(&self, lease: Lease) -> Result<(), StoreError> {
        self.settle(lease, &self.scripts.complete).await
    }

    async fn release(&self, lease: Lease) -> Result<(), StoreError> {
        self.settle(lease, &self.scripts.release).await
    }
}

impl RedisStore {
    /// The time left on another worker's lease, from the deadline in its value; clamped to
    /// (0, lease] since instances' clocks differ a little, and the lease time when the value
    /// is not one of ours.
    fn retry_after(&self, value: &str) -> Duration {
        let remaining = value
            .rsplit_once('.')
            .and_then(|(_, ms)| ms.parse::<u64>().ok())
            .map(|deadline| Duration::from_millis(deadline.saturating_sub(unix_ms())));
        remaining
            .unwrap_or(self.config.lease)
            .clamp(Duration::from_millis(1), self.config.lease)
    }
}

impl fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisStore")
            .field("prefix", &self.prefix)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}
