//! Verification cost, per provider and body size, beside a plain `hmac` + `sha2` baseline.
//!
//! Providers: the six of the first release, and one per catalogue family: Paddle (a `;` list),
//! OpenAI (a versioned list with bare entries), WebSub (the method named in the value),
//! DocuSign (numbered headers), Linear (a timestamp read from the JSON body, which makes the
//! whole body parsed on every verification).
//!
//! Groups (run with `cargo bench --bench verify`):
//!
//! - `verify/{1KiB,64KiB}/<provider>`: `hooksign::verify_at` on headers made by the provider's
//!   own signer, one secret, at a fixed clock inside the replay window.
//! - `verify_header_map/{1KiB,64KiB}/<provider>` (with `--features http`): the same headers in
//!   an `http::HeaderMap`, as a framework receiver passes them.
//! - `bare_hmac/{1KiB,64KiB}/<provider>`: the HMAC alone, keyed once outside the loop (as
//!   hooksign pre-keys its secrets), over the same signed bytes; no header parsed, nothing
//!   compared. `verify` minus `bare_hmac` is what verification adds to the MAC.
//! - `naive_hmac/{1KiB,64KiB}/<provider>`: what a hand-written verifier does: key
//!   `Hmac<Sha256>` from the secret on every call, feed the provider's signed content
//!   (`t.` + body for Stripe, `v0:ts:` + body for Slack, `id.ts.` + body for Standard
//!   Webhooks/Svix, the body for GitHub/Shopify), and `verify_slice` against the expected tag
//!   (decoded once, outside the timed loop: the baseline parses no header).
//! - `rotation/secrets/{1,2,4}`: Stripe, 1 KiB, a secret set whose *last* secret matches
//!   (worst case: one HMAC per secret).
//! - `rotation/signatures/{1,2,4}`: Stripe, 1 KiB, one secret, a `Stripe-Signature` with that
//!   many `v1=` entries, the matching one last: still one HMAC, plus one decode and one
//!   constant-time comparison per entry.
//!
//! Settings are sized for a small (2-core) machine: 1 s warm-up, 3 s measurement, 40 samples.
#![allow(
    clippy::unwrap_used,
    reason = "a failed step fails the benchmark or test loudly"
)]

use std::hint::black_box;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use hooksign::{
    DocuSign, GitHub, Linear, Message, OpenAi, Paddle, SecretSet, Shopify, Sign, SignedHeaders,
    Slack, StandardWebhooks, Stripe, Svix, Tolerance, UnixTime, Verify, WebSub,
};

/// When the benchmark deliveries were signed.
const SIGNED_AT: u64 = 1_700_000_000;
/// The clock verification runs at: 100 s later, inside every provider's 300 s window.
const NOW: UnixTime = UnixTime::from_secs(SIGNED_AT + 100);

const SIZES: [(&str, usize); 2] = [("1KiB", 1024), ("64KiB", 64 * 1024)];

/// Text secrets (GitHub, Stripe, Slack, Shopify use the string's bytes as the key).
const GITHUB_SECRET: &str = "It's a Secret to Everybody";
const STRIPE_SECRET: &str = "whsec_9aWvQvF1cYbR2xkq8XQb4dTfJrPzLmNs";
const SLACK_SECRET: &str = "8f742231b10e8888abcd99yyyzzz85a5";
const SHOPIFY_SECRET: &str = "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";
const PADDLE_SECRET: &str = "pdl_ntfset_01hv8x2a3b4c5d6e7f8g9h0jkm_benchSecret";
/// Standard Webhooks / Svix: the key is the base64 after `whsec_`.
const SW_KEY: [u8; 24] = *b"MfKQ9r8GKYqrTwjUPD8ILPZI";

const MSG_ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const DELIVERY_ID: &str = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

/// A JSON body of exactly `len` bytes.
fn body(len: usize) -> Vec<u8> {
    // `webhookTimestamp` (at the clock verification runs at) for Linear, which reads its
    // timestamp from the body; the other providers sign the body as it is.
    let head = br#"{"id":"evt_1NG8Du2eZvKYlo2CUI79vXWy","type":"payment_intent.succeeded","webhookTimestamp":1700000100000,"data":""#;
    let tail = br#""}"#;
    assert!(len >= head.len() + tail.len());
    let mut out = Vec::with_capacity(len);
    out.extend_from_slice(head);
    let fill = len - head.len() - tail.len();
    out.extend((0..fill).map(|i| b"abcdefghijklmnopqrstuvwxyz0123456789"[i % 36]));
    out.extend_from_slice(tail);
    assert_eq!(out.len(), len);
    out
}

