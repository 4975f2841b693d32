//! OpenAI: Standard Webhooks `v1` on `webhook-id`, `webhook-timestamp`, `webhook-signature`,
//! read the way OpenAI's SDKs read it.
//!
//! Sources:
//! - Official SDK `openai` (npm) 7.59.0, `src/resources/webhooks/webhooks.ts`,
//!   `Webhooks.verifySignature(payload, headers, secret, tolerance = 300)` (`unwrap` calls it):
//!   the three headers are required, read in the order signature, timestamp, id; the
//!   timestamp is `parseInt`-ed and refused when more than `tolerance` seconds old or ahead,
//!   before any signature is looked at; the header is split on spaces and each part loses a
//!   leading `v1,` if it has one (a part without it is tried as it is); the key is the base64
//!   after `whsec_` when the secret starts with it, **else the secret's UTF-8 bytes**; the
//!   signed payload is `` `${webhookId}.${timestamp}.${payload}` ``, the timestamp as received;
//!   each part is base64-decoded and checked with WebCrypto's HMAC-SHA256 `verify`.
//! - The Standard Webhooks specification (see
//!   [`StandardWebhooks`](crate::StandardWebhooks)), which OpenAI's headers follow.

use std::borrow::Cow;

use crate::provider::spec::{
    Algorithm, BodyPaths, Encoding, Labels, Order, Parsing, SecretFormat, SignatureFormat,
    SignedForm, Source, Spec, TimeUnit, TimestampSource, TimestampSpec, WindowCheck,
};
use crate::scheme::standard_webhooks::{
    self as scheme, WEBHOOK_ID, WEBHOOK_SIGNATURE, WEBHOOK_TIMESTAMP,
};

/// Standard Webhooks' content, with OpenAI's reading of the header, secret and timestamp.
pub(crate) static SPEC: Spec = Spec {
    signature_header: Cow::Borrowed(&WEBHOOK_SIGNATURE),
    format: SignatureFormat::Versioned {
        version: Cow::Borrowed("v1"),
        // `part.startsWith('v1,') ? part.substring(3) : part`.
        labels: Labels::ExactOrBare,
    },
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Base64,
    secret: SecretFormat::Base64OrText {
        prefix: Cow::Borrowed("whsec_"),
    },
    content: Cow::Borrowed(&scheme::CONTENT),
    timestamp: Some(TimestampSpec {
        source: TimestampSource::Header(Cow::Borrowed(&WEBHOOK_TIMESTAMP)),
        unit: TimeUnit::Seconds,
        parsing: Parsing::Lenient,
        // The header text goes into the signed payload, not the parsed number.
        signed: SignedForm::AsReceived,
        tolerance: scheme::TOLERANCE,
        check: WindowCheck::First,
    }),
    message_id: Some(Cow::Borrowed(&WEBHOOK_ID)),
    // Missing headers are reported signature first, then timestamp, then id.
    order: Order::SignatureFirst,
    // An empty `webhook-id` makes the SDK sign `{timestamp}.{body}`; hooksign refuses it as
    // missing rather than verify a second content.
    empty_is_missing: true,
    metadata: Cow::Borrowed(&[]),
    id: Source::MessageId,
    idempotency: Source::Body(BodyPaths::from_static(&[&["id"]])),
    event_type: Source::Body(BodyPaths::from_static(&[&["type"]])),
    legacy: None,
};

spec_provider! {
    /// OpenAI webhooks (background responses, batches, fine-tuning jobs, evals, Realtime
    /// calls).
    ///
    /// - **Verifies** `webhook-signature` over `{webhook-id}.{webhook-timestamp}.{body}` as
    ///   `openai@7.59.0`'s `webhooks.verifySignature` does: every space-separated entry is a
    ///   candidate, `v1,<base64>` or a bare `<base64>` (the SDK tries a part without the
    ///   `v1,` label as it is); entries under other labels (`v1a,…`) never match. The SDK
    ///   decodes each candidate leniently and compares bytes; hooksign compares the canonical
    ///   base64 text, so a signature padded or spelled differently from the one OpenAI sends
    ///   is refused.
    /// - **Secret**: the endpoint's signing secret, `whsec_<base64>`, base64-decoded. A
    ///   secret **without** `whsec_` is used as its UTF-8 bytes, as both OpenAI SDKs do (a
    ///   generic Standard Webhooks library would base64-decode it and compute another key).
    /// - **Replay window**: 300 s either way, checked before the signature, as the SDK's
    ///   default `tolerance`; [`OpenAi::with_tolerance`] sets another.
    /// - **Idempotency key**: `openai:<id>`, the event id from the body (`evt_…`), which is
    ///   the same on every redelivery of the event; the `webhook-id` header is the delivery
    ///   id ([`Verified::id`](crate::Verified::id)).
    /// - **Event type**: the body's `type` (e.g. `response.completed`).
    ///
    /// ```
    /// use hooksign::{Delivery, OpenAi, SecretSet, UnixTime, Verify};
    ///
    /// // Judged valid by openai@7.59.0 (tests/vectors/openai.json, `openai-valid-compact`).
    /// let openai = OpenAi::new(SecretSet::new([
    ///     "whsec_aG9va3NpZ24tc3RhbmRhcmQtZmFtaWx5LWtleS0zMmI=",
    /// ])?)?;
    /// let body = br#"{"id":"evt_685343a1381c819085d44c354e1b330e","object":"event","created_at":1760000000,"type":"response.completed","data":{"id":"resp_abc123"}}"#;
    /// let headers = [
    ///     ("webhook-id", "wh_685342e6c53c8190a1be43f081506c52"),
    ///     ("webhook-timestamp", "1760000000"),
    ///     ("webhook-signature", "v1,IEKHlmzU4s13FfGpWH0Uj+ezgl0czNTJAYky+JHuzVc="),
    /// ];
    /// let delivery = Delivery::new(&headers, body);
    /// let verified = openai.verify_at(&delivery, UnixTime::from_secs(1_760_000_000))?;
    /// assert_eq!(
    ///     verified.idempotency_key().unwrap().as_str(),
    ///     "openai:evt_685343a1381c819085d44c354e1b330e"
    /// );
    /// assert_eq!(verified.event_type().as_deref(), Some("response.completed"));
    /// // 301 s later it is outside the window.
    /// assert!(openai.verify_at(&delivery, UnixTime::from_secs(1_760_000_301)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    OpenAi, id = "openai", name = "OpenAI", aliases = [], spec = SPEC,
    secrets = decoded("whsec_<base64 key>, or any other secret as text"),
    timestamped = scheme::TOLERANCE
}
