//! A webhook receiver: the first thing to run.
//!
//! ```text
//! cargo run --example receiver --features axum            # memory store
//! cargo run --example receiver --features axum,redis -- --redis redis://127.0.0.1:6379
//! ```
//!
//! It listens on 127.0.0.1 (`--port`, default 3000) with
//!
//! - `POST /webhooks/{github,stripe,slack,shopify,standard-webhooks}`: verified, each event
//!   processed once (duplicates are answered 200 without processing);
//! - `GET /health`: `ok`;
//! - `GET /stats`: `{"processed": n, "duplicates": n, "rejected": n}` over all providers.
//!
//! Secrets come from `GITHUB_WEBHOOK_SECRET`, `STRIPE_WEBHOOK_SECRET`, `SLACK_SIGNING_SECRET`,
//! `SHOPIFY_WEBHOOK_SECRET` and `STANDARD_WEBHOOKS_SECRET`. For each one that is unset, a
//! random secret is generated and printed with a `curl` command that delivers a correctly
//! signed sample event. `--redis URL` (or `REDIS_URL`, feature `redis`) shares exactly-once
//! processing between instances. `--quiet` logs only warnings; `--bench` adds
//! `POST /bench/unverified`, the same endpoint without verification, for load comparisons
//! (it counts what it receives as `processed`).

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{FromRef, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine as _;
use hooksign::idempotency::{IdempotencyConfig, MemoryStore, Store};
use hooksign::integrations::{Webhook, WebhookConfig, WebhookRejection};
use hooksign::{
    GitHub, Message, SecretSet, Shopify, Sign, Slack, StandardWebhooks, Stripe, Verify,
};

/// What the receiver counts, over all providers.
#[derive(Debug, Default)]
pub struct Stats {
    processed: AtomicU64,
    duplicates: AtomicU64,
    rejected: AtomicU64,
}

impl Stats {
    /// `(processed, duplicates, rejected)`.
    pub fn snapshot(&self) -> (u64, u64, u64) {
        (
            self.processed.load(Ordering::Relaxed),
            self.duplicates.load(Ordering::Relaxed),
            self.rejected.load(Ordering::Relaxed),
        )
    }
}

/// One configuration per provider, plus the counters. The extractor `Webhook<P>` finds
/// `WebhookConfig<P>` through `FromRef`.
#[derive(Clone)]
pub struct AppState {
    github: WebhookConfig<GitHub>,
    stripe: WebhookConfig<Stripe>,
    slack: WebhookConfig<Slack>,
    shopify: WebhookConfig<Shopify>,
    standard: WebhookConfig<StandardWebhooks>,
    stats: Arc<Stats>,
}

// What `#[derive(FromRef)]` would write (that derive needs axum's `macros` feature).
macro_rules! from_ref {
    ($($field:ident: $ty:ty),* $(,)?) => {$(
        impl FromRef<AppState> for $ty {
            fn from_ref(state: &AppState) -> Self {
                state.$field.clone()
            }
        }
    )*};
}
from_ref!(
    github: WebhookConfig<GitHub>,
    stripe: WebhookConfig<Stripe>,
    slack: WebhookConfig<Slack>,
    shopify: WebhookConfig<Shopify>,
    standard: WebhookConfig<StandardWebhooks>,
    stats: Arc<Stats>,
);

/// The five providers' secrets.
#[derive(Debug, Clone)]
pub struct Secrets {
    pub github: String,
    pub stripe: String,
    pub slack: String,
    pub shopify: String,
    pub standard: String,
}

impl AppState {
    /// Every provider verifying with `secrets`, all sharing one idempotency `store`.
    pub fn new<S: Store + 'static>(secrets: &Secrets, store: S) -> Result<Self, String> {
        fn set(secret: &str) -> Result<SecretSet, String> {
            SecretSet::new([secret]).map_err(|e| e.to_string())
        }
        let store = Arc::new(store);
        let standard = StandardWebhooks::new(set(&secrets.standard)?)
            .map_err(|e| format!("STANDARD_WEBHOOKS_SECRET: {e}"))?;
        Ok(AppState {
            github: WebhookConfig::new(GitHub::new(set(&secrets.github)?))
                .with_store(Arc::clone(&store)),
            stripe: WebhookConfig::new(Stripe::new(set(&secrets.stripe)?))
                .with_store(Arc::clone(&store)),
            slack: WebhookConfig::new(Slack::new(set(&secrets.slack)?))
                .with_store(Arc::clone(&store)),
            shopify: WebhookConfig::new(Shopify::new(set(&secrets.shopify)?))
                .with_store(Arc::clone(&store)),
            standard: WebhookConfig::new(standard).with_store(store),
            stats: Arc::default(),
        })
    }

    /// The counters.
    pub fn stats(&self) -> Arc<Stats> {
        Arc::clone(&self.stats)
    }
}

