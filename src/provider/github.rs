//! GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>`.
//!
//! Source: GitHub Docs, "Validating webhook deliveries"
//! (docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries); official SDK
//! `@octokit/webhooks-methods` (v6 `verify`: exact lower-case comparison of the
//! `sha256=` string; v4 still accepted `sha1=`).

use crate::provider::{Sign, Verify};
use crate::scheme::list::Signatures;
use crate::scheme::mac::Keyring;
use crate::scheme::{Algorithm, Encoding, header};
use crate::verified::Field;
use crate::{
    Delivery, Error, HeaderKey, Malformed, Message, SecretSet, SignError, SignedHeaders, UnixTime,
    Verified,
};

static SIGNATURE_256: HeaderKey = HeaderKey::new("X-Hub-Signature-256", "x-hub-signature-256");
static SIGNATURE_SHA1: HeaderKey = HeaderKey::new("X-Hub-Signature", "x-hub-signature");
static DELIVERY: HeaderKey = HeaderKey::new("X-GitHub-Delivery", "x-github-delivery");
static EVENT: HeaderKey = HeaderKey::new("X-GitHub-Event", "x-github-event");

/// GitHub webhooks (and GitHub Enterprise Server).
///
/// - **Verifies** `X-Hub-Signature-256: sha256=<hex>`, lower-case hex as octokit requires.
///   The legacy `X-Hub-Signature: sha1=<hex>` is only looked at when
///   [`GitHub::with_legacy_sha1`] is on, and only when the SHA-256 header is absent.
/// - **No timestamp** is signed, so there is no replay window: deduplicate on the delivery id.
/// - **Idempotency key**: `github:<X-GitHub-Delivery>`. GitHub keeps the same GUID when a
///   delivery is redelivered, so the key is stable across retries.
/// - **Event type**: `X-GitHub-Event` (e.g. `issues`; the action is in the body).
/// - **Rotation**: GitHub sends one signature; keep the old and new secret in the
///   [`SecretSet`] while you change it in the webhook settings.
///
/// ```
/// use hooksign::{GitHub, SecretSet};
///
/// // GitHub's documented test values.
/// let github = GitHub::new(SecretSet::new(["It's a Secret to Everybody"])?);
/// let headers = [(
///     "X-Hub-Signature-256",
///     "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
/// )];
/// assert!(hooksign::verify(&github, &headers, b"Hello, World!").is_ok());
/// assert!(hooksign::verify(&github, &headers, b"Hello, World").is_err());
/// # Ok::<(), hooksign::SecretError>(())
/// ```
#[derive(Debug, Clone)]
pub struct GitHub {
    sha256: Keyring,
    sha1: Option<Keyring>,
    secrets: SecretSet,
}

impl GitHub {
    /// The provider id.
    pub const ID: &'static str = "github";

    /// A verifier and signer for these secrets (used as UTF-8 text, as GitHub does).
    pub fn new(secrets: SecretSet) -> Self {
        GitHub {
            sha256: Keyring::new(Algorithm::Sha256, &secrets),
            sha1: None,
            secrets,
        }
    }

    /// Also accepts the legacy `X-Hub-Signature: sha1=<hex>` when `X-Hub-Signature-256` is
    /// absent, and signs both headers, as GitHub sends them. Off by default: SHA-1 is
    /// only for old GitHub Enterprise Server versions that send no SHA-256 header.
    ///
    /// ```
    /// use hooksign::{GitHub, SecretSet};
    /// // octokit/webhooks-methods v4 test vector (SHA-1).
    /// let github = GitHub::new(SecretSet::new(["mysecret"])?).with_legacy_sha1();
    /// let headers = [("X-Hub-Signature", "sha1=640c0ea7402a3f74e1767338fa2dba243b1f2d9c")];
    /// assert!(hooksign::verify(&github, &headers, b"{\n  \"foo\": \"bar\"\n}\n").is_ok());
    /// # Ok::<(), hooksign::SecretError>(())
    /// ```
    pub fn with_legacy_sha1(mut self) -> Self {
        self.sha1 = Some(Keyring::new(Algorithm::Sha1, &self.secrets));
        self
    }
}

impl Verify for GitHub {
    fn id(&self) -> &'static str {
        Self::ID
    }

    fn verify_at<'r>(&self, request: &Delivery<'r>, _now: UnixTime) -> Result<Verified<'r>, Error> {
        self.verify(request)
    }

    /// GitHub signs no timestamp: the clock is not read.
    fn verify<'r>(&self, request: &Delivery<'r>) -> Result<Verified<'r>, Error> {
        let headers = request.headers();
        let (ring, name, prefix, value) =
            match (header::optional(headers, &SIGNATURE_256)?, &self.sha1) {
                (Some(value), _) => (&self.sha256, &SIGNATURE_256, "sha256=", value),
                (None, Some(sha1)) => match header::optional(headers, &SIGNATURE_SHA1)? {
                    Some(value) => (sha1, &SIGNATURE_SHA1, "sha1=", value),
                    None => return Err(Error::missing(&SIGNATURE_256)),
                },
                (None, None) => return Err(Error::missing(&SIGNATURE_256)),
            };
        let hex = value.strip_prefix(prefix).ok_or(Error::malformed(
            name,
            Malformed::MissingPrefix { expected: prefix },
        ))?;
        let signature = Signatures::single(hex, Encoding::Hex, ring.algorithm().output_len(), name);
        let secret = ring.find(&[request.body()], &signature)?;

        let delivery = header::optional(headers, &DELIVERY)?;
        let mut verified = Verified::new(Self::ID, secret, request.body());
        verified.id = delivery.map(Into::into);
        verified.idempotency = Field::header(delivery);
        verified.event_type = Field::header(header::optional(headers, &EVENT)?);
        Ok(verified)
    }
}

impl Sign for GitHub {
    fn sign_at(&self, message: &Message<'_>, _now: UnixTime) -> Result<SignedHeaders, SignError> {
        let mut out = SignedHeaders::new();
        if let Some(event) = message.event_type() {
            out.push(&EVENT, event);
        }
        if let Some(id) = message.id() {
            out.push(&DELIVERY, id);
        }
        if let Some(sha1) = &self.sha1 {
            out.push(
                &SIGNATURE_SHA1,
                format!(
                    "sha1={}",
                    Encoding::Hex.encode(&sha1.sign(&[message.body()]))
                ),
            );
        }
        let tag = self.sha256.sign(&[message.body()]);
        out.push(
            &SIGNATURE_256,
            format!("sha256={}", Encoding::Hex.encode(&tag)),
        );
        Ok(out)
    }
}
