//! What a provider does: verify deliveries and sign messages, as two traits (a public-key
//! verifier cannot sign).
//!
//! Both are open: implement them for your own provider and it works with [`verify`](crate::verify),
//! [`AnyProvider`](crate::AnyProvider) and the framework integrations.

use crate::handshake::HandshakeReply;
use crate::{Delivery, Error, Message, SignError, SignedHeaders, UnixTime, Verified};

/// Verifies deliveries of one provider.
///
/// ```
/// use hooksign::{Verify, Slack, SecretSet, Delivery, UnixTime};
///
/// // Slack's published example request.
/// let slack = Slack::new(SecretSet::new(["8f742231b10e8888abcd99yyyzzz85a5"])?);
/// let body = b"token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
/// let headers = [
///     ("X-Slack-Request-Timestamp", "1531420618"),
///     ("X-Slack-Signature", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"),
/// ];
/// let verified = slack.verify_at(&Delivery::new(&headers, body), UnixTime::from_secs(1531420618))?;
/// assert_eq!(verified.provider(), "slack");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Verify {
    /// The provider's id (`"github"`, `"stripe"`, …).
    fn id(&self) -> &str;

    /// Verifies a request against the clock `now`.
    fn verify_at<'r>(&self, request: &Delivery<'r>, now: UnixTime) -> Result<Verified<'r>, Error>;

    /// Verifies a request against the system clock.
    ///
    /// Providers that sign no timestamp (GitHub, Shopify) override it so as not to read the
    /// clock at all; wrappers forward it.
    fn verify<'r>(&self, request: &Delivery<'r>) -> Result<Verified<'r>, Error> {
        self.verify_at(request, UnixTime::now())
    }

    /// Whether `request` is this provider's verification handshake and, if so, the reply the
    /// provider expects (`Some(Ok)`) or why the handshake was refused (`Some(Err)`: a signed
    /// handshake that does not verify, a wrong verify token). `None`: not a handshake, verify
    /// it as a delivery.
    ///
    /// The default answers `None` (no handshake). Providers that sign their handshakes verify
    /// them first, against `now`; see the [`handshake`](crate::handshake) module for each
    /// provider's rules. Query-borne handshakes read the query of [`Delivery::url`] (a full URL
    /// or the request target `/path?query`) and need [`Delivery::method`].
    ///
    /// Answering the non-handshake case allocates nothing: each provider recognises its
    /// handshake by a header, the method, or a substring of the body before parsing anything.
    ///
    /// ```
    /// use hooksign::{Delivery, Dropbox, GitHub, SecretSet, UnixTime, Verify};
    ///
    /// let dropbox = Dropbox::new(SecretSet::new(["app-secret"])?);
    /// let get = Delivery::new(&[("Host", "example.com")], b"")
    ///     .with_method("GET")
    ///     .with_url("/webhooks/dropbox?challenge=abc123");
    /// let reply = dropbox.handshake(&get, UnixTime::now()).expect("a handshake")?;
    /// assert_eq!(reply.body(), b"abc123");
    /// assert_eq!(reply.header("X-Content-Type-Options"), Some("nosniff"));
    ///
    /// // GitHub has no handshake.
    /// let github = GitHub::new(SecretSet::new(["s"])?);
    /// assert!(github.handshake(&get, UnixTime::now()).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn handshake<'r>(
        &self,
        request: &Delivery<'r>,
        now: UnixTime,
    ) -> Option<Result<HandshakeReply, Error>> {
        let _ = (request, now);
        None
    }
}

/// Signs messages the way one provider does: the inverse of its [`Verify`].
///
/// ```
/// use hooksign::{Sign, Stripe, SecretSet, Message, UnixTime};
///
/// let stripe = Stripe::new(SecretSet::new(["whsec_test_secret"])?);
/// let headers = stripe.sign_at(&Message::new(b"{}"), UnixTime::from_secs(1_700_000_000))?;
/// assert!(headers.get("Stripe-Signature").unwrap().starts_with("t=1700000000,v1="));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Sign {
    /// Signs `message`, timestamped `now` unless the message carries its own timestamp.
    fn sign_at(&self, message: &Message<'_>, now: UnixTime) -> Result<SignedHeaders, SignError>;

    /// Signs `message` with the system clock.
    fn sign(&self, message: &Message<'_>) -> Result<SignedHeaders, SignError> {
        self.sign_at(message, UnixTime::now())
    }
}

impl<V: Verify + ?Sized> Verify for &V {
    fn id(&self) -> &str {
        (**self).id()
    }
    fn verify_at<'r>(&self, request: &Delivery<'r>, now: UnixTime) -> Result<Verified<'r>, Error> {
        (**self).verify_at(request, now)
    }
    fn verify<'r>(&self, request: &Delivery<'r>) -> Result<Verified<'r>, Error> {
        (**self).verify(request)
    }
    fn handshake<'r>(
        &self,
        request: &Delivery<'r>,
        now: UnixTime,
    ) -> Option<Result<HandshakeReply, Error>> {
        (**self).handshake(request, now)
    }
}

impl<V: Verify + ?Sized> Verify for std::sync::Arc<V> {
    fn id(&self) -> &str {
        (**self).id()
    }
    fn verify_at<'r>(&self, request: &Delivery<'r>, now: UnixTime) -> Result<Verified<'r>, Error> {
        (**self).verify_at(request, now)
    }
    fn verify<'r>(&self, request: &Delivery<'r>) -> Result<Verified<'r>, Error> {
        (**self).verify(request)
    }
    fn handshake<'r>(
        &self,
        request: &Delivery<'r>,
        now: UnixTime,
    ) -> Option<Result<HandshakeReply, Error>> {
        (**self).handshake(request, now)
    }
}

impl<S: Sign + ?Sized> Sign for &S {
    fn sign_at(&self, message: &Message<'_>, now: UnixTime) -> Result<SignedHeaders, SignError> {
        (**self).sign_at(message, now)
    }
}
