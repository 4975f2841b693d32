//! Two properties of the outbox over the Redis queue that only show over many trials:
//! - lease safety: an endpoint slower than the lease never sees two overlapping attempts of
//!   one message (1,000 messages, 64 workers; each worker renews its lease while it waits);
//! - schedule accuracy: a retry scheduled for a given millisecond is attempted within 50 ms
//!   of it (p99), with one idle-polling worker.
//!
//! Both on a real `redis-server` (and lease safety on the memory queue too).
#![cfg(all(feature = "queue", feature = "send", feature = "axum"))]
#![allow(
    clippy::unwrap_used,
    reason = "a failed step fails the benchmark or test loudly"
)]

#[path = "support/send_server.rs"]
mod send_server;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hooksign::SecretSet;
use hooksign::queue::{MemoryQueue, Outbox, Queue, Worked};
use hooksign::send::{AddressPolicy, Endpoint, Outgoing, RetryPolicy, Sender};
use send_server::{Server, status_response};

fn sender(retry: RetryPolicy) -> Sender {
    Sender::standard_webhooks(SecretSet::new(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]).unwrap())
        .unwrap()
        .with_retry(retry)
        .with_address_policy(AddressPolicy::any())
        .with_concurrency(128)
        .with_per_host_concurrency(128)
        .build()
        .unwrap()
}

/// Per message id: attempts under way now, the most at once, and attempts in all.
type Overlaps = Arc<Mutex<HashMap<String, (u32, u32, u32)>>>;

async fn slow_endpoint(overlaps: Overlaps, lease: Duration) -> Server {
    Server::start(Arc::new(move |n, request| {
        let overlaps = Arc::clone(&overlaps);
        Box::pin(async move {
            let id = request.header("webhook-id").unwrap().to_owned();
            {
                let mut map = overlaps.lock().unwrap();
                let entry = map.entry(id.clone()).or_default();
                entry.0 += 1;
                entry.1 = entry.1.max(entry.0);
                entry.2 += 1;
            }
            // Past the lease: 1.1 to 1.5 leases.
            let extra = lease.as_millis() as u64 * (10 + (n as u64 % 5)) / 10;
            tokio::time::sleep(Duration::from_millis(extra)).await;
            overlaps.lock().unwrap().get_mut(&id).unwrap().0 -= 1;
            status_response(200, &[])
        })
    }))
    .await
}

