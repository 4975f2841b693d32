//! The in-process store: sharded maps behind `std` mutexes, bounded by `max_entries`.

use std::collections::hash_map::RandomState;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use super::clock::{Clock, SystemClock};
use super::config::IdempotencyConfig;
use super::error::StoreError;
use super::store::{Begin, Lease, Store};
use super::token::{LeaseToken, StoreId};
use crate::verified::IdempotencyKey;

/// At most this many shards: enough to keep lock contention low on a many-core machine.
const MAX_SHARDS: usize = 16;
/// At least this many entries per shard: a small store is one shard, so its bound and
/// eviction order are exact; a large one is split where hashing spreads keys evenly.
const MIN_SHARD_ENTRIES: usize = 1024;

/// The default store: one process, no dependency, bounded memory.
///
/// Keys are spread over up to 16 shards (one per 1024 entries of the bound), each a
/// `HashMap` behind a `std::sync::Mutex`; every call takes one shard's lock for well under a
/// microsecond and never awaits, so its futures are ready at once and work in any runtime
/// (or none).
///
/// # The bound
///
/// The store holds at most [`IdempotencyConfig::max_entries`] entries (leases and completed
/// keys), split evenly across shards (so a large store may start evicting a little before
/// the total reaches the bound, when one shard fills first). When `begin` needs room in a
/// full shard:
///
/// 1. expired entries (leases past their lease time, completed keys past retention) are
///    dropped first; this also happens on every insertion, so memory tracks live entries;
/// 2. then the **oldest completed** key is evicted (counted by [`evictions`](Self::evictions)):
///    a redelivery of that event would be processed again, so size the bound for your rate ×
///    retention (about 200 bytes per entry);
/// 3. a live lease is **never** evicted: if every entry of the shard is a live lease,
///    `begin` fails with [`StoreError::Full`], the receiver answers 503 and the provider
///    retries after leases complete or expire.
///
/// ```
/// # tokio::runtime::Runtime::new()?.block_on(async {
/// use hooksign::IdempotencyKey;
/// use hooksign::idempotency::{Begin, IdempotencyConfig, MemoryStore, Store, StoreError};
///
/// let store = MemoryStore::new(IdempotencyConfig::default().with_max_entries(1));
/// let first = store.begin(&IdempotencyKey::new("a")).await?.into_lease().unwrap();
/// // The only slot holds a live lease: no room, and it is not evicted.
/// assert!(matches!(store.begin(&IdempotencyKey::new("b")).await, Err(StoreError::Full { .. })));
/// store.complete(first).await?;
/// // A completed key may be evicted to make room.
/// assert!(store.begin(&IdempotencyKey::new("b")).await?.is_new());
/// assert_eq!(store.evictions(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct MemoryStore<C: Clock = SystemClock> {
    shards: Box<[Mutex<Shard>]>,
    hasher: RandomState,
    config: IdempotencyConfig,
    clock: C,
    id: StoreId,
    evictions: AtomicU64,
}

/// One shard: the entries, plus two indexes ordered by deadline so expired entries and the
/// oldest completed key are found without scanning.
struct Shard {
    map: HashMap<Arc<str>, Entry>,
    /// Live (or not yet purged) leases by (expiry, seq).
    leases: BTreeMap<(Instant, u64), Arc<str>>,
    /// Completed keys by (end of retention, seq). Retention is the same for every key, so
    /// this is also completion order: the first entry is the oldest completed key.
    done: BTreeMap<(Instant, u64), Arc<str>>,
    cap: usize,
    /// Tie-breaker for the indexes, and the lease token: unique within the shard, and a key
    /// always maps to the same shard.
    seq: u64,
}

#[derive(Clone, Copy)]
enum Entry {
    Leased {
        deadline: Instant,
        seq: u64,
    },
    /// Completed; its end of retention lives in the `done` index.
    Done,
}

impl MemoryStore<SystemClock> {
    /// A store on the system clock.
    ///
    /// ```
    /// use hooksign::idempotency::{IdempotencyConfig, MemoryStore};
    ///
    /// let store = MemoryStore::new(IdempotencyConfig::default());
    /// assert_eq!(store.config().max_entries, 100_000);
    /// ```
    pub fn new(config: IdempotencyConfig) -> Self {
        MemoryStore::with_clock(config, SystemClock)
    }
}

