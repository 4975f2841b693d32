//! Property tests of the URL-and-body family (Square, Trello, HubSpot v1/v2/v3): signing and
//! verifying are inverses, each secret of a set is found, and a change to any signed part (a
//! body byte, a URL byte, a method byte, the timestamp, a signature byte) is rejected; a URL or
//! method the version signs is required.
#![allow(clippy::unwrap_used, reason = "a failed step fails the test loudly")]

use hooksign::{
    Delivery, Error, HubSpot, HubSpotVersion, Message, SecretSet, Sign, Square, Trello, UnixTime,
    Verify,
};
use proptest::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Square,
    Trello,
    HubSpotV1,
    HubSpotV2,
    HubSpotV3,
}

impl Kind {
    const ALL: [Kind; 5] = [
        Kind::Square,
        Kind::Trello,
        Kind::HubSpotV1,
        Kind::HubSpotV2,
        Kind::HubSpotV3,
    ];

    fn signs_url(self) -> bool {
        self != Kind::HubSpotV1
    }

    fn signs_method(self) -> bool {
        matches!(self, Kind::HubSpotV2 | Kind::HubSpotV3)
    }

    /// The header holding the signature.
    fn signature_header(self) -> &'static str {
        match self {
            Kind::Square => "X-Square-HmacSha256-Signature",
            Kind::Trello => "X-Trello-Webhook",
            Kind::HubSpotV1 | Kind::HubSpotV2 => "X-HubSpot-Signature",
            Kind::HubSpotV3 => "X-HubSpot-Signature-v3",
        }
    }
}

trait Both: Verify + Sign {}
impl<T: Verify + Sign> Both for T {}

fn build(kind: Kind, secrets: &[&str]) -> Box<dyn Both> {
    let secrets = SecretSet::new(secrets.iter().copied()).unwrap();
    match kind {
        Kind::Square => Box::new(Square::new(secrets)),
        Kind::Trello => Box::new(Trello::new(secrets)),
        Kind::HubSpotV1 => Box::new(HubSpot::new(secrets).signing_version(HubSpotVersion::V1)),
        Kind::HubSpotV2 => Box::new(HubSpot::new(secrets).signing_version(HubSpotVersion::V2)),
        Kind::HubSpotV3 => Box::new(HubSpot::new(secrets)),
    }
}

const NOW: u64 = 1_700_000_000;

/// A delivery as the provider sends it, and the provider that receives it.
struct Case {
    receiver: Box<dyn Both>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    url: String,
    method: String,
}

impl Case {
    fn new(kind: Kind, body: Vec<u8>, url: String, method: String, signer: usize) -> Self {
        let secrets = ["url-body-secret-one", "url-body-secret-two"];
        let sender = build(kind, &secrets[signer..=signer]);
        let message = Message::new(&body)
            .with_url(&url)
            .with_method(&method)
            .with_timestamp(UnixTime::from_secs(NOW - 30));
        let signed = sender.sign_at(&message, UnixTime::from_secs(NOW)).unwrap();
        let headers = signed
            .iter()
            .map(|(n, v)| (n.to_owned(), v.to_owned()))
            .collect();
        Case {
            receiver: build(kind, &secrets),
            headers,
            body,
            url,
            method,
        }
    }

    fn verify(&self) -> Result<usize, Error> {
        let delivery = Delivery::new(&self.headers, &self.body)
            .with_url(&self.url)
            .with_method(&self.method);
        self.receiver
            .verify_at(&delivery, UnixTime::from_secs(NOW))
            .map(|v| v.secret_index())
    }

    fn header_mut(&mut self, name: &str) -> &mut String {
        let (_, value) = self
            .headers
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .expect("the signer wrote it");
        value
    }
}

/// Flips bit `bit` (0..7: ASCII stays ASCII) of byte `at` of `text`.
fn flip(text: &mut String, at: usize, bit: u8) {
    let mut bytes = std::mem::take(text).into_bytes();
    let i = at % bytes.len();
    bytes[i] ^= 1 << (bit % 7);
    *text = String::from_utf8(bytes).expect("ASCII stays ASCII");
}

fn kind() -> impl Strategy<Value = Kind> {
    (0..Kind::ALL.len()).prop_map(|i| Kind::ALL[i])
}

/// URLs with a query and HubSpot v3's escapes (and others) among the path characters.
fn url() -> impl Strategy<Value = String> {
    (
        "[a-z]{1,12}",
        proptest::collection::vec(
            prop_oneof![
                "[a-zA-Z0-9/._~-]{1,6}",
                Just("%40".to_owned()),
                Just("%3A".to_owned()),
                Just("%2F".to_owned()),
                Just("%20".to_owned()),
                Just("%25".to_owned()),
                Just("?a=1&b=".to_owned()),
            ],
            0..8,
        ),
    )
        .prop_map(|(host, path)| format!("https://{host}.example/{}", path.concat()))
}

fn method() -> impl Strategy<Value = String> {
    prop_oneof![Just("POST"), Just("GET"), Just("PUT")].prop_map(str::to_owned)
}

