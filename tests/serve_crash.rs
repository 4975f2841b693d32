//! The crash test of `hooksign serve` (real `redis-server` with AOF, real processes, loopback):
//! two instances share one Redis queue and receive 2,000 signed deliveries while the
//! application fails 20 % of forwards with 500; one instance is SIGKILLed mid-run and
//! restarted, and Redis is restarted once. Afterwards every accepted delivery reached the
//! application, the application's idempotent handler counted each exactly once, and nothing
//! is left in flight. Then a permanently failing endpoint's events reach the dead letters,
//! and `hooksign queue replay` delivers them once it is fixed.
#![cfg(all(feature = "serve", feature = "redis"))]
#![allow(
    clippy::unwrap_used,
    reason = "a failed step fails the benchmark or test loudly"
)]

#[path = "support/redis_server.rs"]
mod redis_support;
#[path = "support/send_server.rs"]
mod send_server;
#[path = "support/serve_process.rs"]
mod serve_process;

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hooksign::{GitHub, Message, SecretSet, Sign, StandardWebhooks, UnixTime};
use redis_support::RedisServer;
use send_server::{Server, status_response};
use serve_process::{Serve, get};

const GITHUB_SECRET: &str = "crash test secret";
const FORWARD_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const DELIVERIES: usize = 2000;

fn config(redis: &str, app: &str, dead_app: &str) -> String {
    format!(
        r#"
redis = "{redis}"
prefix = "crash:"
drain_secs = 2

[forward]
secret = "{FORWARD_SECRET}"
workers = 16
max_attempts = 30
base_delay_ms = 20
max_delay_ms = 300
timeout_ms = 2000

[[route]]
path = "/webhooks/github"
provider = "github"
secret = "{GITHUB_SECRET}"
forward_to = "{app}"

[[route]]
path = "/webhooks/broken"
provider = "github"
secret = "{GITHUB_SECRET}"
forward_to = "{dead_app}"
"#
    )
}

/// The application: fails one forward in five with 500 (by arrival order), and counts each
/// forwarded message id once, as an idempotent handler does.
struct App {
    server: Server,
    seen: Arc<Mutex<HashSet<String>>>,
    handled: Arc<AtomicUsize>,
}

async fn app() -> App {
    let seen: Arc<Mutex<HashSet<String>>> = Arc::default();
    let handled = Arc::new(AtomicUsize::new(0));
    let (log, count) = (Arc::clone(&seen), Arc::clone(&handled));
    let verifier =
        Arc::new(StandardWebhooks::new(SecretSet::new([FORWARD_SECRET]).unwrap()).unwrap());
    let server = Server::start(Arc::new(move |n, request| {
        let (log, count, verifier) = (Arc::clone(&log), Arc::clone(&count), Arc::clone(&verifier));
        Box::pin(async move {
            if n % 5 == 3 {
                return status_response(500, &[]);
            }
            let verified = hooksign::verify(&*verifier, &request.headers, &request.body);
            let Ok(verified) = verified else {
                return status_response(401, &[]);
            };
            let id = verified.id().unwrap().to_owned();
            if log.lock().unwrap().insert(id) {
                count.fetch_add(1, Ordering::SeqCst);
            }
            status_response(200, &[])
        })
    }))
    .await;
    App {
        server,
        seen,
        handled,
    }
}

fn signed(id: &str, body: &[u8]) -> Vec<(String, String)> {
    let github = GitHub::new(SecretSet::new([GITHUB_SECRET]).unwrap());
    github
        .sign_at(
            &Message::new(body).with_id(id).with_event_type("push"),
            UnixTime::now(),
        )
        .unwrap()
        .iter()
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect()
}

