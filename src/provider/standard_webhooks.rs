//! Standard Webhooks: `webhook-signature: v1,<base64 HMAC-SHA256(key, "{id}.{ts}.{body}")> …`.
//!
//! Sources: the Standard Webhooks specification 1.0.0 (standard-webhooks/standard-webhooks
//! `spec/standard-webhooks.md`) and its reference libraries (`libraries/python`,
//! `libraries/javascript`): the key is the base64 after `whsec_`; the header is a
//! space-separated list in which any `v1` entry may match and other versions are skipped;
//! timestamps are rejected when more than 300 s old or more than 300 s ahead.
//!
//! The verification engine here is shared with [`Svix`](crate::Svix), which is the same scheme
//! under other header names.

use base64::Engine as _;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use zeroize::Zeroizing;

use crate::provider::{Sign, Verify};
use crate::scheme::list::{Signatures, versioned};
use crate::scheme::mac::{Keyring, SecretMatch};
use crate::scheme::{Algorithm, Encoding, header};
use crate::time::{SignedTimestamp, parse_unix_lenient};
use crate::verified::Field;
use crate::{
    Delivery, Error, HeaderKey, Malformed, Message, Secret, SecretError, SecretSet, SignError,
    SignedHeaders, Tolerance, UnixTime, Verified,
};

/// The three header names of one family.
pub(crate) struct Names {
    pub(crate) id: HeaderKey,
    pub(crate) timestamp: HeaderKey,
    pub(crate) signature: HeaderKey,
}

pub(crate) static WEBHOOK_NAMES: Names = Names {
    id: HeaderKey::new("webhook-id", "webhook-id"),
    timestamp: HeaderKey::new("webhook-timestamp", "webhook-timestamp"),
    signature: HeaderKey::new("webhook-signature", "webhook-signature"),
};

/// The received values of the three headers, with the names they were found under.
pub(crate) struct Received<'r> {
    pub(crate) id: &'r str,
    pub(crate) timestamp: (&'static HeaderKey, &'r str),
    pub(crate) signature: (&'static HeaderKey, &'r str),
}

/// Base64 as the reference libraries decode secrets: padding optional.
const SECRET_BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The HMAC key of a `whsec_…` secret: the base64 after the prefix (the prefix is optional and
/// padding too, as in the Python and JavaScript reference libraries).
fn decode_secret(index: usize, secret: &Secret) -> Result<Zeroizing<Vec<u8>>, SecretError> {
    let text = secret.expose();
    let encoded = text.strip_prefix(b"whsec_").unwrap_or(text);
    let key = SECRET_BASE64
        .decode(encoded)
        .map_err(|_| SecretError::NotBase64 {
            index,
            prefix: "whsec_",
        })?;
    if key.is_empty() {
        return Err(SecretError::EmptySecret { index });
    }
    Ok(Zeroizing::new(key))
}

/// The Standard Webhooks `v1` engine: keys, window, verification and signing.
#[derive(Debug, Clone)]
pub(crate) struct Engine {
    ring: Keyring,
    pub(crate) tolerance: Tolerance,
    pub(crate) sign_with_all: bool,
}

impl Engine {
    pub(crate) fn new(secrets: &SecretSet) -> Result<Self, SecretError> {
        Ok(Engine {
            ring: Keyring::with_derived_keys(Algorithm::Sha256, secrets, decode_secret)?,
            tolerance: StandardWebhooks::DEFAULT_TOLERANCE,
            sign_with_all: false,
        })
    }

    /// Checks the timestamp, then the signature list (the reference libraries' order);
    /// returns the match and the timestamp.
    pub(crate) fn verify(
        &self,
        received: &Received<'_>,
        body: &[u8],
        now: UnixTime,
    ) -> Result<(SecretMatch, u64), Error> {
        let (ts_name, ts_text) = received.timestamp;
        let timestamp = parse_unix_lenient(ts_text)
            .ok_or(Error::malformed(ts_name, Malformed::InvalidTimestamp))?;
        self.tolerance.check(timestamp, now)?;
        let (sig_name, sig_text) = received.signature;
        let mut signatures = Signatures::new(Encoding::Base64, 32, sig_name, "v1");
        signatures.extend(versioned(sig_text, "v1"));

        let canonical = SignedTimestamp::new(timestamp, ts_text);
        let parts: [&[u8]; 5] = [
            received.id.as_bytes(),
            b".",
            canonical.as_bytes(),
            b".",
            body,
        ];
        let secret = self.ring.find(&parts, &signatures)?;
        Ok((secret, timestamp))
    }

    /// Signs and returns the three header values (id, timestamp, signature list).
    pub(crate) fn sign(
        &self,
        message: &Message<'_>,
        now: UnixTime,
    ) -> Result<[String; 3], SignError> {
        let id = message.id().ok_or(SignError::Missing("id"))?;
        if id.is_empty() || id.contains(['.', ' ']) || id.chars().any(char::is_control) {
            return Err(SignError::Invalid {
                field: "id",
                reason: "must be non-empty, without '.', spaces or controls",
            });
        }
        let ts = message.timestamp_or(now).as_secs().to_string();
        let parts: [&[u8]; 5] = [id.as_bytes(), b".", ts.as_bytes(), b".", message.body()];
        let count = if self.sign_with_all {
            self.ring.len()
        } else {
            1
        };
        let signature = self
            .ring
            .sign_all(&parts)
            .take(count)
            .map(|tag| format!("v1,{}", Encoding::Base64.encode(&tag)))
            .collect::<Vec<_>>()
            .join(" ");
        Ok([id.to_owned(), ts, signature])
    }
}

/// [Standard Webhooks](https://www.standardwebhooks.com/) `v1` (HMAC-SHA256), as sent by
/// Svix-powered services with white-labelled headers, GitLab's signing tokens, and anyone
/// following the spec.
///
/// - **Verifies** every `v1,<base64>` entry of `webhook-signature` over
///   `{webhook-id}.{webhook-timestamp}.{body}`; other versions (`v1a`, …) are skipped.
/// - **Secret**: `whsec_<base64 key>`; the prefix and the base64 padding are optional, as the
///   reference libraries accept. Construction fails on a secret that is not base64.
/// - **Replay window**: 300 s either way, as the reference libraries do.
/// - **Idempotency key**: `standard-webhooks:<webhook-id>`. The spec makes the id the
///   idempotency key and requires it to stay the same on every retry of a message.
/// - **Event type**: the body's `type`.
///
/// Like the reference libraries, the timestamp may carry surrounding spaces or a fraction,
/// which are ignored; and an id containing `.` is accepted (the spec forbids it, but the
/// libraries do not check; a JSON body cannot be re-split into another id and timestamp).
///
/// ```
/// use hooksign::{StandardWebhooks, SecretSet, Delivery, Verify, UnixTime};
///
/// // The reference libraries' test vector.
/// let provider = StandardWebhooks::new(SecretSet::new(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])?)?;
/// let headers = [
///     ("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
///     ("webhook-timestamp", "1614265330"),
///     ("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
/// ];
/// let request = Delivery::new(&headers, br#"{"test": 2432232314}"#);
/// let verified = provider.verify_at(&request, UnixTime::from_secs(1614265330))?;
/// assert_eq!(verified.id(), Some("msg_p5jXN8AQM9LWM0D4loKWxJek"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct StandardWebhooks {
    pub(crate) engine: Engine,
}

