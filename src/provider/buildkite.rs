//! Buildkite: `X-Buildkite-Signature: timestamp=<unix>,signature=<hex HMAC-SHA256(token,
//! "{timestamp}.{body}")>`.
//!
//! Sources:
//! - Buildkite Docs, "Pipelines webhooks"
//!   (<https://buildkite.com/docs/apis/webhooks/pipelines>; the partials
//!   `_webhook_signature.md`, `_verifying_hmac_signatures.md` and
//!   `_defending_against_replay_attacks.md` of the buildkite/docs repository): a webhook sends
//!   either its token in clear (`X-Buildkite-Token`) or, if so configured, `X-Buildkite-Signature`
//!   holding `timestamp=` (an integer UTC timestamp) and `signature=`, an HMAC-SHA256 keyed
//!   with the webhook token. The Ruby example splits the header on `,`, each part on the first
//!   `=`, strips both sides, and compares `OpenSSL::HMAC.hexdigest("sha256", secret,
//!   "#{timestamp}.#{body}")` with `secure_compare` (lower-case hex). Against replays:
//!   "verify the signature", then "check the timestamp against the current time", accepting
//!   it "within your chosen window of the current time" (the example window: 5 minutes).
//! - The same page, "HTTP headers": every request carries `X-Buildkite-Event`, the event type
//!   (e.g. `build.scheduled`); the JSON body has `event` too. No delivery id is documented.

use std::borrow::Cow;

use crate::provider::spec::{
    Algorithm, Encoding, Meta, Part, Pick, SecretFormat, Source, Spec, TimeUnit, WindowCheck,
};
use crate::{HeaderKey, Tolerance};

static SIGNATURE: [HeaderKey; 1] =
    [HeaderKey::new("X-Buildkite-Signature", "x-buildkite-signature")];

/// The event type, read after the MAC; not required (it is not signed).
static METADATA: [Meta; 1] = [Meta {
    header: HeaderKey::new("X-Buildkite-Event", "x-buildkite-event"),
    required: false,
}];

/// Buildkite's example window, 5 minutes, "of the current time": both ways.
const TOLERANCE: Tolerance = Tolerance::symmetric(300);

/// The scheme: `timestamp=…,signature=<hex>` over `{timestamp}.{body}`; signature first, then
/// the window, as the docs order them.
pub(crate) static SPEC: Spec = list_timestamp_spec! {
    signature: &SIGNATURE,
    separator: ',',
    written_separator: ",",
    // The documented parser strips each key and value.
    trim: true,
    signature_key: "signature",
    // `.to_h` keeps the last value of a repeated key.
    pick: Pick::Last,
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    content: &[
        Part::Timestamp,
        Part::Literal(Cow::Borrowed(b".")),
        Part::Body,
    ],
    // Interpolated as received into the signed string.
    timestamp_key: "timestamp",
    unit: TimeUnit::Seconds,
    tolerance: TOLERANCE,
    check: WindowCheck::AfterMac,
    metadata: &METADATA,
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::Header(HeaderKey::new("X-Buildkite-Event", "x-buildkite-event")),
};

spec_provider! {
    /// Buildkite Pipelines webhooks (notification services set to send an HMAC signature).
    ///
    /// - **Verifies** `X-Buildkite-Signature: timestamp=<unix>,signature=<hex>`, the
    ///   HMAC-SHA256 of `{timestamp}.{body}`, in lower case as the docs' Ruby example compares
    ///   it; spaces around keys and values are ignored, and of a repeated key the last counts,
    ///   as in that example. A webhook set to send the plain `X-Buildkite-Token` instead has no
    ///   signature and is rejected (compare that token yourself).
    /// - **Replay window**: 300 s either way, checked after the signature, as the docs order
    ///   the steps; 5 minutes is Buildkite's example ("your chosen window of the current
    ///   time"), so [`Buildkite::with_tolerance`] sets your own.
    /// - **Secret**: the webhook's **Token** from its notification service settings, used as
    ///   text.
    /// - **Idempotency key**: none. Buildkite documents no delivery or event id.
    /// - **Event type**: the `X-Buildkite-Event` header (e.g. `build.finished`; not signed).
    ///
    /// ```
    /// use hooksign::{Buildkite, Delivery, SecretSet, UnixTime, Verify};
    ///
    /// // tests/vectors/buildkite.json, `buildkite-valid-build-finished`.
    /// let buildkite = Buildkite::new(SecretSet::new(["hooksign0buildkite0webhook0token1"])?);
    /// let body = br#"{"event":"build.finished","build":{"id":"f62a1b4d-10f9-4790-bc1c-e2c3a0c80983","number":42,"state":"passed"},"pipeline":{"slug":"hooksign"},"sender":{"name":"Ada"}}"#;
    /// let headers = [
    ///     ("X-Buildkite-Event", "build.finished"),
    ///     ("X-Buildkite-Signature", "timestamp=1700000000,signature=0f0c3c5c942d9d389cba9e26473e9e78f43a0d667918be3ee82be0dab6d216b4"),
    /// ];
    /// let delivery = Delivery::new(&headers, body);
    /// let verified = buildkite.verify_at(&delivery, UnixTime::from_secs(1_700_000_003))?;
    /// assert_eq!(verified.event_type().as_deref(), Some("build.finished"));
    /// assert!(buildkite.verify_at(&delivery, UnixTime::from_secs(1_700_000_301)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Buildkite, id = "buildkite", name = "Buildkite", aliases = [], spec = SPEC,
    secrets = text("webhook token, as text"), timestamped = TOLERANCE
}
