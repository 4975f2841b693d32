//! Shopify: `X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256(client secret, body)>`.
//!
//! Sources: shopify.dev "Verify webhook deliveries" (docs/apps/build/webhooks/verify-deliveries)
//! and the official `@shopify/shopify-api` (`lib/webhooks/validate`,
//! `lib/utils/hmac-validator`): base64 of HMAC-SHA256 over the raw body, keyed with the app's
//! client secret as text. Shopify Events (developer preview) send the same headers without the
//! `X-` prefix.

use crate::provider::{Sign, Verify};
use crate::scheme::list::Signatures;
use crate::scheme::mac::Keyring;
use crate::scheme::{Algorithm, Encoding, header};
use crate::verified::Field;
use crate::{
    Delivery, Error, HeaderKey, Message, SecretSet, SignError, SignedHeaders, UnixTime, Verified,
};

/// One family of Shopify header names.
struct Family {
    hmac: HeaderKey,
    topic: HeaderKey,
    shop_domain: HeaderKey,
    api_version: HeaderKey,
    webhook_id: HeaderKey,
    /// Required by `@shopify/shopify-api` for Shopify Events only.
    event_id: Option<HeaderKey>,
}

static WEBHOOKS: Family = Family {
    hmac: HeaderKey::new("X-Shopify-Hmac-Sha256", "x-shopify-hmac-sha256"),
    topic: HeaderKey::new("X-Shopify-Topic", "x-shopify-topic"),
    shop_domain: HeaderKey::new("X-Shopify-Shop-Domain", "x-shopify-shop-domain"),
    api_version: HeaderKey::new("X-Shopify-API-Version", "x-shopify-api-version"),
    webhook_id: HeaderKey::new("X-Shopify-Webhook-Id", "x-shopify-webhook-id"),
    event_id: None,
};

static EVENTS: Family = Family {
    hmac: HeaderKey::new("shopify-hmac-sha256", "shopify-hmac-sha256"),
    topic: HeaderKey::new("shopify-topic", "shopify-topic"),
    shop_domain: HeaderKey::new("shopify-shop-domain", "shopify-shop-domain"),
    api_version: HeaderKey::new("shopify-api-version", "shopify-api-version"),
    webhook_id: HeaderKey::new("shopify-webhook-id", "shopify-webhook-id"),
    event_id: Some(HeaderKey::new("shopify-event-id", "shopify-event-id")),
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
    fn id(&self) -> &'static str {
        Self::ID
    }

    fn verify_at<'r>(&self, request: &Delivery<'r>, _now: UnixTime) -> Result<Verified<'r>, Error> {
        self.verify(request)
    }

    /// Shopify signs no timestamp: the clock is not read.
    fn verify<'r>(&self, request: &Delivery<'r>) -> Result<Verified<'r>, Error> {
        let headers = request.headers();
        let (family, value) = match header::optional(headers, &EVENTS.hmac)? {
            Some(value) => (&EVENTS, value),
            None => (&WEBHOOKS, header::required(headers, &WEBHOOKS.hmac)?),
        };
        let signature = Signatures::single(value, Encoding::Base64, 32, &family.hmac);
        let secret = self.ring.find(&[request.body()], &signature)?;
        // The metadata `webhooks.validate` requires, in its order: its first problem is the
        // one reported.
        let (topic, webhook_id) = if self.require_metadata {
            let topic = header::non_empty(headers, &family.topic)?;
            header::non_empty(headers, &family.shop_domain)?;
            header::non_empty(headers, &family.api_version)?;
            let webhook_id = header::non_empty(headers, &family.webhook_id)?;
            if let Some(event_id) = &family.event_id {
                header::non_empty(headers, event_id)?;
            }
            (Some(topic), Some(webhook_id))
        } else {
            (
                header::optional(headers, &family.topic)?,
                header::optional(headers, &family.webhook_id)?,
            )
        };

        let mut verified = Verified::new(Self::ID, secret, request.body());
        verified.id = webhook_id.map(Into::into);
        verified.idempotency = Field::header(webhook_id);
        verified.event_type = Field::header(topic);
        Ok(verified)
    }
}

impl Sign for Shopify {
    fn sign_at(&self, message: &Message<'_>, _now: UnixTime) -> Result<SignedHeaders, SignError> {
        let topic = message
            .event_type()
            .ok_or(SignError::Missing("event type (the topic)"))?;
        let id = message
            .id()
            .ok_or(SignError::Missing("id (the webhook id)"))?;
        let mut out = SignedHeaders::new();
        out.push(&WEBHOOKS.topic, topic);
        out.push(&WEBHOOKS.shop_domain, self.shop_domain.clone());
        out.push(&WEBHOOKS.api_version, self.api_version.clone());
        out.push(&WEBHOOKS.webhook_id, id);
        out.push(
            &WEBHOOKS.hmac,
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
                    .with_id("b54557e4")
                    .with_event_type("orders/create"),
                UnixTime::from_secs(1_700_000_000),
            )
            .unwrap();
        let hmac = signed.get(WEBHOOKS.hmac.as_str()).unwrap();
        let headers = [
            (WEBHOOKS.hmac.as_str(), hmac),
            ("X-Shopify-Shop-Domain", "example.myshopify.com"),
            ("X-Shopify-API-Version", "2025-10"),
            (WEBHOOKS.webhook_id.as_str(), "one"),
            (WEBHOOKS.webhook_id.as_str(), "two"),
        ];
        let err = crate::verify(&shopify, &headers, body).unwrap_err();
        assert_eq!(err, Error::missing(&WEBHOOKS.topic));
    }
}
