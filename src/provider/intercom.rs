//! Intercom: `X-Hub-Signature: sha1=<hex HMAC-SHA1(secret, body)>`.
//!
//! Source: Intercom Developers, API reference v1.0, "Signed Notifications"
//! (<https://developers.intercom.com/intercom-api-reference/v1.0/reference/signed-notifications>):
//! the subscription's secret (`hub_secret`) is the key of an HMAC (RFC 2104) over the JSON
//! notification; the signature is the 40-character hexadecimal SHA-1 HMAC, sent as
//! `X-Hub-Signature: sha1=<hex>` (the example: `sha1=21ff2e149e0fdcac6f947740f6177f6434bda921`,
//! lower case). The example notification is `{"type":"notification_event","id":"notif_…",
//! "topic":"user.created","app_id":…,"data":{…}}`. Nothing else is signed.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, BodyPaths, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("X-Hub-Signature", "x-hub-signature")];

/// The scheme: `sha1=<hex>` of HMAC-SHA1 over the body.
// The documented example is lower-case hex; nothing documents another spelling.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "sha1=",
    algorithm: Algorithm::Sha1,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    idempotency: Source::Body(BodyPaths::from_static(&[&["id"]])),
    event_type: Source::Body(BodyPaths::from_static(&[&["topic"]])),
};

spec_provider! {
    /// Intercom webhooks (topic subscriptions: `notification_event` deliveries).
    ///
    /// - **Verifies** `X-Hub-Signature: sha1=<hex>`, the HMAC-**SHA1** of the raw body, in
    ///   lower case. SHA-1 is the only algorithm Intercom documents for webhooks, so this
    ///   provider's main algorithm is SHA-1 (HMAC-SHA1 is not broken the way SHA-1 collisions
    ///   are, but it is what Intercom offers, not a choice).
    /// - **No timestamp** is signed, so there is no replay window: deduplicate on the
    ///   notification id.
    /// - **Secret**: the secret the subscription is signed with (`hub_secret` in API v1.0),
    ///   used as text.
    /// - **Idempotency key**: `intercom:<id>`, the notification's `id` (`notif_…`) from the
    ///   body. The page cited describes it as the notification's id; it does not say in words
    ///   whether a retry re-sends the same notification object, so treat the key as per
    ///   notification.
    /// - **Event type**: the body's `topic` (e.g. `user.created`, `conversation.user.replied`).
    ///
    /// ```
    /// use hooksign::{Intercom, SecretSet};
    ///
    /// // tests/vectors/intercom.json, `intercom-valid-user-created` (an independent model of
    /// // Intercom's documented scheme).
    /// let intercom = Intercom::new(SecretSet::new(["hooksign-intercom-hub-secret-0001"])?);
    /// let body = br#"{"type":"notification_event","id":"notif_78c122d0-23ba-11e4-9464-79b01267cc2e","topic":"user.created","app_id":"a86dr8yl","data":{"type":"notification_event_data","item":{"type":"user","id":"530370b477ad7120001d","user_id":"25","name":"Hoban Washburne","unsubscribed_from_emails":false,"custom_attributes":{}}}}"#;
    /// let headers = [("X-Hub-Signature", "sha1=027b7321ec170b2c7b304abdde90b60f206d78e7")];
    /// let verified = hooksign::verify(&intercom, &headers, body)?;
    /// assert_eq!(
    ///     verified.idempotency_key().unwrap().as_str(),
    ///     "intercom:notif_78c122d0-23ba-11e4-9464-79b01267cc2e"
    /// );
    /// assert_eq!(verified.event_type().as_deref(), Some("user.created"));
    /// assert!(hooksign::verify(&intercom, &headers, &body[..body.len() - 1]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Intercom, id = "intercom", name = "Intercom", aliases = [], spec = SPEC,
    secrets = text("webhook (hub) secret, as text")
}
