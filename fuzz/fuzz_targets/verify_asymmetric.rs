//! The public-key providers: Discord, Telnyx, Standard Webhooks `v1a` (Ed25519) and SendGrid
//! (ECDSA P-256).
//!
//! Input: the delivery format of `hooksign_fuzz` (`@now`, `Name:value` lines, blank line, body).
//! Invariants:
//! - verify never panics, and the common outcome checks hold (no key in errors or `Debug`);
//! - Discord, Telnyx and SendGrid agree with a reference model written here from their SDKs
//!   (header rules, signature encoding, signed content, window), its signatures checked with
//!   `ed25519-dalek` / `p256` directly over the concatenated message (never hooksign's
//!   engines): the first key that verifies is the one reported;
//! - Standard Webhooks `v1a`: an accepted delivery has a `v1a` entry that the reported key
//!   verifies over `{id}.{timestamp}.{body}` within 300 s (the list grammar is
//!   `parse_versioned_list`'s target);
//! - sign→verify round-trips for each, and a flipped body byte fails.
#![no_main]
#![forbid(unsafe_code)]

use std::sync::LazyLock;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::Verifier as _;
use hooksign::{AnyProvider, Message, Sign, SignError, UnixTime};
use hooksign_fuzz::*;
use libfuzzer_sys::fuzz_target;

/// Each provider: its id, its private key (the primary, s0) and another public key (s1), in the
/// forms it issues (tools/vectors/asym/gen.mjs).
const DISCORD: [&str; 2] = [
    "061739dfe8151d06ed898efa223de5ceaa8a86839818277c5b46cde27a757031eb8eebeca8d576728ffdea9b2cad88c1cb50912a6201602fa8886f9904d62f18",
    "d5187ee555e17fa608b7b21d86bcc63987a60ea0fdbd55aa92cd22f4bb36f37c",
];
const TELNYX: [&str; 2] = [
    "vHoUSfAssz7wx5MaEjbpuLUTrdcFwqv7yf4S1TnRHqJEkdJzHBuvG48ZTOGgA9wXaiQ4eLXPhaCKy7sk6SMqXA==",
    "0IauDBt63cAVJZ3X8ySqBln8sVc40kt2Kfoktgc4cVY=",
];
const STDWH: [&str; 2] = [
    "whsk_8ObO7bfuer4FeB78VGUYeXrW1D/Sv66YK7QFE8wNqi/5LQgdORBJ6dU4BN3Tkx53IiYh/i8+FKfGjtVxk/qTIQ==",
    "whpk_J8vFqTCkYKTh3CAMsU5GjCgwFe8eUQTmDVG/2tVVDJI=",
];
const SENDGRID: [&str; 2] = [
    "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgfsQBwvNgNt5VrBnC9rc+hJBCPCAaD07NCR2lHqe9D3qhRANCAARsPNZdpg22CB4jqjI+SunKHIDIjE7jL/D8jcmYB54hjyJZgcbxuqoGB/SQdfPJI3C5jCzk7tPjRuj9QuE8yu9H",
    "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEO6WKbNag8LaSBIbhTFvfchXhOWL40oiBOY4YEbs8xETixFi6YbylLy28lFVhZ4REaiGL4WWRWBar3ex94ob1MQ==",
];

struct Fixture {
    discord: AnyProvider,
    telnyx: AnyProvider,
    stdwh: AnyProvider,
    sendgrid: AnyProvider,
    discord_keys: Vec<ed25519_dalek::VerifyingKey>,
    telnyx_keys: Vec<ed25519_dalek::VerifyingKey>,
    stdwh_keys: Vec<ed25519_dalek::VerifyingKey>,
    sendgrid_keys: Vec<p256::ecdsa::VerifyingKey>,
}

fn ed25519_public(bytes: &[u8]) -> ed25519_dalek::VerifyingKey {
    // A private key is seed ‖ public key: the public key is its second half.
    let public = if bytes.len() == 64 {
        &bytes[32..]
    } else {
        bytes
    };
    ed25519_dalek::VerifyingKey::from_bytes(public.try_into().unwrap()).unwrap()
}

