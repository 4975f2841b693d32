//! axum 0.8: the [`Webhook`] extractor and the [`VerifyLayer`] tower layer.
//!
//! The extractor takes its [`WebhookConfig<P>`] from the router state through [`FromRef`], so
//! one state can hold a configuration per provider:
//!
//! ```no_run
//! use axum::{Router, extract::FromRef, routing::post, http::StatusCode};
//! use hooksign::{GitHub, Stripe, SecretSet};
//! use hooksign::integrations::{Json, Webhook, WebhookConfig};
//!
//! #[derive(Clone)] // or `#[derive(Clone, FromRef)]` with axum's `macros` feature
//! struct AppState {
//!     github: WebhookConfig<GitHub>,
//!     stripe: WebhookConfig<Stripe>,
//! }
//!
//! impl FromRef<AppState> for WebhookConfig<GitHub> {
//!     fn from_ref(state: &AppState) -> Self { state.github.clone() }
//! }
//! impl FromRef<AppState> for WebhookConfig<Stripe> {
//!     fn from_ref(state: &AppState) -> Self { state.stripe.clone() }
//! }
//!
//! #[derive(serde::Deserialize)]
//! struct StripeEvent { id: String, r#type: String }
//!
//! async fn github(hook: Webhook<GitHub>) -> StatusCode {
//!     println!("{:?} with {} bytes", hook.verified().event_type(), hook.body().len());
//!     StatusCode::NO_CONTENT
//! }
//!
//! async fn stripe(hook: Webhook<Stripe, Json<StripeEvent>>) -> StatusCode {
//!     let Json(event) = hook.body();
//!     println!("{} {}", event.id, event.r#type);
//!     StatusCode::OK
//! }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let state = AppState {
//!     github: WebhookConfig::new(GitHub::new(SecretSet::new([std::env::var("GITHUB_WEBHOOK_SECRET")?])?)),
//!     stripe: WebhookConfig::new(Stripe::new(SecretSet::new([std::env::var("STRIPE_WEBHOOK_SECRET")?])?)),
//! };
//! let app = Router::new()
//!     .route("/webhooks/github", post(github))
//!     .route("/webhooks/stripe", post(stripe))
//!     .with_state(state);
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
//! axum::serve(listener, app).await?;
//! # Ok(())
//! # }
//! ```
//!
//! [`FromRef`]: ::axum::extract::FromRef

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use std::net::SocketAddr;

use ::axum::body::Body;
use ::axum::extract::{ConnectInfo, FromRef, FromRequest, OriginalUri, Request};
use ::axum::http::request::Parts;
use ::axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use ::axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http_body_util::LengthLimitError;
use tower_layer::Layer;
use tower_service::Service;

use super::config::{RequestInfo, WebhookConfig};
use super::rejection::WebhookRejection;
use super::url::RequestLine;
use super::webhook::{Webhook, WebhookBody};
use crate::handshake::HandshakeReply;
use crate::idempotency::lease::settle;
use crate::provider::Verify;

/// Reads the body under the config's limit: refused from `Content-Length` before reading,
/// or as soon as the streamed body crosses the limit.
async fn read_body<P: Verify + Send + Sync + 'static>(
    config: &WebhookConfig<P>,
    headers: &HeaderMap,
    body: Body,
) -> Result<Bytes, WebhookRejection> {
    // By the typed name: no header name to parse on every request.
    let content_length = crate::headers::fold_values(
        headers
            .get_all(header::CONTENT_LENGTH)
            .iter()
            .map(|v| v.to_str().ok()),
    );
    config.check_content_length(content_length)?;
    ::axum::body::to_bytes(body, config.body_limit())
        .await
        .map_err(|err| {
            let err = err.into_inner();
            if err.downcast_ref::<LengthLimitError>().is_some() {
                config.too_large()
            } else {
                config.unreadable(err)
            }
        })
}

/// The method, the TCP peer (with `ConnectInfo<SocketAddr>`), and the path and query as the
/// client sent them (before a `nest` stripped a prefix: `OriginalUri`).
fn request_info(parts: &Parts) -> RequestInfo<'_> {
    let uri = parts
        .extensions
        .get::<OriginalUri>()
        .map_or(&parts.uri, |original| &original.0);
    RequestInfo {
        method: Some(parts.method.as_str()),
        line: Some(RequestLine {
            peer: parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(addr)| addr.ip()),
            target: uri.path_and_query().map_or("", |pq| pq.as_str()),
            // `axum::serve` speaks plain HTTP; TLS is a proxy's (or `with_public_url`'s) business.
            scheme: "http",
        }),
    }
}

