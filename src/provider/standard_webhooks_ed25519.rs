//! Standard Webhooks asymmetric signatures (feature `ed25519`): `webhook-signature:
//! v1a,<base64 Ed25519 signature of "{webhook-id}.{webhook-timestamp}.{body}"> …`.
//!
//! Sources: the Standard Webhooks specification 1.0.0 (standard-webhooks/standard-webhooks
//! `spec/standard-webhooks.md` at b2fa7b8, "Signature scheme"): asymmetric signatures are
//! `ed25519` with a standard key pair, identified as `v1a` in the signature list, over the same
//! content as `v1` (`{id}.{timestamp}.{body}`); keys are base64, the secret key prefixed
//! `whsk_`, the public key `whpk_`. The list, header names, window and timestamp handling are
//! those of `v1` ([`StandardWebhooks`](crate::StandardWebhooks)): every `v1a` entry may match,
//! other versions are skipped, 300 s either way, checked before the signatures.
//!
//! No reference library implements `v1a`. The vectors are the spec's published ones (the
//! Svix server's `test_asymmetric_key_signing`, whose key pair is `whsk_` base64 of the 32-byte
//! seed then the 32-byte public key: that is the private-key form accepted here).

use std::borrow::Cow;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::provider::registry::{About, Entry, Family, Keys, Signs};
use crate::provider::spec::{BodyPaths, Encoding, Labels};
use crate::provider::{Sign, Verify};
use crate::scheme::ed25519::{self, Parsed, Signer};
use crate::scheme::header;
use crate::scheme::list::{Signatures, versioned};
use crate::scheme::standard_webhooks::{
    TOLERANCE, WEBHOOK_ID, WEBHOOK_SIGNATURE, WEBHOOK_TIMESTAMP,
};
use crate::time::{SignedTimestamp, parse_unix_lenient};
use crate::verified::Field;
use crate::{
    Delivery, Error, HeaderKey, KeySet, Malformed, Message, PublicKey, Secret, SecretError,
    SecretSet, SignError, SignedHeaders, Tolerance, UnixTime, Verified,
};

/// The signature identifier of asymmetric signatures.
const VERSION: &str = "v1a";
static EVENT_TYPE: BodyPaths = BodyPaths::from_static(&[&["type"]]);

static ABOUT: About = About {
    signature: "`webhook-signature: v1a,<base64 Ed25519> …`",
    content: "`{webhook-id}.{webhook-timestamp}.{body}`",
    idempotency: Some("webhook-id"),
    event_type: Some("body type"),
};

/// The registry's entry.
pub(crate) static ENTRY: Entry = Entry {
    id: StandardWebhooksEd25519::ID,
    aliases: &[],
    name: "Standard Webhooks (v1a, Ed25519)",
    type_name: "StandardWebhooksEd25519",
    family: Family::Ed25519,
    spec: None,
    about: Some(&ABOUT),
    headers: &["webhook-signature", "webhook-timestamp", "webhook-id"],
    tolerance: Some(TOLERANCE),
    signs: Signs::NOTHING_ELSE,
    keys: Keys::PublicKeys,
    secret_format: "`whpk_` and the base64 public key; to sign, `whsk_` and the base64 seed and public key",
    runs_its_spec: false,
    build: |secrets, options| {
        let mut provider = StandardWebhooksEd25519::new(secrets)?;
        if let Some(tolerance) = options.tolerance_only(StandardWebhooksEd25519::ID, true)? {
            provider.tolerance = tolerance;
        }
        Ok(crate::AnyProvider::new(provider))
    },
};

/// [Standard Webhooks](https://www.standardwebhooks.com/) `v1a`: Ed25519 signatures, checked
/// with the sender's public key (no shared secret).
///
/// - **Verifies** every `v1a,<base64>` entry of `webhook-signature` over
///   `{webhook-id}.{webhook-timestamp}.{body}`, with any of the keys; `v1` (HMAC) entries and
///   other versions are skipped, so one header can carry both.
/// - **Window**: 300 s either way, as for `v1`; the timestamp may carry surrounding spaces or
///   a fraction, as the `v1` reference libraries accept, and the canonical integer is signed.
/// - **Keys**: `whpk_<base64 of the 32-byte public key>`. To sign, `whsk_<base64 of the
///   64-byte secret key: seed, then public key>`. Only the first key of the set signs; a
///   provider built from public keys only returns [`SignError::Missing`].
/// - **Idempotency key**: `standard-webhooks-v1a:<webhook-id>`, the same on every retry.
/// - **Event type**: the body's `type`.
///
/// ```
/// use hooksign::{StandardWebhooksEd25519, SecretSet, Delivery, Verify, UnixTime};
///
/// // The spec's published `v1a` vector (the Svix server's test).
/// let provider = StandardWebhooksEd25519::new(SecretSet::new(["whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4="])?)?;
/// let headers = [
///     ("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
///     ("webhook-timestamp", "1614265330"),
///     ("webhook-signature", "v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg=="),
/// ];
/// let now = UnixTime::from_secs(1614265330);
/// let verified = provider.verify_at(&Delivery::new(&headers, br#"{"test": 2432232314}"#), now)?;
/// assert_eq!(verified.idempotency_key().unwrap().as_str(), "standard-webhooks-v1a:msg_p5jXN8AQM9LWM0D4loKWxJek");
/// // A changed body is refused.
/// let tampered = provider.verify_at(&Delivery::new(&headers, br#"{"test": 2432232315}"#), now);
/// assert_eq!(tampered.unwrap_err().code(), "signature_mismatch");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct StandardWebhooksEd25519 {
    keys: ed25519::Keys,
    tolerance: Tolerance,
}

