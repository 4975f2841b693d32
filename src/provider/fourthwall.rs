//! Fourthwall: `X-Fourthwall-Hmac-SHA256: <base64 HMAC-SHA256(secret key, body)>`.
//!
//! Sources:
//! - Fourthwall Docs, "Signature Verification"
//!   (<https://docs.fourthwall.com/webhooks/signature-verification>): the shop's secret key is
//!   in the webhook configuration of the site settings (e.g. a UUID); each request carries the
//!   base64 `X-Fourthwall-Hmac-SHA256` header: compute the HMAC-SHA256 of the entire body with
//!   the secret key, base64-encode it and compare. Its Python example keys with
//!   `SECRET.encode('utf-8')` and encodes with `base64.b64encode` (standard, padded). Platform
//!   Apps are verified the same way but with another header,
//!   `X-Fourthwall-Hmac-Apps-SHA256`, and the app's own HMAC key.
//! - Fourthwall Docs, "Webhook Model" (<https://docs.fourthwall.com/webhooks/webhook-model>):
//!   every event has `id` ("If you receive multiple events with the same id, treat them as
//!   duplicates"), `type`, `testMode`, `webhookId`, `shopId`, `apiVersion`, `createdAt`,
//!   `data`.
//! - Fourthwall Docs, "Retry Policies" (<https://docs.fourthwall.com/webhooks/retry-policies>):
//!   anything but a 200 within about 2 s is a failed delivery, and the event is redelivered.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, BodyPaths, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new(
    "X-Fourthwall-Hmac-SHA256",
    "x-fourthwall-hmac-sha256",
)];

/// The event's id, in the body.
const EVENT_ID: BodyPaths = BodyPaths::from_static(&[&["id"]]);

/// The scheme: the padded standard base64 of HMAC-SHA256 over the body, bare.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Base64,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    idempotency: Source::Body(EVENT_ID),
    event_type: Source::Body(BodyPaths::from_static(&[&["type"]])),
};

spec_provider! {
    /// Fourthwall shop webhooks (`ORDER_PLACED` and the other shop events).
    ///
    /// - **Verifies** `X-Fourthwall-Hmac-SHA256: <base64>`, the HMAC-SHA256 of the raw body in
    ///   padded standard base64, as Fourthwall's example computes it. Nothing else is signed.
    /// - **No timestamp** is signed, so there is no replay window: deduplicate on the event id.
    /// - **Secret**: the shop's webhook secret key (site settings, webhook configuration),
    ///   used as text.
    /// - **Idempotency key**: `fourthwall:<id>` from the (signed) body. Fourthwall documents
    ///   that events sharing an `id` are duplicates, so the key is stable across its
    ///   redeliveries.
    /// - **Event type**: the body's `type` (e.g. `ORDER_PLACED`).
    /// - **Not covered**: Platform App webhooks, signed in `X-Fourthwall-Hmac-Apps-SHA256` with
    ///   the app's HMAC key; this provider reads the shop header only.
    ///
    /// ```
    /// use hooksign::{Fourthwall, SecretSet};
    ///
    /// // From the documented model (tests/vectors/fourthwall.json, `fourthwall-valid-order-placed`).
    /// let fourthwall = Fourthwall::new(SecretSet::new(["e3f93c7c-c92b-4b8f-a9b1-5b70e0891abc"])?);
    /// let body = br#"{"testMode":true,"id":"weve_hooksignFourthwall0001","webhookId":"wcon_hooksignFourthwall","shopId":"sh_hooksign-shop","type":"ORDER_PLACED","apiVersion":"V1_BETA","createdAt":"2023-11-14T22:13:20.000000+00:00","data":{"id":"hooksign-order-0001","status":"CONFIRMED"}}"#;
    /// let headers = [("X-Fourthwall-Hmac-SHA256", "fDNc6wXWDdSyaHw1gj3eYHUz2veVFzwXQO6N5hYclDE=")];
    /// let verified = hooksign::verify(&fourthwall, &headers, body)?;
    /// assert_eq!(verified.idempotency_key().unwrap().as_str(), "fourthwall:weve_hooksignFourthwall0001");
    /// assert_eq!(verified.event_type().as_deref(), Some("ORDER_PLACED"));
    ///
    /// // The same signature over another body is rejected.
    /// assert!(hooksign::verify(&fourthwall, &headers, br#"{"id":"weve_other"}"#).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Fourthwall, id = "fourthwall", name = "Fourthwall", aliases = [], spec = SPEC,
    secrets = text("shop webhook secret key, as text")
}
