//! GoCardless: `Webhook-Signature: <hex HMAC-SHA256(webhook endpoint secret, body)>`.
//!
//! Sources:
//! - Official SDK `gocardless_pro` (PyPI) 3.22.0, `gocardless_pro/webhooks.py`:
//!   `parse(body, webhook_secret, signature_header)` calls `_verify_signature`, which computes
//!   `hmac.new(secret, body, hashlib.sha256).hexdigest()` (secret and body as UTF-8 text) and
//!   compares it with the header using `hmac.compare_digest`: an exact comparison of the
//!   lower-case hex strings. Nothing else is read.
//! - Official SDK `gocardless-nodejs` (npm) 10.1.2, `cjs/webhooks.js`, `verifySignature`:
//!   the same HMAC, but the header is decoded with `Buffer.from(signature, 'hex')` and the
//!   bytes compared, and Node's hex decoding accepts upper case and stops at the first
//!   character that is not hex. So this SDK also accepts `<HEX>` and `<hex>zz`. hooksign
//!   follows the stricter Python SDK; both accept every signature GoCardless sends (lower-case
//!   hex). The vectors record both SDKs' verdicts.
//! - GoCardless Developers, "Staying up-to-date with webhooks"
//!   (<https://developer.gocardless.com/getting-started/api/staying-up-to-date-with-webhooks>):
//!   a webhook is a POST with `Webhook-Signature: <64 hex>` and a JSON body
//!   `{"events": [...]}`, signed with the secret of the webhook endpoint created in the
//!   Dashboard; a webhook may hold several events, each with its own `id` (`EV…`).


use crate::HeaderKey;
use crate::provider::spec::{Algorithm, SecretFormat, 
    Encoding, Source, Spec,
};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("Webhook-Signature", "webhook-signature")];

/// The scheme: bare lower-case hex of HMAC-SHA256 over the body.
// gocardless_pro's `hmac.compare_digest` on `hexdigest()`: lower case only.
// A webhook batches events; each `events[].id` is the key, which a single key cannot be.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::None,
};

spec_provider! {
    /// GoCardless webhooks (payments, mandates, payouts, … events, batched).
    ///
    /// - **Verifies** `Webhook-Signature: <hex>`, the HMAC-SHA256 of the raw body, in lower
    ///   case as `gocardless_pro@3.22.0`'s `webhooks.parse` compares it. Nothing else is
    ///   signed. `gocardless-nodejs@10.1.2` is laxer (it decodes the hex, so upper case and
    ///   trailing non-hex characters pass there); hooksign rejects those, which GoCardless
    ///   never sends. GoCardless asks for `498 Token Invalid` on a bad signature.
    /// - **No timestamp** is signed, so there is no replay window: deduplicate on the events'
    ///   ids.
    /// - **Secret**: the webhook endpoint's secret from the Dashboard, used as text.
    /// - **Idempotency key**: none. One webhook carries a list of events (the body's
    ///   `events`), and the unit to deduplicate is each event's `id` (`EV…`), which one key
    ///   per delivery cannot express: [`Verified::idempotency_key`](crate::Verified::idempotency_key)
    ///   is `None`. The body's `meta.webhook_id` (`WB…`, what the SDKs' `parse_with_meta`
    ///   returns) names the webhook, but GoCardless's docs do not say whether a retry keeps
    ///   it, so it is not used as a key.
    /// - **Event type**: none for the same reason: each event has its own `resource_type`
    ///   and `action`.
    ///
    /// ```
    /// use hooksign::{GoCardless, SecretSet};
    ///
    /// // Generated with gocardless_pro@3.22.0 (tests/vectors/gocardless.json,
    /// // `gocardless-valid-compact`).
    /// let gocardless = GoCardless::new(SecretSet::new(["hooksign-gocardless-webhook-endpoint-secret-0001"])?);
    /// let body = br#"{"events":[{"id":"EV0123ABCD4567","action":"confirmed","resource_type":"payments"}],"meta":{"webhook_id":"WB0001XYZ2345"}}"#;
    /// let headers = [(
    ///     "Webhook-Signature",
    ///     "94afbc21984b3cdea88f73f305324aecd08ef3a292dd86d0a4d98302d832e58b",
    /// )];
    /// let verified = hooksign::verify(&gocardless, &headers, body)?;
    /// assert!(verified.idempotency_key().is_none());
    /// assert!(hooksign::verify(&gocardless, &headers, &body[..body.len() - 1]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    GoCardless, id = "gocardless", name = "GoCardless", aliases = [], spec = SPEC,
    secrets = text("webhook endpoint secret, as text")
}
