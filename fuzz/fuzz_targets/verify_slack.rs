//! Slack: `X-Slack-Signature: v0=<hex>` over `v0:{X-Slack-Request-Timestamp}:{body}`.
//!
//! Input: the delivery format of `hooksign_fuzz` (`@now`, `Name:value` lines, blank line, body).
//! Invariants:
//! - verify never panics and agrees with a reference model of `slack_sdk`: the timestamp header
//!   is a plain integer, the signature header is exactly `v0=` + lower-case hex of the HMAC of
//!   `v0:{timestamp as sent}:{body}` under some secret (first match reported); the 300 s
//!   window (either way) is checked once the signature is well-formed, before comparing;
//! - the common outcome checks, and the signed timestamp is reported;
//! - sign→verify round-trips, a flipped body byte fails, ±301 s is refused for time.
#![no_main]

use std::sync::LazyLock;

use hooksign::scheme::Algorithm;
use hooksign::{ErrorKind, Message, Sign, Slack, UnixTime};
use hooksign_fuzz::*;
use libfuzzer_sys::fuzz_target;

const SECRETS: &[&str] = &[
    "hooksign0slack0signing0secret001",
    "hooksign0slack0signing0secret002",
    "hooksign0slack0signing0secret003",
    "8f742231b10e8888abcd99yyyzzz85a5",
];

struct Fixture {
    slack: Slack,
    keys: RefKeys,
}

static FX: LazyLock<Fixture> = LazyLock::new(|| {
    let keys: Vec<Vec<u8>> = SECRETS.iter().map(|s| s.as_bytes().to_vec()).collect();
    Fixture {
        slack: Slack::new(labelled(SECRETS)),
        keys: RefKeys::new(Algorithm::Sha256, &keys),
    }
});

fuzz_target!(|data: &[u8]| {
    let fx = &*FX;
    let d = Delivery::parse(data);
    let ts = match d.lookup("X-Slack-Request-Timestamp") {
        Lookup::One(text) => strict_unix(text).map(|t| (t, text)),
        _ => None,
    };
    let expected = match ts {
        Some((_, text)) => fx.keys.hex(&[b"v0:", text.as_bytes(), b":", d.body]),
        None => Vec::new(),
    };
    // slack_sdk's order: a well-formed signature, then the window, then the comparison.
    let well_formed = |hex: &str| {
        hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    let model = match (d.lookup("X-Slack-Signature"), ts) {
        (Lookup::One(sig), Some((t, _))) => match sig.strip_prefix("v0=") {
            Some(hex) if well_formed(hex) => match window(t, d.now, Some(300), Some(300)) {
                Model::Ok(_) => with_window(expected.iter().position(|e| e == hex), Model::Ok(0)),
                time => time,
            },
            _ => Model::Reject,
        },
        _ => Model::Reject,
    };
    let forbidden = Forbidden {
        secrets: SECRETS,
        expected: expected.clone(),
        input: data,
    };

    let result = hooksign::verify_at(&fx.slack, &d.headers, d.body, d.now);
    check_outcome(&result, Slack::ID, SECRETS.len(), d.body, &forbidden);
    trace(&result);
    check_model(&result, model, &d);
    if let Ok(v) = &result {
        assert_eq!(v.timestamp().map(UnixTime::as_secs), ts.map(|(t, _)| t));
        assert!(v.id().is_none());
    }

    // Round trip at the fuzz clock.
    let signed = fx.slack.sign_at(&Message::new(d.body), d.now).expect("Slack signing cannot fail");
    let v = hooksign::verify_at(&fx.slack, &signed, d.body, d.now).expect("round trip");
    assert_eq!(v.secret_index(), 0);
    assert_eq!(v.timestamp().map(UnixTime::as_secs), Some(d.now.as_secs()));
    assert_mismatch(hooksign::verify_at(
        &fx.slack,
        &signed,
        &tampered(d.body, d.now.as_millis()),
        d.now,
    ));
    let secs = d.now.as_secs();
    if secs >= 301 && secs < u64::MAX / 1000 - 301 {
        let e = hooksign::verify_at(&fx.slack, &signed, d.body, UnixTime::from_secs(secs + 301))
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::TimestampTooOld);
        let e = hooksign::verify_at(&fx.slack, &signed, d.body, UnixTime::from_secs(secs - 301))
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::TimestampTooNew);
        assert!(hooksign::verify_at(&fx.slack, &signed, d.body, UnixTime::from_secs(secs + 300)).is_ok());
    }
});
