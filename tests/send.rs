//! The sender against real HTTP servers on 127.0.0.1: retries, one id with a fresh signature
//! per attempt, `Retry-After`, what is not retried, timeouts, refused connections, redirects,
//! name vetting through a stub resolver, bounded response capture, bounded concurrency overall
//! and per host, fan-out, callbacks and stats.
#![cfg(feature = "send")]
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed assertion"
)]

#[path = "support/send_server.rs"]
mod send_server;

use std::net::{IpAddr, Ipv4Addr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use axum::body::Body;
use axum::response::Response;
use futures_util::StreamExt;
use hooksign::send::{
    AddressPolicy, Clock, Endpoint, FailureKind, ManualClock, Outcome, Outgoing, Resolver,
    RetryPolicy, Sender, SenderBuilder, StaticResolver,
};
use hooksign::{GitHub, SecretSet, StandardWebhooks, Stripe, UnixTime, Verify};
use send_server::{Gauge, Handler, Server, status_response};

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

fn standard() -> StandardWebhooks {
    StandardWebhooks::new(SecretSet::new([SECRET]).unwrap()).unwrap()
}

/// A sender allowed to reach loopback (every test server is on 127.0.0.1).
fn loopback(builder: SenderBuilder) -> SenderBuilder {
    builder.with_address_policy(
        AddressPolicy::global_only().with_allowed_cidr("127.0.0.0/8".parse().unwrap()),
    )
}

fn manual_clock() -> ManualClock {
    ManualClock::new(UnixTime::from_secs(UnixTime::now().as_secs()))
}

#[tokio::test]
async fn retried_until_delivered_with_one_id_and_a_fresh_signature_each_time() {
    let server = Server::script(&[503, 503, 200]).await;
    let clock = manual_clock();
    let start = clock.now();
    let sender = loopback(Sender::builder(standard()))
        .with_clock(clock.clone())
        .build()
        .unwrap();
    let message = Outgoing::new(r#"{"type":"invoice.paid"}"#).with_id("msg_retry_1");
    let report = sender.send(&server.url("/hook"), &message).await;

    assert_eq!(report.outcome, Outcome::Delivered, "{report:?}");
    assert!(report.delivered);
    assert_eq!(report.attempts.len(), 3);
    let statuses: Vec<_> = report.attempts.iter().map(|a| a.status).collect();
    assert_eq!(statuses, [Some(503), Some(503), Some(200)]);
    // The Standard Webhooks schedule: 5 s, then 5 min; no real waiting.
    assert_eq!(
        clock.sleeps(),
        [Duration::from_secs(5), Duration::from_secs(300)]
    );
    assert_eq!(report.attempts[0].retry_in_ms, Some(5_000));
    assert_eq!(report.attempts[2].retry_in_ms, None);

    let seen = server.recorded();
    assert_eq!(seen.len(), 3);
    let ids: Vec<_> = seen
        .iter()
        .map(|r| r.header("webhook-id").unwrap())
        .collect();
    assert_eq!(ids, ["msg_retry_1"; 3]);
    let stamps: Vec<u64> = seen
        .iter()
        .map(|r| r.header("webhook-timestamp").unwrap().parse().unwrap())
        .collect();
    let t0 = start.as_secs();
    assert_eq!(stamps, [t0, t0 + 5, t0 + 305]);
    let signatures: Vec<_> = seen
        .iter()
        .map(|r| r.header("webhook-signature").unwrap())
        .collect();
    assert!(
        signatures[0] != signatures[1]
            && signatures[1] != signatures[2]
            && signatures[0] != signatures[2]
    );
    // Each verifies at its own time, and the receiver's window would reject the first one by
    // the time of the third: re-signing is what keeps a late retry valid.
    let provider = standard();
    for (request, &stamp) in seen.iter().zip(&stamps) {
        assert_eq!(request.body, message.body());
        assert_eq!(request.header("content-type"), Some("application/json"));
        let headers: Vec<(&str, &str)> = request
            .headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        hooksign::verify_at(
            &provider,
            &headers,
            &request.body,
            UnixTime::from_secs(stamp),
        )
        .unwrap();
    }
    let first: Vec<(&str, &str)> = seen[0]
        .headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    assert!(
        hooksign::verify_at(
            &provider,
            &first,
            &seen[0].body,
            UnixTime::from_secs(t0 + 305)
        )
        .is_err()
    );
    let signed: Vec<u64> = report.attempts.iter().map(|a| a.signed_at).collect();
    assert_eq!(signed, stamps);
}

#[tokio::test]
async fn retry_after_seconds_is_waited_for() {
    let server = Server::start(Arc::new(|n, _| {
        Box::pin(async move {
            if n == 0 {
                status_response(429, &[("Retry-After", "2")])
            } else {
                status_response(200, &[])
            }
        })
    }))
    .await;
    // The real clock: the fast policy alone would wait at most 250 ms.
    let sender = loopback(Sender::builder(standard()))
        .with_retry(RetryPolicy::fast())
        .build()
        .unwrap();
    let report = sender.send(&server.url("/"), &Outgoing::new("{}")).await;
    assert_eq!(report.outcome, Outcome::Delivered);
    assert_eq!(report.attempts[0].status, Some(429));
    assert_eq!(report.attempts[0].retry_after_ms, Some(2_000));
    assert!(report.attempts[0].retry_in_ms.unwrap() >= 2_000);
    let seen = server.recorded();
    let gap = seen[1].at - seen[0].at;
    assert!(gap >= Duration::from_secs(2), "retried after {gap:?}");
}

#[tokio::test]
async fn retry_after_http_date_is_honoured_on_the_senders_clock() {
    let clock = ManualClock::new(UnixTime::from_secs(1_767_225_600)); // 2026-01-01T00:00:00Z
    let hint =
        httpdate::fmt_http_date(SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600 + 120));
    let server = Server::start(Arc::new(move |n, _| {
        let hint = hint.clone();
        Box::pin(async move {
            if n == 0 {
                status_response(503, &[("Retry-After", &hint)])
            } else {
                status_response(204, &[])
            }
        })
    }))
    .await;
    let sender = loopback(Sender::builder(standard()))
        .with_retry(RetryPolicy::schedule([Duration::from_secs(1)]))
        .with_clock(clock.clone())
        .build()
        .unwrap();
    let report = sender.send(&server.url("/"), &Outgoing::new("{}")).await;
    assert_eq!(report.outcome, Outcome::Delivered);
    assert_eq!(clock.sleeps(), [Duration::from_secs(120)]);
}

#[tokio::test]
async fn client_errors_are_not_retried_and_410_means_gone() {
    for (status, outcome) in [
        (400, Outcome::NotRetryable),
        (401, Outcome::NotRetryable),
        (404, Outcome::NotRetryable),
        (409, Outcome::NotRetryable),
        (410, Outcome::Gone),
        (413, Outcome::NotRetryable),
    ] {
        let server = Server::script(&[status, 200]).await;
        let sender = loopback(Sender::builder(standard()))
            .with_clock(manual_clock())
            .build()
            .unwrap();
        let report = sender.send(&server.url("/"), &Outgoing::new("{}")).await;
        assert_eq!(report.outcome, outcome, "{status}");
        assert!(!report.delivered);
        assert_eq!(report.attempts.len(), 1, "{status}");
        assert_eq!(server.count(), 1, "{status}");
        assert_eq!(
            report.error.as_deref(),
            Some(&*format!("the endpoint answered {status}"))
        );
    }
}

#[tokio::test]
async fn retryable_statuses_are_retried() {
    for status in [408, 425, 429, 500, 502, 503, 504] {
        let server = Server::script(&[status, 200]).await;
        let sender = loopback(Sender::builder(standard()))
            .with_clock(manual_clock())
            .build()
            .unwrap();
        let report = sender.send(&server.url("/"), &Outgoing::new("{}")).await;
        assert_eq!(report.outcome, Outcome::Delivered, "{status}");
        assert_eq!(server.count(), 2, "{status}");
    }
    // 409 with Retry-After: hooksign's receiver while a duplicate is being processed.
    let server = Server::start(Arc::new(|n, _| {
        Box::pin(async move {
            if n == 0 {
                status_response(409, &[("Retry-After", "1")])
            } else {
                status_response(200, &[])
            }
        })
    }))
    .await;
    let clock = manual_clock();
    let sender = loopback(Sender::builder(standard()))
        .with_clock(clock.clone())
        .build()
        .unwrap();
    let report = sender.send(&server.url("/"), &Outgoing::new("{}")).await;
    assert_eq!(report.outcome, Outcome::Delivered);
    assert_eq!(
        clock.sleeps(),
        [Duration::from_secs(5)],
        "the schedule's 5 s is above the 1 s hint"
    );
}

#[tokio::test]
async fn a_timeout_is_retried() {
    let server = Server::start(Arc::new(|n, _| {
        Box::pin(async move {
            if n == 0 {
                tokio::time::sleep(Duration::from_secs(5)).await;
            }
            status_response(200, &[])
        })
    }))
    .await;
    let sender = loopback(Sender::builder(standard()))
        .with_timeout(Duration::from_millis(300))
        .with_clock(manual_clock())
        .build()
        .unwrap();
    let started = Instant::now();
    let report = sender.send(&server.url("/"), &Outgoing::new("{}")).await;
    assert_eq!(report.outcome, Outcome::Delivered, "{report:?}");
    assert_eq!(report.attempts[0].error, Some(FailureKind::Timeout));
    assert_eq!(report.attempts[0].status, None);
    assert!(report.attempts[0].latency() >= Duration::from_millis(300));
    assert_eq!(report.attempts[1].status, Some(200));
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the slow answer was not waited for"
    );
}

