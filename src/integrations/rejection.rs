//! Why a request was not handed to the handler: [`WebhookRejection`], with its status, its
//! response text and its log line.

use std::fmt;
use std::time::Duration;

use crate::error::Error;
use crate::handshake::HandshakeReply;
use crate::idempotency::error::StoreError;
use crate::verified::IdempotencyKey;

/// Why a request was not handed to the handler; it is also the response (axum's
/// `IntoResponse`, actix-web's `ResponseError`).
///
/// ```
/// use std::time::Duration;
/// use hooksign::Error;
/// use hooksign::integrations::WebhookRejection;
///
/// let rejection = WebhookRejection::Invalid(Error::SignatureMismatch { secrets: 1, signatures: 1 });
/// assert_eq!(rejection.status(), 401);
/// assert!(rejection.to_string().starts_with("signature_mismatch: "));
///
/// let busy = WebhookRejection::InProgress { retry_after: Duration::from_millis(1500) };
/// assert_eq!((busy.status(), busy.retry_after_secs()), (409, Some(2)));
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum WebhookRejection {
    /// Verification failed: 400, 401 or 413 as [`Error::status`] says.
    Invalid(Error),
    /// The body could not be read (the client went away, broken chunked encoding): 400.
    BodyUnreadable,
    /// The verified body is not what the handler asked for (not UTF-8, not the JSON): 400.
    InvalidBody(String),
    /// A duplicate of a completed delivery: 200, the handler does not run.
    Duplicate,
    /// The same delivery is being processed: 409 with `Retry-After`.
    InProgress {
        /// When the other worker's lease expires at the latest.
        retry_after: Duration,
    },
    /// The idempotency store could not answer: 503 with `Retry-After`, so the provider retries.
    StoreUnavailable(StoreError),
    /// No [`WebhookConfig`](super::WebhookConfig) for this provider was registered with the application (actix-web
    /// app data): 500.
    NotConfigured,
    /// The request was the provider's verification handshake, answered with this reply (its
    /// status, headers and body are the response); the handler does not run.
    Handshake(HandshakeReply),
    /// The [`on_handshake`](super::WebhookConfig::on_handshake) hook refused the handshake:
    /// 500, so that the provider's setup fails.
    HandshakeRefused,
}

impl WebhookRejection {
    /// The HTTP status to answer with.
    ///
    /// ```
    /// use hooksign::integrations::WebhookRejection;
    /// assert_eq!(WebhookRejection::Duplicate.status(), 200);
    /// ```
    pub fn status(&self) -> u16 {
        match self {
            WebhookRejection::Invalid(err) => err.status(),
            WebhookRejection::BodyUnreadable | WebhookRejection::InvalidBody(_) => 400,
            WebhookRejection::Duplicate => 200,
            WebhookRejection::InProgress { .. } => 409,
            WebhookRejection::StoreUnavailable(_) => 503,
            WebhookRejection::NotConfigured | WebhookRejection::HandshakeRefused => 500,
            WebhookRejection::Handshake(reply) => reply.status(),
        }
    }

