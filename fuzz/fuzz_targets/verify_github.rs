//! GitHub: `X-Hub-Signature-256` (and the legacy `X-Hub-Signature` with `allow_legacy_sha1`).
//!
//! Input: the delivery format of `hooksign_fuzz` (`@now`, `Name:value` lines, blank line, body).
//! Invariants:
//! - both verifiers (SHA-256 only, and with legacy SHA-1) never panic and agree with a
//!   reference model: accepted iff the header is exactly `sha256=<lower hex>` of the HMAC of the
//!   body under one of the secrets (octokit's string comparison), the first matching secret is
//!   the one reported, the SHA-1 header is only looked at when the SHA-256 one is absent, and a
//!   conflicting or over-long delivery/event header is refused;
//! - a SHA-256 acceptance is also a legacy acceptance, with the same secret;
//! - the common outcome checks (`check_outcome`), the id, event type and idempotency key;
//! - sign→verify of the fuzz body round-trips, and one flipped body byte fails.
#![no_main]

use std::sync::LazyLock;

use hooksign::scheme::Algorithm;
use hooksign::{GitHub, Message, Sign, Verify};
use hooksign_fuzz::*;
use libfuzzer_sys::fuzz_target;

const SECRETS: &[&str] = &[
    "hooksign-github-secret-0001",
    "hooksign-github-secret-0002",
    "hooksign-github-secret-0003",
    "It's a Secret to Everybody",
    "mysecret",
    "development",
    "foo",
];

struct Fixture {
    plain: GitHub,
    legacy: GitHub,
    sha256: RefKeys,
    sha1: RefKeys,
}

static FX: LazyLock<Fixture> = LazyLock::new(|| {
    let keys: Vec<Vec<u8>> = SECRETS.iter().map(|s| s.as_bytes().to_vec()).collect();
    let plain = GitHub::new(labelled(SECRETS));
    let legacy = plain.clone().with_legacy_sha1();
    let fx = Fixture {
        plain,
        legacy,
        sha256: RefKeys::new(Algorithm::Sha256, &keys),
        sha1: RefKeys::new(Algorithm::Sha1, &keys),
    };
    for s in SECRETS {
        assert!(!format!("{:?}", fx.legacy).contains(s), "provider Debug leaks a secret");
    }
    fx
});

fn model(d: &Delivery<'_>, legacy: bool, sha256: &[String], sha1: &[String]) -> Model {
    let matched = |header: &str, prefix: &str, expected: &[String]| match d.lookup(header) {
        Lookup::One(v) => v
            .strip_prefix(prefix)
            .and_then(|hex| expected.iter().position(|e| e == hex)),
        _ => None,
    };
    let index = match d.lookup("X-Hub-Signature-256") {
        Lookup::Absent if legacy => matched("X-Hub-Signature", "sha1=", sha1),
        _ => matched("X-Hub-Signature-256", "sha256=", sha256),
    };
    let meta_ok = ["X-GitHub-Delivery", "X-GitHub-Event"]
        .iter()
        .all(|h| d.lookup(h) != Lookup::Unusable);
    if meta_ok {
        with_window(index, Model::Ok(0))
    } else {
        Model::Reject
    }
}

fuzz_target!(|data: &[u8]| {
    let fx = &*FX;
    let d = Delivery::parse(data);
    let sha256 = fx.sha256.hex(&[d.body]);
    let sha1 = fx.sha1.hex(&[d.body]);
    let forbidden = Forbidden {
        secrets: SECRETS,
        expected: sha256.iter().chain(&sha1).cloned().collect(),
        input: data,
    };

    let plain = hooksign::verify_at(&fx.plain, &d.headers, d.body, d.now);
    let legacy = fx.legacy.verify_at(&hooksign::Delivery::new(&d.headers, d.body), d.now);
    for r in [&plain, &legacy] {
        check_outcome(r, GitHub::ID, SECRETS.len(), d.body, &forbidden);
        if let Ok(v) = r {
            assert!(v.timestamp().is_none());
            let delivery = match d.lookup("X-GitHub-Delivery") {
                Lookup::One(id) => Some(id),
                _ => None,
            };
            assert_eq!(v.id(), delivery);
            assert_eq!(
                v.idempotency_key().map(|k| k.into_string()),
                delivery.map(|id| format!("github:{id}"))
            );
            if let Lookup::One(event) = d.lookup("X-GitHub-Event") {
                assert_eq!(v.event_type().as_deref(), Some(event));
            }
        }
    }
    trace(&legacy);
    check_model(&plain, model(&d, false, &sha256, &sha1), &d);
    check_model(&legacy, model(&d, true, &sha256, &sha1), &d);
    if let Ok(v) = &plain {
        assert_eq!(legacy.as_ref().map(|l| l.secret_index()).ok(), Some(v.secret_index()));
    }

    // Round trip: sign (both headers) and verify; a flipped byte fails both algorithms.
    let id = "72d3162e-cc78-11e3-81ab-4c9367dc0958";
    let message = Message::new(d.body).with_id(id).with_event_type("push");
    let signed = fx.legacy.sign_at(&message, d.now).expect("GitHub signing cannot fail");
    let v = hooksign::verify_at(&fx.plain, &signed, d.body, d.now).expect("round trip");
    assert_eq!((v.secret_index(), v.id()), (0, Some(id)));
    assert_eq!(v.event_type().as_deref(), Some("push"));
    let sha1_only: Vec<(&str, &str)> = signed
        .iter()
        .filter(|(k, _)| !k.eq_ignore_ascii_case("X-Hub-Signature-256"))
        .collect();
    let v = hooksign::verify_at(&fx.legacy, &sha1_only, d.body, d.now).expect("sha1 round trip");
    assert_eq!(v.secret_index(), 0);
    assert!(hooksign::verify_at(&fx.plain, &sha1_only, d.body, d.now).is_err());
    let bad = tampered(d.body, d.now.as_millis());
    assert_mismatch(hooksign::verify_at(&fx.plain, &signed, &bad, d.now));
    assert_mismatch(hooksign::verify_at(&fx.legacy, &sha1_only, &bad, d.now));
});