#[tokio::test]
async fn a_refused_connection_is_retried_until_the_policy_gives_up() {
    // A port nothing listens on: bound, then closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let clock = manual_clock();
    let sender = loopback(Sender::builder(standard()))
        .with_retry(RetryPolicy::fast())
        .with_clock(clock.clone())
        .build()
        .unwrap();
    let report = sender
        .send(&format!("http://127.0.0.1:{port}/"), &Outgoing::new("{}"))
        .await;
    assert_eq!(report.outcome, Outcome::Failed);
    assert_eq!(report.attempts.len(), 4);
    assert!(
        report
            .attempts
            .iter()
            .all(|a| a.error == Some(FailureKind::Connect) && a.status.is_none())
    );
    assert_eq!(clock.sleeps().len(), 3);
    assert!(
        report
            .error
            .as_deref()
            .unwrap()
            .starts_with("cannot connect"),
        "{report:?}"
    );
}

#[tokio::test]
async fn a_redirect_is_not_followed() {
    let server = Server::start(Arc::new(|_, request| {
        Box::pin(async move {
            if request.path == "/moved" {
                status_response(302, &[("Location", "/target")])
            } else {
                status_response(200, &[])
            }
        })
    }))
    .await;
    let sender = loopback(Sender::builder(standard()))
        .with_clock(manual_clock())
        .build()
        .unwrap();
    let report = sender
        .send(&server.url("/moved"), &Outgoing::new("{}"))
        .await;
    assert_eq!(report.outcome, Outcome::NotRetryable);
    assert_eq!(report.attempts.len(), 1);
    assert_eq!(report.attempts[0].status, Some(302));
    assert_eq!(report.attempts[0].error, Some(FailureKind::Redirect));
    assert_eq!(
        report.error.as_deref(),
        Some("redirect to /target not followed")
    );
    let paths: Vec<_> = server.recorded().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/moved"], "the target was never requested");
}