async fn no_overlapping_attempts<Q: Queue + Clone + 'static>(queue: Q) {
    const MESSAGES: usize = 1000;
    let lease = Duration::from_millis(200);
    let overlaps: Overlaps = Arc::default();
    let server = slow_endpoint(Arc::clone(&overlaps), lease).await;
    let outbox = Outbox::new(queue, sender(RetryPolicy::none()))
        .with_lease(lease)
        .with_idle_wait(Duration::from_millis(5));
    let endpoint = [Endpoint::new(server.url("/slow"))];
    for i in 0..MESSAGES {
        outbox
            .enqueue(&Outgoing::new("{}").with_id(format!("msg_{i}")), &endpoint)
            .await
            .unwrap();
    }
    let worker = outbox.clone();
    let run = tokio::spawn(async move {
        worker
            .run(64, async {
                tokio::time::sleep(Duration::from_secs(60)).await;
            })
            .await;
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    while outbox.queue().stats().await.unwrap().depth() > 0 {
        assert!(Instant::now() < deadline, "the outbox did not drain");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    run.abort();
    let map = overlaps.lock().unwrap();
    assert_eq!(map.len(), MESSAGES);
    for (id, (_, most, _)) in map.iter() {
        assert_eq!(*most, 1, "{id} had {most} attempts at once");
    }
    // A second attempt after the first ended is allowed (at least once: a renewal that came
    // later than the lease on a starved machine); overlapping ones are not.
    let again = map
        .values()
        .filter(|(_, _, attempts)| *attempts > 1)
        .count();
    eprintln!("{MESSAGES} messages, {again} attempted again after their first attempt ended");
}

/// The tests of this file measure time: they run one at a time.
static ALONE: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn memory_lease_safety_over_1000_messages() {
    let _alone = ALONE.lock().await;
    no_overlapping_attempts(MemoryQueue::new()).await;
}

#[cfg(feature = "redis")]
#[path = "support/redis_server.rs"]
mod redis_support;

#[cfg(feature = "redis")]
mod redis_queue {
    use super::*;
    use hooksign::queue::{QueueConfig, RedisQueue};
    use redis_support::RedisServer;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn redis_lease_safety_over_1000_messages() {
        let _alone = ALONE.lock().await;
        let server = RedisServer::start();
        let queue = RedisQueue::connect(&server.url(), QueueConfig::default())
            .await
            .unwrap();
        no_overlapping_attempts(queue).await;
    }

    /// Each message fails once and asks for its retry 1.5 to 2.5 s later (after every first
    /// attempt is made): the retry's arrival minus the due time the worker scheduled, over 200
    /// messages.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn retries_arrive_within_50_ms_of_their_due_time_p99() {
        const MESSAGES: usize = 200;
        let _alone = ALONE.lock().await;
        let redis = RedisServer::start();
        let queue = RedisQueue::connect(&redis.url(), QueueConfig::default())
            .await
            .unwrap();
        let arrivals: Arc<Mutex<HashMap<String, Vec<Instant>>>> = Arc::default();
        let log = Arc::clone(&arrivals);
        let server = Server::start(Arc::new(move |_, request| {
            let log = Arc::clone(&log);
            Box::pin(async move {
                let id = request.header("webhook-id").unwrap().to_owned();
                let mut log = log.lock().unwrap();
                let seen = log.entry(id).or_default();
                seen.push(request.at);
                let status = if seen.len() == 1 { 503 } else { 200 };
                status_response(status, &[])
            })
        }))
        .await;
        let endpoint = [Endpoint::new(server.url("/flaky"))];
        let mut outboxes = Vec::new();
        for i in 0..MESSAGES {
            // Each message its own retry delay, spread over a second.
            let delay = Duration::from_millis(1500 + (i as u64 * 5));
            let outbox = Outbox::new(queue.clone(), sender(RetryPolicy::schedule([delay])))
                .with_idle_wait(Duration::from_millis(5));
            outbox
                .enqueue(&Outgoing::new("{}").with_id(format!("msg_s{i}")), &endpoint)
                .await
                .unwrap();
            outboxes.push((format!("msg_s{i}"), delay, outbox));
            let _ = &outboxes;
        }
        // First attempts, each by its own outbox (its own retry schedule): the job an outbox
        // claims is whichever is due longest, so the due time of each message's retry is read
        // from what the worker scheduled, not from the outbox's delay.
        let mut due: HashMap<String, Instant> = HashMap::new();
        for (_, _, outbox) in &outboxes {
            match outbox.work_once().await.unwrap() {
                Some(Worked::Retrying(report, at)) => {
                    let ahead = at
                        .duration_since(std::time::SystemTime::now())
                        .unwrap_or_default();
                    due.insert(report.id.clone(), Instant::now() + ahead);
                }
                other => panic!("expected a scheduled retry, got {other:?}"),
            }
        }
        let worker = outboxes[0].2.clone();
        let run = tokio::spawn(async move {
            worker
                .run(4, async {
                    tokio::time::sleep(Duration::from_secs(30)).await;
                })
                .await;
        });
        let deadline = Instant::now() + Duration::from_secs(30);
        while arrivals
            .lock()
            .unwrap()
            .values()
            .filter(|v| v.len() >= 2)
            .count()
            < MESSAGES
        {
            assert!(Instant::now() < deadline, "retries did not all arrive");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        run.abort();
        let log = arrivals.lock().unwrap();
        let mut lateness: Vec<i128> = due
            .iter()
            .map(|(id, due)| {
                let arrived = log[id][1];
                arrived.duration_since(*due).as_millis() as i128
                    - due.duration_since(arrived).as_millis() as i128
            })
            .collect();
        lateness.sort_unstable();
        let p99 = lateness[lateness.len() * 99 / 100 - 1];
        let p50 = lateness[lateness.len() / 2];
        eprintln!(
            "retry lateness over {MESSAGES}: p50 {p50} ms, p99 {p99} ms, max {} ms",
            lateness[lateness.len() - 1]
        );
        assert!(lateness[0] >= -5, "a retry came {} ms early", -lateness[0]);
        assert!(p99 <= 50, "p99 lateness {p99} ms");
    }
}
