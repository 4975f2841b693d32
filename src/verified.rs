//! What a successful verification tells the receiver.

use std::borrow::Cow;
use std::fmt;

use std::sync::Arc;

use crate::UnixTime;
use crate::provider::spec::BodyPaths;
use crate::scheme::mac::SecretMatch;

/// Where a piece of delivery metadata comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Field<'r> {
    /// The provider sends none.
    Absent,
    /// A header's value (or an owned copy of it).
    Value(Cow<'r, str>),
    /// The first of these JSON paths in the body that holds a string; read on request.
    Body(BodyPaths),
}

/// A provider's id as a delivery carries it: borrowed for the built-in providers, shared for
/// configured ones, so that neither copies it per request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ProviderName {
    Static(&'static str),
    Shared(Arc<str>),
}

impl ProviderName {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            ProviderName::Static(name) => name,
            ProviderName::Shared(name) => name,
        }
    }
}

impl From<&'static str> for ProviderName {
    fn from(name: &'static str) -> Self {
        ProviderName::Static(name)
    }
}

impl<'r> Field<'r> {
    pub(crate) fn header(value: Option<&'r str>) -> Self {
        value.map_or(Field::Absent, |v| Field::Value(Cow::Borrowed(v)))
    }

    fn resolve<'s>(&'s self, body: &'s [u8]) -> Option<Cow<'s, str>> {
        match self {
            Field::Absent => None,
            Field::Value(v) => Some(Cow::Borrowed(v)),
            Field::Body(paths) => paths.find(body),
        }
    }

    fn into_owned(self) -> Field<'static> {
        match self {
            Field::Absent => Field::Absent,
            Field::Value(v) => Field::Value(Cow::Owned(v.into_owned())),
            Field::Body(paths) => Field::Body(paths),
        }
    }
}

/// A verified delivery: which provider and secret vouched for it, when it was signed, and the
/// metadata a receiver routes and deduplicates on.
///
/// It borrows the request's headers and body (`'r`), so verifying allocates nothing; call
/// [`Verified::into_owned`] to keep it beyond the request.
///
/// ```
/// use hooksign::{GitHub, SecretSet, Sign, Message, UnixTime};
///
/// let github = GitHub::new(SecretSet::new(["s3cret"])?);
/// let body = br#"{"action":"opened"}"#;
/// let headers = github.sign_at(&Message::new(body).with_id("72d3162e").with_event_type("issues"), UnixTime::now())?;
///
/// let verified = hooksign::verify(&github, &headers, body)?;
/// assert_eq!(verified.provider(), "github");
/// assert_eq!(verified.secret_index(), 0);
/// assert_eq!(verified.id(), Some("72d3162e"));
/// assert_eq!(verified.event_type().as_deref(), Some("issues"));
/// assert_eq!(verified.idempotency_key().unwrap().as_str(), "github:72d3162e");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Verified<'r> {
    pub(crate) provider: ProviderName,
    pub(crate) secret: SecretMatch,
    pub(crate) timestamp: Option<UnixTime>,
    pub(crate) id: Option<Cow<'r, str>>,
    pub(crate) event_type: Field<'r>,
    pub(crate) idempotency: Field<'r>,
    pub(crate) body: Body<'r>,
}

/// The verified body: borrowed from the request, an owned copy, or (framework integrations)
/// the framework's reference-counted [`bytes::Bytes`], shared without a copy.
#[derive(Clone)]
pub(crate) enum Body<'r> {
    Borrowed(&'r [u8]),
    Owned(Box<[u8]>),
    #[cfg(any(feature = "axum", feature = "actix-web"))]
    Shared(bytes::Bytes),
}

impl std::ops::Deref for Body<'_> {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Body::Borrowed(body) => body,
            Body::Owned(body) => body,
            #[cfg(any(feature = "axum", feature = "actix-web"))]
            Body::Shared(body) => body,
        }
    }
}

/// Bodies are equal when their bytes are, wherever they live.
impl PartialEq for Body<'_> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for Body<'_> {}

