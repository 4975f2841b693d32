//! Sanity: `sanity-webhook-signature: t=<unix ms>,v1=<base64url HMAC-SHA256(secret, "{t}.{body}")>`.
//!
//! Sources:
//! - Official SDK `@sanity/webhook` (npm) 4.0.4, `dist/index.js` (`src/signature.ts`),
//!   `isValidSignature(body, signature, secret)` / `assertValidSignature`: the trimmed header
//!   must match `/^t=(\d+)[, ]+v1=([^, ]+)$/` ("Invalid signature payload format"); the SDK then
//!   rebuilds the header with `encodeSignatureHeader(body, parseInt(t, 10), secret)` and
//!   compares the two texts with `!==` ("Signature is invalid"). The rebuilt header is
//!   `` `t=${timestamp},v1=${signature}` ``, the signature the HMAC-SHA256 (Web Crypto) of
//!   `` `${timestamp}.${body}` `` keyed with the secret's UTF-8 bytes, in base64 with `+`→`-`,
//!   `/`→`_` and the padding removed. The timestamp must be a number of milliseconds not
//!   before 2021-01-01 (`MINIMUM_TIMESTAMP = 16094592e5`); an empty body is refused. No age is
//!   checked: the SDK has no replay window. The header name is `SIGNATURE_HEADER_NAME =
//!   "sanity-webhook-signature"`.
//! - sanity-io/webhook-toolkit `README.md` (the SDK's repository): verify the raw body text with
//!   `isValidSignature(body, signature, secret)` before parsing it.
//! - Sanity Docs, "GROQ-powered webhooks" (<https://www.sanity.io/docs/webhooks>): webhooks are
//!   configured per project with a GROQ filter and a projection that is the request body, and
//!   an optional secret to sign it; "Webhooks API reference"
//!   (<https://www.sanity.io/docs/webhooks-api>): `secret`, the secret for the signature.

use std::borrow::Cow;

use crate::provider::spec::{
    Algorithm, Encoding, Part, Pick, SecretFormat,
    Source, Spec, TimeUnit, WindowCheck,
};
use crate::{HeaderKey, Tolerance};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new(
    "sanity-webhook-signature",
    "sanity-webhook-signature",
)];

/// The SDK's window: none.
const TOLERANCE: Tolerance = Tolerance::unchecked();

/// The scheme: `t=<ms>,v1=<base64url, no padding>` over `{t}.{body}`, exactly as the SDK
/// rebuilds it.
pub(crate) static SPEC: Spec = list_timestamp_spec! {
    signature: &SIGNATURE,
    separator: ',',
    written_separator: ",",
    // The SDK compares the whole header text with `t=…,v1=…`: no spaces.
    trim: false,
    signature_key: "v1",
    // The SDK's pattern holds one `v1`.
    pick: Pick::First,
    algorithm: Algorithm::Sha256,
    // Compared as the text the SDK writes: URL-safe, unpadded.
    encoding: Encoding::Base64UrlNoPad,
    secret: SecretFormat::Text,
    content: &[Part::Timestamp, Part::Literal(Cow::Borrowed(b".")), Part::Body],
    // `\d+`; the SDK signs `parseInt(t)` but then compares the received text with the
    // rebuilt one, so only a text that is its own decimal form can pass: signing the text
    // as received rejects the same headers (a leading zero is a mismatch).
    timestamp_key: "t",
    unit: TimeUnit::Millis,
    tolerance: TOLERANCE,
    check: WindowCheck::AfterMac,
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::None,
};

spec_provider! {
    /// Sanity GROQ-powered webhooks (Content Lake document changes).
    ///
    /// - **Verifies** `sanity-webhook-signature: t=<unix ms>,v1=<base64url>`, the HMAC-SHA256
    ///   of `{t}.{body}` in URL-safe base64 without padding, as `@sanity/webhook@4.0.4`'s
    ///   `isValidSignature` rebuilds and compares it: a space after the comma, padding or the
    ///   standard base64 alphabet is rejected, as by the SDK.
    /// - **Replay window**: none by default, as in the SDK, which checks no age: an authentic
    ///   delivery stays valid forever. `t` is signed, so a receiver that wants one can set it
    ///   with [`Sanity::with_tolerance`] (milliseconds are compared).
    /// - **Where the SDK is stricter**: it also refuses a `t` before 2021-01-01 (a timestamp in
    ///   seconds, for instance), an empty body, and a header with a second `v1` (its pattern
    ///   holds one; hooksign compares the first). Sanity sends none of these.
    /// - **Secret**: the secret set on the webhook (sanity.io/manage or the Webhooks API),
    ///   used as text.
    /// - **Idempotency key**: none. The body is the webhook's GROQ projection, so it has no
    ///   fixed id, and neither Sanity's documentation nor the SDK names a delivery id, so
    ///   [`Verified::idempotency_key`](crate::Verified::idempotency_key) is `None`.
    /// - **Event type**: none either (what triggers a webhook is its filter, not a named
    ///   event).
    ///
    /// ```
    /// use hooksign::{Delivery, Sanity, SecretSet, UnixTime, Verify};
    ///
    /// // Generated with @sanity/webhook@4.0.4 (tests/vectors/sanity.json, `sanity-valid-compact`).
    /// let sanity = Sanity::new(SecretSet::new(["hooksign-sanity-webhook-secret-0001"])?);
    /// let body = br#"{"_id":"post-4f2a9c1e","_type":"post"}"#;
    /// let signature = "t=1700000000000,v1=pQgRJtTUpPQQZk5oUcadyjzjeSJjkV90GOrBdBRrbzY";
    /// let headers = [("sanity-webhook-signature", signature)];
    /// let delivery = Delivery::new(&headers, body);
    /// assert!(sanity.verify_at(&delivery, UnixTime::from_secs(1_700_000_010)).is_ok());
    /// // The SDK compares the header text: with a space after the comma it is rejected.
    /// let spaced = [("sanity-webhook-signature", signature.replace(",v1=", ", v1="))];
    /// let delivery = Delivery::new(&spaced, body);
    /// assert!(sanity.verify_at(&delivery, UnixTime::from_secs(1_700_000_010)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Sanity, id = "sanity", name = "Sanity", aliases = [], spec = SPEC,
    secrets = text("webhook secret, as text"), timestamped = TOLERANCE
}
