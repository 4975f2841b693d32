//! Shopify: `X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256(client secret, body)>`.
//!
//! Sources: shopify.dev "Verify webhook deliveries" (docs/apps/build/webhooks/verify-deliveries)
//! and the official `@shopify/shopify-api` (`lib/webhooks/validate`,
//! `lib/utils/hmac-validator`): base64 of HMAC-SHA256 over the raw body, keyed with the app's
//! client secret as text. Shopify Events (developer preview) send the same headers without the
//! `X-` prefix.

use std::borrow::Cow;

use crate::provider::spec::{
    Algorithm, Encoding, Meta, Order, Part, SecretFormat, SignatureFormat, Source, Spec,
};
use crate::provider::registry::{Entry, Family, Keys, Signs};
use crate::provider::{Sign, Verify};
use crate::scheme::header;
use crate::scheme::template::{Clock, Plan, SpecRef, Template};
use crate::{
    Delivery, Error, HeaderKey, Message, SecretSet, SignError, SignedHeaders, UnixTime, Verified,
};

/// One family of Shopify header names, and its scheme with and without the metadata headers
/// the SDK requires.
struct Names {
    hmac: HeaderKey,
    strict: Spec,
    relaxed: Spec,
}

impl Names {
    fn spec(&self, strict: bool) -> &Spec {
        if strict { &self.strict } else { &self.relaxed }
    }
}

static BODY: [Part; 1] = [Part::Body];

/// The scheme of a family: the base64 HMAC of the body, bare; the metadata after the MAC.
const fn family_spec(
    hmac: &'static [HeaderKey],
    metadata: &'static [Meta],
    topic: HeaderKey,
    // Twice, as the id and as the idempotency key (a `const fn` cannot clone it).
    webhook_id: HeaderKey,
    idempotency: HeaderKey,
) -> Spec {
    Spec {
        signature_header: Cow::Borrowed(hmac),
        format: SignatureFormat::Prefixed {
            prefix: Cow::Borrowed(""),
        },
        algorithm: Algorithm::Sha256,
        encoding: Encoding::Base64,
        secret: SecretFormat::Text,
        content: Cow::Borrowed(&BODY),
        timestamp: None,
        message_id: None,
        order: Order::SignatureFirst,
        empty_is_missing: false,
        metadata: Cow::Borrowed(metadata),
        id: Source::Header(webhook_id),
        idempotency: Source::Header(idempotency),
        event_type: Source::Header(topic),
        legacy: None,
    }
}

const fn required(header: HeaderKey) -> Meta {
    Meta {
        header,
        required: true,
    }
}

const fn optional(header: HeaderKey) -> Meta {
    Meta {
        header,
        required: false,
    }
}

const X_HMAC: HeaderKey = HeaderKey::new("X-Shopify-Hmac-Sha256", "x-shopify-hmac-sha256");
const X_TOPIC: HeaderKey = HeaderKey::new("X-Shopify-Topic", "x-shopify-topic");
const X_SHOP_DOMAIN: HeaderKey = HeaderKey::new("X-Shopify-Shop-Domain", "x-shopify-shop-domain");
const X_API_VERSION: HeaderKey = HeaderKey::new("X-Shopify-API-Version", "x-shopify-api-version");
const X_WEBHOOK_ID: HeaderKey = HeaderKey::new("X-Shopify-Webhook-Id", "x-shopify-webhook-id");
const HMAC: HeaderKey = HeaderKey::new("shopify-hmac-sha256", "shopify-hmac-sha256");
const TOPIC: HeaderKey = HeaderKey::new("shopify-topic", "shopify-topic");
const WEBHOOK_ID: HeaderKey = HeaderKey::new("shopify-webhook-id", "shopify-webhook-id");

static X_HMACS: [HeaderKey; 1] = [X_HMAC];
// The metadata `webhooks.validate` requires, in its order: its first problem is reported.
static X_STRICT: [Meta; 4] = [
    required(X_TOPIC),
    required(X_SHOP_DOMAIN),
    required(X_API_VERSION),
    required(X_WEBHOOK_ID),
];
static X_RELAXED: [Meta; 2] = [optional(X_TOPIC), optional(X_WEBHOOK_ID)];
static HMACS: [HeaderKey; 1] = [HMAC];
static STRICT: [Meta; 5] = [
    required(TOPIC),
    required(HeaderKey::new("shopify-shop-domain", "shopify-shop-domain")),
    required(HeaderKey::new("shopify-api-version", "shopify-api-version")),
    required(WEBHOOK_ID),
    // Required by `@shopify/shopify-api` for Shopify Events only.
    required(HeaderKey::new("shopify-event-id", "shopify-event-id")),
];
static RELAXED: [Meta; 2] = [optional(TOPIC), optional(WEBHOOK_ID)];

