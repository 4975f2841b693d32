//! Properties of the public-key providers (features `ed25519`, `p256`): what a private key
//! signs its public key verifies, with the key that matched reported; any change to a signed
//! byte, to the signature, or to the key is refused; a provider holding only public keys
//! cannot sign.
#![cfg(any(feature = "ed25519", feature = "p256"))]
#![allow(clippy::unwrap_used, reason = "a failed step fails the test loudly")]

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hooksign::{
    AnyProvider, ErrorKind, Message, Secret, SecretSet, Sign, SignedHeaders, UnixTime, Verify,
};
use proptest::prelude::*;

/// How a provider writes its signature header.
#[derive(Clone, Copy, Debug)]
enum Written {
    Hex,
    Base64,
    /// `v1a,<base64>`.
    V1a,
}

/// A provider, its key pair in the forms it issues, another public key, and its signature
/// header.
#[derive(Clone, Copy, Debug)]
struct Case {
    id: &'static str,
    private: &'static str,
    public: &'static str,
    other_public: &'static str,
    signature: &'static str,
    written: Written,
}

/// The keys of tools/vectors/asym/gen.mjs.
const CASES: &[Case] = &[
    #[cfg(feature = "ed25519")]
    Case {
        id: "discord",
        private: "061739dfe8151d06ed898efa223de5ceaa8a86839818277c5b46cde27a757031eb8eebeca8d576728ffdea9b2cad88c1cb50912a6201602fa8886f9904d62f18",
        public: "eb8eebeca8d576728ffdea9b2cad88c1cb50912a6201602fa8886f9904d62f18",
        other_public: "d5187ee555e17fa608b7b21d86bcc63987a60ea0fdbd55aa92cd22f4bb36f37c",
        signature: "X-Signature-Ed25519",
        written: Written::Hex,
    },
    #[cfg(feature = "ed25519")]
    Case {
        id: "telnyx",
        private: "vHoUSfAssz7wx5MaEjbpuLUTrdcFwqv7yf4S1TnRHqJEkdJzHBuvG48ZTOGgA9wXaiQ4eLXPhaCKy7sk6SMqXA==",
        public: "RJHScxwbrxuPGUzhoAPcF2okOHi1z4Wgisu7JOkjKlw=",
        other_public: "0IauDBt63cAVJZ3X8ySqBln8sVc40kt2Kfoktgc4cVY=",
        signature: "Telnyx-Signature-Ed25519",
        written: Written::Base64,
    },
    #[cfg(feature = "ed25519")]
    Case {
        id: "standard-webhooks-v1a",
        private: "whsk_8ObO7bfuer4FeB78VGUYeXrW1D/Sv66YK7QFE8wNqi/5LQgdORBJ6dU4BN3Tkx53IiYh/i8+FKfGjtVxk/qTIQ==",
        public: "whpk_+S0IHTkQSenVOATd05MedyImIf4vPhSnxo7VcZP6kyE=",
        other_public: "whpk_J8vFqTCkYKTh3CAMsU5GjCgwFe8eUQTmDVG/2tVVDJI=",
        signature: "webhook-signature",
        written: Written::V1a,
    },
    #[cfg(feature = "p256")]
    Case {
        id: "sendgrid",
        private: "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgfsQBwvNgNt5VrBnC9rc+hJBCPCAaD07NCR2lHqe9D3qhRANCAARsPNZdpg22CB4jqjI+SunKHIDIjE7jL/D8jcmYB54hjyJZgcbxuqoGB/SQdfPJI3C5jCzk7tPjRuj9QuE8yu9H",
        public: "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEbDzWXaYNtggeI6oyPkrpyhyAyIxO4y/w/I3JmAeeIY8iWYHG8bqqBgf0kHXzySNwuYws5O7T40bo/ULhPMrvRw==",
        other_public: "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEO6WKbNag8LaSBIbhTFvfchXhOWL40oiBOY4YEbs8xETixFi6YbylLy28lFVhZ4REaiGL4WWRWBar3ex94ob1MQ==",
        signature: "X-Twilio-Email-Event-Webhook-Signature",
        written: Written::Base64,
    },
];

const NOW: UnixTime = UnixTime::from_secs(1_733_000_000);

fn provider(id: &str, keys: impl IntoIterator<Item = Secret>) -> AnyProvider {
    AnyProvider::from_id(id, SecretSet::new(keys).unwrap()).unwrap()
}

fn signed(case: &Case, body: &[u8]) -> Vec<(String, String)> {
    let sender = provider(case.id, [Secret::from(case.private)]);
    let headers = sender
        .sign_at(
            &Message::new(body).with_id("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"),
            NOW,
        )
        .unwrap();
    owned(&headers)
}

fn owned(headers: &SignedHeaders) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// The signature's bytes, with bit `bit` of byte `at` (modulo its length) flipped, written
/// back as the provider writes it.
fn flip_signature(case: &Case, value: &str, at: usize, bit: u8) -> String {
    let (prefix, text) = match case.written {
        Written::V1a => ("v1a,", &value[4..]),
        _ => ("", value),
    };
    let mut bytes = match case.written {
        Written::Hex => hex::decode(text).unwrap(),
        _ => STANDARD.decode(text).unwrap(),
    };
    let at = at % bytes.len();
    bytes[at] ^= 1 << (bit % 8);
    match case.written {
        Written::Hex => hex::encode(bytes),
        _ => format!("{prefix}{}", STANDARD.encode(bytes)),
    }
}

