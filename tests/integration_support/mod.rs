//! What the axum and actix-web integration tests share: provider configs, signed deliveries,
//! a raw-TCP client for the body-limit cases, a store that always fails, and a recorder of
//! handler calls.
#![allow(dead_code, reason = "each test crate uses a different part")]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hooksign::idempotency::{Begin, Lease, Store, StoreError};
use hooksign::integrations::WebhookConfig;
use hooksign::{
    GitHub, IdempotencyKey, Message, SecretSet, Shopify, Sign, Slack, StandardWebhooks, Stripe,
    UnixTime,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

pub const GITHUB: &str = "gh-test-secret";
pub const STRIPE: &str = "whsec_stripe_test_secret";
pub const SLACK: &str = "slack-test-secret";
pub const SHOPIFY: &str = "shopify-test-secret";
pub const STANDARD: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
pub const PROVIDERS: [&str; 5] = ["github", "stripe", "slack", "shopify", "standard-webhooks"];
/// The body limit of every test config.
pub const LIMIT: usize = 64 * 1024;

fn set(secret: &str) -> SecretSet {
    SecretSet::new([secret]).expect("test secret")
}

pub fn github(secret: &str) -> GitHub {
    GitHub::new(set(secret))
}
pub fn stripe(secret: &str) -> Stripe {
    Stripe::new(set(secret))
}
pub fn slack(secret: &str) -> Slack {
    Slack::new(set(secret))
}
pub fn shopify(secret: &str) -> Shopify {
    Shopify::new(set(secret))
}
pub fn standard(secret: &str) -> StandardWebhooks {
    StandardWebhooks::new(set(secret)).expect("whsec secret")
}

/// One config per provider.
#[derive(Clone)]
pub struct Configs {
    pub github: WebhookConfig<GitHub>,
    pub stripe: WebhookConfig<Stripe>,
    pub slack: WebhookConfig<Slack>,
    pub shopify: WebhookConfig<Shopify>,
    pub standard: WebhookConfig<StandardWebhooks>,
}

impl Configs {
    pub fn new<S: Store + Clone + 'static>(store: Option<S>) -> Self {
        fn with<P: hooksign::Verify + Send + Sync + 'static, S: Store + 'static>(
            p: P,
            store: Option<S>,
        ) -> WebhookConfig<P> {
            let config = WebhookConfig::new(p).with_max_body_bytes(LIMIT);
            match store {
                Some(store) => config.with_store(store),
                None => config,
            }
        }
        Configs {
            github: with(github(GITHUB), store.clone()),
            stripe: with(stripe(STRIPE), store.clone()),
            slack: with(slack(SLACK), store.clone()),
            shopify: with(shopify(SHOPIFY), store.clone()),
            standard: with(standard(STANDARD), store),
        }
    }
}

/// A signed request.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub provider: &'static str,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// A delivery of `provider` with event id `id`, signed now with the right secret.
pub fn delivery(provider: &'static str, id: &str) -> Delivery {
    signed(provider, id, None, UnixTime::now())
}

