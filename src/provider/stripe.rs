//! Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]` over `"{t}.{body}"`.
//!
//! Sources: official SDKs stripe-python (`stripe/_webhook.py`, `WebhookSignature`) and
//! stripe-node (`src/Webhooks.ts`): HMAC-SHA256 keyed with the endpoint secret *as text*
//! (`whsec_…` prefix included), only `v1` entries count, `DEFAULT_TOLERANCE = 300` and only
//! timestamps older than that are rejected.

use std::borrow::Cow;

use crate::provider::spec::{
    Pick,
    Algorithm, BodyPaths, Encoding, Order, Part, Parsing, SecretFormat, SignatureFormat,
    SignedForm, Source, Spec, TimeUnit, TimestampSource, TimestampSpec, WindowCheck,
};
use crate::{HeaderKey, Tolerance};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("Stripe-Signature", "stripe-signature")];

/// The scheme: `t=<unix>,v1=<hex>[,v1=…]` over `{t}.{body}`, MAC first, then the window.
pub(crate) static SPEC: Spec = Spec {
    signature_header: Cow::Borrowed(&SIGNATURE),
    format: SignatureFormat::KeyValues {
        separator: ',',
        written_separator: Cow::Borrowed(","),
        // The SDKs match `v1` exactly: ` v1=…` is not a v1 element.
        trim: false,
        signature_key: Cow::Borrowed("v1"),
        pick: Pick::All,
    },
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    // The `whsec_…` string is the key, prefix included.
    secret: SecretFormat::Text,
    content: Cow::Borrowed(&[Part::Timestamp, Part::Literal(Cow::Borrowed(b".")), Part::Body]),
    timestamp: Some(TimestampSpec {
        source: TimestampSource::ListKey(Cow::Borrowed("t")),
        unit: TimeUnit::Seconds,
        parsing: Parsing::Strict,
        // The SDKs parse `t` to an integer and sign its decimal form.
        signed: SignedForm::Canonical,
        tolerance: Tolerance::past_only(300),
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
    /// Stripe webhooks (and Stripe Connect, Stripe CLI forwarding).
    ///
    /// - **Verifies** every `v1=` entry of `Stripe-Signature` (Stripe sends several while an
    ///   endpoint secret is being rolled); `v0=` and unknown schemes are ignored, so a downgrade
    ///   is impossible. Hex must be lower-case, as the SDKs compare strings.
    /// - **Secret**: the `whsec_…` endpoint secret, used as text, prefix included.
    /// - **Replay window**: 300 s in the past, any time in the future, as the official SDKs do;
    ///   [`Stripe::with_tolerance`] sets another (e.g. `Tolerance::symmetric(300)` to bound the future).
    /// - **Idempotency key**: `stripe:<event id>`, the body's `id` (`evt_…`), read on request.
    ///   Stripe retries a failed delivery for up to three days with the same event id, so the key
    ///   is stable across retries.
    /// - **Event type**: the body's `type` (e.g. `payment_intent.succeeded`).
    ///
    /// ```
    /// use hooksign::{Stripe, SecretSet, Delivery, Verify, UnixTime};
    ///
    /// let stripe = Stripe::new(SecretSet::new(["whsec_from_the_dashboard"])?);
    /// # use hooksign::{Sign, Message};
    /// # let body = br#"{"id":"evt_1","type":"charge.succeeded"}"#;
    /// # let headers = stripe.sign_at(&Message::new(body), UnixTime::from_secs(1_700_000_000))?;
    /// let verified = stripe.verify_at(&Delivery::new(&headers, body), UnixTime::from_secs(1_700_000_100))?;
    /// assert_eq!(verified.idempotency_key().unwrap().as_str(), "stripe:evt_1");
    /// assert_eq!(verified.event_type().as_deref(), Some("charge.succeeded"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Stripe, id = "stripe", name = "Stripe", aliases = [], spec = SPEC,
    secrets = text("whsec_… endpoint secret, as text"),
    timestamped = Tolerance::past_only(300)
}

impl Stripe {
    /// Signs with every secret of the set (one `v1=` each, primary first), as Stripe does while
    /// an endpoint secret is being rolled. By default only the primary signs.
    pub fn with_all_secrets_signing(mut self) -> Self {
        self.engine.sign_with_all = true;
        self
    }
}
