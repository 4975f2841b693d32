//! Square: `x-square-hmacsha256-signature: <base64 HMAC-SHA256(signature key, notification URL +
//! body)>`.
//!
//! Sources:
//! - Square's docs, "Verify and Validate an Event Notification"
//!   (<https://developer.squareup.com/docs/webhooks/step3validate>): every notification carries
//!   `x-square-hmacsha256-signature`, an HMAC-SHA-256 signature generated with the signature key
//!   of the webhook subscription, the notification URL of the subscription and the raw body of
//!   the request; compare it with your own, in constant time.
//! - The official Node SDK, npm `square` 46.0.0, `wrapper/WebhooksHelper.js`
//!   (`WebhooksHelper.verifySignature`) and `core/crypto/createHmacOverride.js`: the payload is
//!   `notificationUrl + requestBody`, `createHmac("sha256", signatureKey)` over it as UTF-8,
//!   `digest("base64")` compared with `===` to the header (so canonical padded base64 only);
//!   an empty signature key or notification URL throws. The SDK's `Event` type
//!   (`api/types/Event.d.ts`) gives the body's `type` ("the type of event") and `event_id`
//!   ("a unique ID for the event").
//! - Older revisions of the same page also describe an `x-square-signature` header (HMAC-SHA1),
//!   once over "the raw body", once over "the body … excluding all whitespace", and the
//!   current page and SDK no longer mention it: with the sources disagreeing, hooksign does not
//!   verify it.

use crate::provider::registry::{About, Entry, Family, Keys, Signs};
use crate::provider::spec::{Algorithm, BodyPaths, Encoding};
use crate::provider::{Sign, Verify};
use crate::scheme::header;
use crate::scheme::url_body::{self, UrlBody};
use crate::verified::Field;
use crate::{
    Delivery, Error, HeaderKey, Message, SecretSet, SignError, SignedHeaders, UnixTime, Verified,
};

const SIGNATURE: HeaderKey = HeaderKey::new(
    "X-Square-HmacSha256-Signature",
    "x-square-hmacsha256-signature",
);
static EVENT_TYPE: BodyPaths = BodyPaths::from_static(&[&["type"]]);
static EVENT_ID: BodyPaths = BodyPaths::from_static(&[&["event_id"]]);

/// The registry's entry.
pub(crate) static ENTRY: Entry = Entry {
    id: Square::ID,
    aliases: &[],
    name: "Square",
    type_name: "Square",
    family: Family::UrlSigned,
    spec: None,
    about: Some(&About {
        signature: "`x-square-hmacsha256-signature: <base64>` (HMAC-SHA256)",
        content: "`{notification url}{body}`",
        idempotency: Some("body event_id"),
        event_type: Some("body type"),
    }),
    headers: &["X-Square-HmacSha256-Signature"],
    tolerance: None,
    signs: Signs::URL,
    keys: Keys::Secrets,
    secret_format: "webhook subscription signature key, as text",
    runs_its_spec: false,
    build: |secrets, options| {
        url_body::tolerance_option(Square::ID, options, false)?;
        Ok(crate::AnyProvider::new(Square::new(secrets)))
    },
};