/// A delivery signed with `secret` (the right one if `None`) at `at`.
pub fn signed(provider: &'static str, id: &str, secret: Option<&str>, at: UnixTime) -> Delivery {
    let (body, headers) = match provider {
        "github" => {
            let body = format!(r#"{{"zen":"Design for failure.","hook_id":{}}}"#, id.len());
            let msg = Message::new(body.as_bytes())
                .with_id(id)
                .with_event_type("ping");
            let h = github(secret.unwrap_or(GITHUB)).sign_at(&msg, at);
            (body, h)
        }
        "stripe" => {
            let body = format!(r#"{{"id":"evt_{id}","type":"charge.succeeded"}}"#);
            let h = stripe(secret.unwrap_or(STRIPE)).sign_at(&Message::new(body.as_bytes()), at);
            (body, h)
        }
        "slack" => {
            let body = format!(
                r#"{{"type":"event_callback","event_id":"Ev{id}","event":{{"type":"app_mention"}}}}"#
            );
            let h = slack(secret.unwrap_or(SLACK)).sign_at(&Message::new(body.as_bytes()), at);
            (body, h)
        }
        "shopify" => {
            let body = format!(r#"{{"id":1,"note":"{id}"}}"#);
            let msg = Message::new(body.as_bytes())
                .with_id(id)
                .with_event_type("orders/create");
            let h = shopify(secret.unwrap_or(SHOPIFY)).sign_at(&msg, at);
            (body, h)
        }
        "standard-webhooks" => {
            let body = format!(r#"{{"type":"invoice.paid","data":{{"n":"{id}"}}}}"#);
            let msg_id = format!("msg_{id}");
            let msg = Message::new(body.as_bytes()).with_id(&msg_id);
            let h = standard(secret.unwrap_or(STANDARD)).sign_at(&msg, at);
            (body, h)
        }
        other => panic!("no such provider {other}"),
    };
    let headers = headers.expect("sign");
    Delivery {
        provider,
        headers: headers
            .iter()
            .map(|(n, v)| (n.to_owned(), v.to_owned()))
            .collect(),
        body: body.into_bytes(),
    }
}

/// The status, `Retry-After` and body of a response.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub retry_after: Option<String>,
    pub body: String,
}

/// Sends `delivery` to `url` with a real HTTP client.
pub async fn send(client: &reqwest::Client, url: &str, delivery: &Delivery) -> Answer {
    let mut req = client
        .post(url)
        .header("content-type", "application/json")
        .body(delivery.body.clone());
    for (name, value) in &delivery.headers {
        req = req.header(name, value);
    }
    let res = req.send().await.expect("request");
    let status = res.status().as_u16();
    let retry_after = res
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().expect("text").to_owned());
    let body = res.text().await.expect("body");
    Answer {
        status,
        retry_after,
        body,
    }
}

/// Writes `head` then `body` on a raw connection and returns the status line of the answer,
/// read without ever sending more: proves the server answered without the rest of the body.
pub async fn raw_status(addr: std::net::SocketAddr, head: &str, body: &[u8]) -> String {
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    stream.write_all(head.as_bytes()).await.expect("write head");
    // The server may close as soon as it has answered: a failed write is fine.
    let _ = stream.write_all(body).await;
    let mut buf = vec![0; 4096];
    let mut read = 0;
    let answer = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            let n = stream.read(&mut buf[read..]).await.unwrap_or(0);
            read += n;
            if n == 0 || buf[..read].windows(2).any(|w| w == b"\r\n") {
                break;
            }
        }
    })
    .await;
    assert!(answer.is_ok(), "no answer while the body was incomplete");
    let text = String::from_utf8_lossy(&buf[..read]).into_owned();
    text.lines().next().unwrap_or_default().to_owned()
}

/// A store whose backend is down.
#[derive(Debug, Clone, Copy)]
pub struct DownStore;

impl Store for DownStore {
    async fn begin(&self, _key: &IdempotencyKey) -> Result<Begin, StoreError> {
        Err(StoreError::Unavailable("connection refused".into()))
    }
    async fn complete(&self, _lease: Lease) -> Result<(), StoreError> {
        Err(StoreError::Unavailable("connection refused".into()))
    }
    async fn release(&self, _lease: Lease) -> Result<(), StoreError> {
        Err(StoreError::Unavailable("connection refused".into()))
    }
}

/// What the handlers saw, and how they behave.
#[derive(Debug, Default)]
pub struct Recorder {
    pub calls: AtomicUsize,
    pub bodies: Mutex<Vec<Vec<u8>>>,
    /// How long each call works (to make deliveries overlap).
    pub delay: Duration,
    /// How many calls fail (answer 500) before calls succeed.
    pub failures: AtomicUsize,
}

impl Recorder {
    pub fn new(delay: Duration, failures: usize) -> Arc<Self> {
        Arc::new(Recorder {
            delay,
            failures: AtomicUsize::new(failures),
            ..Recorder::default()
        })
    }

