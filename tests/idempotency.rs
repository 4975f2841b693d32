//! The idempotency store contract, checked against every store.
//!
//! - `memory_conformance` and `redis_store::conformance` (feature `test-util`): the exported
//!   conformance suite, `hooksign::idempotency::conformance`, one test per case, run on the
//!   memory store (manual clock: no sleeping) and, with feature `redis`, on the Redis store (a
//!   real `redis-server` started by the test on a free loopback port; time passes by
//!   sleeping).
//! - `memory`: the memory store's bound, eviction order, concurrency from threads, and use
//!   without an async runtime.
//! - `redis` (feature `redis`): many instances sharing a server, prefixes, wrong-typed keys,
//!   an unreachable server, and a server killed mid-run and restarted.
//!
//! Run: `cargo test --features redis,test-util --test idempotency` (needs `redis-server` on
//! PATH: `apt-get install -y redis-server`).
#![allow(
    clippy::unwrap_used,
    reason = "a failed step fails the benchmark or test loudly"
)]

use std::sync::Arc;
use std::time::Duration;

use hooksign::IdempotencyKey;
use hooksign::idempotency::{
    Begin, IdempotencyConfig, ManualClock, MemoryStore, Store, StoreError,
};

/// Lease and retention of the store-specific tests: short, because Redis' time passes for real.
const LEASE: Duration = Duration::from_millis(400);
const RETENTION: Duration = Duration::from_millis(1500);
/// Added to a wait that must cross an expiry, for scheduling and clock granularity.
const MARGIN: Duration = Duration::from_millis(150);

fn config() -> IdempotencyConfig {
    IdempotencyConfig::default()
        .with_lease(LEASE)
        .with_retention(RETENTION)
}

fn key(s: &str) -> IdempotencyKey {
    IdempotencyKey::new(s)
}

fn lease(begin: Result<Begin, StoreError>) -> hooksign::idempotency::Lease {
    match begin {
        Ok(Begin::New(lease)) => lease,
        other => panic!("expected a new lease, got {other:?}"),
    }
}

/// One `#[tokio::test]` per case of the exported suite, for a harness built by `$make`, and
/// a test that the list is the suite's whole list.
#[cfg(feature = "test-util")]
macro_rules! conformance {
    ($make:expr) => {
        conformance!(@cases $make;
            new_in_progress_done,
            release_lets_the_next_delivery_process,
            an_abandoned_lease_expires,
            completing_an_expired_lease_is_detected,
            releasing_a_lost_lease_leaves_the_new_owner_alone,
            a_foreign_lease_is_rejected,
            a_completed_key_is_remembered_for_the_retention,
            race_of_64_on_one_key,
            once_runs_the_closure_once,
        );
    };
    (@cases $make:expr; $($case:ident,)*) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn $case() {
                let harness = $make;
                hooksign::idempotency::conformance::$case(&harness).await;
            }
        )*

        #[test]
        fn every_case_of_the_suite_is_run() {
            assert_eq!(
                [$(stringify!($case)),*].as_slice(),
                hooksign::idempotency::conformance::CASES
            );
        }
    };
}

/// The memory store on a manual clock: the suite's waits take no time.
#[cfg(feature = "test-util")]
mod memory_conformance {
    use super::*;
    use hooksign::idempotency::conformance::{self, Harness};

    struct Memory {
        clock: ManualClock,
        store: Arc<MemoryStore<ManualClock>>,
        other: Arc<MemoryStore<ManualClock>>,
    }

    impl Memory {
        fn new() -> Self {
            let clock = ManualClock::new();
            Memory {
                store: Arc::new(MemoryStore::with_clock(
                    conformance::config(),
                    clock.clone(),
                )),
                other: Arc::new(MemoryStore::with_clock(
                    conformance::config(),
                    clock.clone(),
                )),
                clock,
            }
        }
    }

