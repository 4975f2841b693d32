//! Paystack: `x-paystack-signature: <hex HMAC-SHA512(secret key, body)>`.
//!
//! Sources:
//! - Paystack Docs, "Webhooks", "Verify event origin"
//!   (<https://paystack.com/docs/payments/webhooks/>): the verification snippets the page
//!   shows are built from Paystack's repository `PaystackOSS/doc-code-snippets`,
//!   `src/doc/payments/webhooks/verifying-transaction/` (`index.js`, `index.php`,
//!   `index.java`, `index.cs`). Each computes the HMAC-SHA512 of the request body keyed with
//!   the Paystack secret key as text and compares its lower-case hex with the
//!   `x-paystack-signature` header (`==` in JS, `!==` in PHP, `toLowerCase().equals` in
//!   Java). Nothing else is read: no timestamp, no id header.
//! - The event samples in the same repository (`src/doc/payments/webhooks/events/`): the body
//!   is `{"event": "<type>", "data": {…}}`, with no event or delivery id at the top level.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, BodyPaths, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] =
    [HeaderKey::new("x-paystack-signature", "x-paystack-signature")];

/// The scheme: bare lower-case hex of HMAC-SHA512 over the body.
// Every snippet compares the lower-case hex digest as a string: upper case is refused.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha512,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::Body(BodyPaths::from_static(&[&["event"]])),
};

spec_provider! {
    /// Paystack webhooks (charges, transfers, subscriptions, invoices, disputes, …).
    ///
    /// - **Verifies** `x-paystack-signature: <hex>`, the HMAC-SHA512 of the raw body, in lower
    ///   case as the snippets in Paystack's docs compare it. Nothing else is signed.
    /// - **No timestamp** is signed, so there is no replay window: deduplicate on the event's
    ///   own data.
    /// - **Secret**: your Paystack secret key (`sk_live_…` or `sk_test_…`, the API secret key,
    ///   not a separate webhook secret), used as text. Test and live mode sign with their own
    ///   key.
    /// - **Idempotency key**: none. The body carries no event or delivery id; what identifies
    ///   an event is in `data` and depends on its type (e.g. a charge's `data.reference`), so
    ///   it is left to the application.
    /// - **Event type**: the body's `event` (e.g. `charge.success`, `transfer.success`).
    ///
    /// ```
    /// use hooksign::{Paystack, SecretSet};
    ///
    /// // From tests/vectors/paystack.json (`paystack-valid-compact`), an independent model of
    /// // Paystack's documented check.
    /// let paystack = Paystack::new(SecretSet::new(["sk_test_hooksign0paystack0secret0key0000001"])?);
    /// let body = br#"{"event":"charge.success","data":{"id":302961,"domain":"test","status":"success","reference":"qTPrJoy9Bx","amount":10000,"currency":"NGN"}}"#;
    /// let headers = [("x-paystack-signature", "ace078092eb2038b48db88d043fc85027277dc604ebde025a3afd27de0b68fbc971641d0893729407da8f6453b11147bf117d12ea0e436c54fb75d7ad0f5343f")];
    /// let verified = hooksign::verify(&paystack, &headers, body)?;
    /// assert_eq!(verified.event_type().as_deref(), Some("charge.success"));
    ///
    /// // Another amount, same signature: rejected.
    /// let forged = br#"{"event":"charge.success","data":{"id":302961,"domain":"test","status":"success","reference":"qTPrJoy9Bx","amount":99999,"currency":"NGN"}}"#;
    /// assert!(hooksign::verify(&paystack, &headers, forged).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Paystack, id = "paystack", name = "Paystack", aliases = [], spec = SPEC,
    secrets = text("secret key (sk_live_…/sk_test_…), as text")
}
