//! Slack: `X-Slack-Signature: v0=<hex HMAC-SHA256(secret, "v0:{ts}:{body}")>`.
//!
//! Sources: Slack's "Verifying requests from Slack"
//! (docs.slack.dev/authentication/verifying-requests-from-slack/) and the official
//! `slack_sdk` (`slack_sdk/signature/__init__.py`, `SignatureVerifier`): the timestamp is
//! `X-Slack-Request-Timestamp`, rejected when `abs(now - ts) > 300`.
//! - Slack's "url_verification event" (<https://api.slack.com/events/url_verification>): the
//!   Events API checks a Request URL with a POST whose whole JSON body is
//!   `{"token":…,"challenge":…,"type":"url_verification"}`; the receiver must "verify the
//!   request's authenticity and then respond in plaintext with the challenge attribute value"
//!   (`HTTP 200`, `Content-type: text/plain`; form and JSON replies are accepted too).

use std::borrow::Cow;

use crate::provider::spec::{
    Algorithm, BodyPaths, Encoding, Order, Part, Parsing, SecretFormat, SignatureFormat,
    SignedForm, Source, Spec, TimeUnit, TimestampSource, TimestampSpec, WindowCheck,
};
use crate::{HeaderKey, Tolerance};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("X-Slack-Signature", "x-slack-signature")];
static TIMESTAMP: [HeaderKey; 1] =
    [HeaderKey::new("X-Slack-Request-Timestamp", "x-slack-request-timestamp")];

/// Events API bodies carry `event.type`; other payloads only `type`.
static EVENT_TYPE: [&[&str]; 2] = [&["event", "type"], &["type"]];

/// `slack_sdk`'s window: 300 s either way.
const TOLERANCE: Tolerance = Tolerance::symmetric(300);

/// The scheme: `v0=<hex>` over `v0:{timestamp}:{body}`, the timestamp signed as received; the
/// window is checked before the HMAC, as `slack_sdk` does, but after the signature is parsed.
pub(crate) static SPEC: Spec = Spec {
    signature_header: Cow::Borrowed(&SIGNATURE),
    format: SignatureFormat::Prefixed {
        prefix: Cow::Borrowed("v0="),
    },
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    content: Cow::Borrowed(&[
        Part::Literal(Cow::Borrowed(b"v0:")),
        Part::Timestamp,
        Part::Literal(Cow::Borrowed(b":")),
        Part::Body,
    ]),
    timestamp: Some(TimestampSpec {
        source: TimestampSource::Header(Cow::Borrowed(&TIMESTAMP)),
        unit: TimeUnit::Seconds,
        parsing: Parsing::Strict,
        signed: SignedForm::AsReceived,
        tolerance: TOLERANCE,
        check: WindowCheck::BeforeMac,
    }),
    message_id: None,
    order: Order::SignatureFirst,
    empty_is_missing: false,
    metadata: Cow::Borrowed(&[]),
    id: Source::None,
    idempotency: Source::Body(BodyPaths::from_static(&[&["event_id"]])),
    event_type: Source::Body(BodyPaths::from_static(&EVENT_TYPE)),
    legacy: None,
};

spec_provider! {
    /// Slack (Events API, slash commands, interactivity).
    ///
    /// - **Verifies** `X-Slack-Signature: v0=<hex>` over `v0:{X-Slack-Request-Timestamp}:{body}`,
    ///   the raw body whether it is JSON or form-encoded.
    /// - **Replay window**: 300 s either way, as `slack_sdk` does.
    /// - **Idempotency key**: `slack:<event_id>` from an Events API body. Slack retries a failed
    ///   event (up to three times, with `X-Slack-Retry-Num`) with the same `event_id`, so the key is
    ///   stable across retries. Slash commands and interactivity payloads carry no event id:
    ///   [`Verified::idempotency_key`](crate::Verified::idempotency_key) is `None` for them.
    /// - **Event type**: the body's `event.type` (e.g. `app_mention`), else its `type`
    ///   (`url_verification`, `event_callback`).
    /// - **Handshake** ([`Verify::handshake`](crate::Verify::handshake)): a body whose `type` is
    ///   `url_verification` (JSON of at most 16 KiB) is verified like any delivery, then
    ///   answered `200` with its `challenge` as `text/plain`. An unsigned or stale one is
    ///   refused with the verification error.
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
    Slack, id = "slack", name = "Slack", aliases = [], spec = SPEC,
    secrets = text("signing secret, as text"), timestamped = TOLERANCE,
    handshake = crate::handshake::answer::slack
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Error, ErrorKind, Malformed, SecretSet, UnixTime};

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
                &SIGNATURE[0],
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
