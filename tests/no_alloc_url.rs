//! `verify` allocates nothing for the URL-signed providers over form parameters (Twilio,
//! Mandrill, Plivo) given the URL: parameters are split, sorted and decoded in place, on the
//! stack, on success and on rejection.
//!
//! A counting global allocator counts allocations made by the current thread while a flag is
//! set; this file holds a single test so no other test thread runs meanwhile.

use hooksign::{Delivery, Mandrill, Message, Plivo, SecretSet, Sign, Twilio, UnixTime, Verify};

#[path = "support/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::allocations;

#[global_allocator]
static ALLOCATOR: counting_alloc::Counting = counting_alloc::Counting;

type Build = fn(SecretSet) -> Box<dyn Verify>;
type BuildSigner = fn(SecretSet) -> Box<dyn Sign>;

/// A verifier of each provider from `secrets`, and a signer from the last one.
fn providers() -> Vec<(&'static str, Build, BuildSigner)> {
    vec![
        (
            "twilio",
            |s| Box::new(Twilio::new(s)),
            |s| Box::new(Twilio::new(s)),
        ),
        (
            "mandrill",
            |s| Box::new(Mandrill::new(s)),
            |s| Box::new(Mandrill::new(s)),
        ),
        (
            "plivo",
            |s| Box::new(Plivo::new(s)),
            |s| Box::new(Plivo::new(s)),
        ),
    ]
}

/// A form body of `n` parameters, percent-escapes and `+` included, in no particular order.
fn form(n: usize) -> Vec<u8> {
    (0..n)
        .map(|i| format!("P{:03}=v%C3%A9+{i}%2A", (i * 37) % n))
        .collect::<Vec<_>>()
        .join("&")
        .into_bytes()
}

#[test]
fn verify_allocates_nothing_given_the_url() {
    // The counter must see allocations, or a zero below would prove nothing.
    let (_, n) = allocations(|| vec![1u8; 16]);
    assert_eq!(n, 1, "the counting allocator works");

    let secrets: Vec<String> = (0..3).map(|i| format!("url-form-secret-{i}")).collect();
    let url = "https://hooks.example.com:443/in?tenant=acme&b=%20x";
    let json = br#"{"event":"delivered"}"#;
    // Twilio's JSON form: the URL carries the body's SHA-256.
    let json_url = format!(
        "https://hooks.example.com/in?bodySHA256={}",
        sha2_digest::hex_sha256(json)
    );
    for (id, verifier, signer) in providers() {
        let receiver = verifier(SecretSet::new(secrets.clone()).unwrap());
        let sender = signer(SecretSet::new([secrets[2].clone()]).unwrap());
        let mut cases: Vec<(String, Vec<u8>)> = vec![
            (url.to_owned(), form(40)),
            (url.to_owned(), form(256)),
            (url.to_owned(), Vec::new()),
        ];
        if id == "twilio" {
            cases.push((json_url.clone(), json.to_vec()));
        }
        for (url, body) in &cases {
            let message = Message::new(body)
                .with_url(url)
                .with_method("POST")
                .with_id("05429567804466091622");
            let signed = sender
                .sign_at(&message, UnixTime::from_secs(1_700_000_000))
                .unwrap();
            let headers: Vec<(&str, &str)> = signed.iter().collect();
            let delivery = Delivery::new(&headers, body)
                .with_url(url)
                .with_method("POST");
            let what = format!("{id} {url} {} bytes", body.len());

            let (result, n) = allocations(|| receiver.verify(&delivery).map(|v| v.secret_index()));
            assert_eq!(result, Ok(2), "{what}");
            assert_eq!(n, 0, "{what}: verify allocated {n} times");

            // Another URL: every secret and every URL variant is tried, then rejected.
            let other = Delivery::new(&headers, body)
                .with_url("https://hooks.example.com/other")
                .with_method("POST");
            let (result, n) = allocations(|| receiver.verify(&other).map(|_| ()));
            assert_eq!(result.unwrap_err().code(), "signature_mismatch", "{what}");
            assert_eq!(n, 0, "{what}: a rejection allocated {n} times");

            let bare = Delivery::new(&[("x", "y")], body)
                .with_url(url)
                .with_method("POST");
            let (result, n) = allocations(|| receiver.verify(&bare).map(|_| ()));
            assert_eq!(result.unwrap_err().code(), "missing_header", "{what}");
            assert_eq!(n, 0, "{what}: a missing header allocated {n} times");
        }

        // Too many parameters is refused before any MAC, without allocating either.
        let crowded = form(257);
        let headers = [
            ("X-Twilio-Signature", "AAAAAAAAAAAAAAAAAAAAAAAAAAA="),
            ("X-Mandrill-Signature", "AAAAAAAAAAAAAAAAAAAAAAAAAAA="),
            (
                "X-Plivo-Signature-V3",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            ),
            ("X-Plivo-Signature-V3-Nonce", "1"),
        ];
        let delivery = Delivery::new(&headers, &crowded)
            .with_url(url)
            .with_method("POST");
        let (result, n) = allocations(|| receiver.verify(&delivery).map(|_| ()));
        assert_eq!(result.unwrap_err().code(), "malformed_body", "{id}");
        assert_eq!(n, 0, "{id}: too many parameters allocated {n} times");
    }
}

/// SHA-256 in hex, for building Twilio's `bodySHA256` URL.
mod sha2_digest {
    pub fn hex_sha256(body: &[u8]) -> String {
        use sha2::Digest as _;
        hex::encode(sha2::Sha256::digest(body))
    }
}
