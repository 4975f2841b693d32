//! Verified deliveries written to a durable inbox and answered at once (features `queue` and
//! a framework): what both frameworks' inbox handlers share.

use super::webhook::Webhook;
use crate::idempotency::Store;
use crate::provider::Verify;
use crate::queue::{Enqueued, Inbox, Queue, QueueError};

/// How an inbox handler answers: 202 once the delivery is stored, 200 for a delivery the
/// inbox already holds (the provider's retry), 503 with `Retry-After` when the queue could
/// not store it (the provider retries later, nothing is lost).
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) body: String,
    pub(crate) retry_after: Option<u32>,
}

/// Stores `hook`'s verified delivery in `inbox`; a lease the hook holds (a configuration with
/// an idempotency store) is completed once the delivery is stored, since storing it is this
/// handler's whole effect.
pub(crate) async fn accept<P, Q, S>(hook: Webhook<P>, inbox: &Inbox<Q, S>) -> Answer
where
    P: Verify + Send + Sync + 'static,
    Q: Queue,
    S: Store,
{
    match inbox.accept(hook.verified()).await {
        Ok(stored) => {
            let _ = hook.complete().await;
            let (status, body) = match stored {
                Enqueued::New => (202, "queued\n"),
                Enqueued::Duplicate => (200, "duplicate: already in the inbox\n"),
            };
            Answer {
                status,
                body: body.to_owned(),
                retry_after: None,
            }
        }
        Err(error) => {
            tracing::error!(%error, "the inbox could not store a verified delivery");
            let retryable = matches!(error, QueueError::Unavailable(_));
            Answer {
                status: 503,
                body: format!("queue_unavailable: {error}\n"),
                retry_after: retryable.then_some(5),
            }
        }
    }
}
