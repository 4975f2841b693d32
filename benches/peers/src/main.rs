//! hooksign beside the other Rust webhook verifiers, on the same bytes, in one run.
//!
//! Harness: interleaved rounds (not criterion). For each scheme and body size every case is
//! calibrated to a batch of about `PEERS_BATCH_MS` ms, then `PEERS_ROUNDS` rounds run every
//! case once each (the starting case rotates every round), and each case's time per
//! verification is the median over the rounds (the minimum is printed too). Interleaving means
//! a burst of load from another process on this shared machine hits every case of a round, not
//! one crate's whole measurement.
//!
//! Every case is asserted `Ok` once before it is timed, and every timed batch checks that
//! every verification in it succeeded. Allocations are counted by the global allocator of this
//! binary over 64 verifications after a warm-up one.
//!
//! See README.md beside Cargo.toml for what each row calls and how clocks are pinned.

mod families;

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use http::{HeaderMap, HeaderName, HeaderValue};
use sha2::Sha256;

use hooksign::{
    Delivery, GitHub, Message, SecretSet, Shopify, Sign, SignedHeaders, Slack, StandardWebhooks,
    Stripe, Svix, UnixTime, Verify,
};

// ---------------------------------------------------------------------------------------------
// Counting allocator.

struct Counting;

static ALLOCS: AtomicU64 = AtomicU64::new(0);

// SAFETY: forwards every call to `System` unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, passed on as is.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

// ---------------------------------------------------------------------------------------------
// Inputs shared by every crate.

const SIZES: [(&str, usize); 3] = [
    ("1 KiB", 1024),
    ("16 KiB", 16 * 1024),
    ("64 KiB", 64 * 1024),
];

const GITHUB_SECRET: &str = "It's a Secret to Everybody";
const STRIPE_SECRET: &str = "whsec_9aWvQvF1cYbR2xkq8XQb4dTfJrPzLmNs";
const SLACK_SECRET: &str = "8f742231b10e8888abcd99yyyzzz85a5";
const SHOPIFY_SECRET: &str = "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";
/// Standard Webhooks / Svix: the key is the base64 after `whsec_`.
const SW_KEY: [u8; 24] = *b"MfKQ9r8GKYqrTwjUPD8ILPZI";
const MSG_ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const GITHUB_DELIVERY: &str = "72d3162e-cc78-11e3-81ab-4c9367dc0958";
const SHOPIFY_WEBHOOK_ID: &str = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043";

/// A Stripe event (so that `async-stripe-webhook`, which parses the event, accepts it) of
/// exactly `len` bytes; every crate verifies these same bytes. Its type is one that
/// `async-stripe-webhook` without its feature crates keeps as an untyped object
/// (`EventObject::Unknown`), the cheapest parse it has.
fn body(len: usize) -> Vec<u8> {
    let head = br#"{"id":"evt_1NG8Du2eZvKYlo2CUI79vXWy","object":"event","api_version":null,"created":1700000000,"data":{"object":{"object":"balance","available":[{"amount":2000,"currency":"usd"}],"livemode":false,"pending":[{"amount":0,"currency":"usd"}],"note":""#;
    let tail = br#""}},"livemode":false,"pending_webhooks":1,"request":{"id":null,"idempotency_key":null},"type":"balance.available"}"#;
    assert!(len >= head.len() + tail.len());
    let mut out = Vec::with_capacity(len);
    out.extend_from_slice(head);
    let fill = len - head.len() - tail.len();
    out.extend((0..fill).map(|i| b"abcdefghijklmnopqrstuvwxyz0123456789"[i % 36]));
    out.extend_from_slice(tail);
    assert_eq!(out.len(), len);
    out
}

fn whsec() -> String {
    format!("whsec_{}", STANDARD.encode(SW_KEY))
}

/// One request's headers, in both forms: the scheme's signed headers after the headers every
/// webhook POST carries (so a lookup walks past them, as in a real request).
#[derive(Clone)]
struct Request {
    pairs: Vec<(String, String)>,
    map: HeaderMap,
}

