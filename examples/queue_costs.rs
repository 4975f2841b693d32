//! What a queued job costs, measured: `bash scripts/queue-costs.sh` runs it against a local
//! `redis-server` it starts (or `cargo run --release --example queue_costs --features
//! queue,redis,send,axum -- redis://127.0.0.1:6379/`).
//!
//! Prints, for the memory and the Redis queue: enqueue → claim → ack cycles per second with
//! one worker; the same through the outbox (enqueue → HTTP delivery to a loopback receiver →
//! ack); Redis commands per cycle (from `INFO commandstats`); memory per queued 1 KiB job in
//! Redis (`INFO memory`) and in the process (resident set, `/proc/self/statm`).
#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    reason = "a measuring tool: a failed step should stop it loudly"
)]

use std::time::{Duration, Instant};

use hooksign::SecretSet;
use hooksign::queue::{JobId, MemoryQueue, NewJob, Outbox, Queue, QueueConfig, RedisQueue};
use hooksign::send::{AddressPolicy, Endpoint, Outgoing, RetryPolicy, Sender};

const CYCLES: usize = 5_000;
const RESIDENT_JOBS: usize = 20_000;

async fn cycles<Q: Queue>(queue: &Q, label: &str) -> f64 {
    let payload = vec![b'x'; 1024];
    let start = Instant::now();
    for i in 0..CYCLES {
        queue
            .enqueue(NewJob::new(
                JobId::new(format!("{label}-{i}")),
                payload.clone(),
            ))
            .await
            .unwrap();
        let claimed = queue.claim(Duration::from_secs(30)).await.unwrap().unwrap();
        queue.ack(claimed.claim).await.unwrap();
    }
    CYCLES as f64 / start.elapsed().as_secs_f64()
}

async fn outbox_cycles<Q: Queue>(queue: Q, url: &str, label: &str) -> f64 {
    let sender = Sender::standard_webhooks(
        SecretSet::new(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]).unwrap(),
    )
    .unwrap()
    .with_retry(RetryPolicy::none())
    .with_address_policy(AddressPolicy::any())
    .build()
    .unwrap();
    let outbox = Outbox::new(queue, sender);
    let endpoint = [Endpoint::new(url)];
    let body = "x".repeat(1024);
    let start = Instant::now();
    for i in 0..CYCLES {
        let message = Outgoing::new(body.clone()).with_id(format!("{label}-{i}"));
        outbox.enqueue(&message, &endpoint).await.unwrap();
        outbox.work_once().await.unwrap().unwrap();
    }
    CYCLES as f64 / start.elapsed().as_secs_f64()
}

fn resident_bytes() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    pages * 4096
}

async fn info(conn: &mut redis::aio::MultiplexedConnection, section: &str) -> String {
    redis::cmd("INFO")
        .arg(section)
        .query_async(conn)
        .await
        .unwrap()
}

fn field(info: &str, name: &str) -> u64 {
    info.lines()
        .find_map(|l| l.strip_prefix(&format!("{name}:")))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}

/// Calls of the commands `INFO commandstats` lists whose name passes `pick`.
fn calls(info: &str, pick: impl Fn(&str) -> bool) -> u64 {
    info.lines()
        .filter(|l| l.split(':').next().is_some_and(&pick))
        .filter_map(|l| {
            l.split_once("calls=")?
                .1
                .split(',')
                .next()?
                .parse::<u64>()
                .ok()
        })
        .sum()
}

