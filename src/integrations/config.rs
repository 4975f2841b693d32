//! How one endpoint verifies ([`WebhookConfig`]), and the steps both frameworks take with it
//! once they have the request: the body limit, verification, the idempotency decision.

use std::fmt;
use std::sync::Arc;

use bytes::Bytes;

use super::rejection::WebhookRejection;
use super::url::{Net, PublicUrlError, RequestLine, UrlPolicy};
use super::webhook::{Webhook, WebhookBody};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::handshake::HandshakeReply;
use crate::headers::{HeaderLookup, Headers};
use crate::idempotency::lease::{DynStore, WebhookLease};
use crate::idempotency::store::{Begin, Store};
use crate::provider::Verify;
use crate::time::UnixTime;
use crate::verified::{IdempotencyKey, Verified};

/// How one endpoint verifies: a provider, a body size limit and, optionally, an idempotency
/// store, how the endpoint learns its public URL, and what happens to handshakes.
///
/// # The public URL
///
/// Some providers sign the URL they requested (Twilio, Square, HubSpot, …). Behind a reverse
/// proxy or a load balancer the application sees another host and scheme than the provider
/// used, so it must be told which URL was public. Three options, each trusting something
/// different; with none of them, no URL is given and a URL-signed provider refuses every
/// delivery with [`Error::MissingRequestPart`] (`url`), closed rather than guessed:
///
/// - [`with_public_url`](Self::with_public_url)`("https://hooks.example.com")`: the URL is that
///   base followed by the request's path and query. It trusts only your configuration, and is
///   the recommended choice: no header of the request is read.
/// - [`with_trusted_proxies`](Self::with_trusted_proxies)`(["10.0.0.0/8"])`: when the TCP peer
///   is one of these addresses, the scheme and host come from its `X-Forwarded-Proto` and
///   `X-Forwarded-Host` (else its `Host` and the connection's scheme). It trusts those proxies
///   to overwrite both headers on every request: a proxy that passes a client's own value on
///   lets the client choose the URL that is checked. A peer outside the list is not a proxy:
///   its forwarded headers are ignored. A forwarded header holding a list (`a, b`, several
///   hops) is refused, as hooksign cannot tell which hop wrote which entry; `Forwarded`
///   (RFC 7239) is not read. axum reports the peer only when served with
///   `into_make_service_with_connect_info::<SocketAddr>()`; without it no peer is trusted.
/// - [`trust_host_header`](Self::trust_host_header): for a peer that is not a trusted proxy,
///   the URL is built from the `Host` header and the connection's scheme (`http`, or `https`
///   when actix-web itself serves TLS). It trusts every client to send the right `Host`: a
///   signature is still required, but one made for another URL of the same secret then
///   verifies here. Use it only when the application faces the provider directly.
///
/// In every case the host must be a plain `host[:port]`, and the method is always passed.
///
/// # Handshakes
///
/// Requests that are a provider's verification handshake ([`Verify::handshake`]) are answered
/// before verification, with the exact reply the provider expects, and never reach the handler
/// (the extractor returns [`WebhookRejection::Handshake`], which is that reply). A signed
/// handshake that does not verify is refused like any delivery.
/// [`on_handshake`](Self::on_handshake) sees each reply first (to store Asana's secret);
/// [`without_handshakes`](Self::without_handshakes) turns the answering off.
///
/// Cloning is cheap (the provider and the store are shared), so it can live in any router
/// state. The provider is a type parameter so several can share one state: the extractor
/// `Webhook<GitHub>` asks the state for a `WebhookConfig<GitHub>`.
///
/// ```
/// use hooksign::{GitHub, SecretSet};
/// use hooksign::idempotency::MemoryStore;
/// use hooksign::integrations::WebhookConfig;
///
/// let github = GitHub::new(SecretSet::new(["It's a Secret to Everybody"])?);
/// let config = WebhookConfig::new(github)
///     .with_max_body_bytes(256 * 1024)
///     .with_store(MemoryStore::default());
/// assert_eq!(config.body_limit(), 256 * 1024);
/// assert!(config.has_store());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct WebhookConfig<P> {
    // One `Arc`: extractors clone the configuration out of the state on every request (axum's
    // `FromRef`), and every clone is a reference count that the server's threads share.
    inner: Arc<ConfigInner<P>>,
}

