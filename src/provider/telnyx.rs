//! Telnyx (feature `ed25519`): `telnyx-signature-ed25519: <base64 Ed25519 signature of
//! "{telnyx-timestamp}|{body}">`, checked with the account's public key.
//!
//! Sources:
//! - Telnyx, "Receiving webhooks" / webhook signing (developers.telnyx.com): webhooks are
//!   signed with Ed25519; the public key is shown, base64, in the Mission Control portal.
//! - The official `telnyx` npm package 7.24.0 (`src/lib/webhooks.ts`, `TelnyxWebhook.verify`,
//!   reached through `client.webhooks.unwrap`; the older `webhooks.constructEvent` /
//!   `signature.verifySignature` of the 1.x–2.x SDKs is gone): both headers required (an empty
//!   one counts as missing); the timestamp must match `^\d+$` and be a safe integer, and is
//!   rejected when `|now − timestamp| > 300` s; the signature is strict padded base64 of 64
//!   bytes; the message is `` `${timestamp}|${payload}` ``; WebCrypto's Ed25519 `verify`
//!   decides. The public key is strict base64 of 32 bytes. Event types and ids:
//!   `resources/webhooks.d.ts` (`data.event_type`, `data.id`; newer events `event`, `id`).

use crate::provider::registry::{About, Entry, Family, Keys, Signs};
use crate::provider::spec::{BodyPaths, Encoding};
use crate::provider::{Sign, Verify};
use crate::scheme::ed25519::{self, Parsed, Signer};
use crate::scheme::header;
use crate::scheme::tag::Tag;
use crate::time::parse_unix;
use crate::verified::Field;
use crate::{
    Delivery, Error, HeaderKey, KeySet, Malformed, Message, PublicKey, Secret, SecretError,
    SecretSet, SignError, SignedHeaders, Tolerance, UnixTime, Verified,
};

static SIGNATURE: HeaderKey =
    HeaderKey::new("Telnyx-Signature-Ed25519", "telnyx-signature-ed25519");
static TIMESTAMP: HeaderKey = HeaderKey::new("Telnyx-Timestamp", "telnyx-timestamp");
static EVENT_ID: BodyPaths = BodyPaths::from_static(&[&["data", "id"], &["id"]]);
static EVENT_TYPE: BodyPaths = BodyPaths::from_static(&[&["data", "event_type"], &["event"]]);

/// The SDK's window: 300 s either way.
const TOLERANCE: Tolerance = Tolerance::symmetric(300);
/// `Number.isSafeInteger`'s bound, which the SDK applies to the timestamp.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

static ABOUT: About = About {
    signature: "`telnyx-signature-ed25519: <base64 Ed25519>`",
    content: "`{telnyx-timestamp}|{body}`",
    idempotency: Some("body data.id or id"),
    event_type: Some("body data.event_type or event"),
};

/// The registry's entry.
pub(crate) static ENTRY: Entry = Entry {
    id: Telnyx::ID,
    aliases: &[],
    name: "Telnyx",
    type_name: "Telnyx",
    family: Family::Ed25519,
    spec: None,
    about: Some(&ABOUT),
    headers: &["Telnyx-Signature-Ed25519", "Telnyx-Timestamp"],
    tolerance: Some(TOLERANCE),
    signs: Signs::NOTHING_ELSE,
    keys: Keys::PublicKeys,
    secret_format: "public key, base64 (32 bytes); to sign, seed and public key, base64 (64 bytes)",
    runs_its_spec: false,
    build: |secrets, options| {
        let mut telnyx = Telnyx::new(secrets)?;
        if let Some(tolerance) = options.tolerance_only(Telnyx::ID, true)? {
            telnyx.tolerance = tolerance;
        }
        Ok(crate::AnyProvider::new(telnyx))
    },
};

