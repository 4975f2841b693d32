//! `hooksign serve`: a verifying gateway. Each route verifies its provider's deliveries,
//! answers 202 once the event is queued durably, and forwards it to the application re-signed
//! with one scheme (Standard Webhooks by default), with retries and dead letters.

mod backend;
mod config;
mod demo;
mod metrics;

use std::collections::HashMap;
use std::io::Write as _;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use clap::Args;
use hooksign::provider::{Options, find};
use hooksign::queue::{MemoryQueue, Outbox, Queue};
use hooksign::send::{AddressPolicy, Cidr, Endpoint, Outgoing, RetryPolicy, Sender};
use hooksign::{AnyProvider, Delivery, SecretSet, Tolerance, Verify};
use sha2::{Digest, Sha256};

use crate::{Outcome, UsageError};
use backend::Backend;
use metrics::Metrics;

/// The end of `serve --help`.
pub const AFTER_HELP: &str = "\
Without --config, serve starts on an embedded default: memory queue, a route
/webhooks/<id> per built-in provider with a generated secret, verified events printed to
standard output; it prints a ready curl per route and a sample configuration.

Endpoints: POST <route path> (202 when queued, 200 for a duplicate, 4xx when rejected),
GET /health, GET /stats (JSON), GET /metrics (Prometheus text). SIGTERM or Ctrl-C stops
accepting, lets deliveries under way finish within drain_secs, and exits.";

/// Arguments of `hooksign serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The configuration file (TOML); without it, the embedded default.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Listen here instead of the configuration's `listen`.
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<String>,
}

/// One route, ready to verify.
struct Route {
    provider: AnyProvider,
    forward_to: Option<Endpoint>,
    by_event: Vec<(Vec<String>, Endpoint)>,
    events: Vec<String>,
    allow: Vec<Cidr>,
    trusted_proxies: Vec<Cidr>,
}

/// What every request handler shares.
struct Shared {
    routes: HashMap<String, Route>,
    outbox: Outbox<Backend>,
    metrics: Arc<Metrics>,
    public_url: Option<String>,
}

/// Runs `hooksign serve`.
pub fn run(args: &ServeArgs) -> Outcome {
    init_logs();
    crate::send::runtime()?.block_on(async {
        let (file, base) = match &args.config {
            Some(path) => (
                config::File::read(path)?,
                path.parent().map(Path::to_path_buf).unwrap_or_default(),
            ),
            None => (demo::file(args.listen.as_deref()), PathBuf::from(".")),
        };
        let listen = args.listen.clone().unwrap_or_else(|| file.listen.clone());
        let metrics = Arc::new(Metrics::default());
        let queue = match &file.redis {
            #[cfg(not(feature = "redis"))]
            Some(_) => {
                let _ = &file.prefix;
                return Err(UsageError::new(
                    "`redis` is set, but this hooksign was built without the redis feature",
                ));
            }
            #[cfg(feature = "redis")]
            Some(url) => Backend::Redis(
                hooksign::queue::RedisQueue::connect(url, hooksign::queue::QueueConfig::default())
                    .await
                    .map_err(|e| UsageError::new(format!("cannot reach redis {url}: {e}")))?
                    .with_prefix(file.prefix.clone()),
            ),
            None => Backend::Memory(MemoryQueue::new()),
        };
        let (routes, demo_routes) = if args.config.is_some() {
            (build_routes(&file, &base)?, Vec::new())
        } else {
            demo::routes(file.public_url.as_deref().unwrap_or_default())
        };
        let sender = build_sender(&file, &base, &routes, &metrics)?;
        let drain = Duration::from_secs(file.drain_secs);
        let outbox = Outbox::new(queue, sender)
            .with_lease(Duration::from_millis(forward_timeout(&file) * 2 + 30_000))
            .with_drain(drain);
        let workers = file.forward.as_ref().map_or(8, |f| f.workers);
        let shared = Arc::new(Shared {
            routes,
            outbox,
            metrics,
            public_url: file.public_url.clone(),
        });

        let listener = tokio::net::TcpListener::bind(&listen)
            .await
            .map_err(|e| UsageError::new(format!("cannot listen on {listen}: {e}")))?;
        let local = listener
            .local_addr()
            .map_err(|e| UsageError::new(e.to_string()))?;
        tracing::info!(%local, routes = shared.routes.len(), "hooksign serve listening");
        if args.config.is_none() {
            demo::announce(local, &demo_routes);
        }

        let app = Router::new()
            .route("/health", get(health))
            .route("/stats", get(stats))
            .route("/metrics", get(prometheus))
            .fallback(receive)
            .layer(DefaultBodyLimit::max(file.max_body))
            .with_state(Arc::clone(&shared));

        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        let stopped = |mut rx: tokio::sync::watch::Receiver<bool>| async move {
            let _ = rx.wait_for(|stop| *stop).await;
        };
        let workers_done = {
            let shared = Arc::clone(&shared);
            let stop = stopped(stop_rx.clone());
            // `workers = 0`: an accept-only instance (others sharing the Redis queue forward).
            tokio::spawn(async move {
                if workers > 0 {
                    shared.outbox.run(workers, stop).await;
                }
            })
        };
        let server = axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(stopped(stop_rx));
        let signal = async move {
            shutdown_signal().await;
            tracing::info!("shutting down: no new requests, draining deliveries");
            let _ = stop_tx.send(true);
        };
        let serving = tokio::spawn(async move { server.await });
        signal.await;
        // Deliveries under way get `drain` to finish; the outbox then cuts those left and
        // releases their jobs, due again at once for another instance. The margin is for
        // that release to reach the queue.
        let _ = tokio::time::timeout(drain + Duration::from_secs(5), async {
            let _ = serving.await;
            let _ = workers_done.await;
        })
        .await;
        Ok(ExitCode::SUCCESS)
    })
}

