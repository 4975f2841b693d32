//! The actix-web integration against a real server on 127.0.0.1 and a real HTTP client.
#![cfg(feature = "actix-web")]

mod integration_support;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use actix_web::{App, HttpResponse, HttpServer, web};
use hooksign::idempotency::{MemoryStore, Store};
use hooksign::integrations::Webhook;
use hooksign::integrations::actix::VerifyWebhook;
use hooksign::{GitHub, Shopify, Slack, StandardWebhooks, Stripe, Verified, Verify};
use integration_support::{self as support, Configs, DownStore, Recorder};

/// The extractor: echo the body on success; on failure drop the lease (released).
async fn extracted<P>(rec: web::Data<Recorder>, hook: Webhook<P>) -> HttpResponse
where
    P: Verify + Send + Sync + 'static,
{
    if !rec.call(hook.body()).await {
        return HttpResponse::InternalServerError().finish();
    }
    let body = hook.body().clone();
    hook.complete().await.expect("complete");
    HttpResponse::Ok().body(body)
}

/// Behind the middleware: the exact body, and `Verified` in the extensions.
async fn layered(
    rec: web::Data<Recorder>,
    verified: web::ReqData<Verified<'static>>,
    body: web::Bytes,
) -> HttpResponse {
    assert_eq!(
        verified.body(),
        &body[..],
        "the middleware passes the exact body on"
    );
    if !rec.call(&body).await {
        return HttpResponse::InternalServerError().finish();
    }
    HttpResponse::Ok().body(body)
}

fn start<S: Store + Clone + 'static>(store: Option<S>, rec: Arc<Recorder>) -> SocketAddr {
    let configs = Configs::new(store);
    let rec = web::Data::from(rec);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let server = HttpServer::new(move || {
        let c = configs.clone();
        // The resource-level middleware (VerifyWebhook) and the extractors' app data.
        let layered_route = |path: &'static str| web::resource(path);
        App::new()
            .app_data(rec.clone())
            .app_data(web::Data::new(c.github.clone()))
            .app_data(web::Data::new(c.stripe.clone()))
            .app_data(web::Data::new(c.slack.clone()))
            // Registered plainly (not as `web::Data`): the extractor takes either.
            .app_data(c.shopify.clone())
            .app_data(web::Data::new(c.standard.clone()))
            .route("/x/github", web::post().to(extracted::<GitHub>))
            .route("/x/stripe", web::post().to(extracted::<Stripe>))
            .route("/x/slack", web::post().to(extracted::<Slack>))
            .route("/x/shopify", web::post().to(extracted::<Shopify>))
            .route(
                "/x/standard-webhooks",
                web::post().to(extracted::<StandardWebhooks>),
            )
            .service(
                layered_route("/layer/github")
                    .wrap(VerifyWebhook::new(c.github))
                    .route(web::post().to(layered)),
            )
            .service(
                layered_route("/layer/stripe")
                    .wrap(VerifyWebhook::new(c.stripe))
                    .route(web::post().to(layered)),
            )
            .service(
                layered_route("/layer/slack")
                    .wrap(VerifyWebhook::new(c.slack))
                    .route(web::post().to(layered)),
            )
            .service(
                layered_route("/layer/shopify")
                    .wrap(VerifyWebhook::new(c.shopify))
                    .route(web::post().to(layered)),
            )
            .service(
                layered_route("/layer/standard-webhooks")
                    .wrap(VerifyWebhook::new(c.standard))
                    .route(web::post().to(layered)),
            )
    })
    .workers(2)
    .disable_signals()
    .listen(listener)
    .expect("listen")
    .run();
    actix_web::rt::spawn(server);
    addr
}

fn memory() -> Option<Arc<MemoryStore>> {
    Some(Arc::new(MemoryStore::default()))
}

#[actix_web::test]
async fn valid_deliveries_reach_the_handler_with_the_exact_body() {
    for prefix in ["/x", "/layer"] {
        let rec = Recorder::new(Duration::ZERO, 0);
        let addr = start::<DownStore>(None, Arc::clone(&rec));
        support::valid_deliveries(&format!("http://{addr}"), prefix, &rec).await;
    }
}

#[actix_web::test]
async fn valid_deliveries_with_a_store() {
    for prefix in ["/x", "/layer"] {
        let rec = Recorder::new(Duration::ZERO, 0);
        let addr = start(memory(), Arc::clone(&rec));
        support::valid_deliveries(&format!("http://{addr}"), prefix, &rec).await;
    }
}

#[actix_web::test]
async fn invalid_deliveries_get_the_documented_status() {
    for prefix in ["/x", "/layer"] {
        let rec = Recorder::new(Duration::ZERO, 0);
        let addr = start(memory(), Arc::clone(&rec));
        support::rejections(&format!("http://{addr}"), prefix, &rec).await;
    }
}

#[actix_web::test]
async fn bodies_over_the_limit_get_413_without_being_read() {
    for path in ["/x/github", "/layer/github"] {
        let rec = Recorder::new(Duration::ZERO, 0);
        let addr = start::<DownStore>(None, Arc::clone(&rec));
        support::too_large(addr, path, &rec).await;
    }
}

#[actix_web::test]
async fn fifty_concurrent_copies_run_the_handler_once() {
    for prefix in ["/x", "/layer"] {
        let rec = Recorder::new(Duration::from_millis(300), 0);
        let addr = start(memory(), Arc::clone(&rec));
        support::concurrent_once(&format!("http://{addr}"), prefix, &rec).await;
    }
}

#[actix_web::test]
async fn a_handler_failure_releases_the_lease() {
    for prefix in ["/x", "/layer"] {
        let rec = Recorder::new(Duration::ZERO, 1);
        let addr = start(memory(), Arc::clone(&rec));
        support::failure_releases(&format!("http://{addr}"), prefix, &rec).await;
    }
}

#[actix_web::test]
async fn a_store_failure_answers_503() {
    for prefix in ["/x", "/layer"] {
        let rec = Recorder::new(Duration::ZERO, 0);
        let addr = start(Some(DownStore), Arc::clone(&rec));
        support::store_down(&format!("http://{addr}"), prefix, &rec).await;
    }
}

#[actix_web::test]
async fn a_missing_config_is_a_500() {
    async fn bare(hook: Webhook<GitHub>) -> HttpResponse {
        HttpResponse::Ok().body(hook.body().clone())
    }
    let server = HttpServer::new(|| App::new().route("/x", web::post().to(bare)))
        .workers(1)
        .disable_signals();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    actix_web::rt::spawn(server.listen(listener).expect("listen").run());
    let client = reqwest::Client::new();
    let answer = support::send(
        &client,
        &format!("http://{addr}/x"),
        &support::delivery("github", "1"),
    )
    .await;
    assert_eq!(answer.status, 500);
    assert!(answer.body.starts_with("not_configured: "));
}
