//! The body-embedded family (Mailgun, Adyen): signing and verifying are inverses, any change to
//! a signed value is rejected, and a batch names the item that failed.
#![allow(clippy::unwrap_used, reason = "a failed step fails the test loudly")]

use hooksign::{Adyen, Error, Mailgun, Message, SecretSet, Sign, UnixTime};
use proptest::prelude::*;
use serde_json::{Value, json};

const NO_HEADERS: [(&str, &str); 0] = [];

fn mailgun(keys: &[String]) -> Mailgun {
    Mailgun::new(SecretSet::new(keys.to_vec()).unwrap())
}

/// The byte range of the signature object (or fields) in a signed Mailgun body.
fn signed_span(body: &[u8]) -> std::ops::Range<usize> {
    let text = std::str::from_utf8(body).unwrap();
    match text.find(r#""signature":{"#) {
        Some(start) => start..start + text[start..].find('}').unwrap() + 1,
        None => text.find("timestamp=").unwrap()..text.len(),
    }
}

fn flip(body: &[u8], at: usize, bit: u8) -> Vec<u8> {
    let mut out = body.to_vec();
    out[at] ^= 1 << (bit % 7);
    out
}

fn adyen_item(psp: &str, reference: &str, value: u64, success: bool) -> Value {
    json!({"NotificationRequestItem": {
        "pspReference": psp,
        "merchantAccountCode": "MerchantAccount",
        "merchantReference": reference,
        "amount": {"value": value, "currency": "EUR"},
        "eventCode": "AUTHORISATION",
        "success": if success { "true" } else { "false" },
        "eventDate": "2024-01-01T00:00:00+01:00",
    }})
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn mailgun_round_trips_and_refuses_any_change_to_what_it_signs(
        keys in prop::collection::vec("[ -~]{1,40}", 1..4),
        signer in any::<prop::sample::Index>(),
        event in "[a-z]{1,12}",
        form in any::<bool>(),
        ts in 1_000_000_000u64..4_000_000_000,
        at in any::<prop::sample::Index>(),
        bit in 0u8..7,
    ) {
        let now = UnixTime::from_secs(ts);
        let index = signer.index(keys.len());
        let sender = mailgun(&keys[index..=index]);
        let body = if form {
            format!("event={event}&recipient=a%40b.c")
        } else {
            format!(r#"{{"event-data":{{"event":"{event}","n":[1,{{"x":null}}]}}}}"#)
        };
        let signed = sender.sign_at(&Message::new(body.as_bytes()), now).unwrap();
        let out = signed.body().unwrap();
        let verified = hooksign::verify_at(&mailgun(&keys), &NO_HEADERS, out, now).unwrap();
        // The first key equal to the signer's matches.
        let first = keys.iter().position(|k| *k == keys[index]).unwrap();
        prop_assert_eq!(verified.secret_index(), first);
        let event_type = verified.event_type();
        prop_assert_eq!(event_type.as_deref(), Some(event.as_str()));
        prop_assert!(verified.idempotency_key().unwrap().as_str().starts_with("mailgun:"));

        // Any bit of the signed values, their names or their framing.
        let span = signed_span(out);
        let at = span.start + at.index(span.len());
        let tampered = flip(out, at, bit);
        prop_assert!(
            hooksign::verify_at(&mailgun(&keys), &NO_HEADERS, &tampered, now).is_err(),
            "accepted {:?}", String::from_utf8_lossy(&tampered)
        );
    }

    #[test]
    fn adyen_batches_round_trip_and_name_the_tampered_item(
        items in prop::collection::vec(
            ("[A-Z0-9]{16}", "[ -~]{0,24}", 0u64..10_000_000, any::<bool>()),
            1..5,
        ),
        bad in any::<prop::sample::Index>(),
        key in "[0-9a-f]{64}",
    ) {
        let adyen = Adyen::new(SecretSet::new([key]).unwrap()).unwrap();
        let notification = json!({
            "live": "false",
            "notificationItems": items
                .iter()
                .map(|(psp, reference, value, success)| adyen_item(psp, reference, *value, *success))
                .collect::<Vec<_>>(),
        });
        let body = serde_json::to_vec(&notification).unwrap();
        let signed = adyen.sign_at(&Message::new(&body), UnixTime::from_secs(0)).unwrap();
        let out = signed.body().unwrap();
        let verified = hooksign::verify(&adyen, &NO_HEADERS, out).unwrap();
        prop_assert_eq!(verified.idempotency_key().is_some(), items.len() == 1);

        // Change one signed field of one item: that item, and only it, is named.
        let bad = bad.index(items.len());
        let mut changed: Value = serde_json::from_slice(out).unwrap();
        let item = &mut changed["notificationItems"][bad]["NotificationRequestItem"];
        let value = item["amount"]["value"].as_u64().unwrap();
        item["amount"]["value"] = json!(value ^ 1);
        let changed = serde_json::to_vec(&changed).unwrap();
        let err = hooksign::verify(&adyen, &NO_HEADERS, &changed).unwrap_err();
        prop_assert_eq!(
            err,
            Error::BatchItem {
                index: bad,
                reason: Box::new(Error::SignatureMismatch { secrets: 1, signatures: 1 }),
            }
        );

        // An unsigned field may change.
        let mut free: Value = serde_json::from_slice(out).unwrap();
        free["notificationItems"][bad]["NotificationRequestItem"]["eventDate"] = json!("later");
        let free = serde_json::to_vec(&free).unwrap();
        prop_assert!(hooksign::verify(&adyen, &NO_HEADERS, &free).is_ok());
    }

    #[test]
    fn arbitrary_bodies_never_panic(body in prop::collection::vec(any::<u8>(), 0..256)) {
        let m = mailgun(&["k".to_owned()]);
        let _ = hooksign::verify_at(&m, &NO_HEADERS, &body, UnixTime::from_secs(0));
        let a = Adyen::new(SecretSet::new(["00ff"]).unwrap()).unwrap();
        let _ = hooksign::verify(&a, &NO_HEADERS, &body);
    }
}

/// The Adyen vectors that fail on an item name it (tests/vectors/adyen.json, `failing_item`,
/// the item the official library rejected).
#[test]
fn adyen_vectors_name_the_failing_item() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/adyen.json");
    let vectors: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut checked = 0;
    for v in &vectors {
        let Some(item) = v.get("failing_item").and_then(Value::as_u64) else {
            continue;
        };
        let adyen = Adyen::new(SecretSet::new([v["secret"].as_str().unwrap()]).unwrap()).unwrap();
        let err = hooksign::verify(&adyen, &NO_HEADERS, v["body"].as_str().unwrap().as_bytes())
            .unwrap_err();
        match err {
            Error::BatchItem { index, reason } => {
                assert_eq!(index as u64, item, "{}", v["id"]);
                assert_eq!(reason.code(), v["error"], "{}", v["id"]);
            }
            other => panic!("{}: {other:?}", v["id"]),
        }
        checked += 1;
    }
    assert!(checked >= 4, "{checked}");
}