/// What a [`WebhookConfig`] shares. The provider has its own `Arc` so that the builder methods
/// can copy the rest when the configuration is already shared, without `P: Clone`.
struct ConfigInner<P> {
    provider: Arc<P>,
    max_body_bytes: usize,
    store: Option<Arc<dyn DynStore>>,
    url: UrlPolicy,
    handshakes: bool,
    on_handshake: Option<Arc<HandshakeHook>>,
}

/// What [`WebhookConfig::on_handshake`] runs.
type HandshakeHook =
    dyn Fn(&HandshakeReply) -> Result<(), Box<dyn std::error::Error + Send + Sync>> + Send + Sync;

impl<P> Clone for ConfigInner<P> {
    fn clone(&self) -> Self {
        ConfigInner {
            provider: Arc::clone(&self.provider),
            max_body_bytes: self.max_body_bytes,
            store: self.store.clone(),
            url: self.url.clone(),
            handshakes: self.handshakes,
            on_handshake: self.on_handshake.clone(),
        }
    }
}

/// The request, as a framework describes it: its method and its line (peer, target, scheme).
pub(super) struct RequestInfo<'a> {
    pub(super) method: Option<&'a str>,
    pub(super) line: Option<RequestLine<'a>>,
}

impl<P> Clone for WebhookConfig<P> {
    fn clone(&self) -> Self {
        WebhookConfig {
            inner: Arc::clone(&self.inner),
        }
    }
}

impl<P: fmt::Debug> fmt::Debug for WebhookConfig<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookConfig")
            .field("provider", &self.inner.provider)
            .field("max_body_bytes", &self.inner.max_body_bytes)
            .field("store", &self.inner.store.is_some())
            .field("public_url", &self.inner.url.base)
            .field(
                "trusted_proxies",
                &self
                    .inner
                    .url
                    .proxies
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>(),
            )
            .field("trust_host_header", &self.inner.url.trust_host)
            .field("handshakes", &self.inner.handshakes)
            .finish()
    }
}

