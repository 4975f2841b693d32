//! Polar: Standard Webhooks `v1` on `webhook-id`, `webhook-timestamp`, `webhook-signature`,
//! keyed with the whole secret's bytes.
//!
//! Sources:
//! - Official SDK `@polar-sh/sdk` (npm) 0.49.0, `src/webhooks.ts`,
//!   `validateEvent(body, headers, secret)`: `new Webhook(Buffer.from(secret, 'utf-8')
//!   .toString('base64'))` from `standardwebhooks` (1.1.1 as resolved), then `verify(body,
//!   headers)`, then the event is parsed against the SDK's schema for its `type` (an unknown
//!   type or a payload that does not match throws `SDKValidationError`). Encoding the secret
//!   as base64 only for the library to decode it again makes the HMAC key the secret's UTF-8
//!   bytes, `polar_whs_…` prefix included: nothing is stripped or decoded. The rest is the
//!   reference library: `{id}.{timestamp}.{body}`, every `v1,` entry a candidate, the
//!   timestamp `parseInt`-ed and signed as a number, rejected more than 300 s old or ahead,
//!   before the signatures are looked at.
//! - Polar Docs, "Handle & monitor webhook deliveries"
//!   (<https://polar.sh/docs/integrate/webhooks/delivery>): Polar follows Standard Webhooks;
//!   "the webhook secret is expected to be base64 encoded" by a Standard Webhooks library
//!   (the SDK does it for you); failed deliveries are retried up to 10 times with
//!   exponential backoff, and can be redelivered from the dashboard.
//! - The Standard Webhooks specification (see [`StandardWebhooks`](crate::StandardWebhooks)):
//!   the `webhook-id` stays the same on every retry of a message.

use crate::provider::spec::{SecretFormat, Spec};
use crate::scheme::standard_webhooks::{
    self as scheme, WEBHOOK_ID, WEBHOOK_SIGNATURE, WEBHOOK_TIMESTAMP,
};

/// The Standard Webhooks scheme with the secret used as text.
pub(crate) static SPEC: Spec = scheme::spec_with_secret(
    &WEBHOOK_ID,
    &WEBHOOK_TIMESTAMP,
    &WEBHOOK_SIGNATURE,
    SecretFormat::Text,
);

spec_provider! {
    /// Polar webhooks (orders, subscriptions, customers, benefits, …).
    ///
    /// - **Verifies** exactly like [`StandardWebhooks`](crate::StandardWebhooks) (every
    ///   `v1,<base64>` entry of `webhook-signature` over
    ///   `{webhook-id}.{webhook-timestamp}.{body}`), with the one difference Polar's SDK makes:
    ///   the key.
    /// - **Secret**: the endpoint's webhook secret (`polar_whs_…`, or one you chose), used as
    ///   text, prefix included, as `@polar-sh/sdk@0.49.0`'s `validateEvent` does. Do not
    ///   base64-decode it or strip a prefix: a Standard Webhooks library given the raw secret
    ///   computes another key.
    /// - **Replay window**: 300 s either way, checked first, as the reference library does;
    ///   [`Polar::with_tolerance`] sets another.
    /// - **Idempotency key**: `polar:<webhook-id>`. Polar retries a failed delivery up to
    ///   10 times; Standard Webhooks keeps the message id on every retry, so the key is
    ///   stable across them.
    /// - **Event type**: the body's `type` (e.g. `order.paid`).
    /// - **Not checked**: the SDK's `validateEvent` also parses the event against its schema
    ///   for the `type` and throws on an unknown type or a mismatched payload; hooksign
    ///   accepts any correctly signed body, as the SDK's signature check does.
    ///
    /// ```
    /// use hooksign::{Delivery, Polar, SecretSet, UnixTime, Verify};
    ///
    /// // Generated with @polar-sh/sdk@0.49.0 (tests/vectors/polar.json, `polar-valid-compact`).
    /// let polar = Polar::new(SecretSet::new(["polar_whs_hooksign0polar0webhook0secret0001"])?);
    /// let headers = [
    ///     ("webhook-id", "msg_2abcHooksignPolar0001"),
    ///     ("webhook-timestamp", "1700000000"),
    ///     ("webhook-signature", "v1,/275gUDN8byaNO1MTHKrm4N2I9sSK+XA5FaaqxCJrXQ="),
    /// ];
    /// let delivery = Delivery::new(&headers, br#"{"type":"order.paid","data":{}}"#);
    /// let verified = polar.verify_at(&delivery, UnixTime::from_secs(1_700_000_010))?;
    /// assert_eq!(verified.idempotency_key().unwrap().as_str(), "polar:msg_2abcHooksignPolar0001");
    /// assert_eq!(verified.event_type().as_deref(), Some("order.paid"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Polar, id = "polar", name = "Polar", aliases = [], spec = SPEC,
    secrets = text("webhook secret (polar_whs_…), as text"), timestamped = scheme::TOLERANCE
}
