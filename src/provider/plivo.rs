//! Plivo: signature V3, `X-Plivo-Signature-V3: <base64 HMAC-SHA256(auth token, url + params
//! + "." + nonce)>[,<…>]` with `X-Plivo-Signature-V3-Nonce`.
//!
//! Sources:
//! - Plivo, Voice XML "Validation" (docs.plivo.com/docs/voice/xml/request/validation): every
//!   request Plivo makes to your URLs carries `X-Plivo-Signature-V3` and
//!   `X-Plivo-Signature-V3-Nonce` ("a randomly generated string"); the signature is made with
//!   the account's auth token (`X-Plivo-Signature-Ma-V3`, with the main account's, is not
//!   read here), and "Plivo SDKs provide methods to compute and verify" it: the construction
//!   is the SDK's.
//! - npm `plivo` 4.79.0, `dist/utils/v3Security.js` (source `lib/utils/v3Security.js`),
//!   `validateV3Signature(method, uri, nonce, authToken, signature, params)`:
//!   - the base URL is `scheme://host[:port]` and the path (user information, query and
//!     fragment dropped: `uri-parser` + `build-url`);
//!   - the URL's query is parsed (`querystring.parse`: decoded, `+` a space) and written back
//!     sorted by name, each name's values sorted, as `name=value` joined by `&`, decoded;
//!   - `GET`: base URL, then `?` and that query if it is not empty;
//!   - `POST`: base URL; `?` when the query or the body parameters are not empty; the query;
//!     `.` when both are not empty; then the body parameters sorted by name, each name's
//!     values sorted (every value kept, repeats included), each as the name followed by the
//!     value, decoded;
//!   - then `.` and the nonce; HMAC-SHA256 keyed with the auth token, base64;
//!   - the header is split on `,` and any element equal to that signature is a match; any
//!     method other than `GET` and `POST` throws.
//! - PyPI `plivo` 4.59.5, `plivo/utils/signature_v3.py`: the same construction (it keeps the
//!   user information in the base URL; the npm SDK, followed here, drops it).

use crate::provider::registry::{About, Entry, Family, Keys, Signs};
use crate::provider::spec::{Algorithm, Encoding, SecretFormat};
use crate::provider::{Sign, Verify};
use crate::scheme::header;
use crate::scheme::key;
use crate::scheme::list::Signatures;
use crate::scheme::mac::Keyring;
use crate::scheme::url::Parts;
use crate::scheme::url_form::{self, FormError, Params, Repeats};
use crate::verified::ProviderName;
use crate::{
    Delivery, Error, HeaderKey, Malformed, Message, SecretSet, SignError, SignedHeaders, UnixTime,
    Verified,
};

static SIGNATURE: HeaderKey = HeaderKey::new("X-Plivo-Signature-V3", "x-plivo-signature-v3");
static NONCE: HeaderKey =
    HeaderKey::new("X-Plivo-Signature-V3-Nonce", "x-plivo-signature-v3-nonce");

/// The registry's entry.
pub(crate) static ENTRY: Entry = Entry {
    id: Plivo::ID,
    aliases: &[],
    name: "Plivo",
    type_name: "Plivo",
    family: Family::UrlSigned,
    spec: None,
    about: Some(&About {
        signature: "`X-Plivo-Signature-V3: <base64 HMAC-SHA256>[,…]`, `X-Plivo-Signature-V3-Nonce`",
        content: "`{base url}?{sorted query}.{name}{value}….{nonce}` (POST; GET: `{base url}?{sorted query}.{nonce}`)",
        idempotency: None,
        event_type: None,
    }),
    headers: &["X-Plivo-Signature-V3", "X-Plivo-Signature-V3-Nonce"],
    tolerance: None,
    signs: Signs::URL_AND_METHOD,
    keys: Keys::Secrets,
    secret_format: "auth token (of the account or subaccount), as text",
    runs_its_spec: false,
    build: |secrets, options| {
        url_form::no_options(Plivo::ID, options)?;
        Ok(crate::AnyProvider::new(Plivo::new(secrets)))
    },
};

