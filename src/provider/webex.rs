//! Webex (Webhooks API): `X-Spark-Signature: <hex HMAC-SHA1(webhook secret, body)>`.
//!
//! Sources:
//! - Webex for Developers blog, "Using a Webhook Secret"
//!   (<https://developer.webex.com/blog/using-a-webhook-secret>, read as served from Webex's
//!   developer portal): a webhook created with a `secret` is delivered with an
//!   `X-Spark-Signature` header; the post's Python example computes `hmac.new(key.encode(),
//!   raw, hashlib.sha1).hexdigest()` over the raw JSON body and compares it with the header
//!   using `==`.
//! - Webex for Developers, "Receive and verify events"
//!   (<https://developer.webex.com/docs/receive-and-verify-webhooks>): signatures are verified
//!   over the original request bytes; the body is the webhook's registration (`id`, `name`,
//!   `resource`, `event`, `filter`, `orgId`, `createdBy`, `appId`, `ownedBy`, `status`,
//!   `actorId`) with the changed resource in `data`. Contact Center subscriptions use other
//!   rules and are not this scheme.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("X-Spark-Signature", "x-spark-signature")];

/// The scheme: the bare lower-case hex HMAC-SHA1 of the body.
// The body's `id` is the webhook registration's, not the event's, and the event is named by two
// fields (`resource`, `event`): no id, idempotency key or event type is read.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha1,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::None,
};

spec_provider! {
    /// Webex webhooks (messages, rooms, memberships, … through the Webhooks API).
    ///
    /// - **Verifies** `X-Spark-Signature: <hex>`, the HMAC-**SHA1** of the raw body in lower
    ///   case, as Webex's example compares it. SHA-1 is what Webex signs with; HMAC-SHA1 is still
    ///   a sound MAC, but it is the only algorithm offered. A webhook created without a secret
    ///   sends no signature: such a delivery is rejected as missing its header.
    /// - **No timestamp** is signed, so there is no replay window.
    /// - **Secret**: the `secret` you set when creating the webhook, used as text.
    /// - **Idempotency key**: none. The body's `id` is the webhook's registration id, shared by
    ///   every event it delivers; the changed resource's id is `data.id`.
    /// - **Event type**: none as one field: the body's `resource` and `event` together name it
    ///   (`messages` / `created`).
    ///
    /// ```
    /// use hooksign::{SecretSet, Webex};
    ///
    /// // From the documented model (tests/vectors/webex.json, `webex-valid-message-created`).
    /// let webex = Webex::new(SecretSet::new(["somesupersecretphrase"])?);
    /// let body = br#"{"id":"hooksignWebexWebhook0001","name":"New message in hooksign room","resource":"messages","event":"created","filter":"roomId=hooksignRoom","orgId":"hooksignOrg","createdBy":"hooksignPerson","appId":"hooksignApp","ownedBy":"creator","status":"active","actorId":"hooksignPerson","data":{"id":"hooksignMessage0001","roomId":"hooksignRoom","personEmail":"ada@example.com","created":"2023-11-14T22:13:20.000Z"}}"#;
    /// let headers = [("X-Spark-Signature", "7f78594288936e07b15eb93d924530ff58bde1bd")];
    /// let verified = hooksign::verify(&webex, &headers, body)?;
    /// assert!(verified.idempotency_key().is_none());
    ///
    /// // The same signature over another body is rejected.
    /// assert!(hooksign::verify(&webex, &headers, br#"{"id":"other"}"#).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Webex, id = "webex", name = "Webex", aliases = [], spec = SPEC,
    secrets = text("webhook secret, as text")
}
