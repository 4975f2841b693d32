//! The receiver example: two instances sharing one real `redis-server` process each event
//! once (as two processes of the built example, and as two servers in this process), and the
//! example's own routes (`/health`, `/stats`, Slack's challenge).
#![cfg(all(feature = "axum", feature = "redis"))]

#[allow(
    dead_code,
    reason = "the example's `main` and CLI parsing are not used here"
)]
#[path = "../examples/receiver.rs"]
mod receiver;

#[path = "support/redis_server.rs"]
mod redis_support;

#[path = "support/receiver_process.rs"]
mod receiver_process;

use std::net::SocketAddr;

use hooksign::idempotency::{IdempotencyConfig, MemoryStore, RedisStore};
use hooksign::{GitHub, Message, SecretSet, Sign, Slack};
use receiver::{AppState, Secrets};

fn secrets() -> Secrets {
    Secrets {
        github: "gh-receiver-secret".into(),
        stripe: "whsec_receiver".into(),
        slack: "slack-receiver-secret".into(),
        shopify: "shopify-receiver-secret".into(),
        standard: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".into(),
    }
}

async fn serve(state: AppState) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let app = receiver::router(state, false);
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
    addr
}

async fn stats(client: &reqwest::Client, addr: SocketAddr) -> serde_json::Value {
    let body = client
        .get(format!("http://{addr}/stats"))
        .send()
        .await
        .expect("stats")
        .text()
        .await
        .expect("stats body");
    serde_json::from_str(&body).expect("stats json")
}

/// Sends the same signed GitHub delivery `per_instance` times to each of `addrs`, all at once,
/// then checks over the instances' `/stats` that it was processed exactly once.
async fn same_delivery_everywhere_is_processed_once(addrs: &[SocketAddr], per_instance: usize) {
    let body = br#"{"zen":"Approachable is better than simple.","hook_id":7}"#;
    let github = GitHub::new(SecretSet::new([secrets().github]).expect("secret"));
    let headers = github
        .sign(
            &Message::new(body)
                .with_id("delivery-shared-1")
                .with_event_type("ping"),
        )
        .expect("sign");
    let client = reqwest::Client::new();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..per_instance * addrs.len() {
        let addr = addrs[i % addrs.len()];
        let mut req = client
            .post(format!("http://{addr}/webhooks/github"))
            .body(&body[..]);
        for (name, value) in &headers {
            req = req.header(name, value);
        }
        tasks.spawn(async move { req.send().await.expect("send").status().as_u16() });
    }
    while let Some(status) = tasks.join_next().await {
        let status = status.expect("task");
        assert!(status == 200 || status == 409, "status {status}");
    }

    let mut all = Vec::new();
    for &addr in addrs {
        all.push(stats(&client, addr).await);
    }
    let sum = |field: &str| -> u64 { all.iter().map(|s| s[field].as_u64().expect("n")).sum() };
    let total = (per_instance * addrs.len()) as u64;
    assert_eq!(sum("processed"), 1, "processed exactly once: {all:?}");
    assert_eq!(sum("duplicates"), total - 1, "{all:?}");
    assert_eq!(sum("rejected"), 0, "{all:?}");
}

/// The issue's check as stated: two receiver processes (the built example, `--redis`) sharing
/// one real `redis-server` receive the same delivery concurrently, 20 times each.
#[test]
fn two_receiver_processes_sharing_redis_process_a_delivery_once() {
    let redis = redis_support::RedisServer::start();
    let url = redis.url();
    let s = secrets();
    let env = [
        ("GITHUB_WEBHOOK_SECRET", s.github.as_str()),
        ("STRIPE_WEBHOOK_SECRET", s.stripe.as_str()),
        ("SLACK_SIGNING_SECRET", s.slack.as_str()),
        ("SHOPIFY_WEBHOOK_SECRET", s.shopify.as_str()),
        ("STANDARD_WEBHOOKS_SECRET", s.standard.as_str()),
    ];
    let instances: Vec<_> = (0..2)
        .map(|_| receiver_process::ReceiverProcess::start(&env, &["--redis", &url, "--quiet"]))
        .collect();
    let addrs: Vec<_> = instances.iter().map(|p| p.addr).collect();
    tokio::runtime::Runtime::new()
        .expect("runtime")
        .block_on(same_delivery_everywhere_is_processed_once(&addrs, 20));
}

/// The same with two servers built from the example's router in this process, each with its
/// own Redis connection and counters.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_sharing_redis_process_a_delivery_once() {
    let redis = redis_support::RedisServer::start();
    let mut addrs = Vec::new();
    for _ in 0..2 {
        let store = RedisStore::connect(&redis.url(), IdempotencyConfig::default())
            .await
            .expect("connect to redis");
        addrs.push(serve(AppState::new(&secrets(), store).expect("state")).await);
    }
    same_delivery_everywhere_is_processed_once(&addrs, 20).await;
}

#[tokio::test]
async fn health_stats_rejections_and_slack_challenge() {
    let addr = serve(AppState::new(&secrets(), MemoryStore::default()).expect("state")).await;
    let client = reqwest::Client::new();
    let health = client
        .get(format!("http://{addr}/health"))
        .send()
        .await
        .expect("health");
    assert_eq!(health.status(), 200);

    // Slack's url_verification, signed: answered with the challenge.
    let slack = Slack::new(SecretSet::new([secrets().slack]).expect("secret"));
    let body = br#"{"token":"t","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"#;
    let mut req = client
        .post(format!("http://{addr}/webhooks/slack"))
        .body(&body[..]);
    for (name, value) in &slack.sign(&Message::new(body)).expect("sign") {
        req = req.header(name, value);
    }
    let res = req.send().await.expect("challenge");
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.text().await.expect("text"),
        "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    );

    // Unsigned: rejected and counted.
    let res = client
        .post(format!("http://{addr}/webhooks/stripe"))
        .body("{}")
        .send()
        .await
        .expect("unsigned");
    assert_eq!(res.status(), 400);
    let s = stats(&client, addr).await;
    assert_eq!(
        s,
        serde_json::json!({"processed": 0, "duplicates": 0, "rejected": 1})
    );
}