impl Default for MemoryStore<SystemClock> {
    fn default() -> Self {
        MemoryStore::new(IdempotencyConfig::default())
    }
}

impl<C: Clock> MemoryStore<C> {
    /// A store reading time from `clock` (e.g. a [`ManualClock`](super::ManualClock) in tests).
    ///
    /// ```
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// use std::time::Duration;
    /// use hooksign::IdempotencyKey;
    /// use hooksign::idempotency::{Begin, IdempotencyConfig, ManualClock, MemoryStore, Store};
    ///
    /// let clock = ManualClock::new();
    /// let store = MemoryStore::with_clock(IdempotencyConfig::default(), clock.clone());
    /// let key = IdempotencyKey::new("github:1");
    /// let _crashed = store.begin(&key).await?;
    /// assert!(matches!(store.begin(&key).await?, Begin::InProgress { .. }));
    /// clock.advance(IdempotencyConfig::DEFAULT_LEASE);
    /// assert!(store.begin(&key).await?.is_new());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_clock(config: IdempotencyConfig, clock: C) -> Self {
        let config = config.with_max_entries(config.max_entries);
        let shards = (config.max_entries / MIN_SHARD_ENTRIES).clamp(1, MAX_SHARDS);
        // Spread the bound exactly: the first `max % shards` shards take one more entry.
        let base = config.max_entries / shards;
        let extra = config.max_entries % shards;
        let shards = (0..shards)
            .map(|i| {
                Mutex::new(Shard {
                    map: HashMap::new(),
                    leases: BTreeMap::new(),
                    done: BTreeMap::new(),
                    cap: base + usize::from(i < extra),
                    seq: 0,
                })
            })
            .collect();
        MemoryStore {
            shards,
            hasher: RandomState::new(),
            config,
            clock,
            id: StoreId::unique(),
            evictions: AtomicU64::new(0),
        }
    }

    /// The configuration.
    ///
    /// ```
    /// # use hooksign::idempotency::{IdempotencyConfig, MemoryStore};
    /// assert_eq!(MemoryStore::default().config(), &IdempotencyConfig::default());
    /// ```
    pub fn config(&self) -> &IdempotencyConfig {
        &self.config
    }

    /// How many entries (leases and completed keys, including expired ones not purged yet)
    /// the store holds; never more than `max_entries`.
    ///
    /// ```
    /// # use hooksign::idempotency::MemoryStore;
    /// assert_eq!(MemoryStore::default().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.shards.iter().map(|s| lock(s).map.len()).sum()
    }

    /// Whether the store holds no entry.
    ///
    /// ```
    /// # use hooksign::idempotency::MemoryStore;
    /// assert!(MemoryStore::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many completed keys were evicted before their retention ended to make room. Each
    /// is an event that a redelivery would process again: if it grows, raise `max_entries`.
    ///
    /// ```
    /// # use hooksign::idempotency::MemoryStore;
    /// assert_eq!(MemoryStore::default().evictions(), 0);
    /// ```
    pub fn evictions(&self) -> u64 {
        self.evictions.load(Ordering::Relaxed)
    }

    fn shard(&self, key: &str) -> MutexGuard<'_, Shard> {
        // At most 16 shards, so the modulo's bias is irrelevant.
        let i = (self.hasher.hash_one(key) % self.shards.len() as u64) as usize;
        lock(&self.shards[i])
    }

    fn begin_now(&self, key: &IdempotencyKey) -> Result<Begin, StoreError> {
        let now = self.clock.now();
        let mut shard = self.shard(key.as_str());
        shard.purge_expired(now);
        match shard.map.get(key.as_str()).copied() {
            Some(Entry::Leased { deadline, .. }) => {
                return Ok(Begin::InProgress {
                    retry_after: deadline - now,
                });
            }
            Some(Entry::Done) => return Ok(Begin::Done),
            None => {}
        }
        if shard.map.len() >= shard.cap {
            match shard.done.pop_first() {
                Some((_, evicted)) => {
                    shard.map.remove(&evicted);
                    self.evictions.fetch_add(1, Ordering::Relaxed);
                }
                None => {
                    return Err(StoreError::Full {
                        max_entries: self.config.max_entries,
                    });
                }
            }
        }
        shard.seq += 1;
        let seq = shard.seq;
        let deadline = now + self.config.lease;
        let k: Arc<str> = Arc::from(key.as_str());
        shard.leases.insert((deadline, seq), Arc::clone(&k));
        shard.map.insert(k, Entry::Leased { deadline, seq });
        // The sequence number is unique among the key's leases (a key always maps to this
        // shard). It need not be unpredictable: only code in this process can hand a lease
        // to this store.
        Ok(Begin::New(Lease::new(
            key.clone(),
            deadline,
            self.id,
            LeaseToken::new(u128::from(seq)),
        )))
    }

    /// Settles `lease`: `Some(until)` marks the key done until then, `None` forgets it.
    fn settle(&self, lease: Lease, done_until: Option<Instant>) -> Result<(), StoreError> {
        if lease.issuer() != self.id {
            return Err(StoreError::Foreign {
                key: lease.into_key(),
            });
        }
        let now = self.clock.now();
        let mut shard = self.shard(lease.key().as_str());
        match shard.map.get(lease.key().as_str()).copied() {
            Some(Entry::Leased { deadline, seq }) if u128::from(seq) == lease.token().value() => {
                shard.leases.remove(&(deadline, seq));
                if deadline <= now {
                    // Expired but not purged yet: the lease is gone all the same, and the
                    // store's clock decides, so both stores agree.
                    shard.map.remove(lease.key().as_str());
                    return Err(StoreError::Expired {
                        key: lease.into_key(),
                    });
                }
                let removed = shard.map.remove_entry(lease.key().as_str());
                if let (Some(until), Some((k, _))) = (done_until, removed) {
                    shard.seq += 1;
                    let seq = shard.seq;
                    shard.done.insert((until, seq), Arc::clone(&k));
                    shard.map.insert(k, Entry::Done);
                }
                shard.purge_expired(now);
                Ok(())
            }
            Some(_) => Err(StoreError::LeaseLost {
                key: lease.into_key(),
            }),
            None => Err(StoreError::Expired {
                key: lease.into_key(),
            }),
        }
    }
}

