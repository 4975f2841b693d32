//! Resend: Standard Webhooks sent through Svix on `svix-id`, `svix-timestamp`,
//! `svix-signature`.
//!
//! Sources:
//! - Resend Docs, "Verify Webhooks Requests"
//!   (<https://resend.com/docs/webhooks/verify-webhooks-requests>): the signing secret is on
//!   the webhook's page (and in the create, retrieve and list webhook API responses); the SDK's
//!   `resend.webhooks.verify` is given the raw body, the `svix-id`, `svix-timestamp` and
//!   `svix-signature` headers and the secret; verifying by hand means using the Svix
//!   libraries.
//! - Official SDK `resend` (resend/resend-node, `src/webhooks/webhooks.ts`): `verify` hands
//!   the three values to the `standardwebhooks` library (`new Webhook(secret).verify`):
//!   `{id}.{timestamp}.{body}`, HMAC-SHA256 keyed with the base64 after `whsec_`, any `v1,`
//!   entry may match, ±300 s.
//! - Svix, "Verifying Webhooks Manually"
//!   (<https://docs.svix.com/receiving/verifying-payloads/how-manual>): the construction, and
//!   that `svix-id` stays the same when a message is resent after a failure.

use crate::HeaderKey;
use crate::provider::spec::Spec;
use crate::scheme::standard_webhooks as scheme;

// The names Resend's docs pass to its SDK; Resend documents no white-labelled `webhook-*` set.
static ID: [HeaderKey; 1] = [HeaderKey::new("svix-id", "svix-id")];
static TIMESTAMP: [HeaderKey; 1] = [HeaderKey::new("svix-timestamp", "svix-timestamp")];
static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("svix-signature", "svix-signature")];

/// The Standard Webhooks scheme on Svix's header names.
pub(crate) static SPEC: Spec = scheme::spec(&ID, &TIMESTAMP, &SIGNATURE);

spec_provider! {
    /// Resend webhooks (`email.sent` and the other events), delivered by Svix.
    ///
    /// - **Verifies** exactly like [`StandardWebhooks`](crate::StandardWebhooks) on `svix-id`,
    ///   `svix-timestamp` and `svix-signature`: every `v1,<base64>` entry is a candidate
    ///   HMAC-SHA256 of `{svix-id}.{svix-timestamp}.{body}`.
    /// - **Replay window**: 300 s either way, checked before the signature, as the Standard
    ///   Webhooks library behind `resend.webhooks.verify` does; [`Resend::with_tolerance`] sets
    ///   another.
    /// - **Secret**: the webhook's signing secret (`whsec_<base64>`, e.g.
    ///   `RESEND_WEBHOOK_SECRET`); the key is the base64 after the prefix, decoded. A secret
    ///   that is not base64 is a [`SecretError`](crate::SecretError).
    /// - **Idempotency key**: `resend:<svix-id>`, the Svix message id, the same on every retry
    ///   of the message.
    /// - **Event type**: the body's `type` (e.g. `email.delivered`).
    ///
    /// ```
    /// use hooksign::{Delivery, Resend, SecretSet, UnixTime, Verify};
    ///
    /// // The Svix documentation example (tests/vectors/resend.json, `resend-svix-docs-example`).
    /// let resend = Resend::new(SecretSet::new(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])?)?;
    /// let headers = [
    ///     ("svix-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
    ///     ("svix-timestamp", "1614265330"),
    ///     ("svix-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
    /// ];
    /// let body = br#"{"test": 2432232314}"#;
    /// let verified = resend.verify_at(&Delivery::new(&headers, body), UnixTime::from_secs(1_614_265_330))?;
    /// assert_eq!(verified.idempotency_key().unwrap().as_str(), "resend:msg_p5jXN8AQM9LWM0D4loKWxJek");
    ///
    /// // Ten minutes later the same delivery is outside the window.
    /// assert!(resend.verify_at(&Delivery::new(&headers, body), UnixTime::from_secs(1_614_265_930)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Resend, id = "resend", name = "Resend", aliases = [], spec = SPEC,
    secrets = decoded("signing secret (whsec_<base64 key>)"), timestamped = scheme::TOLERANCE
}
