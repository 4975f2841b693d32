//! The providers that choose a spec per delivery: WebSub (the method named in
//! `X-Hub-Signature`) and DocuSign (`X-DocuSign-Signature-1` … `-10`, one per active key).
//!
//! Input: the delivery format of `hooksign_fuzz` (`@now`, `Name:value` lines, blank line, body).
//! Invariants:
//! - verify never panics and agrees with a reference model written from the sources cited in
//!   `src/provider/websub.rs` and `src/provider/docusign.rs`:
//!   - WebSub: the value is `<method>=<hex>`, the method one of `sha256`, `sha384`, `sha512`
//!     (and `sha1` with the legacy option); accepted exactly when the hex, in either case, is
//!     the HMAC of the body under the named hash for some secret (the first reported);
//!   - DocuSign: the numbered headers are read in order; a repeated one with differing values
//!     is refused; the first present header equal to the canonical base64 HMAC-SHA256 of the
//!     body under some secret accepts (that secret reported);
//! - the common outcome checks (no secret or computed signature in errors or `Debug`);
//! - sign→verify round-trips, a flipped body byte fails.
#![no_main]
#![forbid(unsafe_code)]

use std::sync::LazyLock;

use hooksign::provider::spec::Algorithm;
use hooksign::{DocuSign, Message, Sign, WebSub};
use hooksign_fuzz::*;
use libfuzzer_sys::fuzz_target;

const SECRETS: &[&str] = &[
    "hooksign-dispatch-secret-0001",
    "hooksign-dispatch-secret-0002",
    "hooksign-dispatch-secret-0003",
];

/// WebSub's recognised methods, with their hashes.
const METHODS: [(&str, Algorithm); 4] = [
    ("sha1", Algorithm::Sha1),
    ("sha256", Algorithm::Sha256),
    ("sha384", Algorithm::Sha384),
    ("sha512", Algorithm::Sha512),
];

struct Fixture {
    websub: WebSub,
    websub_sha1: WebSub,
    docusign: DocuSign,
    keys: Vec<Vec<u8>>,
}

static FX: LazyLock<Fixture> = LazyLock::new(|| {
    let websub = WebSub::new(labelled(SECRETS));
    Fixture {
        websub_sha1: websub.clone().with_legacy_sha1(),
        websub,
        docusign: DocuSign::new(labelled(SECRETS)),
        keys: SECRETS.iter().map(|s| s.as_bytes().to_vec()).collect(),
    }
});

fn websub_model(d: &Delivery<'_>, keys: &[Vec<u8>], sha1: bool) -> (Model, Vec<String>) {
    let Lookup::One(value) = d.lookup("X-Hub-Signature") else {
        return (Model::Reject, Vec::new());
    };
    let (method, signature) = value.split_once('=').unwrap_or((value, ""));
    let Some((_, algorithm)) = METHODS
        .iter()
        .find(|(name, _)| *name == method && (sha1 || *name != "sha1"))
    else {
        return (Model::Reject, Vec::new());
    };
    let expected: Vec<String> = RefKeys::new(*algorithm, keys).hex(&[d.body]);
    let received = signature.to_ascii_lowercase();
    let index = expected.iter().position(|e| *e == received);
    (with_window(index, Model::Ok(0)), expected)
}

fn docusign_model(d: &Delivery<'_>, expected: &[String]) -> Model {
    for n in 1..=10 {
        match d.lookup(&format!("X-DocuSign-Signature-{n}")) {
            Lookup::Absent => continue,
            Lookup::Unusable => return Model::Reject,
            Lookup::One(value) => {
                if let Some(i) = expected.iter().position(|e| e == value) {
                    return Model::Ok(i);
                }
            }
        }
    }
    Model::Reject
}

fuzz_target!(|data: &[u8]| {
    let fx = &*FX;
    let d = Delivery::parse(data);

    for (provider, sha1) in [(&fx.websub, false), (&fx.websub_sha1, true)] {
        let (model, expected) = websub_model(&d, &fx.keys, sha1);
        let forbidden = Forbidden {
            secrets: SECRETS,
            expected,
            input: data,
        };
        let result = hooksign::verify_at(provider, &d.headers, d.body, d.now);
        check_outcome(&result, WebSub::ID, SECRETS.len(), d.body, &forbidden);
        check_model(&result, model, &d);
        if let Ok(v) = &result {
            assert!(v.timestamp().is_none() && v.idempotency_key().is_none());
        }
    }

    let expected = RefKeys::new(Algorithm::Sha256, &fx.keys).base64(&[d.body]);
    let forbidden = Forbidden {
        secrets: SECRETS,
        expected: expected.clone(),
        input: data,
    };
    let result = hooksign::verify_at(&fx.docusign, &d.headers, d.body, d.now);
    check_outcome(&result, DocuSign::ID, SECRETS.len(), d.body, &forbidden);
    trace(&result);
    check_model(&result, docusign_model(&d, &expected), &d);

    // Round trips: each signs with its first secret; a flipped body byte fails.
    let message = Message::new(d.body);
    for signed in [
        fx.websub.sign_at(&message, d.now).expect("WebSub signing"),
        fx.docusign.sign_at(&message, d.now).expect("DocuSign signing"),
    ] {
        let (name, _) = signed.iter().next().expect("one header");
        let provider: &dyn hooksign::Verify = if name == "X-Hub-Signature" {
            &fx.websub
        } else {
            &fx.docusign
        };
        let v = hooksign::verify_at(provider, &signed, d.body, d.now).expect("round trip");
        assert_eq!(v.secret_index(), 0);
        assert_mismatch(hooksign::verify_at(
            provider,
            &signed,
            &tampered(d.body, d.now.as_millis()),
            d.now,
        ));
    }
});