/// A handshake reply as an axum response.
fn handshake_response(reply: &HandshakeReply) -> Response {
    let mut response = Response::new(Body::from(reply.body().to_vec()));
    let Ok(status) = StatusCode::from_u16(reply.status()) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    *response.status_mut() = status;
    let headers = response.headers_mut();
    if let Some(content_type) = reply.content_type() {
        match HeaderValue::from_str(content_type) {
            Ok(value) => headers.insert(header::CONTENT_TYPE, value),
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        };
    }
    for (name, value) in reply.headers() {
        match (HeaderName::try_from(name), HeaderValue::from_str(value)) {
            (Ok(name), Ok(value)) => headers.append(name, value),
            _ => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        };
    }
    response
}

/// `Webhook<P, T>` as an axum extractor: reads the body, verifies it with the
/// [`WebhookConfig<P>`] from the state, applies the idempotency decision.
///
/// It consumes the body, so it must be the handler's last argument. A provider's handshake is
/// answered before the handler runs ([`WebhookRejection::Handshake`]); for a handshake sent by
/// `GET` (Meta, Dropbox, Okta) the route must accept `GET`. Serve with
/// `into_make_service_with_connect_info::<SocketAddr>()` for
/// [`WebhookConfig::with_trusted_proxies`] to see the peer. Use
/// `Result<Webhook<P, T>, WebhookRejection>` as the argument to answer rejections yourself
/// (for example to count them).
///
/// ```
/// use axum::{Router, routing::post, http::StatusCode};
/// use hooksign::{Slack, SecretSet};
/// use hooksign::integrations::{Webhook, WebhookConfig};
///
/// async fn slack(hook: Webhook<Slack, String>) -> String {
///     format!("got {} bytes", hook.body().len())
/// }
///
/// let config = WebhookConfig::new(Slack::new(SecretSet::new(["8f742231b10e8888abcd99yyyzzz85a5"])?));
/// let app: Router = Router::new().route("/slack", post(slack)).with_state(config);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl<S, P, T> FromRequest<S> for Webhook<P, T>
where
    S: Send + Sync,
    WebhookConfig<P>: FromRef<S>,
    P: Verify + Send + Sync + 'static,
    T: WebhookBody,
{
    type Rejection = WebhookRejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let config = WebhookConfig::<P>::from_ref(state);
        let (parts, body) = req.into_parts();
        let bytes = read_body(&config, &parts.headers, body).await?;
        config
            .accept(&parts.headers, &request_info(&parts), bytes)
            .await
    }
}

/// The rejection as a response: its status, `Retry-After` for 409 and 503, and a one-line
/// `text/plain` body `<code>: <what was wrong>`; a handshake's reply as it is.
///
/// ```
/// use axum::response::IntoResponse;
/// use hooksign::Error;
/// use hooksign::integrations::WebhookRejection;
///
/// let response = WebhookRejection::Invalid(Error::BodyTooLarge { limit: 10 }).into_response();
/// assert_eq!(response.status(), 413);
/// ```
impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        if let WebhookRejection::Handshake(reply) = &self {
            return handshake_response(reply);
        }
        let status =
            StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, format!("{self}\n")).into_response();
        if let Some(secs) = self.retry_after_secs() {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

/// A tower layer that verifies every request of a router (or route) with one
/// [`WebhookConfig`], puts [`Verified<'static>`](crate::Verified) into the request extensions
/// and passes the exact body on.
///
/// With a store, it answers duplicates itself (200 / 409 / 503, see the
/// [module docs](super#status-codes)) and settles the lease from the handler's response: a 2xx
/// completes it, anything else releases it.
///
/// ```
/// use axum::{Extension, Router, routing::post, body::Bytes, http::StatusCode};
/// use hooksign::{GitHub, SecretSet, Verified};
/// use hooksign::idempotency::MemoryStore;
/// use hooksign::integrations::WebhookConfig;
/// use hooksign::integrations::axum::VerifyLayer;
///
/// async fn handle(Extension(verified): Extension<Verified<'static>>, body: Bytes) -> StatusCode {
///     assert_eq!(verified.body(), &body[..]);
///     StatusCode::OK
/// }
///
/// let config = WebhookConfig::new(GitHub::new(SecretSet::new(["s3cret"])?))
///     .with_store(MemoryStore::default());
/// let app: Router = Router::new()
///     .route("/webhooks/github", post(handle))
///     .layer(VerifyLayer::new(config));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct VerifyLayer<P> {
    config: WebhookConfig<P>,
}

impl<P> Clone for VerifyLayer<P> {
    fn clone(&self) -> Self {
        VerifyLayer {
            config: self.config.clone(),
        }
    }
}

