//! Property tests: signing and verifying are inverses, and any single-bit change to what is
//! signed is rejected.

mod common;

use common::{IDS, body_for, message, provider, secret_for};
use hooksign::provider::spec::{Encoding, Labels, SignatureFormat};
use hooksign::{SecretSet, Sign, SignedHeaders, UnixTime};
use proptest::prelude::*;

/// Headers as owned pairs, so one value can be altered.
fn pairs(signed: &SignedHeaders) -> Vec<(String, String)> {
    signed
        .iter()
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect()
}

/// Flips bit `bit` (0..7, so the value stays ASCII) of byte `at` of header `name`'s value.
fn flip_header(headers: &mut [(String, String)], name: &str, at: usize, bit: u8) -> bool {
    let Some((_, value)) = headers
        .iter_mut()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
    else {
        return false;
    };
    if value.is_empty() {
        return false;
    }
    let mut bytes = value.clone().into_bytes();
    let i = at % bytes.len();
    bytes[i] ^= 1 << (bit % 7);
    *value = String::from_utf8(bytes).expect("ASCII stays ASCII");
    true
}

/// Whether flipping bit `bit` of byte `at` of `name` changes nothing the provider reads, so
/// that accepting it is not a failure:
/// - a label in a versioned list whose provider ignores labels (Replicate's SDK takes the
///   signature after any `label,`);
/// - the case of a hex letter in a signature compared in any case (`Encoding::HexAnyCase`:
///   WebSub, Notion): bit 5 of an ASCII letter is its case.
fn flips_nothing_read(
    id: &str,
    headers: &[(String, String)],
    name: &str,
    at: usize,
    bit: u8,
) -> bool {
    let spec = common::template_spec(id);
    let is_signature = spec
        .signature_header
        .iter()
        .any(|h| h.as_str().eq_ignore_ascii_case(name));
    let value = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str());
    let Some(value) = value.filter(|v| is_signature && !v.is_empty()) else {
        return false;
    };
    let i = at % value.len();
    if spec.encoding == Encoding::HexAnyCase
        && bit % 7 == 5
        && value.as_bytes()[i].is_ascii_alphabetic()
    {
        return true;
    }
    if matches!(
        spec.format,
        SignatureFormat::Versioned {
            labels: Labels::Any,
            ..
        }
    ) {
        // Inside an entry's label: after the entry's start, before its comma.
        let entry_start = value[..i].rfind(' ').map_or(0, |space| space + 1);
        return !value[entry_start..=i].contains(',');
    }
    false
}

fn id_strategy() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_-]{1,40}"
}

fn secret_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 1..64)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn sign_then_verify_accepts(
        which in 0..IDS.len(),
        body in prop::collection::vec(any::<u8>(), 0..2048),
        raw in secret_bytes(),
        id in id_strategy(),
        ts in 1_000_000_000u64..4_000_000_000,
    ) {
        let name = IDS[which].as_str();
        let p = provider(name, SecretSet::new([secret_for(name, &raw)]).unwrap());
        let now = UnixTime::from_secs(ts);
        let body = body_for(name, &body, now);
        let signed = p.sign_at(&message(&body, &id), now).unwrap();
        let verified = hooksign::verify_at(&p, &signed, &body, now).unwrap();
        prop_assert_eq!(verified.secret_index(), 0);
        prop_assert_eq!(verified.body(), &body[..]);
        if let Some(t) = verified.timestamp() {
            prop_assert_eq!(t.as_secs(), ts);
        }
    }

    #[test]
    fn any_body_bit_flip_is_rejected(
        which in 0..IDS.len(),
        body in prop::collection::vec(any::<u8>(), 1..1024),
        raw in secret_bytes(),
        at in any::<usize>(),
        bit in 0u8..8,
    ) {
        let name = IDS[which].as_str();
        let p = provider(name, SecretSet::new([secret_for(name, &raw)]).unwrap());
        let now = UnixTime::from_secs(1_700_000_000);
        let body = body_for(name, &body, now);
        let signed = p.sign_at(&message(&body, "msg_1"), now).unwrap();
        let mut tampered = body;
        let i = at % tampered.len();
        tampered[i] ^= 1 << bit;
        let err = hooksign::verify_at(&p, &signed, &tampered, now).unwrap_err();
        prop_assert_eq!(err.code(), "signature_mismatch");
    }

    #[test]
    fn any_bit_flip_in_a_signed_header_is_rejected(
        which in 0..IDS.len(),
        body in prop::collection::vec(any::<u8>(), 0..512),
        raw in secret_bytes(),
        id in id_strategy(),
        header_choice in any::<usize>(),
        at in any::<usize>(),
        bit in 0u8..7,
    ) {
        let name = IDS[which].as_str();
        let p = provider(name, SecretSet::new([secret_for(name, &raw)]).unwrap());
        let now = UnixTime::from_secs(1_700_000_000);
        let body = body_for(name, &body, now);
        let signed = p.sign_at(&message(&body, &id), now).unwrap();
        // The headers whose bytes the signature depends on: the signature itself, the
        // timestamp and the message id where they are signed.
        // Read from the registry: a provider added there is tested here unchanged.
        let base = name.strip_suffix("-legacy").unwrap_or(name);
        let candidates: Vec<&str> = hooksign::provider::find(base)
            .unwrap()
            .signed_headers()
            .filter(|h| signed.iter().any(|(n, _)| n.eq_ignore_ascii_case(h)))
            .collect();
        prop_assert!(!candidates.is_empty(), "{} signs none of its signed headers", name);
        let header = candidates[header_choice % candidates.len()];
        let mut headers = pairs(&signed);
        prop_assume!(!flips_nothing_read(base, &headers, header, at, bit));
        prop_assert!(flip_header(&mut headers, header, at, bit));
        prop_assert!(hooksign::verify_at(&p, &headers, &body, now).is_err(), "{} accepted after a flip in {}", name, header);
    }

    #[test]
    fn rotation_reports_the_matching_secret(
        which in 0..IDS.len(),
        raws in prop::collection::vec(secret_bytes(), 1..5),
        pick in any::<usize>(),
        body in prop::collection::vec(any::<u8>(), 0..256),
    ) {
        let name = IDS[which].as_str();
        let secrets: Vec<String> = raws.iter().map(|r| secret_for(name, r)).collect();
        prop_assume!(secrets.iter().collect::<std::collections::HashSet<_>>().len() == secrets.len());
        let signer_index = pick % secrets.len();
        let sender = provider(name, SecretSet::new([secrets[signer_index].clone()]).unwrap());
        let receiver = provider(name, SecretSet::new(secrets).unwrap());
        let now = UnixTime::from_secs(1_700_000_000);
        let body = body_for(name, &body, now);
        let signed = sender.sign_at(&message(&body, "msg_rot"), now).unwrap();
        let verified = hooksign::verify_at(&receiver, &signed, &body, now).unwrap();
        prop_assert_eq!(verified.secret_index(), signer_index);
    }
}
