//! Shopify: `X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256(client secret, body)>`.
//!
//! Sources: shopify.dev "Verify webhook deliveries" (docs/apps/build/webhooks/verify-deliveries)
//! and the official `@shopify/shopify-api` (`lib/webhooks/validate`,
//! `lib/utils/hmac-validator`): base64 of HMAC-SHA256 over the raw body, keyed with the app's
//! client secret as text. Shopify Events (developer preview) send the same headers without the
//! `X-` prefix.

use crate::provider::{Signer, Verifier};
use crate::scheme::list::Signatures;
use crate::scheme::mac::Keyring;
use crate::scheme::{Algorithm, Encoding, header};
use crate::verified::Field;
use crate::{
    Error, HeaderKey, Message, Request, SecretSet, SignError, SignedHeaders, UnixTime, Verified,
};

/// One family of Shopify header names.
struct Family {
    hmac: &'static HeaderKey,
    webhook_id: &'static HeaderKey,
    topic: &'static HeaderKey,
    /// What `@shopify/shopify-api`'s `webhooks.validate` requires besides the HMAC.
    required: &'static [&'static HeaderKey],
}

static HMAC: HeaderKey = HeaderKey::new("X-Shopify-Hmac-Sha256", "x-shopify-hmac-sha256");
static WEBHOOK_ID: HeaderKey = HeaderKey::new("X-Shopify-Webhook-Id", "x-shopify-webhook-id");
static TOPIC: HeaderKey = HeaderKey::new("X-Shopify-Topic", "x-shopify-topic");
static SHOP_DOMAIN: HeaderKey = HeaderKey::new("X-Shopify-Shop-Domain", "x-shopify-shop-domain");
static API_VERSION: HeaderKey = HeaderKey::new("X-Shopify-API-Version", "x-shopify-api-version");

static WEBHOOKS: Family = Family {
    hmac: &HMAC,
    webhook_id: &WEBHOOK_ID,
    topic: &TOPIC,
    required: &[&TOPIC, &SHOP_DOMAIN, &API_VERSION, &WEBHOOK_ID],
};

static EVENTS_HMAC: HeaderKey = HeaderKey::new("shopify-hmac-sha256", "shopify-hmac-sha256");
static EVENTS_WEBHOOK_ID: HeaderKey = HeaderKey::new("shopify-webhook-id", "shopify-webhook-id");
static EVENTS_TOPIC: HeaderKey = HeaderKey::new("shopify-topic", "shopify-topic");
static EVENTS_SHOP_DOMAIN: HeaderKey = HeaderKey::new("shopify-shop-domain", "shopify-shop-domain");
static EVENTS_API_VERSION: HeaderKey = HeaderKey::new("shopify-api-version", "shopify-api-version");
static EVENTS_EVENT_ID: HeaderKey = HeaderKey::new("shopify-event-id", "shopify-event-id");

static EVENTS: Family = Family {
    hmac: &EVENTS_HMAC,
    webhook_id: &EVENTS_WEBHOOK_ID,
    topic: &EVENTS_TOPIC,
    required: &[
        &EVENTS_TOPIC,
        &EVENTS_SHOP_DOMAIN,
        &EVENTS_API_VERSION,
        &EVENTS_WEBHOOK_ID,
        &EVENTS_EVENT_ID,
    ],
};

/// Shopify webhooks (HTTPS delivery) and Shopify Events.
///
/// - **Verifies** `X-Shopify-Hmac-Sha256`, canonical base64; or, when `shopify-hmac-sha256` is
///   present, the Events family (`shopify-*`), which then wins, as in `@shopify/shopify-api`.
/// - **Requires** the metadata headers the official SDK requires: `X-Shopify-Topic`,
///   `-Shop-Domain`, `-API-Version` and `-Webhook-Id` (Events: the `shopify-*` names plus
///   `shopify-event-id`). [`Shopify::require_metadata_headers`] turns that off.
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
/// use hooksign::{Shopify, SecretSet, Signer, Message, UnixTime};
///
/// let shopify = Shopify::new(SecretSet::new(["shpss_client_secret"])?);
/// let body = br#"{"id":820982911946154508}"#;
/// let headers = shopify.sign_at(&Message::new(body).id("b54557e4").event_type("orders/create"), UnixTime::now())?;
/// let verified = hooksign::verify(&shopify, &headers, body)?;
/// assert_eq!(verified.idempotency_key().unwrap().as_str(), "shopify:b54557e4");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Shopify {
    ring: Keyring,
    require_metadata: bool,
    shop_domain: String,
    api_version: String,
}

impl Shopify {
    /// The provider id.
    pub const ID: &'static str = "shopify";

