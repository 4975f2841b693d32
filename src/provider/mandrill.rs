//! Mandrill (Mailchimp Transactional): `X-Mandrill-Signature: <base64 HMAC-SHA1(webhook key,
//! url + sorted POST variables)>`.
//!
//! Sources: Mailchimp Transactional, "Track and respond to activity with webhooks",
//! *Authenticating webhook requests*
//! (mailchimp.com/developer/transactional/guides/track-respond-activity-webhooks/#authenticating-webhook-requests),
//! and the Mandrill knowledge base article "How to Authenticate Webhook Requests": start with
//! the webhook's URL *exactly* as entered when the webhook was configured (query string
//! included; "a difference as small as including or removing a trailing slash will prevent
//! the signature from validating"), sort the request's POST variables alphabetically by key,
//! append each key and its value with no delimiter, HMAC-SHA1 with the webhook's
//! authentication key, base64, and compare with `X-Mandrill-Signature`. Mandrill posts one
//! variable, `mandrill_events` (a JSON array), form-encoded.
//!
//! Mailchimp Transactional publishes no SDK that verifies webhooks (its API clients do not);
//! the vectors come from an independent model of the documented steps
//! (`tools/vectors/urlform/mandrill.py`).
//!
//! Not documented, so left out: what a key sent twice means. The docs' PHP sample signs
//! `$_POST`, where a repeated key keeps its last value; here identical repeats count once and
//! a key with two different values is refused ([`Error::MalformedBody`]). PHP's `ksort`
//! compares numeric keys as numbers; the docs say "alphabetically", which is what is done
//! (byte order of the decoded keys).

use crate::provider::registry::{About, Entry, Family, Keys, Signs};
use crate::provider::spec::{Algorithm, Encoding, SecretFormat};
use crate::provider::{Sign, Verify};
use crate::scheme::header;
use crate::scheme::key;
use crate::scheme::list::Signatures;
use crate::scheme::mac::Keyring;
use crate::scheme::url_form::{self, Params, Repeats};
use crate::verified::ProviderName;
use crate::{
    Delivery, Error, HeaderKey, Message, SecretSet, SignError, SignedHeaders, UnixTime, Verified,
};

static SIGNATURE: HeaderKey = HeaderKey::new("X-Mandrill-Signature", "x-mandrill-signature");

/// The registry's entry.
pub(crate) static ENTRY: Entry = Entry {
    id: Mandrill::ID,
    aliases: &["mailchimp-transactional"],
    name: "Mandrill (Mailchimp Transactional)",
    type_name: "Mandrill",
    family: Family::UrlSigned,
    spec: None,
    about: Some(&About {
        signature: "`X-Mandrill-Signature: <base64 HMAC-SHA1>`",
        content: "`{url}{key}{value}…` (POST variables sorted by key)",
        idempotency: None,
        event_type: None,
    }),
    headers: &["X-Mandrill-Signature"],
    tolerance: None,
    signs: Signs::URL,
    keys: Keys::Secrets,
    secret_format: "webhook authentication key, as text",
    runs_its_spec: false,
    build: |secrets, options| {
        url_form::no_options(Mandrill::ID, options)?;
        Ok(crate::AnyProvider::new(Mandrill::new(secrets)))
    },
};

/// Mandrill (Mailchimp Transactional) webhooks: message, sync and inbound events.
///
/// - **Verifies** `X-Mandrill-Signature`, canonical base64 of the HMAC-SHA1, keyed with the
///   webhook's authentication key, over the webhook URL exactly as configured followed by
///   each POST variable, decoded and sorted by key, as the key followed by its value.
///   Verifying needs that URL ([`Delivery::with_url`]: give the URL configured in Mandrill,
///   byte for byte), else [`Error::MissingRequestPart`]. No other form of the URL is tried.
/// - **No timestamp** is signed: a replayed request verifies. Each event in `mandrill_events`
///   has an `_id` and a `ts`: deduplicate on those.
/// - **Idempotency key**: none ([`Verified::idempotency_key`] is `None`: a batch holds many
///   events); **event type**: none at the request level (each event has its `event`).
/// - **Secret**: the webhook's key, as text (each webhook has its own).
/// - **Bounds**: at most 256 POST variables, each UTF-8 once decoded; a key with two
///   different values is refused. Nothing is allocated per verification.
///
/// ```
/// use hooksign::{Mandrill, SecretSet, Delivery, Verify};
///
/// // tests/vectors/mandrill.json, "mandrill-valid-sorted-keys".
/// let mandrill = Mandrill::new(SecretSet::new(["hooksign-mandrill-webhook-key-0001"])?);
/// let url = "https://hooks.example.com/mandrill?source=transactional";
/// let body = b"z_last=1&mandrill_events=%5B%7B%22event%22%3A%22send%22%2C%22_id%22%3A%22exampleaaaaaaaaaaaaaaaaaaaaaaaaa%22%2C%22ts%22%3A1700000000%2C%22msg%22%3A%7B%22email%22%3A%22example.webhook%40mandrillapp.com%22%2C%22subject%22%3A%22This+an+example+webhook+message%22%7D%7D%5D&a_first=x+y";
/// let headers = [("X-Mandrill-Signature", "qGHYqQb+cziOH3HQQJ0uD3wPbX8=")];
/// assert!(mandrill.verify(&Delivery::new(&headers, body).with_url(url)).is_ok());
///
/// // The URL must be the configured one exactly: a trailing slash differs.
/// let slash = "https://hooks.example.com/mandrill/?source=transactional";
/// let err = mandrill.verify(&Delivery::new(&headers, body).with_url(slash)).unwrap_err();
/// assert_eq!(err.code(), "signature_mismatch");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Mandrill {
    keyring: Keyring,
}

