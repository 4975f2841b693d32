//! Zoom: `x-zm-signature: v0=<hex HMAC-SHA256(secret token, "v0:{x-zm-request-timestamp}:{body}")>`.
//!
//! Sources:
//! - Zoom Developer changelog, "Webhook URL validation enforcement and verification changes"
//!   (<https://developers.zoom.us/changelog/platform/webhook-url-validation>): events are
//!   verified with a secret token and the `x-zm-signature` header, which replace the
//!   deprecated verification token (sunset June 2025); it points to "Verify webhook events"
//!   in <https://developers.zoom.us/docs/api/webhooks/> for the construction.
//! - Zoom's webhook sample app (`zoom/webhook-sample`, `index.js`): the message is
//!   `` `v0:${x-zm-request-timestamp}:${body}` `` with the header as received, HMAC-SHA256
//!   keyed with the Webhook Secret Token as text, `'v0=' + digest('hex')` compared with `===`
//!   against `x-zm-signature` (lower case only). No time window is checked.
//! - Zoom's SDK `@zoom/rivet` (`zoom/rivet-javascript` 0.3.0, `CommonHttpRequest.isEventVerified`
//!   and `parseHeaders`): the same construction (the timestamp read with `Number()` and written
//!   back), `===` on `v0=<hex>`, and no time window either.
//! - Zoom Developer Blog, "Resolving webhook delays"
//!   (<https://developers.zoom.us/blog/webhook-delays>): without a 200/204 within three
//!   seconds Zoom sends the notification 3 more times (after 5, 20 and 60 minutes).
//! - The changelog above and Zoom's "Validate your webhook endpoint"
//!   (<https://developers.zoom.us/docs/api/webhooks/#validate-your-webhook-endpoint>): endpoints
//!   are validated when added and every 72 hours with an `endpoint.url_validation` event whose
//!   `payload.plainToken` the endpoint hashes with HMAC-SHA256 keyed with the Secret Token,
//!   answering `200` with JSON `{"plainToken":…,"encryptedToken":<hex>}` within 3 seconds.
//!   Zoom's `webhook-sample` (`index.js`) checks `x-zm-signature` first and only then answers
//!   the validation with `crypto.createHmac('sha256', secret).update(plainToken).digest('hex')`.

use std::borrow::Cow;

use crate::provider::spec::{
    Algorithm, BodyPaths, Encoding, Part, SecretFormat, Source, Spec, TimeUnit, WindowCheck,
};
use crate::scheme::mac::Keyring;
use crate::{Delivery, Error, HeaderKey, SecretSet, Tolerance, UnixTime};
use crate::handshake::HandshakeReply;

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("x-zm-signature", "x-zm-signature")];
static TIMESTAMP: [HeaderKey; 1] =
    [HeaderKey::new("x-zm-request-timestamp", "x-zm-request-timestamp")];

/// No window: Zoom documents none, and neither its SDK nor its sample checks one.
const TOLERANCE: Tolerance = Tolerance::unchecked();

/// The scheme: `v0=<hex>` over `v0:{timestamp}:{body}`, the timestamp signed as received.
pub(crate) static SPEC: Spec = header_timestamp_spec! {
    signature: &SIGNATURE,
    prefix: "v0=",
    algorithm: Algorithm::Sha256,
    // `===` on `digest('hex')`: lower case only.
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    content: &[
        Part::Literal(Cow::Borrowed(b"v0:")),
        Part::Timestamp,
        Part::Literal(Cow::Borrowed(b":")),
        Part::Body,
    ],
    // The sample interpolates the header text as received.
    timestamp: &TIMESTAMP,
    // Zoom's material cited above does not state the unit: seconds is an assumption. It
    // only matters for a window set with `with_tolerance` and for signing.
    unit: TimeUnit::Seconds,
    tolerance: TOLERANCE,
    // Any window a caller sets is checked after the MAC, so a forgery is a mismatch.
    check: WindowCheck::AfterMac,
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::Body(BodyPaths::from_static(&[&["event"]])),
};

