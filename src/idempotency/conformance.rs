//! The store conformance suite (feature `test-util`): the cases [`MemoryStore`] and
//! `RedisStore` pass, to run on a [`Store`] of your own.
//!
//! Each case is an `async fn` taking a [`Harness`]: the store under test, a second store of
//! the same kind, and a way to let time pass for them. Run them one by one (one test each,
//! as below) or all in a row with [`run_all`]. A failing case panics with what it expected.
//!
//! - Build the stores with a lease of [`LEASE`] and a retention of [`RETENTION`]
//!   ([`config`] is that as an [`IdempotencyConfig`]). Both are short, so that a store whose
//!   time passes for real (a server's clock) is checked in a few seconds.
//! - Run the cases inside a multi-threaded Tokio runtime: one of them spawns 64 tasks that
//!   race on one key. Each case uses its own keys, but expects a fresh harness (an empty
//!   store, or an empty namespace of a shared backend).
//!
//! The suite checks guarantees 1 to 5 of [`Store`](Store#implementing-a-store) (one live
//! lease per key, done is remembered, release forgets, leases expire, only the holder
//! settles) and [`once`] on top of them. What it cannot provoke, your store's own tests must
//! cover: backend failures (guarantee 6) and many processes sharing the backend (1 and 7).
//!
//! # Example: a store of your own
//!
//! A store in one `Mutex<HashMap>`, on a [`ManualClock`] so that the suite moves its time
//! instead of sleeping, with one test per case:
//!
//! ```
//! use std::collections::HashMap;
//! use std::sync::{Arc, Mutex};
//! use std::time::{Duration, Instant};
//!
//! use hooksign::IdempotencyKey;
//! use hooksign::idempotency::conformance::{self, Harness};
//! use hooksign::idempotency::{
//!     Begin, Clock, IdempotencyConfig, Lease, LeaseToken, ManualClock, Store, StoreError, StoreId,
//! };
//!
//! enum Row {
//!     Leased { until: Instant, token: u128 },
//!     Done { until: Instant },
//! }
//!
//! #[derive(Default)]
//! struct Table {
//!     rows: HashMap<String, Row>,
//!     issued: u128,
//! }
//!
//! /// Everything a store must get right, and nothing else.
//! struct TableStore {
//!     table: Arc<Mutex<Table>>,
//!     id: StoreId,
//!     clock: ManualClock,
//!     config: IdempotencyConfig,
//! }
//!
//! impl TableStore {
//!     fn lock(&self) -> Result<std::sync::MutexGuard<'_, Table>, StoreError> {
//!         self.table.lock().map_err(|_| StoreError::Backend("the table is poisoned".into()))
//!     }
//!
//!     /// Done until `until` (complete), or forgotten (release), if the lease is still held.
//!     fn settle(&self, lease: Lease, done_until: Option<Instant>) -> Result<(), StoreError> {
//!         if lease.issuer() != self.id {
//!             return Err(StoreError::Foreign { key: lease.into_key() });
//!         }
//!         let now = self.clock.now();
//!         let mut table = self.lock()?;
//!         let key = lease.key().as_str();
//!         match table.rows.get(key) {
//!             Some(Row::Leased { until, token }) if *token == lease.token().value() => {
//!                 if *until <= now {
//!                     table.rows.remove(key);
//!                     return Err(StoreError::Expired { key: lease.into_key() });
//!                 }
//!                 match done_until {
//!                     Some(until) => table.rows.insert(key.to_owned(), Row::Done { until }),
//!                     None => table.rows.remove(key),
//!                 };
//!                 Ok(())
//!             }
//!             // Another delivery holds or completed the key since.
//!             Some(Row::Leased { until, .. } | Row::Done { until }) if *until > now => {
//!                 Err(StoreError::LeaseLost { key: lease.into_key() })
//!             }
//!             _ => Err(StoreError::Expired { key: lease.into_key() }),
//!         }
//!     }
//! }
//!
//! impl Store for TableStore {
//!     async fn begin(&self, key: &IdempotencyKey) -> Result<Begin, StoreError> {
//!         let now = self.clock.now();
//!         let mut table = self.lock()?;
//!         match table.rows.get(key.as_str()) {
//!             Some(Row::Leased { until, .. }) if *until > now => {
//!                 return Ok(Begin::InProgress { retry_after: *until - now });
//!             }
//!             Some(Row::Done { until }) if *until > now => return Ok(Begin::Done),
//!             _ => {}
//!         }
//!         table.issued += 1;
//!         let token = table.issued;
//!         let until = now + self.config.lease;
//!         table.rows.insert(key.as_str().to_owned(), Row::Leased { until, token });
//!         Ok(Begin::New(Lease::new(key.clone(), until, self.id, LeaseToken::new(token))))
//!     }
//!
//!     async fn complete(&self, lease: Lease) -> Result<(), StoreError> {
//!         let until = self.clock.now() + self.config.retention;
//!         self.settle(lease, Some(until))
//!     }
//!
//!     async fn release(&self, lease: Lease) -> Result<(), StoreError> {
//!         self.settle(lease, None)
//!     }
//! }
//!
//! /// Two stores on one table (each its own `StoreId`) and the clock they share.
//! struct Tables {
//!     store: Arc<TableStore>,
//!     other: Arc<TableStore>,
//!     clock: ManualClock,
//! }
//!
//! impl Tables {
//!     fn new() -> Self {
//!         let (table, clock) = (Arc::default(), ManualClock::new());
//!         let store = |table: &Arc<Mutex<Table>>| {
//!             Arc::new(TableStore {
//!                 table: Arc::clone(table),
//!                 id: StoreId::unique(),
//!                 clock: clock.clone(),
//!                 config: conformance::config(),
//!             })
//!         };
//!         Tables { store: store(&table), other: store(&table), clock }
//!     }
//! }
//!
//! impl Harness for Tables {
//!     type Store = TableStore;
//!     fn store(&self) -> &Arc<TableStore> {
//!         &self.store
//!     }
//!     fn other(&self) -> &Arc<TableStore> {
//!         &self.other
//!     }
//!     async fn advance(&self, by: Duration) {
//!         self.clock.advance(by);
//!     }
//! }
//!
//! // In a test file, one test per case:
//! //
//! //     #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
//! //     async fn an_abandoned_lease_expires() {
//! //         conformance::an_abandoned_lease_expires(&Tables::new()).await;
//! //     }
//! //
//! // or every case in one test:
//! let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(4).build()?;
//! runtime.block_on(conformance::run_all(|| async { Tables::new() }));
//! # Ok::<(), std::io::Error>(())
//! ```