impl StandardWebhooks {
    /// The provider id.
    pub const ID: &'static str = "standard-webhooks";

    /// The reference libraries' window: 300 s either way.
    pub const DEFAULT_TOLERANCE: Tolerance = Tolerance::symmetric(300);

    /// A verifier and signer for these `whsec_…` secrets.
    pub fn new(secrets: SecretSet) -> Result<Self, SecretError> {
        Ok(StandardWebhooks {
            engine: Engine::new(&secrets)?,
        })
    }

    /// Sets the replay window.
    pub fn with_tolerance(mut self, tolerance: Tolerance) -> Self {
        self.engine.tolerance = tolerance;
        self
    }

    /// Signs with every secret (one `v1,` entry each, primary first), as a sender does while
    /// rotating. Off by default.
    pub fn with_all_secrets_signing(mut self) -> Self {
        self.engine.sign_with_all = true;
        self
    }
}

/// Fills in what every Standard Webhooks delivery carries.
pub(crate) fn verified<'r>(
    provider: &'static str,
    (secret, timestamp): (SecretMatch, u64),
    id: &'r str,
    body: &'r [u8],
) -> Verified<'r> {
    let mut verified = Verified::new(provider, secret, body);
    verified.timestamp = Some(UnixTime::from_secs(timestamp));
    verified.id = Some(id.into());
    verified.idempotency = Field::header(Some(id));
    verified.event_type = Field::Body(&[&["type"]]);
    verified
}

impl Verify for StandardWebhooks {
    fn id(&self) -> &'static str {
        Self::ID
    }

    fn verify_at<'r>(&self, request: &Delivery<'r>, now: UnixTime) -> Result<Verified<'r>, Error> {
        let headers = request.headers();
        let names = &WEBHOOK_NAMES;
        // An empty header counts as missing, as in the reference libraries.
        let present = |name: &HeaderKey| match header::optional(headers, name)? {
            Some(value) if !value.is_empty() => Ok(value),
            _ => Err(Error::missing(name)),
        };
        let received = Received {
            id: present(&names.id)?,
            timestamp: (&names.timestamp, present(&names.timestamp)?),
            signature: (&names.signature, present(&names.signature)?),
        };
        let outcome = self.engine.verify(&received, request.body(), now)?;
        Ok(verified(Self::ID, outcome, received.id, request.body()))
    }
}

impl Sign for StandardWebhooks {
    fn sign_at(&self, message: &Message<'_>, now: UnixTime) -> Result<SignedHeaders, SignError> {
        let [id, ts, signature] = self.engine.sign(message, now)?;
        let mut out = SignedHeaders::new();
        out.push(&WEBHOOK_NAMES.id, id);
        out.push(&WEBHOOK_NAMES.timestamp, ts);
        out.push(&WEBHOOK_NAMES.signature, signature);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_decode_with_or_without_prefix_and_padding() {
        let padded = Secret::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        let bare = Secret::new("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assert_eq!(
            *decode_secret(0, &padded).unwrap(),
            *decode_secret(0, &bare).unwrap()
        );
        let unpadded = Secret::new("whsec_YWJjZA");
        assert_eq!(*decode_secret(0, &unpadded).unwrap(), b"abcd");
        assert_eq!(
            decode_secret(3, &Secret::new("whsec_not base64!")).unwrap_err(),
            SecretError::NotBase64 {
                index: 3,
                prefix: "whsec_"
            }
        );
    }
}
