//! Xero: `x-xero-signature: <base64 HMAC-SHA256(webhook key, body)>`.
//!
//! Sources:
//! - Xero Developer, "Configuring your server"
//!   (<https://developer.xero.com/documentation/webhooks/configuring-your-server>): verify
//!   the `x-xero-signature` header; the payload "hashed using HMACSHA256 with your webhook
//!   signing key and base64 encoded" must equal it. Answer 200 to a correctly signed request
//!   and 401 to any other, within 5 seconds; unacknowledged requests are retried with
//!   decreasing frequency for up to 24 hours. Creating or re-enabling a subscription first
//!   runs an "Intent to receive" validation: a series of requests, some signed, some not
//!   (`{"events": [], …, "entropy": "S0m3r4Nd0mt3xt"}`).
//! - Xero Developer, "Webhooks overview"
//!   (<https://developer.xero.com/documentation/webhooks/overview>): one payload carries an
//!   `events` array (each with `resourceUrl`, `resourceId`, `eventDateUtc`, `eventType`,
//!   `eventCategory`, `tenantId`, `tenantType`), `firstEventSequence`, `lastEventSequence`
//!   and a random `entropy`.
//! - Xero's sample receivers: `XeroAPI/XeroWebhooksReceiver`
//!   (`XeroWebhooksReceiver/Helpers/SignatureVerifier.cs`: `HMACSHA256` keyed with
//!   `Encoding.UTF8.GetBytes(SigningKey)`, `Convert.ToBase64String` of the hash compared with
//!   `==`) and `XeroAPI/xero-php-webhook` (`index.php`:
//!   `base64_encode(hash_hmac('sha256', $rawPayload, $webhookKey, true))` compared with
//!   `hash_equals`). The key is used as its text, the base64 is standard and padded.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("x-xero-signature", "x-xero-signature")];

/// The scheme: padded standard base64 of HMAC-SHA256 over the body, bare.
// The payload is a batch of events with no delivery or event id, and each event has its own
// type: no id, idempotency key or event type at the top.
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
    /// Xero webhooks (contact, invoice and subscription events).
    ///
    /// - **Verifies** `x-xero-signature: <base64>`, the HMAC-SHA256 of the raw body in padded
    ///   standard base64, as Xero's sample receivers compare it. Nothing else is signed. The
    ///   "Intent to receive" validation is ordinary deliveries, some correctly signed and some
    ///   not: answer 200 when this verifies and 401 when it does not.
    /// - **No timestamp** is signed, so there is no replay window.
    /// - **Secret**: the app's webhook key from the developer portal, used as its text. It
    ///   looks like base64 but is not decoded (Xero's samples key the HMAC with its UTF-8
    ///   bytes).
    /// - **Idempotency key**: none. A payload batches events and carries no delivery or event
    ///   id; deduplicate per event (`tenantId`, `resourceId`, `eventDateUtc`, `eventType`) in
    ///   the body, since Xero retries an unacknowledged payload for up to 24 hours.
    /// - **Event type**: none for the delivery; each entry of `events` has its own
    ///   `eventCategory` and `eventType` (`CONTACT` / `UPDATE`).
    ///
    /// ```
    /// use hooksign::{SecretSet, Xero};
    ///
    /// // From the documented model (tests/vectors/xero.json, `xero-valid-intent-to-receive`).
    /// let xero = Xero::new(SecretSet::new([
    ///     "hooksignXeroWebhookKey0001+Jm1vY2tLZXlGb3JUZXN0aW5nT25seQ/8k2Q3w==",
    /// ])?);
    /// let body = br#"{"events":[],"lastEventSequence":0,"firstEventSequence":0,"entropy":"S0m3r4Nd0mt3xt"}"#;
    /// let headers = [("x-xero-signature", "tNOGaYe+L/cNSy6qJWKJ74OxekoXfT53eaPMd34fOF4=")];
    /// let verified = hooksign::verify(&xero, &headers, body)?;
    /// assert!(verified.idempotency_key().is_none());
    ///
    /// // The same request signed with another key (`xero-intent-to-receive-wrong-key`): 401.
    /// let forged = [("x-xero-signature", "C1PpG1WJUC95Th5G7sfQPhO9/0PgWzpMfoFxERKLWjw=")];
    /// assert!(hooksign::verify(&xero, &forged, body).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Xero, id = "xero", name = "Xero", aliases = [], spec = SPEC,
    secrets = text("webhook key, as text")
}
