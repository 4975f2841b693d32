//! Signed deliveries per second to a loopback endpoint, beside a bare reqwest loop with the
//! same client settings and concurrency, at 1 and 64 in flight (1 KiB JSON, Standard
//! Webhooks, the sender's full attempt record).
//!
//! ```text
//! cargo bench --bench send --features send          # criterion, server in this process
//! scripts/load-send.sh                              # separate processes pinned to separate cores
//! ```
//!
//! With `SEND_LOAD_URL=http://127.0.0.1:PORT/path` set, the binary runs the load mode the
//! script uses instead of criterion: against that external server, rounds of the sender and
//! of the bare loop alternating, printing deliveries/s, CPU per delivery (this process's user +
//! system time) and the resident memory.
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed assertion"
)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use futures_util::StreamExt;
use hooksign::send::{AddressPolicy, Endpoint, Outgoing, RetryPolicy, Sender};
use hooksign::{Message, SecretSet, Sign, StandardWebhooks, UnixTime};

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

/// A 1 KiB JSON body.
fn body() -> Vec<u8> {
    let head = r#"{"type":"invoice.paid","data":{"id":"inv_1","padding":""#;
    let tail = r#""}}"#;
    let mut body = head.as_bytes().to_vec();
    body.resize(1024 - tail.len(), b'x');
    body.extend_from_slice(tail.as_bytes());
    assert_eq!(body.len(), 1024);
    body
}

fn signer() -> StandardWebhooks {
    StandardWebhooks::new(SecretSet::new([SECRET]).unwrap()).unwrap()
}

fn sender(in_flight: usize) -> Sender {
    Sender::builder(signer())
        .with_address_policy(AddressPolicy::any())
        .with_retry(RetryPolicy::none())
        .with_concurrency(in_flight)
        .with_per_host_concurrency(in_flight)
        .build()
        .unwrap()
}

/// The bare loop's client: the sender's settings (no redirects, no proxy, the same timeouts,
/// `TCP_NODELAY`, idle pool), without the sender.
fn bare_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .connect_timeout(Duration::from_secs(5))
        .tcp_nodelay(true)
        .pool_idle_timeout(Duration::from_secs(60))
        .user_agent("hooksign-bench")
        .build()
        .unwrap()
}

/// `count` deliveries through the sender, `in_flight` at a time; panics on any failure.
async fn run_sender(sender: &Sender, url: &str, body: &[u8], count: u64, in_flight: usize) {
    let body = bytes::Bytes::copy_from_slice(body);
    let endpoint = &Endpoint::new(url);
    futures_util::stream::iter(0..count)
        .map(|_| {
            let message = Outgoing::new(body.clone());
            async move { sender.send_to(endpoint, &message).await }
        })
        .buffer_unordered(in_flight)
        .for_each(|report| async move {
            assert!(report.delivered, "{report:?}");
        })
        .await;
}

/// The same with plain reqwest: one pre-signed set of headers, POST, read the answer.
async fn run_bare(client: &reqwest::Client, url: &str, body: &[u8], count: u64, in_flight: usize) {
    let signed = signer()
        .sign_at(&Message::new(body).with_id("msg_bare"), UnixTime::now())
        .unwrap();
    let headers: Vec<(String, String)> = signed
        .iter()
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .chain([("content-type".to_owned(), "application/json".to_owned())])
        .collect();
    let headers = &headers;
    let body = bytes::Bytes::copy_from_slice(body);
    futures_util::stream::iter(0..count)
        .map(|_| {
            let mut request = client.post(url).body(body.clone());
            for (n, v) in headers {
                request = request.header(n, v);
            }
            async move {
                let response = tokio::time::timeout(Duration::from_secs(15), request.send())
                    .await
                    .expect("timeout")
                    .expect("send");
                assert!(response.status().is_success());
                response.bytes().await.expect("body");
            }
        })
        .buffer_unordered(in_flight)
        .for_each(|()| async {})
        .await;
}

/// A loopback endpoint answering `200 ok` on its own runtime thread.
fn server() -> (tokio::runtime::Runtime, String) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let url = rt.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = axum::Router::new().fallback(|body: axum::body::Bytes| async move {
            std::hint::black_box(body.len());
            "ok\n"
        });
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        format!("http://{addr}/hook")
    });
    (rt, url)
}