    impl Harness for Memory {
        type Store = MemoryStore<ManualClock>;
        fn store(&self) -> &Arc<Self::Store> {
            &self.store
        }
        fn other(&self) -> &Arc<Self::Store> {
            &self.other
        }
        async fn advance(&self, by: Duration) {
            self.clock.advance(by);
        }
    }

    conformance!(Memory::new());

    /// The suite has teeth: a store that breaks one guarantee fails the case that checks it.
    mod mutants {
        use super::*;
        use hooksign::idempotency::Lease;

        /// Which guarantee a [`Mutant`] breaks.
        #[derive(Clone, Copy, PartialEq)]
        enum Break {
            Nothing,
            /// `complete` forgets the key instead of remembering it (guarantee 2).
            ForgetsDone,
            /// `release` answers `Ok` and keeps the key blocked (guarantee 3).
            KeepsReleased,
        }

        /// A memory store that breaks one guarantee.
        struct Mutant {
            inner: MemoryStore<ManualClock>,
            breaks: Break,
        }

        impl Store for Mutant {
            async fn begin(&self, key: &IdempotencyKey) -> Result<Begin, StoreError> {
                self.inner.begin(key).await
            }
            async fn complete(&self, lease: Lease) -> Result<(), StoreError> {
                if self.breaks == Break::ForgetsDone {
                    self.inner.release(lease).await
                } else {
                    self.inner.complete(lease).await
                }
            }
            async fn release(&self, lease: Lease) -> Result<(), StoreError> {
                if self.breaks == Break::KeepsReleased {
                    drop(lease);
                    Ok(())
                } else {
                    self.inner.release(lease).await
                }
            }
        }

        struct Mutants {
            clock: ManualClock,
            store: Arc<Mutant>,
            other: Arc<Mutant>,
        }

        impl Mutants {
            fn new(breaks: Break) -> Self {
                let clock = ManualClock::new();
                let mutant = || {
                    Arc::new(Mutant {
                        inner: MemoryStore::with_clock(conformance::config(), clock.clone()),
                        breaks,
                    })
                };
                Mutants {
                    store: mutant(),
                    other: mutant(),
                    clock,
                }
            }
        }

        impl Harness for Mutants {
            type Store = Mutant;
            fn store(&self) -> &Arc<Mutant> {
                &self.store
            }
            fn other(&self) -> &Arc<Mutant> {
                &self.other
            }
            async fn advance(&self, by: Duration) {
                self.clock.advance(by);
            }
        }

