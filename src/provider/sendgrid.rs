//! SendGrid Event Webhook (feature `p256`): `X-Twilio-Email-Event-Webhook-Signature: <base64
//! DER ECDSA P-256/SHA-256 signature of timestamp ‖ body>`, checked with the verification key.
//!
//! Sources:
//! - Twilio SendGrid, "Getting Started with the Event Webhook Security Features"
//!   (<https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features>):
//!   with signed webhooks enabled, SendGrid signs each POST with ECDSA, sending the signature
//!   in `X-Twilio-Email-Event-Webhook-Signature` and the timestamp in
//!   `X-Twilio-Email-Event-Webhook-Timestamp`; the payload verified is the timestamp followed
//!   by the raw body; the verification key is shown as base64.
//! - The official `@sendgrid/eventwebhook` npm package 8.0.0 (`src/eventwebhook.js`,
//!   `EventWebhook.verifySignature` and `convertPublicKeyToECDSA`, with `starkbank-ecdsa`):
//!   the message is `timestamp + payload`; the signature is base64 of a DER `ECDSA-Sig-Value`,
//!   verified with SHA-256; the key is the base64 DER `SubjectPublicKeyInfo` (PEM armour
//!   optional). It checks **no timestamp window**, and the documentation sets none.
//!
//! **Window**: none by default, as the SDK; [`SendGrid::with_tolerance`] adds one.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::provider::registry::{About, Entry, Family, Keys, Signs};
use crate::provider::{Sign, Verify};
use crate::scheme::ecdsa;
use crate::scheme::header;
use crate::time::check_optional_window;
use crate::{
    Delivery, Error, HeaderKey, KeySet, Message, Secret, SecretError, SecretSet, SignError,
    SignedHeaders, Tolerance, UnixTime, Verified,
};

static SIGNATURE: HeaderKey = HeaderKey::new(
    "X-Twilio-Email-Event-Webhook-Signature",
    "x-twilio-email-event-webhook-signature",
);
static TIMESTAMP: HeaderKey = HeaderKey::new(
    "X-Twilio-Email-Event-Webhook-Timestamp",
    "x-twilio-email-event-webhook-timestamp",
);

static ABOUT: About = About {
    signature: "`X-Twilio-Email-Event-Webhook-Signature: <base64 DER ECDSA P-256>`",
    content: "`{X-Twilio-Email-Event-Webhook-Timestamp}{body}`",
    idempotency: None,
    event_type: None,
};

/// The registry's entry.
pub(crate) static ENTRY: Entry = Entry {
    id: SendGrid::ID,
    aliases: &[],
    name: "SendGrid",
    type_name: "SendGrid",
    family: Family::EcdsaP256,
    spec: None,
    about: Some(&ABOUT),
    headers: &[
        "X-Twilio-Email-Event-Webhook-Signature",
        "X-Twilio-Email-Event-Webhook-Timestamp",
    ],
    // A timestamp is signed, but no window is applied (see the module notes).
    tolerance: Some(Tolerance::unchecked()),
    signs: Signs::NOTHING_ELSE,
    keys: Keys::PublicKeys,
    secret_format: "verification key, base64 DER (SPKI); to sign, a base64 DER PKCS#8 private key",
    runs_its_spec: false,
    build: |secrets, options| {
        let tolerance = options.tolerance_only(SendGrid::ID, true)?;
        let mut sendgrid = SendGrid::new(secrets)?;
        sendgrid.tolerance = tolerance;
        Ok(crate::AnyProvider::new(sendgrid))
    },
};

