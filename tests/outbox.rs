//! The outbox through real HTTP servers on 127.0.0.1: delivery, retries scheduled in the
//! queue, dead letters and replay, ordering keys, a crashed worker's job taken over, and no
//! two attempts of one job at once when the endpoint is slower than the lease. On the memory
//! queue, and with feature `redis` on a real `redis-server` too.
#![cfg(all(feature = "queue", feature = "send", feature = "axum"))]
#![allow(
    clippy::unwrap_used,
    reason = "a failed step fails the benchmark or test loudly"
)]

#[path = "support/send_server.rs"]
mod send_server;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use hooksign::queue::{MemoryQueue, Outbox, Queue, Worked};
use hooksign::send::{AddressPolicy, Endpoint, Outgoing, RetryPolicy, Sender};
use hooksign::{SecretSet, StandardWebhooks};
use send_server::{Server, status_response};

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

fn sender(retry: RetryPolicy) -> Sender {
    Sender::standard_webhooks(SecretSet::new([SECRET]).unwrap())
        .unwrap()
        .with_retry(retry)
        .with_address_policy(AddressPolicy::any())
        .with_timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

/// Works every due job until none is due for `quiet`.
async fn drain<Q: Queue>(outbox: &Outbox<Q>, quiet: Duration) -> Vec<Worked> {
    let mut done = Vec::new();
    let mut idle_since = tokio::time::Instant::now();
    loop {
        match outbox.work_once().await.unwrap() {
            Some(worked) => {
                done.push(worked);
                idle_since = tokio::time::Instant::now();
            }
            None if idle_since.elapsed() > quiet => return done,
            None => tokio::time::sleep(Duration::from_millis(10)).await,
        }
    }
}

async fn delivers_a_signed_message_and_acknowledges<Q: Queue>(queue: Q) {
    let server = Server::script(&[200]).await;
    let outbox = Outbox::new(queue, sender(RetryPolicy::none()));
    let message = Outgoing::new(r#"{"type":"invoice.paid"}"#).with_id("msg_ok");
    outbox
        .enqueue(&message, &[Endpoint::new(server.url("/hooks"))])
        .await
        .unwrap();
    let worked = drain(&outbox, Duration::from_millis(100)).await;
    assert!(matches!(worked[..], [Worked::Delivered(_)]), "{worked:?}");
    let got = &server.recorded()[0];
    let verifier = StandardWebhooks::new(SecretSet::new([SECRET]).unwrap()).unwrap();
    let verified = hooksign::verify(&verifier, &got.headers, &got.body).unwrap();
    assert_eq!(verified.id(), Some("msg_ok"));
    assert_eq!(outbox.queue().stats().await.unwrap().depth(), 0);
}

async fn retries_are_scheduled_in_the_queue<Q: Queue>(queue: Q) {
    let server = Server::script(&[500, 503, 200]).await;
    let retry = RetryPolicy::schedule([Duration::from_millis(100), Duration::from_millis(100)]);
    let outbox = Outbox::new(queue, sender(retry));
    let message = Outgoing::new("{}").with_id("msg_retry");
    outbox
        .enqueue(&message, &[Endpoint::new(server.url("/hooks"))])
        .await
        .unwrap();
    // The first attempt fails and leaves the retry in the queue, not in this task.
    match outbox.work_once().await.unwrap() {
        Some(Worked::Retrying(report, _)) => assert_eq!(report.status(), Some(500)),
        other => panic!("expected a scheduled retry, got {other:?}"),
    }
    assert_eq!(outbox.queue().stats().await.unwrap().scheduled, 1);
    assert!(outbox.work_once().await.unwrap().is_none(), "not due yet");
    let worked = drain(&outbox, Duration::from_millis(300)).await;
    assert!(
        matches!(worked[..], [Worked::Retrying(..), Worked::Delivered(_)]),
        "{worked:?}"
    );
    let times: Vec<_> = server.recorded().iter().map(|r| r.at).collect();
    assert_eq!(times.len(), 3);
    for pair in times.windows(2) {
        assert!(pair[1] - pair[0] >= Duration::from_millis(90), "{times:?}");
    }
}

async fn a_failing_endpoint_is_dead_lettered_then_replayed<Q: Queue>(queue: Q) {
    let fixed = Arc::new(AtomicUsize::new(0));
    let flag = Arc::clone(&fixed);
    let server = Server::start(Arc::new(move |_, _| {
        let status = if flag.load(Ordering::SeqCst) == 1 {
            200
        } else {
            500
        };
        Box::pin(async move { status_response(status, &[]) })
    }))
    .await;
    let retry = RetryPolicy::schedule([Duration::from_millis(20), Duration::from_millis(20)]);
    let outbox = Outbox::new(queue, sender(retry));
    outbox
        .enqueue(
            &Outgoing::new("{}").with_id("msg_dead"),
            &[Endpoint::new(server.url("/hooks"))],
        )
        .await
        .unwrap();
    let worked = drain(&outbox, Duration::from_millis(150)).await;
    assert!(matches!(worked.last(), Some(Worked::Dead(_))), "{worked:?}");
    assert_eq!(server.count(), 3, "the policy's three attempts");
    let dead = outbox.queue().dead(10).await.unwrap();
    assert_eq!(dead.len(), 1);
    let report = dead[0].job.last_report().unwrap().as_str();
    assert!(report.contains("500"), "{report}");

    fixed.store(1, Ordering::SeqCst);
    assert_eq!(outbox.queue().replay(10).await.unwrap(), 1);
    let worked = drain(&outbox, Duration::from_millis(100)).await;
    assert!(matches!(worked[..], [Worked::Delivered(_)]), "{worked:?}");
    assert_eq!(server.count(), 4);
}

async fn an_ordering_key_delivers_in_order<Q: Queue>(queue: Q) {
    // The first message fails once: the second must wait for its retry.
    let server = Server::script(&[500, 200]).await;
    let retry = RetryPolicy::schedule([Duration::from_millis(50)]);
    let outbox = Outbox::new(queue, sender(retry));
    let endpoint = [Endpoint::new(server.url("/hooks"))];
    for id in ["msg_o1", "msg_o2", "msg_o3"] {
        outbox
            .enqueue_ordered(&Outgoing::new(id).with_id(id), &endpoint, "customer-7")
            .await
            .unwrap();
    }
    drain(&outbox, Duration::from_millis(200)).await;
    let bodies: Vec<String> = server
        .recorded()
        .iter()
        .map(|r| String::from_utf8(r.body.clone()).unwrap())
        .collect();
    assert_eq!(bodies, ["msg_o1", "msg_o1", "msg_o2", "msg_o3"]);
}

async fn a_crashed_workers_job_is_taken_over<Q: Queue>(queue: Q) {
    let server = Server::script(&[200]).await;
    let outbox =
        Outbox::new(queue, sender(RetryPolicy::none())).with_lease(Duration::from_millis(300));
    outbox
        .enqueue(
            &Outgoing::new("{}").with_id("msg_crash"),
            &[Endpoint::new(server.url("/hooks"))],
        )
        .await
        .unwrap();
    // A worker claims the job and dies before attempting it.
    let lost = outbox
        .queue()
        .claim(Duration::from_millis(300))
        .await
        .unwrap();
    assert!(lost.is_some());
    assert!(outbox.work_once().await.unwrap().is_none(), "still leased");
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert!(matches!(
        outbox.work_once().await.unwrap(),
        Some(Worked::Delivered(_))
    ));
    assert_eq!(server.count(), 1);
}

/// The endpoint takes longer than the lease: the worker renews it, so no second worker
/// starts an attempt of the same job while the first is under way.
async fn a_slow_endpoint_never_gets_overlapping_attempts<Q: Queue + Clone + 'static>(queue: Q) {
    let server = Server::start(Arc::new(|_, _| {
        Box::pin(async {
            tokio::time::sleep(Duration::from_millis(450)).await;
            status_response(200, &[])
        })
    }))
    .await;
    let outbox =
        Outbox::new(queue, sender(RetryPolicy::none())).with_lease(Duration::from_millis(300));
    for i in 0..8 {
        outbox
            .enqueue(
                &Outgoing::new("{}").with_id(format!("msg_slow_{i}")),
                &[Endpoint::new(server.url("/hooks"))],
            )
            .await
            .unwrap();
    }
    let stop = async { tokio::time::sleep(Duration::from_millis(2500)).await };
    outbox.run(4, stop).await;
    let mut ids: Vec<String> = server
        .recorded()
        .iter()
        .map(|r| r.header("webhook-id").unwrap().to_owned())
        .collect();
    ids.sort();
    let before = ids.len();
    ids.dedup();
    assert_eq!(before, ids.len(), "a job was attempted twice: {ids:?}");
    assert_eq!(ids.len(), 8);
    assert_eq!(outbox.queue().stats().await.unwrap().depth(), 0);
}

macro_rules! suite {
    ($make:expr) => {
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn delivers() {
            super::delivers_a_signed_message_and_acknowledges($make).await;
        }
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn retries() {
            super::retries_are_scheduled_in_the_queue($make).await;
        }
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn dead_and_replay() {
            super::a_failing_endpoint_is_dead_lettered_then_replayed($make).await;
        }
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn ordering() {
            super::an_ordering_key_delivers_in_order($make).await;
        }
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn crash_takeover() {
            super::a_crashed_workers_job_is_taken_over($make).await;
        }
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn no_overlap() {
            super::a_slow_endpoint_never_gets_overlapping_attempts($make).await;
        }
    };
}

mod memory {
    use super::MemoryQueue;
    suite!(MemoryQueue::new());
}

#[cfg(feature = "redis")]
#[path = "support/redis_server.rs"]
mod redis_support;

#[cfg(feature = "redis")]
mod redis_queue {
    use std::sync::LazyLock;
    use std::sync::atomic::{AtomicU64, Ordering};

    use hooksign::queue::{QueueConfig, RedisQueue};

    use super::redis_support::RedisServer;

    static SERVER: LazyLock<RedisServer> = LazyLock::new(RedisServer::start_shared);

    async fn fresh() -> RedisQueue {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        RedisQueue::connect(&SERVER.url(), QueueConfig::default())
            .await
            .unwrap()
            .with_prefix(format!("outbox:{n}:"))
    }

    suite!(fresh().await);
}

/// A shutdown whose drain time ends before the attempt under way: the attempt is cut and its
/// job released, due again at once (not left leased until the lease ends).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shutdown_releases_the_attempts_it_cuts() {
    let server = Server::start(Arc::new(|_, _| {
        Box::pin(async {
            tokio::time::sleep(Duration::from_secs(3)).await;
            status_response(200, &[])
        })
    }))
    .await;
    let queue = MemoryQueue::new();
    let outbox = Outbox::new(queue.clone(), sender(RetryPolicy::none()))
        .with_lease(Duration::from_secs(60))
        .with_drain(Duration::from_millis(200));
    outbox
        .enqueue(
            &Outgoing::new("{}").with_id("msg_cut"),
            &[Endpoint::new(server.url("/hooks"))],
        )
        .await
        .unwrap();
    let started = std::time::Instant::now();
    outbox
        .run(1, async {
            tokio::time::sleep(Duration::from_millis(300)).await
        })
        .await;
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "the drain time bounded the shutdown"
    );
    let stats = queue.stats().await.unwrap();
    assert_eq!((stats.in_flight, stats.ready), (0, 1), "released, due now");
    let again = queue.claim(Duration::from_secs(5)).await.unwrap().unwrap();
    assert!(
        again
            .job
            .last_report()
            .unwrap()
            .as_str()
            .contains("shut down")
    );
}