impl<P: Verify + Send + Sync + 'static> VerifyLayer<P> {
    /// A layer verifying with `config`.
    ///
    /// ```
    /// # use hooksign::{Stripe, SecretSet};
    /// # use hooksign::integrations::{WebhookConfig, axum::VerifyLayer};
    /// let layer = VerifyLayer::new(WebhookConfig::new(Stripe::new(SecretSet::new(["whsec_x"])?)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(config: WebhookConfig<P>) -> Self {
        VerifyLayer { config }
    }
}

impl<Svc, P> Layer<Svc> for VerifyLayer<P> {
    type Service = VerifyService<Svc, P>;

    fn layer(&self, inner: Svc) -> Self::Service {
        VerifyService {
            inner,
            config: self.config.clone(),
        }
    }
}

/// The service [`VerifyLayer`] wraps around a router or route (made by the layer, not by hand).
///
/// ```
/// use axum::{Router, routing::post};
/// use hooksign::{GitHub, SecretSet};
/// use hooksign::integrations::{WebhookConfig, axum::VerifyLayer};
///
/// let layer = VerifyLayer::new(WebhookConfig::new(GitHub::new(SecretSet::new(["s"])?)));
/// // `route_layer` wraps each route's handler in a `VerifyService`.
/// let app: Router = Router::new().route("/hook", post(|| async { "ok" })).route_layer(layer);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct VerifyService<Svc, P> {
    inner: Svc,
    config: WebhookConfig<P>,
}

impl<Svc: Clone, P> Clone for VerifyService<Svc, P> {
    fn clone(&self) -> Self {
        VerifyService {
            inner: self.inner.clone(),
            config: self.config.clone(),
        }
    }
}

impl<Svc, P> Service<Request> for VerifyService<Svc, P>
where
    Svc: Service<Request, Error = Infallible> + Clone + Send + 'static,
    Svc::Response: IntoResponse,
    Svc::Future: Send + 'static,
    P: Verify + Send + Sync + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        // The clone that was polled ready is the one to call; leave a fresh clone behind
        // (tower's documented pattern for services called from a boxed future).
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let config = self.config.clone();
        Box::pin(async move {
            let (mut parts, body) = req.into_parts();
            let bytes = match read_body(&config, &parts.headers, body).await {
                Ok(bytes) => bytes,
                Err(rejection) => return Ok(rejection.into_response()),
            };
            let verified = match config.verify(&parts.headers, &request_info(&parts), &bytes) {
                Ok(verified) => verified,
                Err(rejection) => return Ok(rejection.into_response()),
            };
            let lease = match config.admit(&verified).await {
                Ok(lease) => lease,
                Err(rejection) => return Ok(rejection.into_response()),
            };
            parts.extensions.insert(verified);
            let req = Request::from_parts(parts, Body::from(bytes));
            let response = match inner.call(req).await {
                Ok(response) => response.into_response(),
                Err(never) => match never {},
            };
            settle(lease, response.status().is_success()).await;
            Ok(response)
        })
    }
}

/// A `POST` route that verifies each delivery with `config`, stores it in `inbox` and answers
/// 202 at once (200 for a delivery the inbox already holds, 503 with `Retry-After` when the
/// queue cannot store it): the provider gets its answer within its deadline, and the inbox's
/// workers run the application's handler later, with retries (feature `queue`).
///
/// ```
/// use axum::Router;
/// use hooksign::{GitHub, SecretSet};
/// use hooksign::integrations::WebhookConfig;
/// use hooksign::integrations::axum::inbox_route;
/// use hooksign::queue::{Inbox, MemoryQueue};
///
/// let config = WebhookConfig::new(GitHub::new(SecretSet::new(["It's a Secret to Everybody"])?));
/// let inbox = Inbox::new(MemoryQueue::new());
/// let app: Router = Router::new().route("/webhooks/github", inbox_route(config, inbox.clone()));
/// // Elsewhere: `inbox.run(4, handler, shutdown)` processes what the route stored.
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "queue")]
#[cfg_attr(docsrs, doc(cfg(feature = "queue")))]
pub fn inbox_route<P, Q, S>(
    config: WebhookConfig<P>,
    inbox: crate::queue::Inbox<Q, S>,
) -> ::axum::routing::MethodRouter
where
    P: Verify + Send + Sync + 'static,
    Q: crate::queue::Queue + Clone + 'static,
    S: crate::idempotency::Store + Clone + 'static,
{
    ::axum::routing::post(move |hook: Webhook<P>| {
        let inbox = inbox.clone();
        async move {
            let answer = super::inbox::accept(hook, &inbox).await;
            let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::ACCEPTED);
            let mut response = (status, answer.body).into_response();
            if let Some(secs) = answer.retry_after {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(secs));
            }
            response
        }
    })
    .with_state(config)
}
