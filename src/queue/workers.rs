//! The worker loop the outbox and the inbox share: work while jobs are due, wait when none is,
//! stop claiming on shutdown.

use std::future::Future;
use std::pin::pin;
use std::time::Duration;

use futures_util::future::{join_all, select};

/// Runs `workers` loops until `shutdown` resolves. Each calls `step` while it finds work (it
/// answers whether it did) and waits `idle` when it does not (none due, or the queue failed);
/// on shutdown no loop calls `step` again, and `after_stop` runs (the outbox's drain timer)
/// while the steps under way finish. Returns when every loop has stopped.
pub(crate) async fn run<S, F>(
    workers: usize,
    idle: Duration,
    shutdown: impl Future<Output = ()>,
    after_stop: impl Future<Output = ()>,
    step: S,
) where
    S: Fn() -> F,
    F: Future<Output = bool>,
{
    let stop = tokio::sync::watch::channel(false);
    let step = &step;
    let loops = (0..workers.max(1)).map(|_| {
        let mut stopped = stop.1.clone();
        async move {
            while !*stopped.borrow() {
                if step().await {
                    continue;
                }
                let _ = select(pin!(tokio::time::sleep(idle)), pin!(stopped.changed())).await;
            }
        }
    });
    let signal = async {
        shutdown.await;
        let _ = stop.0.send(true);
        after_stop.await;
        // The loops end the run, never this.
        std::future::pending::<()>().await;
    };
    let _ = select(pin!(join_all(loops)), pin!(signal)).await;
}
