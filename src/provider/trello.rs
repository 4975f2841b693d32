//! Trello: `X-Trello-Webhook: <base64 HMAC-SHA1(application secret, body + callback URL)>`.
//!
//! Sources: Atlassian's Trello REST API guide "Webhooks"
//! (<https://developer.atlassian.com/cloud/trello/guides/rest-api/webhooks/>), section "Webhook
//! Signatures": each webhook request carries `X-Trello-Webhook`, "a base64 digest of an
//! HMAC-SHA1 hash"; the hashed content is "the concatenation of the full request body and the
//! callbackURL exactly as it was provided during webhook creation"; the key is the
//! application's secret (the OAuth secret shown with the API key, not a token). The guide's
//! Node example computes `crypto.createHmac('sha1', secret).update(content).digest('base64')`
//! with `content = body + callbackURL` and compares it with the header. The body the guide's
//! "Creating a Webhook" section describes is "a JSON payload of the action … and the updated
//! model" (`action.type`, `action.id`).
//!
//! The example passes `update` a JavaScript string without an encoding argument, which current
//! Node hashes as UTF-8: hooksign hashes the received body bytes as they are, which is the same
//! for the UTF-8 JSON Trello sends. Trello publishes no SDK verifier; hooksign's vectors come
//! from an independent model of the guide's construction (`tools/vectors/urlbody/trello.py`).

use crate::provider::registry::{About, Entry, Family, Keys, Signs};
use crate::provider::spec::{Algorithm, BodyPaths, Encoding};
use crate::provider::{Sign, Verify};
use crate::scheme::header;
use crate::scheme::url_body::{self, UrlBody};
use crate::verified::Field;
use crate::{
    Delivery, Error, HeaderKey, Message, SecretSet, SignError, SignedHeaders, UnixTime, Verified,
};

const SIGNATURE: HeaderKey = HeaderKey::new("X-Trello-Webhook", "x-trello-webhook");
static EVENT_TYPE: BodyPaths = BodyPaths::from_static(&[&["action", "type"]]);
static ACTION_ID: BodyPaths = BodyPaths::from_static(&[&["action", "id"]]);

/// The registry's entry.
pub(crate) static ENTRY: Entry = Entry {
    id: Trello::ID,
    aliases: &[],
    name: "Trello",
    type_name: "Trello",
    family: Family::UrlSigned,
    spec: None,
    about: Some(&About {
        signature: "`X-Trello-Webhook: <base64>` (HMAC-SHA1)",
        content: "`{body}{callback url}`",
        idempotency: Some("body action.id"),
        event_type: Some("body action.type"),
    }),
    headers: &["X-Trello-Webhook"],
    tolerance: None,
    signs: Signs::URL,
    keys: Keys::Secrets,
    secret_format: "application (OAuth) secret, as text",
    runs_its_spec: false,
    build: |secrets, options| {
        url_body::tolerance_option(Trello::ID, options, false)?;
        Ok(crate::AnyProvider::new(Trello::new(secrets)))
    },
};