impl<P: Verify + Send + Sync + 'static> WebhookConfig<P> {
    /// The default body limit: 1 MiB. Larger than any provider sends (GitHub caps payloads at
    /// 25 MB but typical events are a few KiB; Stripe, Slack and Shopify stay far below 1 MiB),
    /// small enough that a flood of large bodies cannot exhaust memory.
    pub const DEFAULT_MAX_BODY_BYTES: usize = 1 << 20;

    /// Verifies with `provider`, a 1 MiB body limit and no idempotency store.
    ///
    /// ```
    /// use hooksign::{Stripe, SecretSet};
    /// use hooksign::integrations::WebhookConfig;
    ///
    /// let config = WebhookConfig::new(Stripe::new(SecretSet::new(["whsec_test"])?));
    /// assert_eq!(config.body_limit(), WebhookConfig::<Stripe>::DEFAULT_MAX_BODY_BYTES);
    /// assert!(!config.has_store());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(provider: P) -> Self {
        WebhookConfig {
            inner: Arc::new(ConfigInner {
                provider: Arc::new(provider),
                max_body_bytes: Self::DEFAULT_MAX_BODY_BYTES,
                store: None,
                url: UrlPolicy::default(),
                handshakes: true,
                on_handshake: None,
            }),
        }
    }

    /// Sets the largest body accepted, in bytes. A request announcing more in
    /// `Content-Length` is refused before its body is read; a streamed one as soon as it
    /// crosses the limit.
    ///
    /// ```
    /// # use hooksign::{Slack, SecretSet};
    /// # use hooksign::integrations::WebhookConfig;
    /// let config = WebhookConfig::new(Slack::new(SecretSet::new(["s"])?)).with_max_body_bytes(4096);
    /// assert_eq!(config.body_limit(), 4096);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_max_body_bytes(mut self, limit: usize) -> Self {
        // Copies the shared part only if a clone of this configuration exists: the clone keeps
        // its own settings.
        Arc::make_mut(&mut self.inner).max_body_bytes = limit;
        self
    }

    /// Processes each event once with `store` (a [`MemoryStore`](crate::idempotency::MemoryStore),
    /// a `RedisStore`, or an `Arc` of either to share it between endpoints).
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use hooksign::{GitHub, Shopify, SecretSet};
    /// # use hooksign::idempotency::MemoryStore;
    /// # use hooksign::integrations::WebhookConfig;
    /// let store = Arc::new(MemoryStore::default());
    /// let github = WebhookConfig::new(GitHub::new(SecretSet::new(["a"])?)).with_store(Arc::clone(&store));
    /// let shopify = WebhookConfig::new(Shopify::new(SecretSet::new(["b"])?)).with_store(store);
    /// # assert!(github.has_store() && shopify.has_store());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_store<S: Store + 'static>(mut self, store: S) -> Self {
        Arc::make_mut(&mut self.inner).store = Some(Arc::new(store));
        self
    }

    /// Sets the public base URL (`https://hooks.example.com`, optionally with a path prefix
    /// that a proxy strips): each request's URL is this base followed by its path and query.
    /// It wins over the other two options; no request header is read. See
    /// [the public URL](Self#the-public-url).
    ///
    /// ```
    /// # use hooksign::{GitHub, SecretSet};
    /// # use hooksign::integrations::WebhookConfig;
    /// let config = WebhookConfig::new(GitHub::new(SecretSet::new(["s"])?))
    ///     .with_public_url("https://hooks.example.com")?;
    /// assert_eq!(config.public_url(), Some("https://hooks.example.com"));
    /// assert!(WebhookConfig::new(GitHub::new(SecretSet::new(["s"])?)).with_public_url("hooks.example.com").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_public_url(mut self, base: &str) -> Result<Self, PublicUrlError> {
        Arc::make_mut(&mut self.inner).url.set_base(base)?;
        Ok(self)
    }

    /// Trusts `X-Forwarded-Proto`, `X-Forwarded-Host` and `Host` from these peers (IP
    /// addresses or CIDR blocks: `10.0.0.0/8`, `127.0.0.1`, `fd00::/8`), and only from them.
    /// See [the public URL](Self#the-public-url) for what this trusts.
    ///
    /// ```
    /// # use hooksign::{GitHub, SecretSet};
    /// # use hooksign::integrations::WebhookConfig;
    /// let config = WebhookConfig::new(GitHub::new(SecretSet::new(["s"])?))
    ///     .with_trusted_proxies(["10.0.0.0/8", "::1"])?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_trusted_proxies<I>(mut self, proxies: I) -> Result<Self, PublicUrlError>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let nets = proxies
            .into_iter()
            .map(|p| Net::parse(p.as_ref()))
            .collect::<Result<Vec<_>, _>>()?;
        Arc::make_mut(&mut self.inner).url.proxies = nets;
        Ok(self)
    }

    /// Builds the URL of a request from a peer that is not a trusted proxy from its `Host`
    /// header and the connection's scheme. It trusts every client's `Host`: see
    /// [the public URL](Self#the-public-url).
    ///
    /// ```
    /// # use hooksign::{GitHub, SecretSet};
    /// # use hooksign::integrations::WebhookConfig;
    /// let config = WebhookConfig::new(GitHub::new(SecretSet::new(["s"])?)).trust_host_header();
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn trust_host_header(mut self) -> Self {
        Arc::make_mut(&mut self.inner).url.trust_host = true;
        self
    }

    /// Leaves handshakes to the handler: requests are verified as deliveries only.
    ///
    /// ```
    /// # use hooksign::{Slack, SecretSet};
    /// # use hooksign::integrations::WebhookConfig;
    /// let config = WebhookConfig::new(Slack::new(SecretSet::new(["s"])?)).without_handshakes();
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn without_handshakes(mut self) -> Self {
        Arc::make_mut(&mut self.inner).handshakes = false;
        self
    }

    /// Runs `hook` on each handshake reply before it is sent, for example to store the secret
    /// Asana delivers ([`HandshakeReply::delivered_secret`]). An `Err` answers 500
    /// (`handshake_refused`) instead of the reply, so the provider's setup fails rather than
    /// completing with a secret you did not keep; the error is logged, not sent. The hook runs
    /// on the request's task: hand slow work to a channel.
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    /// # use hooksign::{Asana, SecretSet};
    /// # use hooksign::integrations::WebhookConfig;
    /// let secrets = Arc::new(Mutex::new(Vec::new()));
    /// let kept = Arc::clone(&secrets);
    /// let config = WebhookConfig::new(Asana::new(SecretSet::new(["placeholder"])?))
    ///     .on_handshake(move |reply| {
    ///         if let Some(secret) = reply.delivered_secret() {
    ///             kept.lock().map_err(|_| "poisoned")?.push(secret.to_owned());
    ///         }
    ///         Ok(())
    ///     });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn on_handshake<F>(mut self, hook: F) -> Self
    where
        F: Fn(&HandshakeReply) -> Result<(), Box<dyn std::error::Error + Send + Sync>>
            + Send
            + Sync
            + 'static,
    {
        Arc::make_mut(&mut self.inner).on_handshake = Some(Arc::new(hook));
        self
    }

    /// The public base URL, if set with [`with_public_url`](Self::with_public_url) (without
    /// a trailing `/`).
    ///
    /// ```
    /// # use hooksign::{GitHub, SecretSet};
    /// # use hooksign::integrations::WebhookConfig;
    /// assert_eq!(WebhookConfig::new(GitHub::new(SecretSet::new(["s"])?)).public_url(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn public_url(&self) -> Option<&str> {
        self.inner.url.base.as_deref()
    }

    /// The provider.
    ///
    /// ```
    /// # use hooksign::{GitHub, SecretSet, Verify};
    /// # use hooksign::integrations::WebhookConfig;
    /// let config = WebhookConfig::new(GitHub::new(SecretSet::new(["s"])?));
    /// assert_eq!(config.provider().id(), "github");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn provider(&self) -> &P {
        &self.inner.provider
    }

    /// The body limit, in bytes.
    ///
    /// ```
    /// # use hooksign::{GitHub, SecretSet};
    /// # use hooksign::integrations::WebhookConfig;
    /// let config = WebhookConfig::new(GitHub::new(SecretSet::new(["s"])?));
    /// assert_eq!(config.body_limit(), 1 << 20);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn body_limit(&self) -> usize {
        self.inner.max_body_bytes
    }

    /// Whether an idempotency store is configured.
    ///
    /// ```
    /// # use hooksign::{GitHub, SecretSet};
    /// # use hooksign::integrations::WebhookConfig;
    /// assert!(!WebhookConfig::new(GitHub::new(SecretSet::new(["s"])?)).has_store());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn has_store(&self) -> bool {
        self.inner.store.is_some()
    }

    /// Refuses a body announced larger than the limit, before reading any of it. `announced`
    /// is the `Content-Length` header, which each framework looks up by its typed name.
    pub(super) fn check_content_length(
        &self,
        announced: HeaderLookup<'_>,
    ) -> Result<(), WebhookRejection> {
        let announced = match announced {
            HeaderLookup::One(v) => v.trim().parse::<u64>().ok(),
            // Absent: a chunked body, limited while it streams. Anything else is the HTTP
            // server's business (hyper and actix refuse conflicting lengths themselves).
            _ => None,
        };
        match announced {
            Some(len) if len > self.body_limit() as u64 => Err(self.too_large()),
            _ => Ok(()),
        }
    }

    pub(super) fn too_large(&self) -> WebhookRejection {
        self.reject(WebhookRejection::Invalid(Error::BodyTooLarge {
            limit: self.body_limit(),
        }))
    }

    pub(super) fn unreadable(&self, reason: impl fmt::Display) -> WebhookRejection {
        // The reason comes from the HTTP stack (a reset, bad chunk framing): not logged as a
        // rejection's text, since it may say nothing useful to the sender.
        tracing::debug!(provider = self.provider().id(), %reason, "webhook body could not be read");
        WebhookRejection::BodyUnreadable
    }

    /// The public URL of the request, if one can be given (see the type's docs).
    fn request_url<H: Headers>(&self, headers: &H, request: &RequestInfo<'_>) -> Option<String> {
        if !self.inner.url.is_set() {
            return None;
        }
        let line = request.line.as_ref()?;
        match self.inner.url.resolve(headers, line) {
            Ok(url) => Some(url),
            Err(why) => {
                tracing::debug!(
                    provider = self.provider().id(),
                    why,
                    "no public URL for this request"
                );
                None
            }
        }
    }

    /// Answers a handshake, or verifies `body` against the system clock. The result keeps the
    /// body by sharing `body` (a reference count, not a copy) and copies the few header values
    /// it needs.
    pub(super) fn verify<H: Headers>(
        &self,
        headers: &H,
        request: &RequestInfo<'_>,
        body: &Bytes,
    ) -> Result<Verified<'static>, WebhookRejection> {
        let url = self.request_url(headers, request);
        let mut delivery = Delivery::new(headers, body);
        if let Some(method) = request.method {
            delivery = delivery.with_method(method);
        }
        if self.inner.handshakes {
            // A handshake reads only the query: the request target will do without a URL.
            let target = url
                .as_deref()
                .or_else(|| request.line.as_ref().map(|line| line.target));
            let handshake = match target {
                Some(target) => delivery.with_url(target),
                None => delivery,
            };
            if let Some(answer) = self.provider().handshake(&handshake, UnixTime::now()) {
                return Err(self.answer(answer));
            }
        }
        if let Some(url) = &url {
            delivery = delivery.with_url(url);
        }
        self.provider()
            .verify(&delivery)
            .map(|verified| verified.into_shared(body.clone()))
            .map_err(|err| self.reject(WebhookRejection::Invalid(err)))
    }

    /// The response to a handshake: its reply once the hook accepted it, or the refusal.
    fn answer(&self, answer: Result<HandshakeReply, Error>) -> WebhookRejection {
        let provider = self.provider().id();
        let reply = match answer {
            Ok(reply) => reply,
            Err(err) => return self.reject(WebhookRejection::Invalid(err)),
        };
        if let Some(hook) = &self.inner.on_handshake
            && let Err(err) = hook(&reply)
        {
            {
                tracing::error!(provider, error = %err, "the handshake hook refused the handshake: answered 500");
                return WebhookRejection::HandshakeRefused;
            }
        }
        tracing::info!(
            provider,
            status = reply.status(),
            "provider handshake answered"
        );
        WebhookRejection::Handshake(reply)
    }

    /// The idempotency decision, shared by extractors and middleware: `Ok(None)` to run the
    /// handler without a lease (no store, or no key), `Ok(Some(lease))` to run it holding one,
    /// `Err` to answer without running it.
    pub(super) async fn admit(
        &self,
        verified: &Verified<'_>,
    ) -> Result<Option<WebhookLease>, WebhookRejection> {
        let Some(store) = &self.inner.store else {
            return Ok(None);
        };
        let Some(key) = verified.idempotency_key() else {
            tracing::debug!(
                provider = verified.provider(),
                "delivery carries no idempotency key: processed without deduplication"
            );
            return Ok(None);
        };
        match store.begin(&key).await {
            Ok(Begin::New(lease)) => Ok(Some(WebhookLease::new(Arc::clone(store), lease))),
            Ok(Begin::Done) => Err(self.reject_key(WebhookRejection::Duplicate, &key)),
            Ok(Begin::InProgress { retry_after }) => {
                Err(self.reject_key(WebhookRejection::InProgress { retry_after }, &key))
            }
            Err(err) => Err(self.reject_key(WebhookRejection::StoreUnavailable(err), &key)),
        }
    }

    /// Verification then admission: what both extractors do once the body is read.
    pub(super) async fn accept<H: Headers, T: WebhookBody>(
        &self,
        headers: &H,
        request: &RequestInfo<'_>,
        body: Bytes,
    ) -> Result<Webhook<P, T>, WebhookRejection> {
        let verified = self.verify(headers, request, &body)?;
        // Parse before taking a lease: a body that does not parse never will, and must not
        // block its key.
        let body =
            T::from_body(body).map_err(|err| self.reject(WebhookRejection::InvalidBody(err)))?;
        let lease = self.admit(&verified).await?;
        Ok(Webhook::new(verified, body, lease))
    }

    pub(super) fn reject(&self, rejection: WebhookRejection) -> WebhookRejection {
        rejection.log(self.provider().id(), None);
        rejection
    }

    pub(super) fn reject_key(
        &self,
        rejection: WebhookRejection,
        key: &IdempotencyKey,
    ) -> WebhookRejection {
        rejection.log(self.provider().id(), Some(key));
        rejection
    }
}