#[tokio::main]
async fn main() {
    let url = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "redis://127.0.0.1:6379/".to_owned());
    let receiver = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let target = format!("http://{}/hooks", receiver.local_addr().unwrap());
    let app = axum::Router::new().fallback(|| async { "ok" });
    tokio::spawn(async move { axum::serve(receiver, app).await.unwrap() });

    let memory = MemoryQueue::new();
    println!(
        "memory queue: {:.0} enqueue→claim→ack cycles/s (1 KiB, one worker)",
        cycles(&memory, "m").await
    );
    println!(
        "memory outbox: {:.0} enqueue→deliver→ack cycles/s (HTTP to a loopback receiver)",
        outbox_cycles(MemoryQueue::new(), &target, "mo").await
    );
    let before = resident_bytes();
    let resident = MemoryQueue::new();
    for i in 0..RESIDENT_JOBS {
        resident
            .enqueue(NewJob::new(
                JobId::new(format!("msg_{i:032}")),
                vec![b'x'; 1024],
            ))
            .await
            .unwrap();
    }
    let per_job = (resident_bytes().saturating_sub(before)) / RESIDENT_JOBS as u64;
    println!("memory queue: {per_job} bytes of resident memory per queued 1 KiB job");

    let client = redis::Client::open(url.as_str()).unwrap();
    let mut conn = client.get_multiplexed_async_connection().await.unwrap();
    let queue = RedisQueue::connect(&url, QueueConfig::default())
        .await
        .unwrap()
        .with_prefix("costs:");
    let _: () = redis::cmd("CONFIG")
        .arg("RESETSTAT")
        .query_async(&mut conn)
        .await
        .unwrap();
    let rate = cycles(&queue, "r").await;
    let stats = info(&mut conn, "commandstats").await;
    // A round trip is a command the client sent: the scripts' EVALSHA (EVAL when a script
    // was not loaded yet, SCRIPT LOAD); the commands a script runs inside Redis are counted
    // apart (this connection's own INFO call is left out).
    let sent = calls(&stats, |c| {
        matches!(
            c,
            "cmdstat_evalsha" | "cmdstat_eval" | "cmdstat_script|load"
        )
    });
    let inside = calls(&stats, |c| c != "cmdstat_info") - sent;
    let cycles_f = CYCLES as f64;
    println!("redis queue: {rate:.0} enqueue→claim→ack cycles/s (1 KiB, one worker)");
    println!(
        "redis queue: {:.2} round trips per cycle, {:.1} commands run inside the scripts",
        sent as f64 / cycles_f,
        inside as f64 / cycles_f
    );
    let outbox_rate =
        outbox_cycles(queue.clone().with_prefix("costs-outbox:"), &target, "ro").await;
    println!(
        "redis outbox: {outbox_rate:.0} enqueue→deliver→ack cycles/s (HTTP to a loopback receiver)"
    );

    // The idempotency store's `begin` (one `SET … NX PX … GET` each) at 16 in flight on one
    // multiplexed connection, which pipelines them: compare `redis-benchmark -t set -P 16`,
    // which the script runs beside it.
    let store = hooksign::idempotency::RedisStore::connect(&url, Default::default())
        .await
        .unwrap()
        .with_prefix("costs-store:");
    const BEGINS: usize = 20_000;
    let start = Instant::now();
    let mut lanes = Vec::new();
    for lane in 0..16 {
        let store = store.clone();
        lanes.push(tokio::spawn(async move {
            use hooksign::idempotency::Store as _;
            for i in (lane..BEGINS).step_by(16) {
                let key = hooksign::IdempotencyKey::new(format!("bench:{i}"));
                let _ = store.begin(&key).await.unwrap();
            }
        }));
    }
    for lane in lanes {
        lane.await.unwrap();
    }
    println!(
        "redis store: {:.0} begin/s at 16 in flight (one connection)",
        BEGINS as f64 / start.elapsed().as_secs_f64()
    );

    let used_before = field(&info(&mut conn, "memory").await, "used_memory");
    let resident = queue.clone().with_prefix("costs-resident:");
    for i in 0..RESIDENT_JOBS {
        resident
            .enqueue(NewJob::new(
                JobId::new(format!("msg_{i:032}")),
                vec![b'x'; 1024],
            ))
            .await
            .unwrap();
    }
    let used_after = field(&info(&mut conn, "memory").await, "used_memory");
    println!(
        "redis queue: {} bytes of Redis memory per queued 1 KiB job",
        used_after.saturating_sub(used_before) / RESIDENT_JOBS as u64
    );
}
