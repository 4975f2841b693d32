//! The providers that choose a spec per delivery: WebSub and Jira (the method named in
//! `X-Hub-Signature`), DocuSign (`X-DocuSign-Signature-1` … `-10`, one per active key) and
//! Persona (space-separated `t=…,v1=…` groups, one per secret while rotating) and Box
//! (`BOX-SIGNATURE-PRIMARY`, then `-SECONDARY`).
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
//!   - Persona: the header is split on spaces into at most four groups (a fifth, reached with
//!     no match, is refused); each group is a `,`-separated `key=value` list whose `t` (digits,
//!     repeats equal) is signed as `{t}.{body}` and whose `v1` values are lower-case hex
//!     candidates; the first group with a match accepts (no window by default);
//!   - Box: `BOX-SIGNATURE-VERSION` must be `1` and `BOX-SIGNATURE-ALGORITHM` `HmacSHA256`;
//!     with a signature header present, `BOX-DELIVERY-TIMESTAMP` (RFC 3339, the reference's
//!     parser) must be at most 600 s old and not ahead of the clock, else the window's error;
//!     then the primary header, then the secondary, each equal to the canonical base64
//!     HMAC-SHA256 of the body followed by the timestamp text under some secret, accepts;
//! - the common outcome checks (no secret or computed signature in errors or `Debug`);
//! - sign→verify round-trips, a flipped body byte fails.
#![no_main]
#![forbid(unsafe_code)]

use std::sync::LazyLock;

use hooksign::provider::spec::Algorithm;
use hooksign::{BoxWebhooks, DocuSign, Jira, Message, Persona, Sign, UnixTime, Verify, WebSub};
use hooksign_fuzz::reference::rfc3339_secs;
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
    jira: Jira,
    websub_sha1: WebSub,
    docusign: DocuSign,
    persona: Persona,
    box_com: BoxWebhooks,
    keys: Vec<Vec<u8>>,
}

