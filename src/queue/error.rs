//! Why a queue call failed.

use super::job::JobId;

/// Why a queue call failed. Every call either gives a definite answer or one of these; none
/// panics on a backend failure.
///
/// ```
/// use hooksign::queue::{JobId, QueueError};
/// let err = QueueError::LeaseLost { id: JobId::new("j") };
/// assert!(err.to_string().contains("j"));
/// assert!(!err.is_retryable());
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum QueueError {
    /// The claim is no longer the job's: its lease expired and another worker claimed the job,
    /// or the job was settled already. Nothing was changed.
    #[error("job {id}: the claim is no longer held (its lease expired or the job was settled)")]
    LeaseLost {
        /// The job.
        id: JobId,
    },
    /// The job is not in the queue (never enqueued, or finished and forgotten).
    #[error("job {id} is not in the queue")]
    NotFound {
        /// The job.
        id: JobId,
    },
    /// The job is not acceptable: an empty or over-long id.
    #[error("job id must be 1 to {max} bytes, not {len}")]
    BadId {
        /// The id's length.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// The backend did not answer (unreachable, timed out, restarting): retrying later may
    /// work. Whether the call took effect is unknown; every call is safe to repeat.
    #[error("queue backend unavailable: {0}")]
    Unavailable(String),
    /// The backend answered with something the queue cannot use (a wrong-typed key, a script
    /// error).
    #[error("queue backend error: {0}")]
    Backend(String),
}

impl QueueError {
    /// Whether trying the same call again later may succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(self, QueueError::Unavailable(_))
    }
}

/// Refuses an id the backend should not store.
pub(crate) fn check_id(id: &JobId) -> Result<(), QueueError> {
    let len = id.as_str().len();
    if len == 0 || len > JobId::MAX_LEN {
        return Err(QueueError::BadId {
            len,
            max: JobId::MAX_LEN,
        });
    }
    Ok(())
}
