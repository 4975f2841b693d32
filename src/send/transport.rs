//! The HTTP client behind a small private trait, so that its type never reaches the public
//! API: reqwest with rustls, no redirects, no proxies, and a resolver that vets every address
//! before it is connected.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderName, HeaderValue};

use crate::send::BoxFuture;
use crate::send::address::{AddressPolicy, Refusal, Resolver, Vetting};

/// One POST to make.
pub(crate) struct HttpRequest {
    pub(crate) url: url::Url,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) body: Bytes,
}

/// What came back.
pub(crate) struct HttpResponse {
    pub(crate) status: u16,
    pub(crate) retry_after: Option<String>,
    pub(crate) location: Option<String>,
    pub(crate) excerpt: Vec<u8>,
    pub(crate) truncated: bool,
}

/// Why no answer came.
pub(crate) enum TransportError {
    /// The resolver's answer (or the literal address) was refused.
    Refused(Refusal),
    /// Connecting failed (including a name that did not resolve).
    Connect(String),
    /// Connecting or the whole exchange ran out of time.
    Timeout(String),
    /// The request or the answer's head broke off.
    Transport(String),
}

/// Sends one request and reads at most `capture` bytes of the answer, all within `deadline`.
pub(crate) trait Transport: Send + Sync {
    fn post(
        &self,
        request: HttpRequest,
        capture: usize,
        deadline: Duration,
    ) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;
}

/// The reqwest client.
pub(crate) struct Reqwest {
    client: reqwest::Client,
}

pub(crate) struct ClientSettings {
    pub(crate) connect_timeout: Duration,
    pub(crate) user_agent: String,
    pub(crate) proxy: Option<String>,
    pub(crate) policy: AddressPolicy,
    pub(crate) resolver: Arc<dyn Resolver>,
}

impl Reqwest {
    pub(crate) fn new(settings: ClientSettings) -> Result<Self, reqwest::Error> {
        let builder = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none());
        // The environment's proxies never apply; a configured one does.
        let builder = match &settings.proxy {
            Some(url) => builder.proxy(reqwest::Proxy::all(url)?),
            None => builder.no_proxy(),
        };
        let client = builder
            .connect_timeout(settings.connect_timeout)
            .user_agent(settings.user_agent)
            .tcp_nodelay(true)
            .pool_idle_timeout(Duration::from_secs(60))
            .dns_resolver(Arc::new(VettingResolver {
                policy: settings.policy,
                resolver: settings.resolver,
            }))
            .build()?;
        Ok(Reqwest { client })
    }
}

impl Transport for Reqwest {
    fn post(
        &self,
        request: HttpRequest,
        capture: usize,
        deadline: Duration,
    ) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            let until = tokio::time::Instant::now() + deadline;
            let mut builder = self.client.post(request.url);
            for (name, value) in request.headers {
                builder = builder.header(name, value);
            }
            let sent = builder.body(request.body).send();

            // One deadline for the whole exchange. What was read before it passed is kept:
            // an answer whose body never ends still has its status.
            let mut head: Option<(u16, Option<String>, Option<String>)> = None;
            let mut excerpt = Vec::new();
            let mut truncated = false;
            let exchange = async {
                let mut response = sent.await.map_err(|e| classify(&e))?;
                let header = |name| {
                    response
                        .headers()
                        .get(name)
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_owned)
                };
                head = Some((
                    response.status().as_u16(),
                    header(reqwest::header::RETRY_AFTER),
                    header(reqwest::header::LOCATION),
                ));
                // The body, up to `capture` bytes; the rest is never read (the connection is
                // dropped rather than drained).
                // A body that breaks off after the status still leaves the status.
                while let Ok(Some(chunk)) = response.chunk().await {
                    let room = capture - excerpt.len();
                    if chunk.len() > room {
                        excerpt.extend_from_slice(&chunk[..room]);
                        truncated = true;
                        break;
                    }
                    excerpt.extend_from_slice(&chunk);
                }
                Ok::<(), TransportError>(())
            };
            let timed = tokio::time::timeout_at(until, exchange).await;
            let (status, retry_after, location) = match (timed, head) {
                (Ok(Err(error)), _) => return Err(error),
                (Err(_), None) => {
                    return Err(TransportError::Timeout(format!(
                        "no answer within {} ms",
                        deadline.as_millis()
                    )));
                }
                (Err(_), Some(head)) => {
                    truncated = true;
                    head
                }
                (Ok(Ok(())), Some(head)) => head,
                (Ok(Ok(())), None) => {
                    return Err(TransportError::Transport("no answer".to_owned()));
                }
            };
            Ok(HttpResponse {
                status,
                retry_after,
                location,
                excerpt,
                truncated,
            })
        })
    }
}

/// Sorts a reqwest error, finding a refusal from the resolver in its chain. The messages
/// never include the URL (which may carry credentials).
fn classify(error: &reqwest::Error) -> TransportError {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    let mut innermost = None;
    while let Some(e) = source {
        if let Some(refusal) = e.downcast_ref::<Refusal>() {
            return TransportError::Refused(refusal.clone());
        }
        if let Some(Vetting::Refused(refusal)) = e.downcast_ref::<Vetting>() {
            return TransportError::Refused(refusal.clone());
        }
        innermost = Some(e);
        source = e.source();
    }
    let detail = innermost
        .filter(|e| !std::ptr::addr_eq(*e, error))
        .map(|e| e.to_string())
        .unwrap_or_else(|| "request failed".to_owned());
    if error.is_timeout() {
        TransportError::Timeout(format!("timed out: {detail}"))
    } else if error.is_connect() {
        TransportError::Connect(format!("cannot connect: {detail}"))
    } else {
        TransportError::Transport(detail)
    }
}

/// The resolver reqwest calls for every new connection: resolve, vet, and hand over exactly
/// the vetted addresses.
struct VettingResolver {
    policy: AddressPolicy,
    resolver: Arc<dyn Resolver>,
}

impl reqwest::dns::Resolve for VettingResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let policy = self.policy.clone();
        let resolver = Arc::clone(&self.resolver);
        Box::pin(async move {
            let addrs = policy
                .vet(name.as_str(), resolver.as_ref())
                .await
                .map_err(|e| -> Box<dyn std::error::Error + Send + Sync> { Box::new(e) })?;
            let addrs: Box<dyn Iterator<Item = SocketAddr> + Send> =
                Box::new(addrs.into_iter().map(|ip| SocketAddr::new(ip, 0)));
            Ok(addrs)
        })
    }
}
