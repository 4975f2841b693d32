//! The URL-and-body family: Square (`{url}{body}`, HMAC-SHA256 base64), Trello
//! (`{body}{url}`, HMAC-SHA1 base64) and HubSpot (v1 `sha256(secret + body)`, v2
//! `sha256(secret + method + url + body)` hex; v3 HMAC-SHA256 base64 of `method + decoded url +
//! body + timestamp`, 300 s past window; the version chosen by `X-HubSpot-Signature-Version`).
//!
//! Input: the delivery format of `hooksign_fuzz`, where the pseudo-headers `~url:` and
//! `~method:` give the request's URL and method (removed before verifying; absent or empty,
//! fixed defaults are used, so every verification has both).
//! Invariants:
//! - verify never panics and agrees with a reference model written here from the providers'
//!   docs and SDKs (HMAC from the `hmac` crate, SHA-256 from `sha2`, base64/hex from their
//!   crates, its own URI decoding and header lookup): accept/reject, secret index, timestamp,
//!   stale vs other rejections; for Square and Trello both unpinned (the delivery's URL) and
//!   pinned to a registered URL; for HubSpot both as the SDK chooses versions and
//!   `require_v3`;
//! - the common outcome checks, and the event type / idempotency key from the body;
//! - sign→verify round-trips (each provider, HubSpot in each version), a flipped body byte is
//!   `SignatureMismatch`, and no URL is `MissingRequestPart`.
#![no_main]
#![forbid(unsafe_code)]

use std::sync::LazyLock;

use base64::Engine as _;
use hooksign::provider::spec::Algorithm;
use hooksign::{
    Error, HubSpot, HubSpotVersion, Message, Sign, Square, Trello, UnixTime, Verified, Verify,
};
use hooksign_fuzz::*;
use libfuzzer_sys::fuzz_target;
use sha2::Digest as _;

/// Every secret of the valid vectors (tests/vectors/{square,trello,hubspot}.json), so the
/// valid seeds verify, and one more.
const SECRETS: &[&str] = &[
    "hooksign-square-signature-key",
    "hooksign-square-rotated-key",
    "hooksign-trello-app-secret",
    "hooksign-trello-other-secret",
    "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy",
    "hooksign-hubspot-client-secret-0001",
    "hooksign-hubspot-client-secret-0002",
];
const SQUARE_URL: &str = "https://example.com/webhooks/square";
const TRELLO_URL: &str = "https://example.com/webhooks/trello?board=1";
const DEFAULT_URL: &str = "https://example.com/webhooks/in?a=1";
const DEFAULT_METHOD: &str = "POST";

struct Fixture {
    square: Square,
    square_pinned: Square,
    trello: Trello,
    trello_pinned: Trello,
    hubspot: HubSpot,
    hubspot_v3: HubSpot,
}

static FX: LazyLock<Fixture> = LazyLock::new(|| Fixture {
    square: Square::new(labelled(SECRETS)),
    square_pinned: Square::new(labelled(SECRETS)).with_notification_url(SQUARE_URL),
    trello: Trello::new(labelled(SECRETS)),
    trello_pinned: Trello::new(labelled(SECRETS)).with_callback_url(TRELLO_URL),
    hubspot: HubSpot::new(labelled(SECRETS)),
    hubspot_v3: HubSpot::new(labelled(SECRETS)).require_v3(),
});

fn b64(tag: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(tag)
}

fn hmacs(algorithm: Algorithm, parts: &[&[u8]]) -> Vec<String> {
    SECRETS
        .iter()
        .map(|s| b64(&hmac(algorithm, s.as_bytes(), parts)))
        .collect()
}

fn prefixed_sha256(parts: &[&[u8]]) -> Vec<String> {
    SECRETS
        .iter()
        .map(|s| {
            let mut h = sha2::Sha256::new();
            h.update(s.as_bytes());
            for p in parts {
                h.update(p);
            }
            hex::encode(h.finalize())
        })
        .collect()
}

/// The index of the first expected signature equal to the header's single value.
fn matching(d: &Delivery<'_>, header: &str, expected: &[String]) -> Option<usize> {
    match d.lookup(header) {
        Lookup::One(v) => expected.iter().position(|e| e == v),
        _ => None,
    }
}

