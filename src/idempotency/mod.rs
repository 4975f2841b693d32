//! Exactly-once processing of verified deliveries.
//!
//! Providers deliver *at least* once: GitHub redelivers on request, Stripe retries for up to
//! three days, Slack retries after 3 s, and a replay inside the tolerance window verifies
//! fine. A [`Store`] remembers which [`IdempotencyKey`](crate::IdempotencyKey)s were
//! processed, so each event is processed once, on one receiver instance or on many:
//!
//! - [`Store::begin`] answers atomically: [`Begin::New`] with a [`Lease`] (process it now),
//!   [`Begin::InProgress`] (another worker holds a live lease: answer 409 with `Retry-After`)
//!   or [`Begin::Done`] (processed before: answer 200 without processing).
//! - [`Store::complete`] records success: the key is remembered for
//!   [`IdempotencyConfig::retention`]. [`Store::release`] records failure: the next delivery
//!   processes the event again.
//! - A lease neither completed nor released expires after [`IdempotencyConfig::lease`], so a
//!   crashed worker never blocks an event forever. Completing or releasing a lease that
//!   expired, was taken over, or comes from another store is an error, never silently
//!   accepted.
//! - [`once`] wraps the three calls around a closure.
//! - A [`WebhookLease`] is a lease held together with its store, as the integrations hand it
//!   to a handler: it settles itself, and is released if dropped unsettled.
//!
//! Two stores share one conformance suite: [`MemoryStore`] (the default, one process) and
//! `RedisStore` (feature `redis`, many instances sharing a Redis server).
//!
//! ```
//! use hooksign::IdempotencyKey;
//! use hooksign::idempotency::{once, IdempotencyConfig, MemoryStore, Outcome};
//!
//! # tokio::runtime::Runtime::new()?.block_on(async {
//! let store = MemoryStore::new(IdempotencyConfig::default());
//! let key = IdempotencyKey::new("github:72d3162e");
//!
//! let first = once(&store, &key, || async { Ok::<_, std::io::Error>("charged") }).await?;
//! assert_eq!(first, Outcome::Processed("charged"));
//!
//! // The provider redelivers: the closure does not run again.
//! let again = once(&store, &key, || async { Ok::<_, std::io::Error>("charged twice") }).await?;
//! assert_eq!(again, Outcome::Duplicate);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # })?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Faults
//!
//! Every call either returns a definite answer or a [`StoreError`]; a store never guesses.
//! When the backend is unreachable or dies mid-call, `begin`, `complete` and `release` return
//! [`StoreError::Unavailable`]: the receiver answers 503 and the provider retries later. A
//! call whose effect reached the server but whose reply was lost errs on the safe side: a
//! `begin` leaves a lease that blocks the key (*in progress*) until it expires, a `complete`
//! leaves the key *done*; neither is ever reported as *new* by mistake.
//!
//! # Conformance
//!
//! [`Store`] is open: a store of your own builds its leases with [`Lease::new`] and must keep
//! the guarantees listed [on the trait](Store#implementing-a-store). The suite both built-in
//! stores pass is exported as `conformance` (feature `test-util`), to run on yours; its
//! documentation has a complete store as an example.

// The modules are the crate's paths to these items (`crate::idempotency::store::Store`); the
// re-exports below are the one public path of each.
pub(crate) mod clock;
pub(crate) mod config;
#[cfg(feature = "test-util")]
#[cfg_attr(docsrs, doc(cfg(feature = "test-util")))]
pub mod conformance;
pub(crate) mod error;
pub(crate) mod lease;
pub(crate) mod memory;
pub(crate) mod once;
#[cfg(feature = "redis")]
pub(crate) mod redis;
pub(crate) mod store;
pub(crate) mod token;

pub use clock::{Clock, ManualClock, SystemClock};
pub use config::IdempotencyConfig;
pub use error::StoreError;
pub use lease::WebhookLease;
pub use memory::MemoryStore;
pub use once::{OnceError, Outcome, once};
#[cfg(feature = "redis")]
#[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
pub use redis::RedisStore;
pub use store::{Begin, Lease, Store};
pub use token::{LeaseToken, StoreId};