fn verify(
    receiver: &AnyProvider,
    headers: &[(String, String)],
    body: &[u8],
) -> Result<(usize, Option<String>), ErrorKind> {
    hooksign::verify_at(receiver, &headers.to_vec(), body, NOW)
        .map(|v| (v.secret_index(), v.secret_label().map(str::to_owned)))
        .map_err(|e| e.kind())
}

fn case() -> impl Strategy<Value = Case> {
    proptest::sample::select(CASES)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn what_the_private_key_signs_the_public_key_verifies(case in case(), body in proptest::collection::vec(any::<u8>(), 0..512)) {
        let headers = signed(&case, &body);
        let receiver = provider(case.id, [Secret::from(case.public)]);
        prop_assert_eq!(verify(&receiver, &headers, &body), Ok((0, None)));
        // The private key verifies too (with its public half).
        let own = provider(case.id, [Secret::from(case.private)]);
        prop_assert_eq!(verify(&own, &headers, &body), Ok((0, None)));
    }

    #[test]
    fn each_signed_byte_matters(case in case(), body in proptest::collection::vec(any::<u8>(), 1..256), at in any::<usize>(), bit in 0u8..8) {
        let headers = signed(&case, &body);
        let receiver = provider(case.id, [Secret::from(case.public)]);
        let mut tampered = body;
        let at = at % tampered.len();
        tampered[at] ^= 1 << bit;
        prop_assert_eq!(verify(&receiver, &headers, &tampered), Err(ErrorKind::SignatureMismatch));
    }

    #[test]
    fn each_signature_bit_matters(case in case(), body in proptest::collection::vec(any::<u8>(), 0..128), at in any::<usize>(), bit in 0u8..8) {
        let mut headers = signed(&case, &body);
        let receiver = provider(case.id, [Secret::from(case.public)]);
        let slot = headers.iter_mut().find(|(k, _)| k.eq_ignore_ascii_case(case.signature)).unwrap();
        slot.1 = flip_signature(&case, &slot.1, at, bit);
        let result = verify(&receiver, &headers, &body);
        // A flipped bit breaks the signature, or (DER, a non-canonical Ed25519 `S`) its form.
        prop_assert!(
            matches!(result, Err(ErrorKind::SignatureMismatch | ErrorKind::MalformedHeader)),
            "{}: {:?}", case.id, result
        );
    }

    #[test]
    fn rotation_reports_the_key_that_matched(case in case(), body in proptest::collection::vec(any::<u8>(), 0..64)) {
        let headers = signed(&case, &body);
        let receiver = provider(case.id, [
            Secret::from(case.other_public).with_label("next"),
            Secret::from(case.public).with_label("current"),
        ]);
        prop_assert_eq!(verify(&receiver, &headers, &body), Ok((1, Some("current".to_owned()))));
        let wrong = provider(case.id, [Secret::from(case.other_public)]);
        prop_assert_eq!(verify(&wrong, &headers, &body), Err(ErrorKind::SignatureMismatch));
    }
}

#[test]
fn public_keys_cannot_sign_and_keys_are_never_printed() {
    for case in CASES {
        let receiver = provider(case.id, [Secret::from(case.public)]);
        let err = receiver
            .sign_at(&Message::new(b"{}").with_id("m"), NOW)
            .unwrap_err();
        assert!(
            err.to_string().contains("private key"),
            "{}: {err}",
            case.id
        );
        let signer = provider(
            case.id,
            [Secret::from(case.private), Secret::from(case.other_public)],
        );
        let debug = format!("{signer:?}");
        for key in [case.private, case.public, case.other_public] {
            assert!(
                !debug.contains(&key[key.len() - 12..]),
                "{}: {debug}",
                case.id
            );
        }
    }
}

#[test]
fn malformed_keys_are_refused_at_construction() {
    for case in CASES {
        for bad in [
            "",
            "zz",
            &case.public[1..],
            &case.private[..case.private.len() - 4],
        ] {
            if bad.is_empty() {
                continue;
            }
            let built = AnyProvider::from_id(case.id, SecretSet::new([bad]).unwrap());
            assert!(built.is_err(), "{}: {bad:?} accepted", case.id);
        }
    }
}

#[cfg(feature = "ed25519")]
#[test]
fn a_key_set_builds_a_verifier_that_reports_labels() {
    use hooksign::{Discord, KeySet, PublicKey};
    let case = &CASES[0];
    let body = b"{\"id\":\"1\"}";
    let headers = signed(case, body);
    let keys = KeySet::new([
        PublicKey::ed25519(&hex::decode(case.other_public).unwrap()).unwrap(),
        PublicKey::ed25519(&hex::decode(case.public).unwrap())
            .unwrap()
            .with_label("2025"),
    ])
    .unwrap();
    let discord = Discord::from_key_set(keys).unwrap();
    let verified = hooksign::verify_at(&discord, &headers, body, NOW).unwrap();
    assert_eq!(
        (verified.secret_index(), verified.secret_label()),
        (1, Some("2025"))
    );
    assert_eq!(Verify::id(&discord), "discord");
}
