//! Typeform: `Typeform-Signature: sha256=<base64 HMAC-SHA256(webhook secret, body)>`.
//!
//! Sources:
//! - Typeform Developers, "Secure your webhooks"
//!   (<https://www.typeform.com/developers/webhooks/secure-your-webhooks/>): you set a secret on
//!   the webhook (any random string, through the Webhooks API or the builder) and Typeform signs
//!   each payload with it; the receiver computes HMAC-SHA256 keyed with the secret over the
//!   entire received payload, encodes the binary digest in base64, prefixes it with `sha256=`
//!   and compares the result with the `Typeform-Signature` header. The Ruby example uses
//!   `OpenSSL::HMAC.digest` with the secret as a string and `Base64.strict_encode64` (standard,
//!   padded base64) and compares the whole value with `secure_compare`. No timestamp is signed.
//! - Typeform Developers, "Webhooks" (<https://www.typeform.com/developers/webhooks/>): failed
//!   deliveries are retried (every 2-3 minutes for 10 hours on 408, 423, 429 and 503; a few
//!   times with back-off on other errors); 404 and 410 disable the webhook.
//! - Typeform Developers, "Create or update webhook"
//!   (<https://www.typeform.com/developers/webhooks/reference/create-or-update-webhook>): the
//!   `secret` field, "if specified, will be used to sign the webhook payload with HMAC SHA256";
//!   `event_types` include `form_response_partial`.
//! - Typeform Developers, "Example webhook payload"
//!   (<https://www.typeform.com/developers/webhooks/example-payload/>): the body's top-level
//!   `event_id`, `event_type` (`form_response`) and `form_response`. That page's text was not
//!   in the sources searched here; the field names are those of the payloads Typeform delivers
//!   as other integrations reproduce them, so the idempotency key and event type rest on it
//!   less firmly than the signature does.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, BodyPaths, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("Typeform-Signature", "typeform-signature")];

/// The event id: Typeform sends no id header, the body has one.
const EVENT_ID: BodyPaths = BodyPaths::from_static(&[&["event_id"]]);

/// The scheme: `sha256=` and the padded base64 HMAC-SHA256 of the body.
// The docs' check builds `'sha256=' + Base64.strict_encode64(hash)` and compares strings.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "sha256=",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Base64,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    idempotency: Source::Body(EVENT_ID),
    event_type: Source::Body(BodyPaths::from_static(&[&["event_type"]])),
};

spec_provider! {
    /// Typeform webhooks (form responses).
    ///
    /// - **Verifies** `Typeform-Signature: sha256=<base64>`, the HMAC-SHA256 of the raw body in
    ///   standard padded base64, as Typeform's "Secure your webhooks" page builds it. A hex
    ///   digest, or another prefix, is rejected.
    /// - **No timestamp** is signed, so there is no replay window: deduplicate on the event id.
    /// - **Secret**: the `secret` you set on the webhook (Typeform suggests a random string),
    ///   used as text. A webhook without a secret is not signed and cannot be verified here.
    /// - **Idempotency key**: `typeform:<event_id>` from the (signed) body, the id Typeform
    ///   assigns to the webhook event. Typeform's pages do not say whether a retried delivery
    ///   keeps it; the response's `form_response.token` is stable per response if you need a
    ///   key that certainly is.
    /// - **Event type**: the body's `event_type` (`form_response`, `form_response_partial`).
    ///
    /// ```
    /// use hooksign::{SecretSet, Typeform};
    ///
    /// // tests/vectors/typeform.json, `typeform-valid-compact` (the documented scheme's model).
    /// let typeform = Typeform::new(SecretSet::new(["hooksign-typeform-secret-0001"])?);
    /// let body = br#"{"event_id":"01HV8X9Q2K3M4N5P6R7S8T9V0W","event_type":"form_response","form_response":{"form_id":"lT4Z3j","token":"a3a12ec67a1365927098a606107fac15"}}"#;
    /// let headers = [(
    ///     "Typeform-Signature",
    ///     "sha256=Nb6msPpyDQFXUr6c1Z7J0hoAaIW+8+JFdDpUjg5kUpE=",
    /// )];
    /// let verified = hooksign::verify(&typeform, &headers, body)?;
    /// assert_eq!(
    ///     verified.idempotency_key().unwrap().as_str(),
    ///     "typeform:01HV8X9Q2K3M4N5P6R7S8T9V0W"
    /// );
    /// assert_eq!(verified.event_type().as_deref(), Some("form_response"));
    /// // Another body under the same signature is rejected.
    /// assert!(hooksign::verify(&typeform, &headers, br#"{"event_id":"x"}"#).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Typeform, id = "typeform", name = "Typeform", aliases = [], spec = SPEC,
    secrets = text("webhook secret, as text")
}
