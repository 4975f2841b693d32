//! `verify` allocates nothing for the URL-and-body family (Square, Trello, HubSpot v1, v2 and
//! v3) given the URL and method, on success and on rejection.
//!
//! The counting allocator of `tests/no_alloc.rs`; this file holds a single test so no other
//! test thread runs meanwhile. The one allocation the family can make is measured too: a
//! HubSpot v3 URL longer than 2048 bytes *with* escapes of the docs' table to decode is decoded
//! in one heap buffer (shorter ones on the stack, ones without such escapes not at all).
#![allow(clippy::unwrap_used, reason = "a failed step fails the test loudly")]

use hooksign::{
    Delivery, HubSpot, HubSpotVersion, Message, SecretSet, Sign, Square, Trello, UnixTime, Verify,
};

#[path = "support/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::allocations;

#[global_allocator]
static ALLOCATOR: counting_alloc::Counting = counting_alloc::Counting;

const URL: &str = "https://example.com/webhooks/in?portal=62515&a=1";
/// With escapes HubSpot v3 decodes (`%40`, `%2F`).
const ENCODED_URL: &str = "https://example.com/webhooks/in?email=ops%40example.com&p=%2Fa";

/// A provider of the family, built for `secrets`.
type Build = fn(SecretSet) -> Box<dyn ProviderBoth>;

trait ProviderBoth: Verify + Sign {}
impl<T: Verify + Sign> ProviderBoth for T {}

fn cases() -> Vec<(&'static str, &'static str, Build)> {
    vec![
        ("square", URL, |s| Box::new(Square::new(s))),
        ("trello", URL, |s| Box::new(Trello::new(s))),
        ("hubspot v1", URL, |s| {
            Box::new(HubSpot::new(s).signing_version(HubSpotVersion::V1))
        }),
        ("hubspot v2", URL, |s| {
            Box::new(HubSpot::new(s).signing_version(HubSpotVersion::V2))
        }),
        ("hubspot v3", URL, |s| Box::new(HubSpot::new(s))),
        ("hubspot v3, escapes", ENCODED_URL, |s| {
            Box::new(HubSpot::new(s))
        }),
    ]
}

#[test]
fn verify_allocates_nothing_given_the_url() {
    let (_, n) = allocations(|| vec![1u8; 16]);
    assert_eq!(n, 1, "the counting allocator works");

    let body = vec![b'x'; 4096];
    let now = UnixTime::from_secs(1_700_000_000);
    for (name, url, build) in cases() {
        // Three secrets, the delivery signed with the last: every secret is tried.
        let secrets: Vec<String> = (0..3)
            .map(|i| format!("hooksign-url-body-secret-{i}"))
            .collect();
        let receiver = build(SecretSet::new(secrets.clone()).unwrap());
        let sender = build(SecretSet::new([secrets[2].clone()]).unwrap());
        let message = Message::new(&body).with_url(url).with_method("POST");
        let signed = sender.sign_at(&message, now).unwrap();
        let headers: Vec<(&str, &str)> = signed.iter().collect();
        let request = Delivery::new(&headers, &body)
            .with_url(url)
            .with_method("POST");
        let (result, n) =
            allocations(|| receiver.verify_at(&request, now).map(|v| v.secret_index()));
        assert_eq!(result, Ok(2), "{name}");
        assert_eq!(n, 0, "{name}: verify allocated {n} times");

        let tampered = Delivery::new(&headers, b"tampered")
            .with_url(url)
            .with_method("POST");
        let (result, n) = allocations(|| receiver.verify_at(&tampered, now).map(|_| ()));
        assert_eq!(result.unwrap_err().code(), "signature_mismatch", "{name}");
        assert_eq!(n, 0, "{name}: a rejection allocated {n} times");

        // HubSpot v1 signs no URL.
        let other_url = Delivery::new(&headers, &body)
            .with_url("https://example.com/elsewhere")
            .with_method("POST");
        let (result, n) = allocations(|| receiver.verify_at(&other_url, now).map(|_| ()));
        if name != "hubspot v1" {
            assert_eq!(result.unwrap_err().code(), "signature_mismatch", "{name}");
        }
        assert_eq!(n, 0, "{name}: a wrong URL allocated {n} times");

        let missing = Delivery::new(&[("x", "y")], &body)
            .with_url(url)
            .with_method("POST");
        let (result, n) = allocations(|| receiver.verify_at(&missing, now).map(|_| ()));
        assert_eq!(result.unwrap_err().code(), "missing_header", "{name}");
        assert_eq!(n, 0, "{name}: a missing header allocated {n} times");
    }

    // The measured exception: one allocation for a long v3 URL with escapes to decode.
    let long = format!("{URL}&q={}%40", "x".repeat(4096));
    let hubspot = HubSpot::new(SecretSet::new(["s"]).unwrap());
    let message = Message::new(&body).with_url(&long).with_method("POST");
    let signed = hubspot.sign_at(&message, now).unwrap();
    let request = Delivery::new(&signed, &body)
        .with_url(&long)
        .with_method("POST");
    let (result, n) = allocations(|| hubspot.verify_at(&request, now).map(|v| v.secret_index()));
    assert_eq!(result, Ok(0));
    assert_eq!(n, 1, "a long v3 URL with escapes is decoded in one buffer");
}
