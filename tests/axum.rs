//! The axum integration against a real server on 127.0.0.1 and a real HTTP client.
#![cfg(feature = "axum")]

mod integration_support;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Extension, Router};
use hooksign::idempotency::{MemoryStore, Store};
use hooksign::integrations::axum::VerifyLayer;
use hooksign::integrations::{Webhook, WebhookConfig};
use hooksign::{GitHub, Shopify, Slack, StandardWebhooks, Stripe, Verified, Verify};
use integration_support::{self as support, Configs, DownStore, Recorder};

#[derive(Clone)]
struct AppState {
    configs: Configs,
    rec: Arc<Recorder>,
}

macro_rules! from_ref {
    ($($field:ident: $p:ty),*) => {$(
        impl FromRef<AppState> for WebhookConfig<$p> {
            fn from_ref(state: &AppState) -> Self {
                state.configs.$field.clone()
            }
        }
    )*};
}
from_ref!(github: GitHub, stripe: Stripe, slack: Slack, shopify: Shopify, standard: StandardWebhooks);

impl FromRef<AppState> for Arc<Recorder> {
    fn from_ref(state: &AppState) -> Self {
        Arc::clone(&state.rec)
    }
}

/// The extractor: echo the body on success; on failure drop the lease (released).
async fn extracted<P>(State(rec): State<Arc<Recorder>>, hook: Webhook<P>) -> Response
where
    P: Verify + Send + Sync + 'static,
{
    if !rec.call(hook.body()).await {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    let body = hook.body().clone();
    hook.complete().await.expect("complete");
    body.into_response()
}

/// Behind the layer: the exact body, and `Verified` in the extensions.
async fn layered(
    State(rec): State<Arc<Recorder>>,
    Extension(verified): Extension<Verified<'static>>,
    body: Bytes,
) -> Response {
    assert_eq!(
        verified.body(),
        &body[..],
        "the layer passes the exact body on"
    );
    if !rec.call(&body).await {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    body.into_response()
}

async fn start<S: Store + Clone + 'static>(store: Option<S>, rec: Arc<Recorder>) -> SocketAddr {
    let configs = Configs::new(store);
    let c = configs.clone();
    let app = Router::new()
        .route("/x/github", post(extracted::<GitHub>))
        .route("/x/stripe", post(extracted::<Stripe>))
        .route("/x/slack", post(extracted::<Slack>))
        .route("/x/shopify", post(extracted::<Shopify>))
        .route("/x/standard-webhooks", post(extracted::<StandardWebhooks>))
        .route(
            "/layer/github",
            post(layered).layer(VerifyLayer::new(c.github)),
        )
        .route(
            "/layer/stripe",
            post(layered).layer(VerifyLayer::new(c.stripe)),
        )
        .route(
            "/layer/slack",
            post(layered).layer(VerifyLayer::new(c.slack)),
        )
        .route(
            "/layer/shopify",
            post(layered).layer(VerifyLayer::new(c.shopify)),
        )
        .route(
            "/layer/standard-webhooks",
            post(layered).layer(VerifyLayer::new(c.standard)),
        )
        .with_state(AppState { configs, rec });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
    addr
}

fn memory() -> Option<Arc<MemoryStore>> {
    Some(Arc::new(MemoryStore::default()))
}

#[tokio::test]
async fn valid_deliveries_reach_the_handler_with_the_exact_body() {
    for prefix in ["/x", "/layer"] {
        let rec = Recorder::new(Duration::ZERO, 0);
        let addr = start::<DownStore>(None, Arc::clone(&rec)).await;
        support::valid_deliveries(&format!("http://{addr}"), prefix, &rec).await;
    }
}

#[tokio::test]
async fn valid_deliveries_with_a_store() {
    for prefix in ["/x", "/layer"] {
        let rec = Recorder::new(Duration::ZERO, 0);
        let addr = start(memory(), Arc::clone(&rec)).await;
        support::valid_deliveries(&format!("http://{addr}"), prefix, &rec).await;
    }
}

#[tokio::test]
async fn invalid_deliveries_get_the_documented_status() {
    for prefix in ["/x", "/layer"] {
        let rec = Recorder::new(Duration::ZERO, 0);
        let addr = start(memory(), Arc::clone(&rec)).await;
        support::rejections(&format!("http://{addr}"), prefix, &rec).await;
    }
}

#[tokio::test]
async fn bodies_over_the_limit_get_413_without_being_read() {
    for path in ["/x/github", "/layer/github"] {
        let rec = Recorder::new(Duration::ZERO, 0);
        let addr = start::<DownStore>(None, Arc::clone(&rec)).await;
        support::too_large(addr, path, &rec).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_copies_run_the_handler_once() {
    for prefix in ["/x", "/layer"] {
        let rec = Recorder::new(Duration::from_millis(300), 0);
        let addr = start(memory(), Arc::clone(&rec)).await;
        support::concurrent_once(&format!("http://{addr}"), prefix, &rec).await;
    }
}

#[tokio::test]
async fn a_handler_failure_releases_the_lease() {
    for prefix in ["/x", "/layer"] {
        let rec = Recorder::new(Duration::ZERO, 1);
        let addr = start(memory(), Arc::clone(&rec)).await;
        support::failure_releases(&format!("http://{addr}"), prefix, &rec).await;
    }
}

#[tokio::test]
async fn a_store_failure_answers_503() {
    for prefix in ["/x", "/layer"] {
        let rec = Recorder::new(Duration::ZERO, 0);
        let addr = start(Some(DownStore), Arc::clone(&rec)).await;
        support::store_down(&format!("http://{addr}"), prefix, &rec).await;
    }
}
