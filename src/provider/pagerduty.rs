//! PagerDuty (v3 webhooks): `X-PagerDuty-Signature: v1=<hex HMAC-SHA256(secret, body)>[,v1=…]`.
//!
//! Sources:
//! - PagerDuty's official Go client, `PagerDuty/go-pagerduty`, `webhookv3/webhookv3.go`,
//!   `VerifySignature` (it links PagerDuty's "Verifying Signatures" page,
//!   <https://developer.pagerduty.com/docs/ZG9jOjExMDI5NTkz-verifying-signatures>): the
//!   `X-PagerDuty-Signature` header is split on `,`; each element that starts with `v1=` is
//!   hex-decoded (other elements, and ones that are not hex, are skipped) and compared with
//!   `hmac.Equal` to the HMAC-SHA256 of the raw body keyed with the subscription's secret as
//!   bytes of the string; any match accepts. A missing header, or one without a usable `v1=`
//!   element, is `ErrMalformedHeader`; an empty body is `ErrMalformedBody`. No timestamp is
//!   signed. Several `v1=` entries are how a delivery is signed while the secret is rotated.
//! - The same client's `webhookv3/webhookv3_test.go`: a published secret, body and signature
//!   (`valid`), and a wrong signature (`mismatch`), both in `tests/vectors/pagerduty.json`.
//! - `webhookv3/webhook_event.go` there: the body is `{"event": {...}}` with `event.id`,
//!   `event.event_type` (`incident.triggered`, …), `event.resource_type`, `event.occurred_at`
//!   and `event.data`.

use std::borrow::Cow;

use crate::HeaderKey;
use crate::provider::spec::{
    Algorithm, BodyPaths, Encoding, Order, Pick, SecretFormat, SignatureFormat, Source, Spec,
    BODY,
};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new(
    "X-PagerDuty-Signature",
    "x-pagerduty-signature",
)];

/// The event id, in the body.
const EVENT_ID: BodyPaths = BodyPaths::from_static(&[&["event", "id"]]);

/// The scheme: a comma-separated list of `v1=<hex>`, any of which may match the HMAC-SHA256 of
/// the body.
pub(crate) static SPEC: Spec = Spec {
    signature_header: Cow::Borrowed(&SIGNATURE),
    format: SignatureFormat::KeyValues {
        separator: ',',
        written_separator: Cow::Borrowed(","),
        // The client checks `strings.HasPrefix(element, "v1=")` on the untrimmed element.
        trim: false,
        signature_key: Cow::Borrowed("v1"),
        // One entry per active secret while rotating: the client tries them all.
        pick: Pick::All,
    },
    algorithm: Algorithm::Sha256,
    // PagerDuty writes lower-case hex. The Go client hex-decodes, so it would also take upper
    // case; a case flip is refused here, as any change to a signed header is.
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    content: Cow::Borrowed(&BODY),
    timestamp: None,
    message_id: None,
    order: Order::SignatureFirst,
    empty_is_missing: false,
    metadata: Cow::Borrowed(&[]),
    id: Source::None,
    idempotency: Source::Body(EVENT_ID),
    event_type: Source::Body(BodyPaths::from_static(&[&["event", "event_type"]])),
    legacy: None,
};

spec_provider! {
    /// PagerDuty v3 webhooks (webhook subscriptions).
    ///
    /// - **Verifies** `X-PagerDuty-Signature: v1=<hex>[,v1=<hex>…]`: every `v1=` entry is a
    ///   candidate lower-case hex HMAC-SHA256 of the raw body, as in the official
    ///   `go-pagerduty` client's `webhookv3.VerifySignature`. Entries that are not hex are
    ///   skipped, as there. Three differences from that client, none of which touches what
    ///   PagerDuty sends: upper-case hex is refused (the client decodes hex, so it would take
    ///   it), a hex entry of the wrong length makes the header malformed (the client just finds
    ///   no match in it), and an empty body is verified like any other (the client refuses it).
    /// - **No timestamp** is signed, so there is no replay window: deduplicate on the event id.
    /// - **Secret**: the webhook subscription's secret, shown when the subscription is
    ///   created, used as text. During a rotation PagerDuty signs with each active secret; a
    ///   [`SecretSet`](crate::SecretSet) with both accepts either.
    /// - **Idempotency key**: `pagerduty:<event.id>` from the (signed) body, the event's id.
    ///   The client's sources do not say whether a redelivery keeps it.
    /// - **Event type**: the body's `event.event_type` (e.g. `incident.triggered`).
    ///
    /// ```
    /// use hooksign::{PagerDuty, SecretSet};
    ///
    /// // tests/vectors/pagerduty.json, `pagerduty-valid-compact` (the documented scheme's
    /// // model; `pagerduty-sdk-test-valid` is go-pagerduty's own vector).
    /// let pagerduty = PagerDuty::new(SecretSet::new(["hooksign-pagerduty-subscription-secret-0001"])?);
    /// let body = br#"{"event":{"id":"01HV8XC2D3E4F5G6H7J8K9M0N1","event_type":"incident.triggered","resource_type":"incident","occurred_at":"2023-11-14T22:13:20.000Z","data":{"id":"PGR0VU2","type":"incident"}}}"#;
    /// let headers = [("X-PagerDuty-Signature", "v1=2fc8f180f097ba241f9a4c7cf32234e6b3363055506f74696f5afecefac4970c")];
    /// let verified = hooksign::verify(&pagerduty, &headers, body)?;
    /// assert_eq!(
    ///     verified.idempotency_key().unwrap().as_str(),
    ///     "pagerduty:01HV8XC2D3E4F5G6H7J8K9M0N1"
    /// );
    /// assert_eq!(verified.event_type().as_deref(), Some("incident.triggered"));
    /// // A header whose only entry is another version carries no signature to check.
    /// let v2 = [("X-PagerDuty-Signature", "v2=00")];
    /// assert!(hooksign::verify(&pagerduty, &v2, body).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    PagerDuty, id = "pagerduty", name = "PagerDuty", aliases = [], spec = SPEC,
    secrets = text("webhook subscription secret, as text")
}