static FX: LazyLock<Fixture> = LazyLock::new(|| {
    use p256::pkcs8::{DecodePrivateKey as _, DecodePublicKey as _};
    let build = |id, keys: &[&str]| AnyProvider::from_id(id, labelled(keys)).unwrap();
    let p256_private =
        p256::ecdsa::SigningKey::from_pkcs8_der(&STANDARD.decode(SENDGRID[0]).unwrap()).unwrap();
    Fixture {
        discord: build("discord", &DISCORD),
        telnyx: build("telnyx", &TELNYX),
        stdwh: build("standard-webhooks-v1a", &STDWH),
        sendgrid: build("sendgrid", &SENDGRID),
        discord_keys: DISCORD
            .iter()
            .map(|k| ed25519_public(&hex::decode(k).unwrap()))
            .collect(),
        telnyx_keys: TELNYX
            .iter()
            .map(|k| ed25519_public(&STANDARD.decode(k).unwrap()))
            .collect(),
        stdwh_keys: STDWH
            .iter()
            .map(|k| ed25519_public(&STANDARD.decode(&k[5..]).unwrap()))
            .collect(),
        sendgrid_keys: vec![
            *p256_private.verifying_key(),
            p256::ecdsa::VerifyingKey::from_public_key_der(&STANDARD.decode(SENDGRID[1]).unwrap())
                .unwrap(),
        ],
    }
});

/// A header the SDKs require: present once, non-empty.
fn required<'d>(d: &'d Delivery<'_>, name: &str) -> Option<&'d str> {
    match d.lookup(name) {
        Lookup::One(v) if !v.is_empty() => Some(v),
        _ => None,
    }
}

/// Strict hex (either case) of exactly `len` bytes.
fn hex_any_case(text: &str, len: usize) -> Option<Vec<u8>> {
    (text.len() == 2 * len)
        .then(|| hex::decode(text).ok())
        .flatten()
}

/// Canonical padded base64 (what encodes back to the same text).
fn canonical_base64(text: &str) -> Option<Vec<u8>> {
    let bytes = STANDARD.decode(text).ok()?;
    (STANDARD.encode(&bytes) == text).then_some(bytes)
}

fn first_ed25519(
    keys: &[ed25519_dalek::VerifyingKey],
    message: &[u8],
    signature: &[u8],
) -> Option<usize> {
    let signature = ed25519_dalek::Signature::from_slice(signature).ok()?;
    keys.iter()
        .position(|k| k.verify(message, &signature).is_ok())
}

/// A window of `secs` either way, in milliseconds as hooksign compares.
fn window(ts: u64, now: UnixTime, secs: u64) -> Model {
    let (t, now) = (ts.saturating_mul(1000), now.as_millis());
    if now.saturating_sub(t) > secs * 1000 {
        Model::TooOld
    } else if t.saturating_sub(now) > secs * 1000 {
        Model::TooNew
    } else {
        Model::Ok(0)
    }
}

/// discord-interactions 4.4.0: both headers; hex signature; timestamp ‖ body; no window.
fn discord_model(d: &Delivery<'_>) -> Model {
    let (Some(ts), Some(sig)) = (
        required(d, "X-Signature-Timestamp"),
        required(d, "X-Signature-Ed25519"),
    ) else {
        return Model::Reject;
    };
    let Some(sig) = hex_any_case(sig, 64) else {
        return Model::Reject;
    };
    let message = [ts.as_bytes(), d.body].concat();
    with_window(
        first_ed25519(&FX.discord_keys, &message, &sig),
        Model::Ok(0),
    )
}

/// telnyx 7.24.0: both headers; `^\d+$` safe-integer timestamp, 300 s either way first; base64
/// signature; `{timestamp}|{body}`.
fn telnyx_model(d: &Delivery<'_>) -> Model {
    let (Some(sig), Some(ts)) = (
        required(d, "telnyx-signature-ed25519"),
        required(d, "telnyx-timestamp"),
    ) else {
        return Model::Reject;
    };
    if ts.len() > 19 || !ts.bytes().all(|b| b.is_ascii_digit()) {
        return Model::Reject;
    }
    let Ok(secs) = ts.parse::<u64>() else {
        return Model::Reject;
    };
    if secs > (1 << 53) - 1 {
        return Model::Reject;
    }
    match window(secs, d.now, 300) {
        Model::Ok(_) => {}
        stale => return stale,
    }
    let Some(sig) = canonical_base64(sig).filter(|s| s.len() == 64) else {
        return Model::Reject;
    };
    let message = [ts.as_bytes(), b"|", d.body].concat();
    with_window(first_ed25519(&FX.telnyx_keys, &message, &sig), Model::Ok(0))
}