/// Plivo callbacks (Voice and Messaging), signature V3.
///
/// - **Verifies** `X-Plivo-Signature-V3` (one or more canonical base64 HMAC-SHA256
///   signatures separated by `,`; one match is enough), keyed with the auth token, over the
///   callback URL rebuilt as the official SDK rebuilds it (see the module documentation:
///   base URL, sorted decoded query, for `POST` the sorted decoded body parameters), then `.`
///   and `X-Plivo-Signature-V3-Nonce`. Verifying needs the URL ([`Delivery::with_url`]) and
///   the method ([`Delivery::with_method`], `GET` or `POST`), else
///   [`Error::MissingRequestPart`]; another method is [`Error::MalformedRequestPart`].
/// - **No timestamp** is signed, and the nonce is not remembered: a replayed request
///   verifies. Deduplicate on the callback's `CallUUID` / `MessageUUID` and status.
/// - **Idempotency key**: none ([`Verified::idempotency_key`] is `None`); **event type**:
///   none (the `Event` parameter, where a callback has one, is in the body).
/// - **Secret**: the auth token, as text.
/// - **Bounds**: at most 256 query and 256 body parameters, each UTF-8 once decoded, and 16
///   signatures. Nothing is allocated per verification.
///
/// ```
/// use hooksign::{Plivo, SecretSet, Delivery, Verify};
///
/// // tests/vectors/plivo.json, "plivo-valid-post-query-and-body" (accepted by npm plivo 4.79.0).
/// let plivo = Plivo::new(SecretSet::new(["hooksign-plivo-auth-token-0001"])?);
/// let url = "https://api.example.com/plivo/answer?lang=en%20US&b=2";
/// let body = b"CallUUID=f4e6a3b2-0000-4000-8000-000000000001&From=14155550100&To=14155550199&Event=StartApp&Digits=1&Digits=%2A";
/// let headers = [
///     ("X-Plivo-Signature-V3", "uRJ+Xl77XjzrDKNOJjHSzmFE+od6tFq+Ud5zlLCFoec="),
///     ("X-Plivo-Signature-V3-Nonce", "05429567804466091622"),
/// ];
/// let delivery = Delivery::new(&headers, body).with_url(url).with_method("POST");
/// assert_eq!(plivo.verify(&delivery)?.provider(), "plivo");
///
/// // The method decides what is signed: the same request as a GET does not verify.
/// let err = plivo.verify(&delivery.with_method("GET")).unwrap_err();
/// assert_eq!(err.code(), "signature_mismatch");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Plivo {
    keyring: Keyring,
}

/// The two methods Plivo signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    Get,
    Post,
}

impl Method {
    fn parse(method: &str) -> Option<Method> {
        match method {
            "GET" => Some(Method::Get),
            "POST" => Some(Method::Post),
            _ => None,
        }
    }
}

/// What is signed, parsed once: the URL's parts, its query and the body parameters.
struct Request<'r> {
    parts: Parts<'r>,
    query: Params<'r>,
    body: Params<'r>,
    method: Method,
    nonce: &'r str,
}

impl Request<'_> {
    fn feed(&self, sink: &mut dyn FnMut(&[u8])) {
        let parts = &self.parts;
        for part in [parts.scheme, parts.host, parts.port, parts.path()] {
            sink(part.as_bytes());
        }
        let with_body = self.method == Method::Post && !self.body.is_empty();
        if !self.query.is_empty() || with_body {
            sink(b"?");
        }
        self.query.feed_query(sink);
        if !self.query.is_empty() && with_body {
            sink(b".");
        }
        if with_body {
            self.body.feed_concatenated(sink);
        }
        sink(b".");
        sink(self.nonce.as_bytes());
    }
}

/// The query's parameters, sorted (every value kept).
fn query_params<'u>(parts: &Parts<'u>) -> Result<Params<'u>, FormError> {
    match parts.query() {
        Some(query) => Params::parse(query.as_bytes(), Repeats::Keep),
        None => Ok(Params::empty()),
    }
}

impl Plivo {
    /// The provider id.
    pub const ID: &'static str = "plivo";

    /// A verifier and signer for these auth tokens.
    pub fn new(secrets: SecretSet) -> Self {
        let keyring = key::keyring(Algorithm::Sha256, &secrets, &SecretFormat::Text)
            .expect("text secrets are always usable keys");
        Plivo { keyring }
    }
}

impl Verify for Plivo {
    fn id(&self) -> &str {
        Self::ID
    }

    fn verify_at<'r>(&self, delivery: &Delivery<'r>, _now: UnixTime) -> Result<Verified<'r>, Error> {
        self.verify(delivery)
    }

    /// Plivo signs no timestamp: the clock is not read.
    fn verify<'r>(&self, delivery: &Delivery<'r>) -> Result<Verified<'r>, Error> {
        let parts = url_form::delivery_url_parts(delivery)?;
        let method = delivery
            .method()
            .ok_or(Error::MissingRequestPart { part: "method" })?;
        let method = Method::parse(method).ok_or_else(|| Error::MalformedRequestPart {
            part: "method",
            reason: Malformed::Unexpected {
                expected: "GET or POST".into(),
            },
        })?;
        let text = header::required(delivery.headers(), &SIGNATURE)?;
        let nonce = header::required(delivery.headers(), &NONCE)?;
        let mut signatures = Signatures::new(Encoding::Base64, 32, &SIGNATURE, "");
        for element in text.split(',') {
            signatures.push(element);
        }
        let body = delivery.body();
        // Built empty and filled where it stands: the two sets are 8 KiB each.
        let mut request = Request {
            parts,
            query: Params::empty(),
            body: Params::empty(),
            method,
            nonce,
        };
        if let Some(query) = parts.query() {
            request
                .query
                .fill(query.as_bytes(), Repeats::Keep)
                .map_err(FormError::in_url)?;
        }
        if method == Method::Post {
            request
                .body
                .fill(body, Repeats::Keep)
                .map_err(FormError::in_body)?;
        }
        let secret = self
            .keyring
            .find_fed(1, &|_, sink| request.feed(sink), &signatures)?;
        Ok(Verified::from_parts(
            ProviderName::Static(Self::ID),
            secret,
            body,
        ))
    }
}

