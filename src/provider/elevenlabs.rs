//! ElevenLabs: `ElevenLabs-Signature: t=<unix>,v0=<hex HMAC-SHA256(secret, "{t}.{body}")>`.
//!
//! Sources:
//! - Official SDK `@elevenlabs/elevenlabs-js` (npm) 2.73.0, `wrapper/webhooks.js`,
//!   `WebhooksClient.constructEvent(rawBody, sigHeader, secret)`: the header is split on `,`;
//!   the timestamp is the text after `t=` of the first element starting with `t=`, the
//!   signature the first element starting with `v0=` (no trimming). Before the HMAC it throws
//!   when `Number(t) * 1000 < Date.now() - 30 * 60 * 1000`: 30 minutes into the past, the
//!   future unchecked. It then signs `` `${t}.${rawBody}` `` with the timestamp text as
//!   received, keyed with the secret as text (`TextEncoder`), and compares `'v0=' + hex` with
//!   `!==`: lower-case hex exactly.
//! - ElevenLabs Docs, "Webhooks"
//!   (<https://elevenlabs.io/docs/product-guides/administration/webhooks>): the
//!   `ElevenLabs-Signature` header, `t=timestamp,v0=hash`, the hash the hex-encoded
//!   HMAC-SHA256 of `timestamp.request_body` with the webhook's shared secret; the body's
//!   top-level `type`, `data`, `event_timestamp`; "each webhook event is dispatched only
//!   once".

use std::borrow::Cow;

use crate::provider::spec::{
    Pick,
    Algorithm, BodyPaths, Encoding, Part, SecretFormat, Source, Spec, TimeUnit, WindowCheck,
};
use crate::{HeaderKey, Tolerance};

static SIGNATURE: [HeaderKey; 1] =
    [HeaderKey::new("ElevenLabs-Signature", "elevenlabs-signature")];

/// The SDK's window: 30 minutes into the past, the future unchecked.
const TOLERANCE: Tolerance = Tolerance::past_only(30 * 60);

/// The scheme: `t=<unix>,v0=<hex>` over `{t}.{body}`, the timestamp signed as received; the
/// window checked before the HMAC.
pub(crate) static SPEC: Spec = list_timestamp_spec! {
    signature: &SIGNATURE,
    separator: ',',
    written_separator: ",",
    // `startsWith("t=")` / `startsWith("v0=")`: untrimmed.
    trim: false,
    signature_key: "v0",
    // The SDK compares the first `v0` only.
    pick: Pick::First,
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    content: &[Part::Timestamp, Part::Literal(Cow::Borrowed(b".")), Part::Body],
    // The SDK signs the text as received; digits only here (see the provider's docs).
    timestamp_key: "t",
    unit: TimeUnit::Seconds,
    tolerance: TOLERANCE,
    check: WindowCheck::BeforeMac,
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::Body(BodyPaths::from_static(&[&["type"]])),
};

spec_provider! {
    /// ElevenLabs webhooks (post-call transcription and audio, voice removal notices, …).
    ///
    /// - **Verifies** `ElevenLabs-Signature: t=<unix>,v0=<hex>`, the HMAC-SHA256 of
    ///   `{t}.{body}`, in lower case as `@elevenlabs/elevenlabs-js@2.73.0`'s
    ///   `webhooks.constructEvent` compares it. Only the *first* `v0=` counts, as in the
    ///   SDK ([`Pick::First`](crate::provider::spec::Pick::First); ElevenLabs documents a
    ///   single `v0`).
    /// - **Replay window**: 30 minutes into the past, any time in the future, checked before
    ///   the HMAC, as the SDK does; [`ElevenLabs::with_tolerance`] sets another.
    /// - **Secret**: the webhook's shared secret (`wsec_…`) shown when the webhook is created,
    ///   used as text.
    /// - **Idempotency key**: none. ElevenLabs documents that each event is dispatched only
    ///   once (no retries) and sends no delivery or event id.
    /// - **Event type**: the body's `type` (e.g. `post_call_transcription`).
    /// - **Timestamp text**: signed as received, as the SDK does. The SDK reads it with
    ///   `Number()`, which also takes forms such as `1.7e9` or ` 1700000000`; hooksign
    ///   accepts digits only and refuses the rest as malformed (ElevenLabs sends digits).
    ///
    /// ```
    /// use hooksign::{Delivery, ElevenLabs, SecretSet, UnixTime, Verify};
    ///
    /// // Generated with @elevenlabs/elevenlabs-js@2.73.0
    /// // (tests/vectors/elevenlabs.json, `elevenlabs-valid-compact`).
    /// let elevenlabs = ElevenLabs::new(SecretSet::new(["wsec_hooksign0elevenlabs0webhook0secret0001"])?);
    /// let body = br#"{"type":"post_call_transcription","event_timestamp":1700000000,"data":{}}"#;
    /// let headers = [(
    ///     "ElevenLabs-Signature",
    ///     "t=1700000000,v0=96ce028f0720e89e8ea0a10f1077f4462ab2174fb814353c2c7534d567cb8520",
    /// )];
    /// let delivery = Delivery::new(&headers, body);
    /// let verified = elevenlabs.verify_at(&delivery, UnixTime::from_secs(1_700_000_010))?;
    /// assert_eq!(verified.event_type().as_deref(), Some("post_call_transcription"));
    /// // Thirty minutes and one second later it is outside the SDK's window.
    /// assert!(elevenlabs.verify_at(&delivery, UnixTime::from_secs(1_700_001_801)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ElevenLabs, id = "elevenlabs", name = "ElevenLabs", aliases = [], spec = SPEC,
    secrets = text("wsec_… webhook secret, as text"), timestamped = TOLERANCE
}