/// Mailgun's advice against replays, with the idempotency store: a replayed token inside the
/// window verifies again, and the store (which keeps keys far longer than the window) finds it
/// done, so it is not processed twice; outside the window the time check refuses it.
#[test]
fn a_replayed_mailgun_token_is_deduplicated_by_the_store() {
    use hooksign::idempotency::{IdempotencyConfig, MemoryStore, Outcome, once};

    let config = IdempotencyConfig::default();
    assert!(config.retention.as_secs() > Mailgun::DEFAULT_TOLERANCE.past_secs.unwrap());
    let store = MemoryStore::new(config);
    let mailgun = mailgun(&["key-3ax6xnjp29jd6fds4gc373sgvjxteol0".to_owned()]);
    let sent = UnixTime::from_secs(1_700_000_000);
    let signed = mailgun
        .sign_at(
            &Message::new(br#"{"event-data":{"event":"delivered"}}"#),
            sent,
        )
        .unwrap();
    let body = signed.body().unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let mut outcomes = Vec::new();
    for delay in [0, 60] {
        let now = UnixTime::from_secs(sent.as_secs() + delay);
        let key = hooksign::verify_at(&mailgun, &NO_HEADERS, body, now)
            .unwrap()
            .idempotency_key()
            .unwrap();
        outcomes.push(
            runtime
                .block_on(once(&store, &key, || async { Ok::<_, std::io::Error>(()) }))
                .unwrap(),
        );
    }
    assert_eq!(outcomes, [Outcome::Processed(()), Outcome::Duplicate]);
    let late = UnixTime::from_secs(sent.as_secs() + 3601);
    assert_eq!(
        hooksign::verify_at(&mailgun, &NO_HEADERS, body, late)
            .unwrap_err()
            .code(),
        "timestamp_too_old"
    );
}