    /// A stable snake_case name: the [`Error::code`] for verification failures, else
    /// `body_unreadable`, `invalid_body`, `duplicate`, `in_progress`, `store_unavailable`,
    /// `not_configured`, `handshake` or `handshake_refused`.
    ///
    /// ```
    /// use hooksign::integrations::WebhookRejection;
    /// assert_eq!(WebhookRejection::Duplicate.code(), "duplicate");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            WebhookRejection::Invalid(err) => err.code(),
            WebhookRejection::BodyUnreadable => "body_unreadable",
            WebhookRejection::InvalidBody(_) => "invalid_body",
            WebhookRejection::Duplicate => "duplicate",
            WebhookRejection::InProgress { .. } => "in_progress",
            WebhookRejection::StoreUnavailable(_) => "store_unavailable",
            WebhookRejection::NotConfigured => "not_configured",
            WebhookRejection::Handshake(_) => "handshake",
            WebhookRejection::HandshakeRefused => "handshake_refused",
        }
    }

    /// Whether the delivery was a duplicate (completed or in progress): the provider did
    /// nothing wrong, and the event is (being) processed.
    ///
    /// ```
    /// use hooksign::integrations::WebhookRejection;
    /// assert!(WebhookRejection::Duplicate.is_duplicate());
    /// assert!(!WebhookRejection::BodyUnreadable.is_duplicate());
    /// ```
    pub fn is_duplicate(&self) -> bool {
        matches!(
            self,
            WebhookRejection::Duplicate | WebhookRejection::InProgress { .. }
        )
    }

    /// The verification error, if that is why.
    ///
    /// ```
    /// use hooksign::{Error, ErrorKind};
    /// use hooksign::integrations::WebhookRejection;
    /// let r = WebhookRejection::Invalid(Error::BodyTooLarge { limit: 10 });
    /// assert_eq!(r.error().map(Error::kind), Some(ErrorKind::BodyTooLarge));
    /// ```
    pub fn error(&self) -> Option<&Error> {
        match self {
            WebhookRejection::Invalid(err) => Some(err),
            _ => None,
        }
    }

    /// The handshake reply, if the request was a provider's handshake.
    ///
    /// ```
    /// use hooksign::handshake::HandshakeReply;
    /// use hooksign::integrations::WebhookRejection;
    /// let r = WebhookRejection::Handshake(HandshakeReply::new(200, "text/plain", "abc"));
    /// assert_eq!(r.handshake().map(HandshakeReply::body), Some(&b"abc"[..]));
    /// assert_eq!((r.status(), r.code()), (200, "handshake"));
    /// ```
    pub fn handshake(&self) -> Option<&HandshakeReply> {
        match self {
            WebhookRejection::Handshake(reply) => Some(reply),
            _ => None,
        }
    }

    /// The `Retry-After` value in whole seconds (rounded up, at least 1), for 409 and 503.
    ///
    /// ```
    /// use hooksign::integrations::WebhookRejection;
    /// assert_eq!(WebhookRejection::Duplicate.retry_after_secs(), None);
    /// ```
    pub fn retry_after_secs(&self) -> Option<u64> {
        match self {
            WebhookRejection::InProgress { retry_after } => {
                let secs = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
                Some(secs.max(1))
            }
            // The store may be back in a moment (a Redis failover); the provider's own backoff
            // takes over if it is not.
            WebhookRejection::StoreUnavailable(_) => Some(1),
            _ => None,
        }
    }

    pub(super) fn log(&self, provider: &str, key: Option<&IdempotencyKey>) {
        let status = self.status();
        let code = self.code();
        let key = key.map(IdempotencyKey::as_str).unwrap_or("");
        match self {
            // The counts stay in the receiver's log, out of the response.
            WebhookRejection::Invalid(
                err @ Error::SignatureMismatch {
                    secrets,
                    signatures,
                },
            ) => {
                tracing::warn!(provider, status, code, secrets, signatures, error = %err, "webhook rejected")
            }
            WebhookRejection::Invalid(err) if status == 401 => {
                tracing::warn!(provider, status, code, error = %err, "webhook rejected")
            }
            WebhookRejection::Invalid(err) => {
                tracing::info!(provider, status, code, error = %err, "webhook rejected")
            }
            WebhookRejection::InvalidBody(reason) => {
                tracing::info!(
                    provider,
                    status,
                    code,
                    reason,
                    "verified webhook body refused"
                )
            }
            WebhookRejection::Duplicate | WebhookRejection::InProgress { .. } => {
                tracing::debug!(provider, status, code, key, "duplicate webhook delivery")
            }
            WebhookRejection::StoreUnavailable(err) => tracing::error!(
                provider, status, code, key, error = %err,
                source = ?std::error::Error::source(err).map(ToString::to_string),
                "idempotency store failed: delivery refused with 503"
            ),
            WebhookRejection::BodyUnreadable | WebhookRejection::NotConfigured => {
                tracing::info!(provider, status, code, "webhook rejected")
            }
            // Logged where they are decided (`WebhookConfig::answer`).
            WebhookRejection::Handshake(_) | WebhookRejection::HandshakeRefused => {}
        }
    }
}

impl fmt::Display for WebhookRejection {
    /// The response body: `<code>: <what was wrong>`. Never secret material.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.code())?;
        match self {
            WebhookRejection::Invalid(err) => write!(f, "{err}"),
            WebhookRejection::BodyUnreadable => f.write_str("the request body could not be read"),
            WebhookRejection::InvalidBody(reason) => f.write_str(reason),
            WebhookRejection::Duplicate => f.write_str("this delivery was already processed"),
            WebhookRejection::InProgress { .. } => write!(
                f,
                "this delivery is being processed; retry in {} s",
                self.retry_after_secs().unwrap_or(1)
            ),
            // StoreError's own message, without its source: the backend's error may name
            // hosts or credentials of the store.
            WebhookRejection::StoreUnavailable(err) => write!(f, "{err}; retry later"),
            WebhookRejection::NotConfigured => {
                f.write_str("no webhook configuration is registered for this provider")
            }
            // The response is the reply itself; this is the log's and `Debug`'s text.
            WebhookRejection::Handshake(_) => {
                f.write_str("the provider's verification handshake was answered")
            }
            WebhookRejection::HandshakeRefused => {
                f.write_str("the handshake could not be completed")
            }
        }
    }
}

impl std::error::Error for WebhookRejection {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WebhookRejection::Invalid(err) => Some(err),
            WebhookRejection::StoreUnavailable(err) => Some(err),
            _ => None,
        }
    }
}

impl From<Error> for WebhookRejection {
    fn from(err: Error) -> Self {
        WebhookRejection::Invalid(err)
    }
}
