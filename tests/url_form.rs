//! Property tests of the URL-signed family over form parameters (Twilio, Mandrill, Plivo):
//! signing and verifying are inverses; the order of the form parameters does not matter (they
//! are sorted); a change to any byte of the body, the URL, a signature or the nonce is
//! rejected, unless an independent model of the signed string (written here, apart from the
//! crate) says the change leaves it the same.
#![allow(
    clippy::unwrap_used,
    reason = "a failed step fails the property loudly"
)]

use std::collections::BTreeMap;

use hooksign::{
    Delivery, Mandrill, Message, Plivo, SecretSet, Sign, SignedHeaders, Twilio, UnixTime, Verify,
};
use proptest::prelude::*;

const SECRET: &str = "url-form-property-secret";

/// One provider of the family, as a verifier and a signer.
fn provider(id: &str) -> (Box<dyn Verify>, Box<dyn Sign>) {
    let secrets = || SecretSet::new([SECRET]).unwrap();
    match id {
        "twilio" => (
            Box::new(Twilio::new(secrets())),
            Box::new(Twilio::new(secrets())),
        ),
        "mandrill" => (
            Box::new(Mandrill::new(secrets())),
            Box::new(Mandrill::new(secrets())),
        ),
        "plivo" => (
            Box::new(Plivo::new(secrets())),
            Box::new(Plivo::new(secrets())),
        ),
        other => panic!("{other}"),
    }
}

const IDS: [&str; 3] = ["twilio", "mandrill", "plivo"];

