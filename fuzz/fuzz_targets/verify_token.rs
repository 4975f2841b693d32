//! The token family: GitLab (`X-Gitlab-Token`), Telegram (`X-Telegram-Bot-Api-Secret-Token`),
//! Okta (`Authorization`, and a configured header name).
//!
//! Input: the delivery format of `hooksign_fuzz` (`@now`, `Name:value` lines, blank line, body).
//! Invariants:
//! - verify never panics and agrees with a reference model: the header (looked up by the
//!   reference's own lookup) is present, usable and byte-for-byte one of the tokens (the first
//!   equal one is reported); the body plays no part;
//! - the common outcome checks (no token in an error or `Debug`); GitLab's id, event type and
//!   idempotency key are its headers;
//! - sign→verify round-trips; the token with any one byte changed, a byte more or a byte less
//!   is refused.
#![no_main]
#![forbid(unsafe_code)]

use std::sync::LazyLock;

use hooksign::{AnyProvider, Message, Okta, Sign};
use hooksign_fuzz::*;
use libfuzzer_sys::fuzz_target;

const GITLAB: &[&str] = &["hooksign-gitlab-secret-token-1", "Bearer secret token 2", "t"];
const TELEGRAM: &[&str] = &["hooksign_Telegram-secret_0123456789", "A", "tg-token_2"];
const OKTA: &[&str] = &["hooksign-okta-authentication-secret", "Basic dXNlcjpwYXNz"];

struct Case {
    provider: AnyProvider,
    id: &'static str,
    header: &'static str,
    tokens: &'static [&'static str],
}

static CASES: LazyLock<Vec<Case>> = LazyLock::new(|| {
    let build = |id, tokens| AnyProvider::from_id(id, labelled(tokens)).unwrap();
    vec![
        Case { provider: build("gitlab", GITLAB), id: "gitlab", header: "X-Gitlab-Token", tokens: GITLAB },
        Case {
            provider: build("telegram", TELEGRAM),
            id: "telegram",
            header: "X-Telegram-Bot-Api-Secret-Token",
            tokens: TELEGRAM,
        },
        Case { provider: build("okta", OKTA), id: "okta", header: "Authorization", tokens: OKTA },
        Case {
            provider: AnyProvider::new(Okta::new(labelled(OKTA)).unwrap().with_header("X-Okta-Auth").unwrap()),
            id: "okta",
            header: "X-Okta-Auth",
            tokens: OKTA,
        },
    ]
});

fn one<'a>(d: &'a Delivery<'_>, name: &str) -> Option<&'a str> {
    match d.lookup(name) {
        Lookup::One(v) => Some(v),
        _ => None,
    }
}

fuzz_target!(|data: &[u8]| {
    let d = Delivery::parse(data);
    for case in CASES.iter() {
        let forbidden = Forbidden {
            secrets: case.tokens,
            expected: Vec::new(),
            input: data,
        };
        let result = hooksign::verify_at(&case.provider, &d.headers, d.body, d.now);
        check_outcome(&result, case.id, case.tokens.len(), d.body, &forbidden);
        trace(&result);
        let model = match d.lookup(case.header) {
            Lookup::One(v) => case
                .tokens
                .iter()
                .position(|t| *t == v)
                .map_or(Model::Reject, Model::Ok),
            _ => Model::Reject,
        };
        // GitLab's metadata headers, when present, must be usable (one value): an ambiguous
        // idempotency key or event type is refused, as for the template providers.
        let metadata = ["X-Gitlab-Event", "Idempotency-Key", "X-Gitlab-Webhook-UUID"];
        let model = if case.id == "gitlab" && metadata.iter().any(|h| d.lookup(h) == Lookup::Unusable) {
            Model::Reject
        } else {
            model
        };
        check_model(&result, model, &d);
        if let (Ok(v), "gitlab") = (&result, case.id) {
            assert_eq!(v.id(), one(&d, "X-Gitlab-Webhook-UUID"));
            assert_eq!(v.event_type().as_deref(), one(&d, "X-Gitlab-Event"));
            assert_eq!(
                v.idempotency_key().map(|k| k.into_string()),
                one(&d, "Idempotency-Key").map(|k| format!("gitlab:{k}"))
            );
        }

        // Round trip, and near misses of the primary token.
        let signed = case.provider.sign_at(&Message::new(d.body), d.now).unwrap();
        let v = hooksign::verify_at(&case.provider, &signed, d.body, d.now).expect("round trip");
        assert_eq!(v.secret_index(), 0);
        let token = case.tokens[0];
        let seed = d.body.iter().fold(0usize, |a, &b| a.wrapping_mul(31).wrapping_add(usize::from(b)));
        let mut changed = token.as_bytes().to_vec();
        let at = seed % changed.len();
        changed[at] = if changed[at] == b'~' { b'!' } else { changed[at] + 1 };
        let misses = [
            String::from_utf8(changed).unwrap(),
            format!("{token}{}", char::from(b'!' + (seed % 90) as u8)),
            token[..token.len() - 1].to_owned(),
        ];
        for miss in &misses {
            if case.tokens.contains(&miss.as_str()) {
                continue;
            }
            let headers = [(case.header, miss.as_str())];
            assert!(
                hooksign::verify_at(&case.provider, &headers, d.body, d.now).is_err(),
                "{} accepted {miss:?}",
                case.id
            );
        }
    }
});