impl Mandrill {
    /// The provider id.
    pub const ID: &'static str = "mandrill";

    /// A verifier and signer for these webhook keys.
    pub fn new(secrets: SecretSet) -> Self {
        let keyring = key::keyring(Algorithm::Sha1, &secrets, &SecretFormat::Text)
            .expect("text secrets are always usable keys");
        Mandrill { keyring }
    }
}

impl Verify for Mandrill {
    fn id(&self) -> &str {
        Self::ID
    }

    fn verify_at<'r>(&self, delivery: &Delivery<'r>, _now: UnixTime) -> Result<Verified<'r>, Error> {
        self.verify(delivery)
    }

    /// Mandrill signs no timestamp: the clock is not read.
    fn verify<'r>(&self, delivery: &Delivery<'r>) -> Result<Verified<'r>, Error> {
        let url = url_form::delivery_url(delivery)?;
        let text = header::required(delivery.headers(), &SIGNATURE)?;
        let mut signatures = Signatures::new(Encoding::Base64, 20, &SIGNATURE, "");
        signatures.push(text);
        let body = delivery.body();
        let mut params = Params::empty();
        params
            .fill(body, Repeats::Single)
            .map_err(url_form::FormError::in_body)?;
        let content = |_: usize, sink: &mut dyn FnMut(&[u8])| {
            sink(url.as_bytes());
            params.feed_concatenated(sink);
        };
        let secret = self.keyring.find_fed(1, &content, &signatures)?;
        Ok(Verified::from_parts(
            ProviderName::Static(Self::ID),
            secret,
            body,
        ))
    }
}

impl Sign for Mandrill {
    /// Signs the message's URL ([`Message::with_url`]) and its body's form variables. No
    /// clock is read.
    ///
    /// ```
    /// use hooksign::{Mandrill, SecretSet, Sign, Message, UnixTime};
    /// let mandrill = Mandrill::new(SecretSet::new(["webhook-key"])?);
    /// let message = Message::new(b"mandrill_events=%5B%5D").with_url("https://example.com/m");
    /// let headers = mandrill.sign_at(&message, UnixTime::now())?;
    /// assert!(headers.get("X-Mandrill-Signature").is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn sign_at(&self, message: &Message<'_>, _now: UnixTime) -> Result<SignedHeaders, SignError> {
        let url = message.url().ok_or(SignError::Missing("url"))?;
        let params =
            Params::parse(message.body(), Repeats::Single).map_err(|e| SignError::Invalid {
                field: "body",
                reason: e.sign_reason(),
            })?;
        let tag = self.keyring.sign_fed(&|_, sink| {
            sink(url.as_bytes());
            params.feed_concatenated(sink);
        });
        let mut out = SignedHeaders::new();
        out.push(SIGNATURE.as_str(), Encoding::Base64.encode(&tag));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_with_two_values_is_refused() {
        let mandrill = Mandrill::new(SecretSet::new(["key"]).unwrap());
        let headers = [("X-Mandrill-Signature", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=")];
        let delivery = Delivery::new(&headers, b"a=1&a=2").with_url("https://h/");
        assert_eq!(
            mandrill.verify(&delivery).unwrap_err(),
            Error::MalformedBody {
                field: "form parameter \"a\"".into(),
                reason: crate::Malformed::Repeated
            }
        );
    }
}
