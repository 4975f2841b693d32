//! Exactly-once processing of verified deliveries.
//!
//! Providers deliver *at least* once: GitHub redelivers on request, Stripe retries for up to
//! three days, Slack retries after 3 s, and a replay inside the tolerance window verifies
//! fine. A [`Store`] remembers which [`IdempotencyKey`]s were processed, so each event is
//! processed once, on one receiver instance or on many:
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

mod clock;
mod config;
mod error;
mod memory;
mod once;
#[cfg(feature = "redis")]
mod redis;
mod store;
mod token;

pub use clock::{Clock, ManualClock, SystemClock};
pub use config::IdempotencyConfig;
pub use error::StoreError;
pub use memory::MemoryStore;
pub use once::{OnceError, Outcome, once};
#[cfg(feature = "redis")]
#[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
pub use redis::RedisStore;
pub use store::{Begin, Lease, Store};

pub use crate::IdempotencyKey;