/// Counts calls, so a test can see a name is resolved once per connection.
#[derive(Clone)]
struct Counting {
    inner: StaticResolver,
    calls: Arc<AtomicUsize>,
}

impl Resolver for Counting {
    fn resolve(
        &self,
        host: &str,
    ) -> hooksign::send::BoxFuture<'static, std::io::Result<Vec<IpAddr>>> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        self.inner.resolve(host)
    }
}

#[tokio::test]
async fn a_name_resolving_to_loopback_is_refused_unless_allowed() {
    let server = Server::script(&[200]).await;
    let url = format!("http://hooks.test:{}/hook", server.addr.port());
    let resolver = Counting {
        inner: StaticResolver::new().with_host("hooks.test", [IpAddr::V4(Ipv4Addr::LOCALHOST)]),
        calls: Arc::default(),
    };

    let strict = Sender::builder(standard())
        .with_resolver(resolver.clone())
        .with_clock(manual_clock())
        .build()
        .unwrap();
    let report = strict.send(&url, &Outgoing::new("{}")).await;
    assert_eq!(report.outcome, Outcome::Refused, "{report:?}");
    assert_eq!(report.attempts.len(), 1);
    assert_eq!(report.attempts[0].error, Some(FailureKind::Refused));
    assert_eq!(
        report.error.as_deref(),
        Some(
            "hooks.test resolves to 127.0.0.1, a loopback address; non-global targets are refused unless allowed"
        )
    );
    assert_eq!(server.count(), 0, "nothing reached the server");

    for policy in [
        AddressPolicy::global_only().with_allowed_host("hooks.test"),
        AddressPolicy::global_only().with_allowed_cidr("127.0.0.1/32".parse().unwrap()),
        AddressPolicy::any(),
    ] {
        resolver.calls.store(0, Ordering::SeqCst);
        let allowed = Sender::builder(standard())
            .with_resolver(resolver.clone())
            .with_address_policy(policy.clone())
            .build()
            .unwrap();
        let report = allowed.send(&url, &Outgoing::new("{}")).await;
        assert_eq!(report.outcome, Outcome::Delivered, "{policy:?}: {report:?}");
        // Resolved once, for the one connection: the vetted address is the one connected.
        assert_eq!(resolver.calls.load(Ordering::SeqCst), 1);
    }
    assert_eq!(server.count(), 3);

    // Literal loopback addresses, in other spellings, are refused before any attempt.
    for literal in [
        "http://127.0.0.1:1/",
        "http://2130706433:1/",
        "http://[::ffff:127.0.0.1]:1/",
        "http://localhost.:1/",
    ] {
        let report = strict.send(literal, &Outgoing::new("{}")).await;
        if literal.contains("localhost") {
            // A name: refused when resolved (the stub resolver does not know it: a connect error).
            assert_ne!(report.outcome, Outcome::Delivered);
        } else {
            assert_eq!(report.outcome, Outcome::Refused, "{literal}");
            assert!(report.attempts.is_empty(), "{literal}");
        }
    }
}

