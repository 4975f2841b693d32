//! Lemon Squeezy: `X-Signature: <hex HMAC-SHA256(signing secret, body)>`.
//!
//! Sources:
//! - Lemon Squeezy Docs, "Signing requests"
//!   (<https://docs.lemonsqueezy.com/help/webhooks/signing-requests>): you enter a signing secret
//!   when creating the webhook ("anything you want", normally a random string of 6 to 40
//!   characters); Lemon Squeezy hashes the payload with it and sends the hash in the
//!   `X-Signature` header, "an HMAC hex digest". The page does not name the hash function.
//! - Official Laravel package `lmsqueezy/laravel`, `src/Http/Middleware/VerifyWebhookSignature.php`
//!   (which links that page): `hash_hmac('sha256', $request->getContent(), $signingSecret)`,
//!   lower-case hex, compared with `hash_equals` against the `x-signature` header: HMAC-SHA256 of
//!   the raw body, the secret as text, the exact lower-case digest.
//! - Lemon Squeezy Docs, "Webhooks" (<https://www.lemonsqueezy.com/docs/api/webhooks/>): the
//!   body is a JSON:API resource with `meta.event_name`; the `X-Event-Name` header names the
//!   event; a delivery not answered with 200 is retried up to three more times with exponential
//!   back-off (5, 25, 125 s).

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, BodyPaths, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("X-Signature", "x-signature")];

/// The scheme: the bare lower-case hex HMAC-SHA256 of the body.
// The official middleware compares `hash_hmac('sha256', …)` (lower case) with `hash_equals`.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    // The signed body's copy of the event name, rather than the unsigned `X-Event-Name`.
    event_type: Source::Body(BodyPaths::from_static(&[&["meta", "event_name"]])),
};

spec_provider! {
    /// Lemon Squeezy webhooks (orders, subscriptions, license keys, …).
    ///
    /// - **Verifies** `X-Signature: <hex>`, the HMAC-SHA256 of the raw body in lower case, as the
    ///   official `lmsqueezy/laravel` middleware compares it (`hash_hmac('sha256', …)` and
    ///   `hash_equals`). Lemon Squeezy's own page says only "an HMAC hex digest"; the hash is
    ///   named by that package.
    /// - **No timestamp** is signed, so there is no replay window.
    /// - **Secret**: the signing secret you typed when creating the webhook, used as text.
    /// - **Idempotency key**: none. Lemon Squeezy sends no delivery or event id (it retries up
    ///   to three times); deduplicate on the resource in `data` (`data.type` + `data.id`) and
    ///   the event name if you need to.
    /// - **Event type**: the body's `meta.event_name` (e.g. `order_created`), the signed copy of
    ///   the `X-Event-Name` header.
    ///
    /// ```
    /// use hooksign::{LemonSqueezy, SecretSet};
    ///
    /// // tests/vectors/lemon-squeezy.json, `lemon-squeezy-valid-compact` (the documented
    /// // scheme's model).
    /// let lemon = LemonSqueezy::new(SecretSet::new(["hooksign-lemon-secret-01"])?);
    /// let body = br#"{"meta":{"event_name":"order_created"},"data":{"type":"orders","id":"1","attributes":{"store_id":1,"total":1199,"currency":"USD"}}}"#;
    /// let headers = [
    ///     ("X-Event-Name", "order_created"),
    ///     ("X-Signature", "65f64d1b177b130844d0093d681d7a0c633e8a988e115c8b974a2b9108c08c00"),
    /// ];
    /// let verified = hooksign::verify(&lemon, &headers, body)?;
    /// assert_eq!(verified.event_type().as_deref(), Some("order_created"));
    /// assert!(verified.idempotency_key().is_none());
    /// // The same signature over another body is rejected.
    /// assert!(hooksign::verify(&lemon, &headers, br#"{"meta":{}}"#).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    LemonSqueezy, id = "lemon-squeezy", name = "Lemon Squeezy", aliases = ["lemonsqueezy"],
    spec = SPEC, secrets = text("webhook signing secret, as text")
}
