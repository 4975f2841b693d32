//! Twilio: `X-Twilio-Signature: <base64 HMAC-SHA1(auth token, url + sorted parameters)>`.
//!
//! Sources:
//! - Twilio, "Webhooks security" (twilio.com/docs/usage/webhooks/webhooks-security): take the
//!   full URL of the request, sort the POST parameters alphabetically by name, append each
//!   name and its value with no delimiter, sign with HMAC-SHA1 keyed with the auth token and
//!   base64 it; for requests with a JSON body, Twilio adds a `bodySHA256` query parameter,
//!   the SHA-256 of the body, and signs the URL alone.
//! - npm `twilio` 6.3.1, `lib/webhooks/webhooks.js`: `getExpectedTwilioSignature` (the URL,
//!   then `Object.keys(params).sort()`, each name followed by each of its *distinct* values,
//!   sorted: `Array.from(new Set(values)).sort()`), `validateRequest` (tries the URL as
//!   received with its port removed, then with the scheme's standard port added: `:443` for
//!   `https`, `:80` otherwise), `validateRequestWithBody` (the URL alone with no parameters,
//!   and the first `bodySHA256` value equal to the lower-case hex SHA-256 of the body).
//! - PyPI `twilio` 9.11.0, `twilio/request_validator.py`: the same construction (sorted names,
//!   `sorted(set(values))`), the same two port variants (`remove_port`, `add_port`), and
//!   `bodySHA256` taken from the query for a JSON body.
//!
//! Not replicated: `twilio` 6.3.1 falls back, when neither form of the URL as received
//! matches, to the URL as Node's `new URL()` re-serializes it (percent-encoding some
//! characters, lower-casing the host), with and without its query re-encoded by the legacy
//! `querystring` module. Those are re-writings of the URL by back ends that signed an escaped
//! form; twilio-python does not try them. The SHA-256 "SharedKey" signatures that 6.3.1 can
//! check when the caller passes an algorithm (`X-Twilio-Webhooks-Signature-Settings`) are
//! not documented beside the auth-token scheme and are left out.

use crate::provider::registry::{About, Entry, Family, Keys, Signs};
use crate::provider::spec::{Algorithm, Encoding, SecretFormat};
use crate::provider::{Sign, Verify};
use crate::scheme::header;
use crate::scheme::key;
use crate::scheme::list::Signatures;
use crate::scheme::mac::Keyring;
use crate::scheme::url::Parts;
use crate::scheme::url_form::{self, Params, Repeats};
use crate::verified::ProviderName;
use crate::{
    Delivery, Error, HeaderKey, Message, SecretSet, SignError, SignedHeaders, UnixTime, Verified,
};

static SIGNATURE: HeaderKey = HeaderKey::new("X-Twilio-Signature", "x-twilio-signature");

/// The query parameter that carries the body's digest on JSON requests.
const BODY_SHA256: &str = "bodySHA256";

/// An HMAC-SHA1 tag is 20 bytes.
const TAG_LEN: usize = 20;

/// The registry's entry.
pub(crate) static ENTRY: Entry = Entry {
    id: Twilio::ID,
    aliases: &[],
    name: "Twilio",
    type_name: "Twilio",
    family: Family::UrlSigned,
    spec: None,
    about: Some(&About {
        signature: "`X-Twilio-Signature: <base64 HMAC-SHA1>`",
        content: "`{url}{name}{value}…` (form parameters sorted; JSON: `{url}` with `bodySHA256`)",
        idempotency: None,
        event_type: None,
    }),
    headers: &["X-Twilio-Signature"],
    tolerance: None,
    signs: Signs::URL,
    keys: Keys::Secrets,
    secret_format: "auth token, as text",
    runs_its_spec: false,
    build: |secrets, options| {
        url_form::no_options(Twilio::ID, options)?;
        Ok(crate::AnyProvider::new(Twilio::new(secrets)))
    },
};