#[tokio::test]
async fn an_endless_response_is_cut_at_the_capture_limit() {
    let produced = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&produced);
    let server = Server::start(Arc::new(move |_, _| {
        let counter = Arc::clone(&counter);
        Box::pin(async move {
            let chunk = bytes::Bytes::from(vec![b'x'; 64 * 1024]);
            let stream = futures_util::stream::repeat_with(move || {
                counter.fetch_add(chunk.len(), Ordering::SeqCst);
                Ok::<_, std::io::Error>(chunk.clone())
            });
            Response::builder()
                .status(200)
                .body(Body::from_stream(stream))
                .unwrap()
        })
    }))
    .await;
    let sender = loopback(Sender::builder(standard()))
        .with_response_capture(1024)
        .with_timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let report = sender.send(&server.url("/"), &Outgoing::new("{}")).await;
    assert_eq!(report.outcome, Outcome::Delivered);
    let attempt = &report.attempts[0];
    assert_eq!(attempt.excerpt.as_deref().map(str::len), Some(1024));
    assert!(attempt.truncated);
    assert!(
        attempt.latency() < Duration::from_secs(10),
        "did not wait for the deadline"
    );
    // Give the server a moment to notice the closed connection, then check it stopped:
    // what it produced is bounded by socket buffers, not by the endless body.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let first = produced.load(Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        produced.load(Ordering::SeqCst),
        first,
        "the server is still writing"
    );
    assert!(first < 32 * 1024 * 1024, "{first} bytes produced");
}

