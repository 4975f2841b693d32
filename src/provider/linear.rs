//! Linear: `Linear-Signature: <hex HMAC-SHA256(signing secret, body)>`, the replay window on
//! the body's `webhookTimestamp` (Unix milliseconds).
//!
//! Sources:
//! - Official SDK `@linear/sdk` (npm) 98.0.0, `dist/webhooks-*.mjs` (`src/webhooks/client.ts`),
//!   `LinearWebhookClient.verify(rawBody, signature)`: `createHmac("sha256", secret)
//!   .update(rawBody).digest("hex")` compared byte for byte with the `linear-signature` header
//!   (`timingSafeEqual` on the two texts, so lower-case hex only). Only after the signature
//!   matched is the body parsed: its `webhookTimestamp` must be a finite JSON number ("Missing
//!   webhook timestamp" / "Invalid webhook timestamp"), and a `Math.abs(Date.now() -
//!   timestamp)` above 60 000 rejects it: one minute either way. The `linear-timestamp` header is read but
//!   ignored ("only webhookTimestamp in the signed body is trusted"). The handler dispatches on
//!   the body's `type`. The SDK's payload types describe `webhookTimestamp` as "Unix timestamp in
//!   milliseconds when the webhook was sent" and `webhookId` as the webhook's (the
//!   configuration's) id.
//! - Linear Developers, "Webhooks" (<https://linear.app/developers/webhooks>): webhooks per
//!   organization, for data changes (created, updated, removed) of issues, comments, projects,
//!   cycles and other models.
//! - Linear Developers, "SDK: Webhooks" (<https://linear.app/developers/sdk-webhooks>):
//!   `LinearWebhookClient` from `@linear/sdk/webhooks`; "Linear signs the exact raw body".

use std::borrow::Cow;

use crate::provider::spec::{
    Algorithm, BodyPaths, Encoding, Order, Parsing, SecretFormat, SignatureFormat, SignedForm,
    Source, Spec, TimeUnit, TimestampSource, TimestampSpec, WindowCheck, BODY,
};
use crate::{HeaderKey, Tolerance};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("Linear-Signature", "linear-signature")];

/// The SDK's window: 60 s either way.
const TOLERANCE: Tolerance = Tolerance::symmetric(60);

/// The scheme: bare lower-case hex of HMAC-SHA256 over the body; the body's
/// `webhookTimestamp` (ms) checked once the signature matched.
pub(crate) static SPEC: Spec = Spec {
    signature_header: Cow::Borrowed(&SIGNATURE),
    format: SignatureFormat::Prefixed {
        prefix: Cow::Borrowed(""),
    },
    algorithm: Algorithm::Sha256,
    // The SDK compares the `digest("hex")` text: lower case only.
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    // The timestamp is inside the body, so the body alone is signed.
    content: Cow::Borrowed(&BODY),
    timestamp: Some(TimestampSpec {
        source: TimestampSource::Body(BodyPaths::from_static(&[&["webhookTimestamp"]])),
        unit: TimeUnit::Millis,
        parsing: Parsing::Strict,
        signed: SignedForm::AsReceived,
        tolerance: TOLERANCE,
        // The SDK compares the signature first, then reads the timestamp.
        check: WindowCheck::AfterMac,
    }),
    message_id: None,
    order: Order::SignatureFirst,
    empty_is_missing: false,
    metadata: Cow::Borrowed(&[]),
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::Body(BodyPaths::from_static(&[&["type"]])),
    legacy: None,
};

spec_provider! {
    /// Linear webhooks (data change events of a workspace or an OAuth application).
    ///
    /// - **Verifies** `Linear-Signature: <hex>`, the HMAC-SHA256 of the raw body, in lower case
    ///   as `@linear/sdk@98.0.0`'s `LinearWebhookClient.verify` compares it. Nothing else is
    ///   signed: the timestamp is a field of the body.
    /// - **Replay window**: the body's `webhookTimestamp` (Unix milliseconds) may be 60 s old
    ///   or 60 s ahead, checked in milliseconds after the signature matched, as the SDK does (a
    ///   forged stale delivery is a mismatch; an authentic body without the field is
    ///   `malformed_body`). The `Linear-Timestamp` header is not read, as in the SDK.
    ///   [`Linear::with_tolerance`] sets another window. Where the two differ: the SDK accepts
    ///   only a JSON number (also with a fraction), hooksign a non-negative integer or a string
    ///   of digits; Linear sends an integer, which both accept.
    /// - **Secret**: the webhook's signing secret shown in Linear's API settings, used as text.
    ///   Linear documents no rotation; a [`SecretSet`](crate::SecretSet) with several tries
    ///   each.
    /// - **Idempotency key**: none. The body's `webhookId` names the webhook configuration,
    ///   not the event, and neither Linear's documentation nor its SDK names a delivery or
    ///   event id that survives retries, so
    ///   [`Verified::idempotency_key`](crate::Verified::idempotency_key) is `None`.
    /// - **Event type**: the body's `type`, the model (`Issue`, `Comment`, `Project`, …), on
    ///   which the SDK's handler dispatches; the body's `action` says what happened to it.
    ///
    /// ```
    /// use hooksign::{Delivery, Linear, SecretSet, UnixTime, Verify};
    ///
    /// // Generated with @linear/sdk@98.0.0 (tests/vectors/linear.json, `linear-valid-compact`).
    /// let linear = Linear::new(SecretSet::new(["lin_wh_hooksignLinearSigningSecret0001"])?);
    /// let body = br#"{"action":"create","type":"Issue","data":{"id":"9c3f2d1e-6b5a-4c7d-8e9f-0a1b2c3d4e5f"},"webhookTimestamp":1700000000000}"#;
    /// let headers = [(
    ///     "Linear-Signature",
    ///     "992a7fca4d7c1851aa7e5e96687c2b295260a16713840dbb6625e457fe0981f0",
    /// )];
    /// let delivery = Delivery::new(&headers, body);
    /// let verified = linear.verify_at(&delivery, UnixTime::from_secs(1_700_000_010))?;
    /// assert_eq!(verified.event_type().as_deref(), Some("Issue"));
    /// assert!(verified.idempotency_key().is_none());
    /// // 61 s after webhookTimestamp: outside the SDK's minute.
    /// assert!(linear.verify_at(&delivery, UnixTime::from_secs(1_700_000_061)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Linear, id = "linear", name = "Linear", aliases = [], spec = SPEC,
    secrets = text("webhook signing secret, as text"), timestamped = TOLERANCE
}