fn whsec(key: &[u8]) -> String {
    format!("whsec_{}", STANDARD.encode(key))
}

/// The naive baseline: key per call, feed the signed content, compare with `verify_slice`.
#[inline(never)]
fn naive(key: &[u8], parts: &[&[u8]], expected: &[u8]) -> bool {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    for part in parts {
        mac.update(part);
    }
    mac.verify_slice(expected).is_ok()
}

fn header<'a>(headers: &'a SignedHeaders, name: &str) -> &'a str {
    headers
        .get(name)
        .unwrap_or_else(|| panic!("signer wrote no {name}"))
}

fn hex_tag(text: &str) -> Vec<u8> {
    hex::decode(text).expect("signer writes hex")
}

fn b64_tag(text: &str) -> Vec<u8> {
    STANDARD.decode(text).expect("signer writes base64")
}

/// One provider's benchmark case: the provider, its signed headers, and the baseline's inputs.
struct Case {
    name: &'static str,
    provider: Box<dyn Verify>,
    headers: SignedHeaders,
    /// The HMAC key the baseline uses (as the provider derives it from the secret).
    key: Vec<u8>,
    /// The signed content before the body (`t.`, `v0:ts:`, `id.ts.`, or nothing).
    prefix: Vec<u8>,
    /// The expected tag, decoded from the signer's header.
    expected: Vec<u8>,
}