impl<'r> Verified<'r> {
    pub(crate) fn from_parts(provider: ProviderName, secret: SecretMatch, body: &'r [u8]) -> Self {
        Verified {
            provider,
            secret,
            timestamp: None,
            id: None,
            event_type: Field::Absent,
            idempotency: Field::Absent,
            body: Body::Borrowed(body),
        }
    }

    /// For your own [`Verify`](crate::Verify) implementation: a delivery of `provider`, whose
    /// `body` you verified with the primary secret. Add what else you know with the `with_*`
    /// methods.
    ///
    /// ```
    /// use hooksign::Verified;
    /// let body = br#"{"id":"42"}"#;
    /// let verified = Verified::new("acme", body)
    ///     .with_secret(1, Some("2024-key"))
    ///     .with_id("delivery-7")
    ///     .with_idempotency_id("42")
    ///     .with_event_type("order.paid");
    /// assert_eq!(verified.provider(), "acme");
    /// assert_eq!(verified.secret_index(), 1);
    /// assert_eq!(verified.idempotency_key().unwrap().as_str(), "acme:42");
    /// assert_eq!(verified.event_type().as_deref(), Some("order.paid"));
    /// ```
    pub fn new(provider: impl Into<Cow<'static, str>>, body: &'r [u8]) -> Self {
        let provider = match provider.into() {
            Cow::Borrowed(name) => ProviderName::Static(name),
            Cow::Owned(name) => ProviderName::Shared(Arc::from(name)),
        };
        let secret = SecretMatch {
            index: 0,
            label: None,
        };
        Verified::from_parts(provider, secret, body)
    }

    /// Which secret of the set matched, and its label.
    pub fn with_secret(mut self, index: usize, label: Option<&str>) -> Self {
        self.secret = SecretMatch {
            index,
            label: label.map(Arc::from),
        };
        self
    }

    /// The signed timestamp.
    pub fn with_timestamp(mut self, at: UnixTime) -> Self {
        self.timestamp = Some(at);
        self
    }

    /// The delivery or message id.
    pub fn with_id(mut self, id: impl Into<Cow<'r, str>>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// The event type.
    pub fn with_event_type(mut self, event_type: impl Into<Cow<'r, str>>) -> Self {
        self.event_type = Field::Value(event_type.into());
        self
    }

    /// The id the idempotency key is made of (the key is `"<provider>:<id>"`).
    pub fn with_idempotency_id(mut self, id: impl Into<Cow<'r, str>>) -> Self {
        self.idempotency = Field::Value(id.into());
        self
    }

    /// The provider's id, e.g. `"stripe"`.
    pub fn provider(&self) -> &str {
        self.provider.as_str()
    }

    /// Which secret of the set matched: 0 is the primary. When it is not 0, the sender still
    /// signs with an older (or newer) secret than yours.
    pub fn secret_index(&self) -> usize {
        self.secret.index
    }

    /// The matching secret's label, if it had one.
    pub fn secret_label(&self) -> Option<&str> {
        self.secret.label.as_deref()
    }

    /// The signed timestamp, for timestamped schemes.
    pub fn timestamp(&self) -> Option<UnixTime> {
        self.timestamp
    }

    /// The delivery or message id the provider sent in a header, if any
    /// (`X-GitHub-Delivery`, `webhook-id`, `X-Shopify-Webhook-Id`).
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The event type, from a header or (read on request) from the body.
    pub fn event_type(&self) -> Option<Cow<'_, str>> {
        self.event_type.resolve(&self.body)
    }

    /// The key to process this event exactly once, scoped by provider (`"github:<guid>"`).
    ///
    /// Each provider's documentation says where it comes from and whether it stays the same
    /// when the provider retries. `None` when the delivery carries no usable id (e.g. a Slack
    /// slash command, which has no `event_id`).
    pub fn idempotency_key(&self) -> Option<IdempotencyKey> {
        let value = self.idempotency.resolve(&self.body)?;
        let provider = self.provider.as_str();
        let mut key = String::with_capacity(provider.len() + 1 + value.len());
        key.push_str(provider);
        key.push(':');
        key.push_str(&value);
        Some(IdempotencyKey(key))
    }