/// SendGrid's signed Event Webhook.
///
/// - **Verifies** `X-Twilio-Email-Event-Webhook-Signature` (canonical padded base64 of a DER
///   ECDSA signature): P-256 / SHA-256 over `X-Twilio-Email-Event-Webhook-Timestamp` as
///   received, then the body, with any of the keys.
/// - **Window**: none by default, as the official SDK; [`SendGrid::with_tolerance`] adds one.
/// - **Keys**: the verification key as the Mail Settings page shows it, base64 of its DER
///   `SubjectPublicKeyInfo` (PEM armour accepted). To sign (tests, local tools), a base64 DER
///   PKCS#8 private key. Only the first key of the set signs; a provider built from public
///   keys only returns [`SignError::Missing`].
/// - **Idempotency key** and **event type**: none for the delivery, which is a batch of events
///   (each has its own `sg_event_id` and `event`).
///
/// ```
/// use hooksign::{SendGrid, SecretSet, Delivery, Verify, UnixTime};
///
/// // The official `@sendgrid/eventwebhook` tests (tests/vectors/sendgrid.json).
/// let sendgrid = SendGrid::new(SecretSet::new(["MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g=="])?)?;
/// let body = b"[{\"email\":\"hello@world.com\",\"event\":\"dropped\",\"reason\":\"Bounced Address\",\"sg_event_id\":\"ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA\",\"sg_message_id\":\"LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0\",\"smtp-id\":\"<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>\",\"timestamp\":1600112492}]\r\n";
/// let headers = [
///     ("X-Twilio-Email-Event-Webhook-Signature", "MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM="),
///     ("X-Twilio-Email-Event-Webhook-Timestamp", "1600112502"),
/// ];
/// assert!(hooksign::verify(&sendgrid, &headers, body).is_ok());
/// let err = hooksign::verify(&sendgrid, &headers, b"payload").unwrap_err();
/// assert_eq!(err.code(), "signature_mismatch");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct SendGrid {
    keys: ecdsa::Keys,
    tolerance: Option<Tolerance>,
}

impl SendGrid {
    /// The provider id.
    pub const ID: &'static str = "sendgrid";

    /// A verifier for these keys as SendGrid shows them (base64 DER public keys; a base64
    /// DER PKCS#8 private key first also signs).
    pub fn new(keys: SecretSet) -> Result<Self, SecretError> {
        Ok(SendGrid {
            keys: ecdsa::Keys::from_secrets(&keys, der)?,
            tolerance: None,
        })
    }

    /// A verifier for these P-256 public keys (it cannot sign).
    pub fn from_key_set(keys: KeySet) -> Result<Self, SecretError> {
        Ok(SendGrid {
            keys: ecdsa::Keys::from_key_set(keys)?,
            tolerance: None,
        })
    }

    /// Rejects deliveries whose timestamp is outside `tolerance` (or not unix seconds). By
    /// default no window is applied, as SendGrid's SDK applies none.
    pub fn with_tolerance(mut self, tolerance: Tolerance) -> Self {
        self.tolerance = Some(tolerance);
        self
    }
}

/// The DER of a key written as base64, with or without PEM armour (`-----BEGIN …-----`
/// lines are dropped, line breaks ignored).
fn der(index: usize, secret: &Secret) -> Result<Vec<u8>, SecretError> {
    let text = std::str::from_utf8(secret.expose()).map_err(|_| SecretError::NotBase64 {
        index,
        prefix: "".into(),
    })?;
    let base64: zeroize::Zeroizing<String> = zeroize::Zeroizing::new(
        text.lines()
            .map(str::trim)
            .filter(|line| !line.starts_with("-----"))
            .collect(),
    );
    STANDARD
        .decode(base64.as_bytes())
        .map_err(|_| SecretError::NotBase64 {
            index,
            prefix: "".into(),
        })
}

impl Verify for SendGrid {
    fn id(&self) -> &str {
        Self::ID
    }

    fn verify_at<'r>(&self, delivery: &Delivery<'r>, now: UnixTime) -> Result<Verified<'r>, Error> {
        let headers = delivery.headers();
        let signature = header::non_empty(headers, &SIGNATURE)?;
        let timestamp = header::non_empty(headers, &TIMESTAMP)?;
        let signed_at = check_optional_window(timestamp, self.tolerance, &TIMESTAMP, now)?;
        let signature = ecdsa::decode_signature(signature, &SIGNATURE)?;
        let body = delivery.body();
        let matched = self
            .keys
            .find(&[timestamp.as_bytes(), body], &signature)
            .ok_or(Error::SignatureMismatch {
                secrets: self.keys.len(),
                signatures: 1,
            })?;
        let mut verified = Verified::from_parts(Self::ID.into(), matched, body);
        verified.timestamp = signed_at;
        Ok(verified)
    }
}

impl Sign for SendGrid {
    fn sign_at(&self, message: &Message<'_>, now: UnixTime) -> Result<SignedHeaders, SignError> {
        let timestamp = message.timestamp_or(now).as_secs().to_string();
        let signature = self.keys.sign(&[timestamp.as_bytes(), message.body()])?;
        let mut out = SignedHeaders::new();
        out.push(&SIGNATURE, ecdsa::encode_signature(&signature));
        out.push(&TIMESTAMP, timestamp);
        Ok(out)
    }
}
