//! Revolut: `Revolut-Signature: v1=<hex HMAC-SHA256(signing secret,
//! "v1.{Revolut-Request-Timestamp}.{body}")>[,v1=…]`, the timestamp in milliseconds.
//!
//! Sources:
//! - Revolut Developer, "Verify the payload signature" (Business API,
//!   <https://developer.revolut.com/docs/guides/manage-accounts/webhooks/verify-the-payload-signature>):
//!   `payload_to_sign = {version}.{timestamp}.{raw_payload}` with version `v1` and the
//!   `Revolut-Request-Timestamp` header; the expected signature is `v1=` + the hex HMAC-SHA256
//!   keyed with the webhook's signing secret (the Python example keys with the `wsk_…` text's
//!   UTF-8 bytes and uses `hexdigest()`, lower case); it "must match exactly" the signature, or
//!   one of them, in `Revolut-Signature`.
//! - Revolut Developer, "Webhook signature verification" (Merchant API,
//!   <https://developer.revolut.com/docs/guides/accept-payments/tutorials/work-with-webhooks/verify-the-payload-signature>;
//!   the Crypto Ramp guide says the same): the timestamp is a Unix timestamp in milliseconds
//!   (example `1683650202360`); while several signing secrets are valid (a rotation with an
//!   `expiration_period`), the header carries several signatures separated by a comma; accept
//!   the timestamp "within a 5-minute time tolerance of the current universal time".
//! - The same guides' payloads name the event in the body's `event` (`TransactionStateChanged`,
//!   `ORDER_COMPLETED`); no event or delivery id common to the APIs is documented.

use std::borrow::Cow;

use crate::provider::spec::{
    Algorithm, BodyPaths, Encoding, Order, Parsing, Part, Pick, SecretFormat, SignatureFormat,
    SignedForm, Source, Spec, TimeUnit, TimestampSource, TimestampSpec, WindowCheck,
};
use crate::{HeaderKey, Tolerance};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("Revolut-Signature", "revolut-signature")];
static TIMESTAMP: [HeaderKey; 1] = [HeaderKey::new(
    "Revolut-Request-Timestamp",
    "revolut-request-timestamp",
)];

/// "Within a 5-minute time tolerance of the current universal time": both ways.
const TOLERANCE: Tolerance = Tolerance::symmetric(300);

/// The scheme: `v1=<hex>[,v1=<hex>]` over `v1.{timestamp_ms}.{body}`, the timestamp signed as
/// received.
pub(crate) static SPEC: Spec = Spec {
    signature_header: Cow::Borrowed(&SIGNATURE),
    format: SignatureFormat::KeyValues {
        separator: ',',
        written_separator: Cow::Borrowed(","),
        trim: false,
        signature_key: Cow::Borrowed("v1"),
        // One signature per valid secret during a rotation: any may match.
        pick: Pick::All,
    },
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    content: Cow::Borrowed(&[
        Part::Literal(Cow::Borrowed(b"v1.")),
        Part::Timestamp,
        Part::Literal(Cow::Borrowed(b".")),
        Part::Body,
    ]),
    timestamp: Some(TimestampSpec {
        source: TimestampSource::Header(Cow::Borrowed(&TIMESTAMP)),
        unit: TimeUnit::Millis,
        parsing: Parsing::Strict,
        signed: SignedForm::AsReceived,
        tolerance: TOLERANCE,
        // The Merchant guide describes timestamp validation before the signature steps; no
        // source fixes the order more precisely than that.
        check: WindowCheck::BeforeMac,
    }),
    message_id: None,
    order: Order::SignatureFirst,
    empty_is_missing: false,
    metadata: Cow::Borrowed(&[]),
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::Body(BodyPaths::from_static(&[&["event"]])),
    legacy: None,
};

spec_provider! {
    /// Revolut webhooks (Business API, Merchant API, Crypto Ramp).
    ///
    /// - **Verifies** every `v1=` entry of `Revolut-Signature: v1=<hex>[,v1=<hex>]`, the
    ///   HMAC-SHA256 of `v1.{Revolut-Request-Timestamp}.{body}`, the timestamp in Unix
    ///   milliseconds, in lower case ("must match exactly"). Revolut sends one entry per valid
    ///   secret while an old secret has not expired after a rotation.
    /// - **Replay window**: 300 s either way ("within a 5-minute time tolerance"), checked
    ///   before the MAC; [`Revolut::with_tolerance`] sets another.
    /// - **Secret**: the webhook's signing secret (`wsk_…`), from the webhook's creation or
    ///   details, used as text.
    /// - **Idempotency key**: none. The guides document no event or delivery id shared by the
    ///   APIs (the Merchant API's `order_id` names the order, not the event).
    /// - **Event type**: the body's `event` (e.g. `ORDER_COMPLETED`, `TransactionStateChanged`).
    ///
    /// ```
    /// use hooksign::{Delivery, Revolut, SecretSet, UnixTime, Verify};
    ///
    /// // The inputs of Revolut's own Python example (tests/vectors/revolut.json,
    /// // `revolut-valid-docs-example`).
    /// let revolut = Revolut::new(SecretSet::new(["wsk_r59a4HfWVAKycbCaNO1RvgCJec02gRd8"])?);
    /// let body = br#"{"data":{"id":"645a7696-22f3-aa47-9c74-cbae0449cc46","new_state":"completed","old_state":"pending","request_id":"app_charges-9f5d5eb3-1e06-46c5-b1c0-3914763e0bcb"},"event":"TransactionStateChanged","timestamp":"2023-05-09T16:36:38.028960Z"}"#;
    /// let headers = [
    ///     ("Revolut-Request-Timestamp", "1683650202360"),
    ///     ("Revolut-Signature", "v1=bca326fb378d0da7f7c490ad584a8106bab9723d8d9cdd0d50b4c5b3be3837c0"),
    /// ];
    /// let delivery = Delivery::new(&headers, body);
    /// let verified = revolut.verify_at(&delivery, UnixTime::from_secs(1_683_650_210))?;
    /// assert_eq!(verified.event_type().as_deref(), Some("TransactionStateChanged"));
    /// // The body changed by one byte is a mismatch.
    /// let forged = Delivery::new(&headers, &body[..body.len() - 1]);
    /// assert!(revolut.verify_at(&forged, UnixTime::from_secs(1_683_650_210)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Revolut, id = "revolut", name = "Revolut", aliases = [], spec = SPEC,
    secrets = text("wsk_… webhook signing secret, as text"), timestamped = TOLERANCE
}