fn init_logs() {
    use std::io::IsTerminal as _;
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false)
        .try_init();
}

/// Waits for Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => return ctrl_c.await,
            };
        let term = std::pin::pin!(term.recv());
        let ctrl_c = std::pin::pin!(ctrl_c);
        let _ = futures_util::future::select(ctrl_c, term).await;
    }
    #[cfg(not(unix))]
    ctrl_c.await;
}

fn forward_timeout(file: &config::File) -> u64 {
    file.forward.as_ref().map_or(15_000, |f| f.timeout_ms)
}

/// The routes of the configuration file, each provider built with its secrets.
fn build_routes(file: &config::File, base: &Path) -> Result<HashMap<String, Route>, UsageError> {
    let mut routes = HashMap::new();
    for (i, route) in file.routes.iter().enumerate() {
        let what = format!("route {} ({})", i + 1, route.path);
        if !route.path.starts_with('/') {
            return Err(UsageError::new(format!(
                "{what}: the path must start with /"
            )));
        }
        let secrets = SecretSet::new(route.secret_source().resolve(&what, base)?)
            .map_err(|e| UsageError::new(format!("{what}: {e}")))?;
        let provider =
            build_provider(route, secrets).map_err(|e| UsageError::new(format!("{what}: {e}")))?;
        let cidrs = |list: &[String]| -> Result<Vec<Cidr>, UsageError> {
            list.iter()
                .map(|c| {
                    c.parse::<Cidr>()
                        .map_err(|e| UsageError::new(format!("{what}: {c:?}: {e}")))
                })
                .collect()
        };
        let built = Route {
            provider,
            forward_to: route.forward_to.as_deref().map(Endpoint::new),
            by_event: route
                .by_event
                .iter()
                .map(|b| (b.events.clone(), Endpoint::new(b.forward_to.clone())))
                .collect(),
            events: route.events.clone(),
            allow: cidrs(&route.allow)?,
            trusted_proxies: cidrs(&route.trusted_proxies)?,
        };
        if routes.insert(route.path.clone(), built).is_some() {
            return Err(UsageError::new(format!("{what}: the path is given twice")));
        }
    }
    Ok(routes)
}

fn build_provider(route: &config::Route, secrets: SecretSet) -> Result<AnyProvider, String> {
    let mut options = Options::new();
    if let Some(secs) = route.tolerance {
        options = options.with_tolerance(Tolerance::symmetric(secs));
    }
    if route.provider == "custom" {
        let text = route
            .scheme
            .as_deref()
            .ok_or("provider \"custom\" needs a scheme")?;
        let spec = hooksign::provider::spec::Spec::parse(text).map_err(|e| e.to_string())?;
        let mut custom =
            hooksign::provider::Custom::new("custom", spec, secrets).map_err(|e| e.to_string())?;
        if let Some(secs) = route.tolerance {
            custom = custom.with_tolerance(Tolerance::symmetric(secs));
        }
        return Ok(AnyProvider::new(custom));
    }
    let entry = find(&route.provider).map_err(|e| e.to_string())?;
    if let Some(name) = &route.verify_token_env {
        if entry.id() != hooksign::MetaWebhooks::ID {
            return Err("verify_token_env is for provider \"meta\"".to_owned());
        }
        if route.tolerance.is_some() {
            return Err("meta signs no timestamp: no tolerance".to_owned());
        }
        let token =
            std::env::var(name).map_err(|_| format!("environment variable {name} is not set"))?;
        let meta = hooksign::MetaWebhooks::new(secrets).with_verify_token(token);
        return Ok(AnyProvider::new(meta));
    }
    entry.build(secrets, &options).map_err(|e| e.to_string())
}