/// HubSpot v3's URI: the docs' table decoded (upper-case spellings only), one pass.
fn decode_v3(uri: &str) -> Vec<u8> {
    const TABLE: &[(&str, u8)] = &[
        ("%3A", b':'),
        ("%2F", b'/'),
        ("%3F", b'?'),
        ("%40", b'@'),
        ("%21", b'!'),
        ("%24", b'$'),
        ("%27", b'\''),
        ("%28", b'('),
        ("%29", b')'),
        ("%2A", b'*'),
        ("%2C", b','),
        ("%3B", b';'),
    ];
    let mut out = Vec::new();
    let mut i = 0;
    let bytes = uri.as_bytes();
    while i < bytes.len() {
        let hit = TABLE
            .iter()
            .find(|(escape, _)| bytes[i..].starts_with(escape.as_bytes()));
        match hit {
            Some((_, c)) => {
                out.push(*c);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    out
}

/// The model's verdict for HubSpot, and the timestamp it accepts with.
fn hubspot_model(
    d: &Delivery<'_>,
    url: &str,
    method: &str,
    only_v3: bool,
    expected: &mut Vec<String>,
) -> (Model, Option<u64>) {
    let version = if only_v3 {
        "v3"
    } else {
        match d.lookup("X-HubSpot-Signature-Version") {
            Lookup::One(v @ ("v1" | "v2" | "v3")) => v,
            Lookup::One(_) | Lookup::Unusable => return (Model::Reject, None),
            Lookup::Absent => match d.lookup("X-HubSpot-Signature") {
                Lookup::Absent => "v3",
                _ => "v1",
            },
        }
    };
    match version {
        "v1" => {
            let e = prefixed_sha256(&[d.body]);
            let index = matching(d, "X-HubSpot-Signature", &e);
            expected.extend(e);
            (with_window(index, Model::Ok(0)), None)
        }
        "v2" => {
            let e = prefixed_sha256(&[method.as_bytes(), url.as_bytes(), d.body]);
            let index = matching(d, "X-HubSpot-Signature", &e);
            expected.extend(e);
            (with_window(index, Model::Ok(0)), None)
        }
        _ => {
            if !matches!(d.lookup("X-HubSpot-Signature-v3"), Lookup::One(_)) {
                return (Model::Reject, None);
            }
            let Lookup::One(ts) = d.lookup("X-HubSpot-Request-Timestamp") else {
                return (Model::Reject, None);
            };
            if ts.is_empty() || ts.len() > 19 || !ts.bytes().all(|b| b.is_ascii_digit()) {
                return (Model::Reject, None);
            }
            let millis: u64 = ts.parse().unwrap();
            if d.now.as_millis().saturating_sub(millis) > 300_000 {
                return (Model::TooOld, None);
            }
            let uri = decode_v3(url);
            let canonical = millis.to_string();
            let e = hmacs(
                Algorithm::Sha256,
                &[method.as_bytes(), &uri, d.body, canonical.as_bytes()],
            );
            let index = matching(d, "X-HubSpot-Signature-v3", &e);
            expected.extend(e);
            (with_window(index, Model::Ok(0)), Some(millis))
        }
    }
}

fn json_str<'a>(body: &'a [u8], path: &[&str]) -> Option<String> {
    let mut value: serde_json::Value = serde_json::from_slice(body).ok()?;
    for key in path {
        value = value.get(*key)?.clone();
    }
    value.as_str().map(str::to_owned)
}

fn check(
    result: &Result<Verified<'_>, Error>,
    id: &str,
    d: &Delivery<'_>,
    model: Model,
    forbidden: &Forbidden<'_>,
) {
    check_outcome(result, id, SECRETS.len(), d.body, forbidden);
    trace(result);
    check_model(result, model, d);
}

fuzz_target!(|data: &[u8]| {
    let fx = &*FX;
    let mut d = Delivery::parse(data);
    let pseudo = |d: &Delivery<'_>, name: &str| {
        d.headers
            .iter()
            .find(|(n, v)| n == name && !v.is_empty())
            .map(|(_, v)| v.clone())
    };
    let url = pseudo(&d, "~url").unwrap_or_else(|| DEFAULT_URL.to_owned());
    let method = pseudo(&d, "~method").unwrap_or_else(|| DEFAULT_METHOD.to_owned());
    d.headers.retain(|(n, _)| !n.starts_with('~'));
    let request = hooksign::Delivery::new(&d.headers, d.body)
        .with_url(&url)
        .with_method(&method);

    // Square and Trello, with the delivery's URL and pinned.
    for (provider, signed_url) in [(&fx.square, url.as_str()), (&fx.square_pinned, SQUARE_URL)] {
        let e = hmacs(Algorithm::Sha256, &[signed_url.as_bytes(), d.body]);
        let model = with_window(
            matching(&d, "X-Square-HmacSha256-Signature", &e),
            Model::Ok(0),
        );
        let result = provider.verify_at(&request, d.now);
        let forbidden = Forbidden {
            secrets: SECRETS,
            expected: e,
            input: data,
        };
        check(&result, Square::ID, &d, model, &forbidden);
        if let Ok(v) = &result {
            assert!(v.timestamp().is_none());
            assert_eq!(
                v.event_type().map(|t| t.into_owned()),
                json_str(d.body, &["type"])
            );
        }
    }
    for (provider, signed_url) in [(&fx.trello, url.as_str()), (&fx.trello_pinned, TRELLO_URL)] {
        let e = hmacs(Algorithm::Sha1, &[d.body, signed_url.as_bytes()]);
        let model = with_window(matching(&d, "X-Trello-Webhook", &e), Model::Ok(0));
        let result = provider.verify_at(&request, d.now);
        let forbidden = Forbidden {
            secrets: SECRETS,
            expected: e,
            input: data,
        };
        check(&result, Trello::ID, &d, model, &forbidden);
        if let Ok(v) = &result {
            assert_eq!(
                v.event_type().map(|t| t.into_owned()),
                json_str(d.body, &["action", "type"])
            );
        }
    }
    for (provider, only_v3) in [(&fx.hubspot, false), (&fx.hubspot_v3, true)] {
        let mut e = Vec::new();
        let (model, millis) = hubspot_model(&d, &url, &method, only_v3, &mut e);
        let result = provider.verify_at(&request, d.now);
        let forbidden = Forbidden {
            secrets: SECRETS,
            expected: e,
            input: data,
        };
        check(&result, HubSpot::ID, &d, model, &forbidden);
        if let Ok(v) = &result {
            assert_eq!(v.timestamp(), millis.map(UnixTime::from_millis));
            assert!(v.idempotency_key().is_none());
        }
    }

    // Round trips: each provider signs; it and a fresh verifier accept; a flipped body byte is
    // a mismatch; a delivery without the URL is refused for lack of it.
    let message = Message::new(d.body).with_url(&url).with_method(&method);
    let signers: [(&dyn SignVerify, bool); 5] = [
        (&fx.square, true),
        (&fx.trello, true),
        (&fx.hubspot, true),
        (
            &HubSpot::new(labelled(SECRETS)).signing_version(HubSpotVersion::V2),
            true,
        ),
        (
            &HubSpot::new(labelled(SECRETS)).signing_version(HubSpotVersion::V1),
            false,
        ),
    ];
    for (signer, signs_url) in signers {
        let signed = match signer.sign_at(&message, d.now) {
            Ok(signed) => signed,
            // HubSpot v3 refuses a clock past 19 digits of milliseconds (verification reads
            // no more); nothing else is refused with a URL and method.
            Err(e) => {
                assert!(d.now.as_millis() > 9_999_999_999_999_999_999, "{e:?}");
                continue;
            }
        };
        let ok = hooksign::Delivery::new(&signed, d.body)
            .with_url(&url)
            .with_method(&method);
        let v = signer.verify_at(&ok, d.now).expect("round trip");
        assert_eq!(v.secret_index(), 0);
        let body = tampered(d.body, d.now.as_millis());
        let bad = hooksign::Delivery::new(&signed, &body)
            .with_url(&url)
            .with_method(&method);
        assert_mismatch(signer.verify_at(&bad, d.now));
        let no_url = hooksign::Delivery::new(&signed, d.body).with_method(&method);
        let result = signer.verify_at(&no_url, d.now).map(|_| ());
        if signs_url {
            assert_eq!(result, Err(Error::MissingRequestPart { part: "url" }));
        } else {
            assert_eq!(result, Ok(()));
        }
    }
});

trait SignVerify: Sign + Verify {}
impl<T: Sign + Verify> SignVerify for T {}
