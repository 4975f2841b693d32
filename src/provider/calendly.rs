//! Calendly: `Calendly-Webhook-Signature: t=<unix>,v1=<hex HMAC-SHA256(signing key, "{t}.{body}")>`.
//!
//! Sources:
//! - Calendly developer docs, "Webhooks" (<https://developer.calendly.com/docs/webhooks/overview>),
//!   its "At a glance" table: the signature is `Calendly-Webhook-Signature: t=<unix>,v1=<hex>`,
//!   verified as HMAC-SHA256 keyed with the signing key over `"<t>." + raw_body`; the signing
//!   key is write-only, to be stored when the subscription is created.
//! - Calendly developer docs, "Webhook Signatures"
//!   (<https://developer.calendly.com/api-docs/overview/webhooks/webhook-signatures>): the
//!   webhook signing key is a secret shared between the application and Calendly, which
//!   produces the `Calendly-Webhook-Signature`; with a personal access token it is set when the
//!   subscription is created (one for all subscriptions or one each), for an OAuth app it is
//!   generated with the app.
//! - Calendly developer docs, "Webhook Errors"
//!   (<https://developer.calendly.com/api-docs/overview/webhooks/webhook-errors>): failed
//!   deliveries are retried with exponential back-off for 24 hours.
//!
//! None of these pages, as far as they could be read, states a replay window or a field that
//! identifies a delivery or an event; see the provider's notes.

use std::borrow::Cow;

use crate::provider::spec::{
    Algorithm, Encoding, Part, Pick, SecretFormat,
    Source, Spec, TimeUnit, WindowCheck,
};
use crate::{HeaderKey, Tolerance};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new(
    "Calendly-Webhook-Signature",
    "calendly-webhook-signature",
)];

/// Calendly documents no window: none by default (set one with `with_tolerance`).
const TOLERANCE: Tolerance = Tolerance::unchecked();

/// The scheme: `t=<unix>,v1=<hex>` over `{t}.{body}`, the timestamp signed as received.
pub(crate) static SPEC: Spec = list_timestamp_spec! {
    signature: &SIGNATURE,
    separator: ',',
    written_separator: ",",
    // The documented form has no spaces.
    trim: false,
    signature_key: "v1",
    pick: Pick::All,
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    content: &[Part::Timestamp, Part::Literal(Cow::Borrowed(b".")), Part::Body],
    // `<unix>`: digits, concatenated into the signed text as they appear.
    timestamp_key: "t",
    unit: TimeUnit::Seconds,
    tolerance: TOLERANCE,
    check: WindowCheck::AfterMac,
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::None,
};

spec_provider! {
    /// Calendly webhook subscriptions (`invitee.created`, `invitee.canceled`, routing form
    /// submissions, …).
    ///
    /// - **Verifies** every `v1=` entry of `Calendly-Webhook-Signature: t=<unix>,v1=<hex>`,
    ///   the lower-case hex HMAC-SHA256 of `{t}.{body}` with `t` as it appears in the header,
    ///   as Calendly's Webhooks overview documents it. A subscription without a signing key
    ///   sends no signature: its deliveries are refused as missing the header.
    /// - **Replay window**: none by default ([`Tolerance::unchecked`](crate::Tolerance::unchecked)).
    ///   `t` is signed, but no Calendly page this provider was written from states a window
    ///   (a "three minutes" figure circulates only in third-party guides), so hooksign does not
    ///   invent one; [`Calendly::with_tolerance`] sets one. Calendly retries failed deliveries
    ///   for 24 hours, and its docs do not say whether a retry is signed with a new `t`, so a
    ///   tight window may refuse retries.
    /// - **Secret**: the webhook signing key: the `signing_key` you chose when creating the
    ///   subscription with a personal access token, or the key Calendly generated for your
    ///   OAuth app; used as text.
    /// - **Idempotency key**: none. The documented envelope has no delivery or event id; the
    ///   resource URIs inside `payload` identify the invitee or event, not the delivery.
    /// - **Event type**: none is read; the pages this provider was written from do not
    ///   describe the envelope's fields.
    ///
    /// ```
    /// use hooksign::{Calendly, Delivery, SecretSet, Tolerance, UnixTime, Verify};
    ///
    /// // From tests/vectors/calendly.json (`calendly-valid-compact`), an independent model
    /// // of Calendly's documented check.
    /// let calendly = Calendly::new(SecretSet::new(["hooksign-calendly-webhook-signing-key-0001"])?);
    /// let body = br#"{"created_at":"2023-11-14T22:13:20.000000Z","created_by":"https://api.calendly.com/users/AAAAAAAAAAAAAAAA","event":"invitee.created","payload":{"uri":"https://api.calendly.com/scheduled_events/GBGBDCAADAEDCRZ2/invitees/AAAAAAAAAAAAAAAA","email":"test@example.com","name":"John Doe","status":"active","rescheduled":false}}"#;
    /// let headers = [(
    ///     "Calendly-Webhook-Signature",
    ///     "t=1700000000,v1=d661219c201eb5f4b0c58918d0ba8c439930c5069478462b2ce0feb780ddffdd",
    /// )];
    /// let delivery = Delivery::new(&headers, body);
    /// let verified = calendly.verify_at(&delivery, UnixTime::from_secs(1_700_000_005))?;
    /// assert_eq!(verified.timestamp(), Some(UnixTime::from_secs(1_700_000_000)));
    ///
    /// // With a window of your choosing, a day-old delivery is refused.
    /// let strict = calendly.with_tolerance(Tolerance::past_only(300));
    /// assert!(strict.verify_at(&delivery, UnixTime::from_secs(1_700_086_400)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Calendly, id = "calendly", name = "Calendly", aliases = [], spec = SPEC,
    secrets = text("webhook signing key, as text"), timestamped = TOLERANCE
}