#[tokio::test]
async fn a_response_that_never_ends_ends_at_the_deadline() {
    let server = Server::start(Arc::new(|_, _| {
        Box::pin(async move {
            let stream = futures_util::stream::once(async {
                Ok::<_, std::io::Error>(bytes::Bytes::from_static(b"partial"))
            })
            .chain(futures_util::stream::pending());
            Response::builder()
                .status(503)
                .body(Body::from_stream(stream))
                .unwrap()
        })
    }))
    .await;
    let sender = loopback(Sender::builder(standard()))
        .with_retry(RetryPolicy::none())
        .with_timeout(Duration::from_millis(400))
        .build()
        .unwrap();
    let report = sender.send(&server.url("/"), &Outgoing::new("{}")).await;
    assert_eq!(report.outcome, Outcome::Failed);
    let attempt = &report.attempts[0];
    assert_eq!(attempt.status, Some(503));
    assert_eq!(attempt.excerpt.as_deref(), Some("partial"));
    assert!(attempt.truncated);
    assert!(
        attempt.latency() >= Duration::from_millis(400)
            && attempt.latency() < Duration::from_secs(5)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_messages_to_five_endpoints_stay_within_the_limits() {
    const OVERALL: usize = 50;
    const PER_HOST: usize = 12;
    let overall = Arc::new(Gauge::default());
    let mut servers = Vec::new();
    for _ in 0..5 {
        let handler: Handler = Arc::new(|_, _| {
            Box::pin(async move {
                tokio::time::sleep(Duration::from_millis(3)).await;
                status_response(200, &[])
            })
        });
        servers.push(Server::start_with_gauge(handler, Some(Arc::clone(&overall))).await);
    }
    let sender = loopback(Sender::builder(standard()))
        .with_concurrency(OVERALL)
        .with_per_host_concurrency(PER_HOST)
        .build()
        .unwrap();
    let jobs: Vec<_> = (0..1000)
        .map(|i| {
            (
                Endpoint::new(servers[i % 5].url("/hook")),
                Outgoing::new(format!(r#"{{"n":{i}}}"#)).with_id(format!("msg_{i}")),
            )
        })
        .collect();
    let reports: Vec<_> = sender
        .send_all(futures_util::stream::iter(jobs))
        .collect()
        .await;
    assert_eq!(reports.len(), 1000);
    assert!(reports.iter().all(|r| r.delivered), "all delivered");
    let mut ids: Vec<_> = reports.iter().map(|r| r.id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 1000);
    for server in &servers {
        assert_eq!(server.count(), 200);
        assert!(
            server.gauge.max() <= PER_HOST,
            "per host: {}",
            server.gauge.max()
        );
    }
    assert!(overall.max() <= OVERALL, "overall: {}", overall.max());
    assert!(
        overall.max() > PER_HOST,
        "several hosts were served at once: {}",
        overall.max()
    );
    let stats = sender.stats();
    assert_eq!(
        (stats.delivered, stats.failed, stats.attempts, stats.retried),
        (1000, 0, 1000, 0)
    );
    assert_eq!(stats.success_rate(), Some(1.0));
    assert!(stats.latency_p50.unwrap() <= stats.latency_p99.unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_endpoint_does_not_starve_the_others() {
    // The slow endpoint holds every request until the fast one has answered all of its own:
    // if the slow host could take every slot, the fast ones would never get through and the
    // test would time out.
    let fast_done = Arc::new(AtomicUsize::new(0));
    let release = Arc::new(tokio::sync::Notify::new());
    let (done, wake) = (Arc::clone(&fast_done), Arc::clone(&release));
    let fast = Server::start(Arc::new(move |_, _| {
        let (done, wake) = (Arc::clone(&done), Arc::clone(&wake));
        Box::pin(async move {
            if done.fetch_add(1, Ordering::SeqCst) + 1 == 40 {
                wake.notify_waiters();
            }
            status_response(200, &[])
        })
    }))
    .await;
    let (done, wait) = (Arc::clone(&fast_done), Arc::clone(&release));
    let slow = Server::start(Arc::new(move |_, _| {
        let (done, wait) = (Arc::clone(&done), Arc::clone(&wait));
        Box::pin(async move {
            let notified = wait.notified();
            if done.load(Ordering::SeqCst) < 40 {
                notified.await;
            }
            status_response(200, &[])
        })
    }))
    .await;
    let sender = loopback(Sender::builder(standard()))
        .with_concurrency(8)
        .with_per_host_concurrency(4)
        .build()
        .unwrap();
    let jobs: Vec<_> = (0..60)
        .map(|i| {
            let server = if i % 3 == 0 { &slow } else { &fast };
            (Endpoint::new(server.url("/")), Outgoing::new("{}"))
        })
        .collect();
    let reports = tokio::time::timeout(
        Duration::from_secs(30),
        sender
            .send_all(futures_util::stream::iter(jobs))
            .collect::<Vec<_>>(),
    )
    .await
    .expect("the fast endpoint was starved");
    assert!(reports.iter().all(|r| r.delivered));
    assert_eq!((fast.count(), slow.count()), (40, 20));
    assert!(slow.gauge.max() <= 4);
}

#[tokio::test]
async fn fan_out_signs_for_each_endpoint_with_its_own_provider() {
    let github = GitHub::new(SecretSet::new(["github-endpoint-secret"]).unwrap());
    let stripe = Stripe::new(SecretSet::new(["whsec_stripe_endpoint"]).unwrap());
    let (a, b, c) = (
        Server::script(&[200]).await,
        Server::script(&[200]).await,
        Server::script(&[200]).await,
    );
    let sender = loopback(Sender::builder(standard())).build().unwrap();
    let message = Outgoing::new(r#"{"id":"evt_1","type":"push"}"#)
        .with_event_type("push")
        .with_id("fan-1");
    let endpoints = [
        Endpoint::new(a.url("/gh"))
            .with_signer(github.clone())
            .with_header("X-Endpoint", "a"),
        Endpoint::new(b.url("/stripe")).with_signer(stripe.clone()),
        Endpoint::new(c.url("/std")),
    ];
    let reports = sender.fan_out(&message, &endpoints).await;
    assert!(reports.iter().all(|r| r.delivered), "{reports:?}");
    assert_eq!(reports[0].url, a.url("/gh"));
    let check = |server: &Server, provider: &dyn Verify| {
        let seen = server.recorded();
        let headers: Vec<(&str, &str)> = seen[0]
            .headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        provider
            .verify(&hooksign::Delivery::new(&headers, &seen[0].body))
            .map(|v| v.provider().to_owned())
    };
    assert_eq!(check(&a, &github).as_deref(), Ok("github"));
    assert_eq!(a.recorded()[0].header("x-github-delivery"), Some("fan-1"));
    assert_eq!(a.recorded()[0].header("x-github-event"), Some("push"));
    assert_eq!(a.recorded()[0].header("x-endpoint"), Some("a"));
    assert_eq!(check(&b, &stripe).as_deref(), Ok("stripe"));
    assert_eq!(check(&c, &standard()).as_deref(), Ok("standard-webhooks"));
    // And not with another's secret.
    assert!(check(&b, &Stripe::new(SecretSet::new(["whsec_other"]).unwrap())).is_err());
}

#[tokio::test]
async fn callbacks_see_each_attempt_then_the_outcome() {
    let server = Server::script(&[500, 200]).await;
    let events = Arc::new(Mutex::new(Vec::new()));
    let (on_attempt, on_outcome) = (Arc::clone(&events), Arc::clone(&events));
    let sender = loopback(Sender::builder(standard()))
        .with_clock(manual_clock())
        .with_on_attempt(move |report, attempt| {
            on_attempt.lock().unwrap().push(format!(
                "attempt {} of {}: {:?} retry in {:?}",
                attempt.number, report.id, attempt.status, attempt.retry_in_ms
            ));
        })
        .with_on_outcome(move |report| {
            on_outcome
                .lock()
                .unwrap()
                .push(format!("{}: {}", report.id, report.outcome.as_str()));
        })
        .build()
        .unwrap();
    sender
        .send(&server.url("/"), &Outgoing::new("{}").with_id("m1"))
        .await;
    assert_eq!(
        *events.lock().unwrap(),
        [
            "attempt 1 of m1: Some(500) retry in Some(5000)",
            "attempt 2 of m1: Some(200) retry in None",
            "m1: delivered",
        ]
    );
    let stats = sender.stats();
    assert_eq!(
        (stats.delivered, stats.failed, stats.attempts, stats.retried),
        (1, 0, 2, 1)
    );
}

#[tokio::test]
async fn reports_carry_no_secret_and_no_credentials() {
    let server = Server::script(&[200]).await;
    let sender = loopback(Sender::builder(standard())).build().unwrap();
    let url = format!("http://user:hunter2@{}/hook", server.addr);
    let report = sender.send(&url, &Outgoing::new("{}")).await;
    assert!(report.delivered);
    assert_eq!(report.url, server.url("/hook"));
    let json = serde_json::to_string(&report).unwrap();
    let debug = format!("{sender:?} {report:?}");
    for text in [&json, &debug] {
        assert!(
            !text.contains("hunter2") && !text.contains("MfKQ9r8"),
            "{text}"
        );
    }
    // The server did get the credentials, as HTTP basic authentication.
    assert!(server.recorded()[0].header("authorization").is_some());
}

#[tokio::test]
async fn unsendable_messages_are_invalid_and_nothing_is_sent() {
    let server = Server::script(&[200]).await;
    let sender = loopback(Sender::builder(standard()))
        .with_max_body(16)
        .build()
        .unwrap();
    let cases = [
        (
            server.url("/"),
            Outgoing::new(vec![b'x'; 17]),
            "over the 16 byte limit",
        ),
        (
            server.url("/"),
            Outgoing::new("{}").with_header("Host", "evil.test"),
            "Host header cannot be set",
        ),
        (
            server.url("/"),
            Outgoing::new("{}").with_header("Bad Name", "v"),
            "not a valid header name",
        ),
        (
            server.url("/"),
            Outgoing::new("{}").with_header("X-A", "line\nbreak"),
            "not a valid header value",
        ),
        (
            "ftp://127.0.0.1/".to_owned(),
            Outgoing::new("{}"),
            "unsupported scheme",
        ),
        ("not a url".to_owned(), Outgoing::new("{}"), "invalid URL"),
        (
            server.url("/"),
            Outgoing::new("{}").with_id(""),
            "cannot sign",
        ),
    ];
    for (url, message, expected) in cases {
        let report = sender.send(&url, &message).await;
        assert_eq!(report.outcome, Outcome::Invalid, "{expected}");
        assert!(report.attempts.is_empty());
        let error = report.error.unwrap();
        assert!(error.contains(expected), "{error}");
    }
    assert_eq!(server.count(), 0);
    assert_eq!(sender.stats().failed, 7);
}

#[tokio::test]
async fn the_report_has_the_documented_shape() {
    let server = Server::script(&[503, 200]).await;
    let sender = loopback(Sender::builder(standard()))
        .with_retry(RetryPolicy::schedule([Duration::from_millis(10)]))
        .build()
        .unwrap();
    let report = sender
        .send(&server.url("/"), &Outgoing::new("{}").with_id("shape-1"))
        .await;
    let json: serde_json::Value = serde_json::to_value(&report).unwrap();
    assert_eq!(json["delivered"], true);
    assert_eq!(json["id"], "shape-1");
    assert_eq!(json["url"], server.url("/"));
    assert_eq!(json["outcome"], "delivered");
    let attempts = json["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 2);
    assert_eq!(attempts[0]["status"], 503);
    assert_eq!(attempts[0]["error"], serde_json::Value::Null);
    assert_eq!(attempts[0]["retry_in_ms"], 10);
    assert_eq!(attempts[0]["excerpt"], "status 503");
    assert!(attempts[0]["latency_ms"].as_f64().unwrap() > 0.0);
    assert_eq!(attempts[1]["retry_in_ms"], serde_json::Value::Null);
    // And it reads back.
    let back: hooksign::send::Report = serde_json::from_value(json).unwrap();
    assert_eq!(back, report);
}

#[tokio::test]
async fn a_cancelled_send_frees_its_slots() {
    // One slot overall: if dropping a send mid-request leaked it, the next send would wait
    // forever.
    let hanging = Server::start(Arc::new(
        |_, _| Box::pin(std::future::pending::<Response>()),
    ))
    .await;
    let fast = Server::script(&[200]).await;
    let sender = loopback(Sender::builder(standard()))
        .with_concurrency(1)
        .with_per_host_concurrency(1)
        .build()
        .unwrap();
    let message = Outgoing::new("{}");
    let cancelled = tokio::time::timeout(
        Duration::from_millis(200),
        sender.send(&hanging.url("/"), &message),
    )
    .await;
    assert!(cancelled.is_err(), "the hanging endpoint answered");
    assert_eq!(
        hanging.count(),
        1,
        "the request was under way when it was dropped"
    );
    let report = tokio::time::timeout(
        Duration::from_secs(10),
        sender.send(&fast.url("/"), &message),
    )
    .await
    .expect("the dropped send kept its slot");
    assert!(report.delivered);
    // Its outcome was never reached, so it is not counted.
    assert_eq!((sender.stats().delivered, sender.stats().failed), (1, 0));
}

/// A configured proxy carries every request (here a loopback server standing in for one, which
/// sees the absolute target and its `Host`); an IP-literal target outside the policy is still
/// refused before anything is sent, proxy or not.
#[tokio::test]
async fn a_configured_proxy_carries_the_request_and_literals_are_still_vetted() {
    let proxy = Server::script(&[200, 200]).await;
    let sender = Sender::builder(standard())
        .with_proxy(proxy.url("/").trim_end_matches('/'))
        .with_retry(RetryPolicy::none())
        .build()
        .unwrap();
    let report = sender
        .send("http://webhooks.example.invalid/hook", &Outgoing::new("{}"))
        .await;
    assert_eq!(report.outcome, Outcome::Delivered, "{report:?}");
    let seen = proxy.recorded();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].path, "/hook");
    assert_eq!(seen[0].header("host"), Some("webhooks.example.invalid"));
    assert!(seen[0].header("webhook-signature").is_some());

    let refused = sender
        .send("http://10.1.2.3/hook", &Outgoing::new("{}"))
        .await;
    assert!(matches!(refused.outcome, Outcome::Refused), "{refused:?}");
    assert_eq!(proxy.recorded().len(), 1, "nothing more reached the proxy");
}