        /// Runs `case` on its own task and says whether it panicked.
        async fn fails<F>(case: F) -> bool
        where
            F: std::future::Future<Output = ()> + Send + 'static,
        {
            tokio::spawn(case).await.is_err_and(|e| e.is_panic())
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
        async fn a_store_that_forgets_completed_keys_fails() {
            assert!(
                fails(async {
                    conformance::new_in_progress_done(&Mutants::new(Break::ForgetsDone)).await
                })
                .await
            );
            assert!(
                fails(async {
                    conformance::once_runs_the_closure_once(&Mutants::new(Break::ForgetsDone)).await
                })
                .await
            );
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
        async fn a_store_whose_release_keeps_the_key_fails() {
            assert!(
                fails(async {
                    conformance::release_lets_the_next_delivery_process(&Mutants::new(
                        Break::KeepsReleased,
                    ))
                    .await
                })
                .await
            );
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
        async fn the_unbroken_store_passes_the_same_cases() {
            let h = Mutants::new(Break::Nothing);
            conformance::new_in_progress_done(&h).await;
            conformance::release_lets_the_next_delivery_process(&Mutants::new(Break::Nothing))
                .await;
            conformance::once_runs_the_closure_once(&Mutants::new(Break::Nothing)).await;
        }
    }
}

/// The memory store's own promises: the bound, eviction order, threads, no runtime.
mod memory {
    use super::*;
    use std::task::{Context, Poll, Waker};

    /// Drives a memory-store future without a runtime: its futures are ready at once.
    fn now<F: std::future::Future>(f: F) -> F::Output {
        let mut f = std::pin::pin!(f);
        match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(v) => v,
            Poll::Pending => panic!("a memory store future was not ready on first poll"),
        }
    }

    #[test]
    fn works_without_an_async_runtime() {
        let store = MemoryStore::default();
        let l = lease(now(store.begin(&key("a"))));
        now(store.complete(l)).unwrap();
        assert!(matches!(now(store.begin(&key("a"))), Ok(Begin::Done)));
    }

    #[test]
    fn far_more_keys_than_the_bound_keep_memory_bounded() {
        const MAX: usize = 5_000;
        let store = MemoryStore::new(IdempotencyConfig::default().with_max_entries(MAX));
        for i in 0..200_000 {
            let l = lease(now(store.begin(&key(&format!("k{i}")))));
            now(store.complete(l)).unwrap();
            if i % 10_000 == 0 {
                assert!(store.len() <= MAX);
            }
        }
        assert!(store.len() <= MAX, "{} entries", store.len());
        assert!(
            store.len() >= MAX * 9 / 10,
            "the bound is used: {}",
            store.len()
        );
        assert_eq!(store.evictions() as usize, 200_000 - store.len());
        // The newest keys are still remembered.
        assert!(matches!(now(store.begin(&key("k199999"))), Ok(Begin::Done)));
    }

    #[test]
    fn a_live_lease_is_never_evicted() {
        const MAX: usize = 3_000; // several shards
        let store = MemoryStore::new(IdempotencyConfig::default().with_max_entries(MAX));
        let mut held = Vec::new();
        let mut full = 0;
        for i in 0..10_000 {
            match now(store.begin(&key(&format!("live{i}")))) {
                Ok(Begin::New(l)) => held.push(l),
                Err(StoreError::Full { max_entries }) => {
                    assert_eq!(max_entries, MAX);
                    full += 1;
                }
                other => panic!("unexpected {other:?}"),
            }
        }
        assert!(held.len() <= MAX && store.len() <= MAX);
        assert_eq!(held.len() + full, 10_000);
        assert!(full >= 10_000 - MAX);
        assert_eq!(store.evictions(), 0);
        // Every lease handed out is still held, and can be completed.
        for l in &held {
            assert!(matches!(
                now(store.begin(l.key())),
                Ok(Begin::InProgress { .. })
            ));
        }
        let n = held.len();
        for l in held {
            now(store.complete(l)).unwrap();
        }
        // Completed keys make room again (by eviction, oldest first).
        for i in 0..n {
            let l = lease(now(store.begin(&key(&format!("after{i}")))));
            now(store.release(l)).unwrap();
        }
    }

    #[test]
    fn expired_entries_go_first_then_the_oldest_completed() {
        let clock = ManualClock::new();
        let store = MemoryStore::with_clock(config().with_max_entries(3), clock.clone());
        let _abandoned = lease(now(store.begin(&key("abandoned"))));
        for k in ["done1", "done2"] {
            let l = lease(now(store.begin(&key(k))));
            now(store.complete(l)).unwrap();
        }
        assert_eq!(store.len(), 3);
        clock.advance(LEASE + MARGIN);
        // The abandoned lease expired: it makes room, nothing completed is evicted.
        let live = lease(now(store.begin(&key("live"))));
        assert_eq!((store.len(), store.evictions()), (3, 0));
        // Now full of live data: the oldest completed key goes.
        let l = lease(now(store.begin(&key("next"))));
        assert_eq!(store.evictions(), 1);
        assert!(matches!(now(store.begin(&key("done2"))), Ok(Begin::Done)));
        assert!(matches!(
            now(store.begin(l.key())),
            Ok(Begin::InProgress { .. })
        ));
        assert!(matches!(
            now(store.begin(live.key())),
            Ok(Begin::InProgress { .. })
        ));
        // `done1` was forgotten: a redelivery is processed again (the documented cost).
        // Taking it evicts `done2`, the only completed key left.
        let again = lease(now(store.begin(&key("done1"))));
        assert_eq!(store.evictions(), 2);
        // Three live leases: no room, and none is evicted.
        assert!(matches!(
            now(store.begin(&key("more"))),
            Err(StoreError::Full { max_entries: 3 })
        ));
        for l in [live, l, again] {
            now(store.complete(l)).unwrap();
        }
    }

    #[test]
    fn threads_racing_on_shared_keys_get_one_new_each() {
        const THREADS: usize = 8;
        const KEYS: usize = 2_000;
        let store = Arc::new(MemoryStore::default());
        let news: usize = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..THREADS)
                .map(|t| {
                    let store = Arc::clone(&store);
                    scope.spawn(move || {
                        let mut news = 0;
                        for i in 0..KEYS {
                            // Each thread walks the keys from a different start.
                            let k = key(&format!("k{}", (i + t * 97) % KEYS));
                            match now(store.begin(&k)) {
                                Ok(Begin::New(l)) => {
                                    news += 1;
                                    now(store.complete(l)).unwrap();
                                }
                                Ok(Begin::InProgress { .. } | Begin::Done) => {}
                                Err(e) => panic!("{e}"),
                            }
                        }
                        news
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).sum()
        });
        assert_eq!(news, KEYS);
        assert_eq!(store.len(), KEYS);
    }

    #[test]
    fn a_tiny_lease_and_retention_are_clamped_to_one_millisecond() {
        let c = IdempotencyConfig::default()
            .with_lease(Duration::ZERO)
            .with_retention(Duration::ZERO)
            .with_max_entries(0);
        assert_eq!(c.lease, Duration::from_millis(1));
        assert_eq!(c.retention, Duration::from_millis(1));
        assert_eq!(c.max_entries, 1);
    }

    #[test]
    fn defaults_are_documented_values() {
        let c = IdempotencyConfig::default();
        assert_eq!(c.lease, Duration::from_secs(120));
        assert_eq!(c.retention, Duration::from_secs(7 * 24 * 3600));
        assert_eq!(c.max_entries, 100_000);
    }
}

#[cfg(feature = "redis")]
#[path = "support/redis_server.rs"]
mod redis_support;

#[cfg(feature = "redis")]
mod redis_store {
    use super::redis_support::RedisServer;
    use super::*;
    use hooksign::idempotency::RedisStore;
    use std::time::Instant;

