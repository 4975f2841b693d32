//! Attio: `Attio-Signature: <hex HMAC-SHA256(webhook secret, body)>` (also sent as
//! `X-Attio-Signature`).
//!
//! Sources:
//! - Attio Docs, "Webhooks" guide (<https://docs.attio.com/rest-api/guides/webhooks>),
//!   Authenticating: every request is signed with the webhook's secret and the signature sent
//!   as `Attio-Signature`, "duplicated as `X-Attio-Signature` to support legacy middleware";
//!   the value is a SHA256 HMAC of the request body keyed with the webhook secret, encoded as a
//!   hexadecimal string, and only the body is signed (as UTF-8). The secret is shown in the
//!   developer settings and returned when the webhook is created. Each message carries an
//!   `Idempotency-Key` header, "different for each message, but the same between retries and
//!   redeliveries"; a delivery not answered with 200 or 202 is retried up to 10 times over
//!   about 3 days.
//! - Attio Docs, webhook reference (e.g.
//!   <https://docs.attio.com/rest-api/webhook-reference/activity-events/activityupdated>):
//!   the body is `{"webhook_id", "events": [{"event_type", "id", "actor"}]}`, currently one
//!   event per delivery.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, Encoding, Meta, SecretFormat, Source, Spec};

/// Both names carry the same value; the first present is read.
static SIGNATURE: [HeaderKey; 2] = [
    HeaderKey::new("Attio-Signature", "attio-signature"),
    HeaderKey::new("X-Attio-Signature", "x-attio-signature"),
];

const IDEMPOTENCY_KEY: HeaderKey = HeaderKey::new("Idempotency-Key", "idempotency-key");

/// The message's idempotency key, read after the MAC; not required (it is not signed, and the
/// documented check is the signature alone).
static METADATA: [Meta; 1] = [Meta {
    header: IDEMPOTENCY_KEY,
    required: false,
}];

/// The scheme: the bare lower-case hex HMAC-SHA256 of the body.
// The event type is inside the `events` array (`events[0].event_type`), out of reach of a body
// path: none at the top.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    metadata: &METADATA,
    id: Source::Header(IDEMPOTENCY_KEY),
    idempotency: Source::Header(IDEMPOTENCY_KEY),
    event_type: Source::None,
};

spec_provider! {
    /// Attio webhooks (records, list entries, notes, tasks, …).
    ///
    /// - **Verifies** `Attio-Signature: <hex>` (or, when it is absent, the identical
    ///   `X-Attio-Signature`), the HMAC-SHA256 of the raw body in lower-case hex. Nothing else
    ///   is signed.
    /// - **No timestamp** is signed, so there is no replay window: deduplicate on the
    ///   idempotency key.
    /// - **Secret**: the webhook's secret (developer settings, or the create-webhook API
    ///   response), used as text.
    /// - **Idempotency key**: `attio:<Idempotency-Key>`. Attio documents the header as
    ///   different for each message and the same between retries and redeliveries, so the key
    ///   is stable across them. A delivery without the header has no key; the header is not
    ///   signed.
    /// - **Event type**: none at the top: each entry of the body's `events` array has its own
    ///   `event_type` (e.g. `record.created`).
    ///
    /// ```
    /// use hooksign::{Attio, SecretSet};
    ///
    /// // From the documented model (tests/vectors/attio.json, `attio-valid-record-created`).
    /// let attio = Attio::new(SecretSet::new([
    ///     "hooksign0attio0webhook0secret0000000000000000000000000000000001",
    /// ])?);
    /// let body = br#"{"webhook_id":"5c4e4d5a-9b0e-4d7e-8a4a-1a2b3c4d5e6f","events":[{"event_type":"record.created","id":{"workspace_id":"14beef7a-99f7-4534-a87e-70b564330a4c","object_id":"97052eb9-e65e-443f-a297-f2d9a4a7f795","record_id":"bf071e1f-6035-429d-b874-d83ea64ea13b"},"actor":{"type":"workspace-member","id":"50cf242c-7fa3-4cad-87d0-75b1af71c57b"}}]}"#;
    /// let headers = [
    ///     ("Attio-Signature", "24621b8e79fb6ceba1147b8dfbcf14955760f65af25dc973a8959b548269b04a"),
    ///     ("Idempotency-Key", "0b6c4f3e-hooksign-attio-message-0001"),
    /// ];
    /// let verified = hooksign::verify(&attio, &headers, body)?;
    /// assert_eq!(verified.idempotency_key().unwrap().as_str(), "attio:0b6c4f3e-hooksign-attio-message-0001");
    ///
    /// // The same signature over another body is rejected.
    /// assert!(hooksign::verify(&attio, &headers, br#"{"webhook_id":"other","events":[]}"#).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Attio, id = "attio", name = "Attio", aliases = [], spec = SPEC,
    secrets = text("webhook secret, as text")
}