/// HTTPS webhooks: the `X-Shopify-*` headers.
static WEBHOOKS: Names = Names {
    hmac: X_HMAC,
    strict: family_spec(&X_HMACS, &X_STRICT, X_TOPIC, X_WEBHOOK_ID, X_WEBHOOK_ID),
    relaxed: family_spec(&X_HMACS, &X_RELAXED, X_TOPIC, X_WEBHOOK_ID, X_WEBHOOK_ID),
};

/// Shopify Events: the same headers without `X-`, plus `shopify-event-id`.
static EVENTS: Names = Names {
    hmac: HMAC,
    strict: family_spec(&HMACS, &STRICT, TOPIC, WEBHOOK_ID, WEBHOOK_ID),
    relaxed: family_spec(&HMACS, &RELAXED, TOPIC, WEBHOOK_ID, WEBHOOK_ID),
};

/// The registry's entry: the spec shown is HTTPS webhooks with the SDK's metadata.
pub(crate) static ENTRY: Entry = Entry {
    id: Shopify::ID,
    aliases: &[],
    name: "Shopify",
    type_name: "Shopify",
    family: Family::HmacTemplate,
    spec: Some(&WEBHOOKS.strict),
    about: None,
    headers: &[],
    tolerance: None,
    signs: Signs::NOTHING_ELSE,
    keys: Keys::Secrets,
    secret_format: "app client secret, as text",
    // The Events family (`shopify-*`) is a second spec, chosen per delivery.
    runs_its_spec: false,
    build: |secrets, options| {
        let mut shopify = Shopify::new(secrets);
        options.apply(Shopify::ID, &mut shopify.engine)?;
        Ok(crate::AnyProvider::new(shopify))
    },
};

/// Shopify webhooks (HTTPS delivery) and Shopify Events.
///
/// - **Verifies** `X-Shopify-Hmac-Sha256`, canonical base64; or, when `shopify-hmac-sha256` is
///   present, the Events family (`shopify-*`), which then wins, as in `@shopify/shopify-api`.
/// - **Requires** the metadata headers the official SDK requires: `X-Shopify-Topic`,
///   `-Shop-Domain`, `-API-Version` and `-Webhook-Id` (Events: the `shopify-*` names plus
///   `shopify-event-id`). [`Shopify::without_metadata_headers`] turns that off.
/// - **No timestamp** is signed (`X-Shopify-Triggered-At` is informational): deduplicate.
/// - **Idempotency key**: `shopify:<X-Shopify-Webhook-Id>`. Shopify retries a delivery (19
///   times over 48 hours) with the same webhook id, so the key is stable across retries; it
///   differs between subscriptions receiving the same event (those share
///   `X-Shopify-Event-Id`).
/// - **Event type**: `X-Shopify-Topic` (e.g. `orders/create`).
/// - **Rotation**: after you rotate the client secret, Shopify may keep signing with the old
///   one for up to an hour: keep both in the [`SecretSet`].
///
/// ```
/// use hooksign::{Shopify, SecretSet, Sign, Message, UnixTime};
///
/// let shopify = Shopify::new(SecretSet::new(["shpss_client_secret"])?);
/// let body = br#"{"id":820982911946154508}"#;
/// let headers = shopify.sign_at(&Message::new(body).with_id("b54557e4").with_event_type("orders/create"), UnixTime::now())?;
/// let verified = hooksign::verify(&shopify, &headers, body)?;
/// assert_eq!(verified.idempotency_key().unwrap().as_str(), "shopify:b54557e4");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// The two families are two specs on one engine; the only bespoke part is choosing between
/// them, which the SDK does by the presence of `shopify-hmac-sha256` (a per-header fallback
/// would mix the families), and signing the shop domain and API version.
#[derive(Debug, Clone)]
pub struct Shopify {
    engine: Template,
    /// Each family's plan, with and without the metadata headers, worked out once.
    plans: [[Plan; 2]; 2],
    require_metadata: bool,
    shop_domain: String,
    api_version: String,
}

impl Shopify {
    /// The provider id.
    pub const ID: &'static str = "shopify";