impl Request {
    fn new(signed: &SignedHeaders, user_agent: &str, len: usize) -> Self {
        let mut pairs: Vec<(String, String)> = vec![
            ("Host".into(), "hooks.example.com".into()),
            ("User-Agent".into(), user_agent.into()),
            ("Accept".into(), "*/*".into()),
            ("Content-Type".into(), "application/json".into()),
            ("Content-Length".into(), len.to_string()),
        ];
        pairs.extend(signed.iter().map(|(n, v)| (n.to_string(), v.to_string())));
        let mut map = HeaderMap::new();
        for (name, value) in &pairs {
            map.append(
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        Request { pairs, map }
    }

    /// The pairs as `&str` tuples (the form both hooksign and webhook-verify take).
    fn strs(&self) -> Vec<(&'static str, &'static str)> {
        // Leaked once per request at setup, so closures can hold `'static` slices.
        self.pairs
            .iter()
            .map(|(n, v)| {
                (
                    &*Box::leak(n.clone().into_boxed_str()),
                    &*Box::leak(v.clone().into_boxed_str()),
                )
            })
            .collect()
    }

    /// A header value from the `HeaderMap`, as a handler passes it to a `&str` API.
    fn get<'a>(map: &'a HeaderMap, name: &str) -> &'a str {
        map.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

// ---------------------------------------------------------------------------------------------
// Cases and the harness.

/// How a row's headers reach the verifier.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// `http::HeaderMap` (crates that take `&str` values get them from the same map, inside
    /// the timed loop, as a handler would).
    Map,
    /// `&[(&str, &str)]` pairs.
    Pairs,
    /// No headers: the bare MAC.
    None,
}

impl Form {
    fn label(self) -> &'static str {
        match self {
            Form::Map => "HeaderMap",
            Form::Pairs => "pairs",
            Form::None => "-",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Hooksign,
    /// hooksign, provider built from the secret inside the timed loop.
    HooksignConstruct,
    Bare,
    Naive,
    Peer,
}

struct Case {
    krate: &'static str,
    what: &'static str,
    form: Form,
    kind: Kind,
    /// Runs `n` verifications; true if every one succeeded.
    run: Box<dyn FnMut(u64) -> bool>,
}

fn case<F>(krate: &'static str, what: &'static str, form: Form, kind: Kind, mut f: F) -> Case
where
    F: FnMut() -> bool + 'static,
{
    Case {
        krate,
        what,
        form,
        kind,
        run: Box::new(move |n| {
            let mut ok = true;
            for _ in 0..n {
                ok &= black_box(f());
            }
            ok
        }),
    }
}

struct Row {
    scheme: &'static str,
    size: &'static str,
    krate: &'static str,
    what: &'static str,
    form: Form,
    kind: Kind,
    median_ns: f64,
    allocs: f64,
}

fn measure(
    scheme: &'static str,
    size: &'static str,
    mut cases: Vec<Case>,
    cfg: &Config,
) -> Vec<Row> {
    // Asserted once, then allocations counted.
    let mut allocs = Vec::new();
    for c in &mut cases {
        assert!(
            (c.run)(1),
            "{scheme} {size}: {} ({}) did not verify",
            c.krate,
            c.what
        );
        let before = ALLOCS.load(Ordering::Relaxed);
        assert!((c.run)(64));
        let after = ALLOCS.load(Ordering::Relaxed);
        allocs.push((after - before) as f64 / 64.0);
    }
    // Calibrate each case to a batch of about `batch`.
    let mut iters = Vec::new();
    for c in &mut cases {
        let mut n = 1u64;
        loop {
            let t = Instant::now();
            assert!((c.run)(n));
            let e = t.elapsed();
            if e >= cfg.batch / 4 || n >= 1 << 30 {
                let per = e.as_secs_f64() / n as f64;
                iters.push(((cfg.batch.as_secs_f64() / per) as u64).max(1));
                break;
            }
            n *= 2;
        }
    }
    let mut samples: Vec<Vec<f64>> = vec![Vec::with_capacity(cfg.rounds); cases.len()];
    for round in 0..cfg.rounds {
        for k in 0..cases.len() {
            let i = (k + round) % cases.len();
            let n = iters[i];
            let t = Instant::now();
            let ok = (cases[i].run)(n);
            let e = t.elapsed();
            assert!(ok, "{scheme} {size}: {} failed while timed", cases[i].krate);
            samples[i].push(e.as_nanos() as f64 / n as f64);
        }
    }
    cases
        .iter()
        .zip(samples)
        .zip(allocs)
        .map(|((c, mut s), allocs)| {
            s.sort_by(f64::total_cmp);
            Row {
                scheme,
                size,
                krate: c.krate,
                what: c.what,
                form: c.form,
                kind: c.kind,
                median_ns: s[s.len() / 2],
                allocs,
            }
        })
        .collect()
}

struct Config {
    rounds: usize,
    batch: Duration,
}

// ---------------------------------------------------------------------------------------------
// Fixed clocks.

/// `webhook-verify`'s injected clock.
struct Fixed(u64);

impl webhook_verify::Clock for Fixed {
    fn now(&self) -> u64 {
        self.0
    }
}

/// The times every delivery is signed at and verified at.
#[derive(Clone, Copy)]
struct Times {
    /// The signed timestamp: 250 s after the wall clock at start, so that the crates that read
    /// the wall clock with a ±300 s window (`standardwebhooks`, `slack-morphism`) accept it from
    /// 50 s before the start to 550 s after it.
    signed: u64,
    /// The pinned clock of every crate that lets one be injected: 100 s after signing.
    now: u64,
}

fn wv_options(t: Times) -> webhook_verify::VerifyOptions {
    webhook_verify::VerifyOptions::default()
        .with_max_age(Some(Duration::from_secs(300)))
        .with_clock(Some(Arc::new(Fixed(t.now))))
}

// ---------------------------------------------------------------------------------------------
// Helpers shared by the cases.

type HmacSha256 = Hmac<Sha256>;

/// The bare MAC: keyed once (outside the loop, as hooksign pre-keys), cloned, fed the signed
/// bytes, finalized. No header read, no decoding, no comparison.
fn bare(key: &[u8], prefix: Vec<u8>, body: Arc<Vec<u8>>) -> impl FnMut() -> bool + 'static {
    let keyed = HmacSha256::new_from_slice(key).unwrap();
    move || {
        let mut mac = keyed.clone();
        mac.update(black_box(&prefix));
        mac.update(black_box(&body[..]));
        let tag = mac.finalize().into_bytes();
        black_box(tag);
        true
    }
}

/// The naive verifier's last step: key from the secret on this call, feed, compare.
fn naive_mac(key: &[u8], parts: &[&[u8]], expected: &[u8]) -> bool {
    let mut mac = HmacSha256::new_from_slice(key).unwrap();
    for p in parts {
        mac.update(p);
    }
    mac.verify_slice(expected).is_ok()
}

fn hooksign_cases<V, F>(
    out: &mut Vec<Case>,
    provider: V,
    make: F,
    req: &Request,
    body: &Arc<Vec<u8>>,
    now: UnixTime,
) where
    V: Verify + 'static,
    F: Fn() -> V + 'static,
{
    let provider = Arc::new(provider);
    {
        let (p, map, b) = (provider.clone(), req.map.clone(), body.clone());
        out.push(case(
            "hooksign",
            "verify_at",
            Form::Map,
            Kind::Hooksign,
            move || p.verify_at(&Delivery::new(&map, &b), now).is_ok(),
        ));
    }
    {
        let (p, pairs, b) = (provider, req.strs(), body.clone());
        out.push(case(
            "hooksign",
            "verify_at",
            Form::Pairs,
            Kind::Hooksign,
            move || p.verify_at(&Delivery::new(&pairs, &b), now).is_ok(),
        ));
    }
    {
        let (map, b) = (req.map.clone(), body.clone());
        out.push(case(
            "hooksign",
            "new + verify_at",
            Form::Map,
            Kind::HooksignConstruct,
            move || make().verify_at(&Delivery::new(&map, &b), now).is_ok(),
        ));
    }
}

fn wv_cases(
    out: &mut Vec<Case>,
    provider: webhook_verify::Provider,
    secret: &str,
    req: &Request,
    body: &Arc<Vec<u8>>,
    t: Times,
) {
    let secret = webhook_verify::Secret::new(secret);
    let options = wv_options(t);
    {
        let (s, o, map, b) = (
            secret.clone(),
            options.clone(),
            req.map.clone(),
            body.clone(),
        );
        out.push(case(
            "webhook-verify 0.1.0",
            "verify",
            Form::Map,
            Kind::Peer,
            move || webhook_verify::verify(provider, &map, &b, &s, o.clone()).is_ok(),
        ));
    }
    {
        let (s, o, pairs, b) = (secret, options, req.strs(), body.clone());
        out.push(case(
            "webhook-verify 0.1.0",
            "verify",
            Form::Pairs,
            Kind::Peer,
            move || webhook_verify::verify(provider, &pairs, &b, &s, o.clone()).is_ok(),
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// The schemes.

fn github(body: &Arc<Vec<u8>>, t: Times) -> Vec<Case> {
    let at = UnixTime::from_secs(t.signed);
    let now = UnixTime::from_secs(t.now);
    let provider = GitHub::new(SecretSet::new([GITHUB_SECRET]).unwrap());
    let signed = provider
        .sign_at(
            &Message::new(body)
                .with_id(GITHUB_DELIVERY)
                .with_event_type("push"),
            at,
        )
        .unwrap();
    let req = Request::new(&signed, "GitHub-Hookshot/044aadd", body.len());
    let mut out = Vec::new();
    hooksign_cases(
        &mut out,
        provider,
        || GitHub::new(SecretSet::new([GITHUB_SECRET]).unwrap()),
        &req,
        body,
        now,
    );
    out.push(case(
        "bare HMAC",
        "pre-keyed, body",
        Form::None,
        Kind::Bare,
        bare(GITHUB_SECRET.as_bytes(), vec![], body.clone()),
    ));
    {
        let (map, b) = (req.map.clone(), body.clone());
        out.push(case(
            "naive hmac+sha2",
            "per-call key",
            Form::Map,
            Kind::Naive,
            move || {
                let Some(sig) = Request::get(&map, "x-hub-signature-256").strip_prefix("sha256=")
                else {
                    return false;
                };
                let Ok(expected) = hex::decode(sig) else {
                    return false;
                };
                naive_mac(GITHUB_SECRET.as_bytes(), &[&b], &expected)
            },
        ));
    }
    wv_cases(
        &mut out,
        webhook_verify::Provider::GitHub,
        GITHUB_SECRET,
        &req,
        body,
        t,
    );
    {
        let verifier = octocrab::models::webhook_events::WebhookVerifier::new(GITHUB_SECRET);
        let (map, b) = (req.map.clone(), body.clone());
        out.push(case(
            "octocrab 0.54.9",
            "WebhookVerifier::verify",
            Form::Map,
            Kind::Peer,
            move || {
                verifier
                    .verify(Request::get(&map, "x-hub-signature-256"), &b[..])
                    .is_ok()
            },
        ));
    }
    out
}

fn stripe(body: &Arc<Vec<u8>>, t: Times) -> Vec<Case> {
    let at = UnixTime::from_secs(t.signed);
    let now = UnixTime::from_secs(t.now);
    let provider = Stripe::new(SecretSet::new([STRIPE_SECRET]).unwrap());
    let signed = provider.sign_at(&Message::new(body), at).unwrap();
    let req = Request::new(
        &signed,
        "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        body.len(),
    );
    let mut out = Vec::new();
    hooksign_cases(
        &mut out,
        provider,
        || Stripe::new(SecretSet::new([STRIPE_SECRET]).unwrap()),
        &req,
        body,
        now,
    );
    let prefix = format!("{}.", t.signed).into_bytes();
    out.push(case(
        "bare HMAC",
        "pre-keyed, t.body",
        Form::None,
        Kind::Bare,
        bare(STRIPE_SECRET.as_bytes(), prefix, body.clone()),
    ));
    {
        let (map, b) = (req.map.clone(), body.clone());
        let pinned = t.now;
        out.push(case(
            "naive hmac+sha2",
            "per-call key",
            Form::Map,
            Kind::Naive,
            move || {
                let value = Request::get(&map, "stripe-signature");
                let mut ts = None;
                let mut sigs = Vec::new();
                for item in value.split(',') {
                    match item.split_once('=') {
                        Some(("t", v)) => ts = Some(v),
                        Some(("v1", v)) => sigs.push(v),
                        _ => {}
                    }
                }
                let Some(ts) = ts else { return false };
                let Ok(secs) = ts.parse::<u64>() else {
                    return false;
                };
                if pinned.abs_diff(secs) > 300 {
                    return false;
                }
                sigs.iter().any(|s| {
                    hex::decode(s).is_ok_and(|e| {
                        naive_mac(STRIPE_SECRET.as_bytes(), &[ts.as_bytes(), b".", &b], &e)
                    })
                })
            },
        ));
    }
    wv_cases(
        &mut out,
        webhook_verify::Provider::Stripe,
        STRIPE_SECRET,
        &req,
        body,
        t,
    );
    {
        let (map, text) = (req.map.clone(), String::from_utf8(body.to_vec()).unwrap());
        let pinned = t.now as i64;
        out.push(case(
            "async-stripe-webhook 1.0.0-rc.10",
            "construct_event_with_timestamp (parses the event)",
            Form::Map,
            Kind::Peer,
            move || {
                stripe_webhook::Webhook::construct_event_with_timestamp(
                    &text,
                    Request::get(&map, "stripe-signature"),
                    STRIPE_SECRET,
                    pinned,
                )
                .is_ok()
            },
        ));
    }
    out
}

fn slack(body: &Arc<Vec<u8>>, t: Times) -> Vec<Case> {
    let at = UnixTime::from_secs(t.signed);
    let now = UnixTime::from_secs(t.now);
    let provider = Slack::new(SecretSet::new([SLACK_SECRET]).unwrap());
    let signed = provider.sign_at(&Message::new(body), at).unwrap();
    let req = Request::new(
        &signed,
        "Slackbot 1.0 (+https://api.slack.com/robots)",
        body.len(),
    );
    let mut out = Vec::new();
    hooksign_cases(
        &mut out,
        provider,
        || Slack::new(SecretSet::new([SLACK_SECRET]).unwrap()),
        &req,
        body,
        now,
    );
    let prefix = format!("v0:{}:", t.signed).into_bytes();
    out.push(case(
        "bare HMAC",
        "pre-keyed, v0:ts:body",
        Form::None,
        Kind::Bare,
        bare(SLACK_SECRET.as_bytes(), prefix, body.clone()),
    ));
    {
        let (map, b) = (req.map.clone(), body.clone());
        let pinned = t.now;
        out.push(case(
            "naive hmac+sha2",
            "per-call key",
            Form::Map,
            Kind::Naive,
            move || {
                let ts = Request::get(&map, "x-slack-request-timestamp");
                let Ok(secs) = ts.parse::<u64>() else {
                    return false;
                };
                if pinned.abs_diff(secs) > 300 {
                    return false;
                }
                let Some(sig) = Request::get(&map, "x-slack-signature").strip_prefix("v0=") else {
                    return false;
                };
                let Ok(expected) = hex::decode(sig) else {
                    return false;
                };
                naive_mac(
                    SLACK_SECRET.as_bytes(),
                    &[b"v0:", ts.as_bytes(), b":", &b],
                    &expected,
                )
            },
        ));
    }
    wv_cases(
        &mut out,
        webhook_verify::Provider::Slack,
        SLACK_SECRET,
        &req,
        body,
        t,
    );
    {
        let verifier = slack_morphism::signature_verifier::SlackEventSignatureVerifier::new(
            &slack_morphism::SlackSigningSecret(SLACK_SECRET.into()),
        );
        let (map, text) = (req.map.clone(), String::from_utf8(body.to_vec()).unwrap());
        out.push(case(
            "slack-morphism 2.31.1",
            "SlackEventSignatureVerifier::verify (wall clock)",
            Form::Map,
            Kind::Peer,
            move || {
                verifier
                    .verify(
                        Request::get(&map, "x-slack-signature"),
                        &text,
                        Request::get(&map, "x-slack-request-timestamp"),
                    )
                    .is_ok()
            },
        ));
    }
    out
}

fn shopify_signed(body: &[u8], t: Times) -> (Shopify, Request) {
    let provider = Shopify::new(SecretSet::new([SHOPIFY_SECRET]).unwrap());
    let signed = provider
        .sign_at(
            &Message::new(body)
                .with_id(SHOPIFY_WEBHOOK_ID)
                .with_event_type("orders/create"),
            UnixTime::from_secs(t.signed),
        )
        .unwrap();
    let req = Request::new(&signed, "Shopify-Captain-Hook", body.len());
    (provider, req)
}

/// Shopify with the metadata headers the SDKs require (topic, shop domain, API version,
/// webhook id), against `shopify_api`'s `Webhook::verify`, which requires and reads them too.
fn shopify(body: &Arc<Vec<u8>>, t: Times) -> Vec<Case> {
    let now = UnixTime::from_secs(t.now);
    let (provider, req) = shopify_signed(body, t);
    let mut out = Vec::new();
    hooksign_cases(
        &mut out,
        provider,
        || Shopify::new(SecretSet::new([SHOPIFY_SECRET]).unwrap()),
        &req,
        body,
        now,
    );
    out.push(case(
        "bare HMAC",
        "pre-keyed, body",
        Form::None,
        Kind::Bare,
        bare(SHOPIFY_SECRET.as_bytes(), vec![], body.clone()),
    ));
    {
        let (map, b) = (req.map.clone(), body.clone());
        out.push(case(
            "shopify_api 1.0.0-rc.3",
            "Webhook::verify (reads the metadata, copies the body)",
            Form::Map,
            Kind::Peer,
            move || shopify_api::webhooks::Webhook::verify(&map, &b[..], SHOPIFY_SECRET).is_ok(),
        ));
    }
    out
}

/// Shopify's bare HMAC check: hooksign without the metadata headers, against
/// `shopify_api::webhooks::verify_hmac`, `webhook-verify` (which reads only the HMAC header)
/// and the naive verifier.
fn shopify_bare(body: &Arc<Vec<u8>>, t: Times) -> Vec<Case> {
    let now = UnixTime::from_secs(t.now);
    let (provider, req) = shopify_signed(body, t);
    let mut out = Vec::new();
    hooksign_cases(
        &mut out,
        provider.without_metadata_headers(),
        || Shopify::new(SecretSet::new([SHOPIFY_SECRET]).unwrap()).without_metadata_headers(),
        &req,
        body,
        now,
    );
    out.push(case(
        "bare HMAC",
        "pre-keyed, body",
        Form::None,
        Kind::Bare,
        bare(SHOPIFY_SECRET.as_bytes(), vec![], body.clone()),
    ));
    {
        let (map, b) = (req.map.clone(), body.clone());
        out.push(case(
            "naive hmac+sha2",
            "per-call key",
            Form::Map,
            Kind::Naive,
            move || {
                let Ok(expected) = STANDARD.decode(Request::get(&map, "x-shopify-hmac-sha256"))
                else {
                    return false;
                };
                naive_mac(SHOPIFY_SECRET.as_bytes(), &[&b], &expected)
            },
        ));
    }
    wv_cases(
        &mut out,
        webhook_verify::Provider::Shopify,
        SHOPIFY_SECRET,
        &req,
        body,
        t,
    );
    {
        let (map, b) = (req.map.clone(), body.clone());
        out.push(case(
            "shopify_api 1.0.0-rc.3",
            "verify_hmac",
            Form::Map,
            Kind::Peer,
            move || {
                shopify_api::webhooks::verify_hmac(
                    SHOPIFY_SECRET,
                    &b,
                    Request::get(&map, "x-shopify-hmac-sha256"),
                )
            },
        ));
    }
    out
}

/// The naive Standard Webhooks verifier, on either family of header names.
fn sw_naive(map: &HeaderMap, body: &[u8], names: [&str; 3], pinned: u64) -> bool {
    let [id_name, ts_name, sig_name] = names;
    let id = Request::get(map, id_name);
    let ts = Request::get(map, ts_name);
    let Ok(secs) = ts.parse::<u64>() else {
        return false;
    };
    if pinned.abs_diff(secs) > 300 {
        return false;
    }
    let Some(key) = whsec()
        .strip_prefix("whsec_")
        .and_then(|k| STANDARD.decode(k).ok())
    else {
        return false;
    };
    Request::get(map, sig_name).split(' ').any(|entry| {
        entry
            .strip_prefix("v1,")
            .and_then(|s| STANDARD.decode(s).ok())
            .is_some_and(|e| naive_mac(&key, &[id.as_bytes(), b".", ts.as_bytes(), b".", body], &e))
    })
}

fn standard_webhooks(body: &Arc<Vec<u8>>, t: Times) -> Vec<Case> {
    let at = UnixTime::from_secs(t.signed);
    let now = UnixTime::from_secs(t.now);
    let provider = StandardWebhooks::new(SecretSet::new([whsec()]).unwrap()).unwrap();
    let signed = provider
        .sign_at(&Message::new(body).with_id(MSG_ID), at)
        .unwrap();
    let req = Request::new(&signed, "Svix-Webhooks/1.0", body.len());
    let mut out = Vec::new();
    hooksign_cases(
        &mut out,
        provider,
        || StandardWebhooks::new(SecretSet::new([whsec()]).unwrap()).unwrap(),
        &req,
        body,
        now,
    );
    let prefix = format!("{MSG_ID}.{}.", t.signed).into_bytes();
    out.push(case(
        "bare HMAC",
        "pre-keyed, id.ts.body",
        Form::None,
        Kind::Bare,
        bare(&SW_KEY, prefix, body.clone()),
    ));
    {
        let (map, b) = (req.map.clone(), body.clone());
        let pinned = t.now;
        out.push(case(
            "naive hmac+sha2",
            "per-call key",
            Form::Map,
            Kind::Naive,
            move || {
                sw_naive(
                    &map,
                    &b,
                    ["webhook-id", "webhook-timestamp", "webhook-signature"],
                    pinned,
                )
            },
        ));
    }
    wv_cases(
        &mut out,
        webhook_verify::Provider::StandardWebhooks,
        &whsec(),
        &req,
        body,
        t,
    );
    {
        let wh = svix::webhooks::Webhook::new(&whsec()).unwrap();
        let (map, b) = (req.map.clone(), body.clone());
        out.push(case(
            "svix 2.9.1",
            "verify_ignoring_timestamp",
            Form::Map,
            Kind::Peer,
            move || wh.verify_ignoring_timestamp(&b, &map).is_ok(),
        ));
    }
    {
        let wh = standardwebhooks::Webhook::new(&whsec()).unwrap();
        let (map, b) = (req.map.clone(), body.clone());
        out.push(case(
            "standardwebhooks 1.0.1",
            "verify (wall clock)",
            Form::Map,
            Kind::Peer,
            move || wh.verify(&b, &map).is_ok(),
        ));
    }
    out
}

/// The `svix-*` family of names: hooksign's `Svix` against the `svix` crate.
fn svix_family(body: &Arc<Vec<u8>>, t: Times) -> Vec<Case> {
    let at = UnixTime::from_secs(t.signed);
    let now = UnixTime::from_secs(t.now);
    let provider = Svix::new(SecretSet::new([whsec()]).unwrap()).unwrap();
    let signed = provider
        .sign_at(&Message::new(body).with_id(MSG_ID), at)
        .unwrap();
    let req = Request::new(&signed, "Svix-Webhooks/1.0", body.len());
    let mut out = Vec::new();
    hooksign_cases(
        &mut out,
        provider,
        || Svix::new(SecretSet::new([whsec()]).unwrap()).unwrap(),
        &req,
        body,
        now,
    );
    let prefix = format!("{MSG_ID}.{}.", t.signed).into_bytes();
    out.push(case(
        "bare HMAC",
        "pre-keyed, id.ts.body",
        Form::None,
        Kind::Bare,
        bare(&SW_KEY, prefix, body.clone()),
    ));
    {
        let (map, b) = (req.map.clone(), body.clone());
        let pinned = t.now;
        out.push(case(
            "naive hmac+sha2",
            "per-call key",
            Form::Map,
            Kind::Naive,
            move || {
                sw_naive(
                    &map,
                    &b,
                    ["svix-id", "svix-timestamp", "svix-signature"],
                    pinned,
                )
            },
        ));
    }
    {
        let wh = svix::webhooks::Webhook::new(&whsec()).unwrap();
        let (map, b) = (req.map.clone(), body.clone());
        out.push(case(
            "svix 2.9.1",
            "verify_ignoring_timestamp",
            Form::Map,
            Kind::Peer,
            move || wh.verify_ignoring_timestamp(&b, &map).is_ok(),
        ));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Report.

fn fmt_ns(ns: f64) -> String {
    format!("{ns:.0}")
}

fn fmt_allocs(a: f64) -> String {
    if (a - a.round()).abs() < 0.01 {
        format!("{}", a.round() as i64)
    } else {
        format!("{a:.2}")
    }
}

fn main() {
    let env = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let cfg = Config {
        rounds: env("PEERS_ROUNDS", 41) as usize,
        batch: Duration::from_millis(env("PEERS_BATCH_MS", 5)),
    };
    let wall = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let t = Times {
        signed: wall + 250,
        now: wall + 350,
    };
    let only = std::env::var("PEERS_ONLY").ok();

    type Scheme = (&'static str, fn(&Arc<Vec<u8>>, Times) -> Vec<Case>);
    let schemes: [Scheme; 13] = [
        ("GitHub", github),
        ("Stripe", stripe),
        ("Slack", slack),
        ("Shopify (metadata)", shopify),
        ("Shopify (HMAC only)", shopify_bare),
        ("Standard Webhooks", standard_webhooks),
        ("Svix (svix-* names)", svix_family),
        // The other families: hooksign beside the bare primitive only (no peer verifies them).
        ("Twilio (URL + form)", families::twilio),
        ("Square (URL + body)", families::square),
        ("Mailgun (in the body)", families::mailgun),
        ("GitLab (token)", families::gitlab),
        ("Discord (Ed25519)", families::discord),
        ("SendGrid (ECDSA P-256)", families::sendgrid),
    ];
    // PEERS_PROFILE="scheme|size|crate|form|iterations": run one case only, untimed (for perf or
    // callgrind), e.g. "shopify (hmac|1 KiB|hooksign|pairs|100000".
    if let Ok(spec) = std::env::var("PEERS_PROFILE") {
        let f: Vec<&str> = spec.split('|').collect();
        let [scheme, size, krate, form, n] = f[..] else {
            panic!("PEERS_PROFILE: scheme|size|crate|form|iterations")
        };
        let (_, build) = schemes
            .iter()
            .find(|(name, _)| name.to_lowercase().contains(&scheme.to_lowercase()))
            .expect("no such scheme");
        let (_, len) = SIZES
            .iter()
            .find(|(s, _)| *s == size)
            .expect("no such size");
        let mut cases = build(&Arc::new(body(*len)), t);
        let c = cases
            .iter_mut()
            .find(|c| {
                c.krate.starts_with(krate)
                    && c.form.label() == form
                    && c.kind != Kind::HooksignConstruct
            })
            .expect("no such case");
        assert!((c.run)(n.parse().unwrap()));
        return;
    }
    let started = Instant::now();
    let mut rows = Vec::new();
    for (name, build) in schemes {
        if only
            .as_deref()
            .is_some_and(|o| !name.to_lowercase().contains(&o.to_lowercase()))
        {
            continue;
        }
        for (size, len) in SIZES {
            let b = Arc::new(body(len));
            rows.extend(measure(name, size, build(&b, t), &cfg));
            eprintln!(
                "{name} {size} done ({:.0} s)",
                started.elapsed().as_secs_f64()
            );
        }
    }

    println!(
        "rounds: {}, batch: {} ms; median over rounds of ns per verification, (× hooksign), allocations per verification\n",
        cfg.rounds,
        cfg.batch.as_millis()
    );
    println!(
        "`× hooksign`: this row's median ÷ hooksign's (`verify_at`) at the same size in the same header form (pairs rows against hooksign on pairs, every other row against hooksign on the HeaderMap). Allocations are the same at every size unless three numbers are given.\n"
    );
    print!("| scheme | crate | call | headers |");
    for (size, _) in SIZES {
        print!(" {size} |");
    }
    println!(" allocs |");
    println!("|---|---|---|---|{}---:|", "---:|".repeat(SIZES.len()));
    let reference = |r: &Row, form: Form| -> Option<f64> {
        rows.iter()
            .find(|h| {
                h.scheme == r.scheme
                    && h.size == r.size
                    && h.kind == Kind::Hooksign
                    && h.form == form
            })
            .map(|h| h.median_ns)
    };
    // One line per scheme, crate, call and form; the sizes side by side.
    let mut lines: Vec<(&str, &str, &str, Form, Kind)> = Vec::new();
    for r in &rows {
        let key = (r.scheme, r.krate, r.what, r.form, r.kind);
        if !lines.contains(&key) {
            lines.push(key);
        }
    }
    for (scheme, krate, what, form, kind) in lines {
        let mut cells = Vec::new();
        let mut allocs = Vec::new();
        for (size, _) in SIZES {
            let Some(r) = rows.iter().find(|r| {
                r.scheme == scheme
                    && r.size == size
                    && r.krate == krate
                    && r.what == what
                    && r.form == form
                    && r.kind == kind
            }) else {
                cells.push("-".to_string());
                continue;
            };
            // Pairs rows against hooksign on pairs; everything else against the HeaderMap.
            let against = if form == Form::Pairs {
                Form::Pairs
            } else {
                Form::Map
            };
            let ratio = match (kind, reference(r, against)) {
                (Kind::Bare, _) | (_, None) => String::new(),
                (_, Some(h)) => format!(" ({:.2})", r.median_ns / h),
            };
            cells.push(format!("{}{ratio}", fmt_ns(r.median_ns)));
            allocs.push(fmt_allocs(r.allocs));
        }
        allocs.dedup();
        println!(
            "| {scheme} | {krate} | {what} | {} | {} | {} |",
            form.label(),
            cells.join(" | "),
            allocs.join(" / ")
        );
    }

    // The contract, per scheme and size.
    println!(
        "\nPer scheme and size: hooksign beside the bare pre-keyed HMAC of the same signed bytes and beside the peers (each peer against hooksign in the same header form; two numbers for webhook-verify: HeaderMap / pairs)."
    );
    println!(
        "\n| scheme | size | hooksign (map) | hooksign (pairs) | bare HMAC | map − bare | pairs − bare | fastest peer | its ns | hooksign ÷ fastest peer | webhook-verify ÷ hooksign | svix ÷ hooksign | standardwebhooks ÷ hooksign |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|");
    let mut keys: Vec<(&str, &str)> = Vec::new();
    for r in &rows {
        if !keys.contains(&(r.scheme, r.size)) {
            keys.push((r.scheme, r.size));
        }
    }
    for (scheme, size) in keys {
        let of = |pred: &dyn Fn(&Row) -> bool| -> Vec<&Row> {
            rows.iter()
                .filter(|r| r.scheme == scheme && r.size == size && pred(r))
                .collect()
        };
        let hs = |form| of(&|r: &Row| r.kind == Kind::Hooksign && r.form == form)[0].median_ns;
        let (map, pairs) = (hs(Form::Map), hs(Form::Pairs));
        let bare_ns = of(&|r: &Row| r.kind == Kind::Bare)[0].median_ns;
        let peers = of(&|r: &Row| r.kind == Kind::Peer);
        let fastest = peers
            .iter()
            .min_by(|a, b| a.median_ns.total_cmp(&b.median_ns));
        // hooksign in the same header form as the peer.
        let mine = |p: &Row| if p.form == Form::Pairs { pairs } else { map };
        let vs = |prefix: &str| -> String {
            peers
                .iter()
                .filter(|p| p.krate.starts_with(prefix))
                .map(|p| format!("{:.2}", p.median_ns / mine(p)))
                .collect::<Vec<_>>()
                .join(" / ")
        };
        let (fname, fns, fratio) = match fastest {
            Some(f) => (
                format!("{} ({})", f.krate, f.form.label()),
                fmt_ns(f.median_ns),
                format!("{:.2}", mine(f) / f.median_ns),
            ),
            None => ("-".into(), "-".into(), "-".into()),
        };
        let dash = |s: String| if s.is_empty() { "-".to_string() } else { s };
        println!(
            "| {scheme} | {size} | {} | {} | {} | {:+.0} | {:+.0} | {fname} | {fns} | {fratio} | {} | {} | {} |",
            fmt_ns(map),
            fmt_ns(pairs),
            fmt_ns(bare_ns),
            map - bare_ns,
            pairs - bare_ns,
            dash(vs("webhook-verify")),
            dash(vs("svix")),
            dash(vs("standardwebhooks")),
        );
    }
    eprintln!("total {:.0} s", started.elapsed().as_secs_f64());
}
