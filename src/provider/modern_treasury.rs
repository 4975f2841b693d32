//! Modern Treasury: `X-Signature: <hex HMAC-SHA256(webhook key, body)>`.
//!
//! Sources:
//! - Official SDK `modern-treasury` (npm) 3.3.0, `src/resources/webhooks.ts`:
//!   `getSignature(payload, { key })` is `createHmac('sha256', key).update(payload, 'utf8')
//!   .digest('hex')`, and `validateSignature(payload, headers, { key })` reads the
//!   `X-Signature` header (throwing when it is absent) and compares it with `===`: lower-case
//!   hex exactly. The key is used as text; nothing else is read.
//! - Modern Treasury Docs, "Verify a webhook event"
//!   (<https://docs.moderntreasury.com/platform/docs/verifying-webhooks>): the signature is
//!   hex-encoded HMAC-SHA-256 of the webhook body keyed with the webhook key from the
//!   Developer Settings, sent in `X-Signature`; support rotates a compromised key.
//! - Modern Treasury Docs, webhooks reference
//!   (<https://docs.moderntreasury.com/platform/reference/webhooks>): a delivery not
//!   acknowledged with a 2XX within 5 seconds is re-enqueued with exponential backoff; each
//!   webhook has a unique ID. Modern Treasury, "Webhook Idempotency"
//!   (<https://moderntreasury.com/journal/webhook-idempotency>): the ID is sent in the
//!   `X-Webhook-ID` header and "will remain the same for every delivery attempt".


use crate::HeaderKey;
use crate::provider::spec::{Algorithm, SecretFormat, 
    Encoding, Meta, Source, Spec,
};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("X-Signature", "x-signature")];

/// The webhook id, read after the MAC; not required (the SDK checks the signature alone).
static METADATA: [Meta; 1] = [Meta {
    header: HeaderKey::new("X-Webhook-ID", "x-webhook-id"),
    required: false,
}];

/// The scheme: bare lower-case hex of HMAC-SHA256 over the body; the webhook id after it.
// `===` on `digest('hex')`: lower case only.
// The body's `event` is only the verb (`completed`); which object it is about is not
// confirmed from an official source, so no event type is given.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    metadata: &METADATA,
    id: Source::Header(HeaderKey::new("X-Webhook-ID", "x-webhook-id")),
    idempotency: Source::Header(HeaderKey::new("X-Webhook-ID", "x-webhook-id")),
    event_type: Source::None,
};

spec_provider! {
    /// Modern Treasury webhooks.
    ///
    /// - **Verifies** `X-Signature: <hex>`, the HMAC-SHA256 of the raw body, in lower case as
    ///   `modern-treasury@3.3.0`'s `webhooks.validateSignature` compares it. Nothing else is
    ///   signed.
    /// - **No timestamp** is signed, so there is no replay window: deduplicate on the webhook
    ///   id.
    /// - **Secret**: the webhook key from the Developer Settings, used as text. Rotation goes
    ///   through Modern Treasury's support, and the sources above do not say whether the old
    ///   key keeps signing for a while; a [`SecretSet`](crate::SecretSet) with both accepts
    ///   either.
    /// - **Idempotency key**: `modern-treasury:<X-Webhook-ID>`. Modern Treasury documents the
    ///   id as the same for every delivery attempt, so the key is stable across retries. A
    ///   delivery without the header has no key; the header is not signed.
    /// - **Event type**: none. The body's `event` is the verb alone (`completed`, `created`),
    ///   without the kind of object it concerns.
    ///
    /// ```
    /// use hooksign::{ModernTreasury, SecretSet};
    ///
    /// // Generated with modern-treasury@3.3.0
    /// // (tests/vectors/modern-treasury.json, `modern-treasury-valid-compact`).
    /// let mt = ModernTreasury::new(SecretSet::new(["hooksign-modern-treasury-webhook-key-0001"])?);
    /// let body = br#"{"event":"completed","data":{"id":"5f7a1c2e-8b3d-4e6f-9a0b-1c2d3e4f5a6b","object":"payment_order"}}"#;
    /// let headers = [
    ///     ("X-Webhook-ID", "2c9f4b7e-0d1a-4e3b-8f6c-5a4b3c2d1e0f"),
    ///     ("X-Signature", "73b2301ee82c6855be382fa7d12f457d0f99287157d391cbefd242465903779f"),
    /// ];
    /// let verified = hooksign::verify(&mt, &headers, body)?;
    /// assert_eq!(
    ///     verified.idempotency_key().unwrap().as_str(),
    ///     "modern-treasury:2c9f4b7e-0d1a-4e3b-8f6c-5a4b3c2d1e0f"
    /// );
    /// assert!(hooksign::verify(&mt, &headers, &body[..body.len() - 1]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ModernTreasury, id = "modern-treasury", name = "Modern Treasury", aliases = [],
    spec = SPEC, secrets = text("webhook key, as text")
}
