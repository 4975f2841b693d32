//! actix-web 4: the [`Webhook`] extractor and the [`VerifyWebhook`] middleware.
//!
//! The extractor finds its [`WebhookConfig<P>`] in the app data, registered as
//! `web::Data<WebhookConfig<P>>` (or as a plain `WebhookConfig<P>` with `App::app_data`):
//!
//! ```no_run
//! use actix_web::{App, HttpResponse, HttpServer, web};
//! use hooksign::{GitHub, SecretSet};
//! use hooksign::integrations::{Webhook, WebhookConfig};
//!
//! async fn github(hook: Webhook<GitHub>) -> HttpResponse {
//!     println!("{:?}: {} bytes", hook.verified().event_type(), hook.body().len());
//!     HttpResponse::NoContent().finish()
//! }
//!
//! #[actix_web::main]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let secret = std::env::var("GITHUB_WEBHOOK_SECRET")?;
//!     let config = web::Data::new(WebhookConfig::new(GitHub::new(SecretSet::new([secret])?)));
//!     HttpServer::new(move || {
//!         App::new()
//!             .app_data(config.clone())
//!             .route("/webhooks/github", web::post().to(github))
//!     })
//!     .bind(("127.0.0.1", 3000))?
//!     .run()
//!     .await?;
//!     Ok(())
//! }
//! ```

use std::future::{Future, Ready, ready};
use std::pin::Pin;
use std::rc::Rc;

use actix_web::body::{BodyStream, EitherBody, MessageBody};
use actix_web::dev::{Payload, Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderMap};
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse, ResponseError, web};
use bytes::Bytes;

use super::config::{RequestInfo, WebhookConfig};
use super::rejection::WebhookRejection;
use super::url::RequestLine;
use super::webhook::{Webhook, WebhookBody};
use crate::handshake::HandshakeReply;
use crate::headers::{HeaderKey, HeaderLookup, Headers};
use crate::idempotency::lease::settle;
use crate::provider::Verify;

/// actix-web's own header map, looked up like `http::HeaderMap`: a header repeated with
/// different values is [`HeaderLookup::Conflicting`], a non-text value
/// [`HeaderLookup::NotText`].
///
/// ```
/// use actix_web::http::header::{HeaderMap, HeaderName, HeaderValue as Value};
/// use hooksign::{Headers, HeaderLookup};
///
/// let mut map = HeaderMap::new();
/// map.append(HeaderName::from_static("x-sig"), Value::from_static("a"));
/// assert_eq!(map.lookup("X-Sig"), HeaderLookup::One("a"));
/// map.append(HeaderName::from_static("x-sig"), Value::from_static("b"));
/// assert_eq!(map.lookup("x-sig"), HeaderLookup::Conflicting);
///
/// // Provider names are looked up pre-parsed, with the same answers.
/// static SIG: hooksign::HeaderKey = hooksign::HeaderKey::new("X-Sig", "x-sig");
/// assert_eq!(map.lookup_key(&SIG), HeaderLookup::Conflicting);
/// ```
impl Headers for HeaderMap {
    fn lookup(&self, name: &str) -> HeaderLookup<'_> {
        crate::headers::fold_values(self.get_all(name).map(|v| v.to_str().ok()))
    }

    fn lookup_key(&self, key: &HeaderKey) -> HeaderLookup<'_> {
        crate::headers::fold_values(self.get_all(key.actix()).map(|v| v.to_str().ok()))
    }
}

/// Reads the payload under the config's limit: refused from `Content-Length` before reading,
/// or as soon as the streamed body crosses the limit.
async fn read_payload<P: Verify + Send + Sync + 'static>(
    config: &WebhookConfig<P>,
    headers: &HeaderMap,
    payload: Payload,
) -> Result<Bytes, WebhookRejection> {
    // By the typed name: no header name to parse on every request.
    let content_length = crate::headers::fold_values(
        headers
            .get_all(header::CONTENT_LENGTH)
            .map(|v| v.to_str().ok()),
    );
    config.check_content_length(content_length)?;
    match actix_web::body::to_bytes_limited(BodyStream::new(payload), config.body_limit()).await {
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(err)) => Err(config.unreadable(err)),
        Err(_limit_exceeded) => Err(config.too_large()),
    }
}

/// The method, the TCP peer, the path and query, and whether the server itself speaks TLS
/// (not `connection_info`, which believes the request's own forwarded headers).
fn request_info(req: &HttpRequest) -> RequestInfo<'_> {
    RequestInfo {
        method: Some(req.method().as_str()),
        line: Some(RequestLine {
            peer: req.peer_addr().map(|addr| addr.ip()),
            target: req.uri().path_and_query().map_or("", |pq| pq.as_str()),
            scheme: if req.app_config().secure() {
                "https"
            } else {
                "http"
            },
        }),
    }
}

