//! Cal.com: `X-Cal-Signature-256: <hex HMAC-SHA256(webhook secret, body)>`.
//!
//! Cal.com is open source, so its own repository is the official source: calcom/cal.com
//! `packages/features/webhooks/lib/sendPayload.ts` (commit
//! `008952de0ac2d35c3056ac98034e1012033c0867`). `createWebhookSignature` is
//! `createHmac("sha256", secret).update(body).digest("hex")` (the secret as text, lower-case
//! hex), or the literal `no-secret-provided` when the webhook has no secret; `_sendPayload`
//! posts that `body` string with `X-Cal-Signature-256` and `Content-Type` and nothing else.
//! Without a payload template the body is `JSON.stringify({triggerEvent, createdAt,
//! payload})`; with one it is the rendered template (JSON re-serialised, or form-encoded text),
//! still signed as sent. No timestamp header is sent.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, BodyPaths, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] =
    [HeaderKey::new("X-Cal-Signature-256", "x-cal-signature-256")];

/// The scheme: bare lower-case hex of HMAC-SHA256 over the body.
// `digest("hex")` is lower case, the only spelling Cal.com sends.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    // Cal.com sends no delivery or event id; the booking `uid` is shared by every event of
    // one booking (created, rescheduled, cancelled), so it is not an idempotency key.
    idempotency: Source::None,
    event_type: Source::Body(BodyPaths::from_static(&[&["triggerEvent"]])),
};

spec_provider! {
    /// Cal.com webhooks (cal.com and self-hosted).
    ///
    /// - **Verifies** `X-Cal-Signature-256: <hex>`, the HMAC-SHA256 of the raw body, in lower
    ///   case, as `sendPayload.ts` computes it. A webhook without a secret sends the text
    ///   `no-secret-provided`, which is rejected as malformed.
    /// - **No timestamp** is signed, so there is no replay window (the body's `createdAt` is
    ///   not checked).
    /// - **Secret**: the secret set on the webhook, used as text.
    /// - **Idempotency key**: none. Cal.com sends no delivery or event id, and the booking's
    ///   `payload.uid` is the same for every event of a booking; deduplicate on
    ///   `triggerEvent` with the booking uid and `createdAt` yourself.
    /// - **Event type**: the body's `triggerEvent` (e.g. `BOOKING_CREATED`), absent when a
    ///   custom payload template leaves it out.
    ///
    /// ```
    /// use hooksign::{CalCom, SecretSet};
    ///
    /// // tests/vectors/cal-com.json, `cal-com-valid-booking-created` (an independent model of
    /// // Cal.com's sendPayload.ts).
    /// let cal = CalCom::new(SecretSet::new(["hooksign-cal-com-webhook-secret-0001"])?);
    /// let body = br#"{"triggerEvent":"BOOKING_CREATED","createdAt":"2023-11-14T22:13:20.000Z","payload":{"type":"30min","title":"30 Min Meeting between Alice and Bob","startTime":"2023-11-20T10:00:00Z","endTime":"2023-11-20T10:30:00Z","uid":"bFJeNb2uX8ANpT3JL5EfXw","bookingId":91}}"#;
    /// let headers = [(
    ///     "X-Cal-Signature-256",
    ///     "57b215b8d54bbc614bab0d1df28fb07de40cf7e75d0705317e65c179fb27e9cc",
    /// )];
    /// let verified = hooksign::verify(&cal, &headers, body)?;
    /// assert_eq!(verified.event_type().as_deref(), Some("BOOKING_CREATED"));
    /// let unsigned = [("X-Cal-Signature-256", "no-secret-provided")];
    /// assert!(hooksign::verify(&cal, &unsigned, body).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    CalCom, id = "cal-com", name = "Cal.com", aliases = ["calcom"], spec = SPEC,
    secrets = text("webhook secret, as text")
}