/// The receiver's routes; `bench` adds `POST /bench/unverified`.
pub fn router(state: AppState, bench: bool) -> Router {
    let mut router = Router::new()
        .route("/webhooks/github", post(receive::<GitHub>))
        .route("/webhooks/stripe", post(receive::<Stripe>))
        .route("/webhooks/slack", post(slack))
        .route("/webhooks/shopify", post(receive::<Shopify>))
        .route(
            "/webhooks/standard-webhooks",
            post(receive::<StandardWebhooks>),
        )
        .route("/health", get(|| async { "ok" }))
        .route("/stats", get(stats));
    if bench {
        router = router
            .route("/bench/unverified", post(unverified))
            .route("/bench/hmac", post(bare_hmac));
    }
    router.with_state(state)
}

/// Counts a rejection and answers it.
fn rejected(stats: &Stats, rejection: WebhookRejection) -> Response {
    if rejection.is_duplicate() {
        stats.duplicates.fetch_add(1, Ordering::Relaxed);
    } else if (400..500).contains(&rejection.status()) {
        stats.rejected.fetch_add(1, Ordering::Relaxed);
    }
    rejection.into_response()
}

/// "Processes" a verified event (logs it), then records it as done.
async fn process<P>(stats: &Stats, hook: Webhook<P, Bytes>) -> Response {
    let verified = hook.verified();
    tracing::info!(
        provider = verified.provider(),
        event = verified.event_type().as_deref().unwrap_or("-"),
        key = %verified.idempotency_key().map(|k| k.into_string()).unwrap_or_default(),
        bytes = hook.body().len(),
        "processed webhook"
    );
    stats.processed.fetch_add(1, Ordering::Relaxed);
    // Completing after the work: had the work failed, dropping `hook` would have released
    // the lease so the provider's retry is processed.
    if let Err(err) = hook.complete().await {
        tracing::warn!(error = %err, "processed, but not recorded as done");
    }
    (StatusCode::OK, "ok\n").into_response()
}

async fn receive<P>(
    State(stats): State<Arc<Stats>>,
    hook: Result<Webhook<P, Bytes>, WebhookRejection>,
) -> Response
where
    P: Verify + Send + Sync + 'static,
{
    match hook {
        Ok(hook) => process(&stats, hook).await,
        Err(rejection) => rejected(&stats, rejection),
    }
}

/// Slack also checks the endpoint with a signed `url_verification` request, answered with
/// its `challenge` (after verification, like any delivery).
async fn slack(
    State(stats): State<Arc<Stats>>,
    hook: Result<Webhook<Slack, Bytes>, WebhookRejection>,
) -> Response {
    let hook = match hook {
        Ok(hook) => hook,
        Err(rejection) => return rejected(&stats, rejection),
    };
    if let Ok(body) = serde_json::from_slice::<serde_json::Value>(hook.body())
        && body["type"] == "url_verification"
        && let Some(challenge) = body["challenge"].as_str()
    {
        tracing::info!("answered Slack's url_verification challenge");
        return ([(header::CONTENT_TYPE, "text/plain")], challenge.to_owned()).into_response();
    }
    process(&stats, hook).await
}

async fn stats(State(stats): State<Arc<Stats>>) -> Response {
    let (processed, duplicates, rejected) = stats.snapshot();
    let json = serde_json::json!({
        "processed": processed,
        "duplicates": duplicates,
        "rejected": rejected,
    });
    (
        [(header::CONTENT_TYPE, "application/json")],
        json.to_string(),
    )
        .into_response()
}

/// The same endpoint without verification, for load comparisons: the same extractors
/// (state, then the body read under a limit), the same work as [`process`] (a log line,
/// the `processed` count) and the same answer; only the verification (and, without an
/// idempotency key, nothing else) is missing.
async fn unverified(State(stats): State<Arc<Stats>>, body: Bytes) -> Response {
    tracing::info!(bytes = body.len(), "processed unverified request (--bench)");
    stats.processed.fetch_add(1, Ordering::Relaxed);
    (StatusCode::OK, "ok\n").into_response()
}

