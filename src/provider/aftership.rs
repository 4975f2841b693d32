//! AfterShip Tracking: `aftership-hmac-sha256: <base64 HMAC-SHA256(webhook secret, body)>`.
//!
//! Sources:
//! - AfterShip Docs, Tracking, "Webhook Signature"
//!   (<https://www.aftership.com/docs/tracking/webhook/webhook-signature>): every webhook
//!   request carries an `aftership-hmac-sha256` header, "a base64-encoded HMAC generated
//!   using sha256 algorithm with webhook request body and webhook secret of your account";
//!   the Node.js sample is `createHmac('sha256', WEBHOOK_SECRET).update(body, 'utf8')
//!   .digest('base64')` (standard, padded base64, the secret as text).
//! - AfterShip Docs, Tracking, "Webhook Specifications"
//!   (<https://www.aftership.com/docs/tracking/2025-01/webhook/webhook-specifications>): the
//!   JSON body has `ts` (when the event occurred), `event` (its code, e.g.
//!   `tracking_update`), `event_id` ("UUID v4 format, to uniquely identify the webhook
//!   event"), `is_tracking_first_tag` and `msg`.
//! - AfterShip Docs, Tracking, "Webhook Overview"
//!   (<https://www.aftership.com/docs/tracking/webhook/webhook-overview>): a delivery not
//!   answered with a 2XX is attempted up to 14 times with exponential backoff
//!   (`2^retry × 30 s`, about 68 hours in all). AfterShip Returns and Shipping sign with
//!   other headers (`as-signature-hmac-sha256`, `am-webhook-signature`), not this one.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, BodyPaths, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] =
    [HeaderKey::new("aftership-hmac-sha256", "aftership-hmac-sha256")];

/// The scheme: padded standard base64 of HMAC-SHA256 over the body; ids from the body.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Base64,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    idempotency: Source::Body(BodyPaths::from_static(&[&["event_id"]])),
    event_type: Source::Body(BodyPaths::from_static(&[&["event"]])),
};

spec_provider! {
    /// AfterShip Tracking webhooks.
    ///
    /// - **Verifies** `aftership-hmac-sha256: <base64>`, the HMAC-SHA256 of the raw body in
    ///   padded standard base64, as AfterShip's documented sample computes it. Nothing else is
    ///   signed. This is AfterShip Tracking only: Returns and Shipping use other headers and
    ///   are not this provider.
    /// - **No timestamp** is signed (the body's `ts` is when the event occurred, and is not
    ///   checked), so there is no replay window: deduplicate on the event id.
    /// - **Secret**: the account's webhook secret (Settings > Notifications), used as text.
    /// - **Idempotency key**: `aftership:<event_id>` from the body, which AfterShip documents
    ///   as uniquely identifying the webhook event. A retry re-attempts the same webhook (up
    ///   to 14 attempts), so it is expected to carry the same `event_id`; the docs do not say
    ///   so in words.
    /// - **Event type**: the body's `event` (`tracking_update`, `edd_revise`,
    ///   `tracking_pending_time`).
    ///
    /// ```
    /// use hooksign::{AfterShip, SecretSet};
    ///
    /// // From the documented model (tests/vectors/aftership.json, `aftership-valid-compact`).
    /// let aftership = AfterShip::new(SecretSet::new(["hooksignAfterShipWebhookSecret0001"])?);
    /// let body = br#"{"event":"tracking_update","event_id":"f4f1a5c0-1b2e-4d3c-9a8b-7c6d5e4f3a21","msg":{"tag":"Delivered"},"ts":1700000000}"#;
    /// let headers = [("aftership-hmac-sha256", "KS0+/y5qA1HiRghBEsxQ0CrGzL05AxsJUVnVB7KzT3I=")];
    /// let verified = hooksign::verify(&aftership, &headers, body)?;
    /// assert_eq!(
    ///     verified.idempotency_key().unwrap().as_str(),
    ///     "aftership:f4f1a5c0-1b2e-4d3c-9a8b-7c6d5e4f3a21"
    /// );
    /// assert_eq!(verified.event_type().as_deref(), Some("tracking_update"));
    ///
    /// // A changed body no longer matches.
    /// let tampered = br#"{"event":"tracking_update","event_id":"f4f1a5c0-1b2e-4d3c-9a8b-7c6d5e4f3a21","msg":{"tag":"Exception"},"ts":1700000000}"#;
    /// assert!(hooksign::verify(&aftership, &headers, tampered).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    AfterShip, id = "aftership", name = "AfterShip Tracking", aliases = [], spec = SPEC,
    secrets = text("webhook secret, as text")
}
