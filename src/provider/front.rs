//! Front (application webhooks): `X-Front-Signature: <base64 HMAC-SHA256(app secret,
//! "{X-Front-Request-Timestamp}:{body}")>`, the timestamp in milliseconds.
//!
//! Sources:
//! - Front Developers, "Application webhooks"
//!   (<https://dev.frontapp.com/docs/application-webhooks>, "Verifying integrity"): requests
//!   carry `x-front-signature` and `x-front-request-timestamp` ("timestamp in milliseconds");
//!   the signed content is the timestamp text, a colon, then the raw request body (UTF-8);
//!   HMAC-SHA256 keyed with the app's secret, "output in base 64", compared with
//!   `x-front-signature`. Saving the webhook sends a validation request with
//!   `x-front-challenge` and the body `{type: 'sync', authorization: {id}}`.
//! - Front Developers, "Security" for connectors (<https://dev.frontapp.com/docs/security-1>):
//!   the same two headers and `timestamp:body` HMAC-SHA256; "first, check that the timestamp
//!   says the request was made recently … We recommend 5 minutes as the maximum time".
//! - Front's sample handler linked from that page, `frontapp/dynamic-objects-handler`
//!   `lib/auth.ts`: `createHmac('sha256', FRONT_APP_SECRET)` over
//!   `` `${timestamp}:` `` + body, `digest('base64')` compared with `===`.
//! - Front Developers, "Rule webhooks" (<https://dev.frontapp.com/docs/rule-webhooks>): rule
//!   webhooks use the same `X-Front-Signature` header but a different scheme (base64
//!   HMAC-SHA1 of the body alone, keyed with the API secret, no timestamp): not this provider.

use std::borrow::Cow;

use crate::provider::spec::{
    Algorithm, BodyPaths, Encoding, Part, SecretFormat, Source, Spec, TimeUnit, WindowCheck,
};
use crate::{HeaderKey, Tolerance};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("X-Front-Signature", "x-front-signature")];
static TIMESTAMP: [HeaderKey; 1] = [HeaderKey::new(
    "X-Front-Request-Timestamp",
    "x-front-request-timestamp",
)];

/// Front's recommendation: reject requests more than 5 minutes old; the future is unbounded.
const TOLERANCE: Tolerance = Tolerance::past_only(300);

/// The scheme: bare base64 over `{timestamp_ms}:{body}`, the timestamp signed as received and
/// checked first, as Front advises.
pub(crate) static SPEC: Spec = header_timestamp_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    // Node's `digest('base64')`: standard alphabet with padding, compared with `===`.
    encoding: Encoding::Base64,
    secret: SecretFormat::Text,
    content: &[
        Part::Timestamp,
        Part::Literal(Cow::Borrowed(b":")),
        Part::Body,
    ],
    timestamp: &TIMESTAMP,
    unit: TimeUnit::Millis,
    tolerance: TOLERANCE,
    check: WindowCheck::First,
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::Body(BodyPaths::from_static(&[&["type"]])),
};

spec_provider! {
    /// Front application webhooks (the webhook feature of a Front app; connectors sign the same
    /// way).
    ///
    /// - **Verifies** `X-Front-Signature: <base64>`, the HMAC-SHA256 of
    ///   `{X-Front-Request-Timestamp}:{body}`, the timestamp in Unix milliseconds, compared
    ///   as Front's sample compares it (`digest('base64') ===`). *Rule* webhooks, configured
    ///   in Front rules, send the same header with a different scheme (HMAC-SHA1 of the body,
    ///   no timestamp) and are not verified by this provider.
    /// - **Replay window**: 300 s into the past, the future unchecked, checked before the
    ///   signature: Front recommends 5 minutes as the maximum age (on its connector security
    ///   page, which documents the same headers and signed content);
    ///   [`Front::with_tolerance`] sets another.
    /// - **Secret**: the app secret from the app's page in Front's developer settings, used as
    ///   text (the key the application webhooks page and Front's sample handler use).
    /// - **Idempotency key**: none. The sources above name no event or delivery id.
    /// - **Event type**: the body's `type` (`sync` for the validation request).
    /// - The validation request's `x-front-challenge` must be echoed by your handler; hooksign
    ///   only verifies the request.
    ///
    /// ```
    /// use hooksign::{Delivery, Front, SecretSet, UnixTime, Verify};
    ///
    /// // tests/vectors/front.json, `front-valid-sync`.
    /// let front = Front::new(SecretSet::new(["hooksignFrontAppSecret00000001"])?);
    /// let body = br#"{"type":"sync","authorization":{"id":"cmp_abc"}}"#;
    /// let headers = [
    ///     ("x-front-request-timestamp", "1700000000000"),
    ///     ("x-front-signature", "Vo5m6tvKODc9VrgM6bvP1RcZGyJECmajgKQmPG5AlGY="),
    ///     ("x-front-challenge", "hooksign-challenge"),
    /// ];
    /// let delivery = Delivery::new(&headers, body);
    /// let verified = front.verify_at(&delivery, UnixTime::from_secs(1_700_000_001))?;
    /// assert_eq!(verified.event_type().as_deref(), Some("sync"));
    /// // Five minutes and one second later it is too old.
    /// assert!(front.verify_at(&delivery, UnixTime::from_secs(1_700_000_301)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Front, id = "front", name = "Front", aliases = [], spec = SPEC,
    secrets = text("app secret, as text"), timestamped = TOLERANCE
}
