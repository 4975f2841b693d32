//! The Standard Webhooks `v1` scheme as a spec, for every provider that sends it.
//!
//! Sources: the Standard Webhooks specification 1.0.0 (standard-webhooks/standard-webhooks
//! `spec/standard-webhooks.md`) and its reference libraries (`libraries/python`,
//! `libraries/javascript`): HMAC-SHA256 over `{id}.{timestamp}.{body}`, keyed with the base64
//! after `whsec_`; the signature header is a space-separated list in which any `v1` entry may
//! match and other versions are skipped; timestamps more than 300 s old or ahead are rejected,
//! before the signatures are looked at; an empty header counts as missing.
//!
//! Providers differ only in their header names (Svix's `svix-*`, with a per-header fallback to
//! `webhook-*`), so a provider is [`spec`] applied to its names.

use std::borrow::Cow;

use crate::HeaderKey;
use crate::provider::spec::{
    Algorithm, BodyPaths, Encoding, Labels, Order, Parsing, Part, SecretFormat, SignatureFormat,
    SignedForm, Source, Spec, TimeUnit, TimestampSource, TimestampSpec, WindowCheck,
};
use crate::time::Tolerance;

/// The reference libraries' window: 300 s either way.
pub(crate) const TOLERANCE: Tolerance = Tolerance::symmetric(300);

/// The spec's own header names.
pub(crate) static WEBHOOK_ID: [HeaderKey; 1] = [HeaderKey::new("webhook-id", "webhook-id")];
pub(crate) static WEBHOOK_TIMESTAMP: [HeaderKey; 1] =
    [HeaderKey::new("webhook-timestamp", "webhook-timestamp")];
pub(crate) static WEBHOOK_SIGNATURE: [HeaderKey; 1] =
    [HeaderKey::new("webhook-signature", "webhook-signature")];

/// `{id}.{timestamp}.{body}`.
pub(crate) static CONTENT: [Part; 5] = [
    Part::MessageId,
    Part::Literal(Cow::Borrowed(b".")),
    Part::Timestamp,
    Part::Literal(Cow::Borrowed(b".")),
    Part::Body,
];

/// The scheme with these header names (each list: the first name present is read).
pub(crate) const fn spec(
    id: &'static [HeaderKey],
    timestamp: &'static [HeaderKey],
    signature: &'static [HeaderKey],
) -> Spec {
    spec_with_secret(
        id,
        timestamp,
        signature,
        SecretFormat::Base64 {
            prefix: Cow::Borrowed("whsec_"),
        },
    )
}

/// The scheme with these header names and another secret format, for a provider that issues
/// its secrets in a form other than `whsec_<base64>` (Polar keys with the whole secret's
/// bytes).
pub(crate) const fn spec_with_secret(
    id: &'static [HeaderKey],
    timestamp: &'static [HeaderKey],
    signature: &'static [HeaderKey],
    secret: SecretFormat,
) -> Spec {
    Spec {
        signature_header: Cow::Borrowed(signature),
        format: SignatureFormat::Versioned {
            version: Cow::Borrowed("v1"),
            labels: Labels::Exact,
        },
        algorithm: Algorithm::Sha256,
        encoding: Encoding::Base64,
        secret,
        content: Cow::Borrowed(&CONTENT),
        timestamp: Some(TimestampSpec {
            source: TimestampSource::Header(Cow::Borrowed(timestamp)),
            unit: TimeUnit::Seconds,
            // `float()` / `parseInt`: spaces and a fraction are tolerated, the number is signed.
            parsing: Parsing::Lenient,
            signed: SignedForm::Canonical,
            tolerance: TOLERANCE,
            check: WindowCheck::First,
        }),
        message_id: Some(Cow::Borrowed(id)),
        order: Order::SignatureLast,
        empty_is_missing: true,
        metadata: Cow::Borrowed(&[]),
        id: Source::MessageId,
        // The spec makes the message id the idempotency key, the same on every retry.
        idempotency: Source::MessageId,
        event_type: Source::Body(BodyPaths::from_static(&[&["type"]])),
        legacy: None,
    }
}
