//! Jira (Data Center and Server admin webhooks): `X-Hub-Signature: <method>=<hex HMAC(secret,
//! body)>`, the WebSub form, HMAC-SHA256 by default.
//!
//! Sources:
//! - Atlassian, Jira Server/Data Center administration, "Managing webhooks"
//!   (<https://confluence.atlassian.com/adminjiraserver/managing-webhooks-938846912.html>): a
//!   webhook registered with a secret has its requests signed with an HMAC of the body keyed
//!   with that secret, sent in `X-Hub-Signature` as `method=signature` ("The default for this
//!   algorithm is HMACSha256", written `sha256=<hex>`). The page's example value is not a
//!   valid SHA-256 digest (66 hex digits), so no vector is taken from it.
//! - The WebSub form it follows: see [`WebSub`](crate::WebSub).

use crate::provider::registry::{Entry, Family, Keys, Signs};
use crate::provider::websub::METHODS;
use crate::provider::{Sign, Verify};
use crate::{
    Delivery, Error, Message, SecretSet, SignError, SignedHeaders, UnixTime, Verified, WebSub,
};

/// The registry's entry: the spec shown is the SHA-256 method, Jira's default.
pub(crate) static ENTRY: Entry = Entry {
    id: Jira::ID,
    aliases: &[],
    name: "Jira (Data Center, Server)",
    type_name: "Jira",
    family: Family::HmacTemplate,
    spec: Some(&METHODS[0].1),
    about: None,
    headers: &[],
    tolerance: None,
    signs: Signs::NOTHING_ELSE,
    keys: Keys::Secrets,
    secret_format: "webhook secret, as text",
    // The method in the value chooses the spec per delivery, as for WebSub.
    runs_its_spec: false,
    build: |secrets, options| {
        Ok(crate::AnyProvider::new(Jira {
            inner: WebSub::built(Jira::ID, &secrets, options)?,
        }))
    },
};

/// Jira Data Center and Server webhooks registered with a secret.
///
/// - **Verifies** `X-Hub-Signature: sha256=<hex>` (or the `sha384`/`sha512` method the value
///   names; `sha1` only with [`Jira::with_legacy_sha1`]), the HMAC of the body keyed with the
///   webhook's secret, exactly as [`WebSub`](crate::WebSub) does: Jira documents the WebSub
///   `method=signature` form with HMAC-SHA256 as its default.
/// - **No timestamp** is signed: a replayed delivery verifies.
/// - **Secret**: the secret given when the webhook was registered, as text.
/// - **Idempotency key** and **event type**: none read (the identifier headers and body fields
///   are not in the cited page).
///
/// ```
/// use hooksign::{Jira, SecretSet};
///
/// // An independent model of the documented scheme (tests/vectors/jira.json, `jira-valid-sha256`).
/// let jira = Jira::new(SecretSet::new(["hooksign-jira-webhook-secret"])?);
/// let body = br#"{"timestamp":1700000000000,"webhookEvent":"jira:issue_updated","issue_event_type_name":"issue_generic","issue":{"id":"10002","key":"HS-1","fields":{"summary":"Fix the flaky build"}}}"#;
/// let headers = [(
///     "X-Hub-Signature",
///     "sha256=907a4023b0dce195268e22631baa459486ae86354def9d2d300218ed605dcdff",
/// )];
/// let verified = hooksign::verify(&jira, &headers, body)?;
/// assert_eq!(verified.provider(), "jira");
/// assert!(hooksign::verify(&jira, &headers, b"{}").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Jira {
    inner: WebSub,
}

impl Jira {
    /// The registry id.
    pub const ID: &'static str = "jira";

    /// A verifier for `secrets` (webhook secrets, used as text).
    pub fn new(secrets: SecretSet) -> Self {
        Jira {
            inner: WebSub::named(Self::ID, &secrets),
        }
    }

    /// Also accepts `sha1=`, for a webhook configured with it.
    pub fn with_legacy_sha1(self) -> Self {
        Jira {
            inner: self.inner.with_legacy_sha1(),
        }
    }
}

impl Verify for Jira {
    fn id(&self) -> &str {
        Self::ID
    }

    fn verify_at<'r>(&self, delivery: &Delivery<'r>, now: UnixTime) -> Result<Verified<'r>, Error> {
        self.inner.verify_at(delivery, now)
    }

    fn verify<'r>(&self, delivery: &Delivery<'r>) -> Result<Verified<'r>, Error> {
        self.inner.verify(delivery)
    }
}

impl Sign for Jira {
    /// Signs with `sha256`, Jira's default.
    fn sign_at(&self, message: &Message<'_>, now: UnixTime) -> Result<SignedHeaders, SignError> {
        self.inner.sign_at(message, now)
    }
}
