//! The inbox: verified deliveries stored once, handled later with retries and dead letters,
//! and with an idempotency store each event's effect happens once even when a worker dies
//! between the effect and the acknowledgement.
#![cfg(feature = "queue")]
#![allow(
    clippy::unwrap_used,
    reason = "a failed step fails the benchmark or test loudly"
)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use hooksign::idempotency::{IdempotencyConfig, MemoryStore};
use hooksign::queue::{Backoff, Handled, Inbox, InboxRecord, MemoryQueue, Queue};
use hooksign::{GitHub, SecretSet, Sign, UnixTime};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A GitHub delivery `id` of `body`, signed and verified.
fn record(id: &str, body: &[u8]) -> InboxRecord {
    let github = GitHub::new(SecretSet::new(["inbox secret"]).unwrap());
    let signed = github
        .sign_at(&hooksign::Message::new(body).with_id(id), UnixTime::now())
        .unwrap();
    let verified = hooksign::verify(&github, &signed, body).unwrap();
    InboxRecord::from_verified(&verified)
}

fn fast() -> Backoff {
    Backoff::new(3, Duration::from_millis(30), Duration::from_millis(100))
}

#[tokio::test]
async fn a_redelivered_event_is_stored_once() {
    let inbox = Inbox::new(MemoryQueue::new());
    let r = record("d-1", b"{}");
    assert!(inbox.accept_record(&r).await.unwrap().is_new());
    assert!(!inbox.accept_record(&r).await.unwrap().is_new());
    assert_eq!(inbox.queue().stats().await.unwrap().ready, 1);
    assert_eq!(r.job_id().as_str(), "github:d-1");
}

#[tokio::test]
async fn binary_bodies_survive_the_queue() {
    let inbox = Inbox::new(MemoryQueue::new());
    let body = [0xff, 0x00, 0x80, b'{'];
    inbox.accept_record(&record("bin", &body)).await.unwrap();
    let seen = inbox
        .work_once(|r: InboxRecord| async move {
            assert_eq!(r.body().unwrap(), body);
            Ok::<(), BoxError>(())
        })
        .await
        .unwrap();
    assert!(matches!(seen, Some(Handled::Done(_))));
}

#[tokio::test]
async fn a_failing_handler_is_retried_then_dead_lettered_with_its_error() {
    let inbox = Inbox::new(MemoryQueue::new()).with_backoff(fast());
    inbox.accept_record(&record("fails", b"{}")).await.unwrap();
    let calls = AtomicUsize::new(0);
    let mut outcomes = Vec::new();
    while outcomes.len() < 3 {
        let handled = inbox
            .work_once(|_| async {
                calls.fetch_add(1, Ordering::SeqCst);
                Err::<(), _>("the database is down")
            })
            .await
            .unwrap();
        match handled {
            Some(h) => outcomes.push(h),
            None => tokio::time::sleep(Duration::from_millis(10)).await,
        }
    }
    assert!(matches!(outcomes[0], Handled::Retrying(..)));
    assert!(matches!(outcomes[1], Handled::Retrying(..)));
    assert!(matches!(outcomes[2], Handled::Dead(_)));
    assert_eq!(
        calls.load(Ordering::SeqCst),
        3,
        "the backoff's three attempts"
    );
    let dead = inbox.queue().dead(10).await.unwrap();
    assert_eq!(
        dead[0].job.last_report().unwrap().as_str(),
        "the database is down"
    );
}

#[tokio::test]
async fn a_handler_that_recovers_succeeds_on_a_retry() {
    let inbox = Inbox::new(MemoryQueue::new()).with_backoff(fast());
    inbox.accept_record(&record("flaky", b"{}")).await.unwrap();
    let calls = Arc::new(AtomicUsize::new(0));
    let handler = {
        let calls = Arc::clone(&calls);
        move |_: InboxRecord| {
            let calls = Arc::clone(&calls);
            async move {
                if calls.fetch_add(1, Ordering::SeqCst) == 0 {
                    Err("first try fails")
                } else {
                    Ok(())
                }
            }
        }
    };
    let stop = tokio::time::sleep(Duration::from_millis(300));
    inbox.run(2, handler, stop).await;
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    assert_eq!(inbox.queue().stats().await.unwrap().depth(), 0);
}

/// A worker runs the handler (the effect happens), then dies before acknowledging: with a
/// store, the worker that takes the record over does not run the effect again.
#[tokio::test]
async fn with_a_store_the_effect_happens_once_across_a_crash() {
    let queue = MemoryQueue::new();
    let store = Arc::new(MemoryStore::new(IdempotencyConfig::default()));
    let inbox = Inbox::new(queue.clone())
        .with_store(Arc::clone(&store))
        .with_lease(Duration::from_millis(200));
    inbox.accept_record(&record("once", b"{}")).await.unwrap();
    let effects = AtomicUsize::new(0);

    // The first worker: claims, completes the effect under the store, and dies.
    let claimed = queue
        .claim(Duration::from_millis(200))
        .await
        .unwrap()
        .unwrap();
    let key = hooksign::IdempotencyKey::new("github:once");
    let first = hooksign::idempotency::once(&*store, &key, || async {
        effects.fetch_add(1, Ordering::SeqCst);
        Ok::<(), BoxError>(())
    })
    .await
    .unwrap();
    assert_eq!(first, hooksign::idempotency::Outcome::Processed(()));
    drop(claimed);

    tokio::time::sleep(Duration::from_millis(250)).await;
    let handled = inbox
        .work_once(|_| async {
            effects.fetch_add(1, Ordering::SeqCst);
            Ok::<(), BoxError>(())
        })
        .await
        .unwrap();
    assert!(matches!(handled, Some(Handled::Done(_))));
    assert_eq!(effects.load(Ordering::SeqCst), 1);
    assert_eq!(queue.stats().await.unwrap().depth(), 0);
}