impl StandardWebhooksEd25519 {
    /// The provider id.
    pub const ID: &'static str = "standard-webhooks-v1a";

    /// A verifier for these keys (`whpk_…`; a `whsk_…` key first also signs).
    pub fn new(keys: SecretSet) -> Result<Self, SecretError> {
        Ok(StandardWebhooksEd25519 {
            keys: ed25519::Keys::from_secrets(&keys, parse_key)?,
            tolerance: TOLERANCE,
        })
    }

    /// A verifier for these Ed25519 public keys (it cannot sign).
    pub fn from_key_set(keys: KeySet) -> Result<Self, SecretError> {
        Ok(StandardWebhooksEd25519 {
            keys: ed25519::Keys::from_key_set(keys)?,
            tolerance: TOLERANCE,
        })
    }

    /// Replaces the 300 s window.
    pub fn with_tolerance(mut self, tolerance: Tolerance) -> Self {
        self.tolerance = tolerance;
        self
    }
}

/// `whpk_<base64 32 bytes>` or `whsk_<base64 64 bytes>`.
fn parse_key(index: usize, secret: &Secret) -> Result<Parsed, SecretError> {
    let text = secret.expose();
    let (prefix, rest) = text.split_at_checked(5).unwrap_or((text, &[]));
    let decode = |prefix: &'static str| {
        STANDARD
            .decode(rest)
            .map(zeroize::Zeroizing::new)
            .map_err(|_| SecretError::NotBase64 {
                index,
                prefix: prefix.into(),
            })
    };
    match prefix {
        b"whpk_" => PublicKey::ed25519_at(index, &decode("whpk_")?).map(Parsed::Public),
        b"whsk_" => Signer::from_keypair(index, &decode("whsk_")?).map(Parsed::Private),
        _ => Err(SecretError::InvalidKey {
            index,
            reason: "a Standard Webhooks v1a key starts with whpk_ (public) or whsk_ (private)",
        }),
    }
}

/// A header the scheme requires: absent or empty is missing, as in the reference libraries.
fn present<'h>(headers: &'h dyn crate::Headers, names: &[HeaderKey; 1]) -> Result<&'h str, Error> {
    match header::required(headers, &names[0])? {
        "" => Err(Error::missing(&names[0])),
        value => Ok(value),
    }
}

impl Verify for StandardWebhooksEd25519 {
    fn id(&self) -> &str {
        Self::ID
    }

    fn verify_at<'r>(&self, delivery: &Delivery<'r>, now: UnixTime) -> Result<Verified<'r>, Error> {
        let headers = delivery.headers();
        let id = present(headers, &WEBHOOK_ID)?;
        let timestamp = present(headers, &WEBHOOK_TIMESTAMP)?;
        let list = present(headers, &WEBHOOK_SIGNATURE)?;
        let secs = parse_unix_lenient(timestamp)
            .ok_or_else(|| Error::malformed(&WEBHOOK_TIMESTAMP[0], Malformed::InvalidTimestamp))?;
        self.tolerance.check(secs, now)?;
        // What is signed is the canonical integer (the text itself when it is one).
        let signed_timestamp = SignedTimestamp::new(secs, timestamp);
        let signed_timestamp = signed_timestamp.as_bytes();

        let header = &WEBHOOK_SIGNATURE[0];
        let mut signatures = Signatures::new(Encoding::Base64, ed25519::SIGNATURE_LEN, header, VERSION);
        signatures.extend(versioned(list, VERSION, Labels::Exact));
        signatures.check()?;
        let body = delivery.body();
        let parts: [&[u8]; 5] = [id.as_bytes(), b".", signed_timestamp, b".", body];
        let matched = signatures
            .texts()
            .iter()
            .filter_map(|text| ed25519::decode_signature(text, Encoding::Base64, header).ok())
            .find_map(|signature| self.keys.find(&parts, &signature))
            .ok_or_else(|| signatures.mismatch(self.keys.len()))?;

        let mut verified = Verified::from_parts(Self::ID.into(), matched, body);
        verified.timestamp = Some(UnixTime::from_secs(secs));
        verified.id = Some(Cow::Borrowed(id));
        verified.idempotency = Field::Value(Cow::Borrowed(id));
        verified.event_type = Field::Body(EVENT_TYPE.clone());
        Ok(verified)
    }
}

impl Sign for StandardWebhooksEd25519 {
    fn sign_at(&self, message: &Message<'_>, now: UnixTime) -> Result<SignedHeaders, SignError> {
        let id = message.id().ok_or(SignError::Missing("id"))?;
        if id.is_empty() || id.chars().any(|c| c == ' ' || c == '.' || c.is_control()) {
            return Err(SignError::Invalid {
                field: "id",
                reason: "must be non-empty, without spaces, controls or the signed content's separators",
            });
        }
        let timestamp = message.timestamp_or(now).as_secs().to_string();
        let signature = self.keys.sign(&[
            id.as_bytes(),
            b".",
            timestamp.as_bytes(),
            b".",
            message.body(),
        ])?;
        let mut out = SignedHeaders::new();
        out.push(&WEBHOOK_ID[0], id);
        out.push(&WEBHOOK_TIMESTAMP[0], timestamp);
        out.push(
            &WEBHOOK_SIGNATURE[0],
            format!("{VERSION},{}", STANDARD.encode(signature)),
        );
        Ok(out)
    }
}
