//! The families beyond the header HMAC: hooksign beside the bare primitive of each scheme over
//! the same signed bytes (no peer crate verifies these, so the bare primitive is the yardstick).
//!
//! - URL + form (Twilio): the pre-keyed HMAC-SHA1 of the URL and the sorted parameters,
//!   concatenated outside the loop.
//! - URL + body (Square): the pre-keyed HMAC-SHA256 of URL then body.
//! - Body-embedded (Mailgun): the pre-keyed HMAC-SHA256 of timestamp + token, plus, as a
//!   second reference, `serde_json` skimming the same body (`IgnoredAny`): what reading a
//!   signature out of a JSON body costs at the least.
//! - Token (GitLab): a constant-time comparison of the header's token with the secret.
//! - Ed25519 (Discord), ECDSA P-256 (SendGrid): `multipart_verify` with the key and the
//!   signature parsed outside the loop, over timestamp + body.
//!
//! The providers sign the deliveries themselves; each bare case is asserted to accept its
//! bytes (so it computes what verification computes) before it is timed.

use std::hint::black_box;
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::ed25519::signature::MultipartVerifier as _;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use sha2::Sha256;
use subtle::ConstantTimeEq as _;

use hooksign::{
    Delivery, Discord, GitLab, Mailgun, Message, SecretSet, SendGrid, Sign, SignedHeaders, Square,
    Twilio, UnixTime, Verify,
};

use crate::{Case, Form, Kind, Request, Times, case};

const TWILIO_TOKEN: &str = "12345d3c9a3e1f2b4c5d6e7f8a9b0c1d";
const TWILIO_URL: &str = "https://hooks.example.com/twilio/sms?tenant=42";
const SQUARE_KEY: &str = "asdf1234asdf1234asdf1234";
const SQUARE_URL: &str = "https://hooks.example.com/square";
const MAILGUN_KEY: &str = "key-7f3e4c2a9b8d1e6f5a4c3b2d1e0f9a8b";
const GITLAB_TOKEN: &str = "glwht-3mUd7fUXeWzKq2rN9pLs4vXy";
/// Private key (seed + public key, hex) and SendGrid's PKCS#8 key: tools/vectors/asym/gen.mjs.
const DISCORD_PRIVATE: &str = "061739dfe8151d06ed898efa223de5ceaa8a86839818277c5b46cde27a757031eb8eebeca8d576728ffdea9b2cad88c1cb50912a6201602fa8886f9904d62f18";
const DISCORD_PUBLIC: &str = "eb8eebeca8d576728ffdea9b2cad88c1cb50912a6201602fa8886f9904d62f18";
const SENDGRID_PRIVATE: &str = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgfsQBwvNgNt5VrBnC9rc+hJBCPCAaD07NCR2lHqe9D3qhRANCAARsPNZdpg22CB4jqjI+SunKHIDIjE7jL/D8jcmYB54hjyJZgcbxuqoGB/SQdfPJI3C5jCzk7tPjRuj9QuE8yu9H";
const SENDGRID_PUBLIC: &str = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEbDzWXaYNtggeI6oyPkrpyhyAyIxO4y/w/I3JmAeeIY8iWYHG8bqqBgf0kHXzySNwuYws5O7T40bo/ULhPMrvRw==";