impl Sign for Plivo {
    /// Signs the message's URL ([`Message::with_url`]) and, for `POST` (the default when the
    /// message has no method), its body's form parameters. The nonce is the message's id
    /// ([`Message::with_id`]: give each message a fresh random one, as Plivo does), else the
    /// timestamp in seconds. No other clock is read.
    ///
    /// ```
    /// use hooksign::{Plivo, SecretSet, Sign, Message, UnixTime, Delivery, Verify};
    /// let plivo = Plivo::new(SecretSet::new(["auth-token"])?);
    /// let (url, body) = ("https://example.com/answer?x=1", b"CallUUID=abc&Event=Hangup");
    /// let message = Message::new(body).with_url(url).with_id("51239384712834718234");
    /// let headers = plivo.sign_at(&message, UnixTime::now())?;
    /// assert_eq!(headers.get("X-Plivo-Signature-V3-Nonce"), Some("51239384712834718234"));
    /// let delivery = Delivery::new(&headers, body).with_url(url).with_method("POST");
    /// assert!(plivo.verify(&delivery).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn sign_at(&self, message: &Message<'_>, now: UnixTime) -> Result<SignedHeaders, SignError> {
        let (_, parts) = url_form::message_url_parts(message.url())?;
        let method = match message.method() {
            None => Method::Post,
            Some(method) => Method::parse(method).ok_or(SignError::Invalid {
                field: "method",
                reason: "Plivo signs GET and POST requests only",
            })?,
        };
        let seconds;
        let nonce = match message.id() {
            Some(id) => id,
            None => {
                seconds = message.timestamp_or(now).as_secs().to_string();
                &seconds
            }
        };
        if nonce.is_empty() || nonce.bytes().any(|b| !(0x21..0x7f).contains(&b)) {
            return Err(SignError::Invalid {
                field: "id",
                reason: "the nonce must be visible ASCII without spaces",
            });
        }
        let invalid = |e: FormError, field| SignError::Invalid {
            field,
            reason: e.sign_reason(),
        };
        let request = Request {
            parts,
            query: query_params(&parts).map_err(|e| invalid(e, "url"))?,
            body: match method {
                Method::Post => {
                    Params::parse(message.body(), Repeats::Keep).map_err(|e| invalid(e, "body"))?
                }
                Method::Get => Params::empty(),
            },
            method,
            nonce,
        };
        let tag = self.keyring.sign_fed(&|_, sink| request.feed(sink));
        let mut out = SignedHeaders::new();
        out.push(NONCE.as_str(), nonce.to_owned());
        out.push(SIGNATURE.as_str(), Encoding::Base64.encode(&tag));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed(method: Method, url: &str, body: &str) -> String {
        let parts = crate::scheme::url::split(url).unwrap();
        let request = Request {
            parts,
            query: query_params(&parts).unwrap(),
            body: Params::parse(body.as_bytes(), Repeats::Keep).unwrap(),
            method,
            nonce: "n",
        };
        let mut out = Vec::new();
        request.feed(&mut |p| out.extend_from_slice(p));
        String::from_utf8(out).unwrap()
    }

    /// The strings npm plivo 4.79.0 signs for these requests (probed with its
    /// `validateV3Signature`).
    #[test]
    fn builds_the_sdks_strings() {
        use Method::{Get, Post};
        assert_eq!(signed(Post, "https://example.com", ""), "https://example.com.n");
        assert_eq!(signed(Post, "https://example.com/x?", ""), "https://example.com/x.n");
        assert_eq!(
            signed(Post, "https://u:p@example.com:8443/x/?q=%20a+b#frag", ""),
            "https://example.com:8443/x/?q= a b.n"
        );
        assert_eq!(signed(Post, "https://example.com/x", "a=1"), "https://example.com/x?a1.n");
        assert_eq!(
            signed(Post, "https://example.com/a/b?z=2&a=1&a=0", "k=v&b=2&b=1"),
            "https://example.com/a/b?a=0&a=1&z=2.b1b2kv.n"
        );
        assert_eq!(
            signed(Get, "https://example.com/x?b=%C3%A9&a=", "ignored=1"),
            "https://example.com/x?a=&b=é.n"
        );
        assert_eq!(signed(Post, "https://h/x#f?z=1", ""), "https://h/x.n");
    }

    #[test]
    fn method_is_needed_and_checked() {
        let plivo = Plivo::new(SecretSet::new(["token"]).unwrap());
        let headers = [
            ("X-Plivo-Signature-V3", "x"),
            ("X-Plivo-Signature-V3-Nonce", "1"),
        ];
        let delivery = Delivery::new(&headers, b"").with_url("https://h/");
        assert_eq!(
            plivo.verify(&delivery).unwrap_err(),
            Error::MissingRequestPart { part: "method" }
        );
        assert_eq!(
            plivo.verify(&delivery.with_method("PUT")).unwrap_err().code(),
            "malformed_request_part"
        );
    }
}
