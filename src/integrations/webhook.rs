//! What a handler is given: [`Webhook`], a verified delivery with its body as the handler
//! asked for it ([`WebhookBody`]: bytes, text, or [`Json`]).

use std::fmt;
use std::marker::PhantomData;

use bytes::Bytes;

use crate::idempotency::error::StoreError;
use crate::idempotency::lease::WebhookLease;
use crate::verified::Verified;

/// A verified delivery, as handed to a handler: the [`Verified`] metadata, the body as `T`
/// ([`Bytes`], `String`, `Vec<u8>` or [`Json<T>`]) and, with a store, the [`WebhookLease`].
///
/// `P` is the provider: the extractor finds its [`WebhookConfig<P>`](super::WebhookConfig) in the router state (axum,
/// through `FromRef`) or the app data (actix-web, `web::Data<WebhookConfig<P>>`). See
/// [`axum`](super::axum) and [`actix`](super::actix) for the framework side.
///
/// ```
/// use hooksign::{Stripe, SecretSet, Sign, Message};
/// use hooksign::integrations::{Json, Webhook, WebhookConfig};
///
/// #[derive(serde::Deserialize)]
/// struct Event { id: String }
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # tokio::runtime::Runtime::new()?.block_on(async {
/// let stripe = Stripe::new(SecretSet::new(["whsec_test"])?);
/// let body = r#"{"id":"evt_1"}"#;
/// let headers = stripe.sign(&Message::new(body.as_bytes()))?;
/// let config = WebhookConfig::new(stripe);
///
/// // What the extractors do once they have read the body:
/// let hook: Webhook<Stripe, Json<Event>> = config.verify_bytes(&headers, body.into()).await?;
/// assert_eq!(hook.verified().provider(), "stripe");
/// assert_eq!(hook.body().0.id, "evt_1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # })
/// # }
/// ```
pub struct Webhook<P, T = Bytes> {
    verified: Verified<'static>,
    body: T,
    lease: Option<WebhookLease>,
    _provider: PhantomData<fn() -> P>,
}

impl<P, T> Webhook<P, T> {
    /// Who signed it and the delivery's metadata.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// # use hooksign::{GitHub, SecretSet, Sign, Message};
    /// # use hooksign::idempotency::MemoryStore;
    /// # use hooksign::integrations::{Webhook, WebhookConfig};
    /// # let github = GitHub::new(SecretSet::new(["s"])?);
    /// # let headers = github.sign(&Message::new(b"{}").with_id("d-1"))?;
    /// # let config = WebhookConfig::new(github).with_store(MemoryStore::default());
    /// let hook: Webhook<GitHub> = config.verify_bytes(&headers, "{}".into()).await?;
    /// assert_eq!(hook.verified().provider(), "github");
    /// assert_eq!(hook.verified().id(), Some("d-1"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })
    /// # }
    /// ```
    pub fn verified(&self) -> &Verified<'static> {
        &self.verified
    }

    /// The body, exactly as received (or deserialized from exactly those bytes).
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// # use hooksign::{GitHub, SecretSet, Sign, Message};
    /// # use hooksign::idempotency::MemoryStore;
    /// # use hooksign::integrations::{Webhook, WebhookConfig};
    /// # let github = GitHub::new(SecretSet::new(["s"])?);
    /// # let headers = github.sign(&Message::new(b"{}").with_id("d-1"))?;
    /// # let config = WebhookConfig::new(github).with_store(MemoryStore::default());
    /// let hook: Webhook<GitHub> = config.verify_bytes(&headers, "{}".into()).await?;
    /// assert_eq!(&hook.body()[..], b"{}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })
    /// # }
    /// ```
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The lease, when a store is configured and the delivery has an idempotency key.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// # use hooksign::{GitHub, SecretSet, Sign, Message};
    /// # use hooksign::idempotency::MemoryStore;
    /// # use hooksign::integrations::{Webhook, WebhookConfig};
    /// # let github = GitHub::new(SecretSet::new(["s"])?);
    /// # let headers = github.sign(&Message::new(b"{}").with_id("d-1"))?;
    /// # let config = WebhookConfig::new(github).with_store(MemoryStore::default());
    /// let hook: Webhook<GitHub> = config.verify_bytes(&headers, "{}".into()).await?;
    /// assert!(hook.lease().is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })
    /// # }
    /// ```
    pub fn lease(&self) -> Option<&WebhookLease> {
        self.lease.as_ref()
    }

    /// Records the event as processed (a no-op without a lease). Call it once the handler's
    /// work succeeded; a `Webhook` dropped without it releases its lease.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// # use hooksign::{GitHub, SecretSet, Sign, Message};
    /// # use hooksign::idempotency::MemoryStore;
    /// # use hooksign::integrations::{Webhook, WebhookConfig};
    /// # let github = GitHub::new(SecretSet::new(["s"])?);
    /// # let headers = github.sign(&Message::new(b"{}").with_id("d-1"))?;
    /// # let config = WebhookConfig::new(github).with_store(MemoryStore::default());
    /// let hook: Webhook<GitHub> = config.verify_bytes(&headers, "{}".into()).await?;
    /// hook.complete().await?;
    /// // A redelivery is now a duplicate.
    /// let again = config.verify_bytes::<_, hooksign::integrations::Bytes>(&headers, "{}".into()).await;
    /// assert_eq!(again.unwrap_err().code(), "duplicate");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })
    /// # }
    /// ```
    pub async fn complete(mut self) -> Result<(), StoreError> {
        match self.lease.take() {
            Some(lease) => lease.complete().await,
            None => Ok(()),
        }
    }

    /// Releases the lease now (a no-op without one) so the provider's retry is processed.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// # use hooksign::{GitHub, SecretSet, Sign, Message};
    /// # use hooksign::idempotency::MemoryStore;
    /// # use hooksign::integrations::{Webhook, WebhookConfig};
    /// # let github = GitHub::new(SecretSet::new(["s"])?);
    /// # let headers = github.sign(&Message::new(b"{}").with_id("d-1"))?;
    /// # let config = WebhookConfig::new(github).with_store(MemoryStore::default());
    /// let hook: Webhook<GitHub> = config.verify_bytes(&headers, "{}".into()).await?;
    /// hook.release().await?;
    /// // The retry is processed.
    /// let retry: Webhook<GitHub> = config.verify_bytes(&headers, "{}".into()).await?;
    /// retry.complete().await?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })
    /// # }
    /// ```
    pub async fn release(mut self) -> Result<(), StoreError> {
        match self.lease.take() {
            Some(lease) => lease.release().await,
            None => Ok(()),
        }
    }

    /// The metadata, the body and the lease, to settle later or elsewhere.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// # use hooksign::{GitHub, SecretSet, Sign, Message};
    /// # use hooksign::idempotency::MemoryStore;
    /// # use hooksign::integrations::{Webhook, WebhookConfig};
    /// # let github = GitHub::new(SecretSet::new(["s"])?);
    /// # let headers = github.sign(&Message::new(b"{}").with_id("d-1"))?;
    /// # let config = WebhookConfig::new(github).with_store(MemoryStore::default());
    /// let hook: Webhook<GitHub> = config.verify_bytes(&headers, "{}".into()).await?;
    /// let (verified, body, lease) = hook.into_parts();
    /// assert_eq!(verified.body(), &body[..]);
    /// lease.unwrap().complete().await?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })
    /// # }
    /// ```
    pub fn into_parts(self) -> (Verified<'static>, T, Option<WebhookLease>) {
        (self.verified, self.body, self.lease)
    }
}

