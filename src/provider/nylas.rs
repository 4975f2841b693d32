//! Nylas (API v3): `x-nylas-signature: <hex HMAC-SHA256(webhook_secret, body)>`.
//!
//! Sources:
//! - Nylas Docs, "Verify webhook signatures"
//!   (<https://developer.nylas.com/docs/cookbook/use-cases/build/verify-webhook-signatures/>):
//!   once the endpoint passes the `challenge` check, Nylas generates a `webhook_secret` for
//!   that destination; every notification carries `x-nylas-signature` (or
//!   `X-Nylas-Signature`), "a hex-encoded HMAC-SHA256 of the exact request body, signed with
//!   that secret", a 64-character hex string to recompute over the raw bytes and compare in
//!   constant time.
//! - Nylas API reference, "Create a webhook destination"
//!   (<https://developer.nylas.com/docs/reference/api/webhook-notifications/post-webhook-destinations/>):
//!   every notification includes the header; retries go to every destination of the trigger
//!   type.
//! - Nylas Docs, "Notification schemas"
//!   (<https://developer.nylas.com/docs/v3/notifications/notification-schemas/>): the body
//!   is `{"specversion", "type", "source", "id", "time", "data"}`; delivery is "at least
//!   once", and duplicates can come from the email or calendar provider's own behaviour.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, BodyPaths, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("x-nylas-signature", "x-nylas-signature")];

/// The notification's id, in the body.
const NOTIFICATION_ID: BodyPaths = BodyPaths::from_static(&[&["id"]]);

/// The scheme: the bare lower-case hex HMAC-SHA256 of the body.
// The recipe compares the hex digests as strings: lower case only.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    idempotency: Source::Body(NOTIFICATION_ID),
    event_type: Source::Body(BodyPaths::from_static(&[&["type"]])),
};

spec_provider! {
    /// Nylas API v3 webhooks (grants, messages, events, calendars, contacts, …).
    ///
    /// - **Verifies** `x-nylas-signature: <hex>`, the HMAC-SHA256 of the raw body in lower
    ///   case, as Nylas' recipe computes it. Nothing else is signed.
    /// - **No timestamp** is signed apart from the body's own `time`, and Nylas documents no
    ///   window: deduplicate instead.
    /// - **Secret**: the destination's `webhook_secret`, returned when the webhook is created
    ///   (and by the rotate-secret endpoint), used as text. Not the API key or client secret
    ///   (those keyed Nylas v2 webhooks).
    /// - **Idempotency key**: `nylas:<id>` from the (signed) body, the notification's id.
    ///   Delivery is at least once; the docs read do not say whether a retry keeps the id, and
    ///   a duplicate caused by the email provider's upserts is a new notification.
    /// - **Event type**: the body's `type` (e.g. `message.created`).
    /// - **Body bytes**: the signature covers the exact bytes sent; verify before any
    ///   decompression or JSON parsing touches them.
    ///
    /// ```
    /// use hooksign::{Nylas, SecretSet};
    ///
    /// // From the documented model (tests/vectors/nylas.json, `nylas-valid-message-created`).
    /// let nylas = Nylas::new(SecretSet::new(["hooksign-nylas-webhook-secret-000000000000001"])?);
    /// let body = br#"{"specversion":"1.0","type":"message.created","source":"/google/emails/realtime","id":"hooksign-nylas-notification-0001","time":1700000000,"data":{"application_id":"hooksign-app","object":{"grant_id":"hooksign-grant","id":"hooksign-message-0001","object":"message","subject":"Hello"}}}"#;
    /// let headers = [("x-nylas-signature", "a27e9a2d3ae8e3dd25d3f431f2552ad983ebca0bb404d34a64c5c50d778af1a5")];
    /// let verified = hooksign::verify(&nylas, &headers, body)?;
    /// assert_eq!(verified.idempotency_key().unwrap().as_str(), "nylas:hooksign-nylas-notification-0001");
    /// assert_eq!(verified.event_type().as_deref(), Some("message.created"));
    ///
    /// // The same signature over another body is rejected.
    /// assert!(hooksign::verify(&nylas, &headers, br#"{"type":"message.created"}"#).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Nylas, id = "nylas", name = "Nylas", aliases = [], spec = SPEC,
    secrets = text("destination webhook_secret, as text")
}