/// The sender that forwards: the `[forward]` scheme, its retries, and the configured
/// application hosts allowed even when private (they are the operator's own).
fn build_sender(
    file: &config::File,
    base: &Path,
    routes: &HashMap<String, Route>,
    metrics: &Arc<Metrics>,
) -> Result<Sender, UsageError> {
    let signer = match &file.forward {
        Some(forward) => {
            let secrets = SecretSet::new(forward.secret_source().resolve("[forward]", base)?)
                .map_err(|e| UsageError::new(format!("[forward]: {e}")))?;
            AnyProvider::from_id(&forward.provider, secrets)
                .map_err(|e| UsageError::new(format!("[forward]: {e}")))?
        }
        None => {
            let secret = format!("whsec_{}", demo::base64_secret());
            AnyProvider::from_id(
                "standard-webhooks",
                SecretSet::new([secret]).map_err(|e| UsageError::new(e.to_string()))?,
            )
            .map_err(|e| UsageError::new(e.to_string()))?
        }
    };
    let retry = match &file.forward {
        Some(f) => RetryPolicy::exponential(
            Duration::from_millis(f.base_delay_ms),
            2.0,
            Duration::from_millis(f.max_delay_ms),
        )
        .with_max_attempts(f.max_attempts),
        None => RetryPolicy::default(),
    };
    let mut addresses = AddressPolicy::global_only();
    let destinations = routes
        .values()
        .flat_map(|r| r.forward_to.iter().chain(r.by_event.iter().map(|(_, e)| e)));
    for endpoint in destinations {
        if let Some(host) = url::Url::parse(endpoint.url())
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
        {
            let host = host
                .trim_start_matches('[')
                .trim_end_matches(']')
                .to_owned();
            addresses = addresses.with_allowed_host(&host);
        }
    }
    let (on_attempt, on_outcome) = (Arc::clone(metrics), Arc::clone(metrics));
    Sender::builder(signer)
        .with_retry(retry)
        .with_address_policy(addresses)
        .with_timeout(Duration::from_millis(forward_timeout(file)))
        .with_on_attempt(move |_, attempt| {
            on_attempt.forward_latency(attempt.latency());
            if attempt.retry_in_ms.is_some() {
                Metrics::add(&on_attempt.retried);
            }
        })
        .with_on_outcome(move |report| {
            if report.delivered {
                Metrics::add(&on_outcome.delivered);
            } else {
                Metrics::add(&on_outcome.dead);
            }
        })
        .build()
        .map_err(|e| UsageError::new(format!("[forward]: {e}")))
}

/// The client's address: the peer, or, when the peer is a trusted proxy, the right-most
/// `X-Forwarded-For` entry that is not a trusted proxy.
fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[Cidr]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|c| c.contains(ip));
    if !is_trusted(peer) {
        return peer;
    }
    let mut client = peer;
    for value in headers.get_all("x-forwarded-for") {
        let Ok(text) = value.to_str() else { continue };
        for hop in text.rsplit(',') {
            let Ok(ip) = hop.trim().parse::<IpAddr>() else {
                return client;
            };
            client = ip;
            if !is_trusted(ip) {
                return client;
            }
        }
    }
    client
}

fn json(status: StatusCode, value: serde_json::Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        value.to_string(),
    )
        .into_response()
}