    /// A verifier and signer for these client secrets.
    pub fn new(secrets: SecretSet) -> Self {
        Shopify {
            ring: Keyring::new(Algorithm::Sha256, &secrets),
            require_metadata: true,
            shop_domain: "example.myshopify.com".into(),
            api_version: "2025-10".into(),
        }
    }

    /// Whether a delivery without the metadata headers (topic, shop domain, API version,
    /// webhook id) is rejected, as the official SDK does. On by default.
    ///
    /// ```
    /// use hooksign::{Shopify, SecretSet, Signer, Message, UnixTime};
    /// let shopify = Shopify::new(SecretSet::new(["secret"])?).require_metadata_headers(false);
    /// let signed = shopify.sign_at(&Message::new(b"{}").id("1").event_type("orders/create"), UnixTime::now())?;
    /// let only_hmac = [("X-Shopify-Hmac-Sha256", signed.get("X-Shopify-Hmac-Sha256").unwrap())];
    /// assert!(hooksign::verify(&shopify, &only_hmac, b"{}").is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn require_metadata_headers(mut self, require: bool) -> Self {
        self.require_metadata = require;
        self
    }

    /// The `X-Shopify-Shop-Domain` that signing sends (default `example.myshopify.com`).
    pub fn shop_domain(mut self, domain: impl Into<String>) -> Self {
        self.shop_domain = domain.into();
        self
    }

    /// The `X-Shopify-API-Version` that signing sends (default `2025-10`).
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = version.into();
        self
    }
}

impl Verifier for Shopify {
    fn id(&self) -> &'static str {
        Self::ID
    }

    fn verify_at<'r>(&self, request: &Request<'r>, _now: UnixTime) -> Result<Verified<'r>, Error> {
        self.verify_request(request)
    }

    /// Shopify signs no timestamp: the clock is not read.
    fn verify_request<'r>(&self, request: &Request<'r>) -> Result<Verified<'r>, Error> {
        let headers = request.headers();
        let (family, value) = match header::optional(headers, EVENTS.hmac)? {
            Some(value) => (&EVENTS, value),
            None => (&WEBHOOKS, header::required(headers, WEBHOOKS.hmac)?),
        };
        let signature = Signatures::single(value, Encoding::Base64, 32, family.hmac);
        let secret = self.ring.find(&[request.body()], &signature)?;
        // The metadata in the SDK's order (its first problem is the one reported); the id and
        // the topic are kept as they go by rather than looked up again.
        let (mut webhook_id, mut topic) = (None, None);
        if self.require_metadata {
            for &name in family.required {
                let value = header::non_empty(headers, name)?;
                if name.as_str() == family.webhook_id.as_str() {
                    webhook_id = Some(value);
                } else if name.as_str() == family.topic.as_str() {
                    topic = Some(value);
                }
            }
        } else {
            webhook_id = header::optional(headers, family.webhook_id)?;
            topic = header::optional(headers, family.topic)?;
        }

        let mut verified = Verified::new(Self::ID, secret, request.body());
        verified.id = webhook_id.map(Into::into);
        verified.idempotency = Field::header(webhook_id);
        verified.event_type = Field::header(topic);
        Ok(verified)
    }
}

impl Signer for Shopify {
    fn sign_at(&self, message: &Message<'_>, _now: UnixTime) -> Result<SignedHeaders, SignError> {
        let topic = message
            .get_event_type()
            .ok_or(SignError::Missing("event type (the topic)"))?;
        let id = message
            .get_id()
            .ok_or(SignError::Missing("id (the webhook id)"))?;
        let mut out = SignedHeaders::new();
        out.push(WEBHOOKS.topic, topic);
        out.push(&SHOP_DOMAIN, self.shop_domain.clone());
        out.push(&API_VERSION, self.api_version.clone());
        out.push(WEBHOOKS.webhook_id, id);
        out.push(
            WEBHOOKS.hmac,
            Encoding::Base64.encode(&self.ring.sign(&[message.body()])),
        );
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
                    .id("b54557e4")
                    .event_type("orders/create"),
                UnixTime::from_secs(1_700_000_000),
            )
            .unwrap();
        let hmac = signed.get(HMAC.as_str()).unwrap();
        let headers = [
            (HMAC.as_str(), hmac),
            ("X-Shopify-Shop-Domain", "example.myshopify.com"),
            ("X-Shopify-API-Version", "2025-10"),
            (WEBHOOK_ID.as_str(), "one"),
            (WEBHOOK_ID.as_str(), "two"),
        ];
        let err = crate::verify(&shopify, &headers, body).unwrap_err();
        assert_eq!(err, Error::missing(&TOPIC));
    }
}