/// Square webhook event notifications.
///
/// - **Verifies** `x-square-hmacsha256-signature`: the canonical base64 HMAC-SHA256 of the
///   notification URL followed by the raw body, keyed with the subscription's signature key.
/// - **The URL** is the notification URL registered with Square for the subscription: pin it
///   with [`Square::with_notification_url`] (recommended: it does not depend on how the request
///   reached you), or give each delivery the public URL it was sent to
///   ([`Delivery::with_url`]). Neither is [`Error::MissingRequestPart`] `{ part: "url" }`.
/// - **No timestamp** is signed: a replayed notification verifies, so deduplicate.
/// - **Secret**: the subscription's signature key, as text.
/// - **Idempotency key**: `square:<event_id>`, the body's `event_id` (the SDK's "unique ID for
///   the event").
/// - **Event type**: the body's `type` (e.g. `payment.updated`).
///
/// ```
/// use hooksign::{Delivery, SecretSet, Square, Verify};
///
/// // Judged valid by npm `square` 46.0.0 `WebhooksHelper.verifySignature`
/// // (tests/vectors/square.json, `square-valid-payment-updated`).
/// let square = Square::new(SecretSet::new(["hooksign-square-signature-key"])?)
///     .with_notification_url("https://example.com/webhooks/square");
/// let body = br#"{"merchant_id":"6SSW7HV8K2ST5","type":"payment.updated","event_id":"13b867cf-db3d-4b1c-90b6-2f32a9d78124","created_at":"2026-01-15T16:02:27Z","data":{"type":"payment","id":"hYy9pRFVxpDsO1FB05SunFWUe9JZY"}}"#;
/// let headers = [("x-square-hmacsha256-signature", "14H9Mbf+2LQmc5tSgzSPpl+LYPFjNdn4b0YIriSYi6A=")];
/// let verified = square.verify(&Delivery::new(&headers, body))?;
/// assert_eq!(verified.event_type().as_deref(), Some("payment.updated"));
/// assert_eq!(
///     verified.idempotency_key().unwrap().as_str(),
///     "square:13b867cf-db3d-4b1c-90b6-2f32a9d78124"
/// );
///
/// // Another notification URL signs other content.
/// let elsewhere = Square::new(SecretSet::new(["hooksign-square-signature-key"])?);
/// let err = elsewhere
///     .verify(&Delivery::new(&headers, body).with_url("https://example.com/webhooks/other"))
///     .unwrap_err();
/// assert_eq!(err.code(), "signature_mismatch");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Square {
    engine: UrlBody,
    notification_url: Option<String>,
}

impl Square {
    /// The provider id.
    pub const ID: &'static str = "square";

    /// A verifier and signer for these signature keys (each used as text).
    pub fn new(secrets: SecretSet) -> Self {
        Square {
            engine: UrlBody::hmac(Algorithm::Sha256, Encoding::Base64, &secrets),
            notification_url: None,
        }
    }

    /// Pins the notification URL registered with Square: it is verified and signed instead of
    /// the delivery's or message's URL.
    ///
    /// ```
    /// use hooksign::{Message, SecretSet, Sign, Square, UnixTime};
    /// let square = Square::new(SecretSet::new(["key"])?).with_notification_url("https://example.com/sq");
    /// let headers = square.sign_at(&Message::new(b"{}"), UnixTime::now())?;
    /// assert!(hooksign::verify(&square, &headers, b"{}").is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_notification_url(mut self, url: impl Into<String>) -> Self {
        self.notification_url = Some(url.into());
        self
    }
}

impl Verify for Square {
    fn id(&self) -> &str {
        Self::ID
    }

    fn verify_at<'r>(&self, delivery: &Delivery<'r>, _now: UnixTime) -> Result<Verified<'r>, Error> {
        self.verify(delivery)
    }

    /// Square signs no timestamp: the clock is not read.
    fn verify<'r>(&self, delivery: &Delivery<'r>) -> Result<Verified<'r>, Error> {
        let value = header::required(delivery.headers(), &SIGNATURE)?;
        let url = url_body::url(self.notification_url.as_deref(), delivery)?;
        let body = delivery.body();
        let secret = self.engine.verify(&SIGNATURE, value, &[url.as_bytes(), body])?;
        let mut verified = Verified::from_parts(Self::ID.into(), secret, body);
        verified.event_type = Field::Body(EVENT_TYPE.clone());
        verified.idempotency = Field::Body(EVENT_ID.clone());
        Ok(verified)
    }
}

impl Sign for Square {
    /// Signs over the pinned notification URL, else the message's URL (as verifying does).
    fn sign_at(&self, message: &Message<'_>, _now: UnixTime) -> Result<SignedHeaders, SignError> {
        let url = self
            .notification_url
            .as_deref()
            .or(message.url())
            .filter(|url| !url.is_empty())
            .ok_or(SignError::Missing("url (the notification URL)"))?;
        let mut out = SignedHeaders::new();
        out.push(
            &SIGNATURE,
            self.engine.sign(&[url.as_bytes(), message.body()]),
        );
        Ok(out)
    }
}
