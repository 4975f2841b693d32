//! Idempotency store throughput.
//!
//! Groups (run with `cargo bench --bench idempotency`, add `--features redis` for Redis):
//!
//! - `memory/begin_complete/{1,2}thread(s)`: `MemoryStore` `begin` + `complete` of a fresh key,
//!   one element = one pair, from one thread and from two threads sharing the store. The
//!   store has the default bound (100 000), so past the first 100 000 keys every `begin` also
//!   evicts the oldest completed key: the steady state of a busy receiver.
//! - `redis/begin/{c1,c50}`: `RedisStore::begin` of a fresh key (`SET NX PX GET`, one round
//!   trip) with 1 and with 50 requests in flight on one store (its multiplexed connection),
//!   beside `redis-benchmark -t set -n 100000 -P 1` (50 clients by default; and `-c 1`),
//!   which the group runs first against the same server and prints.
//! - `redis/begin_complete/c50`: `begin` + `complete` (`SET` + `EVALSHA`), one element = one
//!   pair, 50 in flight.
//!
//! The Redis group starts its own `redis-server` (from PATH) on a free loopback port, with no
//! persistence. Settings are sized for a small (2-core) machine: 1 s warm-up, 3 s
//! measurement, 20 samples.
#![allow(
    clippy::unwrap_used,
    reason = "a failed step fails the benchmark or test loudly"
)]

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use hooksign::IdempotencyKey;
use hooksign::idempotency::{Begin, IdempotencyConfig, MemoryStore, Store};

/// Every benchmark key is fresh: a `begin` on a seen key would measure a different path.
static NEXT_KEY: AtomicU64 = AtomicU64::new(0);

fn fresh_keys(n: u64) -> Vec<IdempotencyKey> {
    let start = NEXT_KEY.fetch_add(n, Ordering::Relaxed);
    (start..start + n)
        .map(|i| IdempotencyKey::new(format!("stripe:evt_{i:016}")))
        .collect()
}

/// Polls a memory-store future once: it is always ready, so no runtime is involved.
fn now<F: std::future::Future>(f: F) -> F::Output {
    use std::task::{Context, Poll, Waker};
    let mut f = std::pin::pin!(f);
    match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(v) => v,
        Poll::Pending => unreachable!("memory store futures are ready at once"),
    }
}

fn begin_complete(store: &MemoryStore, key: &IdempotencyKey) {
    match now(store.begin(key)) {
        Ok(Begin::New(lease)) => now(store.complete(lease)).unwrap(),
        other => panic!("fresh key: {other:?}"),
    }
}

fn memory(c: &mut Criterion) {
    let mut group = c.benchmark_group("memory/begin_complete");
    group.throughput(Throughput::Elements(1));

    let store = MemoryStore::new(IdempotencyConfig::default());
    group.bench_function("1thread", |b| {
        b.iter_custom(|iters| {
            // Keys are made before the clock starts: formatting them is not the store's cost.
            let keys = fresh_keys(iters);
            let start = Instant::now();
            for key in &keys {
                begin_complete(black_box(&store), key);
            }
            start.elapsed()
        })
    });

    let store = MemoryStore::new(IdempotencyConfig::default());
    group.bench_function("2threads", |b| {
        b.iter_custom(|iters| {
            let halves = [fresh_keys(iters / 2), fresh_keys(iters - iters / 2)];
            let barrier = std::sync::Barrier::new(3);
            std::thread::scope(|scope| {
                for keys in &halves {
                    let (store, barrier) = (&store, &barrier);
                    scope.spawn(move || {
                        barrier.wait();
                        for key in keys {
                            begin_complete(store, key);
                        }
                    });
                }
                barrier.wait();
                let start = Instant::now();
                // The scope joins both threads before returning the elapsed time.
                start
            })
            .elapsed()
        })
    });
    group.finish();
}

#[cfg(feature = "redis")]
mod redis_bench {
    use super::*;
    use hooksign::idempotency::RedisStore;
    use std::process::{Child, Command, Stdio};
    use std::sync::Arc;

    /// A throwaway `redis-server`, killed on drop.
    struct Server(Child, u16);

