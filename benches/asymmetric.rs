//! Verification cost of the public-key providers (features `ed25519`, `p256`).
//!
//! Groups (run with `cargo bench --bench asymmetric --features ed25519,p256`):
//!
//! - `asymmetric/{1KiB,64KiB}/<provider>`: `hooksign::verify_at` on headers made by the
//!   provider's own signer (its private key), one public key, at a fixed clock inside the window.
//! - `asymmetric_rotation/keys/{1,2,4}`: Discord, 1 KiB, a key set whose *last* key matches
//!   (worst case: one Ed25519 verification per key).
//!
//! Settings are sized for a small (2-core) machine: 1 s warm-up, 3 s measurement, 40 samples.
#![allow(
    clippy::unwrap_used,
    reason = "a failed step fails the benchmark or test loudly"
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use hooksign::{AnyProvider, Message, SecretSet, Sign, UnixTime};

/// Private key (signs), public key (verifies), another public key: tools/vectors/asym/gen.mjs.
const KEYS: &[(&str, [&str; 3])] = &[
    #[cfg(feature = "ed25519")]
    (
        "discord",
        [
            "061739dfe8151d06ed898efa223de5ceaa8a86839818277c5b46cde27a757031eb8eebeca8d576728ffdea9b2cad88c1cb50912a6201602fa8886f9904d62f18",
            "eb8eebeca8d576728ffdea9b2cad88c1cb50912a6201602fa8886f9904d62f18",
            "d5187ee555e17fa608b7b21d86bcc63987a60ea0fdbd55aa92cd22f4bb36f37c",
        ],
    ),
    #[cfg(feature = "ed25519")]
    (
        "telnyx",
        [
            "vHoUSfAssz7wx5MaEjbpuLUTrdcFwqv7yf4S1TnRHqJEkdJzHBuvG48ZTOGgA9wXaiQ4eLXPhaCKy7sk6SMqXA==",
            "RJHScxwbrxuPGUzhoAPcF2okOHi1z4Wgisu7JOkjKlw=",
            "0IauDBt63cAVJZ3X8ySqBln8sVc40kt2Kfoktgc4cVY=",
        ],
    ),
    #[cfg(feature = "ed25519")]
    (
        "standard-webhooks-v1a",
        [
            "whsk_8ObO7bfuer4FeB78VGUYeXrW1D/Sv66YK7QFE8wNqi/5LQgdORBJ6dU4BN3Tkx53IiYh/i8+FKfGjtVxk/qTIQ==",
            "whpk_+S0IHTkQSenVOATd05MedyImIf4vPhSnxo7VcZP6kyE=",
            "whpk_J8vFqTCkYKTh3CAMsU5GjCgwFe8eUQTmDVG/2tVVDJI=",
        ],
    ),
    #[cfg(feature = "p256")]
    (
        "sendgrid",
        [
            "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgfsQBwvNgNt5VrBnC9rc+hJBCPCAaD07NCR2lHqe9D3qhRANCAARsPNZdpg22CB4jqjI+SunKHIDIjE7jL/D8jcmYB54hjyJZgcbxuqoGB/SQdfPJI3C5jCzk7tPjRuj9QuE8yu9H",
            "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEbDzWXaYNtggeI6oyPkrpyhyAyIxO4y/w/I3JmAeeIY8iWYHG8bqqBgf0kHXzySNwuYws5O7T40bo/ULhPMrvRw==",
            "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEO6WKbNag8LaSBIbhTFvfchXhOWL40oiBOY4YEbs8xETixFi6YbylLy28lFVhZ4REaiGL4WWRWBar3ex94ob1MQ==",
        ],
    ),
];

const NOW: UnixTime = UnixTime::from_secs(1_733_000_000);

fn signed(id: &str, private: &str, body: &[u8]) -> Vec<(String, String)> {
    let sender = AnyProvider::from_id(id, SecretSet::new([private]).unwrap()).unwrap();
    let headers = sender
        .sign_at(
            &Message::new(body).with_id("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"),
            NOW,
        )
        .unwrap();
    headers
        .iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

fn verify(c: &mut Criterion) {
    for (label, size) in [("1KiB", 1024), ("64KiB", 64 * 1024)] {
        let body = vec![b'x'; size];
        let mut group = c.benchmark_group(format!("asymmetric/{label}"));
        group.throughput(Throughput::Bytes(size as u64));
        for (id, [private, public, _]) in KEYS {
            let headers = signed(id, private, &body);
            let receiver = AnyProvider::from_id(id, SecretSet::new([*public]).unwrap()).unwrap();
            group.bench_function(*id, |b| {
                b.iter(|| {
                    hooksign::verify_at(&receiver, black_box(&headers), black_box(&body), NOW)
                        .unwrap()
                });
            });
        }
        group.finish();
    }
}

fn rotation(c: &mut Criterion) {
    let Some((id, [private, public, other])) = KEYS.first() else {
        return;
    };
    let body = vec![b'x'; 1024];
    let headers = signed(id, private, &body);
    let mut group = c.benchmark_group("asymmetric_rotation/keys");
    for n in [1usize, 2, 4] {
        let mut keys = vec![*other; n - 1];
        keys.push(public);
        let receiver = AnyProvider::from_id(id, SecretSet::new(keys).unwrap()).unwrap();
        group.bench_function(n.to_string(), |b| {
            b.iter(|| {
                hooksign::verify_at(&receiver, black_box(&headers), black_box(&body), NOW).unwrap()
            });
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(40);
    targets = verify, rotation
}
criterion_main!(benches);
