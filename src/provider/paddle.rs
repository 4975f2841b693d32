//! Paddle (Billing): `Paddle-Signature: ts=<unix>;h1=<hex HMAC-SHA256(secret, "{ts}:{body}")>`.
//!
//! Sources:
//! - Official SDK `@paddle/paddle-node-sdk` (npm) 3.10.0,
//!   `dist/cjs/notifications/helpers/webhooks-validator.js`, `WebhooksValidator`
//!   (`paddle.webhooks.isSignatureValid` and `unmarshal` call it): the header is split on `;`,
//!   each part on `=`; the `ts` and `h1` values are kept (a later one replaces an earlier one)
//!   and both must be present, else it throws. The signed payload is `` `${parseInt(ts)}:${body}` ``,
//!   the HMAC-SHA256 key is the secret key as text (`createHmac('sha256', secret)`), and the
//!   lower-case hex digest is compared with `===`. Before the HMAC it returns `false` when
//!   `now > (ts + MAX_VALID_TIME_DIFFERENCE) * 1000`, `MAX_VALID_TIME_DIFFERENCE = 5`: a
//!   5-second window into the past, none into the future.
//! - Paddle Developer Docs, "Verify webhook signatures"
//!   (<https://developer.paddle.com/webhooks/signature-verification>): the header is
//!   `ts=1671552777;h1=eb4d…`, "signatures contain at least one `h1`"; HMAC-SHA256 over
//!   `ts:rawBody` with the notification destination's endpoint secret key
//!   (`pdl_ntfset_…`); the SDKs enforce a five-second tolerance.
//! - Paddle Developer Docs, "How webhooks work"
//!   (<https://developer.paddle.com/webhooks/about/how-webhooks-work>): delivery is at least
//!   once, `event_id` is the deduplication key; one event makes one notification
//!   (`notification_id`) per destination.

use std::borrow::Cow;

use crate::provider::spec::{
    Pick,
    Algorithm, BodyPaths, Encoding, Order, Parsing, Part, SecretFormat, SignatureFormat,
    SignedForm, Source, Spec, TimeUnit, TimestampSource, TimestampSpec, WindowCheck,
};
use crate::{HeaderKey, Tolerance};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("Paddle-Signature", "paddle-signature")];

/// The SDK's window: 5 s into the past, the future unchecked.
const TOLERANCE: Tolerance = Tolerance::past_only(5);

/// The scheme: `ts=<unix>;h1=<hex>` over `{ts}:{body}`, the window checked before the HMAC.
pub(crate) static SPEC: Spec = Spec {
    signature_header: Cow::Borrowed(&SIGNATURE),
    format: SignatureFormat::KeyValues {
        separator: ';',
        written_separator: Cow::Borrowed(";"),
        // The SDK matches `ts` and `h1` exactly, untrimmed.
        trim: false,
        signature_key: Cow::Borrowed("h1"),
        // The SDK keeps the last `h1` it sees: a header with several is judged by that one.
        pick: Pick::Last,
    },
    algorithm: Algorithm::Sha256,
    // `===` on `digest('hex')`: lower case only.
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    content: Cow::Borrowed(&[Part::Timestamp, Part::Literal(Cow::Borrowed(b":")), Part::Body]),
    timestamp: Some(TimestampSpec {
        source: TimestampSource::ListKey(Cow::Borrowed("ts")),
        unit: TimeUnit::Seconds,
        // `parseInt(ts)`, and the parsed number is what is signed.
        parsing: Parsing::Lenient,
        signed: SignedForm::Canonical,
        tolerance: TOLERANCE,
        check: WindowCheck::BeforeMac,
    }),
    message_id: None,
    order: Order::SignatureFirst,
    empty_is_missing: false,
    metadata: Cow::Borrowed(&[]),
    id: Source::None,
    idempotency: Source::Body(BodyPaths::from_static(&[&["event_id"]])),
    event_type: Source::Body(BodyPaths::from_static(&[&["event_type"]])),
    legacy: None,
};

spec_provider! {
    /// Paddle Billing webhooks (notification destinations of type `url`).
    ///
    /// - **Verifies** `Paddle-Signature: ts=<unix>;h1=<hex>`, the HMAC-SHA256 of
    ///   `{ts}:{body}`, in lower case as `@paddle/paddle-node-sdk@3.10.0`'s
    ///   `WebhooksValidator.isValidSignature` compares it. Paddle documents "at least one
    ///   `h1`", but the SDK keeps only the *last* one, and so does this provider
    ///   ([`Pick::Last`](crate::provider::spec::Pick::Last)): a header whose matching `h1` is
    ///   followed by another is rejected, as by the SDK. This is not Paddle Classic's `p_signature` (RSA over the PHP-serialized
    ///   form), which hooksign does not verify.
    /// - **Replay window**: 5 s into the past, any time in the future, checked before the
    ///   HMAC, as the SDK does; [`Paddle::with_tolerance`] sets another. Five seconds is
    ///   tight: a receiver whose clock lags Paddle's, or that queues requests, rejects good
    ///   deliveries.
    /// - **Secret**: the notification destination's endpoint secret key (`pdl_ntfset_…`),
    ///   used as text. Each destination has its own.
    /// - **Idempotency key**: `paddle:<event_id>` from the body. Paddle delivers at least
    ///   once and documents `event_id` as the deduplication key: the same on every
    ///   redelivery, and shared by the notifications one event makes for several
    ///   destinations (each destination's notification has its own `notification_id` in the
    ///   body).
    /// - **Event type**: the body's `event_type` (e.g. `transaction.completed`).
    /// - **Timestamp text**: read like the SDK's `parseInt` (surrounding spaces and a fraction
    ///   are ignored, the number is signed); trailing junk such as `12abc`, which `parseInt`
    ///   would cut off, is refused as malformed, as is a repeated `ts` with different values
    ///   (the SDK keeps the last).
    ///
    /// ```
    /// use hooksign::{Delivery, Paddle, SecretSet, UnixTime, Verify};
    ///
    /// // Generated with @paddle/paddle-node-sdk@3.10.0
    /// // (tests/vectors/paddle.json, `paddle-valid-compact`).
    /// let paddle = Paddle::new(SecretSet::new([
    ///     "pdl_ntfset_01hv8x2a3b4c5d6e7f8g9h0jkm_hooksignPaddleSecret0001",
    /// ])?);
    /// let body = br#"{"event_id":"evt_01hv8x9q2k3m4n5p6r7s8t9v0w","event_type":"transaction.completed","notification_id":"ntf_01hv8x9q3a4b5c6d7e8f9g0h1j","data":{}}"#;
    /// let headers = [(
    ///     "Paddle-Signature",
    ///     "ts=1700000000;h1=cbc5b5777a1a5aec893221241ce43099f3db05ded29112c4f65cf542cee936a9",
    /// )];
    /// let delivery = Delivery::new(&headers, body);
    /// let verified = paddle.verify_at(&delivery, UnixTime::from_secs(1_700_000_003))?;
    /// assert_eq!(
    ///     verified.idempotency_key().unwrap().as_str(),
    ///     "paddle:evt_01hv8x9q2k3m4n5p6r7s8t9v0w"
    /// );
    /// assert_eq!(verified.event_type().as_deref(), Some("transaction.completed"));
    /// // Six seconds later it is outside the SDK's window.
    /// assert!(paddle.verify_at(&delivery, UnixTime::from_secs(1_700_000_006)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Paddle, id = "paddle", name = "Paddle", aliases = [], spec = SPEC,
    secrets = text("pdl_ntfset_… endpoint secret key, as text"), timestamped = TOLERANCE
}
