//! WebSub (W3C Recommendation): `X-Hub-Signature: <method>=<hex HMAC(hub.secret, body)>`, the
//! method naming the hash.
//!
//! Sources:
//! - W3C, "WebSub", Recommendation 23 January 2018 (<https://www.w3.org/TR/websub/>; the
//!   `w3c/websub` repository, `index.html`), §7.1 Authenticated Content Distribution: with a
//!   `hub.secret`, the hub sends `X-Hub-Signature: method=signature`, the method one of the
//!   recognised names `sha1`, `sha256`, `sha384`, `sha512` (§7.1.1), the signature the
//!   hexadecimal HMAC of the request body keyed with `hub.secret`; the subscriber recomputes it
//!   "using the same method … as the hub" and ignores the message when it does not match
//!   (§7.1.2). §8.3: "As SHA-1 has been demonstrated to be compromised …, a minimum of
//!   SHA-256 should be used."

use std::borrow::Cow;

use crate::provider::registry::{Entry, Family, Keys, Signs};
use crate::provider::spec::{Algorithm, Encoding, SecretFormat, Source, Spec};
use crate::provider::{Sign, Verify};
use crate::scheme::header;
use crate::scheme::template::{Clock, SpecRef, Template};
use crate::{
    Delivery, Error, HeaderKey, Malformed, Message, SecretSet, SignError, SignedHeaders, UnixTime,
    Verified,
};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("X-Hub-Signature", "x-hub-signature")];

/// The method's scheme: `<method>=<hex>` over the body. The spec says "hexadecimal" without a
/// case, so either is accepted.
macro_rules! method {
    ($prefix:literal, $algorithm:expr) => {
        body_hmac_spec! {
            signature: &SIGNATURE,
            prefix: $prefix,
            algorithm: $algorithm,
            encoding: Encoding::HexAnyCase,
            secret: SecretFormat::Text,
            metadata: &[],
            id: Source::None,
            idempotency: Source::None,
            event_type: Source::None,
        }
    };
}

/// The recognised methods, SHA-256 first (what signing uses); SHA-1 last, accepted only when
/// asked for.
pub(crate) static METHODS: [(&str, Spec); 4] = [
    ("sha256", method!("sha256=", Algorithm::Sha256)),
    ("sha384", method!("sha384=", Algorithm::Sha384)),
    ("sha512", method!("sha512=", Algorithm::Sha512)),
    ("sha1", method!("sha1=", Algorithm::Sha1)),
];

/// The registry's entry: the spec shown is the SHA-256 method.
pub(crate) static ENTRY: Entry = Entry {
    id: WebSub::ID,
    aliases: &["pubsubhubbub"],
    name: "WebSub",
    type_name: "WebSub",
    family: Family::HmacTemplate,
    spec: Some(&METHODS[0].1),
    about: None,
    headers: &[],
    tolerance: None,
    signs: Signs::NOTHING_ELSE,
    keys: Keys::Secrets,
    secret_format: "hub.secret, as text",
    // The method in the value chooses one of four specs per delivery.
    runs_its_spec: false,
    build: |secrets, options| {
        Ok(crate::AnyProvider::new(WebSub::built(
            WebSub::ID,
            &secrets,
            options,
        )?))
    },
};