    impl Server {
        fn start() -> Server {
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .map(|a| a.port())
                .expect("a free port");
            let child = Command::new("redis-server")
                .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
                .args(["--save", "", "--appendonly", "no"])
                .stdout(Stdio::null())
                .spawn()
                .expect("redis-server on PATH (apt-get install -y redis-server)");
            let server = Server(child, port);
            let deadline = Instant::now() + Duration::from_secs(10);
            while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
                assert!(Instant::now() < deadline, "redis-server did not start");
                std::thread::sleep(Duration::from_millis(20));
            }
            server
        }
    }

    impl Drop for Server {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }

    /// `redis-benchmark -t set -n 100000 -P 1 -q` (and with `-c 1`) against `port`.
    fn redis_benchmark(port: u16) {
        for clients in ["50", "1"] {
            let out = Command::new("redis-benchmark")
                .args([
                    "-p",
                    &port.to_string(),
                    "-t",
                    "set",
                    "-n",
                    "100000",
                    "-P",
                    "1",
                ])
                .args(["-c", clients, "-q"])
                .output();
            match out {
                Ok(out) => {
                    let text = String::from_utf8_lossy(&out.stdout);
                    // `-q` redraws progress with `\r`; the final line is after the last one.
                    let last = text.rsplit('\r').next().unwrap_or("").trim();
                    eprintln!("redis-benchmark -t set -n 100000 -P 1 -c {clients}: {last}");
                }
                Err(e) => eprintln!("redis-benchmark not run: {e}"),
            }
        }
    }

    /// Runs `iters` operations split over `in_flight` concurrent tasks; returns the elapsed time.
    fn concurrent<F, Fut>(
        rt: &tokio::runtime::Runtime,
        store: &Arc<RedisStore>,
        iters: u64,
        in_flight: u64,
        op: F,
    ) -> Duration
    where
        F: Fn(Arc<RedisStore>, IdempotencyKey) -> Fut + Copy + Send + 'static,
        Fut: std::future::Future<Output = ()> + Send,
    {
        let in_flight = in_flight.min(iters).max(1);
        let batches: Vec<Vec<IdempotencyKey>> = (0..in_flight)
            .map(|i| fresh_keys(iters / in_flight + u64::from(i < iters % in_flight)))
            .collect();
        rt.block_on(async {
            let start = Instant::now();
            let tasks: Vec<_> = batches
                .into_iter()
                .map(|keys| {
                    let store = Arc::clone(store);
                    tokio::spawn(async move {
                        for key in keys {
                            op(Arc::clone(&store), key).await;
                        }
                    })
                })
                .collect();
            for t in tasks {
                t.await.unwrap();
            }
            start.elapsed()
        })
    }

    async fn begin(store: Arc<RedisStore>, key: IdempotencyKey) {
        let begin = store.begin(&key).await.unwrap();
        // Dropping the lease is fine here: the key is never used again.
        black_box(begin.is_new());
    }

    async fn begin_complete(store: Arc<RedisStore>, key: IdempotencyKey) {
        match store.begin(&key).await.unwrap() {
            Begin::New(lease) => store.complete(lease).await.unwrap(),
            other => panic!("fresh key: {other:?}"),
        }
    }

    pub fn redis(c: &mut Criterion) {
        let server = Server::start();
        redis_benchmark(server.1);
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let store = Arc::new(
            rt.block_on(RedisStore::connect(
                &format!("redis://127.0.0.1:{}/", server.1),
                IdempotencyConfig::default(),
            ))
            .unwrap(),
        );

        let mut group = c.benchmark_group("redis/begin");
        group.throughput(Throughput::Elements(1));
        group.bench_function("c1", |b| {
            b.iter_custom(|iters| concurrent(&rt, &store, iters, 1, begin))
        });
        group.bench_function("c50", |b| {
            b.iter_custom(|iters| concurrent(&rt, &store, iters, 50, begin))
        });
        group.finish();

        let mut group = c.benchmark_group("redis/begin_complete");
        group.throughput(Throughput::Elements(1));
        group.bench_function("c50", |b| {
            b.iter_custom(|iters| concurrent(&rt, &store, iters, 50, begin_complete))
        });
        group.finish();
        drop(store);
        drop(rt);
        drop(server);
    }
}

#[cfg(feature = "redis")]
use redis_bench::redis;
#[cfg(not(feature = "redis"))]
fn redis(_: &mut Criterion) {}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(20)
}

criterion_group! {
    name = benches;
    config = config();
    targets = memory, redis
}
criterion_main!(benches);