    /// Two stores on one real server; time passes by sleeping.
    #[cfg(feature = "test-util")]
    mod conformance {
        use super::*;
        use hooksign::idempotency::conformance::{self, Harness};

        struct Redis {
            store: Arc<RedisStore>,
            other: Arc<RedisStore>,
            // Dropped last: kills the server.
            _server: RedisServer,
        }

        impl Redis {
            async fn new() -> Self {
                let server = RedisServer::start();
                let store = RedisStore::connect(&server.url(), conformance::config())
                    .await
                    .unwrap();
                let other = RedisStore::connect(&server.url(), conformance::config())
                    .await
                    .unwrap();
                Redis {
                    store: Arc::new(store),
                    other: Arc::new(other),
                    _server: server,
                }
            }
        }

        impl Harness for Redis {
            type Store = RedisStore;
            fn store(&self) -> &Arc<RedisStore> {
                &self.store
            }
            fn other(&self) -> &Arc<RedisStore> {
                &self.other
            }
            async fn advance(&self, by: Duration) {
                tokio::time::sleep(by).await;
            }
        }

        conformance!(Redis::new().await);
    }

    async fn raw(server: &RedisServer) -> ::redis::aio::MultiplexedConnection {
        ::redis::Client::open(server.url())
            .unwrap()
            .get_multiplexed_async_connection()
            .await
            .unwrap()
    }

