//! The token family (GitLab, Telegram, Okta): signing and verifying are inverses, and any other
//! value (another token, a prefix, an extension, one flipped bit) is rejected.
#![allow(clippy::unwrap_used, reason = "a failed step fails the test loudly")]

use hooksign::{AnyProvider, Message, SecretSet, Sign, UnixTime};
use proptest::prelude::*;

/// Each provider, its header and a strategy for tokens of the form it accepts.
fn providers() -> [(&'static str, &'static str, &'static str); 3] {
    [
        ("gitlab", "X-Gitlab-Token", "[!-~]([ -~]{0,62}[!-~])?"),
        (
            "telegram",
            "X-Telegram-Bot-Api-Secret-Token",
            "[A-Za-z0-9_-]{1,256}",
        ),
        ("okta", "Authorization", "[!-~]([ -~]{0,62}[!-~])?"),
    ]
}

/// A provider and a token of its form.
fn provider_and_token() -> impl Strategy<Value = (usize, String)> {
    (0usize..3).prop_flat_map(|which| {
        let form = providers()[which].2;
        (
            Just(which),
            proptest::string::string_regex(form).expect("a valid regex"),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn tokens_round_trip_and_refuse_every_other_value(
        (which, token) in provider_and_token(),
        other in "[ -~]{0,300}",
        at in any::<prop::sample::Index>(),
        bit in 0u8..7,
        body in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        let (id, header, _) = providers()[which];
        prop_assume!(token != "decoy-token");
        let provider = AnyProvider::from_id(id, SecretSet::new(["decoy-token", token.as_str()]).unwrap()).unwrap();
        let sender = AnyProvider::from_id(id, SecretSet::new([token.as_str()]).unwrap()).unwrap();
        let now = UnixTime::from_secs(1_700_000_000);
        let signed = sender.sign_at(&Message::new(&body), now).unwrap();
        // The body is not signed: any body verifies.
        let verified = hooksign::verify_at(&provider, &signed, &body, now).unwrap();
        prop_assert_eq!(verified.secret_index(), 1);

        let refused = |value: &str| {
            let headers = [(header, value)];
            hooksign::verify_at(&provider, &headers, &body, now).is_err()
        };
        if other != token && other != "decoy-token" {
            prop_assert!(refused(&other), "accepted {:?}", other);
        }
        if token.len() > 1 && &token[..token.len() - 1] != "decoy-token" {
            prop_assert!(refused(&token[..token.len() - 1]));
        }
        let longer = format!("{}x", token);
        prop_assert!(refused(&longer));
        let mut flipped = token.into_bytes();
        let i = at.index(flipped.len());
        flipped[i] ^= 1 << (bit % 7);
        let flipped = String::from_utf8(flipped).unwrap();
        if flipped != "decoy-token" {
            prop_assert!(refused(&flipped), "accepted {:?}", flipped);
        }
    }
}

#[test]
fn telegram_refuses_tokens_telegram_refuses() {
    for bad in ["", "has space", "ümlaut", &"a".repeat(257)] {
        let set = SecretSet::new([bad]);
        // An empty secret is refused by the set itself.
        if let Ok(set) = set {
            assert!(hooksign::Telegram::new(set).is_err(), "{bad:?}");
        }
    }
}