/// Twilio webhooks (Voice, Messaging, Studio, … status callbacks), form-encoded or JSON.
///
/// - **Verifies** `X-Twilio-Signature`, canonical base64 of the HMAC-SHA1, keyed with the
///   account's auth token, over the full URL Twilio requested followed by every form
///   parameter, decoded, sorted by name and then by value, each distinct `(name, value)` pair
///   once, as the name followed by the value. Verifying needs that URL:
///   [`Delivery::with_url`] (behind a proxy, the public URL, not the one the proxy forwarded
///   to), else [`Error::MissingRequestPart`].
/// - **Port variants**: as the official SDKs, the URL is tried with its port removed and with
///   the scheme's standard port (`:443` for `https`, `:80` otherwise) added when it has none;
///   Twilio's back ends are inconsistent about the standard port.
/// - **JSON requests**: when the URL's query has a `bodySHA256` parameter, the URL is signed
///   alone and the body must hash (SHA-256, lower-case hex) to that parameter's first value,
///   else [`Error::BodyDigestMismatch`].
/// - **No timestamp** is signed: a replayed request verifies. Deduplicate on the resource's
///   sid (`MessageSid`, `CallSid`) and status.
/// - **Idempotency key**: none ([`Verified::idempotency_key`] is `None`); **event type**:
///   none (the URL is per event kind).
/// - **Secret**: the auth token, as text; during a rotation, keep the primary and secondary
///   tokens in the [`SecretSet`].
/// - **Bounds**: at most 256 form parameters, each UTF-8 once decoded
///   ([`Error::MalformedBody`] otherwise). Nothing is allocated per verification.
///
/// ```
/// use hooksign::{Twilio, SecretSet, Delivery, Verify};
///
/// // tests/vectors/twilio.json, "twilio-valid-sms-form" (made and accepted by npm twilio 6.3.1).
/// let twilio = Twilio::new(SecretSet::new(["hooksign-twilio-auth-token-0001"])?);
/// let url = "https://hooks.example.com/twilio/sms?tenant=acme";
/// let body = b"AccountSid=AC00000000000000000000000000000001&ApiVersion=2010-04-01&Body=Hello+there%21+%E2%9C%93&From=%2B14155550100&MessageSid=SM00000000000000000000000000000001&NumMedia=0&To=%2B14155550199";
/// let headers = [("X-Twilio-Signature", "orWHgJWFkZ6HWVVPFjkxF/pCDF4=")];
/// let verified = twilio.verify(&Delivery::new(&headers, body).with_url(url))?;
/// assert_eq!(verified.provider(), "twilio");
///
/// // Another path than the one signed is rejected, and so is a delivery without its URL.
/// let other = "https://hooks.example.com/twilio/other?tenant=acme";
/// let err = twilio.verify(&Delivery::new(&headers, body).with_url(other)).unwrap_err();
/// assert_eq!(err.code(), "signature_mismatch");
/// let err = twilio.verify(&Delivery::new(&headers, body)).unwrap_err();
/// assert_eq!(err, hooksign::Error::MissingRequestPart { part: "url" });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Twilio {
    keyring: Keyring,
}

impl Twilio {
    /// The provider id.
    pub const ID: &'static str = "twilio";

    /// A verifier and signer for these auth tokens.
    pub fn new(secrets: SecretSet) -> Self {
        let keyring = key::keyring(Algorithm::Sha1, &secrets, &SecretFormat::Text)
            .expect("text secrets are always usable keys");
        Twilio { keyring }
    }
}

/// Writes variant `variant` of the URL: 0 without its port, 1 with its port (the scheme's
/// standard one when it has none).
fn feed_url(parts: &Parts<'_>, variant: usize, sink: &mut dyn FnMut(&[u8])) {
    sink(parts.scheme.as_bytes());
    sink(parts.userinfo.as_bytes());
    sink(parts.host.as_bytes());
    if variant == 1 {
        let port = if parts.port.is_empty() {
            parts.default_port()
        } else {
            parts.port
        };
        sink(port.as_bytes());
    }
    sink(parts.rest.as_bytes());
}

/// The first `bodySHA256` value of the URL's query, still encoded, if it has one.
fn body_digest<'u>(parts: &Parts<'u>) -> Option<&'u [u8]> {
    Params::first(parts.query()?.as_bytes(), BODY_SHA256.as_bytes())
}

/// Whether `digest` (encoded, from the query) is the lower-case hex SHA-256 of `body`.
fn digest_matches(digest: &[u8], body: &[u8]) -> bool {
    use crate::scheme::encoding::MAX_ENCODED_LEN;
    use crate::scheme::tag::{Tag, constant_time_eq};
    use sha2::Digest as _;
    let hash = sha2::Sha256::digest(body);
    let tag = Tag::from_slice(&hash).expect("a SHA-256 digest fits in a tag");
    let mut buf = [0; MAX_ENCODED_LEN];
    let hex = Encoding::Hex.encode_into(&tag, &mut buf);
    let mut received = [0; 64];
    let mut len = 0;
    for byte in url_form::decoded(digest) {
        match received.get_mut(len) {
            Some(slot) => *slot = byte,
            None => return false,
        }
        len += 1;
    }
    bool::from(constant_time_eq(&received[..len], hex))
}

impl Verify for Twilio {
    fn id(&self) -> &str {
        Self::ID
    }