/// Trello webhooks.
///
/// - **Verifies** `X-Trello-Webhook`: the canonical base64 HMAC-SHA1 of the raw body followed
///   by the callback URL, keyed with the application's secret.
/// - **The URL** is the `callbackURL` exactly as given when the webhook was created: pin it
///   with [`Trello::with_callback_url`] (recommended), or give each delivery the public URL it
///   was sent to ([`Delivery::with_url`]). Neither is [`Error::MissingRequestPart`]
///   `{ part: "url" }`.
/// - **No timestamp** is signed: a replayed request verifies, so deduplicate.
/// - **Secret**: the application's (OAuth 1.0) secret, as text; not an API token.
/// - **Idempotency key**: `trello:<action.id>`, the id of the action the request reports.
/// - **Event type**: the body's `action.type` (e.g. `updateCard`).
///
/// ```
/// use hooksign::{Delivery, SecretSet, Trello, Verify};
///
/// // An independent model of the guide's construction (tests/vectors/trello.json,
/// // `trello-valid-update-card`).
/// let trello = Trello::new(SecretSet::new(["hooksign-trello-app-secret"])?)
///     .with_callback_url("https://example.com/webhooks/trello?board=1");
/// let body = br#"{"action":{"id":"65a1f0c2e4b0a1b2c3d4e5f6","type":"updateCard","data":{"card":{"id":"65a1f0c2e4b0a1b2c3d4e5f7","name":"Ship it"}}},"model":{"id":"65a1f0c2e4b0a1b2c3d4e5f8","name":"Board"}}"#;
/// let headers = [("X-Trello-Webhook", "Xwa5kETT4XJ3AtpunZEK3XwUAkI=")];
/// let verified = trello.verify(&Delivery::new(&headers, body))?;
/// assert_eq!(verified.event_type().as_deref(), Some("updateCard"));
/// assert_eq!(verified.idempotency_key().unwrap().as_str(), "trello:65a1f0c2e4b0a1b2c3d4e5f6");
///
/// // The callback URL is signed: another one does not verify.
/// let other = Trello::new(SecretSet::new(["hooksign-trello-app-secret"])?)
///     .with_callback_url("https://example.com/webhooks/trello");
/// assert_eq!(other.verify(&Delivery::new(&headers, body)).unwrap_err().code(), "signature_mismatch");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Trello {
    engine: UrlBody,
    callback_url: Option<String>,
}

impl Trello {
    /// The provider id.
    pub const ID: &'static str = "trello";

    /// A verifier and signer for these application secrets (each used as text).
    pub fn new(secrets: SecretSet) -> Self {
        Trello {
            engine: UrlBody::hmac(Algorithm::Sha1, Encoding::Base64, &secrets),
            callback_url: None,
        }
    }

    /// Pins the `callbackURL` the webhook was created with: it is verified and signed instead
    /// of the delivery's or message's URL.
    ///
    /// ```
    /// use hooksign::{Message, SecretSet, Sign, Trello, UnixTime};
    /// let trello = Trello::new(SecretSet::new(["secret"])?).with_callback_url("https://example.com/t");
    /// let headers = trello.sign_at(&Message::new(b"{}"), UnixTime::now())?;
    /// assert!(hooksign::verify(&trello, &headers, b"{}").is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_callback_url(mut self, url: impl Into<String>) -> Self {
        self.callback_url = Some(url.into());
        self
    }
}

impl Verify for Trello {
    fn id(&self) -> &str {
        Self::ID
    }

    fn verify_at<'r>(&self, delivery: &Delivery<'r>, _now: UnixTime) -> Result<Verified<'r>, Error> {
        self.verify(delivery)
    }

    /// Trello signs no timestamp: the clock is not read.
    fn verify<'r>(&self, delivery: &Delivery<'r>) -> Result<Verified<'r>, Error> {
        let value = header::required(delivery.headers(), &SIGNATURE)?;
        let url = url_body::url(self.callback_url.as_deref(), delivery)?;
        let body = delivery.body();
        let secret = self
            .engine
            .verify(&SIGNATURE, value, &[body, url.as_bytes()])?;
        let mut verified = Verified::from_parts(Self::ID.into(), secret, body);
        verified.event_type = Field::Body(EVENT_TYPE.clone());
        verified.idempotency = Field::Body(ACTION_ID.clone());
        Ok(verified)
    }
}

impl Sign for Trello {
    /// Signs over the pinned callback URL, else the message's URL (as verifying does).
    fn sign_at(&self, message: &Message<'_>, _now: UnixTime) -> Result<SignedHeaders, SignError> {
        let url = self
            .callback_url
            .as_deref()
            .or(message.url())
            .filter(|url| !url.is_empty())
            .ok_or(SignError::Missing("url (the callback URL)"))?;
        let mut out = SignedHeaders::new();
        out.push(
            &SIGNATURE,
            self.engine.sign(&[message.body(), url.as_bytes()]),
        );
        Ok(out)
    }
}
