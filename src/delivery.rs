//! What goes into verification (a received request) and into signing (a message to send).

use std::borrow::Cow;

use crate::{HeaderLookup, Headers, UnixTime};

/// A received delivery: its headers and exact body, plus the URL and method for providers
/// that sign them.
///
/// ```
/// use hooksign::Delivery;
/// let headers = [("X-Hub-Signature-256", "sha256=…")];
/// let req = Delivery::new(&headers, b"{}").with_url("https://example.com/hook").with_method("POST");
/// assert_eq!(req.body(), b"{}");
/// ```
#[derive(Clone, Copy)]
pub struct Delivery<'r> {
    headers: &'r dyn Headers,
    body: &'r [u8],
    url: Option<&'r str>,
    method: Option<&'r str>,
}

impl<'r> Delivery<'r> {
    /// A request from its headers and raw body bytes.
    pub fn new(headers: &'r dyn Headers, body: &'r [u8]) -> Self {
        Delivery {
            headers,
            body,
            url: None,
            method: None,
        }
    }

    /// Sets the full URL the provider requested (scheme, host, path and query).
    pub fn with_url(mut self, url: &'r str) -> Self {
        self.url = Some(url);
        self
    }

    /// Sets the HTTP method.
    pub fn with_method(mut self, method: &'r str) -> Self {
        self.method = Some(method);
        self
    }

    /// The headers.
    pub fn headers(&self) -> &'r dyn Headers {
        self.headers
    }

    /// The raw body.
    pub fn body(&self) -> &'r [u8] {
        self.body
    }

    /// The URL, if given.
    pub fn url(&self) -> Option<&'r str> {
        self.url
    }

    /// The method, if given.
    pub fn method(&self) -> Option<&'r str> {
        self.method
    }
}

/// A message to sign: the body and the metadata that some schemes sign or send along.
///
/// ```
/// use hooksign::{Message, UnixTime};
/// let msg = Message::new(b"{}").with_id("msg_1").with_timestamp(UnixTime::from_secs(1_700_000_000));
/// assert_eq!(msg.id(), Some("msg_1"));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Message<'m> {
    body: &'m [u8],
    id: Option<&'m str>,
    timestamp: Option<UnixTime>,
    event_type: Option<&'m str>,
    url: Option<&'m str>,
    method: Option<&'m str>,
}

impl<'m> Message<'m> {
    /// A message with this exact body.
    pub fn new(body: &'m [u8]) -> Self {
        Message {
            body,
            id: None,
            timestamp: None,
            event_type: None,
            url: None,
            method: None,
        }
    }

    /// The delivery / message id (required by Standard Webhooks; sent as a header by GitHub and
    /// Shopify).
    pub fn with_id(mut self, id: &'m str) -> Self {
        self.id = Some(id);
        self
    }

    /// The timestamp to sign, instead of the clock passed to `sign_at`.
    pub fn with_timestamp(mut self, at: UnixTime) -> Self {
        self.timestamp = Some(at);
        self
    }

    /// The event type, sent as a header by providers that have one (GitHub, Shopify).
    pub fn with_event_type(mut self, event_type: &'m str) -> Self {
        self.event_type = Some(event_type);
        self
    }

    /// The full URL the message will be delivered to (for URL-signing schemes).
    pub fn with_url(mut self, url: &'m str) -> Self {
        self.url = Some(url);
        self
    }

    /// The HTTP method (for method-signing schemes).
    pub fn with_method(mut self, method: &'m str) -> Self {
        self.method = Some(method);
        self
    }

    /// The body.
    pub fn body(&self) -> &'m [u8] {
        self.body
    }

    /// The id, if set.
    pub fn id(&self) -> Option<&'m str> {
        self.id
    }

    /// The timestamp set with [`Message::with_timestamp`], if any.
    pub fn timestamp(&self) -> Option<UnixTime> {
        self.timestamp
    }

    /// The timestamp to use: the message's own, else `now`.
    pub fn timestamp_or(&self, now: UnixTime) -> UnixTime {
        self.timestamp.unwrap_or(now)
    }

    /// The event type, if set.
    pub fn event_type(&self) -> Option<&'m str> {
        self.event_type
    }

    /// The URL, if set.
    pub fn url(&self) -> Option<&'m str> {
        self.url
    }

    /// The method, if set.
    pub fn method(&self) -> Option<&'m str> {
        self.method
    }
}

