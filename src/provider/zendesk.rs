//! Zendesk: `X-Zendesk-Webhook-Signature: <base64 HMAC-SHA256(secret, "{timestamp}{body}")>`.
//!
//! Sources:
//! - Zendesk Developer Docs, "Verifying webhook authenticity"
//!   (<https://developer.zendesk.com/documentation/webhooks/verifying/>): requests carry
//!   `X-Zendesk-Webhook-Signature` and `X-Zendesk-Webhook-Signature-Timestamp`; sign the
//!   timestamp and the body with the webhook's signing secret using SHA-256 and base64-encode
//!   the digest, "base64(HMACSHA256(TIMESTAMP + BODY))"; the Node example does
//!   `crypto.createHmac("sha256", SIGNING_SECRET).update(timestamp + body).digest("base64")`
//!   with the secret as a string and compares the whole value. GET and DELETE requests may have
//!   no body (the timestamp alone is then signed). The page says the signatures help against
//!   replay attacks but documents no window.
//! - Zendesk Developer Docs, "Anatomy of a webhook request"
//!   (<https://developer.zendesk.com/documentation/webhooks/anatomy-of-a-webhook-request>):
//!   every request has `x-zendesk-account-id`, `x-zendesk-webhook-id`,
//!   `x-zendesk-webhook-invocation-id` and the two signature headers; the timestamp is RFC 3339
//!   (`2021-03-25T05:09:27Z`). Requests for Zendesk events are JSON; trigger and automation
//!   requests have the method, format and payload the admin configured.
//! - The superseded revision of the verifying page
//!   (<https://developer.zendesk.com/documentation/event-connectors/webhooks/verifying/>) read
//!   "base64(HMACSHA256((BODY)(TIMESTAMP)))", and its worked example (secret `HRkRd4Be…`, body
//!   `{"say": "hello"}`, timestamp `2021-07-25T10:00:00Z`, signature `tRDSF7UR…`) reproduces
//!   only in that body-first order. The current page changed both the formula and the code to
//!   timestamp first; this provider follows the current page, and the old example is kept in
//!   `tests/vectors/zendesk.json` as a vector it rejects.


use crate::provider::spec::{
    Algorithm, Encoding, Meta, Part, SecretFormat,
    Source, Spec, TimeUnit, WindowCheck,
};
use crate::{HeaderKey, Tolerance};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new(
    "X-Zendesk-Webhook-Signature",
    "x-zendesk-webhook-signature",
)];

static TIMESTAMP: [HeaderKey; 1] = [HeaderKey::new(
    "X-Zendesk-Webhook-Signature-Timestamp",
    "x-zendesk-webhook-signature-timestamp",
)];

const INVOCATION_ID: HeaderKey = HeaderKey::new(
    "X-Zendesk-Webhook-Invocation-Id",
    "x-zendesk-webhook-invocation-id",
);

/// The invocation id, read after the MAC; not required (the documented check reads only the
/// two signature headers).
static METADATA: [Meta; 1] = [Meta {
    header: INVOCATION_ID,
    required: false,
}];

/// No window is documented: the timestamp is signed but its age is not checked unless the
/// caller sets a window ([`Zendesk::with_tolerance`]).
const TOLERANCE: Tolerance = Tolerance::unchecked();

/// The scheme: base64 HMAC-SHA256 over the timestamp header's text followed by the body.
pub(crate) static SPEC: Spec = header_timestamp_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    // `digest("base64")` compared as a string: canonical padded base64.
    encoding: Encoding::Base64,
    secret: SecretFormat::Text,
    // `timestamp + body`: no separator.
    content: &[Part::Timestamp, Part::Body],
    // The header's text is concatenated as it is.
    timestamp: &TIMESTAMP,
    unit: TimeUnit::Rfc3339,
    tolerance: TOLERANCE,
    check: WindowCheck::AfterMac,
    metadata: &METADATA,
    id: Source::Header(INVOCATION_ID),
    idempotency: Source::Header(INVOCATION_ID),
    // Trigger payloads are whatever the admin wrote: there is no fixed event type field.
    event_type: Source::None,
};

spec_provider! {
    /// Zendesk webhooks (Zendesk events, triggers and automations).
    ///
    /// - **Verifies** `X-Zendesk-Webhook-Signature: <base64>`, the HMAC-SHA256 of the
    ///   `X-Zendesk-Webhook-Signature-Timestamp` text immediately followed by the raw body (empty
    ///   for GET and DELETE webhooks), as Zendesk's current "Verifying webhook authenticity" page
    ///   and its code build it. That page's superseded revision documented the body first; see
    ///   the module sources.
    /// - **Replay window**: none documented, and none checked by default
    ///   ([`Tolerance::unchecked`](crate::Tolerance::unchecked)): the RFC 3339 timestamp is
    ///   signed and reported ([`Verified::timestamp`](crate::Verified::timestamp)), and
    ///   [`Zendesk::with_tolerance`] sets a window if you want one. The invocation id below is
    ///   the only per-request id Zendesk sends.
    /// - **Secret**: the webhook's signing secret (Admin Center or the Webhooks API's signing
    ///   secret endpoint), used as text; it looks like base64 but is not decoded.
    /// - **Idempotency key**: `zendesk:<X-Zendesk-Webhook-Invocation-Id>`, the header Zendesk
    ///   sends with every request (not signed; a request without it has no key). Zendesk's pages
    ///   do not say whether a retried request keeps it.
    /// - **Event type**: none: trigger and automation payloads are defined by the admin.
    ///
    /// ```
    /// use hooksign::{Delivery, SecretSet, Tolerance, UnixTime, Verify, Zendesk};
    ///
    /// // tests/vectors/zendesk.json, `zendesk-valid-compact` (the documented scheme's model).
    /// let zendesk = Zendesk::new(SecretSet::new(["hooksign-zendesk-signing-secret-0001"])?);
    /// let body = br#"{"ticket":{"id":35436,"subject":"Help, my printer is on fire!"}}"#;
    /// let headers = [
    ///     ("X-Zendesk-Webhook-Invocation-Id", "8350205582"),
    ///     ("X-Zendesk-Webhook-Signature", "2wBRSDKc+uplE44/5RqP00mY0Y4wUwZa4BkvdghqKkg="),
    ///     ("X-Zendesk-Webhook-Signature-Timestamp", "2023-11-14T22:13:20Z"),
    /// ];
    /// let delivery = Delivery::new(&headers, body);
    /// let verified = zendesk.verify_at(&delivery, UnixTime::from_secs(1_700_000_000))?;
    /// assert_eq!(verified.idempotency_key().unwrap().as_str(), "zendesk:8350205582");
    /// assert_eq!(verified.timestamp().map(|t| t.as_secs()), Some(1_700_000_000));
    /// // No window by default; with one, an hour-old delivery is refused.
    /// let strict = zendesk.with_tolerance(Tolerance::past_only(300));
    /// assert!(strict.verify_at(&delivery, UnixTime::from_secs(1_700_003_600)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Zendesk, id = "zendesk", name = "Zendesk", aliases = [], spec = SPEC,
    secrets = text("webhook signing secret, as text"), timestamped = TOLERANCE
}
