//! The queue conformance suite on both backends, and what only Redis can show: a queue shared
//! by several connections, and a restart without data.
//!
//! Run: `cargo test --features queue,redis,test-util --test queue` (the Redis cases start a
//! real `redis-server` on a free loopback port: it must be on PATH).
#![cfg(all(feature = "queue", feature = "test-util"))]
#![allow(
    clippy::unwrap_used,
    reason = "a failed step fails the benchmark or test loudly"
)]

use hooksign::queue::{MemoryQueue, conformance};

/// One test per case and backend, so a failure names both.
macro_rules! cases {
    ($make:expr; $($case:ident),* $(,)?) => {$(
        #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
        async fn $case() {
            let queue = $make.await;
            conformance::$case(&queue).await;
        }
    )*};
}

mod memory {
    use super::*;

    cases! { async { MemoryQueue::new() };
        enqueue_is_idempotent,
        bad_ids_are_refused,
        claims_are_exclusive_among_64_workers,
        an_expired_lease_is_claimed_again,
        renewal_extends_the_lease,
        a_stale_claim_changes_nothing,
        retries_come_back_in_due_order,
        a_delayed_job_waits_for_its_time,
        dead_letters_are_kept_and_replayed,
        an_ordering_key_runs_one_at_a_time_in_order,
        stats_follow_every_state,
    }
}

#[cfg(feature = "redis")]
#[path = "support/redis_server.rs"]
mod redis_support;

#[cfg(feature = "redis")]
mod redis_queue {
    use std::sync::LazyLock;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::Duration;

    use hooksign::queue::{JobId, NewJob, Queue, QueueConfig, RedisQueue, conformance};

    use super::redis_support::RedisServer;

    /// One server for the module; each case gets its own prefix, so the cases run in
    /// parallel on it as on empty queues.
    static SERVER: LazyLock<RedisServer> = LazyLock::new(RedisServer::start_shared);

    async fn fresh() -> RedisQueue {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        RedisQueue::connect(&SERVER.url(), QueueConfig::default())
            .await
            .unwrap()
            .with_prefix(format!("test:{n}:"))
    }

    cases! { fresh();
        enqueue_is_idempotent,
        bad_ids_are_refused,
        claims_are_exclusive_among_64_workers,
        an_expired_lease_is_claimed_again,
        renewal_extends_the_lease,
        a_stale_claim_changes_nothing,
        retries_come_back_in_due_order,
        a_delayed_job_waits_for_its_time,
        dead_letters_are_kept_and_replayed,
        an_ordering_key_runs_one_at_a_time_in_order,
        stats_follow_every_state,
    }

    /// Two connections (two workers' processes) share one queue by its prefix.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn two_connections_share_one_queue() {
        let a = fresh().await;
        let b = RedisQueue::connect(&SERVER.url(), QueueConfig::default())
            .await
            .unwrap()
            .with_prefix(a.prefix().to_owned());
        a.enqueue(NewJob::new(JobId::new("shared"), b"x".to_vec()))
            .await
            .unwrap();
        let claimed = b.claim(Duration::from_secs(5)).await.unwrap().unwrap();
        assert!(a.claim(Duration::from_secs(5)).await.unwrap().is_none());
        a.ack(claimed.claim).await.unwrap();
        assert_eq!(b.stats().await.unwrap().depth(), 0);
    }

    /// Redis restarted without its data (`FLUSHALL` stands for it, and for `SCRIPT FLUSH`):
    /// the queue answers at once as an empty queue and goes on working, with no error loop.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_queue_that_lost_its_data_works_on() {
        let server = RedisServer::start();
        let q = RedisQueue::connect(&server.url(), QueueConfig::default())
            .await
            .unwrap();
        q.enqueue(NewJob::new(JobId::new("before"), b"x".to_vec()))
            .await
            .unwrap();
        let claimed = q.claim(Duration::from_secs(5)).await.unwrap().unwrap();
        let client = redis::Client::open(server.url()).unwrap();
        let mut raw = client.get_multiplexed_async_connection().await.unwrap();
        let _: () = redis::cmd("FLUSHALL").query_async(&mut raw).await.unwrap();
        let _: () = redis::cmd("SCRIPT")
            .arg("FLUSH")
            .query_async(&mut raw)
            .await
            .unwrap();
        // The claim's job is gone with the data: settling it is refused, not an error loop.
        assert!(matches!(
            q.ack(claimed.claim).await,
            Err(hooksign::queue::QueueError::LeaseLost { .. })
        ));
        assert!(q.claim(Duration::from_secs(5)).await.unwrap().is_none());
        q.enqueue(NewJob::new(JobId::new("after"), b"y".to_vec()))
            .await
            .unwrap();
        let claimed = q.claim(Duration::from_secs(5)).await.unwrap().unwrap();
        assert_eq!(claimed.job.id().as_str(), "after");
        q.ack(claimed.claim).await.unwrap();
        let _ = conformance::LEASE;
    }
}