/// A route's request: allow-list, handshake, verification, filter, queue.
async fn receive(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(route) = shared.routes.get(uri.path()) else {
        return json(
            StatusCode::NOT_FOUND,
            serde_json::json!({"error": "no such route"}),
        );
    };
    let metrics = &shared.metrics;
    Metrics::add(&metrics.received);
    if !route.allow.is_empty() {
        let client = client_ip(peer.ip(), &headers, &route.trusted_proxies);
        if !route.allow.iter().any(|c| c.contains(client)) {
            metrics.rejected("address_not_allowed");
            tracing::warn!(%client, path = uri.path(), "rejected: address not allowed");
            return json(
                StatusCode::FORBIDDEN,
                serde_json::json!({"error": "address_not_allowed"}),
            );
        }
    }
    let url = shared.public_url.as_ref().map(|base| {
        let path = uri.path_and_query().map_or(uri.path(), |p| p.as_str());
        format!("{}{path}", base.trim_end_matches('/'))
    });
    // Verified without holding the (borrowing, not `Send`) delivery across an await.
    let target = uri.path_and_query().map_or(uri.path(), |p| p.as_str());
    let verified = match verify(route, &headers, &body, &method, url.as_deref(), target) {
        Ok(Checked::Handshake(reply)) if reply.delivered_secret().is_some() => {
            // Asana's handshake hands over the secret its deliveries will be signed with:
            // serve has nowhere to keep it, and printing it would leak it.
            tracing::error!(
                path = uri.path(),
                "a handshake delivered a secret that serve cannot keep: establish this webhook with the library's on_handshake hook, then configure its secret"
            );
            metrics.rejected("handshake_secret_not_kept");
            return json(
                StatusCode::NOT_IMPLEMENTED,
                serde_json::json!({"error": "handshake_secret_not_kept"}),
            );
        }
        Ok(Checked::Handshake(reply)) => {
            Metrics::add(&metrics.handshakes);
            tracing::info!(path = uri.path(), "answered the provider's handshake");
            return handshake_response(&reply);
        }
        Ok(Checked::Delivery(verified)) => verified,
        Err(e) => {
            metrics.rejected(e.code());
            tracing::info!(path = uri.path(), reason = e.code(), "rejected");
            let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST);
            return json(
                status,
                serde_json::json!({"error": e.code(), "message": e.to_string()}),
            );
        }
    };
    let Accepted {
        provider,
        id,
        event_type,
        idempotency_key,
    } = verified;
    if !route.events.is_empty()
        && !event_type
            .as_deref()
            .is_some_and(|t| route.events.iter().any(|e| e == t))
    {
        Metrics::add(&metrics.filtered);
        return json(
            StatusCode::ACCEPTED,
            serde_json::json!({"accepted": true, "forwarded": false}),
        );
    }
    let routed = event_type.as_deref().and_then(|t| {
        route
            .by_event
            .iter()
            .find(|(events, _)| events.iter().any(|e| e == t))
            .map(|(_, endpoint)| endpoint)
    });
    if routed.is_none() && route.forward_to.is_none() && !route.by_event.is_empty() {
        // Routed by event type, and this type goes nowhere.
        Metrics::add(&metrics.filtered);
        return json(
            StatusCode::ACCEPTED,
            serde_json::json!({"accepted": true, "forwarded": false}),
        );
    }
    let Some(endpoint) = routed.or(route.forward_to.as_ref()) else {
        // The embedded default: show the event instead of forwarding it.
        let line = serde_json::json!({
            "provider": provider,
            "id": id,
            "event_type": event_type,
            "idempotency_key": idempotency_key,
            "body": String::from_utf8_lossy(&body),
        });
        // A closed standard output (a pipe whose reader left) must not fail the request.
        let _ = writeln!(std::io::stdout().lock(), "{line}");
        Metrics::add(&metrics.accepted);
        return json(
            StatusCode::ACCEPTED,
            serde_json::json!({"accepted": true, "id": id}),
        );
    };
    let mut message = Outgoing::new(body.clone())
        .with_id(id.clone())
        .with_header("X-Hooksign-Provider", provider.clone());
    if let Some(t) = &event_type {
        message = message.with_event_type(t.clone());
    }
    match shared
        .outbox
        .enqueue(&message, std::slice::from_ref(endpoint))
        .await
    {
        Ok(queued) if queued.iter().all(|q| !q.is_new()) => {
            Metrics::add(&metrics.duplicates);
            json(
                StatusCode::OK,
                serde_json::json!({"accepted": true, "id": id, "duplicate": true}),
            )
        }
        Ok(_) => {
            Metrics::add(&metrics.accepted);
            tracing::info!(%provider, %id, "queued");
            json(
                StatusCode::ACCEPTED,
                serde_json::json!({"accepted": true, "id": id}),
            )
        }
        Err(e) => {
            metrics.rejected("queue_unavailable");
            tracing::error!(error = %e, "cannot queue a verified delivery");
            json(
                StatusCode::SERVICE_UNAVAILABLE,
                serde_json::json!({"error": "queue_unavailable"}),
            )
        }
    }
}

/// What verification established, owned.
struct Accepted {
    provider: String,
    id: String,
    event_type: Option<String>,
    idempotency_key: Option<String>,
}

/// A request is a provider's handshake (answered as the provider specifies, authenticated as
/// it specifies) or a delivery.
enum Checked {
    Handshake(hooksign::handshake::HandshakeReply),
    Delivery(Accepted),
}

