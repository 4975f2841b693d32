//! Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]` over `"{t}.{body}"`.
//!
//! Sources: official SDKs stripe-python (`stripe/_webhook.py`, `WebhookSignature`) and
//! stripe-node (`src/Webhooks.ts`): HMAC-SHA256 keyed with the endpoint secret *as text*
//! (`whsec_…` prefix included), only `v1` entries count, `DEFAULT_TOLERANCE = 300` and only
//! timestamps older than that are rejected.

use crate::provider::{Sign, Verify};
use crate::scheme::list::{KeyValues, Signatures};
use crate::scheme::mac::Keyring;
use crate::scheme::{Algorithm, Encoding, header};
use crate::time::{SignedTimestamp, parse_unix};
use crate::verified::Field;
use crate::{
    Delivery, Error, HeaderKey, Malformed, Message, SecretSet, SignError, SignedHeaders, Tolerance,
    UnixTime, Verified,
};

static SIGNATURE: HeaderKey = HeaderKey::new("Stripe-Signature", "stripe-signature");

/// Stripe webhooks (and Stripe Connect, Stripe CLI forwarding).
///
/// - **Verifies** every `v1=` entry of `Stripe-Signature` (Stripe sends several while an
///   endpoint secret is being rolled); `v0=` and unknown schemes are ignored, so a downgrade
///   is impossible. Hex must be lower-case, as the SDKs compare strings.
/// - **Secret**: the `whsec_…` endpoint secret, used as text, prefix included.
/// - **Replay window**: 300 s in the past, any time in the future, as the official SDKs do;
///   [`Stripe::with_tolerance`] sets another (e.g. `Tolerance::symmetric(300)` to bound the future).
/// - **Idempotency key**: `stripe:<event id>`, the body's `id` (`evt_…`), read on request.
///   Stripe retries a failed delivery for up to three days with the same event id, so the key
///   is stable across retries.
/// - **Event type**: the body's `type` (e.g. `payment_intent.succeeded`).
///
/// ```
/// use hooksign::{Stripe, SecretSet, Delivery, Verify, UnixTime};
///
/// let stripe = Stripe::new(SecretSet::new(["whsec_from_the_dashboard"])?);
/// # use hooksign::{Sign, Message};
/// # let body = br#"{"id":"evt_1","type":"charge.succeeded"}"#;
/// # let headers = stripe.sign_at(&Message::new(body), UnixTime::from_secs(1_700_000_000))?;
/// let verified = stripe.verify_at(&Delivery::new(&headers, body), UnixTime::from_secs(1_700_000_100))?;
/// assert_eq!(verified.idempotency_key().unwrap().as_str(), "stripe:evt_1");
/// assert_eq!(verified.event_type().as_deref(), Some("charge.succeeded"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Stripe {
    ring: Keyring,
    pub(crate) tolerance: Tolerance,
    sign_with_all: bool,
}

impl Stripe {
    /// The provider id.
    pub const ID: &'static str = "stripe";

    /// The SDKs' default window: 300 s in the past, no limit in the future.
    pub const DEFAULT_TOLERANCE: Tolerance = Tolerance::past_only(300);

    /// A verifier and signer for these endpoint secrets.
    pub fn new(secrets: SecretSet) -> Self {
        Stripe {
            ring: Keyring::new(Algorithm::Sha256, &secrets),
            tolerance: Self::DEFAULT_TOLERANCE,
            sign_with_all: false,
        }
    }

    /// Sets the replay window.
    ///
    /// ```
    /// use hooksign::{Stripe, SecretSet, Tolerance};
    /// let strict = Stripe::new(SecretSet::new(["whsec_x"])?).with_tolerance(Tolerance::symmetric(300));
    /// # Ok::<(), hooksign::SecretError>(())
    /// ```
    pub fn with_tolerance(mut self, tolerance: Tolerance) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Signs with every secret of the set (one `v1=` each, primary first), as Stripe does while
    /// an endpoint secret is being rolled. Off by default: only the primary signs.
    pub fn with_all_secrets_signing(mut self) -> Self {
        self.sign_with_all = true;
        self
    }
}

impl Verify for Stripe {
    fn id(&self) -> &'static str {
        Self::ID
    }

    fn verify_at<'r>(&self, request: &Delivery<'r>, now: UnixTime) -> Result<Verified<'r>, Error> {
        let value = header::required(request.headers(), &SIGNATURE)?;
        let mut signatures = Signatures::new(Encoding::Hex, 32, &SIGNATURE, "v1");
        let timestamp_text = KeyValues::new(value, ',')
            .timestamp_and_signatures("t", "v1", &mut signatures)
            .map_err(|reason| Error::malformed(&SIGNATURE, reason))?;
        let timestamp = parse_unix(timestamp_text)
            .ok_or(Error::malformed(&SIGNATURE, Malformed::InvalidTimestamp))?;

        // The SDKs parse `t` to an integer and sign its canonical decimal form. (`find` refuses
        // a set with no `v1` or too many before computing anything.)
        let canonical = SignedTimestamp::new(timestamp, timestamp_text);
        let secret = self
            .ring
            .find(&[canonical.as_bytes(), b".", request.body()], &signatures)?;
        self.tolerance.check(timestamp, now)?;

        let mut verified = Verified::new(Self::ID, secret, request.body());
        verified.timestamp = Some(UnixTime::from_secs(timestamp));
        verified.idempotency = Field::Body(&[&["id"]]);
        verified.event_type = Field::Body(&[&["type"]]);
        Ok(verified)
    }
}

impl Sign for Stripe {
    fn sign_at(&self, message: &Message<'_>, now: UnixTime) -> Result<SignedHeaders, SignError> {
        let t = message.timestamp_or(now).as_secs().to_string();
        let parts: [&[u8]; 3] = [t.as_bytes(), b".", message.body()];
        let mut value = format!("t={t}");
        let count = if self.sign_with_all {
            self.ring.len()
        } else {
            1
        };
        for tag in self.ring.sign_all(&parts).take(count) {
            value.push_str(",v1=");
            value.push_str(&Encoding::Hex.encode(&tag));
        }
        let mut out = SignedHeaders::new();
        out.push(&SIGNATURE, value);
        Ok(out)
    }
}