/// Form-encodes `text` as browsers and the providers do: unreserved bytes as they are, a space
/// as `+`, every other byte `%XX`.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                char::from(b).to_string()
            }
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn body_of(pairs: &[(String, String)]) -> Vec<u8> {
    pairs
        .iter()
        .map(|(n, v)| format!("{}={}", encode(n), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
        .into_bytes()
}

/// The model: the decoded pairs of a form, as Node's `querystring.parse` gives them, or `None`
/// when one is not UTF-8 once decoded.
fn model_pairs(raw: &[u8]) -> Option<Vec<(Vec<u8>, Vec<u8>)>> {
    fn decode(raw: &[u8]) -> Vec<u8> {
        let hex = |b: u8| char::from(b).to_digit(16);
        let mut out = Vec::new();
        let mut i = 0;
        while i < raw.len() {
            match raw[i] {
                b'+' => out.push(b' '),
                b'%' if i + 2 < raw.len() => match (hex(raw[i + 1]), hex(raw[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                },
                b => out.push(b),
            }
            i += 1;
        }
        out
    }
    let mut pairs = Vec::new();
    for segment in raw.split(|&b| b == b'&').filter(|s| !s.is_empty()) {
        let (name, value) = match segment.iter().position(|&b| b == b'=') {
            Some(eq) => (&segment[..eq], &segment[eq + 1..]),
            None => (segment, &b""[..]),
        };
        let (name, value) = (decode(name), decode(value));
        if std::str::from_utf8(&name).is_err() || std::str::from_utf8(&value).is_err() {
            return None;
        }
        pairs.push((name, value));
    }
    pairs.sort();
    Some(pairs)
}

/// The model of Twilio's signed parameters: distinct pairs, sorted, name then value.
fn twilio_model(raw: &[u8]) -> Option<Vec<u8>> {
    let mut pairs = model_pairs(raw)?;
    pairs.dedup();
    Some(
        pairs
            .into_iter()
            .flat_map(|(n, v)| [n, v].concat())
            .collect(),
    )
}

/// The model of what provider `id` signs of a form body: whether it has parameters (Plivo
/// writes `?` then) and their concatenation; `Err` for a body the provider refuses.
fn model(id: &str, raw: &[u8]) -> Result<(bool, Vec<u8>), ()> {
    let mut pairs = model_pairs(raw).ok_or(())?;
    match id {
        "plivo" => {}
        _ => pairs.dedup(),
    }
    if id == "mandrill" && pairs.windows(2).any(|w| w[0].0 == w[1].0) {
        return Err(());
    }
    let concatenated = pairs
        .iter()
        .flat_map(|(n, v)| [&n[..], &v[..]].concat())
        .collect();
    Ok((!pairs.is_empty(), concatenated))
}

/// Decoded pair strategies: names unique (Mandrill refuses a name with two values).
fn params() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::btree_map(
        "[A-Za-z][A-Za-z0-9_]{0,8}",
        "[ -~\u{e9}\u{2713}]{0,12}",
        0..8,
    )
    .prop_map(|map: BTreeMap<String, String>| map.into_iter().collect())
}

/// URLs without user information, port or fragment, with an alphanumeric query.
fn url() -> impl Strategy<Value = String> {
    (
        "[a-z]{1,10}",
        prop::collection::vec("[a-z0-9]{1,6}", 0..3),
        prop::option::of(prop::collection::vec(("[a-z]{1,4}", "[a-z0-9]{0,4}"), 1..3)),
    )
        .prop_map(|(host, path, query)| {
            let mut url = format!("https://{host}.example.com");
            for segment in path {
                url.push('/');
                url.push_str(&segment);
            }
            if let Some(query) = query {
                let pairs: Vec<String> = query.iter().map(|(k, v)| format!("{k}={v}")).collect();
                url.push('?');
                url.push_str(&pairs.join("&"));
            }
            url
        })
}

fn sign(signer: &dyn Sign, url: &str, body: &[u8]) -> SignedHeaders {
    let message = Message::new(body)
        .with_url(url)
        .with_method("POST")
        .with_id("05429567804466091622");
    signer
        .sign_at(&message, UnixTime::from_secs(1_700_000_000))
        .unwrap()
}

fn verify(
    verifier: &dyn Verify,
    headers: &[(String, String)],
    url: &str,
    body: &[u8],
) -> Result<usize, hooksign::Error> {
    let delivery = Delivery::new(&headers, body)
        .with_url(url)
        .with_method("POST");
    verifier.verify(&delivery).map(|v| v.secret_index())
}

fn owned(signed: &SignedHeaders) -> Vec<(String, String)> {
    signed
        .iter()
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect()
}

/// A different character of the same class: alphanumeric for alphanumeric, else `x`.
fn other_char(byte: u8, pick: u8) -> u8 {
    const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut c = ALNUM[usize::from(pick) % ALNUM.len()];
    if c == byte {
        c = if byte == b'a' { b'b' } else { b'a' };
    }
    c
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn round_trip_in_any_parameter_order(
        url in url(),
        pairs in params(),
        order in Just(()).prop_perturb(|_, mut rng| rng.random::<u64>()),
    ) {
        let body = body_of(&pairs);
        let mut shuffled = pairs;
        // A deterministic permutation from `order`.
        let n = shuffled.len().max(1);
        shuffled.rotate_left(usize::try_from(order % n as u64).unwrap());
        if order & 1 == 1 {
            shuffled.reverse();
        }
        let reordered = body_of(&shuffled);
        for id in IDS {
            let (verifier, signer) = provider(id);
            let headers = owned(&sign(&*signer, &url, &body));
            prop_assert_eq!(verify(&*verifier, &headers, &url, &body), Ok(0), "{}", id);
            prop_assert_eq!(
                verify(&*verifier, &headers, &url, &reordered), Ok(0),
                "{}: the parameters are sorted, so their order is not signed", id
            );
        }
    }

    #[test]
    fn twilio_signs_each_distinct_pair_once(url in url(), pairs in params(), repeat in any::<prop::sample::Index>()) {
        prop_assume!(!pairs.is_empty());
        let body = body_of(&pairs);
        let mut doubled = pairs.clone();
        doubled.push(pairs[repeat.index(pairs.len())].clone());
        let (verifier, signer) = provider("twilio");
        let headers = owned(&sign(&*signer, &url, &body));
        prop_assert_eq!(verify(&*verifier, &headers, &url, &body_of(&doubled)), Ok(0));
    }

    #[test]
    fn every_body_byte_is_signed(url in url(), pairs in params(), at in any::<prop::sample::Index>(), with in 0x20u8..0x7f) {
        let body = body_of(&pairs);
        prop_assume!(!body.is_empty());
        let i = at.index(body.len());
        prop_assume!(body[i] != with);
        let mut tampered = body.clone();
        tampered[i] = with;
        for id in IDS {
            let (verifier, signer) = provider(id);
            let headers = owned(&sign(&*signer, &url, &body));
            let result = verify(&*verifier, &headers, &url, &tampered);
            match model(id, &tampered) {
                Err(()) => prop_assert_eq!(result.unwrap_err().code(), "malformed_body"),
                // The concatenation of names and values has no delimiter: some changes (`a=b`
                // to `a&b`) leave it the same, and the SDKs accept them too.
                Ok(signed) if Ok(signed.clone()) == model(id, &body) => prop_assert_eq!(result, Ok(0)),
                Ok(_) => prop_assert!(result.is_err(), "{}: {:?} accepted", id, String::from_utf8_lossy(&tampered)),
            }
        }
    }

    #[test]
    fn every_url_byte_is_signed(url in url(), pairs in params(), at in any::<prop::sample::Index>(), pick in any::<u8>()) {
        let body = body_of(&pairs);
        let i = at.index(url.len());
        let mut tampered = url.clone().into_bytes();
        tampered[i] = other_char(tampered[i], pick);
        let tampered = String::from_utf8(tampered).unwrap();
        for id in IDS {
            let (verifier, signer) = provider(id);
            let headers = owned(&sign(&*signer, &url, &body));
            let result = verify(&*verifier, &headers, &tampered, &body);
            prop_assert!(result.is_err(), "{}: {} accepted for {}", id, tampered, url);
        }
    }

    #[test]
    fn every_signature_and_nonce_byte_is_signed(url in url(), pairs in params(), at in any::<prop::sample::Index>(), pick in any::<u8>()) {
        let body = body_of(&pairs);
        for id in IDS {
            let (verifier, signer) = provider(id);
            let signed = owned(&sign(&*signer, &url, &body));
            for index in 0..signed.len() {
                let mut headers = signed.clone();
                let value = &mut headers[index].1;
                let mut bytes = value.clone().into_bytes();
                let i = at.index(bytes.len());
                bytes[i] = other_char(bytes[i], pick);
                *value = String::from_utf8(bytes).unwrap();
                let result = verify(&*verifier, &headers, &url, &body);
                prop_assert!(result.is_err(), "{}: {} changed and accepted", id, headers[index].0);
            }
        }
    }
}

/// The model and the crate agree on what a sample of awkward bodies decode to.
#[test]
fn the_model_decodes_as_the_sdks() {
    assert_eq!(twilio_model(b"b=2&a=%7A&a=y&&c&=x").unwrap(), b"xayazb2c");
    assert_eq!(twilio_model(b"a=%zz%4&a=%zz%4").unwrap(), b"a%zz%4");
    assert_eq!(twilio_model(b"a=%FF"), None);
    assert_eq!(twilio_model(b"a=b"), twilio_model(b"a&b"));
}