fn rejected(result: Result<usize, Error>) -> bool {
    matches!(
        result.map_err(|e| e.code()),
        Err("signature_mismatch" | "malformed_header")
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn sign_then_verify_finds_the_signing_secret(
        kind in kind(),
        body in proptest::collection::vec(any::<u8>(), 0..300),
        url in url(),
        method in method(),
        signer in 0..2usize,
    ) {
        let case = Case::new(kind, body, url, method, signer);
        prop_assert_eq!(case.verify(), Ok(signer), "{:?}", kind);
    }

    #[test]
    fn a_changed_body_byte_is_rejected(
        kind in kind(),
        body in proptest::collection::vec(any::<u8>(), 1..300),
        url in url(),
        at in any::<usize>(),
        bit in 0..8u8,
    ) {
        let mut case = Case::new(kind, body, url, "POST".into(), 0);
        let i = at % case.body.len();
        case.body[i] ^= 1 << bit;
        prop_assert_eq!(case.verify().map_err(|e| e.code()), Err("signature_mismatch"), "{:?}", kind);
    }

    #[test]
    fn a_changed_url_byte_is_rejected_where_the_url_is_signed(
        kind in kind(),
        url in url(),
        at in any::<usize>(),
        bit in 0..7u8,
    ) {
        let mut case = Case::new(kind, b"{}".to_vec(), url, "POST".into(), 0);
        flip(&mut case.url, at, bit);
        if case.url.is_empty() {
            return Ok(());
        }
        if kind.signs_url() {
            prop_assert_eq!(case.verify().map_err(|e| e.code()), Err("signature_mismatch"), "{:?} {}", kind, case.url);
        } else {
            prop_assert_eq!(case.verify(), Ok(0));
        }
    }

    #[test]
    fn a_changed_method_byte_is_rejected_where_the_method_is_signed(
        kind in kind(),
        method in method(),
        at in any::<usize>(),
        bit in 0..7u8,
    ) {
        let mut case = Case::new(kind, b"{}".to_vec(), "https://example.com/hook".into(), method, 0);
        flip(&mut case.method, at, bit);
        if case.method.is_empty() {
            return Ok(());
        }
        if kind.signs_method() {
            prop_assert_eq!(case.verify().map_err(|e| e.code()), Err("signature_mismatch"), "{:?}", kind);
        } else {
            prop_assert_eq!(case.verify(), Ok(0));
        }
    }

    #[test]
    fn another_timestamp_inside_the_window_is_rejected(delta in 1..200u64, later in any::<bool>()) {
        let mut case = Case::new(Kind::HubSpotV3, b"[]".to_vec(), "https://example.com/hook".into(), "POST".into(), 0);
        let signed_at = (NOW - 30) * 1000;
        let other = if later { signed_at + delta } else { signed_at - delta };
        *case.header_mut("X-HubSpot-Request-Timestamp") = other.to_string();
        prop_assert_eq!(case.verify().map_err(|e| e.code()), Err("signature_mismatch"));
    }

    #[test]
    fn a_changed_signature_byte_is_rejected(
        kind in kind(),
        body in proptest::collection::vec(any::<u8>(), 0..100),
        at in any::<usize>(),
        bit in 0..7u8,
    ) {
        let mut case = Case::new(kind, body, "https://example.com/hook".into(), "POST".into(), 0);
        flip(case.header_mut(kind.signature_header()), at, bit);
        prop_assert!(rejected(case.verify()), "{:?}", kind);
    }

    #[test]
    fn a_signed_url_or_method_is_required(kind in kind()) {
        let case = Case::new(kind, b"{}".to_vec(), "https://example.com/hook".into(), "POST".into(), 0);
        let now = UnixTime::from_secs(NOW);
        let no_url = Delivery::new(&case.headers, &case.body).with_method("POST");
        let no_method = Delivery::new(&case.headers, &case.body).with_url(&case.url);
        let url_needed = case.receiver.verify_at(&no_url, now).map(|_| ());
        let method_needed = case.receiver.verify_at(&no_method, now).map(|_| ());
        if kind.signs_url() {
            prop_assert_eq!(url_needed, Err(Error::MissingRequestPart { part: "url" }));
        } else {
            prop_assert_eq!(url_needed, Ok(()));
        }
        if kind.signs_method() {
            prop_assert_eq!(method_needed, Err(Error::MissingRequestPart { part: "method" }));
        } else {
            prop_assert_eq!(method_needed, Ok(()));
        }
    }
}

/// The window: v3 refuses a timestamp more than 300 s old and accepts a future one, as the SDK.
#[test]
fn hubspot_v3_window_is_the_sdks() {
    let hubspot = HubSpot::new(SecretSet::new(["s"]).unwrap());
    let sign_at = |secs: u64| {
        hubspot
            .sign_at(
                &Message::new(b"[]")
                    .with_url("https://example.com/h")
                    .with_method("POST"),
                UnixTime::from_secs(secs),
            )
            .unwrap()
    };
    let verify = |headers: &hooksign::SignedHeaders| {
        let delivery = Delivery::new(headers, b"[]")
            .with_url("https://example.com/h")
            .with_method("POST");
        hubspot
            .verify_at(&delivery, UnixTime::from_secs(NOW))
            .map(|_| ())
    };
    assert_eq!(verify(&sign_at(NOW - 300)), Ok(()));
    assert_eq!(
        verify(&sign_at(NOW - 301)),
        Err(Error::TimestampTooOld {
            age_secs: 301,
            tolerance_secs: 300
        })
    );
    assert_eq!(verify(&sign_at(NOW + 3600)), Ok(()));
}
