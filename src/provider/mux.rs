//! Mux: `Mux-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "{t}.{body}")>`.
//!
//! Sources:
//! - Official SDK `@mux/mux-node` (npm) 15.3.0, `src/resources/webhooks/webhooks.ts`,
//!   `Webhooks.verifySignature(body, headers, secret)` (`mux.webhooks.unwrap` calls it): the
//!   `mux-signature` header is split on `,`, each element on `=`; `t` is
//!   `parseInt(value, 10)` (a later `t` replaces an earlier one) and every `v1` value is a
//!   candidate. The HMAC-SHA256 of `` `${t}.${body}` `` keyed with the signing secret as text
//!   is written in lower-case hex and compared byte for byte (`timingSafeEqual` on the
//!   encoded strings). Only after a signature matched is the age checked:
//!   `Math.floor(Date.now() / 1000) - t > 300` throws "Webhook timestamp is too old"; the
//!   future is not checked.
//! - Mux Docs, "Verify webhook signatures"
//!   (<https://www.mux.com/docs/core/verify-webhook-signatures>): the header and its
//!   `t=…,v1=…` form (`v1` the only scheme), HMAC-SHA256 over `timestamp + "." + body`, a
//!   signing secret per webhook endpoint; compare the signature, then the timestamp against
//!   a tolerance, "by default, our SDKs allow a tolerance of 5 minutes".
//! - The SDK's event type (`BaseWebhookEvent` in the same file): the body carries the event's
//!   `id`, its `type`, and `attempts`, the earlier attempts at sending that event.

use std::borrow::Cow;

use crate::provider::spec::{
    Pick,
    Algorithm, BodyPaths, Encoding, Order, Parsing, Part, SecretFormat, SignatureFormat,
    SignedForm, Source, Spec, TimeUnit, TimestampSource, TimestampSpec, WindowCheck,
};
use crate::{HeaderKey, Tolerance};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("Mux-Signature", "mux-signature")];

/// The SDK's window: 300 s into the past, the future unchecked.
const TOLERANCE: Tolerance = Tolerance::past_only(300);

/// The scheme: `t=<unix>,v1=<hex>[,v1=…]` over `{t}.{body}`, MAC first, then the window.
pub(crate) static SPEC: Spec = Spec {
    signature_header: Cow::Borrowed(&SIGNATURE),
    format: SignatureFormat::KeyValues {
        separator: ',',
        written_separator: Cow::Borrowed(","),
        // The SDK matches `t` and `v1` exactly, untrimmed.
        trim: false,
        signature_key: Cow::Borrowed("v1"),
        pick: Pick::All,
    },
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    content: Cow::Borrowed(&[Part::Timestamp, Part::Literal(Cow::Borrowed(b".")), Part::Body]),
    timestamp: Some(TimestampSpec {
        source: TimestampSource::ListKey(Cow::Borrowed("t")),
        unit: TimeUnit::Seconds,
        // `parseInt(t, 10)`, and the parsed number is what is signed.
        parsing: Parsing::Lenient,
        signed: SignedForm::Canonical,
        tolerance: TOLERANCE,
        check: WindowCheck::AfterMac,
    }),
    message_id: None,
    order: Order::SignatureFirst,
    empty_is_missing: false,
    metadata: Cow::Borrowed(&[]),
    id: Source::None,
    idempotency: Source::Body(BodyPaths::from_static(&[&["id"]])),
    event_type: Source::Body(BodyPaths::from_static(&[&["type"]])),
    legacy: None,
};

spec_provider! {
    /// Mux webhooks (Video and Data events).
    ///
    /// - **Verifies** every `v1=` entry of `Mux-Signature: t=<unix>,v1=<hex>`, the
    ///   HMAC-SHA256 of `{t}.{body}`, in lower case as `@mux/mux-node@15.3.0`'s
    ///   `webhooks.verifySignature` compares it; other keys (`v0=`) are ignored.
    /// - **Replay window**: 300 s into the past, any time in the future, checked after the
    ///   signature, as the SDK does (a forged stale delivery is a mismatch);
    ///   [`Mux::with_tolerance`] sets another. hooksign compares in milliseconds where the SDK
    ///   floors the clock to whole seconds, so a delivery received 300.5 s after `t` is
    ///   rejected here and accepted by the SDK.
    /// - **Secret**: the webhook's signing secret from the Mux dashboard, used as text.
    /// - **Idempotency key**: `mux:<id>`, the event's id from the body. A retry sends the same
    ///   event again, its `attempts` listing the earlier attempts, so the key is stable
    ///   across retries (read from the SDK's event type; Mux's docs do not say it in words).
    /// - **Event type**: the body's `type` (e.g. `video.asset.ready`).
    /// - **Timestamp text**: read like the SDK's `parseInt` (surrounding spaces and a fraction
    ///   are ignored, the number is signed); trailing junk (`12abc`) and a repeated `t` with
    ///   different values are refused as malformed, where the SDK would cut or keep the last.
    ///
    /// ```
    /// use hooksign::{Delivery, Mux, SecretSet, UnixTime, Verify};
    ///
    /// // Generated with @mux/mux-node@15.3.0 (tests/vectors/mux.json, `mux-valid-compact`).
    /// let mux = Mux::new(SecretSet::new(["hooksign0mux0webhook0signing0secret01"])?);
    /// let body = br#"{"type":"video.asset.ready","id":"3a56ac3d-33da-4366-855b-f592d898409d","data":{}}"#;
    /// let headers = [(
    ///     "Mux-Signature",
    ///     "t=1700000000,v1=26bacf05d9178f63bedd21613d6d3406c1829295b57ca47b9e818b97d7cca5c8",
    /// )];
    /// let delivery = Delivery::new(&headers, body);
    /// let verified = mux.verify_at(&delivery, UnixTime::from_secs(1_700_000_010))?;
    /// assert_eq!(
    ///     verified.idempotency_key().unwrap().as_str(),
    ///     "mux:3a56ac3d-33da-4366-855b-f592d898409d"
    /// );
    /// assert_eq!(verified.event_type().as_deref(), Some("video.asset.ready"));
    /// assert!(mux.verify_at(&delivery, UnixTime::from_secs(1_700_000_301)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Mux, id = "mux", name = "Mux", aliases = [], spec = SPEC,
    secrets = text("webhook signing secret, as text"), timestamped = TOLERANCE
}