// A conformance suite is a test: a step that fails must fail it loudly, with the step's error.
#![allow(clippy::unwrap_used, reason = "a failed step fails the suite, loudly")]

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use super::config::IdempotencyConfig;
use super::error::StoreError;
use super::once::{OnceError, Outcome, once};
use super::store::{Begin, Lease, Store};
#[cfg(doc)]
use super::{clock::ManualClock, memory::MemoryStore};
use crate::verified::IdempotencyKey;

/// The lease time the stores under test are built with: short, because a server's time
/// passes for real.
pub const LEASE: Duration = Duration::from_millis(400);

/// The retention period the stores under test are built with.
pub const RETENTION: Duration = Duration::from_millis(1500);

/// What the suite adds to a wait that must cross an expiry, for scheduling and clock
/// granularity: a store must have expired a lease by [`LEASE`] + `MARGIN` after `begin`.
pub const MARGIN: Duration = Duration::from_millis(150);

/// The default configuration with a lease of [`LEASE`] and a retention of [`RETENTION`].
///
/// ```
/// use hooksign::idempotency::conformance;
///
/// let config = conformance::config();
/// assert_eq!((config.lease, config.retention), (conformance::LEASE, conformance::RETENTION));
/// ```
pub fn config() -> IdempotencyConfig {
    IdempotencyConfig::default()
        .with_lease(LEASE)
        .with_retention(RETENTION)
}

/// A store under test, and how to let time pass for it.
///
/// See the [module documentation](self#example-a-store-of-your-own) for an implementation.
pub trait Harness {
    /// The type of store under test.
    type Store: Store + 'static;

