//! Svix: Standard Webhooks on `svix-id`, `svix-timestamp`, `svix-signature`, each falling back
//! to its `webhook-*` counterpart when absent.
//!
//! Input: the delivery format of `hooksign_fuzz` (`@now`, `Name:value` lines, blank line, body).
//! Invariants:
//! - verify never panics and agrees with a reference model: each header is picked header by
//!   header (`svix-*` if present, else `webhook-*`; a present but unusable `svix-*` does not
//!   fall back), the three values are non-empty (empty counts as missing), and the Standard
//!   Webhooks verdict
//!   (`standard_webhooks_model`) follows;
//! - the common outcome checks; id, timestamp and idempotency key (`svix:<id>`);
//! - sign→verify round-trips (with the fuzzed id when signable), a flipped body byte fails, and
//!   renaming the signed `svix-*` headers to `webhook-*` still verifies.
#![no_main]

use std::sync::LazyLock;

use hooksign::scheme::Algorithm;
use hooksign::{Message, Sign, Svix};
use hooksign_fuzz::*;
use libfuzzer_sys::fuzz_target;

const SECRETS: &[&str] = &[
    "whsec_HCk2Q1BdaneEkZ6ruMXS3+z5BhMgLTpHVGFue4iVoq8=",
    "whsec_IzA9SldkcX6LmKWyv8zZ5vMADRonNEFOW2h1go+cqbY=",
    "whsec_KjdEUV5reIWSn6y5xtPg7foHFCEuO0hVYm98iZajsL0=",
    "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
];

struct Fixture {
    svix: Svix,
    keys: RefKeys,
}

static FX: LazyLock<Fixture> = LazyLock::new(|| {
    let keys: Vec<Vec<u8>> = SECRETS.iter().map(|s| whsec_key(s)).collect();
    Fixture {
        svix: Svix::new(labelled(SECRETS)).expect("fixture secrets"),
        keys: RefKeys::new(Algorithm::Sha256, &keys),
    }
});

/// `svix-*` if present (usable or not), else `webhook-*`.
fn pick<'a>(d: &'a Delivery<'_>, name: &str) -> Lookup<'a> {
    match d.lookup(&format!("svix-{name}")) {
        Lookup::Absent => d.lookup(&format!("webhook-{name}")),
        found => found,
    }
}

fuzz_target!(|data: &[u8]| {
    let fx = &*FX;
    let d = Delivery::parse(data);
    let headers = (pick(&d, "id"), pick(&d, "timestamp"), pick(&d, "signature"));
    let (model, expected) = match headers {
        (Lookup::One(id), Lookup::One(ts), Lookup::One(sig))
            if !id.is_empty() && !ts.is_empty() && !sig.is_empty() =>
        {
            standard_webhooks_model(&fx.keys, id, ts, sig, d.body, d.now)
        }
        _ => (Model::Reject, Vec::new()),
    };
    let forbidden = Forbidden {
        secrets: SECRETS,
        expected,
        input: data,
    };

    let result = hooksign::verify_at(&fx.svix, &d.headers, d.body, d.now);
    check_outcome(&result, Svix::ID, SECRETS.len(), d.body, &forbidden);
    trace(&result);
    check_model(&result, model, &d);
    if let (Ok(v), (Lookup::One(id), Lookup::One(ts), _)) = (&result, headers) {
        check_standard_webhooks_ok(v, Svix::ID, id, ts);
    }

    // Round trip with the fuzzed id when it is signable.
    let id = match headers.0 {
        Lookup::One(id) => signable_id(Some(id)),
        _ => signable_id(None),
    };
    let signed = fx.svix.sign_at(&Message::new(d.body).with_id(id), d.now).expect("signable id");
    let v = hooksign::verify_at(&fx.svix, &signed, d.body, d.now).expect("round trip");
    assert_eq!((v.secret_index(), v.id()), (0, Some(id)));
    assert_mismatch(hooksign::verify_at(
        &fx.svix,
        &signed,
        &tampered(d.body, d.now.as_millis()),
        d.now,
    ));
    let renamed: Vec<(String, &str)> = signed
        .iter()
        .map(|(k, v)| (k.replacen("svix-", "webhook-", 1), v))
        .collect();
    let v = hooksign::verify_at(&fx.svix, &renamed, d.body, d.now).expect("webhook-* fallback");
    assert_eq!(v.id(), Some(id));
});