    /// Records a call; `true` if it should succeed.
    pub async fn call(&self, body: &[u8]) -> bool {
        self.calls.fetch_add(1, Ordering::SeqCst);
        self.bodies.lock().expect("lock").push(body.to_vec());
        tokio::time::sleep(self.delay).await;
        self.failures
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_err()
    }

    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }

    pub fn bodies(&self) -> Vec<Vec<u8>> {
        self.bodies.lock().expect("lock").clone()
    }
}

// ---- Scenarios, run against both frameworks' servers. Routes: `{prefix}/{provider}`, where
// the prefix picks the extractor (`/x`) or the layer/middleware (`/layer`). The handlers echo
// the body they were given with 200, or answer 500 when the recorder says to fail.

/// Every provider's valid delivery is handled, and the handler gets the exact body.
pub async fn valid_deliveries(base: &str, prefix: &str, rec: &Recorder) {
    let client = reqwest::Client::new();
    for (i, provider) in PROVIDERS.into_iter().enumerate() {
        let d = delivery(provider, &format!("valid-{prefix}-{i}"));
        let answer = send(&client, &format!("{base}{prefix}/{provider}"), &d).await;
        assert_eq!(answer.status, 200, "{provider}: {answer:?}");
        assert_eq!(
            answer.body.as_bytes(),
            &d.body[..],
            "{provider}: echoed body"
        );
        assert_eq!(rec.bodies().last().map(Vec::as_slice), Some(&d.body[..]));
    }
    assert_eq!(rec.calls(), PROVIDERS.len());
}

/// Tampered, wrong secret, stale, missing header: the documented status and a short text
/// that names the problem and holds no secret.
pub async fn rejections(base: &str, prefix: &str, rec: &Recorder) {
    let client = reqwest::Client::new();
    let stale = UnixTime::from_secs(UnixTime::now().as_secs() - 3600);
    for provider in PROVIDERS {
        let url = format!("{base}{prefix}/{provider}");
        let mut tampered = delivery(provider, "tampered");
        tampered.body.push(b' ');
        let wrong = signed(
            provider,
            "wrong",
            Some("whsec_d3JvbmctYnV0LXZhbGlkLWJhc2U2NA=="),
            UnixTime::now(),
        );
        let mut missing = delivery(provider, "missing");
        missing.headers.retain(|(name, _)| {
            let name = name.to_ascii_lowercase();
            !(name.contains("signature") || name.contains("hmac"))
        });
        let mut cases = vec![
            ("tampered", tampered, 401, "signature_mismatch"),
            ("wrong secret", wrong, 401, "signature_mismatch"),
            ("missing header", missing, 400, "missing_header"),
        ];
        if matches!(provider, "stripe" | "slack" | "standard-webhooks") {
            cases.push((
                "stale",
                signed(provider, "stale", None, stale),
                401,
                "timestamp_too_old",
            ));
        }
        for (what, d, status, code) in cases {
            let answer = send(&client, &url, &d).await;
            assert_eq!(answer.status, status, "{provider} {what}: {answer:?}");
            assert!(
                answer.body.starts_with(&format!("{code}: ")),
                "{provider} {what}: {answer:?}"
            );
            assert!(answer.body.len() < 200, "short text: {answer:?}");
            for secret in [
                GITHUB,
                STRIPE,
                SLACK,
                SHOPIFY,
                STANDARD,
                "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            ] {
                assert!(!answer.body.contains(secret), "secret in {answer:?}");
            }
        }
    }
    assert_eq!(rec.calls(), 0, "no rejected request reaches the handler");
}

