//! Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=…]` over `"{t}.{body}"`.
//!
//! Input: the delivery format of `hooksign_fuzz` (`@now`, `Name:value` lines, blank line, body).
//! Invariants:
//! - verify never panics and agrees with a reference model of the SDKs: `t=` elements
//!   (repeats must agree, none without `=`) holding a plain integer, at most `MAX_SIGNATURES` `v1=` elements, one of which is
//!   exactly the lower-case hex HMAC of `"{t}.{body}"` (canonical `t`) under some secret; the
//!   first matching secret is reported; then 300 s in the past (none in the future);
//! - a `Tolerance::unchecked()` verifier accepts whatever the default one accepts or rejects
//!   only for time, with the same secret (the time check comes after the signature);
//! - the common outcome checks, and the signed timestamp is reported;
//! - sign→verify round-trips (primary signs; signing with every secret is verified by a
//!   verifier holding the secrets in reverse order), a flipped body byte fails, 301 s later is
//!   too old, any time earlier still passes (past-only window).
#![no_main]

use std::sync::LazyLock;

use hooksign::scheme::Algorithm;
use hooksign::scheme::list::KeyValues;
use hooksign::{ErrorKind, Message, Sign, Stripe, Tolerance, UnixTime};
use hooksign_fuzz::*;
use libfuzzer_sys::fuzz_target;

const SECRETS: &[&str] = &[
    "whsec_hooksignStripeTestSecret0001",
    "whsec_hooksignStripeTestSecret0002",
    "whsec_hooksignStripeTestSecret0003",
    "webhook_secret",
];

struct Fixture {
    stripe: Stripe,
    unchecked: Stripe,
    all: Stripe,
    reversed: Stripe,
    keys: RefKeys,
}

static FX: LazyLock<Fixture> = LazyLock::new(|| {
    let keys: Vec<Vec<u8>> = SECRETS.iter().map(|s| s.as_bytes().to_vec()).collect();
    let reversed: Vec<&str> = SECRETS.iter().rev().copied().collect();
    let stripe = Stripe::new(labelled(SECRETS));
    Fixture {
        unchecked: stripe.clone().with_tolerance(Tolerance::unchecked()),
        all: stripe.clone().with_all_secrets_signing(),
        stripe,
        reversed: Stripe::new(labelled(&reversed)),
        keys: RefKeys::new(Algorithm::Sha256, &keys),
    }
});

fn model(d: &Delivery<'_>, keys: &RefKeys) -> (Model, Option<u64>) {
    let Lookup::One(value) = d.lookup("Stripe-Signature") else {
        return (Model::Reject, None);
    };
    let elements: Vec<(&str, Option<&str>)> = value
        .split(',')
        .map(|e| match e.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (e, None),
        })
        .collect();
    // Every `t` element must be `t=<same value>`.
    let ts: Vec<Option<&str>> = elements.iter().filter(|(k, _)| *k == "t").map(|(_, v)| *v).collect();
    let Some(Some(t)) = ts.first().copied() else {
        return (Model::Reject, None);
    };
    if ts.iter().any(|x| *x != Some(t)) {
        return (Model::Reject, None);
    }
    let Some(t) = strict_unix(t) else {
        return (Model::Reject, None);
    };
    let v1: Vec<&str> = elements
        .iter()
        .filter(|(k, _)| *k == "v1")
        .filter_map(|(_, v)| *v)
        .collect();
    if v1.len() > MAX_SIGNATURES {
        return (Model::Reject, Some(t));
    }
    let canonical = t.to_string();
    let expected = keys.hex(&[canonical.as_bytes(), b".", d.body]);
    let index = expected.iter().position(|e| v1.contains(&e.as_str()));
    (with_window(index, window(t, d.now, Some(300), None)), Some(t))
}

fuzz_target!(|data: &[u8]| {
    let fx = &*FX;
    let d = Delivery::parse(data);
    let (model, t) = model(&d, &fx.keys);
    let mut expected = Vec::new();
    if let Some(t) = t {
        let t = t.to_string();
        expected = fx.keys.hex(&[t.as_bytes(), b".", d.body]);
    }
    let forbidden = Forbidden {
        secrets: SECRETS,
        expected,
        input: data,
    };

    let result = hooksign::verify_at(&fx.stripe, &d.headers, d.body, d.now);
    check_outcome(&result, Stripe::ID, SECRETS.len(), d.body, &forbidden);
    trace(&result);
    check_model(&result, model, &d);
    if let Ok(v) = &result {
        assert_eq!(v.timestamp().map(UnixTime::as_secs), t);
        assert!(v.id().is_none());
    }
    let unchecked = hooksign::verify_at(&fx.unchecked, &d.headers, d.body, d.now);
    check_outcome(&unchecked, Stripe::ID, SECRETS.len(), d.body, &forbidden);
    match (&result, &unchecked) {
        (Ok(a), Ok(b)) => assert_eq!(a.secret_index(), b.secret_index()),
        (Err(e), Ok(_)) => assert!(matches!(
            e.kind(),
            ErrorKind::TimestampTooOld | ErrorKind::TimestampTooNew
        )),
        (Err(a), Err(b)) => assert_eq!(a, b),
        (Ok(_), Err(e)) => panic!("accepted with a window, rejected without: {e:?}"),
    }

    // The header parser the verifier uses, on the fuzzed header: values are within elements.
    if let Lookup::One(value) = d.lookup("Stripe-Signature") {
        let kv = KeyValues::new(value, ',');
        assert_eq!(kv.iter().count(), value.split(',').count());
    }

    // Round trip at the fuzz clock.
    let message = Message::new(d.body);
    let signed = fx.stripe.sign_at(&message, d.now).expect("Stripe signing cannot fail");
    let header = signed.get("Stripe-Signature").expect("signed header");
    assert!(header.starts_with(&format!("t={},v1=", d.now.as_secs())));
    let v = hooksign::verify_at(&fx.stripe, &signed, d.body, d.now).expect("round trip");
    assert_eq!(v.secret_index(), 0);
    assert_eq!(v.timestamp().map(UnixTime::as_secs), Some(d.now.as_secs()));
    let later = UnixTime::from_millis(d.now.as_secs().saturating_mul(1000).saturating_add(301_000));
    if later.as_secs() >= d.now.as_secs() + 301 {
        let e = hooksign::verify_at(&fx.stripe, &signed, d.body, later).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::TimestampTooOld);
    }
    let earlier = UnixTime::from_secs(d.now.as_secs() / 2);
    assert!(hooksign::verify_at(&fx.stripe, &signed, d.body, earlier).is_ok());
    assert_mismatch(hooksign::verify_at(
        &fx.stripe,
        &signed,
        &tampered(d.body, d.now.as_millis()),
        d.now,
    ));
    // Rotation: one v1 per secret, primary first; the reversed set matches at its index 0.
    let all = fx.all.sign_at(&message, d.now).unwrap();
    let header = all.get("Stripe-Signature").unwrap();
    assert_eq!(header.matches(",v1=").count(), SECRETS.len());
    let v = hooksign::verify_at(&fx.reversed, &all, d.body, d.now).expect("rotation round trip");
    assert_eq!(v.secret_index(), 0);
    let v = hooksign::verify_at(&fx.reversed, &signed, d.body, d.now).expect("old primary");
    assert_eq!(v.secret_index(), SECRETS.len() - 1);
});
