//! Logto: `logto-signature-sha-256: <hex HMAC-SHA256(signing key, body)>`.
//!
//! Sources:
//! - Logto Docs, "Secure webhooks"
//!   (<https://docs.logto.io/developers/webhooks/secure-webhooks>): the signing key is on the
//!   webhook's details page in the Console; take the signature from `logto-signature-sha-256`,
//!   compute an HMAC hex digest (SHA-256) of the raw request body with the signing key and
//!   compare it with `===`.
//! - Logto's own source (logto-io/logto, a self-hostable product): `packages/core/src/utils/
//!   sign.ts` signs with `createHmac('sha256', signingKey)` over `JSON.stringify(payload)` and
//!   `digest('hex')`, bare; `libraries/hook/utils.ts` `sendWebhookRequest` sends the same
//!   payload as the JSON body, with the header only when a signing key is set, and retries up to
//!   3 times on a 5xx. `utils/sign.test.ts` holds two published vectors (key `foo`).
//!   `packages/schemas/src/types/hook.ts`: every payload has `event`, `createdAt` and `hookId`
//!   (the webhook's id), and no delivery or event id.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, BodyPaths, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new(
    "logto-signature-sha-256",
    "logto-signature-sha-256",
)];

/// The scheme: the bare lower-case hex HMAC-SHA256 of the body.
// `hookId` names the webhook, not the event, so it is no idempotency key; the payload carries
// no event id.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::Body(BodyPaths::from_static(&[&["event"]])),
};

spec_provider! {
    /// Logto webhooks (interaction hooks such as `PostSignIn`, data hooks such as
    /// `User.Created`, exception hooks), from Logto Cloud or a self-hosted Logto.
    ///
    /// - **Verifies** `logto-signature-sha-256: <hex>`, the HMAC-SHA256 of the raw body in lower
    ///   case, as Logto's `sign()` computes it and its guide compares it. Nothing else is
    ///   signed. A webhook without a signing key sends no signature: such a delivery is
    ///   rejected as missing its header.
    /// - **No timestamp** is signed, so there is no replay window.
    /// - **Secret**: the webhook's signing key (Console, webhook details), used as text.
    /// - **Idempotency key**: none. The payload has no event id (`hookId` is the webhook's), and
    ///   Logto retries a delivery that got a 5xx up to 3 times.
    /// - **Event type**: the body's `event` (e.g. `User.Created`).
    ///
    /// ```
    /// use hooksign::{Logto, SecretSet};
    ///
    /// // Logto's own unit-test vector (packages/core/src/utils/sign.test.ts).
    /// let logto = Logto::new(SecretSet::new(["foo"])?);
    /// let headers = [(
    ///     "logto-signature-sha-256",
    ///     "436958f1dbfefab37712fb3927760490fbf7757da8c0b2306ee7b485f0360eee",
    /// )];
    /// assert!(hooksign::verify(&logto, &headers, br#"{"bar":"bar","foo":"foo"}"#).is_ok());
    ///
    /// // From the documented model (tests/vectors/logto.json, `logto-valid-user-created`).
    /// let logto = Logto::new(SecretSet::new(["hooksignLogtoSigningKey0000000001"])?);
    /// let body = br#"{"event":"User.Created","createdAt":"2023-11-14T22:13:20.000Z","hookId":"hooksignhook01","userAgent":"hooksign","path":"/users","method":"POST","status":201,"data":{"id":"hooksignuser1","username":"ada"}}"#;
    /// let headers = [(
    ///     "logto-signature-sha-256",
    ///     "f8ff0d74b288132d1776216c70f694e4b4a2fa62db90375dcfbc7109656c26e3",
    /// )];
    /// let verified = hooksign::verify(&logto, &headers, body)?;
    /// assert_eq!(verified.event_type().as_deref(), Some("User.Created"));
    ///
    /// // The same signature over another body is rejected.
    /// assert!(hooksign::verify(&logto, &headers, br#"{"event":"User.Deleted"}"#).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Logto, id = "logto", name = "Logto", aliases = [], spec = SPEC,
    secrets = text("webhook signing key, as text")
}