fn cases(body: &[u8]) -> Vec<Case> {
    let at = UnixTime::from_secs(SIGNED_AT);
    let ts = SIGNED_AT.to_string();
    let mut out = Vec::new();

    let github = GitHub::new(SecretSet::new([GITHUB_SECRET]).unwrap());
    let headers = github
        .sign_at(
            &Message::new(body)
                .with_id(DELIVERY_ID)
                .with_event_type("push"),
            at,
        )
        .unwrap();
    let expected = hex_tag(
        header(&headers, "X-Hub-Signature-256")
            .strip_prefix("sha256=")
            .unwrap(),
    );
    out.push(Case {
        name: "github",
        provider: Box::new(github),
        headers,
        key: GITHUB_SECRET.as_bytes().to_vec(),
        prefix: Vec::new(),
        expected,
    });

    let stripe = Stripe::new(SecretSet::new([STRIPE_SECRET]).unwrap());
    let headers = stripe.sign_at(&Message::new(body), at).unwrap();
    let value = header(&headers, "Stripe-Signature");
    let expected = hex_tag(value.split_once(",v1=").unwrap().1);
    out.push(Case {
        name: "stripe",
        provider: Box::new(stripe),
        headers,
        key: STRIPE_SECRET.as_bytes().to_vec(),
        prefix: format!("{ts}.").into_bytes(),
        expected,
    });

    let slack = Slack::new(SecretSet::new([SLACK_SECRET]).unwrap());
    let headers = slack.sign_at(&Message::new(body), at).unwrap();
    let expected = hex_tag(
        header(&headers, "X-Slack-Signature")
            .strip_prefix("v0=")
            .unwrap(),
    );
    out.push(Case {
        name: "slack",
        provider: Box::new(slack),
        headers,
        key: SLACK_SECRET.as_bytes().to_vec(),
        prefix: format!("v0:{ts}:").into_bytes(),
        expected,
    });

    let shopify = Shopify::new(SecretSet::new([SHOPIFY_SECRET]).unwrap());
    let headers = shopify
        .sign_at(
            &Message::new(body)
                .with_id("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043")
                .with_event_type("orders/create"),
            at,
        )
        .unwrap();
    let expected = b64_tag(header(&headers, "X-Shopify-Hmac-Sha256"));
    out.push(Case {
        name: "shopify",
        provider: Box::new(shopify),
        headers,
        key: SHOPIFY_SECRET.as_bytes().to_vec(),
        prefix: Vec::new(),
        expected,
    });

    let sw = StandardWebhooks::new(SecretSet::new([whsec(&SW_KEY)]).unwrap()).unwrap();
    let headers = sw.sign_at(&Message::new(body).with_id(MSG_ID), at).unwrap();
    let expected = b64_tag(
        header(&headers, "webhook-signature")
            .strip_prefix("v1,")
            .unwrap(),
    );
    out.push(Case {
        name: "standard-webhooks",
        provider: Box::new(sw),
        headers,
        key: SW_KEY.to_vec(),
        prefix: format!("{MSG_ID}.{ts}.").into_bytes(),
        expected,
    });

    let svix = Svix::new(SecretSet::new([whsec(&SW_KEY)]).unwrap()).unwrap();
    let headers = svix
        .sign_at(&Message::new(body).with_id(MSG_ID), at)
        .unwrap();
    let expected = b64_tag(
        header(&headers, "svix-signature")
            .strip_prefix("v1,")
            .unwrap(),
    );
    out.push(Case {
        name: "svix",
        provider: Box::new(svix),
        headers,
        key: SW_KEY.to_vec(),
        prefix: format!("{MSG_ID}.{ts}.").into_bytes(),
        expected,
    });

    // Catalogue families: a `;` key=value list (Paddle), a versioned list read with bare
    // entries and a text-or-base64 secret (OpenAI), the method named in the value (WebSub).
    let paddle = Paddle::new(SecretSet::new([PADDLE_SECRET]).unwrap());
    let headers = paddle.sign_at(&Message::new(body), at).unwrap();
    let expected = hex_tag(
        header(&headers, "Paddle-Signature")
            .split_once(";h1=")
            .unwrap()
            .1,
    );
    out.push(Case {
        name: "paddle",
        provider: Box::new(paddle.with_tolerance(Tolerance::past_only(300))),
        headers,
        key: PADDLE_SECRET.as_bytes().to_vec(),
        prefix: format!("{ts}:").into_bytes(),
        expected,
    });

    let openai = OpenAi::new(SecretSet::new([whsec(&SW_KEY)]).unwrap()).unwrap();
    let headers = openai
        .sign_at(&Message::new(body).with_id(MSG_ID), at)
        .unwrap();
    let expected = b64_tag(
        header(&headers, "webhook-signature")
            .strip_prefix("v1,")
            .unwrap(),
    );
    out.push(Case {
        name: "openai",
        provider: Box::new(openai),
        headers,
        key: SW_KEY.to_vec(),
        prefix: format!("{MSG_ID}.{ts}.").into_bytes(),
        expected,
    });

    let websub = WebSub::new(SecretSet::new([GITHUB_SECRET]).unwrap());
    let headers = websub.sign_at(&Message::new(body), at).unwrap();
    let expected = hex_tag(
        header(&headers, "X-Hub-Signature")
            .strip_prefix("sha256=")
            .unwrap(),
    );
    out.push(Case {
        name: "websub",
        provider: Box::new(websub),
        headers,
        key: GITHUB_SECRET.as_bytes().to_vec(),
        prefix: Vec::new(),
        expected,
    });

    // Numbered headers (DocuSign: one per key; the first present is checked first) and a
    // timestamp read from the body (Linear).
    let docusign = DocuSign::new(SecretSet::new([GITHUB_SECRET]).unwrap());
    let headers = docusign.sign_at(&Message::new(body), at).unwrap();
    let expected = b64_tag(header(&headers, "X-DocuSign-Signature-1"));
    out.push(Case {
        name: "docusign",
        provider: Box::new(docusign),
        headers,
        key: GITHUB_SECRET.as_bytes().to_vec(),
        prefix: Vec::new(),
        expected,
    });

    let linear = Linear::new(SecretSet::new([GITHUB_SECRET]).unwrap());
    let headers = linear.sign_at(&Message::new(body), at).unwrap();
    let expected = hex_tag(header(&headers, "Linear-Signature"));
    out.push(Case {
        name: "linear",
        provider: Box::new(linear),
        headers,
        key: GITHUB_SECRET.as_bytes().to_vec(),
        prefix: Vec::new(),
        expected,
    });

    // Both sides must accept what they are timed on.
    for case in &out {
        assert!(
            hooksign::verify_at(&*case.provider, &case.headers, body, NOW).is_ok(),
            "{} does not verify",
            case.name
        );
        assert!(
            naive(&case.key, &[&case.prefix, body], &case.expected),
            "{} baseline does not verify",
            case.name
        );
    }
    out
}

/// The signed headers as an `http::HeaderMap`, as axum or hyper would hand them over.
#[cfg(feature = "http")]
fn header_map(headers: &SignedHeaders) -> http::HeaderMap {
    let mut map = http::HeaderMap::new();
    for (name, value) in headers.iter() {
        map.append(
            http::HeaderName::from_bytes(name.as_bytes()).expect("signers write valid names"),
            http::HeaderValue::from_str(value).expect("signers write text values"),
        );
    }
    map
}