/// WebSub hubs' authenticated content distribution (and the many services that sign their
/// webhooks the WebSub way with the method in the value).
///
/// - **Verifies** `X-Hub-Signature: <method>=<hex>`, the HMAC of the body with the method the
///   value names: `sha256`, `sha384` or `sha512`; `sha1` only after
///   [`WebSub::with_legacy_sha1`], since the Recommendation itself says SHA-1 is compromised
///   and asks for SHA-256 at least. Hex in either case. An unknown method is a malformed
///   header.
/// - **No timestamp** is signed and the distribution carries no id: a replayed notification
///   verifies, so make handling it idempotent (the body is the topic's new content).
/// - **Secret**: the `hub.secret` the subscriber chose when subscribing, as text.
/// - **Idempotency key** and **event type**: none in the scheme.
/// - **Signing** uses `sha256`.
///
/// ```
/// use hooksign::{SecretSet, WebSub};
///
/// // An independent model of §7.1 (tests/vectors/websub.json, `websub-valid-sha384`).
/// let websub = WebSub::new(SecretSet::new(["hooksign-websub-hub-secret"])?);
/// let body = b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>news</title></feed>";
/// let headers = [(
///     "X-Hub-Signature",
///     "sha384=736b842b38ade60a0de6f0f26bdb7ec6cedd065c0f3ff3b243fc4beb46659cd0d67dc6b31cc5059e848748b74e535912",
/// )];
/// assert!(hooksign::verify(&websub, &headers, body).is_ok());
/// assert!(hooksign::verify(&websub, &headers, b"<feed/>").is_err());
/// // SHA-1 is refused until asked for.
/// let sha1 = [("X-Hub-Signature", "sha1=0000000000000000000000000000000000000000")];
/// let err = hooksign::verify(&websub, &sha1, body).unwrap_err();
/// assert_eq!(err.code(), "malformed_header");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct WebSub {
    /// One per entry of `METHODS`, the secrets keyed for each.
    engines: [Template; 4],
    sha1: bool,
    /// The provider deliveries are attributed to: `websub`, or a service that signs the WebSub
    /// way under its own id ([`Jira`](crate::Jira)).
    id: &'static str,
}

impl WebSub {
    /// The registry id.
    pub const ID: &'static str = "websub";

    /// A verifier for `secrets` (each a `hub.secret`, used as text).
    pub fn new(secrets: SecretSet) -> Self {
        Self::named(Self::ID, &secrets)
    }

    /// The scheme for a service that signs the WebSub way under its own id.
    pub(crate) fn named(id: &'static str, secrets: &SecretSet) -> Self {
        // Text secrets are keys as they are, and a `SecretSet` holds no empty one.
        let engine = |index: usize| {
            Template::new(SpecRef::Static(&METHODS[index].1), secrets)
                .expect("text secrets are always usable keys")
        };
        WebSub {
            engines: [engine(0), engine(1), engine(2), engine(3)],
            sha1: false,
            id,
        }
    }

    /// [`WebSub::named`] with the registry's options (the legacy algorithm is `sha1`).
    pub(crate) fn built(
        id: &'static str,
        secrets: &SecretSet,
        options: &crate::provider::Options,
    ) -> Result<Self, crate::provider::ProviderError> {
        let (sha1, rest) = options.split_legacy();
        let mut websub = WebSub::named(id, secrets);
        for engine in &mut websub.engines {
            rest.apply(id, engine)?;
        }
        Ok(if sha1 { websub.with_legacy_sha1() } else { websub })
    }

    /// Also accepts `sha1=`, which the Recommendation lists but advises against; for hubs that
    /// still use it.
    pub fn with_legacy_sha1(mut self) -> Self {
        self.sha1 = true;
        self
    }

    /// The engine for the method `value` names, or the malformed-header error.
    fn engine_for(&self, value: &str) -> Result<&Template, Error> {
        let accepted = if self.sha1 { METHODS.len() } else { 3 };
        let method = value.split_once('=').map_or(value, |(method, _)| method);
        METHODS[..accepted]
            .iter()
            .zip(&self.engines)
            .find(|((name, _), _)| *name == method)
            .map(|(_, engine)| engine)
            .ok_or_else(|| {
                let expected = if self.sha1 {
                    "sha1=, sha256=, sha384= or sha512="
                } else {
                    "sha256=, sha384= or sha512="
                };
                Error::malformed(
                    &SIGNATURE[0],
                    Malformed::MissingPrefix {
                        expected: Cow::Borrowed(expected),
                    },
                )
            })
    }
}

impl Verify for WebSub {
    fn id(&self) -> &str {
        self.id
    }

    fn verify_at<'r>(&self, delivery: &Delivery<'r>, _now: UnixTime) -> Result<Verified<'r>, Error> {
        self.verify(delivery)
    }

    fn verify<'r>(&self, delivery: &Delivery<'r>) -> Result<Verified<'r>, Error> {
        let value = header::required(delivery.headers(), &SIGNATURE[0])?;
        self.engine_for(value)?
            .verify_value(self.id.into(), delivery, Clock::System, value)
    }
}

impl Sign for WebSub {
    fn sign_at(&self, message: &Message<'_>, now: UnixTime) -> Result<SignedHeaders, SignError> {
        self.engines[0].sign(message, now)
    }
}