impl Shard {
    /// Drops every expired lease and completed key. Amortized O(1) per insertion: each entry
    /// is dropped once, and only the front of each index is looked at.
    fn purge_expired(&mut self, now: Instant) {
        while let Some(entry) = self.leases.first_entry() {
            if entry.key().0 > now {
                break;
            }
            let k = entry.remove();
            self.map.remove(&k);
        }
        while let Some(entry) = self.done.first_entry() {
            if entry.key().0 > now {
                break;
            }
            let k = entry.remove();
            self.map.remove(&k);
        }
    }
}

/// A panic while a shard was locked cannot leave it inconsistent in a way that matters more
/// than refusing service would: every mutation keeps the map and indexes in step before
/// anything that can panic, so the poisoned state is used as is.
fn lock(shard: &Mutex<Shard>) -> MutexGuard<'_, Shard> {
    shard.lock().unwrap_or_else(PoisonError::into_inner)
}

impl<C: Clock> Store for MemoryStore<C> {
    async fn begin(&self, key: &IdempotencyKey) -> Result<Begin, StoreError> {
        self.begin_now(key)
    }

    async fn complete(&self, lease: Lease) -> Result<(), StoreError> {
        let until = self.clock.now() + self.config.retention;
        self.settle(lease, Some(until))
    }

    async fn release(&self, lease: Lease) -> Result<(), StoreError> {
        self.settle(lease, None)
    }
}

impl<C: Clock + fmt::Debug> fmt::Debug for MemoryStore<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemoryStore")
            .field("config", &self.config)
            .field("shards", &self.shards.len())
            .field("clock", &self.clock)
            .field("evictions", &self.evictions())
            .finish_non_exhaustive()
    }
}