fn verify(
    route: &Route,
    headers: &HeaderMap,
    body: &[u8],
    method: &Method,
    url: Option<&str>,
    target: &str,
) -> Result<Checked, hooksign::Error> {
    let mut delivery = Delivery::new(headers, body).with_method(method.as_str());
    // A handshake reads only the query: the request target does without a public URL.
    let handshake = delivery.with_url(url.unwrap_or(target));
    if let Some(reply) = route
        .provider
        .handshake(&handshake, hooksign::UnixTime::now())
    {
        return reply.map(Checked::Handshake);
    }
    if let Some(url) = url {
        delivery = delivery.with_url(url);
    }
    let verified = route.provider.verify(&delivery)?;
    Ok(Checked::Delivery(Accepted {
        provider: verified.provider().to_owned(),
        id: forward_id(&verified),
        event_type: verified.event_type().map(|t| t.into_owned()),
        idempotency_key: verified.idempotency_key().map(|k| k.as_str().to_owned()),
    }))
}

/// The provider's handshake answer, as it expects it byte for byte.
fn handshake_response(reply: &hooksign::handshake::HandshakeReply) -> Response {
    let mut response = Response::new(axum::body::Body::from(reply.body().to_vec()));
    *response.status_mut() = StatusCode::from_u16(reply.status()).unwrap_or(StatusCode::OK);
    let headers = response.headers_mut();
    if let Some(content_type) = reply.content_type()
        && let Ok(value) = header::HeaderValue::from_str(content_type)
    {
        headers.insert(header::CONTENT_TYPE, value);
    }
    for (name, value) in reply.headers() {
        if let (Ok(name), Ok(value)) = (
            header::HeaderName::from_bytes(name.as_bytes()),
            header::HeaderValue::from_str(value),
        ) {
            headers.append(name, value);
        }
    }
    response
}

/// The id an event is forwarded under: derived from the delivery's idempotency key, so a
/// provider's retry of an accepted event is the same message (and a duplicate in the queue);
/// for a provider without one, from the provider and the body.
fn forward_id(verified: &hooksign::Verified<'_>) -> String {
    let mut digest = Sha256::new();
    match verified.idempotency_key() {
        Some(key) => digest.update(key.as_str().as_bytes()),
        None => {
            digest.update(verified.provider().as_bytes());
            digest.update([0]);
            digest.update(verified.body());
        }
    }
    let hex: String = digest.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("evt_{hex}")
}

async fn health(State(shared): State<Arc<Shared>>) -> Response {
    match shared.outbox.queue().stats().await {
        Ok(_) => (StatusCode::OK, "ok\n").into_response(),
        Err(e) => (StatusCode::SERVICE_UNAVAILABLE, format!("queue: {e}\n")).into_response(),
    }
}

async fn stats(State(shared): State<Arc<Shared>>) -> Response {
    let m = &shared.metrics;
    let get = |c: &std::sync::atomic::AtomicU64| c.load(std::sync::atomic::Ordering::Relaxed);
    let queue = shared.outbox.queue().stats().await.ok();
    json(
        StatusCode::OK,
        serde_json::json!({
            "received": get(&m.received),
            "accepted": get(&m.accepted),
            "duplicates": get(&m.duplicates),
            "filtered": get(&m.filtered),
            "delivered": get(&m.delivered),
            "retried": get(&m.retried),
            "dead_lettered": get(&m.dead),
            "rejected": m.rejections(),
            "queue": queue.map(|q| serde_json::json!({
                "ready": q.ready, "scheduled": q.scheduled, "in_flight": q.in_flight,
                "dead": q.dead, "oldest_age_ms": q.oldest_age.map(|a| a.as_millis() as u64),
            })),
        }),
    )
}

async fn prometheus(State(shared): State<Arc<Shared>>) -> Response {
    let queue = shared.outbox.queue().stats().await.ok();
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        shared.metrics.prometheus(queue.as_ref()),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trusted_proxy_names_the_client_and_an_untrusted_peer_does_not() {
        let trusted: Vec<Cidr> = vec!["10.0.0.0/8".parse().unwrap()];
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", "203.0.113.7, 10.1.1.1".parse().unwrap());
        let proxy: IpAddr = "10.0.0.2".parse().unwrap();
        assert_eq!(
            client_ip(proxy, &headers, &trusted),
            "203.0.113.7".parse::<IpAddr>().unwrap()
        );
        let stranger: IpAddr = "198.51.100.1".parse().unwrap();
        assert_eq!(client_ip(stranger, &headers, &trusted), stranger);
    }
}