/// Sends one delivery until an instance accepts it (202, or 200 for one accepted before),
/// as a provider retries: the instance that answers may be down or waiting for Redis.
async fn deliver(client: &reqwest::Client, ports: &[u16; 2], n: usize, path: &str) {
    let id = format!("delivery-{n}");
    let body = format!(r#"{{"n":{n}}}"#);
    let headers = signed(&id, body.as_bytes());
    let deadline = Instant::now() + Duration::from_secs(60);
    for attempt in 0.. {
        let port = ports[(n + attempt) % 2];
        let mut request = client
            .post(format!("http://127.0.0.1:{port}{path}"))
            .body(body.clone());
        for (name, value) in &headers {
            request = request.header(name, value);
        }
        if let Ok(response) = request.send().await
            && matches!(response.status().as_u16(), 200 | 202)
        {
            return;
        }
        assert!(Instant::now() < deadline, "{id} was never accepted");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn queue_stats(port: u16) -> Option<serde_json::Value> {
    let (status, body) = get(port, "/stats")?;
    (status == 200).then(|| serde_json::from_str::<serde_json::Value>(&body).ok())?
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_a_crash_and_a_redis_restart_lose_nothing_and_duplicate_nothing() {
    let mut redis = RedisServer::start_persistent();
    let app = app().await;
    let broken_fixed = Arc::new(AtomicBool::new(false));
    let fixed = Arc::clone(&broken_fixed);
    let broken = Server::start(Arc::new(move |_, _| {
        let status = if fixed.load(Ordering::SeqCst) {
            200
        } else {
            500
        };
        Box::pin(async move { status_response(status, &[]) })
    }))
    .await;
    let config = config(
        &redis.url(),
        &app.server.url("/events"),
        &broken.url("/events"),
    );
    let mut a = Serve::start(&config);
    let b = Serve::start(&config);
    let ports = [a.port, b.port];
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();

    // 2,000 deliveries, 16 at a time; the crash and the Redis restart happen on the way.
    let sent = Arc::new(AtomicUsize::new(0));
    let senders: Vec<_> = (0..16)
        .map(|lane| {
            let (client, sent) = (client.clone(), Arc::clone(&sent));
            tokio::spawn(async move {
                let mut n = lane;
                while n < DELIVERIES {
                    deliver(&client, &ports, n, "/webhooks/github").await;
                    sent.fetch_add(1, Ordering::SeqCst);
                    n += 16;
                }
            })
        })
        .collect();
    while sent.load(Ordering::SeqCst) < DELIVERIES / 4 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    a.kill();
    tokio::time::sleep(Duration::from_millis(300)).await;
    a.restart();
    while sent.load(Ordering::SeqCst) < DELIVERIES / 2 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    redis.restart();
    for sender in senders {
        sender.await.unwrap();
    }

    // Every accepted delivery reaches the application, each counted once.
    let deadline = Instant::now() + Duration::from_secs(90);
    while app.handled.load(Ordering::SeqCst) < DELIVERIES {
        assert!(
            Instant::now() < deadline,
            "only {} of {DELIVERIES} deliveries reached the application",
            app.handled.load(Ordering::SeqCst)
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(app.seen.lock().unwrap().len(), DELIVERIES);
    // Nothing in flight or waiting (retries of a forward that had already succeeded are
    // allowed to arrive: the handler counts each id once).
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let stats = queue_stats(b.port).unwrap();
        let q = &stats["queue"];
        if q["in_flight"] == 0 && q["ready"] == 0 && q["scheduled"] == 0 {
            assert_eq!(q["dead"], 0, "{stats}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the queue did not drain: {stats}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let forwards = app.server.count();
    let failed = forwards.div_ceil(5);
    assert!(
        forwards >= DELIVERIES + failed * 9 / 10,
        "{forwards} forwards"
    );

    // A permanently failing endpoint: its events reach the dead letters after the attempts,
    // and replay delivers them once it is fixed.
    for n in 0..5 {
        deliver(&client, &ports, DELIVERIES + n, "/webhooks/broken").await;
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    while queue_stats(b.port).unwrap()["queue"]["dead"] != 5 {
        assert!(
            Instant::now() < deadline,
            "the broken endpoint's events never died"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(broken.count(), 5 * 30, "30 attempts each");
    broken_fixed.store(true, Ordering::SeqCst);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hooksign"))
        .args([
            "queue",
            "replay",
            "--redis",
            &redis.url(),
            "--prefix",
            "crash:",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    while broken.count() < 5 * 30 + 5 {
        assert!(
            Instant::now() < deadline,
            "the replayed events were not delivered"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    drop(a);
}
