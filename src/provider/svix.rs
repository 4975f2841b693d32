//! Svix: Standard Webhooks on `svix-id`, `svix-timestamp`, `svix-signature`.
//!
//! Sources: docs.svix.com "Verifying payloads manually" and the official `svix` libraries
//! (python `svix/webhooks.py`, JavaScript `webhook.ts`): each `svix-*` header is used when
//! present, else its white-labelled `webhook-*` counterpart; verification is then the Standard
//! Webhooks reference code.

use crate::HeaderKey;
use crate::provider::spec::Spec;
use crate::scheme::standard_webhooks as scheme;

/// Each `svix-*` header, else its white-labelled `webhook-*` counterpart.
static ID: [HeaderKey; 2] = [
    HeaderKey::new("svix-id", "svix-id"),
    HeaderKey::new("webhook-id", "webhook-id"),
];
static TIMESTAMP: [HeaderKey; 2] = [
    HeaderKey::new("svix-timestamp", "svix-timestamp"),
    HeaderKey::new("webhook-timestamp", "webhook-timestamp"),
];
static SIGNATURE: [HeaderKey; 2] = [
    HeaderKey::new("svix-signature", "svix-signature"),
    HeaderKey::new("webhook-signature", "webhook-signature"),
];

pub(crate) static SPEC: Spec = scheme::spec(&ID, &TIMESTAMP, &SIGNATURE);

spec_provider! {
    /// Svix and the services that send through it under Svix's headers (those with their own
    /// entry, such as [`Clerk`](crate::Clerk), are listed by their own id).
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
    Svix, id = "svix", name = "Svix", aliases = [], spec = SPEC,
    secrets = decoded("whsec_<base64 key>"), timestamped = scheme::TOLERANCE
}
