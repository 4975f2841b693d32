//! No `Debug` or `Display` output of secrets, providers, verified deliveries or errors shows
//! secret material or an expected signature.

mod common;

use common::{IDS, body_for, message, provider, secret_for};
use hooksign::{AnyProvider, Secret, SecretSet, Sign, UnixTime};

const RAW: &[u8] = b"SUPER-SECRET-bytes-0123456789abcdef";

fn forbidden(id: &str) -> Vec<String> {
    let secret = secret_for(id, RAW);
    let mut needles = vec![secret.clone(), String::from_utf8_lossy(RAW).into_owned()];
    // Any 12-character window of the secret is a leak too.
    let chars: Vec<char> = secret.chars().collect();
    for w in chars.windows(12) {
        needles.push(w.iter().collect());
    }
    needles
}

fn assert_clean(id: &str, what: &str, text: &str, extra: &[String]) {
    for needle in forbidden(id).iter().chain(extra) {
        assert!(
            !text.contains(needle.as_str()),
            "{id}: {what} shows secret material {needle:?}: {text}"
        );
    }
}

#[test]
fn nothing_prints_secrets_or_expected_signatures() {
    let now = UnixTime::from_secs(1_700_000_000);
    for id in IDS.iter().map(String::as_str) {
        let secret = secret_for(id, RAW);
        let set = SecretSet::new([Secret::new(secret.clone()).with_label("current")]).unwrap();
        let p: AnyProvider = provider(id, set.clone());
        assert_clean(id, "SecretSet Debug", &format!("{set:?}"), &[]);
        assert_clean(id, "Secret Debug", &format!("{:?}", set.primary()), &[]);
        assert_clean(id, "provider Debug", &format!("{p:?}"), &[]);

        let body = &body_for(id, br#"{"id":"evt_1","type":"x"}"#, now)[..];
        let signed = p.sign_at(&message(body, "msg_1"), now).unwrap();
        // The signature values are what a forger needs: they must not appear in errors.
        // The spec's signature headers (Microsoft Teams signs into `Authorization`).
        let base = id.strip_suffix("-legacy").unwrap_or(id);
        let spec = common::template_spec(base);
        let signatures: Vec<String> = signed
            .iter()
            .filter(|(n, _)| {
                spec.signature_header
                    .iter()
                    .any(|h| h.as_str().eq_ignore_ascii_case(n))
                    || n.to_ascii_lowercase().contains("signature")
                    || n.to_ascii_lowercase().contains("hmac")
            })
            .flat_map(|(_, v)| {
                v.split([',', ' ', '='])
                    .filter(|s| s.len() >= 16)
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(!signatures.is_empty(), "{id}: found the signature values");

        let verified = hooksign::verify_at(&p, &signed, body, now).unwrap();
        assert_clean(id, "Verified Debug", &format!("{verified:?}"), &[]);

        // A tampered body: the error must not reveal the signature that would have matched.
        let err = hooksign::verify_at(&p, &signed, b"forged", now).unwrap_err();
        assert_clean(id, "Error Display", &err.to_string(), &signatures);
        assert_clean(id, "Error Debug", &format!("{err:?}"), &signatures);
    }
}

#[test]
fn secret_error_does_not_echo_the_secret() {
    let bad = "whsec_not*base64*SUPER-SECRET";
    let err = hooksign::StandardWebhooks::new(SecretSet::new([bad]).unwrap()).unwrap_err();
    assert!(!err.to_string().contains("SUPER-SECRET"), "{err}");
    assert!(!format!("{err:?}").contains("SUPER-SECRET"), "{err:?}");
}

/// A forged delivery's message (what a 401 response body carries) does not tell the sender how
/// many secrets the receiver holds; the counts stay on the error for the receiver's code.
#[test]
fn a_mismatch_does_not_reveal_the_number_of_secrets() {
    let now = UnixTime::from_secs(1_700_000_000);
    for id in IDS.iter().map(String::as_str) {
        let secrets: Vec<String> = (1..=3u8).map(|i| secret_for(id, &[i; 24])).collect();
        let receiver = provider(id, SecretSet::new(secrets).unwrap());
        let forger = provider(id, SecretSet::new([secret_for(id, &[9; 24])]).unwrap());
        let body = b"{\"id\":\"evt_1\"}";
        let signed = forger.sign_at(&message(body, "msg_1"), now).unwrap();
        let err = hooksign::verify_at(&receiver, &signed, body, now).unwrap_err();
        assert_eq!(err.code(), "signature_mismatch", "{id}");
        let text = err.to_string();
        assert!(
            !text.contains('3') && !text.contains("secret"),
            "{id}: {text}"
        );
        assert!(
            matches!(err, hooksign::Error::SignatureMismatch { secrets: 3, .. }),
            "{id}: {err:?}"
        );
    }
}