    /// The store under test, built with a lease of [`LEASE`] and a retention of
    /// [`RETENTION`] ([`config`]).
    fn store(&self) -> &Arc<Self::Store>;

    /// A second store of the same kind and configuration, with its own
    /// [`StoreId`](super::StoreId) (on the same backend, where there is one): its leases are
    /// foreign to [`store`](Self::store)'s.
    fn other(&self) -> &Arc<Self::Store>;

    /// Lets `by` pass for both stores: advance their clock, or sleep when their time is real.
    fn advance(&self, by: Duration) -> impl Future<Output = ()> + Send;
}

fn key(s: &str) -> IdempotencyKey {
    IdempotencyKey::new(s)
}

#[track_caller]
fn lease(begin: Result<Begin, StoreError>) -> Lease {
    match begin {
        Ok(Begin::New(lease)) => lease,
        other => panic!("expected a new lease, got {other:?}"),
    }
}

/// `begin` on a fresh key is *new*; while its lease is held, *in progress* with a
/// `retry_after` above zero and at most [`LEASE`]; once completed, *done*. Other keys are independent.
pub async fn new_in_progress_done<H: Harness>(h: &H) {
    let s = h.store();
    let k = key("github:1");
    let l = lease(s.begin(&k).await);
    assert_eq!(l.key(), &k);
    match s.begin(&k).await {
        Ok(Begin::InProgress { retry_after }) => {
            assert!(
                retry_after > Duration::ZERO && retry_after <= LEASE,
                "{retry_after:?}"
            );
        }
        other => panic!("expected in progress, got {other:?}"),
    }
    s.complete(l).await.unwrap();
    assert!(matches!(s.begin(&k).await, Ok(Begin::Done)));
    assert!(matches!(s.begin(&k).await, Ok(Begin::Done)));
    // Other keys are independent.
    let other = lease(s.begin(&key("github:2")).await);
    s.release(other).await.unwrap();
}

/// A released key is *new* again, and can then be completed.
pub async fn release_lets_the_next_delivery_process<H: Harness>(h: &H) {
    let s = h.store();
    let k = key("stripe:evt_1");
    let l = lease(s.begin(&k).await);
    s.release(l).await.unwrap();
    let l = lease(s.begin(&k).await);
    s.complete(l).await.unwrap();
    assert!(matches!(s.begin(&k).await, Ok(Begin::Done)));
}

/// A lease neither completed nor released blocks its key until it expires, then the next
/// `begin` is *new*; the late holder cannot settle it any more ([`StoreError::LeaseLost`]).
pub async fn an_abandoned_lease_expires<H: Harness>(h: &H) {
    let s = h.store();
    let k = key("slack:Ev1");
    let crashed = lease(s.begin(&k).await);
    h.advance(LEASE / 2).await;
    assert!(matches!(s.begin(&k).await, Ok(Begin::InProgress { .. })));
    h.advance(LEASE / 2 + MARGIN).await;
    let retry = lease(s.begin(&k).await);
    // The crashed worker wakes up: its lease was taken over, and it cannot settle it.
    assert!(matches!(s.complete(crashed).await, Err(StoreError::LeaseLost { key }) if key == k));
    assert!(matches!(s.begin(&k).await, Ok(Begin::InProgress { .. })));
    s.complete(retry).await.unwrap();
    assert!(matches!(s.begin(&k).await, Ok(Begin::Done)));
}

/// Completing or releasing a lease that expired, with nobody after it, fails with
/// [`StoreError::Expired`], and the key is not recorded as done.
pub async fn completing_an_expired_lease_is_detected<H: Harness>(h: &H) {
    let s = h.store();
    let k = key("shopify:1");
    let late = lease(s.begin(&k).await);
    h.advance(LEASE + MARGIN).await;
    assert!(matches!(s.complete(late).await, Err(StoreError::Expired { key }) if key == k));
    // Not silently recorded as done: the next delivery processes it.
    let l = lease(s.begin(&k).await);
    s.release(l).await.unwrap();

    let late = lease(s.begin(&k).await);
    h.advance(LEASE + MARGIN).await;
    assert!(matches!(
        s.release(late).await,
        Err(StoreError::Expired { .. })
    ));
}

