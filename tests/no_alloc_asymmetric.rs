//! `verify` allocates nothing for the public-key providers (Ed25519, ECDSA P-256), on success
//! and on rejection: the signature is decoded on the stack and the content hashed in parts.
//!
//! The approach of `tests/no_alloc.rs`: a counting global allocator counts allocations made by
//! the current thread while a flag is set; this file holds a single test.
#![cfg(any(feature = "ed25519", feature = "p256"))]
#![allow(clippy::unwrap_used, reason = "a failed step fails the test loudly")]

use hooksign::provider::{Family, REGISTRY};
use hooksign::{AnyProvider, Message, Secret, SecretSet, Sign, UnixTime};

#[path = "support/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::allocations;

#[global_allocator]
static ALLOCATOR: counting_alloc::Counting = counting_alloc::Counting;

/// Each public-key provider's private key (signs), public key (verifies) and another public
/// key (tools/vectors/asym/gen.mjs).
fn keys(id: &str) -> [&'static str; 3] {
    match id {
        "discord" => [
            "061739dfe8151d06ed898efa223de5ceaa8a86839818277c5b46cde27a757031eb8eebeca8d576728ffdea9b2cad88c1cb50912a6201602fa8886f9904d62f18",
            "eb8eebeca8d576728ffdea9b2cad88c1cb50912a6201602fa8886f9904d62f18",
            "d5187ee555e17fa608b7b21d86bcc63987a60ea0fdbd55aa92cd22f4bb36f37c",
        ],
        "telnyx" => [
            "vHoUSfAssz7wx5MaEjbpuLUTrdcFwqv7yf4S1TnRHqJEkdJzHBuvG48ZTOGgA9wXaiQ4eLXPhaCKy7sk6SMqXA==",
            "RJHScxwbrxuPGUzhoAPcF2okOHi1z4Wgisu7JOkjKlw=",
            "0IauDBt63cAVJZ3X8ySqBln8sVc40kt2Kfoktgc4cVY=",
        ],
        "standard-webhooks-v1a" => [
            "whsk_8ObO7bfuer4FeB78VGUYeXrW1D/Sv66YK7QFE8wNqi/5LQgdORBJ6dU4BN3Tkx53IiYh/i8+FKfGjtVxk/qTIQ==",
            "whpk_+S0IHTkQSenVOATd05MedyImIf4vPhSnxo7VcZP6kyE=",
            "whpk_J8vFqTCkYKTh3CAMsU5GjCgwFe8eUQTmDVG/2tVVDJI=",
        ],
        "sendgrid" => [
            "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgfsQBwvNgNt5VrBnC9rc+hJBCPCAaD07NCR2lHqe9D3qhRANCAARsPNZdpg22CB4jqjI+SunKHIDIjE7jL/D8jcmYB54hjyJZgcbxuqoGB/SQdfPJI3C5jCzk7tPjRuj9QuE8yu9H",
            "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEbDzWXaYNtggeI6oyPkrpyhyAyIxO4y/w/I3JmAeeIY8iWYHG8bqqBgf0kHXzySNwuYws5O7T40bo/ULhPMrvRw==",
            "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEO6WKbNag8LaSBIbhTFvfchXhOWL40oiBOY4YEbs8xETixFi6YbylLy28lFVhZ4REaiGL4WWRWBar3ex94ob1MQ==",
        ],
        other => panic!("{other}: give this test its keys"),
    }
}

#[test]
fn verify_allocates_nothing_for_public_key_providers() {
    let (_, n) = allocations(|| vec![1u8; 16]);
    assert_eq!(n, 1, "the counting allocator works");

    let body = vec![b'x'; 4096];
    let now = UnixTime::from_secs(1_733_000_000);
    let mut tested = 0;
    for entry in REGISTRY
        .iter()
        .filter(|e| matches!(e.family(), Family::Ed25519 | Family::EcdsaP256))
    {
        let id = entry.id();
        let [private, public, other] = keys(id);
        let sender = AnyProvider::from_id(id, SecretSet::new([private]).unwrap()).unwrap();
        // Three keys, the delivery signed with the last, labelled: every key is tried.
        let receiver = AnyProvider::from_id(
            id,
            SecretSet::new([
                Secret::from(other),
                Secret::from(other).with_label("old"),
                Secret::from(public).with_label("current"),
            ])
            .unwrap(),
        )
        .unwrap();
        let signed = sender
            .sign_at(
                &Message::new(&body).with_id("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"),
                now,
            )
            .unwrap();
        let headers: Vec<(&str, &str)> = signed.iter().collect();

        let (result, n) = allocations(|| {
            hooksign::verify_at(&receiver, &headers, &body, now).map(|v| v.secret_index())
        });
        assert_eq!(result, Ok(2), "{id}");
        assert_eq!(n, 0, "{id}: verify allocated {n} times");

        let (result, n) =
            allocations(|| hooksign::verify_at(&receiver, &headers, b"tampered", now).map(|_| ()));
        assert_eq!(result.unwrap_err().code(), "signature_mismatch", "{id}");
        assert_eq!(n, 0, "{id}: a rejection allocated {n} times");

        let (result, n) =
            allocations(|| hooksign::verify_at(&receiver, &[("x", "y")], &body, now).map(|_| ()));
        assert_eq!(result.unwrap_err().code(), "missing_header", "{id}");
        assert_eq!(n, 0, "{id}: a missing header allocated {n} times");
        tested += 1;
    }
    let expected = usize::from(cfg!(feature = "ed25519")) * 3 + usize::from(cfg!(feature = "p256"));
    assert_eq!(tested, expected, "every public-key provider is measured");
}