/// Telnyx webhooks (voice, messaging, numbers, …).
///
/// - **Verifies** `telnyx-signature-ed25519` (canonical padded base64 of 64 bytes): Ed25519
///   over `{telnyx-timestamp}|{body}` with any of the keys.
/// - **Window**: 300 s either way, as the SDK checks, before the signature. The clock is
///   compared in milliseconds, so up to a second before the SDK (which floors `Date.now()` to
///   seconds) a delivery at the very edge is already stale.
/// - **Keys**: the public key as Mission Control shows it, base64 of 32 bytes. To sign (tests,
///   local tools), a private key: base64 of the 64-byte NaCl / tweetnacl secret key (32-byte
///   seed, then the public key). Only the first key of the set signs; a provider built from
///   public keys only returns [`SignError::Missing`].
/// - **Idempotency key**: `telnyx:<data.id>` (the event id; `id` for the newer events), the
///   same when Telnyx retries the event.
/// - **Event type**: the body's `data.event_type` (`call.initiated`, …), or `event`.
///
/// ```
/// use hooksign::{Telnyx, SecretSet, Delivery, Verify, UnixTime};
///
/// // Made by tweetnacl 1.0.3, judged by telnyx 7.24.0 (tests/vectors/telnyx.json,
/// // `telnyx-valid-call-initiated`).
/// let telnyx = Telnyx::new(SecretSet::new(["RJHScxwbrxuPGUzhoAPcF2okOHi1z4Wgisu7JOkjKlw="])?)?;
/// let body = br#"{"data":{"event_type":"call.initiated","id":"0ccc7b54-4df3-4bca-a65a-3da1ecc777f0","occurred_at":"2024-11-30T21:33:20.000000Z","payload":{"call_control_id":"v3:abc","direction":"incoming","from":"+15551230000","to":"+15553210000","state":"parked"},"record_type":"event"},"meta":{"attempt":1,"delivered_to":"https://example.com/webhooks"}}"#;
/// let headers = [
///     ("telnyx-signature-ed25519", "CU8z/vFMqPlQz4BL3Gry+QHHdF1Ifo1WlhWD3JN//1wIK7bBC9F3xnPUVG49g8VoAyQRADKucqqSHnXp+4poBg=="),
///     ("telnyx-timestamp", "1733000000"),
/// ];
/// let verified = telnyx.verify_at(&Delivery::new(&headers, body), UnixTime::from_secs(1733000000))?;
/// assert_eq!(verified.event_type().as_deref(), Some("call.initiated"));
/// assert_eq!(verified.idempotency_key().unwrap().as_str(), "telnyx:0ccc7b54-4df3-4bca-a65a-3da1ecc777f0");
/// // Five minutes and a second later, it is stale.
/// let late = telnyx.verify_at(&Delivery::new(&headers, body), UnixTime::from_secs(1733000301));
/// assert_eq!(late.unwrap_err().code(), "timestamp_too_old");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Telnyx {
    keys: ed25519::Keys,
    tolerance: Tolerance,
}

impl Telnyx {
    /// The provider id.
    pub const ID: &'static str = "telnyx";

    /// A verifier for these keys as Telnyx shows them (base64 public keys; a base64 private
    /// key first also signs).
    pub fn new(keys: SecretSet) -> Result<Self, SecretError> {
        Ok(Telnyx {
            keys: ed25519::Keys::from_secrets(&keys, parse_key)?,
            tolerance: TOLERANCE,
        })
    }