impl<P, T> Webhook<P, T> {
    /// A delivery verified by the configuration for `P`, holding `lease` if the store gave one.
    pub(super) fn new(verified: Verified<'static>, body: T, lease: Option<WebhookLease>) -> Self {
        Webhook {
            verified,
            body,
            lease,
            _provider: PhantomData,
        }
    }
}

impl<P, T: fmt::Debug> fmt::Debug for Webhook<P, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Webhook")
            .field("verified", &self.verified)
            .field("body", &self.body)
            .field("lease", &self.lease)
            .finish()
    }
}

/// A body type a [`Webhook`] can hand over: built from the verified bytes.
///
/// ```
/// use hooksign::integrations::{Bytes, WebhookBody};
/// assert_eq!(String::from_body(Bytes::from_static(b"hi")).unwrap(), "hi");
/// assert!(String::from_body(Bytes::from_static(b"\xff")).is_err());
/// ```
pub trait WebhookBody: Sized + Send + 'static {
    /// Builds the value, or says why the body does not fit (answered 400).
    fn from_body(body: Bytes) -> Result<Self, String>;
}

impl WebhookBody for Bytes {
    fn from_body(body: Bytes) -> Result<Self, String> {
        Ok(body)
    }
}

impl WebhookBody for Vec<u8> {
    fn from_body(body: Bytes) -> Result<Self, String> {
        Ok(body.into())
    }
}

impl WebhookBody for String {
    fn from_body(body: Bytes) -> Result<Self, String> {
        String::from_utf8(body.into()).map_err(|_| "the body is not UTF-8".to_owned())
    }
}

/// A body deserialized from JSON with serde: `Webhook<Stripe, Json<Event>>`.
///
/// ```
/// use hooksign::integrations::{Bytes, Json, WebhookBody};
///
/// let Json(value) = Json::<serde_json::Value>::from_body(Bytes::from_static(br#"{"a":1}"#)).unwrap();
/// assert_eq!(value["a"], 1);
/// assert!(Json::<u32>::from_body(Bytes::from_static(b"{}")).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Json<T>(pub T);

impl<T: serde::de::DeserializeOwned + Send + 'static> WebhookBody for Json<T> {
    fn from_body(body: Bytes) -> Result<Self, String> {
        serde_json::from_slice(&body)
            .map(Json)
            .map_err(|err| format!("the body is not the expected JSON: {err}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::delivery::Message;
    use crate::integrations::config::WebhookConfig;
    use crate::provider::Sign;
    use crate::provider::github::GitHub;
    use crate::secret::SecretSet;

    fn github() -> GitHub {
        GitHub::new(SecretSet::new(["s3cret"]).unwrap())
    }

    #[tokio::test]
    async fn the_verified_body_shares_the_received_bytes() {
        let body = Bytes::from_static(br#"{"action":"opened"}"#);
        let headers = github().sign(&Message::new(&body).with_id("d-1")).unwrap();
        let hook: Webhook<GitHub> = WebhookConfig::new(github())
            .verify_bytes(&headers, body.clone())
            .await
            .unwrap();
        // `Verified<'static>` without a copy of the body: the same bytes as the handler's.
        assert_eq!(hook.verified().body().as_ptr(), body.as_ptr());
        assert_eq!(hook.body().as_ptr(), body.as_ptr());
        assert_eq!(hook.verified().id(), Some("d-1"));
        // Equal to the same delivery verified from a borrowed slice and made owned.
        let owned = crate::verify(&github(), &headers, &body)
            .unwrap()
            .into_owned();
        assert_eq!(hook.verified(), &owned);
    }
}