spec_provider! {
    /// Zoom webhooks (Marketplace apps' event subscriptions: meetings, webinars, recordings,
    /// users, …).
    ///
    /// - **Verifies** `x-zm-signature: v0=<hex>`, the HMAC-SHA256 of
    ///   `v0:{x-zm-request-timestamp}:{body}`, in lower case as Zoom's sample app and its SDK
    ///   `@zoom/rivet` compare it (`===`). The timestamp header is signed as received and is
    ///   required.
    /// - **Replay window**: none by default. Zoom documents no window, and neither its SDK nor
    ///   its sample checks one, so a captured delivery stays valid; set one with
    ///   [`Zoom::with_tolerance`] (checked after the signature). hooksign reads the header as
    ///   Unix seconds, an assumption: the sources above do not state its unit, so check what
    ///   your deliveries carry before setting a window.
    /// - **Secret**: the app's Secret Token (Marketplace, app features, event subscriptions),
    ///   used as text. It is not the deprecated verification token sent in `authorization`.
    /// - **Idempotency key**: none. Zoom retries a notification three times (after 5, 20 and
    ///   60 minutes) but documents no event or delivery id that survives them; the body's
    ///   `event_ts` (milliseconds) and payload identify an event only loosely.
    /// - **Event type**: the body's `event` (e.g. `meeting.started`).
    /// - **Handshake** ([`Verify::handshake`](crate::Verify::handshake)): an
    ///   `endpoint.url_validation` event (JSON of at most 16 KiB) is verified like any event,
    ///   then answered `200` with JSON `{"plainToken":…,"encryptedToken":…}`, the hex
    ///   HMAC-SHA256 of `plainToken` keyed with the secret that verified it.
    ///
    /// ```
    /// use hooksign::{SecretSet, Zoom};
    ///
    /// // From tests/vectors/zoom.json (`zoom-valid-compact`), an independent model of Zoom's
    /// // sample app.
    /// let zoom = Zoom::new(SecretSet::new(["hooksign0zoom0secret0token01"])?);
    /// let body = br#"{"event":"meeting.started","payload":{"account_id":"AAAAAAAAAAAAAAAAAAAAAA","object":{"id":"85746065","uuid":"4444AAAiAAAAAiAiAiiAii==","topic":"Standup"}},"event_ts":1700000000123}"#;
    /// let headers = [
    ///     ("x-zm-request-timestamp", "1700000000"),
    ///     ("x-zm-signature", "v0=7efcc240de65de4374855dbd60136a18a7af00331cfc5e1bca401b903ed02845"),
    /// ];
    /// let verified = hooksign::verify(&zoom, &headers, body)?;
    /// assert_eq!(verified.event_type().as_deref(), Some("meeting.started"));
    /// assert!(verified.idempotency_key().is_none());
    ///
    /// // The timestamp is signed: another value is a mismatch.
    /// let replayed = [
    ///     ("x-zm-request-timestamp", "1700000001"),
    ///     ("x-zm-signature", "v0=7efcc240de65de4374855dbd60136a18a7af00331cfc5e1bca401b903ed02845"),
    /// ];
    /// assert!(hooksign::verify(&zoom, &replayed, body).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Zoom, id = "zoom", name = "Zoom", aliases = [], spec = SPEC,
    secrets = text("app secret token, as text"), timestamped = TOLERANCE,
    fields = { validation: Keyring = validation_keys },
    handshake = handshake
}

/// The secret tokens keyed as text for the `plainToken` HMAC, in the set's order.
fn validation_keys(secrets: &SecretSet) -> Keyring {
    Keyring::with_derived_keys(Algorithm::Sha256, secrets, |_, secret| {
        Ok(zeroize::Zeroizing::new(secret.expose().to_vec()))
    })
    .expect("text secrets are always usable keys")
}

fn handshake(
    zoom: &Zoom,
    delivery: &Delivery<'_>,
    now: UnixTime,
) -> Option<Result<HandshakeReply, Error>> {
    crate::handshake::answer::zoom(zoom, &zoom.validation, delivery, now)
}