    /// The verified body, exactly as received.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Deserializes the verified body as JSON.
    ///
    /// ```
    /// # use hooksign::{Stripe, SecretSet, Sign, Message, UnixTime};
    /// #[derive(serde::Deserialize)]
    /// struct Event { id: String }
    ///
    /// let stripe = Stripe::new(SecretSet::new(["whsec_test"])?);
    /// let body = br#"{"id":"evt_1","type":"charge.succeeded"}"#;
    /// let headers = stripe.sign_at(&Message::new(body), UnixTime::now())?;
    /// let event: Event = hooksign::verify(&stripe, &headers, body)?.json()?;
    /// assert_eq!(event.id, "evt_1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_slice(&self.body)
    }

    /// Copies everything borrowed from the request, to keep it beyond the request's life.
    pub fn into_owned(mut self) -> Verified<'static> {
        let body = match std::mem::replace(&mut self.body, Body::Borrowed(&[])) {
            Body::Borrowed(body) => Body::Owned(body.into()),
            Body::Owned(body) => Body::Owned(body),
            #[cfg(any(feature = "axum", feature = "actix-web"))]
            Body::Shared(body) => Body::Shared(body),
        };
        self.with_body(body)
    }

    /// Like [`into_owned`](Self::into_owned), but shares `body` (the bytes the framework read)
    /// instead of copying it, when those are the very bytes this delivery was verified over:
    /// the integrations keep `Verified<'static>` at the cost of a reference count. A verifier
    /// that verified other bytes (a custom one checking a part of the body, or a copy) gets the
    /// copy instead, so `body()` never returns bytes that were not verified.
    #[cfg(any(feature = "axum", feature = "actix-web"))]
    pub(crate) fn into_shared(self, body: bytes::Bytes) -> Verified<'static> {
        if std::ptr::eq(&*self.body, &*body) {
            self.with_body(Body::Shared(body))
        } else {
            self.into_owned()
        }
    }

    /// The metadata made owned (header values are a few bytes each), around `body`.
    fn with_body(self, body: Body<'static>) -> Verified<'static> {
        Verified {
            provider: self.provider,
            secret: self.secret,
            timestamp: self.timestamp,
            id: self.id.map(|id| Cow::Owned(id.into_owned())),
            event_type: self.event_type.into_owned(),
            idempotency: self.idempotency.into_owned(),
            body,
        }
    }
}

impl fmt::Debug for Verified<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verified")
            .field("provider", &self.provider)
            .field("secret_index", &self.secret.index)
            .field("secret_label", &self.secret.label)
            .field("timestamp", &self.timestamp)
            .field("id", &self.id)
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}

/// A provider-scoped idempotency key, `"<provider>:<id>"`.
///
/// ```
/// # use hooksign::{StandardWebhooks, SecretSet, Sign, Message, UnixTime};
/// let provider = StandardWebhooks::new(SecretSet::new(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])?)?;
/// let headers = provider.sign_at(&Message::new(b"{}").with_id("msg_1"), UnixTime::now())?;
/// let key = hooksign::verify(&provider, &headers, b"{}")?.idempotency_key().unwrap();
/// assert_eq!(key.to_string(), "standard-webhooks:msg_1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    /// A key from any string (for custom providers or keys derived by the caller).
    ///
    /// ```
    /// assert_eq!(hooksign::IdempotencyKey::new("custom:1").as_str(), "custom:1");
    /// ```
    pub fn new(key: impl Into<String>) -> Self {
        IdempotencyKey(key.into())
    }

    /// The key as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key as an owned string.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for IdempotencyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for IdempotencyKey {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(all(test, any(feature = "axum", feature = "actix-web")))]
mod tests {
    use super::*;

    #[test]
    fn into_shared_only_shares_the_bytes_that_were_verified() {
        let body = bytes::Bytes::from_static(br#"{"a":1}"#);
        let secret = SecretMatch {
            index: 0,
            label: None,
        };
        let shared =
            Verified::from_parts("test".into(), secret.clone(), &body).into_shared(body.clone());
        assert!(std::ptr::eq(shared.body(), &*body));

        let other = br#"{"a":2}"#.to_vec();
        let copied = Verified::from_parts("test".into(), secret, &other).into_shared(body.clone());
        assert_eq!(copied.body(), other.as_slice());
        assert!(!std::ptr::eq(copied.body(), &*body));
    }
}
