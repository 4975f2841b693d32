//! The body-embedded family: Mailgun (the `signature` object of a JSON body, or the form
//! fields) and Adyen (every `notificationItems[].NotificationRequestItem`).
//!
//! Input: the delivery format of `hooksign_fuzz` (`@now`, headers (unused), blank line, body).
//! Invariants:
//! - verify never panics; the common outcome checks;
//! - against a reference model written here (serde_json's `Value`, last repeated key wins, as
//!   `JSON.parse` does; its own form parser; the `hmac` crate): an accepted delivery is one the
//!   model accepts, with the same secret index (Mailgun: the same timestamp and token key);
//!   one the model accepts is accepted, or refused as `malformed_body` (hooksign refuses a
//!   repeated key and values of types the SDKs would stringify, such as a float amount);
//! - Adyen: a `SignatureMismatch` inside `BatchItem { index }` is the model's first failing
//!   item, every item before it verifying;
//! - sign→verify round-trips whenever signing accepts the body, and a changed signature fails.
#![no_main]
#![forbid(unsafe_code)]

use std::sync::LazyLock;

use hooksign::provider::spec::Algorithm;
use hooksign::{Adyen, Error, ErrorKind, Mailgun, Message, Sign, Tolerance};
use hooksign_fuzz::*;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

const MAILGUN_KEYS: &[&str] = &[
    "key-3ax6xnjp29jd6fds4gc373sgvjxteol0",
    "hooksign-mailgun-signing-key-0002",
    "key-00000000000000000000000000000000",
];
const ADYEN_KEYS: &[&str] = &[
    "DFB1EB5485895CFA84146406857104ABB4CBCABDC8AAF103A624C8F6A3EAAB00",
    "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056",
];

struct Fixture {
    mailgun: Mailgun,
    adyen: Adyen,
    mailgun_ref: RefKeys,
    adyen_ref: RefKeys,
}

static FX: LazyLock<Fixture> = LazyLock::new(|| Fixture {
    mailgun: Mailgun::new(labelled(MAILGUN_KEYS)),
    adyen: Adyen::new(labelled(ADYEN_KEYS)).unwrap(),
    mailgun_ref: RefKeys::new(
        Algorithm::Sha256,
        &MAILGUN_KEYS.iter().map(|k| k.as_bytes().to_vec()).collect::<Vec<_>>(),
    ),
    adyen_ref: RefKeys::new(
        Algorithm::Sha256,
        &ADYEN_KEYS.iter().map(|k| hex::decode(k).unwrap()).collect::<Vec<_>>(),
    ),
});