/// A handshake reply as an actix-web response.
fn handshake_response(reply: &HandshakeReply) -> HttpResponse {
    let Ok(status) = StatusCode::from_u16(reply.status()) else {
        return HttpResponse::InternalServerError().finish();
    };
    let mut response = HttpResponse::build(status);
    if let Some(content_type) = reply.content_type() {
        response.insert_header((header::CONTENT_TYPE, content_type));
    }
    for (name, value) in reply.headers() {
        response.append_header((name, value));
    }
    response.body(reply.body().to_vec())
}

/// The config registered for `P`, as `web::Data` or as plain app data.
fn config_for<P: 'static>(req: &HttpRequest) -> Option<WebhookConfig<P>> {
    req.app_data::<web::Data<WebhookConfig<P>>>()
        .map(|data| data.get_ref().clone())
        .or_else(|| req.app_data::<WebhookConfig<P>>().cloned())
}

/// `Webhook<P, T>` as an actix-web extractor: reads the payload, verifies it with the
/// [`WebhookConfig<P>`] from the app data, applies the idempotency decision.
///
/// A provider's handshake is answered before the handler runs
/// ([`WebhookRejection::Handshake`]); for a handshake sent by `GET` (Meta, Dropbox, Okta) the
/// route must accept `GET`. Take `Result<Webhook<P, T>, WebhookRejection>` to answer
/// rejections yourself.
///
/// ```
/// use actix_web::{App, HttpResponse, web};
/// use hooksign::{Shopify, SecretSet};
/// use hooksign::integrations::{Json, Webhook, WebhookConfig};
///
/// async fn orders(hook: Webhook<Shopify, Json<serde_json::Value>>) -> HttpResponse {
///     let Json(order) = hook.body();
///     HttpResponse::Ok().body(order["id"].to_string())
/// }
///
/// let config = web::Data::new(WebhookConfig::new(Shopify::new(SecretSet::new(["shpss_x"])?)));
/// let app = App::new().app_data(config).route("/shopify", web::post().to(orders));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl<P, T> FromRequest for Webhook<P, T>
where
    P: Verify + Send + Sync + 'static,
    T: WebhookBody,
{
    type Error = WebhookRejection;
    type Future = Pin<Box<dyn Future<Output = Result<Self, WebhookRejection>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let config = config_for::<P>(req);
        let req = req.clone();
        let payload = payload.take();
        Box::pin(async move {
            let Some(config) = config else {
                let rejection = WebhookRejection::NotConfigured;
                tracing::error!(
                    provider = std::any::type_name::<P>(),
                    "no WebhookConfig registered with App::app_data for this provider"
                );
                return Err(rejection);
            };
            let bytes = read_payload(&config, req.headers(), payload).await?;
            config
                .accept(req.headers(), &request_info(&req), bytes)
                .await
        })
    }
}

/// The rejection as a response: its status, `Retry-After` for 409 and 503, and a one-line
/// `text/plain` body `<code>: <what was wrong>`; a handshake's reply as it is.
///
/// ```
/// use actix_web::ResponseError;
/// use hooksign::Error;
/// use hooksign::integrations::WebhookRejection;
///
/// let rejection = WebhookRejection::Invalid(Error::MissingHeader { name: "X-Hub-Signature-256".into() });
/// assert_eq!(rejection.error_response().status(), 400);
/// ```
impl ResponseError for WebhookRejection {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        if let WebhookRejection::Handshake(reply) = self {
            return handshake_response(reply);
        }
        let mut response = HttpResponse::build(self.status_code());
        response.content_type("text/plain; charset=utf-8");
        if let Some(secs) = self.retry_after_secs() {
            response.insert_header((header::RETRY_AFTER, secs));
        }
        response.body(format!("{self}\n"))
    }
}

/// Middleware that verifies every request of an `App`, `Scope` or `Resource` with one
/// [`WebhookConfig`], puts [`Verified<'static>`](crate::Verified) into the request extensions
/// (read it with `web::ReqData<Verified<'static>>`) and passes the exact body on.
///
/// With a store, it answers duplicates itself (200 / 409 / 503, see the
/// [module docs](super#status-codes)) and settles the lease from the handler's response: a 2xx
/// completes it, anything else releases it.
///
/// ```
/// use actix_web::{App, HttpResponse, web};
/// use hooksign::{StandardWebhooks, SecretSet, Verified};
/// use hooksign::idempotency::MemoryStore;
/// use hooksign::integrations::{WebhookConfig, actix::VerifyWebhook};
///
/// async fn handle(verified: web::ReqData<Verified<'static>>, body: web::Bytes) -> HttpResponse {
///     assert_eq!(verified.body(), &body[..]);
///     HttpResponse::Ok().finish()
/// }
///
/// let provider = StandardWebhooks::new(SecretSet::new(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])?)?;
/// let config = WebhookConfig::new(provider).with_store(MemoryStore::default());
/// let app = App::new().service(
///     web::resource("/webhooks").wrap(VerifyWebhook::new(config)).route(web::post().to(handle)),
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct VerifyWebhook<P> {
    config: WebhookConfig<P>,
}

impl<P> Clone for VerifyWebhook<P> {
    fn clone(&self) -> Self {
        VerifyWebhook {
            config: self.config.clone(),
        }
    }
}