/// @sendgrid/eventwebhook 8.0.0: both headers; base64 DER signature; timestamp ‖ body; no
/// window.
fn sendgrid_model(d: &Delivery<'_>) -> Model {
    use p256::ecdsa::signature::Verifier as _;
    let (Some(sig), Some(ts)) = (
        required(d, "X-Twilio-Email-Event-Webhook-Signature"),
        required(d, "X-Twilio-Email-Event-Webhook-Timestamp"),
    ) else {
        return Model::Reject;
    };
    let Some(der) = canonical_base64(sig) else {
        return Model::Reject;
    };
    let Ok(signature) = p256::ecdsa::Signature::from_der(&der) else {
        return Model::Reject;
    };
    let message = [ts.as_bytes(), d.body].concat();
    let index = FX
        .sendgrid_keys
        .iter()
        .position(|k| k.verify(&message, &signature).is_ok());
    with_window(index, Model::Ok(0))
}

/// What an accepted Standard Webhooks `v1a` delivery must satisfy.
fn check_stdwh_accepted(d: &Delivery<'_>, index: usize, now: UnixTime) {
    let id = required(d, "webhook-id").expect("an id");
    let ts = required(d, "webhook-timestamp").expect("a timestamp");
    let list = required(d, "webhook-signature").expect("a signature list");
    // The reference libraries' reading: surrounding spaces and a fraction dropped.
    let whole = ts
        .trim_matches(|c: char| c.is_ascii_whitespace())
        .split('.')
        .next()
        .unwrap();
    let secs: u64 = whole.parse().expect("a timestamp");
    assert_eq!(
        window(secs, now, 300),
        Model::Ok(0),
        "accepted outside the window"
    );
    let message = [
        id.as_bytes(),
        b".",
        secs.to_string().as_bytes(),
        b".",
        d.body,
    ]
    .concat();
    let key = &FX.stdwh_keys[index];
    let verified = list.split(' ').any(|entry| {
        entry
            .strip_prefix("v1a,")
            .and_then(canonical_base64)
            .and_then(|sig| ed25519_dalek::Signature::from_slice(&sig).ok())
            .is_some_and(|sig| key.verify(&message, &sig).is_ok())
    });
    assert!(
        verified,
        "accepted without a v1a entry key {index} verifies"
    );
}

fuzz_target!(|data: &[u8]| {
    let fx = &*FX;
    let d = Delivery::parse(data);
    let forbidden = |keys: &'static [&'static str; 2]| Forbidden {
        secrets: keys,
        expected: Vec::new(),
        input: data,
    };
    let cases: [(
        &AnyProvider,
        &str,
        &'static [&'static str; 2],
        Option<Model>,
    ); 4] = [
        (&fx.discord, "discord", &DISCORD, Some(discord_model(&d))),
        (&fx.telnyx, "telnyx", &TELNYX, Some(telnyx_model(&d))),
        (&fx.stdwh, "standard-webhooks-v1a", &STDWH, None),
        (
            &fx.sendgrid,
            "sendgrid",
            &SENDGRID,
            Some(sendgrid_model(&d)),
        ),
    ];
    for (provider, id, keys, model) in cases {
        let result = hooksign::verify_at(provider, &d.headers, d.body, d.now);
        check_outcome(&result, id, 2, d.body, &forbidden(keys));
        trace(&result);
        match model {
            Some(model) => check_model(&result, model, &d),
            None => {
                if let Ok(v) = &result {
                    check_stdwh_accepted(&d, v.secret_index(), d.now);
                }
            }
        }

        // Round trip with the primary (private) key, and a tampered body.
        let message = Message::new(d.body).with_id("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W");
        let signed = match provider.sign_at(&message, d.now) {
            Ok(signed) => signed,
            // Telnyx's timestamp is read as a JavaScript number: signing refuses a clock past
            // 2^53 - 1 seconds, which verification (as the SDK) would refuse to read back.
            Err(SignError::Invalid {
                field: "timestamp", ..
            }) if id == "telnyx" && d.now.as_secs() > (1 << 53) - 1 => continue,
            Err(error) => panic!("signing: {error:?}"),
        };
        let v = hooksign::verify_at(provider, &signed, d.body, d.now).expect("round trip");
        assert_eq!(v.secret_index(), 0);
        assert_mismatch(hooksign::verify_at(
            provider,
            &signed,
            &tampered(d.body, d.now.as_millis()),
            d.now,
        ));
    }
});
