//! Webflow: `x-webflow-signature: <hex HMAC-SHA256(secret, "{x-webflow-timestamp}:{body}")>`,
//! the timestamp in milliseconds.
//!
//! Sources:
//! - Official SDK `webflow-api` (npm; webflow/js-webflow-api `src/wrapper/WebhooksClient.ts`),
//!   `webhooks.verifySignature({headers, body, secret})`: HMAC-SHA256 keyed with the secret as
//!   UTF-8 (the webhook's secret key, or the OAuth app's client secret) over
//!   `` `${headers["x-webflow-timestamp"]}:${body}` `` (the header as received), written as
//!   lower-case hex and compared with `===`. The SDK checks no timestamp age.
//! - Webflow Developers, "Verifying Requests"
//!   (<https://developers.webflow.com/data/v1.0.0/docs/verifying-webhook-signatures>; the
//!   current guide is "Working with webhooks", "Validating request signatures"): signatures come
//!   only on webhooks created through an OAuth app (or the API with a secret), not from the site
//!   dashboard; the timestamp is Unix milliseconds (example `1663849649733`); step one rejects a
//!   request "older than 5 minutes" (`(Date.now() - Number(timestamp)) / 60000 > 5`), step two
//!   hashes `timestamp + ":" + body` and compares it with `X-Webflow-Signature`.
//! - Webflow Developers, "Working with webhooks"
//!   (<https://developers.webflow.com/data/docs/working-with-webhooks>) and the event
//!   reference (<https://developers.webflow.com/data/reference/webhooks/events/form-submission>):
//!   every request carries `x-webflow-timestamp` and `x-webflow-signature`; the body's
//!   `triggerType` is "the type of event that triggered the request" (e.g. `form_submission`),
//!   with the event's data under `payload`. No event or delivery id is documented.

use std::borrow::Cow;

use crate::provider::spec::{
    Algorithm, BodyPaths, Encoding, Part, SecretFormat, Source, Spec, TimeUnit, WindowCheck,
};
use crate::{HeaderKey, Tolerance};

static SIGNATURE: [HeaderKey; 1] =
    [HeaderKey::new("X-Webflow-Signature", "x-webflow-signature")];
static TIMESTAMP: [HeaderKey; 1] =
    [HeaderKey::new("X-Webflow-Timestamp", "x-webflow-timestamp")];

/// The docs' check: older than 5 minutes is rejected; the future is not checked.
const TOLERANCE: Tolerance = Tolerance::past_only(300);

/// The scheme: bare lower-case hex over `{timestamp_ms}:{body}`, the timestamp signed as
/// received and checked first, as the docs order the steps.
pub(crate) static SPEC: Spec = header_timestamp_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    content: &[
        Part::Timestamp,
        Part::Literal(Cow::Borrowed(b":")),
        Part::Body,
    ],
    // The SDK signs the header text as received (the docs' `Number()` gives the same
    // digits for a plain integer); digits only here.
    timestamp: &TIMESTAMP,
    unit: TimeUnit::Millis,
    tolerance: TOLERANCE,
    check: WindowCheck::First,
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::Body(BodyPaths::from_static(&[&["triggerType"]])),
};

spec_provider! {
    /// Webflow webhooks (Data API; those created through an OAuth app or the API with a
    /// secret).
    ///
    /// - **Verifies** `x-webflow-signature: <hex>`, the HMAC-SHA256 of
    ///   `{x-webflow-timestamp}:{body}`, the timestamp in Unix milliseconds, in lower case as
    ///   `webflow-api`'s `webhooks.verifySignature` compares it. Webhooks created in a site's
    ///   dashboard are not signed and are rejected.
    /// - **Replay window**: 300 s into the past, the future unchecked, checked before the
    ///   signature, as Webflow's guide does (the SDK checks none); [`Webflow::with_tolerance`]
    ///   sets another.
    /// - **Secret**: the OAuth application's client secret, or the secret key returned when
    ///   the webhook was created through the API, used as text.
    /// - **Idempotency key**: none. Webflow's signing docs name no event or delivery id.
    /// - **Event type**: the body's `triggerType` (e.g. `form_submission`).
    ///
    /// ```
    /// use hooksign::{Delivery, SecretSet, UnixTime, Verify, Webflow};
    ///
    /// // tests/vectors/webflow.json, `webflow-valid-form-submission`.
    /// let webflow = Webflow::new(SecretSet::new(["hooksign0webflow0client0secret01"])?);
    /// let body = br#"{"triggerType":"form_submission","payload":{"name":"Contact","siteId":"65427cf400e02b306eaa049c","data":{"Name":"Ada"},"id":"6321ca84df3949bfc6752327"}}"#;
    /// let headers = [
    ///     ("x-webflow-timestamp", "1700000000000"),
    ///     ("x-webflow-signature", "af75462ec1ce22ddea4cfb7a36f287e643fe5f72cb80063cb7b292f7bcf143fa"),
    /// ];
    /// let delivery = Delivery::new(&headers, body);
    /// let verified = webflow.verify_at(&delivery, UnixTime::from_secs(1_700_000_002))?;
    /// assert_eq!(verified.event_type().as_deref(), Some("form_submission"));
    /// assert!(webflow.verify_at(&delivery, UnixTime::from_secs(1_700_000_301)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Webflow, id = "webflow", name = "Webflow", aliases = [], spec = SPEC,
    secrets = text("OAuth client secret or webhook secret key, as text"), timestamped = TOLERANCE
}
