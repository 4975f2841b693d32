//! Squarespace: `Squarespace-Signature: <hex HMAC-SHA256(hex-decoded secret, body)>`.
//!
//! Sources:
//! - Squarespace Developers, "Verifying notifications"
//!   (<https://developers.squarespace.com/webhooks/verifying-notifications>): every
//!   notification has a `Squarespace-Signature` header; the webhook subscription's secret "is
//!   always a hexadecimal value" and "should be decoded to raw bytes" for
//!   `HMAC-SHA256(hexToBytes(secret), request payload)`, the payload being the raw body. The
//!   Node.js example compares `createHmac('sha256', Buffer.from(secret, 'hex')).update(payload)
//!   .digest('hex')` with the header, byte for byte (`timingSafeEqual`): lower-case hex.
//! - Squarespace Developers, "Webhooks overview"
//!   (<https://developers.squarespace.com/webhooks/overview>): the JSON payload has `id`
//!   ("unique notification id"), `websiteId`, `subscriptionId`, `topic`
//!   (`extension.uninstall`, `order.create`, `order.update`), `createdOn` and `data`; the
//!   secret is returned only when a subscription is created or its secret rotated.
//! - Squarespace Developers, "Notification delivery"
//!   (<https://developers.squarespace.com/webhooks/notification-delivery>): at least once
//!   delivery; a non-2xx answer or a timeout is retried for up to 48 hours; duplicates are
//!   handled "by tracking which notification ids have already been processed".

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, BodyPaths, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] =
    [HeaderKey::new("Squarespace-Signature", "squarespace-signature")];

/// The scheme: bare lower-case hex of HMAC-SHA256 over the body, keyed with the decoded hex
/// secret; ids from the body.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Hex,
    metadata: &[],
    id: Source::None,
    idempotency: Source::Body(BodyPaths::from_static(&[&["id"]])),
    event_type: Source::Body(BodyPaths::from_static(&[&["topic"]])),
};

spec_provider! {
    /// Squarespace webhooks (Webhook Subscriptions API).
    ///
    /// - **Verifies** `Squarespace-Signature: <hex>`, the HMAC-SHA256 of the raw body in
    ///   lower-case hex, as Squarespace's documented example compares it. Nothing else is
    ///   signed.
    /// - **No timestamp** is signed, so there is no replay window: deduplicate on the
    ///   notification id.
    /// - **Secret**: the webhook subscription's secret, which Squarespace returns in hex when
    ///   the subscription is created or its secret rotated, *decoded*: the HMAC key is its
    ///   bytes. A secret that is not hex is refused with
    ///   [`SecretError::NotHex`](crate::SecretError::NotHex). The sources above do not say
    ///   whether deliveries signed with the old secret still arrive after a rotation; keeping
    ///   it in the [`SecretSet`](crate::SecretSet) for a while accepts them if they do.
    /// - **Idempotency key**: `squarespace:<id>`, the notification id from the body, which
    ///   Squarespace names as the way to recognise duplicates of its at-least-once delivery.
    /// - **Event type**: the body's `topic` (`order.create`, `order.update`,
    ///   `extension.uninstall`).
    ///
    /// ```
    /// use hooksign::{SecretSet, Squarespace};
    ///
    /// // From the documented model (tests/vectors/squarespace.json, `squarespace-valid-compact`).
    /// let squarespace = Squarespace::new(SecretSet::new([
    ///     "9e3c1f7a2b4d6e8f0a1c3e5f7b9d2a4c6e8f1a3b5c7d9e2f4a6b8c1d3e5f7a9b",
    /// ])?)?;
    /// let body = br#"{"id":"5c2ba184b63ed3cb411ce2b1","websiteId":"5f3c3d55ac435e1a051f77b3","subscriptionId":"5f3c2155d947844beedda991","topic":"extension.uninstall","createdOn":"2020-04-22T22:18+00:00","data":{}}"#;
    /// let headers = [(
    ///     "Squarespace-Signature",
    ///     "8936810579134b610d9603cf3c1623710978c570fac24ef8b1985b63e8c688df",
    /// )];
    /// let verified = hooksign::verify(&squarespace, &headers, body)?;
    /// assert_eq!(
    ///     verified.idempotency_key().unwrap().as_str(),
    ///     "squarespace:5c2ba184b63ed3cb411ce2b1"
    /// );
    /// assert_eq!(verified.event_type().as_deref(), Some("extension.uninstall"));
    /// assert!(hooksign::verify(&squarespace, &headers, &body[..body.len() - 1]).is_err());
    ///
    /// // The secret's hex text is not the key: a secret that is not hex is refused.
    /// assert!(Squarespace::new(SecretSet::new(["not hex"])?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Squarespace, id = "squarespace", name = "Squarespace", aliases = [], spec = SPEC,
    secrets = decoded("webhook subscription secret, hex-decoded")
}
