//! Vercel: `x-vercel-signature: <hex HMAC-SHA1(secret, body)>`.
//!
//! Sources:
//! - Vercel's official example integration, `vercel/example-marketplace-integration`,
//!   `app/webhook/route.ts`: the raw body is read as text, `crypto.createHmac("sha1",
//!   env.INTEGRATION_CLIENT_SECRET).update(body).digest("hex")` is compared with `!==` against
//!   the `x-vercel-signature` header (lower-case hex, exact), and a mismatch is answered
//!   `invalid_signature`. The verified event is `{ id, type, createdAt, payload }`
//!   (`deployment.created`, `integration-configuration.removed`, …). Nothing but the body is
//!   signed.
//! - Vercel Docs, "Webhooks" (<https://vercel.com/docs/webhooks>): the page the example
//!   implements; its text was not available in the sources searched here, so the facts above
//!   rest on the official example.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, BodyPaths, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("x-vercel-signature", "x-vercel-signature")];

/// The event id, in the body.
const EVENT_ID: BodyPaths = BodyPaths::from_static(&[&["id"]]);

/// The scheme: the bare lower-case hex HMAC-SHA1 of the body.
// The official example compares `digest("hex")` with `!==`: lower case only.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha1,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    idempotency: Source::Body(EVENT_ID),
    event_type: Source::Body(BodyPaths::from_static(&[&["type"]])),
};

spec_provider! {
    /// Vercel webhooks (integration webhooks; account webhooks are unconfirmed, see
    /// **Secret**).
    ///
    /// - **Verifies** `x-vercel-signature: <hex>`, the HMAC-**SHA1** of the raw body in lower
    ///   case, as Vercel's official example integration compares it. SHA-1 is what Vercel signs
    ///   with; HMAC-SHA1 is still a sound MAC, but it is the only algorithm offered.
    /// - **No timestamp** is signed, so there is no replay window: deduplicate on the event id.
    /// - **Secret**: for an integration, its client secret (the example keys the HMAC with
    ///   `INTEGRATION_CLIENT_SECRET`), used as text. Account webhooks have a secret of their
    ///   own; the official sources read here do not show how it is used, so this provider is
    ///   confirmed for integration webhooks.
    /// - **Idempotency key**: `vercel:<id>` from the (signed) body, the event's id. The sources
    ///   read do not say whether a redelivery keeps it.
    /// - **Event type**: the body's `type` (e.g. `deployment.created`).
    ///
    /// ```
    /// use hooksign::{SecretSet, Vercel};
    ///
    /// // tests/vectors/vercel.json, `vercel-valid-compact` (the documented scheme's model).
    /// let vercel = Vercel::new(SecretSet::new(["hooksign-vercel-client-secret-0001"])?);
    /// let body = br#"{"id":"evt_hooksign0001","type":"deployment.created","createdAt":1700000000000,"payload":{"deployment":{"id":"dpl_hooksign0001"}}}"#;
    /// let headers = [("x-vercel-signature", "69db06823fdef8548e91e9336ffa83e855f34828")];
    /// let verified = hooksign::verify(&vercel, &headers, body)?;
    /// assert_eq!(verified.idempotency_key().unwrap().as_str(), "vercel:evt_hooksign0001");
    /// assert_eq!(verified.event_type().as_deref(), Some("deployment.created"));
    /// // The same signature over another body is rejected.
    /// assert!(hooksign::verify(&vercel, &headers, br#"{"id":"evt_other"}"#).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Vercel, id = "vercel", name = "Vercel", aliases = [], spec = SPEC,
    secrets = text("webhook secret or integration client secret, as text")
}
