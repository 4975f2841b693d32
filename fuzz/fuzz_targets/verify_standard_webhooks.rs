//! Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<b64> …`.
//!
//! Input: the delivery format of `hooksign_fuzz` (`@now`, `Name:value` lines, blank line, body).
//! Invariants:
//! - verify never panics and agrees with a reference model of the reference libraries
//!   (`standard_webhooks_model`): the three headers non-empty (empty counts as missing), leniently parsed timestamp within 300 s either
//!   way (checked first), then one `v1,` entry (before the first malformed entry) equal to the
//!   canonical base64 HMAC of `{id}.{t}.{body}` under one of the secrets (keys decoded from
//!   `whsec_…` independently here), first match reported;
//! - `Svix` agrees with it on deliveries carrying only `webhook-*` headers (same verdict kind,
//!   same secret, timestamp and id);
//! - the common outcome checks; id, timestamp and idempotency key are the headers';
//! - sign→verify round-trips (with the fuzzed id when signable), a flipped body byte fails,
//!   signing with every secret is verified by a verifier holding them in reverse order.
#![no_main]

use std::sync::LazyLock;

use hooksign::scheme::Algorithm;
use hooksign::{Message, Sign, StandardWebhooks, Svix};
use hooksign_fuzz::*;
use libfuzzer_sys::fuzz_target;

const SECRETS: &[&str] = &[
    "whsec_BxQhLjtIVWJvfImWo7C9ytfk8f4LGCUyP0xZZnOAjZo=",
    "whsec_DhsoNUJPXGl2g5CdqrfE0d7r+AUSHyw5RlNgbXqHlKE=",
    "whsec_FSIvPElWY3B9ipeksb7L2OXy/wwZJjNATVpndIGOm6g=",
    "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
];

struct Fixture {
    provider: StandardWebhooks,
    svix: Svix,
    all: StandardWebhooks,
    reversed: StandardWebhooks,
    keys: RefKeys,
}

static FX: LazyLock<Fixture> = LazyLock::new(|| {
    let keys: Vec<Vec<u8>> = SECRETS.iter().map(|s| whsec_key(s)).collect();
    let reversed: Vec<&str> = SECRETS.iter().rev().copied().collect();
    let provider = StandardWebhooks::new(labelled(SECRETS)).expect("fixture secrets");
    Fixture {
        svix: Svix::new(labelled(SECRETS)).expect("fixture secrets"),
        all: provider.clone().with_all_secrets_signing(),
        provider,
        reversed: StandardWebhooks::new(labelled(&reversed)).unwrap(),
        keys: RefKeys::new(Algorithm::Sha256, &keys),
    }
});

fuzz_target!(|data: &[u8]| {
    let fx = &*FX;
    let d = Delivery::parse(data);
    let headers = (
        d.lookup("webhook-id"),
        d.lookup("webhook-timestamp"),
        d.lookup("webhook-signature"),
    );
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

    let result = hooksign::verify_at(&fx.provider, &d.headers, d.body, d.now);
    check_outcome(&result, StandardWebhooks::ID, SECRETS.len(), d.body, &forbidden);
    trace(&result);
    check_model(&result, model, &d);
    if let (Ok(v), (Lookup::One(id), Lookup::One(ts), _)) = (&result, headers) {
        check_standard_webhooks_ok(v, StandardWebhooks::ID, id, ts);
    }

    // Svix reads webhook-* when its own headers are absent: same verdict.
    let has_svix = d
        .headers
        .iter()
        .any(|(k, _)| k.len() >= 5 && k.as_bytes()[..5].eq_ignore_ascii_case(b"svix-"));
    if !has_svix {
        let svix = hooksign::verify_at(&fx.svix, &d.headers, d.body, d.now);
        check_outcome(&svix, Svix::ID, SECRETS.len(), d.body, &forbidden);
        match (&result, &svix) {
            (Ok(a), Ok(b)) => {
                assert_eq!(
                    (a.secret_index(), a.timestamp(), a.id()),
                    (b.secret_index(), b.timestamp(), b.id())
                );
            }
            (Err(a), Err(b)) => assert_eq!(a.kind(), b.kind(), "{a:?} vs {b:?}"),
            _ => panic!("Standard Webhooks and Svix disagree: {result:?} vs {svix:?}"),
        }
    }

    // Round trip with the fuzzed id when it is signable.
    let id = match headers.0 {
        Lookup::One(id) => signable_id(Some(id)),
        _ => signable_id(None),
    };
    let message = Message::new(d.body).with_id(id);
    let signed = fx.provider.sign_at(&message, d.now).expect("signable id");
    let v = hooksign::verify_at(&fx.provider, &signed, d.body, d.now).expect("round trip");
    assert_eq!((v.secret_index(), v.id()), (0, Some(id)));
    assert_mismatch(hooksign::verify_at(
        &fx.provider,
        &signed,
        &tampered(d.body, d.now.as_millis()),
        d.now,
    ));
    let all = fx.all.sign_at(&message, d.now).unwrap();
    assert_eq!(all.get("webhook-signature").unwrap().split(' ').count(), SECRETS.len());
    let v = hooksign::verify_at(&fx.reversed, &all, d.body, d.now).expect("rotation");
    assert_eq!(v.secret_index(), 0);
    let v = hooksign::verify_at(&fx.reversed, &signed, d.body, d.now).expect("old primary");
    assert_eq!(v.secret_index(), SECRETS.len() - 1);
    // Ids the spec forbids are refused by the signer.
    assert!(fx.provider.sign_at(&Message::new(d.body).with_id("a.b"), d.now).is_err());
});
