//! Razorpay: `X-Razorpay-Signature: <hex HMAC-SHA256(webhook secret, body)>`.
//!
//! Sources:
//! - Official SDK `razorpay` (npm) 2.9.8, `dist/utils/razorpay-utils.js`,
//!   `validateWebhookSignature(body, signature, secret)` (exposed as
//!   `Razorpay.validateWebhookSignature`): `crypto.createHmac('sha256', secret)
//!   .update(body.toString()).digest('hex') === signature`. The secret is used as text, the
//!   digest is lower-case hex compared as a string (upper case is rejected), nothing else is
//!   read: no timestamp, no other header. The SDK's unit test
//!   (razorpay-node `test/utils/razorpay-utils.spec.js`) is the published vector below.
//! - Razorpay Docs, "Validate and Test Webhooks"
//!   (<https://razorpay.com/docs/webhooks/validate-test/>; razorpay/markdown-docs
//!   `webhooks/validate-test.md`): the signature is HMAC-SHA256 of the raw request body keyed
//!   with the webhook secret; duplicates are identified by the `x-razorpay-event-id` header,
//!   "unique per event"; after a secret change, retries of older events are still signed with
//!   the old secret.
//! - Razorpay Docs, "Best Practices" (<https://razorpay.com/docs/webhooks/best-practices/>):
//!   failed deliveries are retried with exponential backoff for 24 hours.


use crate::HeaderKey;
use crate::provider::spec::{Algorithm, SecretFormat, 
    BodyPaths, Encoding, Meta, Source, Spec,
};

static SIGNATURE: [HeaderKey; 1] =
    [HeaderKey::new("X-Razorpay-Signature", "x-razorpay-signature")];

/// The event id, read after the MAC; not required (the SDK checks the signature alone).
static METADATA: [Meta; 1] = [Meta {
    header: HeaderKey::new("X-Razorpay-Event-Id", "x-razorpay-event-id"),
    required: false,
}];

/// The scheme: bare lower-case hex of HMAC-SHA256 over the body; the event id after it.
// The SDK compares `digest('hex')` with `===`: lower case only.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    metadata: &METADATA,
    id: Source::Header(HeaderKey::new("X-Razorpay-Event-Id", "x-razorpay-event-id")),
    idempotency: Source::Header(HeaderKey::new("X-Razorpay-Event-Id", "x-razorpay-event-id")),
    event_type: Source::Body(BodyPaths::from_static(&[&["event"]])),
};

spec_provider! {
    /// Razorpay webhooks (Payments and RazorpayX).
    ///
    /// - **Verifies** `X-Razorpay-Signature: <hex>`, the HMAC-SHA256 of the raw body, in lower
    ///   case as `razorpay@2.9.8`'s `validateWebhookSignature` compares it. Razorpay sends one
    ///   signature and nothing else is signed.
    /// - **No timestamp** is signed, so there is no replay window: deduplicate on the event id.
    /// - **Secret**: the webhook secret you chose in the Dashboard (not the API key secret),
    ///   used as text. Razorpay signs retries of events created before a secret change with
    ///   the old secret, so keep both in the [`SecretSet`](crate::SecretSet) for a day (the
    ///   24-hour retry period).
    /// - **Idempotency key**: `razorpay:<X-Razorpay-Event-Id>`. Razorpay documents the header
    ///   as unique per event and as the way to recognise a duplicate delivery, so the key is
    ///   stable across its retries. A delivery without the header has no key
    ///   ([`Verified::idempotency_key`](crate::Verified::idempotency_key) is `None`); the header
    ///   is not signed.
    /// - **Event type**: the body's `event` (e.g. `payment.captured`, `order.paid`).
    /// - **Body bytes**: hooksign signs the bytes received. The SDK calls `body.toString()`
    ///   first, so given a `Buffer` that is not UTF-8 it HMACs a lossy decoding; Razorpay's
    ///   bodies are JSON (UTF-8), where both agree.
    ///
    /// ```
    /// use hooksign::{Razorpay, SecretSet};
    ///
    /// // Generated with razorpay@2.9.8 (tests/vectors/razorpay.json, `razorpay-valid-compact`).
    /// let razorpay = Razorpay::new(SecretSet::new(["hooksign-razorpay-webhook-secret-0001"])?);
    /// let body = br#"{"entity":"event","event":"payment.captured","contains":["payment"],"payload":{},"created_at":1700000000}"#;
    /// let headers = [
    ///     ("X-Razorpay-Event-Id", "KxRjI3n9DVeFY0"),
    ///     ("X-Razorpay-Signature", "34d086aab2988d9d851bfad57247d9fc8dcd643cf6cf031b2ce28fac39664767"),
    /// ];
    /// let verified = hooksign::verify(&razorpay, &headers, body)?;
    /// assert_eq!(verified.idempotency_key().unwrap().as_str(), "razorpay:KxRjI3n9DVeFY0");
    /// assert_eq!(verified.event_type().as_deref(), Some("payment.captured"));
    ///
    /// // razorpay-node's own unit-test vector (test/utils/razorpay-utils.spec.js).
    /// let razorpay = Razorpay::new(SecretSet::new(["123456"])?);
    /// let signature = [("X-Razorpay-Signature", "2fe04e22977002e6c7cb553adab8b460cb9e2a4970d5953cb27a8472752e3bbc")];
    /// assert!(hooksign::verify(&razorpay, &signature, br#"{"a":1,"b":2,"c":{"d":3}}"#).is_ok());
    /// assert!(hooksign::verify(&razorpay, &signature, br#"{"a":1,"b":2,"c":{"d":4}}"#).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Razorpay, id = "razorpay", name = "Razorpay", aliases = [], spec = SPEC,
    secrets = text("webhook secret, as text")
}
