//! `verify` allocates nothing for the HMAC providers, on success and on rejection; the
//! body-embedded and token families are measured too.
//!
//! A counting global allocator counts allocations made by the current thread while a
//! thread-local flag is set, so tests running on other threads are not counted.

mod common;
#[path = "support/header_maps.rs"]
mod header_maps;

use common::{IDS, body_for, message, provider, secret_for};
use hooksign::{SecretSet, Sign, UnixTime, Verify};

#[path = "support/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::allocations;

#[global_allocator]
static ALLOCATOR: counting_alloc::Counting = counting_alloc::Counting;

#[test]
fn verify_allocates_nothing() {
    // The counter must see allocations, or a zero below would prove nothing.
    let (_, n) = allocations(|| vec![1u8; 16]);
    assert_eq!(n, 1, "the counting allocator works");

    let raw = vec![b'x'; 4096];
    let now = UnixTime::from_secs(1_700_000_000);
    for id in IDS.iter().map(String::as_str) {
        let body = body_for(id, &raw, now);
        // Three secrets, the delivery signed with the last: every secret is tried.
        let secrets: Vec<String> = (0..3u8).map(|i| secret_for(id, &[i + 1; 32])).collect();
        let receiver = provider(id, SecretSet::new(secrets.clone()).unwrap());
        let sender = provider(id, SecretSet::new([secrets[2].clone()]).unwrap());
        let signed = sender
            .sign_at(&message(&body, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"), now)
            .unwrap();
        let headers: Vec<(&str, &str)> = signed.iter().collect();

        let (result, n) = allocations(|| {
            hooksign::verify_at(&receiver, &headers, &body, now).map(|v| v.secret_index())
        });
        assert_eq!(result, Ok(2), "{id}");
        assert_eq!(n, 0, "{id}: verify allocated {n} times");

        // The same delivery in an `http::HeaderMap`, as a framework hands it over.
        #[cfg(feature = "http")]
        {
            let map = header_maps::http_map(&headers).expect("signers write valid headers");
            let (result, n) = allocations(|| {
                hooksign::verify_at(&receiver, &map, &body, now).map(|v| v.secret_index())
            });
            assert_eq!(result, Ok(2), "{id} from a HeaderMap");
            assert_eq!(n, 0, "{id}: verify from a HeaderMap allocated {n} times");
        }

        let (result, n) =
            allocations(|| hooksign::verify_at(&receiver, &headers, b"tampered", now).map(|_| ()));
        assert_eq!(result.unwrap_err().code(), "signature_mismatch", "{id}");
        assert_eq!(n, 0, "{id}: a rejection allocated {n} times");

        let (result, n) =
            allocations(|| hooksign::verify_at(&receiver, &[("x", "y")], &body, now).map(|_| ()));
        assert_eq!(result.unwrap_err().code(), "missing_header", "{id}");
        assert_eq!(n, 0, "{id}: a missing header allocated {n} times");

        // The integrations ask every request whether it is a handshake first: for a delivery
        // that is none, the answer costs no allocation either.
        let delivery = hooksign::Delivery::new(&headers, &body)
            .with_method("POST")
            .with_url("/webhooks/in?a=1");
        let (answer, n) = allocations(|| receiver.handshake(&delivery, now).is_none());
        assert!(answer, "{id}: a delivery is not a handshake");
        assert_eq!(n, 0, "{id}: the handshake check allocated {n} times");
    }
}

/// Mailgun, Adyen and the token providers. Zero allocations except two, measured here: an
/// Adyen notification of one item builds its idempotency id (`<psp>:<event>:<success>`, three
/// body fields joined: one `String`), and a rejected Adyen item boxes its reason inside
/// `Error::BatchItem` (one `Box`).
#[test]
fn body_embedded_and_token_verify_allocate_nothing() {
    use hooksign::{AnyProvider, Message};

    let now = UnixTime::from_secs(1_700_000_000);
    let three = |id: &str, keys: [&str; 3]| {
        let receiver = AnyProvider::from_id(id, SecretSet::new(keys).unwrap()).unwrap();
        let sender = AnyProvider::from_id(id, SecretSet::new([keys[2]]).unwrap()).unwrap();
        (receiver, sender)
    };
    // A realistic, nested Mailgun event (every skipped value nests), as JSON and as a form.
    let event = br#"{"event-data":{"event":"delivered","id":"CPgfbmQMTCKtHW6uIWtuVe","delivery-status":{"code":250,"message":"OK","session-seconds":0.4,"mx-host":"mx.example.com"},"envelope":{"targets":"alice@example.com","transport":"smtp"},"flags":{"is-routed":false},"user-variables":{"a":[1,[2,{"b":3}]]},"tags":["x","y"]}}"#;
    let form = b"event=delivered&recipient=alice%40example.com&domain=example.com";
    let (receiver, sender) = three("mailgun", ["key-a", "key-b", "key-c"]);
    for body in [&event[..], &form[..]] {
        let signed = sender.sign_at(&Message::new(body), now).unwrap();
        let signed_body = signed.body().unwrap().to_vec();
        let (result, n) = allocations(|| {
            hooksign::verify_at(&receiver, &signed, &signed_body, now).map(|v| v.secret_index())
        });
        assert_eq!(result, Ok(2));
        assert_eq!(n, 0, "mailgun: verify allocated {n} times");
        let tampered =
            String::from_utf8(signed_body)
                .unwrap()
                .replacen("timestamp", "timestamq", 1);
        let (result, n) = allocations(|| {
            hooksign::verify_at(&receiver, &signed, tampered.as_bytes(), now).map(|_| ())
        });
        assert_eq!(result.unwrap_err().code(), "malformed_body");
        assert_eq!(n, 0, "mailgun: a rejection allocated {n} times");
    }

    let keys = [
        "00112233445566778899aabbccddeeff",
        "0123456789abcdef0123456789abcdef",
        "DFB1EB5485895CFA84146406857104AB",
    ];
    let (receiver, sender) = three("adyen", keys);
    let item = r#"{"NotificationRequestItem":{"additionalData":{"authCode":"58747","cardSummary":"1111"},"amount":{"currency":"EUR","value":1130},"eventCode":"AUTHORISATION","eventDate":"2019-06-28T18:03:50+01:00","merchantAccountCode":"M","merchantReference":"R","operations":["CANCEL","CAPTURE"],"pspReference":"7914073381342284","success":"true"}}"#;
    for (items, expected) in [(1, 1), (3, 0)] {
        let body = format!(
            r#"{{"live":"false","notificationItems":[{}]}}"#,
            vec![item; items].join(",")
        );
        let signed = sender.sign_at(&Message::new(body.as_bytes()), now).unwrap();
        let signed_body = signed.body().unwrap().to_vec();
        let (result, n) = allocations(|| {
            hooksign::verify_at(&receiver, &signed, &signed_body, now).map(|v| v.secret_index())
        });
        assert_eq!(result, Ok(2));
        assert_eq!(
            n, expected,
            "adyen, {items} items: verify allocated {n} times"
        );
        let tampered = String::from_utf8(signed_body)
            .unwrap()
            .replace("1130", "1131");
        let (result, n) = allocations(|| {
            hooksign::verify_at(&receiver, &signed, tampered.as_bytes(), now).map(|_| ())
        });
        assert_eq!(result.unwrap_err().code(), "signature_mismatch");
        assert_eq!(
            n, 1,
            "adyen: a rejected item boxes its reason, nothing else"
        );
    }

    for (id, header) in [
        ("gitlab", "X-Gitlab-Token"),
        ("telegram", "X-Telegram-Bot-Api-Secret-Token"),
        ("okta", "Authorization"),
    ] {
        let (receiver, sender) = three(id, ["token_one", "token-two", "token_three_longer"]);
        let signed = sender.sign_at(&Message::new(b"{}"), now).unwrap();
        let (result, n) = allocations(|| {
            hooksign::verify_at(&receiver, &signed, b"{}", now).map(|v| v.secret_index())
        });
        assert_eq!(result, Ok(2), "{id}");
        assert_eq!(n, 0, "{id}: verify allocated {n} times");
        let wrong = [(header, "token_three_longeR")];
        let (result, n) =
            allocations(|| hooksign::verify_at(&receiver, &wrong, b"{}", now).map(|_| ()));
        assert_eq!(result.unwrap_err().code(), "signature_mismatch", "{id}");
        assert_eq!(n, 0, "{id}: a rejection allocated {n} times");
    }
}
