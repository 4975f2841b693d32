//! Checkout.com: `Cko-Signature: <hex HMAC-SHA256(webhook signature key, body)>`.
//!
//! Sources:
//! - Checkout.com Docs, "Set up your webhook receiver"
//!   (<https://www.checkout.com/docs/developer-resources/webhooks/manage-webhooks/set-up-your-webhook-receiver>):
//!   the HMAC is computed over the webhook's contents with SHA-256, keyed with the key given
//!   in the workflow's webhook action, and sent "hex-encoded (Base16)" in the `Cko-Signature`
//!   header; compute it over the raw body (re-serializing changes characters such as ©, ®,
//!   ™). Custom headers (an `Authorization` key) can be added to each notification.
//! - Checkout.com Docs, "Receive webhooks" (<https://www.checkout.com/docs/workflows>): a
//!   failed webhook is resent up to eight times (5 minutes to 12 hours apart), and
//!   Checkout.com sends webhooks at least once, in no guaranteed order.
//! - Checkout.com Docs, webhook event types (e.g.
//!   <https://www.checkout.com/docs/developer-resources/webhooks/webhook-event-types/payment_paid>):
//!   the body is the event, with its `id` (`evt_…`), its `type` (`payment_paid`), `version`,
//!   `created_on` and `data`.
//! - Checkout.com's own PrestaShop plugin (`checkout/checkout-prestashop1.7-plugin`,
//!   `controllers/front/webhook.php`): compares the `Cko-Signature` header with PHP's
//!   `hash_hmac('sha256', $body, $key)` using `!==`, so the hex is lower case and the key is
//!   used as text.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, BodyPaths, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("Cko-Signature", "cko-signature")];

/// The scheme: bare lower-case hex of HMAC-SHA256 over the body; ids from the body.
// Lower case only: the official plugin compares `hash_hmac`'s lower-case hex with `!==`.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    idempotency: Source::Body(BodyPaths::from_static(&[&["id"]])),
    event_type: Source::Body(BodyPaths::from_static(&[&["type"]])),
};

spec_provider! {
    /// Checkout.com webhooks (the Workflows API's webhook action).
    ///
    /// - **Verifies** `Cko-Signature: <hex>`, the HMAC-SHA256 of the raw body, in lower case
    ///   as Checkout.com's own plugin compares it. Nothing else is signed; a custom
    ///   `Authorization` header, if you configured one, is yours to check.
    /// - **No timestamp** is signed, so there is no replay window: deduplicate on the event
    ///   id.
    /// - **Secret**: the signature key you give in the workflow's webhook action, used as
    ///   text. Checkout.com documents no rotation behaviour; while you change the key, keep
    ///   both in the [`SecretSet`](crate::SecretSet).
    /// - **Idempotency key**: `checkout-com:<id>`, the event's id (`evt_…`) from the body.
    ///   Checkout.com delivers at least once and resends the webhook on failure; a resent
    ///   webhook is the same event, so it carries the same id (the docs do not say it in
    ///   those words).
    /// - **Event type**: the body's `type` (e.g. `payment_approved`, `payment_captured`).
    ///
    /// ```
    /// use hooksign::{CheckoutCom, SecretSet};
    ///
    /// // From the documented model (tests/vectors/checkout-com.json, `checkout-com-valid-compact`).
    /// let checkout = CheckoutCom::new(SecretSet::new(["hooksign-checkout-com-signature-key-0001"])?);
    /// let body = br#"{"id":"evt_hbnxegj3dqyu5fsd4p2b4bxvpa","type":"payment_approved","data":{"id":"pay_g2fmfh6hwj4eho5lm7jrxu4pne"}}"#;
    /// let headers = [(
    ///     "Cko-Signature",
    ///     "0ea545e2208547b6f4966c7792df941f8df21c6d42ce28d35f1af10af9d7e80c",
    /// )];
    /// let verified = hooksign::verify(&checkout, &headers, body)?;
    /// assert_eq!(
    ///     verified.idempotency_key().unwrap().as_str(),
    ///     "checkout-com:evt_hbnxegj3dqyu5fsd4p2b4bxvpa"
    /// );
    /// assert_eq!(verified.event_type().as_deref(), Some("payment_approved"));
    ///
    /// // The same signature in upper case is refused: the hex is compared as lower-case text.
    /// let upper = [("Cko-Signature", "0EA545E2208547B6F4966C7792DF941F8DF21C6D42CE28D35F1AF10AF9D7E80C")];
    /// assert!(hooksign::verify(&checkout, &upper, body).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    CheckoutCom, id = "checkout-com", name = "Checkout.com", aliases = [], spec = SPEC,
    secrets = text("webhook signature key, as text")
}
