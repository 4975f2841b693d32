//! Meta (Facebook, Instagram, WhatsApp): `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(App
//! Secret, body)>`.
//!
//! Sources:
//! - Meta for Developers, Graph API "Webhooks: Getting Started", section "Validating Payloads"
//!   (<https://developers.facebook.com/docs/graph-api/webhooks/getting-started>): every Event
//!   Notification payload is signed with SHA256, the signature sent in `X-Hub-Signature-256`
//!   preceded with `sha256=`; the receiver generates the signature of the payload with the
//!   app's App Secret and compares it with everything after `sha256=`. Failed deliveries are
//!   retried for up to 36 hours and the receiver should deduplicate. The page's earlier wording
//!   described `X-Hub-Signature: sha1=<hex>` and said the signature is computed over the
//!   escaped-unicode payload with lower-case hex digits. (The page's text was read through
//!   verbatim copies of it; the stored page itself only shows its opening.)
//! - Meta for Developers, "Instagram Platform: Webhooks"
//!   (<https://developers.facebook.com/docs/instagram-platform/webhooks>): the same paragraph,
//!   word for word.
//! - Meta's sample server, fbsamples/graph-api-webhooks-samples `typescript-server`
//!   (commit `2ecc41bd17fce2824c48c9891cf21ef2a4a5f0b2`, `src/utils/validate-x-hub.ts` and
//!   `src/routes/*-event.ts`): one validator for the Facebook, Instagram, Threads and WhatsApp
//!   routes, HMAC of the raw body with the App Secret as text, hex compared with `!==`; it reads
//!   the legacy `X-Hub-Signature` and takes the algorithm from the value.

use std::borrow::Cow;

use crate::HeaderKey;
use crate::provider::spec::{
    Algorithm, BodyPaths, Encoding, Legacy, Order, Part, SecretFormat, SignatureFormat, Source,
    Spec,
};

static SIGNATURE_256: [HeaderKey; 1] =
    [HeaderKey::new("X-Hub-Signature-256", "x-hub-signature-256")];

/// The scheme: `sha256=<hex>` over the body; the legacy `sha1=` header on request.
// Meta writes lower-case hex digits, and its sample compares the strings with `!==`.
pub(crate) static SPEC: Spec = Spec {
    signature_header: Cow::Borrowed(&SIGNATURE_256),
    format: SignatureFormat::Prefixed {
        prefix: Cow::Borrowed("sha256="),
    },
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    content: Cow::Borrowed(&[Part::Body]),
    timestamp: None,
    message_id: None,
    order: Order::SignatureFirst,
    empty_is_missing: false,
    metadata: Cow::Borrowed(&[]),
    // Meta sends no delivery or event id header; the ids inside `entry[]` are per change.
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::Body(BodyPaths::from_static(&[&["object"]])),
    legacy: Some(Legacy {
        header: HeaderKey::new("X-Hub-Signature", "x-hub-signature"),
        prefix: Cow::Borrowed("sha1="),
        algorithm: Algorithm::Sha1,
    }),
};

spec_provider! {
    /// Meta webhooks (the Graph API Webhooks product): Facebook Pages and other Graph objects,
    /// Instagram, WhatsApp Business (Cloud API), Messenger. Registered as `meta`, with the
    /// aliases `facebook`, `instagram` and `whatsapp`: all three are signed the same way.
    ///
    /// - **Verifies** `X-Hub-Signature-256: sha256=<hex>`, the HMAC-SHA256 of the raw body, in
    ///   lower case. Meta sends non-ASCII characters escaped (`\u00e4`) and signs the bytes it
    ///   sends: verify the raw body, never a re-serialised one. The legacy
    ///   `X-Hub-Signature: sha1=<hex>` is only looked at when the legacy algorithm is asked
    ///   for ([`Options::with_legacy_algorithm`](crate::provider::Options::with_legacy_algorithm)),
    ///   and only when the SHA-256 header is absent.
    /// - **No timestamp** is signed, so there is no replay window. The body's `entry[].time`
    ///   is not signed separately (it is inside the signed body, but hooksign does not check
    ///   it).
    /// - **Secret**: the app's App Secret (App Dashboard > App settings > Basic), used as text.
    ///   The sources above do not say how a reset affects deliveries already signed or being
    ///   retried; keeping the old and the new one in the [`SecretSet`](crate::SecretSet) for a
    ///   while accepts either.
    /// - **Idempotency key**: none. Meta sends no delivery or event id header and retries failed
    ///   deliveries for up to 36 hours; deduplicate on the ids inside the body (the WhatsApp
    ///   message `id`, the Messenger `mid`, …), which hooksign does not read because they sit
    ///   in arrays.
    /// - **Event type**: the body's `object` (`page`, `instagram`, `whatsapp_business_account`,
    ///   …); the field that changed is in `entry[].changes[].field`.
    /// - The `GET` subscription handshake (`hub.mode`, `hub.verify_token`, `hub.challenge`) is
    ///   not a signed delivery and is not handled here.
    ///
    /// ```
    /// use hooksign::{MetaWebhooks, SecretSet};
    ///
    /// // tests/vectors/meta.json, `meta-valid-page` (an independent model of Meta's scheme).
    /// let meta = MetaWebhooks::new(SecretSet::new(["hooksign-meta-app-secret-0001"])?);
    /// let body = br#"{"object":"page","entry":[{"id":"1234567890","time":1700000000,"changes":[{"field":"feed","value":{"item":"status","verb":"add","post_id":"1234567890_987"}}]}]}"#;
    /// let headers = [(
    ///     "X-Hub-Signature-256",
    ///     "sha256=dd3a28a947c5e0afce32d4a12dc9ac61fec33bba4d8dd759f52146d14d89e050",
    /// )];
    /// let verified = hooksign::verify(&meta, &headers, body)?;
    /// assert_eq!(verified.event_type().as_deref(), Some("page"));
    /// assert!(verified.idempotency_key().is_none());
    /// assert!(hooksign::verify(&meta, &headers, &body[..body.len() - 1]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    MetaWebhooks, id = "meta", name = "Meta (Facebook, Instagram, WhatsApp)",
    aliases = ["facebook", "instagram", "whatsapp"], spec = SPEC,
    secrets = text("App Secret, as text")
}