fn criterion_benches() {
    let (_server, url) = server();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let body = body();
    let mut c = Criterion::default()
        .measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_secs(1))
        .sample_size(20)
        .configure_from_args();
    let mut group = c.benchmark_group("send");
    group.throughput(Throughput::Elements(1));
    for in_flight in [1usize, 64] {
        let sender = sender(in_flight);
        let client = bare_client();
        // Batches of at least `in_flight` deliveries so the concurrency is real.
        let batch = in_flight as u64;
        group.bench_function(format!("sender/{in_flight}_in_flight"), |b| {
            b.iter_custom(|iters| {
                let count = iters.max(1) * batch;
                let start = Instant::now();
                rt.block_on(run_sender(&sender, &url, &body, count, in_flight));
                start.elapsed() / batch as u32
            })
        });
        group.bench_function(format!("bare_reqwest/{in_flight}_in_flight"), |b| {
            b.iter_custom(|iters| {
                let count = iters.max(1) * batch;
                let start = Instant::now();
                rt.block_on(run_bare(&client, &url, &body, count, in_flight));
                start.elapsed() / batch as u32
            })
        });
    }
    group.finish();
    c.final_summary();
}

/// This process's CPU time (user + system), from `/proc/self/stat`.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the parenthesised command name start with the 3rd (state); utime and
    // stime are the 14th and 15th.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let field = |n: usize| -> u64 { fields.get(n - 3).and_then(|f| f.parse().ok()).unwrap_or(0) };
    let ticks = field(14) + field(15);
    // Linux reports these in USER_HZ, 100 per second on every mainstream configuration.
    Duration::from_millis(ticks * 10)
}

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn load(url: &str) {
    let count: u64 = std::env::var("SEND_LOAD_COUNT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let rounds: usize = std::env::var("SEND_LOAD_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let body = body();
    println!(
        "{count} deliveries per round, {rounds} rounds per client, 1 KiB, Standard Webhooks, current-thread runtime"
    );
    println!(
        "{:<8} {:>9} {:>14} {:>14} {:>8} {:>16} {:>16} {:>10}",
        "in flight",
        "",
        "sender /s",
        "bare /s",
        "ratio",
        "sender CPU/msg",
        "bare CPU/msg",
        "RSS KiB"
    );
    for in_flight in [1usize, 64] {
        let sender = Arc::new(sender(in_flight));
        let client = bare_client();
        // Warm both pools.
        rt.block_on(run_sender(&sender, url, &body, 200, in_flight));
        rt.block_on(run_bare(&client, url, &body, 200, in_flight));
        let (mut s_rates, mut b_rates, mut s_cpu, mut b_cpu) = (vec![], vec![], vec![], vec![]);
        for round in 0..rounds {
            // Alternate the order, so drift on a shared machine affects both alike.
            for which in if round % 2 == 0 { [0, 1] } else { [1, 0] } {
                // SEND_LOAD_CLIENT=sender or bare runs only one of them (for a profiler).
                match (std::env::var("SEND_LOAD_CLIENT").as_deref(), which) {
                    (Ok("sender"), 1) | (Ok("bare"), 0) => continue,
                    _ => {}
                }
                let (cpu0, t0) = (cpu_time(), Instant::now());
                if which == 0 {
                    rt.block_on(run_sender(&sender, url, &body, count, in_flight));
                } else {
                    rt.block_on(run_bare(&client, url, &body, count, in_flight));
                }
                let (elapsed, cpu) = (t0.elapsed(), cpu_time() - cpu0);
                let rate = count as f64 / elapsed.as_secs_f64();
                let cpu_us = cpu.as_secs_f64() * 1e6 / count as f64;
                if which == 0 {
                    s_rates.push(rate);
                    s_cpu.push(cpu_us);
                } else {
                    b_rates.push(rate);
                    b_cpu.push(cpu_us);
                }
            }
        }
        let median = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
        };
        let (s, b) = (median(&mut s_rates), median(&mut b_rates));
        println!(
            "{:<8} {:>9} {:>14.0} {:>14.0} {:>7.1}% {:>13.1} us {:>13.1} us {:>10}",
            in_flight,
            "median",
            s,
            b,
            100.0 * s / b,
            median(&mut s_cpu),
            median(&mut b_cpu),
            rss_kib()
        );
    }
}

fn main() {
    match std::env::var("SEND_LOAD_URL") {
        Ok(url) if !url.is_empty() => load(&url),
        _ => criterion_benches(),
    }
}
