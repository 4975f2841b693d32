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
//! - The same "Getting Started" page, "Verification Requests": configuring the Webhooks
//!   product sends `GET <callback>?hub.mode=subscribe&hub.challenge=…&hub.verify_token=…`; the
//!   endpoint must check that `hub.verify_token` is the Verify Token set in the App Dashboard
//!   and respond with the `hub.challenge` value. The sample server answers 403 otherwise.

use std::borrow::Cow;

use crate::handshake::HandshakeReply;
use crate::{Delivery, Error, HeaderKey, Secret, SecretSet, UnixTime};
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
    /// - **Handshake** ([`Verify::handshake`](crate::Verify::handshake)): with a verify token
    ///   ([`MetaWebhooks::with_verify_token`]), `GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`
    ///   is answered `200` with `hub.challenge` as `text/plain` when the token matches (compared
    ///   in constant time), refused as a [`SignatureMismatch`](crate::Error::SignatureMismatch)
    ///   when it does not. Without a verify token it is not answered: the App Secret signs
    ///   notifications, not this request, so it cannot authenticate it.
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
    secrets = text("App Secret, as text"),
    fields = { verify_token: Option<Secret> = no_verify_token },
    handshake = handshake
}

impl MetaWebhooks {
    /// Answers Meta's verification request (`GET ?hub.mode=subscribe&hub.verify_token=…`) for
    /// this Verify Token, the string you typed in the App Dashboard's Webhooks settings.
    ///
    /// ```
    /// use hooksign::{Delivery, MetaWebhooks, SecretSet, UnixTime, Verify};
    ///
    /// let meta = MetaWebhooks::new(SecretSet::new(["app-secret"])?).with_verify_token("meatyhamhock");
    /// let get = |url| Delivery::new(&[("Host", "example.com")], b"").with_method("GET").with_url(url);
    /// // Meta's documented example request.
    /// let ok = get("https://www.your-clever-domain-name.com/webhooks?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock");
    /// assert_eq!(meta.handshake(&ok, UnixTime::now()).unwrap()?.body(), b"1158201444");
    ///
    /// let wrong = get("/webhooks?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess");
    /// assert_eq!(meta.handshake(&wrong, UnixTime::now()).unwrap().unwrap_err().status(), 401);
    ///
    /// // Without a verify token, not answered.
    /// let plain = MetaWebhooks::new(SecretSet::new(["app-secret"])?);
    /// assert!(plain.handshake(&ok, UnixTime::now()).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// An empty token is no token: it would match a request whose `hub.verify_token` is empty.
    pub fn with_verify_token(mut self, token: impl Into<Secret>) -> Self {
        self.verify_token = Some(token.into()).filter(|token| !token.is_empty());
        self
    }
}

fn no_verify_token(_: &SecretSet) -> Option<Secret> {
    None
}

fn handshake(
    meta: &MetaWebhooks,
    delivery: &Delivery<'_>,
    _: UnixTime,
) -> Option<Result<HandshakeReply, Error>> {
    crate::handshake::answer::meta(meta.verify_token.as_ref(), delivery)
}