fn providers(c: &mut Criterion) {
    for (label, len) in SIZES {
        let body = body(len);
        let cases = cases(&body);

        // Each provider's pair is measured back to back (verify, then its baseline), so that on
        // a busy machine both sides of a ratio see the same background load.
        for case in &cases {
            let mut group = c.benchmark_group(format!("verify/{label}"));
            group.throughput(Throughput::Bytes(len as u64));
            group.bench_function(case.name, |b| {
                b.iter(|| {
                    black_box(hooksign::verify_at(
                        black_box(&*case.provider),
                        black_box(&case.headers),
                        black_box(body.as_slice()),
                        black_box(NOW),
                    ))
                })
            });
            group.finish();

            // What a framework receiver passes: an `http::HeaderMap` (names looked up
            // pre-parsed, values checked as text). Only with `--features http`.
            #[cfg(feature = "http")]
            {
                let map = header_map(&case.headers);
                assert!(
                    hooksign::verify_at(&*case.provider, &map, &body, NOW).is_ok(),
                    "{} does not verify from a HeaderMap",
                    case.name
                );
                let mut group = c.benchmark_group(format!("verify_header_map/{label}"));
                group.throughput(Throughput::Bytes(len as u64));
                group.bench_function(case.name, |b| {
                    b.iter(|| {
                        black_box(hooksign::verify_at(
                            black_box(&*case.provider),
                            black_box(&map),
                            black_box(body.as_slice()),
                            black_box(NOW),
                        ))
                    })
                });
                group.finish();
            }

            // The HMAC alone: the provider's key set up once (as hooksign pre-keys it), the
            // same signed bytes, no header, no comparison. Verification's own cost is the
            // difference.
            let keyed = Hmac::<Sha256>::new_from_slice(&case.key).unwrap();
            let mut group = c.benchmark_group(format!("bare_hmac/{label}"));
            group.throughput(Throughput::Bytes(len as u64));
            group.bench_function(case.name, |b| {
                b.iter(|| {
                    let mut mac = black_box(&keyed).clone();
                    mac.update(black_box(&case.prefix));
                    mac.update(black_box(body.as_slice()));
                    black_box(mac.finalize().into_bytes())
                })
            });
            group.finish();

            let mut group = c.benchmark_group(format!("naive_hmac/{label}"));
            group.throughput(Throughput::Bytes(len as u64));
            group.bench_function(case.name, |b| {
                b.iter(|| {
                    black_box(naive(
                        black_box(&case.key),
                        &[black_box(&case.prefix), black_box(body.as_slice())],
                        black_box(&case.expected),
                    ))
                })
            });
            group.finish();
        }
    }
}

fn rotation(c: &mut Criterion) {
    const LEN: usize = 1024;
    let body = body(LEN);
    let at = UnixTime::from_secs(SIGNED_AT);
    let secret = |i: usize| format!("whsec_rotation_secret_number_{i}");

    // s secrets, the matching one last: the verifier computes s HMACs.
    let mut group = c.benchmark_group("rotation/secrets");
    group.throughput(Throughput::Bytes(LEN as u64));
    for n in [1usize, 2, 4] {
        let signer = Stripe::new(SecretSet::new([secret(n - 1)]).unwrap());
        let headers = signer.sign_at(&Message::new(&body), at).unwrap();
        let verifier = Stripe::new(SecretSet::new((0..n).map(secret)).unwrap());
        let verified = hooksign::verify_at(&verifier, &headers, &body, NOW).unwrap();
        assert_eq!(verified.secret_index(), n - 1);
        group.bench_function(n.to_string(), |b| {
            b.iter(|| {
                black_box(hooksign::verify_at(
                    black_box(&verifier),
                    black_box(&headers),
                    black_box(body.as_slice()),
                    black_box(NOW),
                ))
            })
        });
    }
    group.finish();

    // One secret, k `v1=` entries (as Stripe sends while rolling), the matching one last:
    // still one HMAC, k decodes and k constant-time comparisons.
    let mut group = c.benchmark_group("rotation/signatures");
    group.throughput(Throughput::Bytes(LEN as u64));
    for k in [1usize, 2, 4] {
        let signer =
            Stripe::new(SecretSet::new((0..k).map(secret)).unwrap()).with_all_secrets_signing();
        let headers = signer.sign_at(&Message::new(&body), at).unwrap();
        assert_eq!(
            header(&headers, "Stripe-Signature").matches(",v1=").count(),
            k
        );
        let verifier = Stripe::new(SecretSet::new([secret(k - 1)]).unwrap());
        hooksign::verify_at(&verifier, &headers, &body, NOW).unwrap();
        group.bench_function(k.to_string(), |b| {
            b.iter(|| {
                black_box(hooksign::verify_at(
                    black_box(&verifier),
                    black_box(&headers),
                    black_box(body.as_slice()),
                    black_box(NOW),
                ))
            })
        });
    }
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(40)
}

criterion_group! {
    name = benches;
    config = config();
    targets = providers, rotation
}
criterion_main!(benches);
