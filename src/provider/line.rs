//! LINE Messaging API: `x-line-signature: <base64 HMAC-SHA256(channel secret, body)>`.
//!
//! Sources:
//! - Official SDK `line-bot-sdk` (PyPI) 3.27.0, `linebot/v3/webhook.py`,
//!   `SignatureValidator.validate(body, signature)` (called by `WebhookParser.parse`):
//!   `base64.b64encode(hmac.new(channel_secret, body, sha256).digest())`, the channel secret
//!   and the body as UTF-8 text, compared with the header by `hmac.compare_digest`: the exact
//!   padded standard base64 text.
//! - Official SDK `@line/bot-sdk` (npm) 11.0.0, `dist/validate-signature.js`,
//!   `validateSignature(body, channelSecret, signature)`: the same HMAC, but the header is
//!   decoded with `Buffer.from(signature, 'base64')` and the bytes compared. Node's decoder
//!   is lenient (padding optional, the URL-safe alphabet accepted, decoding stops at an
//!   invalid character), so this SDK accepts other spellings of the same digest. hooksign
//!   follows the exact Python SDK; both accept what LINE sends. The vectors record both
//!   SDKs' verdicts.
//! - LINE Developers, Messaging API reference, "Signature validation"
//!   (<https://developers.line.biz/en/reference/messaging-api/#signature-validation>, the
//!   page both SDKs cite): the HMAC-SHA256 digest of the request body keyed with the channel
//!   secret, base64-encoded, in `x-line-signature`.
//! - The SDK's webhook models (`linebot/v3/webhooks/models/event.py`,
//!   `delivery_context.py`): the body is `{destination, events: [...]}`; each event has a
//!   `webhookEventId` ("an ID that uniquely identifies a webhook event", ULID) and a
//!   `deliveryContext.isRedelivery` flag.


use crate::HeaderKey;
use crate::provider::spec::{Algorithm, SecretFormat, 
    Encoding, Source, Spec,
};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("X-Line-Signature", "x-line-signature")];

/// The scheme: bare padded base64 of HMAC-SHA256 over the body.
// line-bot-sdk compares `b64encode(digest)`: standard alphabet, padded, exactly.
// A webhook batches events; each `events[].webhookEventId` is the key.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Base64,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::None,
};

spec_provider! {
    /// LINE Messaging API webhooks (bot channels).
    ///
    /// - **Verifies** `x-line-signature: <base64>`, the HMAC-SHA256 of the raw body, written
    ///   exactly as `line-bot-sdk@3.27.0`'s `SignatureValidator` compares it (standard
    ///   alphabet, with padding). Nothing else is signed. `@line/bot-sdk@11.0.0` decodes the
    ///   header leniently and so also accepts it unpadded or URL-safe; hooksign rejects those,
    ///   which LINE does not send.
    /// - **No timestamp** is signed, so there is no replay window: deduplicate on the events'
    ///   ids.
    /// - **Secret**: the channel secret (Basic settings of the Messaging API channel), used as
    ///   text.
    /// - **Idempotency key**: none. One webhook carries a list of events (the body's
    ///   `events`, empty when LINE checks the webhook URL), each with its own
    ///   `webhookEventId` and a `deliveryContext.isRedelivery` flag; that per-event id is the
    ///   unit to deduplicate, which one key per delivery cannot express, so
    ///   [`Verified::idempotency_key`](crate::Verified::idempotency_key) is `None`.
    /// - **Event type**: none for the same reason: each event has its own `type`.
    ///
    /// ```
    /// use hooksign::{Line, SecretSet};
    ///
    /// // Generated with line-bot-sdk@3.27.0 (tests/vectors/line.json, `line-valid-empty-events`).
    /// let line = Line::new(SecretSet::new(["8c570fa6dd201bb328f1c1eac23a96d8"])?);
    /// let body = br#"{"destination":"U0123456789abcdef0123456789abcdef","events":[]}"#;
    /// let headers = [("x-line-signature", "j2zwSWvscnRkmVay2eMQI+B6oSOp3bA8F1CD3kPwJNo=")];
    /// assert!(hooksign::verify(&line, &headers, body).is_ok());
    /// // The same digest without its padding: @line/bot-sdk accepts it, line-bot-sdk does not.
    /// let unpadded = [("x-line-signature", "j2zwSWvscnRkmVay2eMQI+B6oSOp3bA8F1CD3kPwJNo")];
    /// assert!(hooksign::verify(&line, &unpadded, body).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Line, id = "line", name = "LINE", aliases = [], spec = SPEC,
    secrets = text("channel secret, as text")
}