/// Settling a lease whose key another delivery took since (and holds, or completed) fails
/// with [`StoreError::LeaseLost`] and leaves the other delivery's lease or completion alone.
pub async fn releasing_a_lost_lease_leaves_the_new_owner_alone<H: Harness>(h: &H) {
    let s = h.store();
    let k = key("svix:msg_1");
    let late = lease(s.begin(&k).await);
    h.advance(LEASE + MARGIN).await;
    let owner = lease(s.begin(&k).await);
    assert!(matches!(
        s.release(late).await,
        Err(StoreError::LeaseLost { .. })
    ));
    assert!(matches!(s.begin(&k).await, Ok(Begin::InProgress { .. })));
    s.complete(owner).await.unwrap();

    // Also when the new owner already completed it.
    let k = key("svix:msg_2");
    let late = lease(s.begin(&k).await);
    h.advance(LEASE + MARGIN).await;
    let owner = lease(s.begin(&k).await);
    s.complete(owner).await.unwrap();
    assert!(matches!(
        s.complete(late).await,
        Err(StoreError::LeaseLost { .. })
    ));
    assert!(matches!(s.begin(&k).await, Ok(Begin::Done)));
}

/// A lease issued by the [other](Harness::other) store is refused with
/// [`StoreError::Foreign`], both ways, and changes nothing.
pub async fn a_foreign_lease_is_rejected<H: Harness>(h: &H) {
    let (s, other) = (h.store(), h.other());
    let k = key("github:foreign");
    let l = lease(s.begin(&k).await);
    assert!(matches!(other.complete(l).await, Err(StoreError::Foreign { key }) if key == k));
    let l2 = lease(other.begin(&key("github:foreign-2")).await);
    assert!(matches!(
        s.release(l2).await,
        Err(StoreError::Foreign { .. })
    ));
    // The rejected completion changed nothing.
    assert!(matches!(s.begin(&k).await, Ok(Begin::InProgress { .. })));
}

/// A completed key is *done* past its lease time, until [`RETENTION`] has passed.
pub async fn a_completed_key_is_remembered_for_the_retention<H: Harness>(h: &H) {
    let s = h.store();
    let k = key("stripe:evt_retained");
    let l = lease(s.begin(&k).await);
    s.complete(l).await.unwrap();
    // Completing extended the key's life from the lease to the retention period.
    h.advance(LEASE + MARGIN).await;
    assert!(matches!(s.begin(&k).await, Ok(Begin::Done)));
    h.advance(RETENTION - LEASE).await;
    let l = lease(s.begin(&k).await);
    s.release(l).await.unwrap();
}

/// 64 tasks race for the same key: exactly one gets *new*, the others *in progress*; once
/// completed, 64 more all get *done*.
pub async fn race_of_64_on_one_key<H: Harness>(h: &H) {
    let k = key("github:race");
    let barrier = Arc::new(tokio::sync::Barrier::new(64));
    let tasks: Vec<_> = (0..64)
        .map(|_| {
            let store = Arc::clone(h.store());
            let barrier = Arc::clone(&barrier);
            let k = k.clone();
            tokio::spawn(async move {
                // All 64 start together, on the runtime's worker threads.
                barrier.wait().await;
                store.begin(&k).await
            })
        })
        .collect();
    let mut leases = Vec::new();
    let mut in_progress = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(Begin::New(l)) => leases.push(l),
            Ok(Begin::InProgress { .. }) => in_progress += 1,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!((leases.len(), in_progress), (1, 63));
    h.store().complete(leases.pop().unwrap()).await.unwrap();

    let tasks: Vec<_> = (0..64)
        .map(|_| {
            let store = Arc::clone(h.store());
            let k = k.clone();
            tokio::spawn(async move { store.begin(&k).await })
        })
        .collect();
    for t in tasks {
        assert!(matches!(t.await.unwrap(), Ok(Begin::Done)));
    }
}

