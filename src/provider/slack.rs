//! Slack: `X-Slack-Signature: v0=<hex HMAC-SHA256(secret, "v0:{ts}:{body}")>`.
//!
//! Sources: Slack's "Verifying requests from Slack"
//! (docs.slack.dev/authentication/verifying-requests-from-slack/) and the official
//! `slack_sdk` (`slack_sdk/signature/__init__.py`, `SignatureVerifier`): the timestamp is
//! `X-Slack-Request-Timestamp`, rejected when `abs(now - ts) > 300`.

use crate::provider::{Sign, Verify};
use crate::scheme::list::Signatures;
use crate::scheme::mac::Keyring;
use crate::scheme::{Algorithm, Encoding, header};
use crate::verified::Field;
use crate::{
    Delivery, Error, HeaderKey, Malformed, Message, SecretSet, SignError, SignedHeaders, Tolerance,
    UnixTime, Verified,
};

static SIGNATURE: HeaderKey = HeaderKey::new("X-Slack-Signature", "x-slack-signature");
static TIMESTAMP: HeaderKey =
    HeaderKey::new("X-Slack-Request-Timestamp", "x-slack-request-timestamp");

/// Slack (Events API, slash commands, interactivity).
///
/// - **Verifies** `X-Slack-Signature: v0=<hex>` over `v0:{X-Slack-Request-Timestamp}:{body}`,
///   the raw body whether it is JSON or form-encoded.
/// - **Replay window**: 300 s either way, as `slack_sdk` does.
/// - **Idempotency key**: `slack:<event_id>` from an Events API body. Slack retries a failed
///   event (up to three times, with `X-Slack-Retry-Num`) with the same `event_id`, so the key is
///   stable across retries. Slash commands and interactivity payloads carry no event id:
///   [`Verified::idempotency_key`] is `None` for them.
/// - **Event type**: the body's `event.type` (e.g. `app_mention`), else its `type`
///   (`url_verification`, `event_callback`).
///
/// ```
/// use hooksign::{Slack, SecretSet, Sign, Message, UnixTime};
///
/// let slack = Slack::new(SecretSet::new(["8f742231b10e8888abcd99yyyzzz85a5"])?);
/// let body = br#"{"type":"event_callback","event_id":"Ev01","event":{"type":"app_mention"}}"#;
/// let headers = slack.sign_at(&Message::new(body), UnixTime::now())?;
/// let verified = hooksign::verify(&slack, &headers, body)?;
/// assert_eq!(verified.event_type().as_deref(), Some("app_mention"));
/// assert_eq!(verified.idempotency_key().unwrap().as_str(), "slack:Ev01");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Slack {
    ring: Keyring,
    pub(crate) tolerance: Tolerance,
}

impl Slack {
    /// The provider id.
    pub const ID: &'static str = "slack";

    /// `slack_sdk`'s window: 300 s either way.
    pub const DEFAULT_TOLERANCE: Tolerance = Tolerance::symmetric(300);

    /// A verifier and signer for these signing secrets.
    pub fn new(secrets: SecretSet) -> Self {
        Slack {
            ring: Keyring::new(Algorithm::Sha256, &secrets),
            tolerance: Self::DEFAULT_TOLERANCE,
        }
    }

    /// Sets the replay window.
    pub fn with_tolerance(mut self, tolerance: Tolerance) -> Self {
        self.tolerance = tolerance;
        self
    }
}

impl Verify for Slack {
    fn id(&self) -> &'static str {
        Self::ID
    }

    fn verify_at<'r>(&self, request: &Delivery<'r>, now: UnixTime) -> Result<Verified<'r>, Error> {
        let headers = request.headers();
        let signature = header::required(headers, &SIGNATURE)?;
        let (timestamp, timestamp_text) = header::timestamp(headers, &TIMESTAMP)?;
        let hex = signature.strip_prefix("v0=").ok_or(Error::malformed(
            &SIGNATURE,
            Malformed::MissingPrefix { expected: "v0=" },
        ))?;
        let signature = Signatures::single(hex, Encoding::Hex, 32, &SIGNATURE);

        // A malformed signature is reported first, then the window, then the comparison (the
        // window before the HMAC, as slack_sdk does). The signature's format is only examined
        // when the window fails: on the success path the comparison alone settles it.
        self.tolerance
            .check(timestamp, now)
            .map_err(|late| signature.malformed().unwrap_or(late))?;
        let parts: [&[u8]; 4] = [b"v0:", timestamp_text.as_bytes(), b":", request.body()];
        let secret = self.ring.find(&parts, &signature)?;

        let mut verified = Verified::new(Self::ID, secret, request.body());
        verified.timestamp = Some(UnixTime::from_secs(timestamp));
        verified.idempotency = Field::Body(&[&["event_id"]]);
        verified.event_type = Field::Body(&[&["event", "type"], &["type"]]);
        Ok(verified)
    }
}

impl Sign for Slack {
    fn sign_at(&self, message: &Message<'_>, now: UnixTime) -> Result<SignedHeaders, SignError> {
        let ts = message.timestamp_or(now).as_secs().to_string();
        let tag = self
            .ring
            .sign(&[b"v0:", ts.as_bytes(), b":", message.body()]);
        let mut out = SignedHeaders::new();
        out.push(&TIMESTAMP, ts);
        out.push(&SIGNATURE, format!("v0={}", Encoding::Hex.encode(&tag)));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ErrorKind, SecretSet};

    /// Found by the `verify_slack` fuzz corpus: a malformed signature outside the window is
    /// reported as malformed (400), whichever check runs first internally.
    #[test]
    fn a_malformed_signature_wins_over_the_window() {
        let slack = Slack::new(SecretSet::new(["8f742231b10e8888abcd99yyyzzz85a5"]).unwrap());
        let now = UnixTime::from_secs(1_531_420_618);
        let far = [
            ("X-Slack-Request-Timestamp", "15314201531420619"),
            ("X-Slack-Signature", "v0=ac"),
        ];
        let err = crate::verify_at(&slack, &far, b"", now).unwrap_err();
        assert_eq!(
            err,
            Error::malformed(
                &SIGNATURE,
                Malformed::WrongLength {
                    expected: 32,
                    actual: 1
                }
            )
        );
        // Well formed but stale: the window.
        let stale = [
            ("X-Slack-Request-Timestamp", "1531420000"),
            ("X-Slack-Signature", &*format!("v0={}", "ab".repeat(32))),
        ];
        let err = crate::verify_at(&slack, &stale, b"", now).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TimestampTooOld);
    }
}
