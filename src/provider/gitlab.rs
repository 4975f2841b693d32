//! GitLab webhooks with a secret token: `X-Gitlab-Token: <the token, as configured>`.
//!
//! Sources:
//! - GitLab Docs, "Webhooks", Secret tokens
//!   (<https://docs.gitlab.com/user/project/integrations/webhooks/#secret-tokens>): the secret
//!   token configured on the webhook is sent as it is in the `X-Gitlab-Token` header; the
//!   receiver compares it with its own. Nothing else is signed: the body is not covered and no
//!   timestamp is sent, so a captured delivery can be replayed (deduplicate) and a body can be
//!   altered by whoever sees the token (use TLS; prefer the signing token,
//!   [`GitLabSigning`](crate::GitLabSigning), where the instance offers it).
//! - Delivery headers on the same page: `X-Gitlab-Event` (e.g. `Push Hook`),
//!   `X-Gitlab-Webhook-UUID` (one per webhook request, added by gitlab-org/gitlab MR 125338)
//!   and, since GitLab 17.4, `Idempotency-Key`, which stays the same when GitLab retries the
//!   request (gitlab-org/gitlab issue 388692, MR 160952).
//!
//! GitLab publishes no receiver SDK: the comparison is this crate's, in constant time without
//! leaking the token's length (see `scheme::token`).

use crate::provider::registry::{About, Entry, Family, Keys, Signs};
use crate::provider::{Sign, Verify};
use crate::scheme::header;
use crate::scheme::token::{TokenForm, Tokens};
use crate::verified::Field;
use crate::{
    Delivery, Error, HeaderKey, Message, SecretError, SecretSet, SignError, SignedHeaders,
    UnixTime, Verified,
};

static TOKEN: HeaderKey = HeaderKey::new("X-Gitlab-Token", "x-gitlab-token");
static EVENT: HeaderKey = HeaderKey::new("X-Gitlab-Event", "x-gitlab-event");
static WEBHOOK_UUID: HeaderKey = HeaderKey::new("X-Gitlab-Webhook-UUID", "x-gitlab-webhook-uuid");
static IDEMPOTENCY: HeaderKey = HeaderKey::new("Idempotency-Key", "idempotency-key");

/// The registry's entry.
pub(crate) static ENTRY: Entry = Entry {
    id: GitLab::ID,
    aliases: &[],
    name: "GitLab",
    type_name: "GitLab",
    family: Family::Token,
    spec: None,
    about: Some(&About {
        signature: "`X-Gitlab-Token: <secret token>`",
        content: "nothing: the token itself, compared in constant time",
        idempotency: Some("Idempotency-Key"),
        event_type: Some("X-Gitlab-Event"),
    }),
    headers: &["X-Gitlab-Token"],
    tolerance: None,
    signs: Signs::NOTHING_ELSE,
    keys: Keys::Secrets,
    secret_format: "webhook secret token, as text",
    runs_its_spec: false,
    build: |secrets, options| {
        options.window_only(GitLab::ID, false)?;
        Ok(crate::AnyProvider::new(GitLab::new(secrets)?))
    },
};

/// GitLab webhooks (project, group and system hooks) authenticated by their secret token.
///
/// - **Verifies** that `X-Gitlab-Token` equals one of the tokens, compared in constant time
///   through keyed digests, so that timing reveals neither the token's content nor its length.
///   The body is **not** authenticated: GitLab does not sign it with a secret token.
/// - **No timestamp**, so no replay window: deduplicate on the idempotency key.
/// - **Secret**: the webhook's secret token as configured, visible ASCII text (a
///   [`SecretError`](crate::SecretError) otherwise).
/// - **Idempotency key**: `gitlab:<Idempotency-Key>` (GitLab 17.4 and later), the same on every
///   retry of a request; `None` from older instances, which send no such header.
/// - **Id**: `X-Gitlab-Webhook-UUID`. **Event type**: `X-Gitlab-Event` (e.g. `Push Hook`).
/// - For the newer signing token (an HMAC over the id, timestamp and body, in the Standard
///   Webhooks form), use [`GitLabSigning`](crate::GitLabSigning): a separate provider, so that
///   a receiver that configured a signing token never falls back to the weaker token.
///
/// ```
/// use hooksign::{Delivery, GitLab, SecretSet, Verify};
///
/// // tests/vectors/gitlab.json, `gitlab-valid-push`.
/// let gitlab = GitLab::new(SecretSet::new(["hooksign-gitlab-secret-token-1"])?)?;
/// let headers = [
///     ("X-Gitlab-Token", "hooksign-gitlab-secret-token-1"),
///     ("X-Gitlab-Event", "Push Hook"),
///     ("Idempotency-Key", "f0d1ec13-8aa7-4f4b-b2a4-5d4e1b7e3c55"),
/// ];
/// let body = br#"{"object_kind":"push"}"#;
/// let verified = gitlab.verify(&Delivery::new(&headers, body))?;
/// assert_eq!(verified.idempotency_key().unwrap().as_str(), "gitlab:f0d1ec13-8aa7-4f4b-b2a4-5d4e1b7e3c55");
/// assert_eq!(verified.event_type().as_deref(), Some("Push Hook"));
///
/// // Another token, even one differing only in length, is refused.
/// let wrong = [("X-Gitlab-Token", "hooksign-gitlab-secret-token-10")];
/// assert_eq!(gitlab.verify(&Delivery::new(&wrong, body)).unwrap_err().code(), "signature_mismatch");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct GitLab {
    tokens: Tokens,
}

impl GitLab {
    /// The provider id.
    pub const ID: &'static str = "gitlab";

    /// A verifier and signer for these secret tokens (the first is sent when signing).
    pub fn new(secrets: SecretSet) -> Result<Self, SecretError> {
        Ok(GitLab {
            tokens: Tokens::new(&secrets, TokenForm::HeaderText)?,
        })
    }
}

impl Verify for GitLab {
    fn id(&self) -> &str {
        Self::ID
    }

    fn verify_at<'r>(&self, delivery: &Delivery<'r>, _now: UnixTime) -> Result<Verified<'r>, Error> {
        self.verify(delivery)
    }

    /// No timestamp is sent: the clock is not read.
    fn verify<'r>(&self, delivery: &Delivery<'r>) -> Result<Verified<'r>, Error> {
        let secret = self.tokens.verify(delivery, &TOKEN)?;
        let headers = delivery.headers();
        let mut verified = Verified::from_parts(Self::ID.into(), secret, delivery.body());
        verified.id = header::optional(headers, &WEBHOOK_UUID)?.map(Into::into);
        verified.event_type = Field::header(header::optional(headers, &EVENT)?);
        verified.idempotency = Field::header(header::optional(headers, &IDEMPOTENCY)?);
        Ok(verified)
    }
}

impl Sign for GitLab {
    /// The token, and the event type and idempotency key when the message has them.
    fn sign_at(&self, message: &Message<'_>, _now: UnixTime) -> Result<SignedHeaders, SignError> {
        let mut out = SignedHeaders::new();
        if let Some(event) = message.event_type() {
            out.push(&EVENT, event);
        }
        if let Some(id) = message.id() {
            out.push(&IDEMPOTENCY, id);
        }
        out.push(&TOKEN, self.tokens.primary());
        Ok(out)
    }
}
