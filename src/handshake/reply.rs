//! [`HandshakeReply`]: the exact response a provider's verification handshake expects.

use std::borrow::Cow;
use std::fmt;

use zeroize::Zeroizing;

/// The response to a provider's verification handshake: a status, a content type, extra
/// headers and a small body, owned.
///
/// [`Verify::handshake`](crate::Verify::handshake) produces one when a request is a
/// handshake (and, where the provider signs its handshakes, only once the request verified);
/// the axum and actix-web integrations send it as it is. Its `Debug` output names the headers
/// but shows neither their values nor the body, since a header may carry a secret (Asana's
/// `X-Hook-Secret`).
///
/// Build one for your own provider's handshake:
///
/// ```
/// use hooksign::handshake::HandshakeReply;
///
/// let reply = HandshakeReply::new(200, "text/plain; charset=utf-8", "challenge-123")
///     .with_header("X-Content-Type-Options", "nosniff");
/// assert_eq!(reply.status(), 200);
/// assert_eq!(reply.content_type(), Some("text/plain; charset=utf-8"));
/// assert_eq!(reply.body(), b"challenge-123");
/// assert_eq!(reply.headers().collect::<Vec<_>>(), [("X-Content-Type-Options", "nosniff")]);
/// assert!(!format!("{reply:?}").contains("challenge-123"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct HandshakeReply {
    status: u16,
    content_type: Option<Cow<'static, str>>,
    headers: Vec<(Cow<'static, str>, Zeroizing<String>)>,
    body: Vec<u8>,
    delivered_secret: Option<Zeroizing<String>>,
}

impl HandshakeReply {
    /// A reply with this status, `Content-Type` and body.
    ///
    /// ```
    /// use hooksign::handshake::HandshakeReply;
    /// let reply = HandshakeReply::new(200, "application/json", r#"{"ok":true}"#);
    /// assert_eq!(reply.body(), br#"{"ok":true}"#);
    /// ```
    pub fn new(
        status: u16,
        content_type: impl Into<Cow<'static, str>>,
        body: impl Into<Vec<u8>>,
    ) -> Self {
        HandshakeReply {
            status,
            content_type: Some(content_type.into()),
            headers: Vec::new(),
            body: body.into(),
            delivered_secret: None,
        }
    }

    /// A reply with this status, no body and no `Content-Type` (Asana's echo).
    ///
    /// ```
    /// use hooksign::handshake::HandshakeReply;
    /// let reply = HandshakeReply::empty(204);
    /// assert_eq!((reply.status(), reply.content_type(), reply.body()), (204, None, &b""[..]));
    /// ```
    pub fn empty(status: u16) -> Self {
        HandshakeReply {
            status,
            content_type: None,
            headers: Vec::new(),
            body: Vec::new(),
            delivered_secret: None,
        }
    }

    /// Adds a response header.
    ///
    /// ```
    /// use hooksign::handshake::HandshakeReply;
    /// let reply = HandshakeReply::empty(200).with_header("X-Hook-Secret", "abc");
    /// assert_eq!(reply.header("x-hook-secret"), Some("abc"));
    /// ```
    pub fn with_header(
        mut self,
        name: impl Into<Cow<'static, str>>,
        value: impl Into<String>,
    ) -> Self {
        self.headers
            .push((name.into(), Zeroizing::new(value.into())));
        self
    }

    /// Records a secret that the provider delivered in its handshake, for the application to
    /// store (Asana's `X-Hook-Secret`, the key of every later signature).
    ///
    /// ```
    /// use hooksign::handshake::HandshakeReply;
    /// let reply = HandshakeReply::empty(200).with_delivered_secret("b537…");
    /// assert_eq!(reply.delivered_secret(), Some("b537…"));
    /// ```
    pub fn with_delivered_secret(mut self, secret: impl Into<String>) -> Self {
        self.delivered_secret = Some(Zeroizing::new(secret.into()));
        self
    }

    /// The HTTP status.
    ///
    /// ```
    /// # use hooksign::handshake::HandshakeReply;
    /// assert_eq!(HandshakeReply::empty(200).status(), 200);
    /// ```
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The `Content-Type`, if the reply has a body type.
    ///
    /// ```
    /// # use hooksign::handshake::HandshakeReply;
    /// assert_eq!(HandshakeReply::new(200, "text/plain", "x").content_type(), Some("text/plain"));
    /// ```
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The extra headers, in order, as `(name, value)` pairs.
    ///
    /// ```
    /// # use hooksign::handshake::HandshakeReply;
    /// let reply = HandshakeReply::empty(200).with_header("A", "1").with_header("B", "2");
    /// assert_eq!(reply.headers().count(), 2);
    /// ```
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.headers.iter().map(|(n, v)| (n.as_ref(), v.as_str()))
    }

    /// The value of an extra header, ignoring the case of its name.
    ///
    /// ```
    /// # use hooksign::handshake::HandshakeReply;
    /// assert_eq!(HandshakeReply::empty(200).header("X-Any"), None);
    /// ```
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }

    /// The body.
    ///
    /// ```
    /// # use hooksign::handshake::HandshakeReply;
    /// assert_eq!(HandshakeReply::new(200, "text/plain", "abc").body(), b"abc");
    /// ```
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The secret the provider delivered in this handshake, if it delivers one (Asana).
    ///
    /// ```
    /// # use hooksign::handshake::HandshakeReply;
    /// assert_eq!(HandshakeReply::empty(200).delivered_secret(), None);
    /// ```
    pub fn delivered_secret(&self) -> Option<&str> {
        self.delivered_secret.as_ref().map(|s| s.as_str())
    }
}

impl fmt::Debug for HandshakeReply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HandshakeReply")
            .field("status", &self.status)
            .field("content_type", &self.content_type)
            .field(
                "headers",
                &self.headers.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            )
            .field("body_len", &self.body.len())
            .field("delivered_secret", &self.delivered_secret.is_some())
            .finish()
    }
}
