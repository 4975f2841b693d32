//! Discord interactions (feature `ed25519`): `X-Signature-Ed25519: <hex Ed25519 signature of
//! X-Signature-Timestamp ‖ body>`, checked with the application's public key.
//!
//! Sources:
//! - Discord, "Interactions overview", *Setting Up an Endpoint → Validating Security Request
//!   Headers* (<https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers>):
//!   every request carries `X-Signature-Ed25519` and `X-Signature-Timestamp`; the signature
//!   is Ed25519 over the timestamp followed by the raw body, checked with the application's
//!   public key (hex, from the developer portal); a request that fails must get a `401`.
//! - The official `discord-interactions` npm package 4.4.0 (`dist/index.js`, `verifyKey`;
//!   `dist/util.js`, `valueToUint8Array`): the message is the timestamp's UTF-8 bytes then the
//!   body's; the key and the signature are hex, parsed two digits at a time with
//!   `parseInt(…, 16)` (either case); WebCrypto's Ed25519 `verify` decides. It checks **no
//!   timestamp window**, and Discord documents none.
//!
//! Only hex digits are taken: the SDK's `parseInt` also reads a pair like `zz` or `0z` as a
//! byte (0), a laxity no sender relies on, not followed here (such a signature is malformed).
//!
//! **Window, decided here**: none by default, as the SDK and the documentation (the timestamp
//! is only signed). [`Discord::with_tolerance`] adds one: the timestamp must then be unix
//! seconds within it.

use crate::provider::registry::{About, Entry, Family, Keys, Signs};
use crate::provider::spec::{BodyPaths, Encoding};
use crate::provider::{Sign, Verify};
use crate::scheme::ed25519::{self, Parsed, Signer};
use crate::scheme::header;
use crate::scheme::tag::Tag;
use crate::time::check_optional_window;
use crate::verified::Field;
use crate::{
    Delivery, Error, HeaderKey, KeySet, PublicKey, Secret, SecretError, SecretSet, SignError,
    SignedHeaders, Message, Tolerance, UnixTime, Verified,
};

static SIGNATURE: HeaderKey = HeaderKey::new("X-Signature-Ed25519", "x-signature-ed25519");
static TIMESTAMP: HeaderKey = HeaderKey::new("X-Signature-Timestamp", "x-signature-timestamp");
/// The interaction's id (a snowflake, as a string).
static INTERACTION_ID: BodyPaths = BodyPaths::from_static(&[&["id"]]);

static ABOUT: About = About {
    signature: "`X-Signature-Ed25519: <hex Ed25519>`",
    content: "`{X-Signature-Timestamp}{body}`",
    idempotency: Some("body id"),
    event_type: None,
};

/// The registry's entry.
pub(crate) static ENTRY: Entry = Entry {
    id: Discord::ID,
    aliases: &[],
    name: "Discord",
    type_name: "Discord",
    family: Family::Ed25519,
    spec: None,
    about: Some(&ABOUT),
    headers: &["X-Signature-Ed25519", "X-Signature-Timestamp"],
    // A timestamp is signed, but no window is applied (see the module notes).
    tolerance: Some(Tolerance::unchecked()),
    signs: Signs::NOTHING_ELSE,
    keys: Keys::PublicKeys,
    secret_format: "application public key, hex (64 digits); to sign, seed and public key, hex (128 digits)",
    runs_its_spec: false,
    build: |secrets, options| {
        let tolerance = options.tolerance_only(Discord::ID, true)?;
        let mut discord = Discord::new(secrets)?;
        discord.tolerance = tolerance;
        Ok(crate::AnyProvider::new(discord))
    },
};