/// hooksign's two header forms, the URL and method given, the provider pre-keyed.
fn hooksign_rows<V: Verify + 'static>(
    out: &mut Vec<Case>,
    provider: V,
    req: &Request,
    body: Arc<Vec<u8>>,
    url: Option<&'static str>,
    now: UnixTime,
) {
    let provider = Arc::new(provider);
    let delivery = move |headers: &'static dyn hooksign::Headers, body: &'static [u8]| {
        let delivery = Delivery::new(headers, body).with_method("POST");
        match url {
            Some(url) => delivery.with_url(url),
            None => delivery,
        }
    };
    // Leaked once at setup, so that the closures hold `'static` borrows.
    let body: &'static [u8] = Box::leak(body.to_vec().into_boxed_slice());
    let map: &'static http::HeaderMap = Box::leak(Box::new(req.map.clone()));
    let pairs: &'static Vec<(&'static str, &'static str)> = Box::leak(Box::new(req.strs()));
    let p = provider.clone();
    out.push(case(
        "hooksign",
        "verify_at",
        Form::Map,
        Kind::Hooksign,
        move || p.verify_at(&delivery(map, body), now).is_ok(),
    ));
    out.push(case(
        "hooksign",
        "verify_at",
        Form::Pairs,
        Kind::Hooksign,
        move || provider.verify_at(&delivery(pairs, body), now).is_ok(),
    ));
}

/// Signs `message` with `signer` at the signing time, and hooksign's rows for `provider`
/// verifying that delivery (the headers after those every POST carries).
fn signed_rows<S: Sign, V: Verify + 'static>(
    signer: &S,
    provider: V,
    message: &Message<'_>,
    user_agent: &str,
    url: Option<&'static str>,
    t: Times,
) -> (SignedHeaders, Vec<Case>) {
    let signed = signer
        .sign_at(message, UnixTime::from_secs(t.signed))
        .unwrap();
    let body = message.body();
    let req = Request::new(&signed, user_agent, body.len());
    let mut out = Vec::new();
    let now = UnixTime::from_secs(t.now);
    hooksign_rows(&mut out, provider, &req, Arc::new(body.to_vec()), url, now);
    (signed, out)
}

