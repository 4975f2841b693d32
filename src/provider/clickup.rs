//! ClickUp: `X-Signature: <hex HMAC-SHA256(webhook secret, body)>`.
//!
//! Sources:
//! - ClickUp Developer Docs, "Webhook signature"
//!   (<https://developer.clickup.com/docs/webhooksignature>): every request is signed with an
//!   HMAC keyed with the `webhook.secret` returned when the webhook is created; the
//!   `X-Signature` header is the SHA-256 HMAC of the request body, "always digested in
//!   hexadecimal format"; the Node.js example is `crypto.createHmac('sha256',
//!   key).update(body).digest('hex')` over the compact JSON body. Its sample header value
//!   (`f7bc83f430538424b13298e6aa6`) is an abbreviation, not a real tag. The sample body
//!   carries `webhook_id`, `event` (e.g. `taskCreated`) and `task_id`; nothing else is
//!   signed.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, BodyPaths, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("X-Signature", "x-signature")];

/// The scheme: bare lower-case hex of HMAC-SHA256 over the body.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    // `digest('hex')`: lower case.
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::Body(BodyPaths::from_static(&[&["event"]])),
};

spec_provider! {
    /// ClickUp webhooks (tasks, lists, folders, spaces, goals).
    ///
    /// - **Verifies** `X-Signature: <hex>`, the HMAC-SHA256 of the raw body in lower case, as
    ///   ClickUp's docs compute it.
    /// - **No timestamp** is signed, so there is no replay window.
    /// - **Secret**: the `secret` of the webhook object returned when the webhook is created
    ///   (and by the webhook endpoints), used as text. Each webhook has its own.
    /// - **Idempotency key**: none. The body names the webhook (`webhook_id`) and the task,
    ///   not the delivery; ClickUp documents no event id that survives a retry.
    /// - **Event type**: the body's `event` (e.g. `taskCreated`, `taskStatusUpdated`).
    ///
    /// ```
    /// use hooksign::{ClickUp, SecretSet};
    ///
    /// // From tests/vectors/clickup.json (`clickup-docs-example`): the key and body of the
    /// // Node.js example in ClickUp's docs, signed by an independent model.
    /// let clickup = ClickUp::new(SecretSet::new(["secret"])?);
    /// let body = br#"{"webhook_id":"7689a169-a000-4985-8676-6902b96d6627","event":"taskCreated","task_id":"c0j"}"#;
    /// let headers = [(
    ///     "X-Signature",
    ///     "4830bf524f6e29a3e8da953936c6f21c1fea2b9669b825d3e1be293ef3416c8c",
    /// )];
    /// let verified = hooksign::verify(&clickup, &headers, body)?;
    /// assert_eq!(verified.event_type().as_deref(), Some("taskCreated"));
    ///
    /// // The docs' sample header is an abbreviation: rejected.
    /// let sample = [("X-Signature", "f7bc83f430538424b13298e6aa6")];
    /// assert!(hooksign::verify(&clickup, &sample, body).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ClickUp, id = "clickup", name = "ClickUp", aliases = [], spec = SPEC,
    secrets = text("webhook secret, as text")
}