    /// Eight receiver instances (own connections) × 8 tasks race for each of 20 keys.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn many_instances_sharing_redis_process_each_key_once() {
        let server = RedisServer::start();
        let mut instances = Vec::new();
        for _ in 0..8 {
            instances.push(Arc::new(
                RedisStore::connect(&server.url(), config()).await.unwrap(),
            ));
        }
        for n in 0..20 {
            let k = key(&format!("github:multi-{n}"));
            let barrier = Arc::new(tokio::sync::Barrier::new(64));
            let tasks: Vec<_> = (0..64)
                .map(|i| {
                    let store = Arc::clone(&instances[i % 8]);
                    let (k, barrier) = (k.clone(), Arc::clone(&barrier));
                    tokio::spawn(async move {
                        barrier.wait().await;
                        match store.begin(&k).await.unwrap() {
                            Begin::New(l) => {
                                store.complete(l).await.unwrap();
                                1
                            }
                            Begin::InProgress { .. } | Begin::Done => 0,
                        }
                    })
                })
                .collect();
            let mut news = 0;
            for t in tasks {
                news += t.await.unwrap();
            }
            assert_eq!(news, 1, "key {k}");
        }
    }

    #[tokio::test]
    async fn keys_are_namespaced_by_the_prefix() {
        let server = RedisServer::start();
        let a = RedisStore::connect(&server.url(), config())
            .await
            .unwrap()
            .with_prefix("app-a:");
        let b = RedisStore::connect(&server.url(), config())
            .await
            .unwrap()
            .with_prefix("app-b:");
        let k = key("github:1");
        a.complete(lease(a.begin(&k).await)).await.unwrap();
        assert!(matches!(a.begin(&k).await, Ok(Begin::Done)));
        let l = lease(b.begin(&k).await);

        let mut conn = raw(&server).await;
        let done: String = ::redis::cmd("GET")
            .arg("app-a:github:1")
            .query_async(&mut conn)
            .await
            .unwrap();
        assert_eq!(done, "done");
        let ttl: i64 = ::redis::cmd("PTTL")
            .arg("app-a:github:1")
            .query_async(&mut conn)
            .await
            .unwrap();
        assert!(ttl > LEASE.as_millis() as i64 && ttl <= RETENTION.as_millis() as i64);
        let held: String = ::redis::cmd("GET")
            .arg("app-b:github:1")
            .query_async(&mut conn)
            .await
            .unwrap();
        assert_ne!(held, "done");
        b.release(l).await.unwrap();
        let gone: Option<String> = ::redis::cmd("GET")
            .arg("app-b:github:1")
            .query_async(&mut conn)
            .await
            .unwrap();
        assert_eq!(gone, None);
        assert_eq!(RedisStore::DEFAULT_PREFIX, "hooksign:idem:");
    }

    #[tokio::test]
    async fn a_foreign_value_under_the_key_is_an_error_not_an_answer() {
        let server = RedisServer::start();
        let store = RedisStore::connect(&server.url(), config()).await.unwrap();
        let mut conn = raw(&server).await;
        let _: () = ::redis::cmd("LPUSH")
            .arg("hooksign:idem:github:list")
            .arg("x")
            .query_async(&mut conn)
            .await
            .unwrap();
        let err = store.begin(&key("github:list")).await.unwrap_err();
        assert!(matches!(err, StoreError::Backend(_)), "{err:?}");
        assert_eq!(err.status(), 503);
    }

    #[tokio::test]
    async fn connecting_to_nothing_is_unavailable() {
        let port = {
            let server = RedisServer::start();
            server.port
        }; // killed: nothing listens there now
        let started = Instant::now();
        let err = RedisStore::connect(&format!("redis://127.0.0.1:{port}/"), config())
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Unavailable(_)), "{err:?}");
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    /// Kill Redis while 16 workers process events, check every call fails cleanly and fast,
    /// restart it on the same port, and check the same store recovers with the data intact.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn redis_killed_mid_run_then_restarted() {
        let mut server = RedisServer::start_persistent();
        let long = IdempotencyConfig::default()
            .with_lease(Duration::from_secs(60))
            .with_retention(Duration::from_secs(600));
        let store = Arc::new(RedisStore::connect(&server.url(), long).await.unwrap());