/// The control endpoint of `scripts/load.sh` (`--bench`): the unverified handler's work plus
/// a bare HMAC-SHA256 of the body with a key prepared once, as verification computes it, and
/// nothing else (no header lookup, no decoding, no comparison), so that the load script can
/// tell the MAC's cost from what verification adds around it.
async fn bare_hmac(State(stats): State<Arc<Stats>>, body: Bytes) -> Response {
    use hmac::{KeyInit, Mac};
    static KEYED: std::sync::LazyLock<hmac::Hmac<sha2::Sha256>> = std::sync::LazyLock::new(|| {
        hmac::Hmac::new_from_slice(b"load-test-secret").expect("HMAC takes any key length")
    });
    let mut mac = KEYED.clone();
    mac.update(&body);
    std::hint::black_box(mac.finalize().into_bytes());
    tracing::info!(bytes = body.len(), "processed bare-HMAC request (--bench)");
    stats.processed.fetch_add(1, Ordering::Relaxed);
    (StatusCode::OK, "ok\n").into_response()
}

/// Command-line options.
#[derive(Debug, Default)]
pub struct Options {
    pub port: u16,
    pub redis: Option<String>,
    pub quiet: bool,
    pub bench: bool,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        port: 3000,
        redis: std::env::var("REDIS_URL")
            .ok()
            .filter(|url| !url.is_empty()),
        ..Options::default()
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => {
                let port = args.next().ok_or("--port needs a value")?;
                options.port = port.parse().map_err(|_| format!("bad port {port:?}"))?;
            }
            "--redis" => options.redis = Some(args.next().ok_or("--redis needs a URL")?),
            "--quiet" => options.quiet = true,
            "--bench" => options.bench = true,
            "-h" | "--help" => {
                println!(
                    "usage: receiver [--port N] [--redis URL] [--quiet] [--bench]\n\
                     secrets: GITHUB_WEBHOOK_SECRET STRIPE_WEBHOOK_SECRET SLACK_SIGNING_SECRET \
                     SHOPIFY_WEBHOOK_SECRET STANDARD_WEBHOOKS_SECRET"
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other:?} (see --help)")),
        }
    }
    Ok(options)
}

fn random_bytes<const N: usize>() -> Result<[u8; N], String> {
    let mut bytes = [0; N];
    getrandom::fill(&mut bytes).map_err(|e| format!("no randomness: {e}"))?;
    Ok(bytes)
}

/// The secret in `var`, or a generated one; `true` when generated.
fn secret(var: &str, generate: impl Fn([u8; 24]) -> String) -> Result<(String, bool), String> {
    match std::env::var(var) {
        Ok(secret) if !secret.is_empty() => Ok((secret, false)),
        _ => Ok((generate(random_bytes()?), true)),
    }
}

/// A `curl` command delivering `body`, signed by `signer`, to `path`.
fn curl(
    addr: SocketAddr,
    path: &str,
    signer: &dyn Sign,
    message: Message<'_>,
) -> Result<String, String> {
    let headers = signer.sign(&message).map_err(|e| e.to_string())?;
    let mut cmd = format!("curl -i http://{addr}{path} -H 'Content-Type: application/json'");
    for (name, value) in &headers {
        cmd.push_str(&format!(" -H '{name}: {value}'"));
    }
    // The samples hold no single quote, so single-quoting sends the exact signed bytes.
    let body = String::from_utf8_lossy(message.body());
    cmd.push_str(&format!(" --data-binary '{body}'"));
    Ok(cmd)
}

