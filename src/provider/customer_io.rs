//! Customer.io reporting webhooks: `X-CIO-Signature: <hex HMAC-SHA256(signing key,
//! "v0:{X-CIO-Timestamp}:{body}")>`.
//!
//! Sources:
//! - Official SDK `customerio-node`, `lib/webhooks.ts`, `verifyRequestSignature({signingSecret,
//!   timestamp, body, signature})`: the HMAC-SHA256 is keyed with the webhook signing secret as
//!   text and fed `` `v0:${timestamp}:` `` then the raw body; the timestamp is the
//!   `X-CIO-Timestamp` value as received. The lower-case hex digest is compared byte for byte
//!   with `X-CIO-Signature` (`timingSafeEqual` on the UTF-8 strings, after a length check), so
//!   upper-case hex is rejected. The SDK checks no timestamp age.
//! - Customer.io Docs, "Reporting Webhooks" (<https://docs.customer.io/api/webhooks/>,
//!   "Securely Verifying Requests"): every reporting webhook carries `X-CIO-Signature`, an
//!   HMAC-SHA256 made with the webhook signing key found on the reporting webhook's settings
//!   page, with the timestamp in `X-CIO-Timestamp`; a failed delivery is retried with
//!   exponential backoff for seven days.

use std::borrow::Cow;

use crate::provider::spec::{
    Algorithm, Encoding, Part, SecretFormat, Source,
    Spec, TimeUnit, WindowCheck,
};
use crate::{HeaderKey, Tolerance};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("X-CIO-Signature", "x-cio-signature")];
static TIMESTAMP: [HeaderKey; 1] = [HeaderKey::new("X-CIO-Timestamp", "x-cio-timestamp")];

/// Neither Customer.io's docs nor its SDK bound the timestamp's age, and retries run for seven
/// days: no default window (set one with `with_tolerance`).
const TOLERANCE: Tolerance = Tolerance::unchecked();

/// The scheme: bare lower-case hex over `v0:{timestamp}:{body}`, the timestamp signed as received.
pub(crate) static SPEC: Spec = header_timestamp_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    // `digest('hex')` compared as a string: lower case only.
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    content: &[
        Part::Literal(Cow::Borrowed(b"v0:")),
        Part::Timestamp,
        Part::Literal(Cow::Borrowed(b":")),
        Part::Body,
    ],
    // The SDK signs the header text as received; Unix seconds in digits only here.
    timestamp: &TIMESTAMP,
    unit: TimeUnit::Seconds,
    tolerance: TOLERANCE,
    check: WindowCheck::AfterMac,
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::None,
};

spec_provider! {
    /// Customer.io reporting webhooks (message activity: sent, delivered, opened, clicked, …).
    ///
    /// - **Verifies** `X-CIO-Signature: <hex>`, the HMAC-SHA256 of
    ///   `v0:{X-CIO-Timestamp}:{body}`, in lower case as `customerio-node`'s
    ///   `verifyRequestSignature` compares it. This is for *reporting* webhooks; webhook
    ///   *actions* in campaigns are not covered, as the sources above describe only reporting
    ///   webhooks.
    /// - **Replay window**: none by default. The timestamp is signed, but neither Customer.io's
    ///   docs nor its SDK set a maximum age, and failed deliveries are retried for seven days,
    ///   so hooksign does not invent one; [`CustomerIo::with_tolerance`] sets one if you want
    ///   it (whether a retry is signed with a fresh timestamp is not documented).
    /// - **Secret**: the reporting webhook's signing key from its settings page, used as text.
    /// - **Idempotency key**: none. The official material read for this provider names no
    ///   delivery or event id that survives retries, so hooksign does not pick one; deduplicate
    ///   on a field of the body you have checked yourself.
    /// - **Event type**: none is read (the body says what happened, e.g. its `metric`, but the
    ///   sources above do not define it).
    /// - **Timestamp text**: signed as received, as the SDK does; hooksign requires digits.
    ///
    /// ```
    /// use hooksign::{CustomerIo, Delivery, SecretSet, UnixTime, Verify};
    ///
    /// // tests/vectors/customer-io.json, `customer-io-valid-sent`.
    /// let cio = CustomerIo::new(SecretSet::new(["hooksign-customerio-signing-key-0001"])?);
    /// let body = br#"{"event_id":"01E4C4CT6YDC7Y5M7FE1GWWPQJ","object_type":"email","metric":"sent","timestamp":1700000000,"data":{"customer_id":"42","delivery_id":"RPILAgABcRhIBqSp7kiPekGBIeVh"}}"#;
    /// let headers = [
    ///     ("X-CIO-Timestamp", "1700000000"),
    ///     ("X-CIO-Signature", "238d40007ff0074d8e60e02322b0a2ee651fcd8b5b6a182ea914bfa2474fd322"),
    /// ];
    /// let delivery = Delivery::new(&headers, body);
    /// assert!(cio.verify_at(&delivery, UnixTime::from_secs(1_700_000_002)).is_ok());
    /// // Another timestamp is another signed content.
    /// let replayed = [("X-CIO-Timestamp", "1700000001"), headers[1]];
    /// assert!(cio.verify_at(&Delivery::new(&replayed, body), UnixTime::from_secs(1_700_000_002)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    CustomerIo, id = "customer-io", name = "Customer.io", aliases = [], spec = SPEC,
    secrets = text("reporting webhook signing key, as text"), timestamped = TOLERANCE
}