    /// A verifier for these Ed25519 public keys (it cannot sign).
    pub fn from_key_set(keys: KeySet) -> Result<Self, SecretError> {
        Ok(Telnyx {
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

/// Base64 of 32 bytes is a public key, of 64 the seed and public key of a private one.
fn parse_key(index: usize, secret: &Secret) -> Result<Parsed, SecretError> {
    use base64::Engine as _;
    let not_base64 = || SecretError::NotBase64 {
        index,
        prefix: "".into(),
    };
    let bytes = zeroize::Zeroizing::new(
        base64::engine::general_purpose::STANDARD
            .decode(secret.expose())
            .map_err(|_| not_base64())?,
    );
    match bytes.len() {
        32 => PublicKey::ed25519_at(index, &bytes).map(Parsed::Public),
        64 => Signer::from_keypair(index, &bytes).map(Parsed::Private),
        _ => Err(SecretError::InvalidKey {
            index,
            reason: "a Telnyx key is base64 of 32 bytes (public) or 64 (private)",
        }),
    }
}

/// A header the SDK requires: absent or empty is missing (`if (!header)`).
fn present<'h>(headers: &'h dyn crate::Headers, name: &HeaderKey) -> Result<&'h str, Error> {
    match header::required(headers, name)? {
        "" => Err(Error::missing(name)),
        value => Ok(value),
    }
}

impl Verify for Telnyx {
    fn id(&self) -> &str {
        Self::ID
    }

    fn verify_at<'r>(&self, delivery: &Delivery<'r>, now: UnixTime) -> Result<Verified<'r>, Error> {
        let headers = delivery.headers();
        // The SDK's order: both headers, the timestamp and its window, then the signature.
        let signature = present(headers, &SIGNATURE)?;
        let timestamp = present(headers, &TIMESTAMP)?;
        let secs = parse_unix(timestamp)
            .filter(|&secs| secs <= MAX_SAFE_INTEGER)
            .ok_or_else(|| Error::malformed(&TIMESTAMP, Malformed::InvalidTimestamp))?;
        self.tolerance.check(secs, now)?;
        let signature = ed25519::decode_signature(signature, Encoding::Base64, &SIGNATURE)?;
        let body = delivery.body();
        let matched = self
            .keys
            .find(&[timestamp.as_bytes(), b"|", body], &signature)
            .ok_or_else(|| ed25519::mismatch(&self.keys, 1))?;
        let mut verified = Verified::from_parts(Self::ID.into(), matched, body);
        verified.timestamp = Some(UnixTime::from_secs(secs));
        verified.idempotency = Field::Body(EVENT_ID.clone());
        verified.event_type = Field::Body(EVENT_TYPE.clone());
        Ok(verified)
    }
}

impl Sign for Telnyx {
    /// Refuses a clock past 2^53 - 1 seconds, whose timestamp verification (as Telnyx's SDK,
    /// which reads it as a JavaScript number) would refuse.
    fn sign_at(&self, message: &Message<'_>, now: UnixTime) -> Result<SignedHeaders, SignError> {
        let secs = message.timestamp_or(now).as_secs();
        if secs > MAX_SAFE_INTEGER {
            return Err(SignError::Invalid {
                field: "timestamp",
                reason: "past 2^53 - 1 seconds, which verification refuses",
            });
        }
        let timestamp = secs.to_string();
        let signature = self
            .keys
            .sign(&[timestamp.as_bytes(), b"|", message.body()])?;
        let signature = Tag::from_slice(&signature).expect("64 bytes fit a tag");
        let mut out = SignedHeaders::new();
        out.push(&SIGNATURE, Encoding::Base64.encode(&signature));
        out.push(&TIMESTAMP, timestamp);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Signing writes only timestamps verification reads back: up to 2^53 - 1 seconds (found
    /// by the `verify_asymmetric` fuzz target at a clock of 1.7 * 10^16 s).
    #[test]
    fn signs_no_timestamp_verification_would_refuse() {
        let private = "vHoUSfAssz7wx5MaEjbpuLUTrdcFwqv7yf4S1TnRHqJEkdJzHBuvG48ZTOGgA9wXaiQ4eLXPhaCKy7sk6SMqXA==";
        let telnyx = Telnyx::new(SecretSet::new([private]).unwrap()).unwrap();
        let body = br#"{"data":{"id":"1"}}"#;
        let last = UnixTime::from_secs(MAX_SAFE_INTEGER);
        let signed = telnyx.sign_at(&Message::new(body), last).unwrap();
        assert!(telnyx.verify_at(&Delivery::new(&signed, body), last).is_ok());
        let past = UnixTime::from_secs(MAX_SAFE_INTEGER + 1);
        assert!(matches!(
            telnyx.sign_at(&Message::new(body), past),
            Err(SignError::Invalid {
                field: "timestamp",
                ..
            })
        ));
    }
}
