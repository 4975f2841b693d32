//! Shopify: `X-Shopify-Hmac-Sha256: <base64>` over the body (or the `shopify-*` Events family).
//!
//! Input: the delivery format of `hooksign_fuzz` (`@now`, `Name:value` lines, blank line, body).
//! Invariants:
//! - verify never panics and agrees with a reference model of `@shopify/shopify-api`: the
//!   Events family wins when `shopify-hmac-sha256` is present; the HMAC header is exactly the
//!   canonical base64 HMAC of the body under some secret (first match reported); the family's
//!   metadata headers are present, single and non-empty. Without metadata checking
//!   (`require_metadata_headers(false)`) only the HMAC and a usable id/topic count;
//! - the common outcome checks; id, topic and idempotency key come from the family's headers;
//! - sign→verify round-trips, a flipped body byte fails.
#![no_main]
#![forbid(unsafe_code)]

use std::sync::LazyLock;

use hooksign::provider::spec::Algorithm;
use hooksign::{Message, Shopify, Sign};
use hooksign_fuzz::*;
use libfuzzer_sys::fuzz_target;

const SECRETS: &[&str] = &[
    "hooksign_shopify_client_secret_0001",
    "hooksign_shopify_client_secret_0002",
    "hooksign_shopify_client_secret_0003",
];

struct Family {
    hmac: &'static str,
    id: &'static str,
    topic: &'static str,
    required: &'static [&'static str],
}

const WEBHOOKS: Family = Family {
    hmac: "X-Shopify-Hmac-Sha256",
    id: "X-Shopify-Webhook-Id",
    topic: "X-Shopify-Topic",
    required: &[
        "X-Shopify-Topic",
        "X-Shopify-Shop-Domain",
        "X-Shopify-API-Version",
        "X-Shopify-Webhook-Id",
    ],
};
const EVENTS: Family = Family {
    hmac: "shopify-hmac-sha256",
    id: "shopify-webhook-id",
    topic: "shopify-topic",
    required: &[
        "shopify-topic",
        "shopify-shop-domain",
        "shopify-api-version",
        "shopify-webhook-id",
        "shopify-event-id",
    ],
};

struct Fixture {
    strict: Shopify,
    lax: Shopify,
    keys: RefKeys,
}

static FX: LazyLock<Fixture> = LazyLock::new(|| {
    let keys: Vec<Vec<u8>> = SECRETS.iter().map(|s| s.as_bytes().to_vec()).collect();
    let strict = Shopify::new(labelled(SECRETS));
    Fixture {
        lax: strict.clone().without_metadata_headers(),
        strict,
        keys: RefKeys::new(Algorithm::Sha256, &keys),
    }
});

fn family(d: &Delivery<'_>) -> Option<&'static Family> {
    match d.lookup(EVENTS.hmac) {
        Lookup::Absent => Some(&WEBHOOKS),
        Lookup::One(_) => Some(&EVENTS),
        Lookup::Unusable => None,
    }
}

fn model(d: &Delivery<'_>, expected: &[String], strict: bool) -> Model {
    let Some(f) = family(d) else {
        return Model::Reject;
    };
    let index = match d.lookup(f.hmac) {
        Lookup::One(v) => expected.iter().position(|e| e == v),
        _ => None,
    };
    let meta_ok = if strict {
        f.required
            .iter()
            .all(|h| matches!(d.lookup(h), Lookup::One(v) if !v.is_empty()))
    } else {
        [f.id, f.topic]
            .iter()
            .all(|h| d.lookup(h) != Lookup::Unusable)
    };
    if meta_ok {
        with_window(index, Model::Ok(0))
    } else {
        Model::Reject
    }
}

fuzz_target!(|data: &[u8]| {
    let fx = &*FX;
    let d = Delivery::parse(data);
    let expected = fx.keys.base64(&[d.body]);
    let forbidden = Forbidden {
        secrets: SECRETS,
        expected: expected.clone(),
        input: data,
    };
    for (provider, strict) in [(&fx.strict, true), (&fx.lax, false)] {
        let result = hooksign::verify_at(provider, &d.headers, d.body, d.now);
        check_outcome(&result, Shopify::ID, SECRETS.len(), d.body, &forbidden);
        if strict {
            trace(&result);
        }
        check_model(&result, model(&d, &expected, strict), &d);
        if let Ok(v) = &result {
            let f = family(&d).unwrap();
            let one = |h| match d.lookup(h) {
                Lookup::One(x) => Some(x),
                _ => None,
            };
            assert!(v.timestamp().is_none());
            assert_eq!(v.id(), one(f.id));
            assert_eq!(v.event_type().as_deref(), one(f.topic));
            assert_eq!(
                v.idempotency_key().map(|k| k.into_string()),
                one(f.id).map(|id| format!("shopify:{id}"))
            );
        }
    }

    // Round trip.
    let message = Message::new(d.body)
        .with_id("b54557e4-bdd9-4b37")
        .with_event_type("orders/create");
    let signed = fx.strict.sign_at(&message, d.now).expect("Shopify signing");
    let v = hooksign::verify_at(&fx.strict, &signed, d.body, d.now).expect("round trip");
    assert_eq!(v.secret_index(), 0);
    assert_eq!(v.id(), Some("b54557e4-bdd9-4b37"));
    assert_mismatch(hooksign::verify_at(
        &fx.strict,
        &signed,
        &tampered(d.body, d.now.as_millis()),
        d.now,
    ));
    assert!(fx.strict.sign_at(&Message::new(d.body), d.now).is_err());
});
