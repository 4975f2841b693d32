//! Replicate: Standard Webhooks-style `webhook-id`, `webhook-timestamp`, `webhook-signature`,
//! read the way Replicate's SDK reads it.
//!
//! Sources:
//! - Official SDK `replicate` (npm) 1.4.0, `lib/util.js`, `validateWebhook(requestData,
//!   secret)`: the three headers and a non-empty body are required; the signed content is
//!   `` `${id}.${timestamp}.${body}` ``; the key is the base64 decoding of the secret's part
//!   after its last `_` (`whsec_…`); HMAC-SHA256, standard base64; the header is split on
//!   spaces and **whatever follows each entry's comma** is compared with `===`, whatever the
//!   label; no timestamp is checked.
//! - Replicate Docs, "Verify webhooks"
//!   (<https://replicate.com/docs/topics/webhooks/verify-webhook>): the signed content is
//!   `id.timestamp.body` with the raw body; `webhook-id` "will be the same when a webhook is
//!   being resent (e.g. retried)"; the timestamp is included "to mitigate replay attacks";
//!   the signing key comes from the API's default webhook secret endpoint.

use std::borrow::Cow;

use crate::provider::spec::{
    Algorithm, Encoding, Labels, Order, Parsing, SecretFormat, SignatureFormat, SignedForm,
    Source, Spec, TimeUnit, TimestampSource, TimestampSpec, WindowCheck,
};
use crate::scheme::standard_webhooks::{
    self as scheme, WEBHOOK_ID, WEBHOOK_SIGNATURE, WEBHOOK_TIMESTAMP,
};

/// Standard Webhooks' content, with Replicate's reading of the header.
pub(crate) static SPEC: Spec = Spec {
    signature_header: Cow::Borrowed(&WEBHOOK_SIGNATURE),
    format: SignatureFormat::Versioned {
        version: Cow::Borrowed("v1"),
        // `sig.split(",")[1]`: the label is never looked at.
        labels: Labels::Any,
    },
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Base64,
    secret: SecretFormat::Base64 {
        prefix: Cow::Borrowed("whsec_"),
    },
    content: Cow::Borrowed(&scheme::CONTENT),
    timestamp: Some(TimestampSpec {
        source: TimestampSource::Header(Cow::Borrowed(&WEBHOOK_TIMESTAMP)),
        unit: TimeUnit::Seconds,
        parsing: Parsing::Strict,
        signed: SignedForm::AsReceived,
        tolerance: scheme::TOLERANCE,
        // After the MAC: a forged delivery is a mismatch, as in the SDK, whatever its time.
        check: WindowCheck::AfterMac,
    }),
    message_id: Some(Cow::Borrowed(&WEBHOOK_ID)),
    order: Order::SignatureLast,
    empty_is_missing: true,
    metadata: Cow::Borrowed(&[]),
    id: Source::MessageId,
    idempotency: Source::MessageId,
    event_type: Source::None,
    legacy: None,
};

spec_provider! {
    /// Replicate webhooks (prediction and training updates).
    ///
    /// - **Verifies** `webhook-signature` over `{webhook-id}.{webhook-timestamp}.{body}` as
    ///   `replicate@1.4.0`'s `validateWebhook` does: the signature of every
    ///   `label,<base64>` entry is a candidate, whatever the label; an entry without a comma
    ///   is none.
    /// - **Replay window**: 300 s either way, checked after the signature. This is hooksign's
    ///   choice, not the SDK's: `validateWebhook` checks no timestamp at all, while Replicate's
    ///   docs say the signed timestamp is there to mitigate replay attacks; 300 s is the
    ///   Standard Webhooks window. [`Replicate::with_tolerance`] sets another
    ///   ([`Tolerance::unchecked`](crate::Tolerance::unchecked) gives the SDK's behaviour).
    /// - **Secret**: the account's webhook signing secret, `whsec_<base64>`, base64-decoded.
    /// - **Idempotency key**: `replicate:<webhook-id>`, which Replicate documents as the same
    ///   when a webhook is retried. A prediction sends several webhooks (start, output, logs,
    ///   completed), each its own id.
    /// - **Event type**: none; the body is the prediction object (its `status` says where it
    ///   is).
    /// - **Empty bodies**: the SDK refuses an empty body before checking anything; hooksign
    ///   verifies it like any other (Replicate always sends the prediction).
    ///
    /// ```
    /// use hooksign::{Delivery, Replicate, SecretSet, UnixTime, Verify};
    ///
    /// // Judged valid by replicate@1.4.0 (tests/vectors/replicate.json, `replicate-valid-compact`).
    /// let replicate = Replicate::new(SecretSet::new([
    ///     "whsec_aG9va3NpZ24tc3RhbmRhcmQtZmFtaWx5LWtleS0zMmI=",
    /// ])?)?;
    /// let body = br#"{"id":"ufawqhfynnddngldkgtslldrkq","model":"replicate/hello-world","status":"succeeded","output":"hello world"}"#;
    /// let headers = [
    ///     ("webhook-id", "msg_2aq9v1aQ8fT2b9uFJdYhJ6hKqQ4"),
    ///     ("webhook-timestamp", "1760000000"),
    ///     ("webhook-signature", "v1,L+sEwFbthJ48ItHKTunAddXgtOxUm2EjiChYMRMJhrY="),
    /// ];
    /// let delivery = Delivery::new(&headers, body);
    /// let verified = replicate.verify_at(&delivery, UnixTime::from_secs(1_760_000_000))?;
    /// assert_eq!(
    ///     verified.idempotency_key().unwrap().as_str(),
    ///     "replicate:msg_2aq9v1aQ8fT2b9uFJdYhJ6hKqQ4"
    /// );
    /// // A changed body no longer verifies.
    /// let tampered = Delivery::new(&headers, b"{}");
    /// assert!(replicate.verify_at(&tampered, UnixTime::from_secs(1_760_000_000)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Replicate, id = "replicate", name = "Replicate", aliases = [], spec = SPEC,
    secrets = decoded("whsec_<base64 key>"), timestamped = scheme::TOLERANCE
}
