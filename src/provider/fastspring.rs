//! FastSpring: `X-FS-Signature: <base64 HMAC-SHA256(HMAC SHA256 Secret, body)>`.
//!
//! Sources:
//! - FastSpring Developer Docs, "Message Security"
//!   (<https://developer.fastspring.com/docs/message-security>): a webhook may define a secret
//!   in its "HMAC SHA256 Secret" field; FastSpring keys a SHA256 HMAC of each payload with it,
//!   base64-encodes the digest and sends it in `X-FS-Signature` (whose name may arrive in any
//!   case). Its examples: PHP `base64_encode(hash_hmac('sha256', <raw body>, $secret, true))`
//!   compared with the header; Java `Mac("HmacSHA256")` keyed with `secret.getBytes()` and
//!   `Base64.getEncoder()` (standard, padded).
//! - FastSpring Developer Docs, "Webhooks Overview"
//!   (<https://developer.fastspring.com/docs/webhooks-overview>): one post may carry several
//!   events, each with an event id; automatic retries keep the event id, manual retries get a
//!   new one.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("X-FS-Signature", "x-fs-signature")];

/// The scheme: the padded standard base64 of HMAC-SHA256 over the body, bare.
// A post batches events (`events: [...]`), each with its own id and type: no id, idempotency
// key or event type for the delivery.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Base64,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::None,
};

spec_provider! {
    /// FastSpring server webhooks (orders, subscriptions, …).
    ///
    /// - **Verifies** `X-FS-Signature: <base64>`, the HMAC-SHA256 of the raw body in padded
    ///   standard base64, as FastSpring's PHP and Java examples compute it. Nothing else is
    ///   signed. A webhook with no HMAC SHA256 Secret configured sends no signature: such a
    ///   delivery is rejected as missing its header.
    /// - **No timestamp** is signed, so there is no replay window.
    /// - **Secret**: the webhook's HMAC SHA256 Secret (you choose it in the FastSpring App),
    ///   used as text.
    /// - **Idempotency key**: none for the delivery. A post may batch several events;
    ///   deduplicate on each event's `id`, which automatic retries keep (a manual retry gets a
    ///   new one).
    /// - **Event type**: none for the delivery; each event has its own `type` (e.g.
    ///   `order.completed`).
    ///
    /// ```
    /// use hooksign::{FastSpring, SecretSet};
    ///
    /// // From the documented model (tests/vectors/fastspring.json, `fastspring-valid-order-completed`).
    /// let fastspring = FastSpring::new(SecretSet::new(["hooksign-fastspring-hmac-sha256-secret-0001"])?);
    /// let body = br#"{"events":[{"id":"hooksignFsEvent0001","live":false,"processed":false,"type":"order.completed","created":1700000000000,"data":{"order":"hooksignOrder0001","reference":"HOOK231114-0001-00001","total":19.99}}]}"#;
    /// let headers = [("X-FS-Signature", "mFtjXsAFoDXZrVmTyjYuWJBB5HEO+009lZRRfYcNkO0=")];
    /// let verified = hooksign::verify(&fastspring, &headers, body)?;
    /// assert!(verified.idempotency_key().is_none());
    ///
    /// // The same signature over another body is rejected.
    /// assert!(hooksign::verify(&fastspring, &headers, br#"{"events":[]}"#).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    FastSpring, id = "fastspring", name = "FastSpring", aliases = [], spec = SPEC,
    secrets = text("webhook HMAC SHA256 Secret, as text")
}