/// Percent-decoding as a form parser does (`+` is a space, a bad escape kept).
fn form_decode(raw: &[u8]) -> Option<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < raw.len() + 0 && raw.len() >= i + 3 => {
                match std::str::from_utf8(&raw[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .filter(|_| raw[i + 1].is_ascii_hexdigit() && raw[i + 2].is_ascii_hexdigit())
                {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// The form fields the model reads; `None` for an unusable form (a repeated field with
/// different values, or one that is not UTF-8).
fn form(body: &[u8]) -> Option<[Option<String>; 3]> {
    let mut out: [Option<String>; 3] = [None, None, None];
    for pair in body.split(|&b| b == b'&').filter(|p| !p.is_empty()) {
        let (k, v) = match pair.iter().position(|&b| b == b'=') {
            Some(at) => (&pair[..at], &pair[at + 1..]),
            None => (pair, &b""[..]),
        };
        let Some(key) = form_decode(k) else { continue };
        let Some(slot) = ["timestamp", "token", "signature"].iter().position(|n| *n == key) else {
            continue;
        };
        let value = form_decode(v)?;
        match &out[slot] {
            Some(earlier) if *earlier != value => return None,
            _ => out[slot] = Some(value),
        }
    }
    Some(out)
}

/// A JSON object rather than a form: the first byte after JSON whitespace (RFC 8259: space,
/// tab, LF, CR) is `{`.
fn is_json(body: &[u8]) -> bool {
    body.iter().find(|b| !b" \t\n\r".contains(b)) == Some(&b'{')
}

/// Mailgun's model: the secret index, the timestamp and the token, or why not.
fn mailgun_model(body: &[u8], now: hooksign::UnixTime) -> (Model, Option<(u64, String)>) {
    let json = is_json(body);
    let fields: Option<(String, String, String)> = if json {
        serde_json::from_slice::<Value>(body).ok().and_then(|v| {
            let s = v.get("signature")?.as_object()?;
            let ts = match s.get("timestamp")? {
                Value::String(t) => t.clone(),
                Value::Number(n) => n.as_u64()?.to_string(),
                _ => return None,
            };
            let text = |k: &str| s.get(k).and_then(Value::as_str).map(str::to_owned);
            Some((ts, text("token")?, text("signature")?))
        })
    } else {
        form(body).and_then(|[ts, token, sig]| Some((ts?, token?, sig?)))
    };
    let Some((ts, token, signature)) = fields else {
        return (Model::Reject, None);
    };
    let digits = !ts.is_empty() && ts.len() <= 19 && ts.bytes().all(|b| b.is_ascii_digit());
    if token.is_empty() || signature.is_empty() || !digits {
        return (Model::Reject, None);
    }
    let expected = FX.mailgun_ref.hex(&[ts.as_bytes(), token.as_bytes()]);
    let index = expected.iter().position(|e| *e == signature);
    let secs: u64 = ts.parse().unwrap();
    let window = match Mailgun::DEFAULT_TOLERANCE.check(secs, now) {
        Ok(()) => Model::Ok(0),
        Err(e) if e.kind() == ErrorKind::TimestampTooOld => Model::TooOld,
        Err(_) => Model::TooNew,
    };
    (with_window(index, window), Some((secs, token)))
}

/// Adyen's model: per item, `Ok(index)` or `Err(())`; `None` when the body is not a
/// notification (no items).
fn adyen_model(body: &[u8]) -> Option<Vec<Result<usize, ()>>> {
    let v: Value = serde_json::from_slice(body).ok()?;
    let items = v.get("notificationItems")?.as_array()?;
    if items.is_empty() {
        return None;
    }
    Some(
        items
            .iter()
            .map(|item| {
                let item = item.get("NotificationRequestItem").ok_or(())?.as_object().ok_or(())?;
                // `Array.prototype.join`: null/undefined empty, other scalars written out.
                let text = |v: Option<&Value>| -> Result<String, ()> {
                    match v {
                        None | Some(Value::Null) => Ok(String::new()),
                        Some(Value::String(s)) => Ok(s.clone()),
                        Some(Value::Bool(b)) => Ok(b.to_string()),
                        Some(Value::Number(n)) if n.is_u64() => Ok(n.to_string()),
                        _ => Err(()),
                    }
                };
                let amount = item.get("amount").ok_or(())?.as_object().ok_or(())?;
                let value = match amount.get("value") {
                    None | Some(Value::Null) => return Err(()),
                    v => text(v)?,
                };
                let data = [
                    text(item.get("pspReference"))?,
                    text(item.get("originalReference"))?,
                    text(item.get("merchantAccountCode"))?,
                    text(item.get("merchantReference"))?,
                    value,
                    text(amount.get("currency"))?,
                    text(item.get("eventCode"))?,
                    text(item.get("success"))?,
                ]
                .join(":");
                let signature = item
                    .get("additionalData")
                    .and_then(Value::as_object)
                    .and_then(|d| d.get("hmacSignature"))
                    .and_then(Value::as_str)
                    .filter(|s| !s.is_empty())
                    .ok_or(())?;
                let expected = FX.adyen_ref.base64(&[data.as_bytes()]);
                expected.iter().position(|e| e == signature).ok_or(())
            })
            .collect(),
    )
}

fuzz_target!(|data: &[u8]| {
    let fx = &*FX;
    let d = Delivery::parse(data);

    // Mailgun.
    let (model, meta) = mailgun_model(d.body, d.now);
    let expected: Vec<String> = Vec::new();
    let forbidden = Forbidden {
        secrets: MAILGUN_KEYS,
        expected,
        input: data,
    };
    let result = hooksign::verify_at(&fx.mailgun, &d.headers, d.body, d.now);
    check_outcome(&result, Mailgun::ID, MAILGUN_KEYS.len(), d.body, &forbidden);
    trace(&result);
    match (&result, model) {
        // What the model reads, hooksign may refuse unread: a repeated key, a body that is not
        // UTF-8 (in a part the model skips), a value of a type the SDKs would stringify.
        (Err(e), Model::Ok(_) | Model::TooOld | Model::TooNew)
            if e.kind() == ErrorKind::MalformedBody => {}
        _ => check_model(&result, model, &d),
    }
    if let (Ok(v), Some((secs, token))) = (&result, meta) {
        assert_eq!(v.timestamp().map(|t| t.as_secs()), Some(secs));
        assert_eq!(
            v.idempotency_key().map(|k| k.into_string()),
            Some(format!("mailgun:{token}"))
        );
    }
    if let Ok(signed) = fx.mailgun.sign_at(&Message::new(d.body), d.now) {
        let body = signed.body().expect("Mailgun signs in the body");
        let v = hooksign::verify_at(&fx.mailgun, &signed, body, d.now).expect("round trip");
        assert_eq!(v.secret_index(), 0);
        // Another timestamp is not what was signed.
        let later = fx.mailgun.clone().with_tolerance(Tolerance::unchecked());
        let text = String::from_utf8_lossy(body).into_owned();
        let (secs, next) = (d.now.as_secs(), d.now.as_secs() + 1);
        // The signed timestamp: the first `"timestamp":"…"` of a JSON body (the signature
        // member is put first), the last `timestamp=` field of a form (they are appended).
        let moved = if is_json(body) {
            text.replacen(&format!(r#""timestamp":"{secs}""#), &format!(r#""timestamp":"{next}""#), 1)
        } else {
            let field = format!("timestamp={secs}");
            let at = text.rfind(&field).expect("the appended field");
            format!("{}timestamp={next}{}", &text[..at], &text[at + field.len()..])
        };
        assert_ne!(moved, text);
        assert!(hooksign::verify_at(&later, &signed, moved.as_bytes(), d.now).is_err());
    }

    // Adyen.
    let no_headers: [(&str, &str); 0] = [];
    let forbidden = Forbidden {
        secrets: ADYEN_KEYS,
        expected: Vec::new(),
        input: data,
    };
    let result = hooksign::verify(&fx.adyen, &no_headers, d.body);
    check_outcome(&result, Adyen::ID, ADYEN_KEYS.len(), d.body, &forbidden);
    let model = adyen_model(d.body);
    match (&result, &model) {
        (Ok(v), Some(items)) => {
            assert!(items.iter().all(Result::is_ok), "accepted a failing item: {d:?}");
            assert_eq!(Ok(v.secret_index()), items[0]);
        }
        (Ok(_), None) => panic!("accepted what is not a notification: {d:?}"),
        (Err(Error::BatchItem { index, reason }), Some(items))
            if matches!(**reason, Error::SignatureMismatch { .. }) =>
        {
            assert!(items[..*index].iter().all(Result::is_ok), "{d:?}");
            assert!(items[*index].is_err(), "{d:?}");
        }
        (Err(e), Some(items)) if items.iter().all(Result::is_ok) => {
            assert_eq!(e.kind(), ErrorKind::MalformedBody, "{e:?} {d:?}")
        }
        (Err(_), _) => {}
    }
    if let Ok(signed) = fx.adyen.sign_at(&Message::new(d.body), d.now) {
        let body = signed.body().expect("Adyen signs in the body");
        match hooksign::verify(&fx.adyen, &signed, body) {
            Ok(v) => assert_eq!(v.secret_index(), 0),
            // A body whose signed fields hooksign reads but refuses (a float amount…) is
            // refused by signing, so only a repeated key (serde_json's Value keeps the last)
            // can make the signed body unreadable.
            Err(e) => panic!("round trip: {e:?} {d:?}"),
        }
    }
});