/// Prints the generated secrets with a sample delivery for each.
fn print_samples(addr: SocketAddr, secrets: &Secrets, generated: &[&str]) -> Result<(), String> {
    let id = hex::encode(random_bytes::<8>()?);
    let set = |s: &str| SecretSet::new([s]).map_err(|e| e.to_string());
    for &provider in generated {
        let (var, secret, cmd) = match provider {
            "github" => {
                let body = br#"{"zen":"Keep it logically awesome.","hook_id":1}"#;
                let msg = Message::new(body).with_id(&id).with_event_type("ping");
                let cmd = curl(
                    addr,
                    "/webhooks/github",
                    &GitHub::new(set(&secrets.github)?),
                    msg,
                )?;
                ("GITHUB_WEBHOOK_SECRET", &secrets.github, cmd)
            }
            "stripe" => {
                let body = format!(
                    r#"{{"id":"evt_{id}","object":"event","type":"payment_intent.succeeded"}}"#
                );
                let cmd = curl(
                    addr,
                    "/webhooks/stripe",
                    &Stripe::new(set(&secrets.stripe)?),
                    Message::new(body.as_bytes()),
                )?;
                ("STRIPE_WEBHOOK_SECRET", &secrets.stripe, cmd)
            }
            "slack" => {
                let body = format!(
                    r#"{{"type":"event_callback","event_id":"Ev{id}","event":{{"type":"app_mention","text":"hello"}}}}"#
                );
                let cmd = curl(
                    addr,
                    "/webhooks/slack",
                    &Slack::new(set(&secrets.slack)?),
                    Message::new(body.as_bytes()),
                )?;
                ("SLACK_SIGNING_SECRET", &secrets.slack, cmd)
            }
            "shopify" => {
                let body = br#"{"id":820982911946154508,"email":"jon@example.com"}"#;
                let msg = Message::new(body)
                    .with_id(&id)
                    .with_event_type("orders/create");
                let cmd = curl(
                    addr,
                    "/webhooks/shopify",
                    &Shopify::new(set(&secrets.shopify)?),
                    msg,
                )?;
                ("SHOPIFY_WEBHOOK_SECRET", &secrets.shopify, cmd)
            }
            _ => {
                let provider =
                    StandardWebhooks::new(set(&secrets.standard)?).map_err(|e| e.to_string())?;
                let body = br#"{"type":"invoice.paid","data":{"id":"inv_1"}}"#;
                let msg_id = format!("msg_{id}");
                let msg = Message::new(body).with_id(&msg_id);
                let cmd = curl(addr, "/webhooks/standard-webhooks", &provider, msg)?;
                ("STANDARD_WEBHOOKS_SECRET", &secrets.standard, cmd)
            }
        };
        let expiry = match provider {
            "stripe" | "slack" | "standard-webhooks" => " (timestamped: valid for 5 minutes)",
            _ => "",
        };
        println!("\n{var} is unset; generated {var}={secret}");
        println!("send a signed sample event{expiry}:\n  {cmd}");
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let options = parse_args()?;
    tracing_subscriber::fmt()
        .with_max_level(if options.quiet {
            tracing::Level::WARN
        } else {
            tracing::Level::INFO
        })
        .init();

    let hex_secret = |b: [u8; 24]| hex::encode(b);
    let whsec_hex = |b: [u8; 24]| format!("whsec_{}", hex::encode(b));
    let whsec_b64 = |b: [u8; 24]| {
        format!(
            "whsec_{}",
            base64::engine::general_purpose::STANDARD.encode(b)
        )
    };
    let mut generated = Vec::new();
    let mut take = |name: &'static str, var: &str, generate: &dyn Fn([u8; 24]) -> String| {
        secret(var, generate).map(|(secret, fresh)| {
            if fresh {
                generated.push(name);
            }
            secret
        })
    };
    let secrets = Secrets {
        github: take("github", "GITHUB_WEBHOOK_SECRET", &hex_secret)?,
        stripe: take("stripe", "STRIPE_WEBHOOK_SECRET", &whsec_hex)?,
        slack: take("slack", "SLACK_SIGNING_SECRET", &hex_secret)?,
        shopify: take("shopify", "SHOPIFY_WEBHOOK_SECRET", &hex_secret)?,
        standard: take("standard-webhooks", "STANDARD_WEBHOOKS_SECRET", &whsec_b64)?,
    };

    let state = match &options.redis {
        #[cfg(feature = "redis")]
        Some(url) => {
            let store =
                hooksign::idempotency::RedisStore::connect(url, IdempotencyConfig::default())
                    .await
                    .map_err(|e| format!("redis at {url}: {e}"))?;
            tracing::info!("idempotency store: redis (shared between instances)");
            AppState::new(&secrets, store)?
        }
        #[cfg(not(feature = "redis"))]
        Some(_) => return Err("--redis needs the `redis` feature: --features axum,redis".into()),
        None => {
            tracing::info!("idempotency store: memory (this process only)");
            AppState::new(&secrets, MemoryStore::new(IdempotencyConfig::default()))?
        }
    };

    let listener = tokio::net::TcpListener::bind(("127.0.0.1", options.port)).await?;
    let addr = listener.local_addr()?;
    print_samples(addr, &secrets, &generated)?;
    println!("\nlistening on http://{addr} (GET /health, GET /stats)");

    axum::serve(listener, router(state, options.bench))
        .with_graceful_shutdown(async {
            // If the signal handler cannot be installed, run until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
        .await?;
    Ok(())
}
