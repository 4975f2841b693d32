//! Standard Webhooks: `webhook-signature: v1,<base64 HMAC-SHA256(key, "{id}.{ts}.{body}")> …`.
//!
//! Sources: the Standard Webhooks specification 1.0.0 (standard-webhooks/standard-webhooks
//! `spec/standard-webhooks.md`) and its reference libraries (`libraries/python`,
//! `libraries/javascript`). The scheme itself is
//! [`scheme::standard_webhooks`](crate::scheme::standard_webhooks), shared with every provider
//! that sends it.

use crate::provider::spec::Spec;
use crate::scheme::standard_webhooks::{
    self as scheme, WEBHOOK_ID, WEBHOOK_SIGNATURE, WEBHOOK_TIMESTAMP,
};

pub(crate) static SPEC: Spec = scheme::spec(&WEBHOOK_ID, &WEBHOOK_TIMESTAMP, &WEBHOOK_SIGNATURE);

spec_provider! {
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
    StandardWebhooks, id = "standard-webhooks", name = "Standard Webhooks",
    aliases = ["standardwebhooks"], spec = SPEC, secrets = decoded("whsec_<base64 key>"),
    timestamped = scheme::TOLERANCE
}

impl StandardWebhooks {
    /// Signs with every secret (one `v1,` entry each, primary first), as a sender does while
    /// rotating. By default only the primary signs.
    pub fn with_all_secrets_signing(mut self) -> Self {
        self.engine.sign_with_all = true;
        self
    }
}
