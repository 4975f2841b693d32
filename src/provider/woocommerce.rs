//! WooCommerce: `X-WC-Webhook-Signature: <base64 HMAC-SHA256(secret, body)>`.
//!
//! Sources:
//! - WooCommerce's own source (`woocommerce/woocommerce`,
//!   `plugins/woocommerce/includes/class-wc-webhook.php` at commit `00e1bc4da70f`, class
//!   `WC_Webhook`; <https://github.com/woocommerce/woocommerce>):
//!   - `deliver()` POSTs `trim(wp_json_encode($payload))` and sets `X-WC-Webhook-Source`,
//!     `-Topic` (e.g. `order.created`), `-Resource`, `-Event`, `-Signature`, `-ID` (the
//!     webhook's id) and `-Delivery-ID`;
//!   - `generate_signature($payload)` is `base64_encode(hash_hmac($algo, $payload,
//!     wp_specialchars_decode($secret, ENT_QUOTES), true))`: the standard, padded base64 of
//!     the raw HMAC over the body as sent, `$algo` being `sha256` unless a site changes it
//!     with the `woocommerce_webhook_hash_algorithm` filter;
//!   - `get_new_delivery_id()` is `wp_hash($webhook_id . strtotime('now'))`: one per
//!     delivery, but the same for two deliveries of one webhook within the same second;
//!   - `log_delivery()` / `failed_delivery()`: a failed delivery is counted (the webhook is
//!     disabled after more than 5 in a row), not retried;
//!   - `deliver_ping()` sends `webhook_id=<id>` with no signature when the webhook is saved.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, Encoding, Meta, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new(
    "X-WC-Webhook-Signature",
    "x-wc-webhook-signature",
)];

const TOPIC: HeaderKey = HeaderKey::new("X-WC-Webhook-Topic", "x-wc-webhook-topic");
const DELIVERY: HeaderKey = HeaderKey::new("X-WC-Webhook-Delivery-ID", "x-wc-webhook-delivery-id");

/// Read after the MAC, neither required: WooCommerce signs the body alone.
static METADATA: [Meta; 2] = [
    Meta {
        header: DELIVERY,
        required: false,
    },
    Meta {
        header: TOPIC,
        required: false,
    },
];

/// The scheme: padded standard base64 of HMAC-SHA256 over the body.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    // PHP's `base64_encode`: standard alphabet, padded.
    encoding: Encoding::Base64,
    secret: SecretFormat::Text,
    metadata: &METADATA,
    id: Source::Header(DELIVERY),
    // The delivery id repeats within a second (see the provider's docs): not a key.
    idempotency: Source::None,
    event_type: Source::Header(TOPIC),
};

spec_provider! {
    /// WooCommerce webhooks (a store's orders, products, customers, coupons and custom
    /// actions, from WooCommerce → Settings → Advanced → Webhooks).
    ///
    /// - **Verifies** `X-WC-Webhook-Signature: <base64>`, the standard padded base64 of the
    ///   HMAC-SHA256 of the raw body, as `WC_Webhook::generate_signature` writes it. A site
    ///   that changes the algorithm with the `woocommerce_webhook_hash_algorithm` filter needs
    ///   a [`Custom`](crate::provider::Custom) provider instead.
    /// - **No timestamp** is signed, so there is no replay window.
    /// - **Secret**: the webhook's secret from its settings, used as text. WooCommerce decodes
    ///   HTML special-character entities in the stored secret before using it
    ///   (`wp_specialchars_decode`, `&amp;` → `&`), so give hooksign the decoded form.
    /// - **Idempotency key**: none. WooCommerce does not retry a failed delivery (it counts
    ///   failures and disables the webhook after more than five), and its
    ///   `X-WC-Webhook-Delivery-ID` is a hash of the webhook id and the current second, so two
    ///   different deliveries within one second share it: deduplicating on it would drop
    ///   real events. [`Verified::id`](crate::Verified::id) is that delivery id, for logs.
    /// - **Event type**: the `X-WC-Webhook-Topic` header (e.g. `order.created`), which is not
    ///   signed.
    /// - **Ping**: the `webhook_id=<id>` request WooCommerce sends when a webhook is saved
    ///   carries no signature and is rejected as `missing_header`.
    ///
    /// ```
    /// use hooksign::{SecretSet, WooCommerce};
    ///
    /// // From tests/vectors/woocommerce.json (`woocommerce-valid-compact`), an independent
    /// // model of WooCommerce's WC_Webhook::generate_signature.
    /// let woo = WooCommerce::new(SecretSet::new(["hooksign-woocommerce-webhook-secret-0001"])?);
    /// let body = br#"{"id":727,"parent_id":0,"status":"processing","currency":"USD","total":"29.35","billing":{"first_name":"John","last_name":"Doe"},"line_items":[]}"#;
    /// let headers = [
    ///     ("X-WC-Webhook-Topic", "order.created"),
    ///     ("X-WC-Webhook-Signature", "4Sh+g9/6sjky8k0A/3UkfA9E+NufrD4uwUVXIih7A4s="),
    ///     ("X-WC-Webhook-Delivery-ID", "9e5f3a4ab2e1bc0b4e4f3f1c0d2a7b66"),
    /// ];
    /// let verified = hooksign::verify(&woo, &headers, body)?;
    /// assert_eq!(verified.event_type().as_deref(), Some("order.created"));
    /// assert_eq!(verified.id(), Some("9e5f3a4ab2e1bc0b4e4f3f1c0d2a7b66"));
    /// assert!(verified.idempotency_key().is_none());
    ///
    /// // The unpadded form is not what WooCommerce sends.
    /// let unpadded = [("X-WC-Webhook-Signature", "4Sh+g9/6sjky8k0A/3UkfA9E+NufrD4uwUVXIih7A4s")];
    /// assert!(hooksign::verify(&woo, &unpadded, body).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    WooCommerce, id = "woocommerce", name = "WooCommerce", aliases = [], spec = SPEC,
    secrets = text("webhook secret, as text")
}