/// Discord interactions (and Discord's webhook events, signed the same way).
///
/// - **Verifies** `X-Signature-Ed25519` (hex, either case, as the SDK parses it): Ed25519 over
///   `X-Signature-Timestamp` as received, then the body, with any of the keys.
/// - **Window**: none by default (see the module notes): neither Discord nor its SDK defines
///   one. [`Discord::with_tolerance`] adds one.
/// - **Keys**: the application's public key as the developer portal shows it, 64 hex digits.
///   To sign (tests, local tools), a private key: the 64-byte NaCl / tweetnacl secret key
///   (32-byte seed, then the public key), 128 hex digits. Only the first key of the set signs;
///   a provider built from public keys only returns [`SignError::Missing`].
/// - **Idempotency key**: `discord:<id>`, the interaction id from the body. Discord does not
///   retry interactions; a replay of a captured request carries the same id.
/// - **Event type**: none (an interaction's `type` is a number).
///
/// ```
/// use hooksign::{Discord, SecretSet, Sign, Message, UnixTime};
///
/// // Made by tweetnacl 1.0.3, judged by discord-interactions 4.4.0 (tests/vectors/discord.json,
/// // `discord-valid-ping`).
/// let discord = Discord::new(SecretSet::new(["eb8eebeca8d576728ffdea9b2cad88c1cb50912a6201602fa8886f9904d62f18"])?)?;
/// let body = br#"{"app_permissions":"0","application_id":"1180000000000000000","id":"1312345678901234567","token":"aW50ZXJhY3Rpb246MTMxMjM0NTY3ODkwMTIzNDU2Nzp0b2tlbg","type":1,"user":{"id":"80351110224678912","username":"nelly"},"version":1}"#;
/// let headers = [
///     ("X-Signature-Ed25519", "35310a8e2e85b1c6eff3f4cfbdc8f4e2d02d187b592c44b1b5938366d27266e2ff617e98fa44ab5ac730271ab6c13ceb57a771615b350e6e4e30a29630eff505"),
///     ("X-Signature-Timestamp", "1733000000"),
/// ];
/// let verified = hooksign::verify(&discord, &headers, body)?;
/// assert_eq!(verified.idempotency_key().unwrap().as_str(), "discord:1312345678901234567");
/// // A changed body is refused; a public key cannot sign.
/// assert_eq!(hooksign::verify(&discord, &headers, b"{}").unwrap_err().code(), "signature_mismatch");
/// assert!(discord.sign_at(&Message::new(body), UnixTime::now()).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Discord {
    keys: ed25519::Keys,
    tolerance: Option<Tolerance>,
}

impl Discord {
    /// The provider id.
    pub const ID: &'static str = "discord";

    /// A verifier for these keys as Discord shows them (hex public keys; a hex private key
    /// first also signs).
    pub fn new(keys: SecretSet) -> Result<Self, SecretError> {
        Ok(Discord {
            keys: ed25519::Keys::from_secrets(&keys, parse_key)?,
            tolerance: None,
        })
    }

    /// A verifier for these Ed25519 public keys (it cannot sign).
    pub fn from_key_set(keys: KeySet) -> Result<Self, SecretError> {
        Ok(Discord {
            keys: ed25519::Keys::from_key_set(keys)?,
            tolerance: None,
        })
    }

    /// Rejects deliveries whose `X-Signature-Timestamp` is outside `tolerance` (or not unix
    /// seconds). By default no window is applied, as Discord's SDK applies none.
    pub fn with_tolerance(mut self, tolerance: Tolerance) -> Self {
        self.tolerance = Some(tolerance);
        self
    }
}

/// 64 hex digits are a public key, 128 the seed and public key of a private one.
fn parse_key(index: usize, secret: &Secret) -> Result<Parsed, SecretError> {
    let text = std::str::from_utf8(secret.expose()).map_err(|_| SecretError::NotHex { index })?;
    let len = match text.len() {
        64 => 32,
        128 => 64,
        _ => {
            return Err(SecretError::InvalidKey {
                index,
                reason: "a Discord key is 64 hex digits (public) or 128 (private)",
            });
        }
    };
    let bytes = Encoding::HexAnyCase
        .decode(text, len)
        .map_err(|_| SecretError::NotHex { index })?;
    match len {
        32 => PublicKey::ed25519_at(index, bytes.as_bytes()).map(Parsed::Public),
        _ => Signer::from_keypair(index, bytes.as_bytes()).map(Parsed::Private),
    }
}

impl Verify for Discord {
    fn id(&self) -> &str {
        Self::ID
    }

    fn verify_at<'r>(&self, delivery: &Delivery<'r>, now: UnixTime) -> Result<Verified<'r>, Error> {
        let headers = delivery.headers();
        // The SDK's middleware reads the timestamp first, then the signature.
        let timestamp = header::non_empty(headers, &TIMESTAMP)?;
        let signature = header::non_empty(headers, &SIGNATURE)?;
        let signed_at = check_optional_window(timestamp, self.tolerance, &TIMESTAMP, now)?;
        let signature = ed25519::decode_signature(signature, Encoding::HexAnyCase, &SIGNATURE)?;
        let body = delivery.body();
        let matched = self
            .keys
            .find(&[timestamp.as_bytes(), body], &signature)
            .ok_or_else(|| ed25519::mismatch(&self.keys, 1))?;
        let mut verified = Verified::from_parts(Self::ID.into(), matched, body);
        verified.timestamp = signed_at;
        verified.idempotency = Field::Body(INTERACTION_ID.clone());
        Ok(verified)
    }
}

impl Sign for Discord {
    fn sign_at(&self, message: &Message<'_>, now: UnixTime) -> Result<SignedHeaders, SignError> {
        let timestamp = message.timestamp_or(now).as_secs().to_string();
        let signature = self.keys.sign(&[timestamp.as_bytes(), message.body()])?;
        let signature = Tag::from_slice(&signature).expect("64 bytes fit a tag");
        let mut out = SignedHeaders::new();
        out.push(&SIGNATURE, Encoding::Hex.encode(&signature));
        out.push(&TIMESTAMP, timestamp);
        Ok(out)
    }
}