/// Over the limit: 413 from `Content-Length` before any body byte, and from a chunked body as
/// soon as it crosses the limit, without its end.
pub async fn too_large(addr: std::net::SocketAddr, path: &str, rec: &Recorder) {
    let d = delivery("github", "large");
    let headers: String = d
        .headers
        .iter()
        .map(|(n, v)| format!("{n}: {v}\r\n"))
        .collect();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\n{headers}Content-Length: {}\r\n\r\n",
        100 * 1024 * 1024
    );
    let status = raw_status(addr, &head, b"").await;
    assert!(
        status.starts_with("HTTP/1.1 413"),
        "announced length: {status}"
    );

    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\n{headers}Transfer-Encoding: chunked\r\n\r\n"
    );
    let chunk_len = LIMIT + 1;
    let mut chunk = format!("{chunk_len:x}\r\n").into_bytes();
    chunk.extend(std::iter::repeat_n(b'a', chunk_len));
    chunk.extend_from_slice(b"\r\n");
    // No terminating `0\r\n\r\n`: the server must answer without the end of the body.
    let status = raw_status(addr, &head, &chunk).await;
    assert!(
        status.starts_with("HTTP/1.1 413"),
        "streamed body: {status}"
    );
    assert_eq!(rec.calls(), 0);
}

/// The same delivery 50 times at once: the handler runs once; the others are told it is in
/// progress (409 + Retry-After) or done (200).
pub async fn concurrent_once(base: &str, prefix: &str, rec: &Recorder) {
    let client = reqwest::Client::new();
    let d = delivery("stripe", "concurrent");
    let url = format!("{base}{prefix}/stripe");
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..50 {
        let (client, url, d) = (client.clone(), url.clone(), d.clone());
        tasks.spawn(async move { send(&client, &url, &d).await });
    }
    let mut processed = 0;
    while let Some(answer) = tasks.join_next().await {
        let answer = answer.expect("task");
        match answer.status {
            200 if answer.body.starts_with("duplicate: ") => {}
            200 => processed += 1,
            409 => assert!(answer.retry_after.is_some(), "{answer:?}"),
            _ => panic!("unexpected {answer:?}"),
        }
    }
    assert_eq!(processed, 1);
    assert_eq!(rec.calls(), 1, "the handler ran once");
    // Once done, a redelivery is a duplicate, answered 200 without the handler.
    let again = send(&client, &url, &d).await;
    assert_eq!(
        (again.status, again.body.as_str()),
        (200, "duplicate: this delivery was already processed\n")
    );
    assert_eq!(rec.calls(), 1);
}

/// A handler failure (500) releases the lease: the retry is processed, then deduplicated.
pub async fn failure_releases(base: &str, prefix: &str, rec: &Recorder) {
    let client = reqwest::Client::new();
    let d = delivery("github", &format!("fails-{prefix}"));
    let url = format!("{base}{prefix}/github");
    assert_eq!(send(&client, &url, &d).await.status, 500);
    // The extractor's lease is released in the background when the handler drops it.
    let mut retry = send(&client, &url, &d).await;
    for _ in 0..50 {
        if retry.status != 409 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        retry = send(&client, &url, &d).await;
    }
    assert_eq!(retry.status, 200, "{retry:?}");
    assert_eq!(retry.body.as_bytes(), &d.body[..], "processed again");
    let third = send(&client, &url, &d).await;
    assert!(third.body.starts_with("duplicate: "), "{third:?}");
    assert_eq!(rec.calls(), 2);
}

/// A store that cannot answer: 503 with Retry-After, the handler does not run.
pub async fn store_down(base: &str, prefix: &str, rec: &Recorder) {
    let client = reqwest::Client::new();
    let answer = send(
        &client,
        &format!("{base}{prefix}/shopify"),
        &delivery("shopify", "down"),
    )
    .await;
    assert_eq!(answer.status, 503, "{answer:?}");
    assert_eq!(answer.retry_after.as_deref(), Some("1"));
    assert!(answer.body.starts_with("store_unavailable: "), "{answer:?}");
    assert!(
        !answer.body.contains("connection refused"),
        "backend detail leaked: {answer:?}"
    );
    assert_eq!(rec.calls(), 0);
}