    /// A verifier and signer for these client secrets.
    pub fn new(secrets: SecretSet) -> Self {
        // Text secrets are keys as they are, and a `SecretSet` holds no empty one.
        let engine = Template::new(SpecRef::Static(&WEBHOOKS.strict), &secrets)
            .expect("text secrets are always usable keys");
        let plan = |family: &Names, strict| Plan::new(family.spec(strict));
        Shopify {
            engine,
            plans: [
                [plan(&WEBHOOKS, false), plan(&WEBHOOKS, true)],
                [plan(&EVENTS, false), plan(&EVENTS, true)],
            ],
            require_metadata: true,
            shop_domain: "example.myshopify.com".into(),
            api_version: "2025-10".into(),
        }
    }

    /// Checks the HMAC alone, accepting deliveries without the metadata headers (topic, shop
    /// domain, API version, webhook id). By default they are required, as the official SDK
    /// requires them.
    ///
    /// ```
    /// use hooksign::{Shopify, SecretSet, Sign, Message, UnixTime};
    /// let shopify = Shopify::new(SecretSet::new(["secret"])?).without_metadata_headers();
    /// let signed = shopify.sign_at(&Message::new(b"{}").with_id("1").with_event_type("orders/create"), UnixTime::now())?;
    /// let only_hmac = [("X-Shopify-Hmac-Sha256", signed.get("X-Shopify-Hmac-Sha256").unwrap())];
    /// assert!(hooksign::verify(&shopify, &only_hmac, b"{}").is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn without_metadata_headers(mut self) -> Self {
        self.require_metadata = false;
        self
    }

    /// The `X-Shopify-Shop-Domain` that signing sends (default `example.myshopify.com`).
    pub fn with_shop_domain(mut self, domain: impl Into<String>) -> Self {
        self.shop_domain = domain.into();
        self
    }

    /// The `X-Shopify-API-Version` that signing sends (default `2025-10`).
    pub fn with_api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = version.into();
        self
    }
}

impl Verify for Shopify {
    fn id(&self) -> &str {
        Self::ID
    }

    fn verify_at<'r>(&self, delivery: &Delivery<'r>, _now: UnixTime) -> Result<Verified<'r>, Error> {
        self.verify(delivery)
    }

    /// Shopify signs no timestamp: the clock is not read.
    fn verify<'r>(&self, delivery: &Delivery<'r>) -> Result<Verified<'r>, Error> {
        // The Events family wins when its HMAC header is present, as in the SDK.
        let (family, index) = match header::optional(delivery.headers(), &EVENTS.hmac)? {
            Some(_) => (&EVENTS, 1),
            None => (&WEBHOOKS, 0),
        };
        let strict = self.require_metadata;
        let plan = &self.plans[index][usize::from(strict)];
        self.engine.verify_as(
            family.spec(strict),
            plan,
            Self::ID.into(),
            delivery,
            Clock::System,
        )
    }
}

impl Sign for Shopify {
    fn sign_at(&self, message: &Message<'_>, now: UnixTime) -> Result<SignedHeaders, SignError> {
        message
            .event_type()
            .ok_or(SignError::Missing("event type (the topic)"))?;
        message
            .id()
            .ok_or(SignError::Missing("id (the webhook id)"))?;
        // Topic, webhook id and HMAC from the engine; the shop domain and API version, which
        // the SDK requires and this provider is configured with, after the topic.
        let mut out = self.engine.sign(message, now)?;
        out.insert(1, &X_SHOP_DOMAIN, self.shop_domain.clone());
        out.insert(2, &X_API_VERSION, self.api_version.clone());
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The metadata headers are checked in the SDK's order, so the first problem is reported
    /// whatever else is wrong after it.
    #[test]
    fn metadata_problems_are_reported_in_the_sdks_order() {
        let shopify = Shopify::new(SecretSet::new(["shpss_secret"]).unwrap());
        let body = b"{}";
        let signed = shopify
            .sign_at(
                &Message::new(body)
                    .with_id("b54557e4")
                    .with_event_type("orders/create"),
                UnixTime::from_secs(1_700_000_000),
            )
            .unwrap();
        let hmac = signed.get("X-Shopify-Hmac-Sha256").unwrap();
        let headers = [
            ("X-Shopify-Hmac-Sha256", hmac),
            ("X-Shopify-Shop-Domain", "example.myshopify.com"),
            ("X-Shopify-API-Version", "2025-10"),
            ("X-Shopify-Webhook-Id", "one"),
            ("X-Shopify-Webhook-Id", "two"),
        ];
        let err = crate::verify(&shopify, &headers, body).unwrap_err();
        assert_eq!(err, Error::missing(&X_TOPIC));
    }
}