impl<P: Verify + Send + Sync + 'static> WebhookConfig<P> {
    /// Verifies an already-read body and applies the idempotency decision, exactly as the
    /// extractors do: for other frameworks, or to test a handler without a server. It knows
    /// neither the method nor the URL: handshakes sent by `GET` are not recognised, and a
    /// URL-signed provider reports the URL missing.
    ///
    /// ```
    /// use hooksign::{GitHub, SecretSet, Sign, Message};
    /// use hooksign::integrations::{Webhook, WebhookConfig, WebhookRejection};
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// let github = GitHub::new(SecretSet::new(["s3cret"])?);
    /// let headers = github.sign(&Message::new(b"{}"))?;
    /// let config = WebhookConfig::new(github);
    /// let hook: Webhook<GitHub> = config.verify_bytes(&headers, "{}".into()).await?;
    /// assert_eq!(&hook.body()[..], b"{}");
    ///
    /// let rejected = config.verify_bytes::<_, hooksign::integrations::Bytes>(&headers, "{ }".into()).await;
    /// assert_eq!(rejected.unwrap_err().status(), 401);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })
    /// # }
    /// ```
    pub async fn verify_bytes<H: Headers, T: WebhookBody>(
        &self,
        headers: &H,
        body: Bytes,
    ) -> Result<Webhook<P, T>, WebhookRejection> {
        if body.len() > self.body_limit() {
            return Err(self.too_large());
        }
        let request = RequestInfo {
            method: None,
            line: None,
        };
        self.accept(headers, &request, body).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::github::GitHub;
    use crate::secret::SecretSet;

    fn github() -> GitHub {
        GitHub::new(SecretSet::new(["s3cret"]).unwrap())
    }

    #[test]
    fn builder_methods_leave_clones_alone() {
        let shared = WebhookConfig::new(github());
        let limited = shared.clone().with_max_body_bytes(10);
        assert_eq!(limited.body_limit(), 10);
        assert_eq!(
            shared.body_limit(),
            WebhookConfig::<GitHub>::DEFAULT_MAX_BODY_BYTES
        );
        // The provider itself is shared, not copied.
        assert!(std::ptr::eq(shared.provider(), limited.provider()));
    }
}
