//! Frame.io: `X-Frameio-Signature: v0=<hex HMAC-SHA256(signing secret,
//! "v0:{X-Frameio-Request-Timestamp}:{body}")>`.
//!
//! Sources:
//! - Frame.io Developer, "V4 Webhooks", section "Security" / "Verifying Webhook Signatures"
//!   (<https://developer.frame.io/platform/v4/docs/guides/webhooks>; source in Adobe's docs
//!   repository, AdobeDocs/frameio-api `src/pages/guides/Webhooks/index.md`): every webhook has
//!   a signing secret, returned only in the create response; each `POST` carries
//!   `X-Frameio-Request-Timestamp` (example `1604004499`, Unix seconds) and
//!   `X-Frameio-Signature` (`v0=<64 hex>`); the signature is an HMAC-SHA256 with the signing
//!   key over `v0:timestamp:body`, and "Frame.io only has this one version", `v0=` being
//!   prepended to the computed value before comparing. "We recommended verifying this time is
//!   within 5 minutes of local time." The guide's Python sample formats the timestamp as
//!   received into the message and compares `'v0=' + hexdigest()` with `==` (lower case).
//!   That sample encodes the secret and the message as Latin-1 (`bytes(…, 'latin-1')`), so it
//!   says nothing about a body with non-ASCII characters; hooksign signs the raw body bytes,
//!   which agrees with the sample for ASCII bodies only. Failed deliveries are retried four times with exponential back-off from 15 s.
//! - The same guide's payload section: every payload has a `type` (the event, e.g.
//!   `file.ready`) and a `resource` (`type` and `id`); no event or delivery id is sent.

use std::borrow::Cow;

use crate::provider::spec::{
    Algorithm, BodyPaths, Encoding, Part, SecretFormat, Source, Spec, TimeUnit, WindowCheck,
};
use crate::{HeaderKey, Tolerance};

static SIGNATURE: [HeaderKey; 1] =
    [HeaderKey::new("X-Frameio-Signature", "x-frameio-signature")];
static TIMESTAMP: [HeaderKey; 1] = [HeaderKey::new(
    "X-Frameio-Request-Timestamp",
    "x-frameio-request-timestamp",
)];

/// "Within 5 minutes of local time": 300 s either way.
const TOLERANCE: Tolerance = Tolerance::symmetric(300);

/// The scheme: `v0=<hex>` over `v0:{timestamp}:{body}`, the timestamp signed as received; the
/// time is checked first, as in the guide's sample.
pub(crate) static SPEC: Spec = header_timestamp_spec! {
    signature: &SIGNATURE,
    prefix: "v0=",
    algorithm: Algorithm::Sha256,
    // The sample compares `'v0=' + hexdigest()` with `==`: lower case only.
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    content: &[
        Part::Literal(Cow::Borrowed(b"v0:")),
        Part::Timestamp,
        Part::Literal(Cow::Borrowed(b":")),
        Part::Body,
    ],
    timestamp: &TIMESTAMP,
    unit: TimeUnit::Seconds,
    tolerance: TOLERANCE,
    check: WindowCheck::First,
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::Body(BodyPaths::from_static(&[&["type"]])),
};

spec_provider! {
    /// Frame.io webhooks (V4, and Legacy webhooks moved to V4).
    ///
    /// - **Verifies** `X-Frameio-Signature: v0=<hex>`, the HMAC-SHA256 of
    ///   `v0:{X-Frameio-Request-Timestamp}:{body}`, in lower case as the guide's sample
    ///   compares it. `v0` is the only version Frame.io documents.
    /// - **Replay window**: 300 s either way ("within 5 minutes of local time"), checked
    ///   before the signature; [`FrameIo::with_tolerance`] sets another. The guide's Python
    ///   sample itself only rejects timestamps 500 s or more in the past; hooksign follows the
    ///   guide's stated 5 minutes, both ways.
    /// - **Secret**: the webhook's signing secret, returned once when the webhook is created,
    ///   used as text.
    /// - **Idempotency key**: none. Frame.io sends no event or delivery id (the body names the
    ///   resource, not the event), and retries up to four times: deduplicate on your own
    ///   terms.
    /// - **Event type**: the body's `type` (e.g. `file.ready`, `comment.created`).
    ///
    /// ```
    /// use hooksign::{Delivery, FrameIo, SecretSet, UnixTime, Verify};
    ///
    /// // tests/vectors/frame-io.json, `frame-io-valid-file-ready` (the guide's example payload).
    /// let frameio = FrameIo::new(SecretSet::new(["hooksignFrameioSigningSecret0001"])?);
    /// let body = br#"{"account":{"id":"6f70f1bd-7e89-4a7e-b4d3-7e576585a181"},"project":{"id":"7e46e495-4444-4555-8649-bee4d391a997"},"resource":{"id":"d3075547-4e64-45f0-ad12-d075660eddd2","type":"file"},"type":"file.ready","user":{"id":"56556a3f-859f-4b38-b6c6-e8625b5da8a5"},"workspace":{"id":"378fcbf7-6f88-4224-8139-6a743ed940b2"}}"#;
    /// let headers = [
    ///     ("X-Frameio-Request-Timestamp", "1700000000"),
    ///     ("X-Frameio-Signature", "v0=6eae2aae086e60fbb1cc86ccc10e5f91ee0119525f1b32567adb0a04785f6bb5"),
    /// ];
    /// let delivery = Delivery::new(&headers, body);
    /// let verified = frameio.verify_at(&delivery, UnixTime::from_secs(1_700_000_001))?;
    /// assert_eq!(verified.event_type().as_deref(), Some("file.ready"));
    /// // Five minutes and one second later it is outside the window.
    /// assert!(frameio.verify_at(&delivery, UnixTime::from_secs(1_700_000_301)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    FrameIo, id = "frame-io", name = "Frame.io", aliases = [], spec = SPEC,
    secrets = text("webhook signing secret, as text"), timestamped = TOLERANCE
}