/// [`once`] on the store: the closure runs once per key; a failure releases the key; it does
/// not run while another worker holds the key; and a closure that outlives its lease cannot
/// record success ([`OnceError::Store`] with [`StoreError::Expired`]).
pub async fn once_runs_the_closure_once<H: Harness>(h: &H) {
    let s = h.store();
    let k = key("stripe:evt_once");
    let runs = std::sync::atomic::AtomicUsize::new(0);
    let run = || async {
        runs.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Ok::<_, std::io::Error>("ok")
    };
    assert_eq!(once(s, &k, run).await.unwrap(), Outcome::Processed("ok"));
    assert_eq!(once(s, &k, run).await.unwrap(), Outcome::Duplicate);
    assert_eq!(runs.load(std::sync::atomic::Ordering::SeqCst), 1);

    // A failing closure releases the key; the next delivery processes it.
    let k = key("stripe:evt_fails");
    let err = once(s, &k, || async { Err::<(), _>("boom") }).await;
    assert!(matches!(err, Err(OnceError::Handler("boom"))));
    assert_eq!(
        once(s, &k, || async { Ok::<_, &str>(2) }).await.unwrap(),
        Outcome::Processed(2)
    );

    // While another worker holds the key, the closure does not run.
    let k = key("stripe:evt_busy");
    let held = lease(s.begin(&k).await);
    let busy = once(s, &k, || async { Ok::<_, &str>(()) }).await.unwrap();
    assert!(matches!(busy, Outcome::InProgress { .. }));
    assert_eq!(busy.status(), 409);
    s.release(held).await.unwrap();

    // A closure that outlives its lease cannot record success.
    let k = key("stripe:evt_slow");
    let slow = once(s, &k, || async {
        h.advance(LEASE + MARGIN).await;
        Ok::<_, &str>(())
    })
    .await;
    assert!(matches!(
        slow,
        Err(OnceError::Store(StoreError::Expired { .. }))
    ));
}

/// Declares [`CASES`] and [`run_all`] from one list, so neither can miss a case.
macro_rules! cases {
    ($($case:ident,)*) => {
        /// The name of every case, in the order [`run_all`] runs them: each is a function of
        /// this module.
        ///
        /// ```
        /// use hooksign::idempotency::conformance::CASES;
        /// assert!(CASES.contains(&"race_of_64_on_one_key"));
        /// ```
        pub const CASES: &[&str] = &[$(stringify!($case)),*];

        /// Runs every case in a row, each on a fresh harness from `make`, naming each on
        /// standard error before it starts (a test shows it when the case fails).
        ///
        /// ```
        /// use hooksign::idempotency::conformance::{self, Harness};
        /// use hooksign::idempotency::{IdempotencyConfig, ManualClock, MemoryStore};
        /// use std::sync::Arc;
        /// use std::time::Duration;
        ///
        /// struct Memory {
        ///     clock: ManualClock,
        ///     store: Arc<MemoryStore<ManualClock>>,
        ///     other: Arc<MemoryStore<ManualClock>>,
        /// }
        ///
        /// impl Harness for Memory {
        ///     type Store = MemoryStore<ManualClock>;
        ///     fn store(&self) -> &Arc<Self::Store> { &self.store }
        ///     fn other(&self) -> &Arc<Self::Store> { &self.other }
        ///     async fn advance(&self, by: Duration) { self.clock.advance(by) }
        /// }
        ///
        /// let make = || async {
        ///     let clock = ManualClock::new();
        ///     let store = || Arc::new(MemoryStore::with_clock(conformance::config(), clock.clone()));
        ///     Memory { store: store(), other: store(), clock }
        /// };
        /// let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(4).build()?;
        /// runtime.block_on(conformance::run_all(make));
        /// # Ok::<(), std::io::Error>(())
        /// ```
        pub async fn run_all<H, F, Fut>(mut make: F)
        where
            H: Harness,
            F: FnMut() -> Fut,
            Fut: Future<Output = H>,
        {
            $(
                eprintln!("store conformance: {}", stringify!($case));
                $case(&make().await).await;
            )*
        }
    };
}

cases! {
    new_in_progress_done,
    release_lets_the_next_delivery_process,
    an_abandoned_lease_expires,
    completing_an_expired_lease_is_detected,
    releasing_a_lost_lease_leaves_the_new_owner_alone,
    a_foreign_lease_is_rejected,
    a_completed_key_is_remembered_for_the_retention,
    race_of_64_on_one_key,
    once_runs_the_closure_once,
}
