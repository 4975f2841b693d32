//! Segment (Twilio Segment), Webhooks (Actions) destination:
//! `X-Signature: <hex HMAC-SHA1(shared secret, body)>`.
//!
//! Sources:
//! - Segment docs, "Webhooks (Actions) Destination"
//!   (<https://www.twilio.com/docs/segment/connections/destinations/catalog/actions-webhook>):
//!   with a shared secret set (Settings → Advanced Settings), Segment signs requests with an
//!   HMAC in the `X-Signature` header, "a hex-encoded SHA1 hash generated using this shared
//!   secret and the request body".
//! - Segment's open-source destination (`segmentio/action-destinations`,
//!   `packages/destination-actions/src/destinations/webhook/index.ts`, `extendRequest`):
//!   `createHmac('sha1', sharedSecret).update(JSON.stringify(payload.data), 'utf8')
//!   .digest('hex')`, lower-case hex of the JSON that `send/index.ts` posts as the body
//!   (`json: payload.data`). The header is only added when the payload has a `data` field,
//!   which a batched request (`performBatch`, an array of events) does not have: batches go
//!   out unsigned.
//! - The same `send/index.ts`: the body is the mapped `data`, by default the whole Segment
//!   event (`@path: $.`), whose `type` is the call (`track`, `identify`, …).

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, BodyPaths, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("X-Signature", "x-signature")];

/// The scheme: bare lower-case hex of HMAC-SHA1 over the body.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    // SHA-1 is what Segment signs with; as an HMAC it is still unforgeable without the key.
    algorithm: Algorithm::Sha1,
    // `digest('hex')`: lower case.
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::Body(BodyPaths::from_static(&[&["type"]])),
};

spec_provider! {
    /// Segment's Webhooks (Actions) destination: Segment events forwarded to your URL.
    ///
    /// - **Verifies** `X-Signature: <hex>`, the HMAC-SHA1 of the raw body in lower case, as
    ///   `segmentio/action-destinations`' webhook destination writes it. Only single-event
    ///   requests are signed: a destination with batching on sends batches without
    ///   `X-Signature`, which are rejected here as `missing_header`.
    /// - **No timestamp** is signed, so there is no replay window.
    /// - **Secret**: the destination's Shared Secret (Settings → Advanced Settings), used as
    ///   text. Without one Segment does not sign at all.
    /// - **Idempotency key**: none. The body is whatever the destination maps as `data`; the
    ///   default mapping is the whole Segment event, whose `messageId` the application can
    ///   use, but a custom mapping may drop it, so hooksign does not rely on it.
    /// - **Event type**: the body's `type` (`track`, `identify`, `page`, `group`, `alias`)
    ///   under the default mapping.
    ///
    /// ```
    /// use hooksign::{SecretSet, Segment};
    ///
    /// // From tests/vectors/segment.json (`segment-valid-compact`), an independent model of
    /// // the Webhooks (Actions) destination.
    /// let segment = Segment::new(SecretSet::new(["hooksign-segment-shared-secret-01"])?);
    /// let body = br#"{"type":"track","event":"Order Completed","messageId":"ajs-next-1700000000000-4f1c","userId":"user-123","properties":{"revenue":29.5,"currency":"USD"},"timestamp":"2023-11-14T22:13:20.000Z"}"#;
    /// let headers = [("X-Signature", "28205295269fc911d9b38af45b4a228153610678")];
    /// let verified = hooksign::verify(&segment, &headers, body)?;
    /// assert_eq!(verified.event_type().as_deref(), Some("track"));
    ///
    /// // A batch arrives unsigned: rejected.
    /// let unsigned: [(&str, &str); 0] = [];
    /// assert!(hooksign::verify(&segment, &unsigned, body).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Segment, id = "segment", name = "Segment", aliases = [], spec = SPEC,
    secrets = text("destination shared secret, as text")
}
