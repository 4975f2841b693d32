//! Clerk: Standard Webhooks sent through Svix on `svix-id`, `svix-timestamp`, `svix-signature`.
//!
//! Sources:
//! - Clerk Docs, "Webhooks overview"
//!   (<https://clerk.com/docs/guides/development/webhooks/overview>): "Clerk uses Svix to send
//!   our webhooks"; the signing secret is on the endpoint's page in the Clerk Dashboard; the
//!   payload's `type` is the event type (`user.created`, …) and `data` the object.
//! - Clerk Docs, `verifyWebhook()` reference
//!   (<https://clerk.com/docs/reference/backend/verify-webhook>) and its source,
//!   `@clerk/backend` `src/webhooks.ts` (clerk/javascript): the secret is
//!   `CLERK_WEBHOOK_SIGNING_SECRET`; the three `svix-*` headers are read (trimmed) and are all
//!   required ("Missing required webhook headers"); they are handed to the `standardwebhooks`
//!   library as `webhook-*`, which verifies them: `{id}.{timestamp}.{body}`, HMAC-SHA256 keyed
//!   with the base64 after `whsec_`, any `v1,` entry may match, ±300 s.
//! - Svix, "Verifying Webhooks Manually"
//!   (<https://docs.svix.com/receiving/verifying-payloads/how-manual>): the construction, and
//!   that `svix-id` stays the same when a message is resent after a failure.

use crate::HeaderKey;
use crate::provider::spec::Spec;
use crate::scheme::standard_webhooks as scheme;

// Only the `svix-*` names: Clerk's `verifyWebhook` requires them and reads no `webhook-*`
// fallback (unlike the svix libraries).
static ID: [HeaderKey; 1] = [HeaderKey::new("svix-id", "svix-id")];
static TIMESTAMP: [HeaderKey; 1] = [HeaderKey::new("svix-timestamp", "svix-timestamp")];
static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("svix-signature", "svix-signature")];

/// The Standard Webhooks scheme on Svix's header names.
pub(crate) static SPEC: Spec = scheme::spec(&ID, &TIMESTAMP, &SIGNATURE);

spec_provider! {
    /// Clerk webhooks (users, sessions, organizations, emails, …), delivered by Svix.
    ///
    /// - **Verifies** exactly like [`StandardWebhooks`](crate::StandardWebhooks) on `svix-id`,
    ///   `svix-timestamp` and `svix-signature`: every `v1,<base64>` entry is a candidate
    ///   HMAC-SHA256 of `{svix-id}.{svix-timestamp}.{body}`. All three headers are required, as
    ///   `@clerk/backend`'s `verifyWebhook` requires them; there is no `webhook-*` fallback
    ///   (use [`Svix`](crate::Svix) for a white-labelled sender).
    /// - **Replay window**: 300 s either way, checked before the signature, as the Standard
    ///   Webhooks library Clerk's SDK calls does; [`Clerk::with_tolerance`] sets another.
    /// - **Secret**: the endpoint's signing secret from the Clerk Dashboard
    ///   (`CLERK_WEBHOOK_SIGNING_SECRET`, `whsec_<base64>`); the key is the base64 after the
    ///   prefix, decoded. A secret that is not base64 is a
    ///   [`SecretError`](crate::SecretError).
    /// - **Idempotency key**: `clerk:<svix-id>`, the Svix message id, the same on every retry
    ///   and manual resend of the message.
    /// - **Event type**: the body's `type` (e.g. `user.created`).
    /// - **Header values**: Clerk's SDK trims them before verifying; hooksign reads them as
    ///   received, which is what Svix sends.
    ///
    /// ```
    /// use hooksign::{Clerk, Delivery, SecretSet, UnixTime, Verify};
    ///
    /// // The Svix documentation example (tests/vectors/clerk.json, `clerk-svix-docs-example`).
    /// let clerk = Clerk::new(SecretSet::new(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])?)?;
    /// let headers = [
    ///     ("svix-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
    ///     ("svix-timestamp", "1614265330"),
    ///     ("svix-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
    /// ];
    /// let now = UnixTime::from_secs(1_614_265_330);
    /// let verified = clerk.verify_at(&Delivery::new(&headers, br#"{"test": 2432232314}"#), now)?;
    /// assert_eq!(verified.idempotency_key().unwrap().as_str(), "clerk:msg_p5jXN8AQM9LWM0D4loKWxJek");
    ///
    /// // The same delivery with one byte of the body changed is rejected.
    /// assert!(clerk.verify_at(&Delivery::new(&headers, br#"{"test": 2432232315}"#), now).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Clerk, id = "clerk", name = "Clerk", aliases = [], spec = SPEC,
    secrets = decoded("signing secret (whsec_<base64 key>)"), timestamped = scheme::TOLERANCE
}