impl<P: Verify + Send + Sync + 'static> VerifyWebhook<P> {
    /// Middleware verifying with `config`.
    ///
    /// ```
    /// # use hooksign::{GitHub, SecretSet};
    /// # use hooksign::integrations::{WebhookConfig, actix::VerifyWebhook};
    /// let mw = VerifyWebhook::new(WebhookConfig::new(GitHub::new(SecretSet::new(["s"])?)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(config: WebhookConfig<P>) -> Self {
        VerifyWebhook { config }
    }
}

impl<S, B, P> Transform<S, ServiceRequest> for VerifyWebhook<P>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: MessageBody + 'static,
    P: Verify + Send + Sync + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Transform = VerifyWebhookMiddleware<S, P>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(VerifyWebhookMiddleware {
            service: Rc::new(service),
            config: self.config.clone(),
        }))
    }
}

/// The service [`VerifyWebhook`] wraps around an app, scope or resource (made by
/// `wrap`, not by hand).
///
/// ```
/// use actix_web::{App, web};
/// use hooksign::{GitHub, SecretSet};
/// use hooksign::integrations::{WebhookConfig, actix::VerifyWebhook};
///
/// let config = WebhookConfig::new(GitHub::new(SecretSet::new(["s"])?));
/// let app = App::new().service(
///     web::scope("/webhooks").wrap(VerifyWebhook::new(config)).route("/github", web::post().to(|| async { "ok" })),
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct VerifyWebhookMiddleware<S, P> {
    // Shared with the request's future, which calls it after the body is read and verified.
    service: Rc<S>,
    config: WebhookConfig<P>,
}

impl<S, B, P> Service<ServiceRequest> for VerifyWebhookMiddleware<S, P>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: MessageBody + 'static,
    P: Verify + Send + Sync + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>>>>;

    actix_web::dev::forward_ready!(service);

    fn call(&self, mut req: ServiceRequest) -> Self::Future {
        let service = Rc::clone(&self.service);
        let config = self.config.clone();
        Box::pin(async move {
            let reject = |req: ServiceRequest, rejection: WebhookRejection| {
                Ok(req
                    .into_response(rejection.error_response())
                    .map_into_right_body())
            };
            let payload = req.take_payload();
            let bytes = match read_payload(&config, req.headers(), payload).await {
                Ok(bytes) => bytes,
                Err(rejection) => return reject(req, rejection),
            };
            let verified = match config.verify(req.headers(), &request_info(req.request()), &bytes)
            {
                Ok(verified) => verified,
                Err(rejection) => return reject(req, rejection),
            };
            let lease = match config.admit(&verified).await {
                Ok(lease) => lease,
                Err(rejection) => return reject(req, rejection),
            };
            req.extensions_mut().insert(verified);
            req.set_payload(Payload::from(bytes));
            match service.call(req).await {
                Ok(response) => {
                    settle(lease, response.status().is_success()).await;
                    Ok(response.map_into_left_body())
                }
                Err(err) => {
                    settle(lease, false).await;
                    Err(err)
                }
            }
        })
    }
}

/// A handler that stores each verified delivery in the inbox registered as
/// `web::Data<Inbox<Q, S>>` and answers 202 at once (200 for a delivery the inbox already
/// holds, 503 with `Retry-After` when the queue cannot store it); the inbox's workers run the
/// application's handler later, with retries (feature `queue`). The route's
/// `web::Data<WebhookConfig<P>>` verifies, as for [`Webhook`].
///
/// ```
/// use actix_web::{App, web};
/// use hooksign::{GitHub, SecretSet};
/// use hooksign::integrations::WebhookConfig;
/// use hooksign::integrations::actix::accept_into_inbox;
/// use hooksign::queue::{Inbox, MemoryQueue, NoStore};
///
/// let config = WebhookConfig::new(GitHub::new(SecretSet::new(["It's a Secret to Everybody"])?));
/// let inbox = Inbox::new(MemoryQueue::new());
/// let app = App::new()
///     .app_data(web::Data::new(config))
///     .app_data(web::Data::new(inbox))
///     .route("/webhooks/github", web::post().to(accept_into_inbox::<GitHub, MemoryQueue, NoStore>));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "queue")]
#[cfg_attr(docsrs, doc(cfg(feature = "queue")))]
pub async fn accept_into_inbox<P, Q, S>(
    hook: Webhook<P>,
    inbox: web::Data<crate::queue::Inbox<Q, S>>,
) -> HttpResponse
where
    P: Verify + Send + Sync + 'static,
    Q: crate::queue::Queue + 'static,
    S: crate::idempotency::Store + 'static,
{
    let answer = super::inbox::accept(hook, &inbox).await;
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::ACCEPTED);
    let mut response = HttpResponse::build(status);
    if let Some(secs) = answer.retry_after {
        response.insert_header((header::RETRY_AFTER, secs.to_string()));
    }
    response.content_type("text/plain").body(answer.body)
}
