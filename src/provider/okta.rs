//! Okta event hooks: the authentication header the admin configured, sent as it is.
//!
//! Sources:
//! - Okta Developer, "Event hooks" (<https://developer.okta.com/docs/concepts/event-hooks/>)
//!   and "Set up an event hook", Register your endpoint: Okta sends, in every request, the
//!   *authentication secret* configured with the hook as the value of the header named by the
//!   *authentication field* ("Typically, you would simply set the name of the header to
//!   `Authorization`"); the value is a string the admin chooses, not an Okta token.
//! - Okta Help, "Add an event hook": *Authentication field*, "the name of the authorization
//!   header"; *Authentication secret*, "the value string that corresponds to the field name".
//!
//! Okta signs nothing else (no timestamp, no body MAC). The one-time verification `GET`
//! (`X-Okta-Verification-Challenge`) is a handshake, answered elsewhere. The body carries an
//! `eventId`, but Okta's pages do not say whether a redelivery keeps it, so this provider
//! derives no idempotency key from it.

use crate::provider::registry::{About, Entry, Family, Keys, Signs};
use crate::provider::{Sign, Verify};
use crate::scheme::token::{TokenForm, Tokens};
use crate::{
    Delivery, Error, HeaderKey, Message, SecretError, SecretSet, SignError, SignedHeaders,
    UnixTime, Verified,
};

/// The header Okta's documentation suggests, and this provider's default.
static AUTHORIZATION: HeaderKey = HeaderKey::new("Authorization", "authorization");

/// The registry's entry (the default header name).
pub(crate) static ENTRY: Entry = Entry {
    id: Okta::ID,
    aliases: &[],
    name: "Okta Event Hooks",
    type_name: "Okta",
    family: Family::Token,
    spec: None,
    about: Some(&About {
        signature: "`Authorization: <authentication secret>` (header name configurable)",
        content: "nothing: the secret itself, compared in constant time",
        idempotency: None,
        event_type: None,
    }),
    headers: &["Authorization"],
    tolerance: None,
    signs: Signs::NOTHING_ELSE,
    keys: Keys::Secrets,
    secret_format: "event hook authentication secret, as text",
    runs_its_spec: false,
    build: |secrets, options| {
        options.window_only(Okta::ID, false)?;
        Ok(crate::AnyProvider::new(Okta::new(secrets)?))
    },
};

/// Okta event hook deliveries, authenticated by the hook's authentication header.
///
/// - **Verifies** that the authentication header (`Authorization` unless
///   [`Okta::with_header`] names another) equals one of the secrets, compared in constant time
///   through keyed digests (timing reveals neither content nor length). The whole value is the
///   secret: if you configured `Bearer abc`, the secret is `Bearer abc`. The body is **not**
///   authenticated.
/// - **No timestamp**, so no replay window; no idempotency key or event type (a delivery
///   carries a list of events in `data.events`, each with its own `uuid` and `eventType`).
/// - **Secret**: the authentication secret as configured, visible ASCII text.
///
/// ```
/// use hooksign::{Delivery, Okta, SecretSet, Verify};
///
/// // tests/vectors/okta.json, `okta-valid-authorization`.
/// let okta = Okta::new(SecretSet::new(["hooksign-okta-authentication-secret"])?)?;
/// let headers = [("Authorization", "hooksign-okta-authentication-secret")];
/// let body = br#"{"eventType":"com.okta.event_hook","data":{"events":[]}}"#;
/// assert_eq!(okta.verify(&Delivery::new(&headers, body))?.provider(), "okta");
///
/// // A hook configured with its own header name.
/// let custom = Okta::new(SecretSet::new(["s3cret"])?)?.with_header("X-Okta-Auth").unwrap();
/// assert!(custom.verify(&Delivery::new(&[("X-Okta-Auth", "s3cret")], body)).is_ok());
/// assert_eq!(custom.verify(&Delivery::new(&[("Authorization", "s3cret")], body)).unwrap_err().code(), "missing_header");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Okta {
    tokens: Tokens,
    header: HeaderKey,
}

impl Okta {
    /// The provider id.
    pub const ID: &'static str = "okta";

    /// A verifier and signer for these authentication secrets, read from `Authorization`.
    pub fn new(secrets: SecretSet) -> Result<Self, SecretError> {
        Ok(Okta {
            tokens: Tokens::new(&secrets, TokenForm::HeaderText)?,
            header: AUTHORIZATION.clone(),
        })
    }

    /// Reads the secret from the header `name` (the hook's *authentication field*); `None` if
    /// `name` is not a header name.
    pub fn with_header(mut self, name: impl Into<String>) -> Option<Self> {
        self.header = HeaderKey::parse(name)?;
        Some(self)
    }
}

impl Verify for Okta {
    fn id(&self) -> &str {
        Self::ID
    }

    fn verify_at<'r>(&self, delivery: &Delivery<'r>, _now: UnixTime) -> Result<Verified<'r>, Error> {
        self.verify(delivery)
    }

    /// No timestamp is sent: the clock is not read.
    fn verify<'r>(&self, delivery: &Delivery<'r>) -> Result<Verified<'r>, Error> {
        let secret = self.tokens.verify(delivery, &self.header)?;
        Ok(Verified::from_parts(Self::ID.into(), secret, delivery.body()))
    }

    /// Okta's one-time verification `GET` (`X-Okta-Verification-Challenge`), answered with
    /// `{"verification": …}` only when it carries the configured authentication header
    /// ([`okta_event_hook`](crate::handshake::okta_event_hook)).
    fn handshake(
        &self,
        delivery: &Delivery<'_>,
        now: UnixTime,
    ) -> Option<Result<crate::handshake::HandshakeReply, Error>> {
        crate::handshake::okta_event_hook(self, delivery, now)
    }
}

impl Sign for Okta {
    /// The authentication header, as Okta sends it.
    fn sign_at(&self, _message: &Message<'_>, _now: UnixTime) -> Result<SignedHeaders, SignError> {
        let mut out = SignedHeaders::new();
        out.push(&self.header, self.tokens.primary());
        Ok(out)
    }
}