/// A form body of about `len` bytes: Twilio's SMS parameters and a long `Body`.
fn form_body(len: usize) -> (Vec<u8>, Vec<(String, String)>) {
    let mut params: Vec<(String, String)> = [
        ("AccountSid", "AC0123456789abcdef0123456789abcdef"),
        ("ApiVersion", "2010-04-01"),
        ("From", "+14155550100"),
        ("MessageSid", "SM0123456789abcdef0123456789abcdef"),
        ("NumMedia", "0"),
        ("SmsStatus", "received"),
        ("To", "+14155550199"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let encoded = |params: &[(String, String)]| {
        params
            .iter()
            .map(|(k, v)| format!("{k}={}", v.replace('+', "%2B")))
            .collect::<Vec<_>>()
            .join("&")
    };
    let fixed = encoded(&params).len() + "&Body=".len();
    let fill: String = (0..len.saturating_sub(fixed))
        .map(|i| char::from(b"abcdefghijklmnopqrstuvwxyz0123456789"[i % 36]))
        .collect();
    params.push(("Body".into(), fill));
    let body = encoded(&params).into_bytes();
    (body, params)
}

pub fn twilio(body: &Arc<Vec<u8>>, t: Times) -> Vec<Case> {
    let (body, mut params) = form_body(body.len());
    let provider = Twilio::new(SecretSet::new([TWILIO_TOKEN]).unwrap());
    let message = Message::new(&body).with_url(TWILIO_URL).with_method("POST");
    let (signed, mut out) = signed_rows(
        &provider.clone(),
        provider,
        &message,
        "TwilioProxy/1.1",
        Some(TWILIO_URL),
        t,
    );

    // Twilio's documented content: the URL, then each parameter's name and value, sorted.
    params.sort();
    let mut content = TWILIO_URL.as_bytes().to_vec();
    for (k, v) in &params {
        content.extend_from_slice(k.as_bytes());
        content.extend_from_slice(v.as_bytes());
    }
    let keyed = Hmac::<Sha1>::new_from_slice(TWILIO_TOKEN.as_bytes()).unwrap();
    let expected = STANDARD
        .decode(signed.get("X-Twilio-Signature").unwrap())
        .unwrap();
    assert_eq!(
        keyed.clone().chain_update(&content).finalize().into_bytes()[..],
        expected[..],
        "the bare Twilio content is what Twilio signs"
    );
    out.push(case(
        "bare HMAC-SHA1",
        "pre-keyed, URL + sorted params",
        Form::None,
        Kind::Bare,
        move || {
            let tag = keyed.clone().chain_update(black_box(&content)).finalize();
            black_box(tag);
            true
        },
    ));
    out
}

pub fn square(body: &Arc<Vec<u8>>, t: Times) -> Vec<Case> {
    let provider = Square::new(SecretSet::new([SQUARE_KEY]).unwrap());
    let message = Message::new(body).with_url(SQUARE_URL).with_method("POST");
    let (signed, mut out) = signed_rows(
        &provider.clone(),
        provider,
        &message,
        "Square Connect v2",
        Some(SQUARE_URL),
        t,
    );
    let keyed = Hmac::<Sha256>::new_from_slice(SQUARE_KEY.as_bytes()).unwrap();
    let expected = STANDARD
        .decode(signed.get("x-square-hmacsha256-signature").unwrap())
        .unwrap();
    let b = body.clone();
    let mac = move || {
        keyed
            .clone()
            .chain_update(black_box(SQUARE_URL.as_bytes()))
            .chain_update(black_box(&b[..]))
            .finalize()
            .into_bytes()
    };
    assert_eq!(
        mac()[..],
        expected[..],
        "the bare Square content is what Square signs"
    );
    out.push(case(
        "bare HMAC",
        "pre-keyed, URL + body",
        Form::None,
        Kind::Bare,
        move || {
            black_box(mac());
            true
        },
    ));
    out
}

/// A Mailgun event of about `len` bytes before signing (the signature object adds ~170).
fn mailgun_event(len: usize) -> Vec<u8> {
    let head = br#"{"event-data":{"event":"delivered","id":"CPgfbmQMTCKtHW6uIWtuVe","timestamp":1521472262.908181,"message":{"headers":{"message-id":"20130503182626.18666.16540@example.com"}},"note":""#;
    let tail = br#""}}"#;
    let fill = len.saturating_sub(head.len() + tail.len() + 170);
    let mut out = head.to_vec();
    out.extend((0..fill).map(|i| b"abcdefghijklmnopqrstuvwxyz0123456789"[i % 36]));
    out.extend_from_slice(tail);
    out
}

pub fn mailgun(body: &Arc<Vec<u8>>, t: Times) -> Vec<Case> {
    let len = body.len();
    let now = UnixTime::from_secs(t.now);
    let provider = Mailgun::new(SecretSet::new([MAILGUN_KEY]).unwrap());
    let signed = provider
        .sign_at(
            &Message::new(&mailgun_event(len)),
            UnixTime::from_secs(t.signed),
        )
        .unwrap();
    let body = signed.body().unwrap().to_vec();
    let no_headers = hooksign::SignedHeaders::new();
    let req = Request::new(&no_headers, "mailgun/treq-16.12.0", body.len());
    let mut out = Vec::new();
    hooksign_rows(&mut out, provider, &req, Arc::new(body.clone()), None, now);

    // What Mailgun signs: timestamp + token, read from the signed body here, outside the loop.
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let field = |name: &str| json["signature"][name].as_str().unwrap().to_owned();
    let content = format!("{}{}", field("timestamp"), field("token")).into_bytes();
    let expected = hex::decode(field("signature")).unwrap();
    let keyed = Hmac::<Sha256>::new_from_slice(MAILGUN_KEY.as_bytes()).unwrap();
    assert_eq!(
        keyed.clone().chain_update(&content).finalize().into_bytes()[..],
        expected[..],
        "the bare Mailgun content is what Mailgun signs"
    );
    out.push(case(
        "bare HMAC",
        "pre-keyed, timestamp + token",
        Form::None,
        Kind::Bare,
        move || {
            black_box(keyed.clone().chain_update(black_box(&content)).finalize());
            true
        },
    ));
    out.push(case(
        "serde_json 1",
        "skim the body (IgnoredAny)",
        Form::None,
        Kind::Naive,
        move || serde_json::from_slice::<serde::de::IgnoredAny>(black_box(&body)).is_ok(),
    ));
    out
}

pub fn gitlab(body: &Arc<Vec<u8>>, t: Times) -> Vec<Case> {
    let provider = GitLab::new(SecretSet::new([GITLAB_TOKEN]).unwrap()).unwrap();
    let (signed, mut out) = signed_rows(
        &provider.clone(),
        provider,
        &Message::new(body),
        "GitLab/17.6.0",
        None,
        t,
    );
    let req = Request::new(&signed, "GitLab/17.6.0", body.len());
    let map = req.map.clone();
    out.push(case(
        "bare comparison",
        "subtle ct_eq of the header value",
        Form::Map,
        Kind::Bare,
        move || {
            let token = map
                .get("x-gitlab-token")
                .map(|v| v.as_bytes())
                .unwrap_or(b"");
            bool::from(token.ct_eq(GITLAB_TOKEN.as_bytes()))
        },
    ));
    out
}

pub fn discord(body: &Arc<Vec<u8>>, t: Times) -> Vec<Case> {
    let (signed, mut out) = signed_rows(
        &Discord::new(SecretSet::new([DISCORD_PRIVATE]).unwrap()).unwrap(),
        Discord::new(SecretSet::new([DISCORD_PUBLIC]).unwrap()).unwrap(),
        &Message::new(body),
        "Discord-Interactions/1.0",
        None,
        t,
    );

    let key: [u8; 32] = hex::decode(DISCORD_PUBLIC).unwrap().try_into().unwrap();
    let key = ed25519_dalek::VerifyingKey::from_bytes(&key).unwrap();
    let signature: [u8; 64] = hex::decode(signed.get("X-Signature-Ed25519").unwrap())
        .unwrap()
        .try_into()
        .unwrap();
    let signature = ed25519_dalek::Signature::from_bytes(&signature);
    let timestamp = signed.get("X-Signature-Timestamp").unwrap().to_owned();
    let b = body.clone();
    out.push(case(
        "bare Ed25519",
        "ed25519-dalek multipart_verify, parsed key and signature",
        Form::None,
        Kind::Bare,
        move || {
            key.multipart_verify(&[black_box(timestamp.as_bytes()), &b[..]], &signature)
                .is_ok()
        },
    ));
    out
}

pub fn sendgrid(body: &Arc<Vec<u8>>, t: Times) -> Vec<Case> {
    use p256::ecdsa::signature::MultipartVerifier as _;
    use p256::pkcs8::DecodePublicKey as _;

    let (signed, mut out) = signed_rows(
        &SendGrid::new(SecretSet::new([SENDGRID_PRIVATE]).unwrap()).unwrap(),
        SendGrid::new(SecretSet::new([SENDGRID_PUBLIC]).unwrap()).unwrap(),
        &Message::new(body),
        "SendGrid Event API",
        None,
        t,
    );

    let key =
        p256::ecdsa::VerifyingKey::from_public_key_der(&STANDARD.decode(SENDGRID_PUBLIC).unwrap())
            .unwrap();
    let der = STANDARD
        .decode(
            signed
                .get("X-Twilio-Email-Event-Webhook-Signature")
                .unwrap(),
        )
        .unwrap();
    let signature = p256::ecdsa::Signature::from_der(&der).unwrap();
    let timestamp = signed
        .get("X-Twilio-Email-Event-Webhook-Timestamp")
        .unwrap()
        .to_owned();
    let b = body.clone();
    out.push(case(
        "bare ECDSA P-256",
        "p256 multipart_verify, parsed key and signature",
        Form::None,
        Kind::Bare,
        move || {
            key.multipart_verify(&[black_box(timestamp.as_bytes()), &b[..]], &signature)
                .is_ok()
        },
    ));
    out
}