    fn verify_at<'r>(&self, delivery: &Delivery<'r>, _now: UnixTime) -> Result<Verified<'r>, Error> {
        self.verify(delivery)
    }

    /// Twilio signs no timestamp: the clock is not read.
    fn verify<'r>(&self, delivery: &Delivery<'r>) -> Result<Verified<'r>, Error> {
        let parts = url_form::delivery_url_parts(delivery)?;
        let text = header::required(delivery.headers(), &SIGNATURE)?;
        let mut signatures = Signatures::new(Encoding::Base64, TAG_LEN, &SIGNATURE, "");
        signatures.push(text);
        let body = delivery.body();
        let digest = body_digest(&parts);
        let mut params = Params::empty();
        if digest.is_none() {
            params
                .fill(body, Repeats::Distinct)
                .map_err(url_form::FormError::in_body)?;
        }
        let content = |variant: usize, sink: &mut dyn FnMut(&[u8])| {
            feed_url(&parts, variant, sink);
            params.feed_concatenated(sink);
        };
        let secret = self.keyring.find_fed(2, &content, &signatures)?;
        if let Some(digest) = digest
            && !digest_matches(digest, body)
        {
            return Err(Error::BodyDigestMismatch {
                parameter: BODY_SHA256,
            });
        }
        Ok(Verified::from_parts(
            ProviderName::Static(Self::ID),
            secret,
            body,
        ))
    }
}

impl Sign for Twilio {
    /// Signs the message's URL as it is given ([`Message::with_url`]) and its body's form
    /// parameters; a URL with a `bodySHA256` parameter is signed alone, and that parameter
    /// must be the SHA-256 of the body. No clock is read.
    ///
    /// ```
    /// use hooksign::{Twilio, SecretSet, Sign, Message, UnixTime, Delivery};
    /// let twilio = Twilio::new(SecretSet::new(["auth-token"])?);
    /// let url = "https://example.com/sms";
    /// let body = b"From=%2B14155550100&Body=hi";
    /// let headers = twilio.sign_at(&Message::new(body).with_url(url), UnixTime::now())?;
    /// assert!(hooksign::Verify::verify(&twilio, &Delivery::new(&headers, body).with_url(url)).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn sign_at(&self, message: &Message<'_>, _now: UnixTime) -> Result<SignedHeaders, SignError> {
        let (url, parts) = url_form::message_url_parts(message.url())?;
        let body = message.body();
        let params = match body_digest(&parts) {
            Some(digest) if digest_matches(digest, body) => Params::empty(),
            Some(_) => {
                return Err(SignError::Invalid {
                    field: "url",
                    reason: "its bodySHA256 is not the SHA-256 of the body",
                });
            }
            None => Params::parse(body, Repeats::Distinct).map_err(|e| SignError::Invalid {
                field: "body",
                reason: e.sign_reason(),
            })?,
        };
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

    fn twilio() -> Twilio {
        Twilio::new(SecretSet::new(["token"]).unwrap())
    }

    #[test]
    fn url_variants_are_without_and_with_the_port() {
        let variants = |url| {
            let parts = crate::scheme::url::split(url).unwrap();
            [0, 1].map(|variant| {
                let mut out = Vec::new();
                feed_url(&parts, variant, &mut |p| out.extend_from_slice(p));
                String::from_utf8(out).unwrap()
            })
        };
        assert_eq!(
            variants("https://u@h/x?a#f"),
            ["https://u@h/x?a#f", "https://u@h:443/x?a#f"]
        );
        assert_eq!(variants("http://h:8080/x"), ["http://h/x", "http://h:8080/x"]);
        assert_eq!(variants("HTTPS://h"), ["HTTPS://h", "HTTPS://h:443"]);
    }

    #[test]
    fn digest_is_lower_hex_and_decoded() {
        let hex = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
        assert!(digest_matches(hex.as_bytes(), b"foo"));
        assert!(!digest_matches(hex.to_uppercase().as_bytes(), b"foo"));
        assert!(digest_matches(hex.replace('2', "%32").as_bytes(), b"foo"));
        assert!(!digest_matches(b"", b"foo"));
        assert!(!digest_matches(&[b'a'; 200], b"foo"));
    }

    #[test]
    fn a_malformed_url_is_named() {
        let headers = [("X-Twilio-Signature", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=")];
        let err = twilio()
            .verify(&Delivery::new(&headers, b"").with_url("/relative"))
            .unwrap_err();
        assert_eq!(err.code(), "malformed_request_part");
    }

    #[test]
    fn signing_refuses_a_digest_of_another_body() {
        let message = Message::new(b"{}").with_url("https://h/x?bodySHA256=00");
        assert!(matches!(
            twilio().sign_at(&message, UnixTime::now()),
            Err(SignError::Invalid { field: "url", .. })
        ));
        assert_eq!(
            twilio().sign_at(&Message::new(b"{}"), UnixTime::now()),
            Err(SignError::Missing("url"))
        );
    }
}