static FX: LazyLock<Fixture> = LazyLock::new(|| {
    let websub = WebSub::new(labelled(SECRETS));
    Fixture {
        jira: Jira::new(labelled(SECRETS)),
        websub_sha1: websub.clone().with_legacy_sha1(),
        websub,
        docusign: DocuSign::new(labelled(SECRETS)),
        persona: Persona::new(labelled(SECRETS)),
        box_com: BoxWebhooks::new(labelled(SECRETS)),
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

/// One Persona group's timestamp text and signatures, or `None` if the group is malformed
/// (or has no signature) and so cannot match.
fn persona_group(group: &str) -> Option<(&str, Vec<&str>)> {
    let mut t: Option<&str> = None;
    let mut signatures = Vec::new();
    for element in group.split(',') {
        let (key, value) = match element.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (element, None),
        };
        match (key, value) {
            ("t", Some(v)) => match t {
                Some(first) if first != v => return None,
                _ => t = Some(v),
            },
            ("t", None) | ("v1", None) => return None,
            ("v1", Some(v)) => signatures.push(v),
            _ => {}
        }
    }
    let t =
        t.filter(|t| !t.is_empty() && t.len() <= 19 && t.bytes().all(|b| b.is_ascii_digit()))?;
    (!signatures.is_empty() && signatures.len() <= MAX_SIGNATURES).then_some((t, signatures))
}

fn persona_model(d: &Delivery<'_>, keys: &[Vec<u8>]) -> (Model, Vec<String>) {
    let Lookup::One(value) = d.lookup("Persona-Signature") else {
        return (Model::Reject, Vec::new());
    };
    let refs = RefKeys::new(Algorithm::Sha256, keys);
    let mut computed = Vec::new();
    for (index, group) in value.split(' ').enumerate() {
        if index == 4 {
            return (Model::Reject, computed);
        }
        let Some((t, signatures)) = persona_group(group) else {
            continue;
        };
        let expected = refs.hex(&[t.as_bytes(), b".", d.body]);
        let found = expected
            .iter()
            .position(|e| signatures.contains(&e.as_str()));
        computed.extend(expected);
        if let Some(i) = found {
            return (Model::Ok(i), computed);
        }
    }
    (Model::Reject, computed)
}

fn box_model(d: &Delivery<'_>, keys: &[Vec<u8>]) -> (Model, Vec<String>) {
    let fixed = [
        ("BOX-SIGNATURE-VERSION", "1"),
        ("BOX-SIGNATURE-ALGORITHM", "HmacSHA256"),
    ];
    if fixed
        .iter()
        .any(|(name, value)| d.lookup(name) != Lookup::One(value))
    {
        return (Model::Reject, Vec::new());
    }
    // Each present signature header is one verification (the timestamp read and windowed
    // first, the delivery id read after a match); the first one's failure is reported.
    let mut expected = Vec::new();
    let mut first_failure = None;
    for name in ["BOX-SIGNATURE-PRIMARY", "BOX-SIGNATURE-SECONDARY"] {
        let value = match d.lookup(name) {
            Lookup::Absent => continue,
            Lookup::Unusable => return (Model::Reject, expected),
            Lookup::One(value) => value,
        };
        let failure = match d.lookup("BOX-DELIVERY-TIMESTAMP") {
            Lookup::One(text) => match rfc3339_secs(text) {
                Some(secs) => {
                    let (ts, now) = (u128::from(secs) * 1000, u128::from(d.now.as_millis()));
                    if now.saturating_sub(ts) > 600_000 {
                        Model::TooOld
                    } else if ts > now {
                        Model::TooNew
                    } else {
                        expected = RefKeys::new(Algorithm::Sha256, keys)
                            .base64(&[d.body, text.as_bytes()]);
                        match expected.iter().position(|e| e == value) {
                            Some(i) if d.lookup("BOX-DELIVERY-ID") != Lookup::Unusable => {
                                return (Model::Ok(i), expected);
                            }
                            _ => Model::Reject,
                        }
                    }
                }
                None => Model::Reject,
            },
            _ => Model::Reject,
        };
        first_failure.get_or_insert(failure);
    }
    (first_failure.unwrap_or(Model::Reject), expected)
}

fuzz_target!(|data: &[u8]| {
    let fx = &*FX;
    let mut d = Delivery::parse(data);
    // Past the year 9999 there is no RFC 3339 text for Box to sign: no system clock is there.
    d.now = UnixTime::from_millis(d.now.as_millis().min(253_402_300_799_999));

    // Jira is the WebSub scheme under its own id.
    let method_named: [(&dyn Verify, bool); 3] = [
        (&fx.websub, false),
        (&fx.websub_sha1, true),
        (&fx.jira, false),
    ];
    for (provider, sha1) in method_named {
        let (model, expected) = websub_model(&d, &fx.keys, sha1);
        let forbidden = Forbidden {
            secrets: SECRETS,
            expected,
            input: data,
        };
        let result = hooksign::verify_at(provider, &d.headers, d.body, d.now);
        check_outcome(&result, provider.id(), SECRETS.len(), d.body, &forbidden);
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

    let (model, expected) = persona_model(&d, &fx.keys);
    let forbidden = Forbidden {
        secrets: SECRETS,
        expected,
        input: data,
    };
    let result = hooksign::verify_at(&fx.persona, &d.headers, d.body, d.now);
    check_outcome(&result, Persona::ID, SECRETS.len(), d.body, &forbidden);
    check_model(&result, model, &d);

    let (model, expected) = box_model(&d, &fx.keys);
    let forbidden = Forbidden {
        secrets: SECRETS,
        expected,
        input: data,
    };
    let result = hooksign::verify_at(&fx.box_com, &d.headers, d.body, d.now);
    check_outcome(&result, BoxWebhooks::ID, SECRETS.len(), d.body, &forbidden);
    check_model(&result, model, &d);

    // Round trips: each signs with its first secret; a flipped body byte fails.
    let message = Message::new(d.body);
    let providers: [&dyn Sign; 4] = [&fx.websub, &fx.docusign, &fx.persona, &fx.box_com];
    let verifiers: [&dyn hooksign::Verify; 4] =
        [&fx.websub, &fx.docusign, &fx.persona, &fx.box_com];
    for (signer, provider) in providers.into_iter().zip(verifiers) {
        let signed = signer.sign_at(&message, d.now).expect("signing");
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
