//! Onfleet: `X-Onfleet-Signature: <hex HMAC-SHA512(hex-decoded webhook secret, body)>`.
//!
//! Sources:
//! - Onfleet Docs, "Webhook Authentication" (<https://docs.onfleet.com/reference/secrets>):
//!   HMAC with SHA-512; every webhook request carries `X-Onfleet-Signature`, to be compared
//!   with an HMAC made from "the hexadecimal format of your webhook secrets" and the full raw
//!   body of the POST. The secret comes from the Onfleet dashboard.
//! - Onfleet's official Python SDK (`onfleet/pyonfleet`, `onfleet/onfleet.py`,
//!   `verify_webhook`) and sample server (`onfleet/developer`,
//!   `api-tools/webhooks/python/testwebhooks.py`):
//!   `hmac.new(binascii.a2b_hex(secret), body, 'sha512').hexdigest() == header`: the secret
//!   is hex-decoded (either case), the digest is lower-case hex compared as a string.
//! - Onfleet Docs, "Retry" (<https://docs.onfleet.com/reference/retry>): a non-200 answer is
//!   retried in 30-minute cycles for up to one day; after 300 consecutive failures the
//!   webhook is disabled. "Webhooks" (<https://docs.onfleet.com/reference/webhooks>): each
//!   webhook targets a single trigger (`taskCompleted`, `workerDuty`, …); creating one is
//!   preceded by an unsigned `GET ?check=…` validation, which is not a delivery.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("X-Onfleet-Signature", "x-onfleet-signature")];

/// The scheme: bare lower-case hex of HMAC-SHA512 over the body, keyed with the decoded hex
/// secret.
// The payload carries no delivery or event id, and the trigger is fixed per webhook (one
// trigger each), so no id, idempotency key or event type is read.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha512,
    encoding: Encoding::Hex,
    secret: SecretFormat::Hex,
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::None,
};

spec_provider! {
    /// Onfleet webhooks.
    ///
    /// - **Verifies** `X-Onfleet-Signature: <hex>`, the HMAC-SHA512 of the raw body (128
    ///   lower-case hex characters), as `pyonfleet`'s `verify_webhook` compares it. Nothing
    ///   else is signed. The `GET ?check=…` validation Onfleet sends when a webhook is created
    ///   is unsigned and is not for this provider: echo the `check` value.
    /// - **No timestamp** is signed, so there is no replay window.
    /// - **Secret**: the organization's webhook secret from the Onfleet dashboard, written in
    ///   hex and *decoded*: the HMAC key is its bytes, not its text. A secret that is not hex
    ///   is refused with [`SecretError::NotHex`](crate::SecretError::NotHex).
    /// - **Idempotency key**: none. Onfleet sends no delivery or event id and retries failed
    ///   requests for up to a day; deduplicate on what the payload describes (`triggerId`,
    ///   `taskId`, `time`).
    /// - **Event type**: none read. A webhook targets one trigger, so the endpoint it is sent
    ///   to tells it.
    ///
    /// ```
    /// use hooksign::{Onfleet, SecretError, SecretSet};
    ///
    /// // From the documented model (tests/vectors/onfleet.json, `onfleet-valid-compact`).
    /// let onfleet = Onfleet::new(SecretSet::new([
    ///     "3a8f0c2d9b7e41f6a5c3d2e1f0b9a8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a10f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0",
    /// ])?)?;
    /// let body = br#"{"taskId":"11z1BFspwhBYDvIH_FrJfWMm","time":1700000000123,"triggerId":3,"data":{}}"#;
    /// let headers = [(
    ///     "X-Onfleet-Signature",
    ///     "f6b069498fd108d804e1bf337f0419a06eae8ca9010e4a42a9e0932854371915166d82490e0ed2e79c7ebabf7180b2b90cc195a68c977874d137a1f0b09ae63f",
    /// )];
    /// assert!(hooksign::verify(&onfleet, &headers, body).is_ok());
    /// assert!(hooksign::verify(&onfleet, &headers, &body[..body.len() - 1]).is_err());
    ///
    /// // A secret that is not hex is a configuration mistake, caught at construction.
    /// let err = Onfleet::new(SecretSet::new(["not-a-hex-secret"])?).unwrap_err();
    /// assert_eq!(err, SecretError::NotHex { index: 0 });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Onfleet, id = "onfleet", name = "Onfleet", aliases = [], spec = SPEC,
    secrets = decoded("webhook secret, hex-decoded")
}