/// The headers a signer produced, in the order the provider sends them.
///
/// It implements [`Headers`], so it can be verified directly, and iterates as
/// `(name, value)` pairs to put on an outgoing request.
///
/// ```
/// use hooksign::{GitHub, SecretSet, Sign, Message, UnixTime};
/// let github = GitHub::new(SecretSet::new(["It's a Secret to Everybody"])?);
/// let signed = github.sign_at(&Message::new(b"Hello, World!"), UnixTime::now())?;
/// assert_eq!(
///     signed.get("x-hub-signature-256"),
///     Some("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")
/// );
/// for (name, value) in &signed {
///     println!("{name}: {value}");
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignedHeaders {
    headers: Vec<(Cow<'static, str>, String)>,
    body: Option<Vec<u8>>,
}

impl SignedHeaders {
    /// No headers yet.
    pub fn new() -> Self {
        SignedHeaders::default()
    }

    /// Appends a header.
    pub fn push(&mut self, name: impl Into<Cow<'static, str>>, value: impl Into<String>) {
        self.headers.push((name.into(), value.into()));
    }

    /// Inserts a header at `index` (signers that interleave their own headers with the
    /// engine's).
    pub(crate) fn insert(
        &mut self,
        index: usize,
        name: impl Into<Cow<'static, str>>,
        value: impl Into<String>,
    ) {
        self.headers
            .insert(index.min(self.headers.len()), (name.into(), value.into()));
    }

    /// The value of a header, ignoring case.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The headers as `(name, value)` pairs.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.headers.iter().map(|(n, v)| (n.as_ref(), v.as_str()))
    }

    /// How many headers there are.
    pub fn len(&self) -> usize {
        self.headers.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.headers.is_empty()
    }

    /// Sets the body to send instead of the message's, for schemes that embed the signature
    /// in it (Mailgun, Adyen).
    ///
    /// ```
    /// let signed = hooksign::SignedHeaders::new().with_body(b"{\"signed\":true}".to_vec());
    /// assert_eq!(signed.body(), Some(&b"{\"signed\":true}"[..]));
    /// ```
    pub fn with_body(mut self, body: Vec<u8>) -> Self {
        self.body = Some(body);
        self
    }

    /// The body to send instead of the message's, for schemes that embed the signature in it;
    /// `None` when the message's body is sent as it is (every header-signing scheme).
    ///
    /// ```
    /// use hooksign::{Mailgun, Message, SecretSet, Sign, UnixTime};
    ///
    /// let mailgun = Mailgun::new(SecretSet::new(["key-3ax6xnjp29jd6fds4gc373sgvjxteol0"])?);
    /// let signed = mailgun.sign_at(&Message::new(br#"{"event-data":{"event":"delivered"}}"#), UnixTime::from_secs(1_700_000_000))?;
    /// let body = signed.body().expect("Mailgun signs inside the body");
    /// assert!(body.starts_with(br#"{"signature":{"timestamp":"1700000000","token":""#));
    /// assert!(hooksign::verify_at(&mailgun, &signed, body, UnixTime::from_secs(1_700_000_000)).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn body(&self) -> Option<&[u8]> {
        self.body.as_deref()
    }
}

impl<'a> IntoIterator for &'a SignedHeaders {
    type Item = (&'a str, &'a str);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (Cow<'static, str>, String)>,
        fn(&'a (Cow<'static, str>, String)) -> (&'a str, &'a str),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.headers.iter().map(|(n, v)| (n.as_ref(), v.as_str()))
    }
}

impl Headers for SignedHeaders {
    fn lookup(&self, name: &str) -> HeaderLookup<'_> {
        self.headers.as_slice().lookup(name)
    }
}