        let done_key = key("stripe:before");
        store
            .complete(lease(store.begin(&done_key).await))
            .await
            .unwrap();
        let held_key = key("stripe:held");
        let held = lease(store.begin(&held_key).await);

        // Workers: begin + complete on fresh keys until told to stop.
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let workers: Vec<_> = (0..16)
            .map(|w| {
                let (store, stop) = (Arc::clone(&store), Arc::clone(&stop));
                tokio::spawn(async move {
                    let mut log = Vec::new(); // (key, completed)
                    let mut errors = 0;
                    let mut i = 0;
                    while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                        i += 1;
                        let k = key(&format!("mid:{w}:{i}"));
                        match store.begin(&k).await {
                            Ok(Begin::New(l)) => match store.complete(l).await {
                                Ok(()) => log.push((k, true)),
                                Err(StoreError::Unavailable(_)) => {
                                    log.push((k, false));
                                    errors += 1;
                                }
                                Err(e) => panic!("complete: {e:?}"),
                            },
                            // A fresh key is never in progress or done: no false answer.
                            Ok(other) => panic!("fresh key {k}: {other:?}"),
                            Err(StoreError::Unavailable(_)) => errors += 1,
                            Err(e) => panic!("begin: {e:?}"),
                        }
                        if errors > 0 {
                            tokio::time::sleep(Duration::from_millis(20)).await;
                        }
                    }
                    (log, errors)
                })
            })
            .collect();

        tokio::time::sleep(Duration::from_millis(300)).await;
        server.kill();
        tokio::time::sleep(Duration::from_millis(500)).await;

        // While Redis is down, every call fails with `Unavailable`, quickly.
        for _ in 0..3 {
            for k in [&done_key, &held_key, &key("stripe:new")] {
                let started = Instant::now();
                let err = store.begin(k).await.unwrap_err();
                assert!(matches!(err, StoreError::Unavailable(_)), "{err:?}");
                assert!(
                    started.elapsed() < Duration::from_secs(3),
                    "{:?}",
                    started.elapsed()
                );
            }
        }
        let err = store.release(held).await.unwrap_err();
        assert!(matches!(err, StoreError::Unavailable(_)), "{err:?}");
        assert_eq!(err.status(), 503);

        server.restart();

        // The same store recovers by itself.
        let started = Instant::now();
        let recovered = loop {
            match store.begin(&key("stripe:after")).await {
                Ok(begin) => break begin,
                Err(StoreError::Unavailable(_)) if started.elapsed() < Duration::from_secs(10) => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("did not recover: {e:?}"),
            }
        };
        store
            .complete(recovered.into_lease().unwrap())
            .await
            .unwrap();

        stop.store(true, std::sync::atomic::Ordering::SeqCst);
        let mut completed = 0;
        let mut unknown = 0;
        let mut worker_errors = 0;
        for w in workers {
            let (log, errors) = w.await.expect("a worker panicked");
            worker_errors += errors;
            for (k, ok) in log {
                let after = store.begin(&k).await.unwrap();
                if ok {
                    // Acknowledged completions survived the kill (AOF, fsync always).
                    assert!(matches!(after, Begin::Done), "{k}: {after:?}");
                    completed += 1;
                } else {
                    // Unknown outcome: the lease or the completion may have landed, but the
                    // key is never handed out as new.
                    assert!(!after.is_new(), "{k}: {after:?}");
                    unknown += 1;
                }
            }
        }
        assert!(
            completed > 0 && worker_errors > 0,
            "{completed} {worker_errors}"
        );
        eprintln!(
            "fault run: {completed} events completed, {unknown} of unknown outcome (never new), \
             {worker_errors} Unavailable errors in the workers"
        );

        assert!(matches!(store.begin(&done_key).await, Ok(Begin::Done)));
        // The release during the outage never happened: the lease is still there.
        assert!(matches!(
            store.begin(&held_key).await,
            Ok(Begin::InProgress { .. })
        ));
    }
}
