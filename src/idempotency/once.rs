//! Run a closure exactly once per key.

use std::error::Error;
use std::fmt;
use std::future::Future;
use std::time::Duration;

use super::error::StoreError;
use super::store::{Begin, Store};
use crate::verified::IdempotencyKey;

/// What [`once`] did.
///
/// ```
/// use std::time::Duration;
/// use hooksign::idempotency::Outcome;
///
/// assert_eq!(Outcome::Processed(()).status(), 200);
/// assert_eq!(Outcome::<()>::Duplicate.status(), 200);
/// assert_eq!(Outcome::<()>::InProgress { retry_after: Duration::from_secs(5) }.status(), 409);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub enum Outcome<T> {
    /// The closure ran, succeeded, and the key was recorded as done.
    Processed(T),
    /// The key was processed before: the closure did not run.
    Duplicate,
    /// Another worker is processing the key: the closure did not run. Answer 409 with
    /// `Retry-After`.
    InProgress {
        /// When the other worker's lease expires at the latest.
        retry_after: Duration,
    },
}

impl<T> Outcome<T> {
    /// The status a receiver answers with: 200 when processed or a duplicate (the provider
    /// must stop retrying), 409 while in progress (the provider retries later).
    ///
    /// ```
    /// assert_eq!(hooksign::idempotency::Outcome::Processed("ok").status(), 200);
    /// ```
    pub fn status(&self) -> u16 {
        match self {
            Outcome::Processed(_) | Outcome::Duplicate => 200,
            Outcome::InProgress { .. } => 409,
        }
    }

    /// The closure's value, if it ran.
    ///
    /// ```
    /// assert_eq!(hooksign::idempotency::Outcome::Processed(7).processed(), Some(7));
    /// ```
    pub fn processed(self) -> Option<T> {
        match self {
            Outcome::Processed(value) => Some(value),
            _ => None,
        }
    }
}

/// Why [`once`] failed.
///
/// ```
/// use hooksign::idempotency::{OnceError, StoreError};
///
/// let err: OnceError<std::io::Error> = OnceError::Store(StoreError::Full { max_entries: 1 });
/// assert_eq!(err.status(), Some(503));
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum OnceError<E> {
    /// The store gave no answer (the closure did not run), or the closure succeeded but its
    /// completion could not be recorded (the lease expired or the store failed): the
    /// receiver answers 5xx and the redelivery is deduplicated, or processed again once the
    /// lease expires if the completion never reached the store.
    Store(StoreError),
    /// The closure failed; its lease was released so the next delivery processes the event.
    /// (If the release itself failed, the lease expires instead.)
    Handler(E),
}

impl<E> OnceError<E> {
    /// The status for a store failure ([`StoreError::status`]); `None` for a handler error,
    /// whose status the handler decides.
    ///
    /// ```
    /// use hooksign::idempotency::OnceError;
    /// assert_eq!(OnceError::Handler("boom").status(), None);
    /// ```
    pub fn status(&self) -> Option<u16> {
        match self {
            OnceError::Store(err) => Some(err.status()),
            OnceError::Handler(_) => None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for OnceError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OnceError::Store(err) => fmt::Display::fmt(err, f),
            OnceError::Handler(err) => write!(f, "the handler failed: {err}"),
        }
    }
}

impl<E: Error + 'static> Error for OnceError<E> {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            OnceError::Store(err) => Some(err),
            OnceError::Handler(err) => Some(err),
        }
    }
}

impl<E> From<StoreError> for OnceError<E> {
    fn from(err: StoreError) -> Self {
        OnceError::Store(err)
    }
}

/// Runs `process` unless `key` was processed or is being processed: `begin`, then
/// `complete` on `Ok` or `release` on `Err`.
///
/// If the returned future is dropped while `process` runs (a cancelled request) or
/// `process` panics, the lease is neither completed nor released: the key stays in progress
/// until the lease expires, then the next delivery processes it.
///
/// ```
/// # tokio::runtime::Runtime::new()?.block_on(async {
/// use hooksign::IdempotencyKey;
/// use hooksign::idempotency::{once, MemoryStore, OnceError, Outcome};
///
/// let store = MemoryStore::default();
/// let key = IdempotencyKey::new("stripe:evt_1");
///
/// // A failure releases the key…
/// let failed = once(&store, &key, || async { Err::<(), _>("database down") }).await;
/// assert!(matches!(failed, Err(OnceError::Handler("database down"))));
/// // …so the retry processes it, and the one after that is a duplicate.
/// assert_eq!(once(&store, &key, || async { Ok::<_, &str>(1) }).await.unwrap(), Outcome::Processed(1));
/// assert_eq!(once(&store, &key, || async { Ok::<_, &str>(2) }).await.unwrap(), Outcome::Duplicate);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub async fn once<S, F, Fut, T, E>(
    store: &S,
    key: &IdempotencyKey,
    process: F,
) -> Result<Outcome<T>, OnceError<E>>
where
    S: Store + ?Sized,
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let lease = match store.begin(key).await? {
        Begin::New(lease) => lease,
        Begin::Done => return Ok(Outcome::Duplicate),
        Begin::InProgress { retry_after } => return Ok(Outcome::InProgress { retry_after }),
    };
    match process().await {
        Ok(value) => {
            store.complete(lease).await?;
            Ok(Outcome::Processed(value))
        }
        Err(err) => {
            // The handler's error is what the caller needs; a failed release only delays the
            // retry until the lease expires, so it is not worth masking the cause.
            let _ = store.release(lease).await;
            Err(OnceError::Handler(err))
        }
    }
}
