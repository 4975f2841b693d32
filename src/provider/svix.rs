//! Svix: Standard Webhooks on `svix-id`, `svix-timestamp`, `svix-signature`.
//!
//! Sources: docs.svix.com "Verifying payloads manually" and the official `svix` libraries
//! (python `svix/webhooks.py`, JavaScript `webhook.ts`): each `svix-*` header is used when
//! present, else its white-labelled `webhook-*` counterpart; verification is then the Standard
//! Webhooks reference code.

use crate::provider::standard_webhooks::{Engine, Names, Received, WEBHOOK_NAMES, verified};
use crate::provider::{Sign, Verify};
use crate::scheme::header;
use crate::{
    Delivery, Error, HeaderKey, Headers, Message, SecretError, SecretSet, SignError, SignedHeaders,
    Tolerance, UnixTime, Verified,
};

static SVIX_NAMES: Names = Names {
    id: HeaderKey::new("svix-id", "svix-id"),
    timestamp: HeaderKey::new("svix-timestamp", "svix-timestamp"),
    signature: HeaderKey::new("svix-signature", "svix-signature"),
};

/// Svix and the services that send through it (Clerk, Resend, and many more).
///
/// - **Verifies** exactly like [`StandardWebhooks`](crate::StandardWebhooks), reading each of
///   `svix-id`, `svix-timestamp`, `svix-signature` and, for any that is absent, its
///   white-labelled `webhook-*` counterpart (header by header, as the svix libraries do; a
///   present but empty `svix-*` header does not fall back).
/// - **Secret**: `whsec_<base64>` from the Svix dashboard.
/// - **Idempotency key**: `svix:<svix-id>`, the message id, the same on every retry.
///
/// ```
/// use hooksign::{Svix, SecretSet, Delivery, Verify, UnixTime};
///
/// // The Svix documentation example.
/// let svix = Svix::new(SecretSet::new(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])?)?;
/// let headers = [
///     ("svix-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
///     ("svix-timestamp", "1614265330"),
///     ("svix-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
/// ];
/// let verified = svix.verify_at(&Delivery::new(&headers, br#"{"test": 2432232314}"#), UnixTime::from_secs(1614265330))?;
/// assert_eq!(verified.idempotency_key().unwrap().as_str(), "svix:msg_p5jXN8AQM9LWM0D4loKWxJek");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Svix {
    pub(crate) engine: Engine,
}

impl Svix {
    /// The provider id.
    pub const ID: &'static str = "svix";

    /// A verifier and signer for these `whsec_…` secrets.
    pub fn new(secrets: SecretSet) -> Result<Self, SecretError> {
        Ok(Svix {
            engine: Engine::new(&secrets)?,
        })
    }

    /// Sets the replay window (default: 300 s either way).
    pub fn with_tolerance(mut self, tolerance: Tolerance) -> Self {
        self.engine.tolerance = tolerance;
        self
    }
}

/// The `svix-*` header if present, else the `webhook-*` one. A present but empty `svix-*`
/// header does not fall back; it counts as missing, as in the svix libraries.
fn pick<'h>(
    headers: &'h dyn Headers,
    svix: &'static HeaderKey,
    fallback: &'static HeaderKey,
) -> Result<(&'static HeaderKey, &'h str), Error> {
    let (name, value) = match header::optional(headers, svix)? {
        Some(value) => (svix, value),
        None => (
            fallback,
            header::optional(headers, fallback)?.unwrap_or_default(),
        ),
    };
    if value.is_empty() {
        return Err(Error::missing(svix));
    }
    Ok((name, value))
}

impl Verify for Svix {
    fn id(&self) -> &'static str {
        Self::ID
    }

    fn verify_at<'r>(&self, request: &Delivery<'r>, now: UnixTime) -> Result<Verified<'r>, Error> {
        let headers = request.headers();
        let (_, id) = pick(headers, &SVIX_NAMES.id, &WEBHOOK_NAMES.id)?;
        let received = Received {
            id,
            timestamp: pick(headers, &SVIX_NAMES.timestamp, &WEBHOOK_NAMES.timestamp)?,
            signature: pick(headers, &SVIX_NAMES.signature, &WEBHOOK_NAMES.signature)?,
        };
        let outcome = self.engine.verify(&received, request.body(), now)?;
        Ok(verified(Self::ID, outcome, id, request.body()))
    }
}

impl Sign for Svix {
    fn sign_at(&self, message: &Message<'_>, now: UnixTime) -> Result<SignedHeaders, SignError> {
        let [id, ts, signature] = self.engine.sign(message, now)?;
        let mut out = SignedHeaders::new();
        out.push(&SVIX_NAMES.id, id);
        out.push(&SVIX_NAMES.timestamp, ts);
        out.push(&SVIX_NAMES.signature, signature);
        Ok(out)
    }
}
