//! Provider handshakes (`Verify::handshake`) on arbitrary requests.
//!
//! Input: an optional `!METHOD TARGET` line (the request line: `!GET /hook?challenge=abc`),
//! then the delivery format of `hooksign_fuzz` (`@now`, `Name:value` lines, blank line, body).
//! Invariants, for Slack, Zoom, Twitch, Meta (with and without a verify token), Dropbox, Asana
//! and an Okta event hook (through `okta_event_hook`, with a header-token authenticator):
//! - no panic;
//! - never answered unauthenticated: a `Some(Ok)` of a signing provider (Slack, Zoom, Twitch,
//!   Okta) implies `verify_at` accepts the same request; Meta answers only with its verify
//!   token in the query (checked by a reference query reader), never without a configured
//!   token; GET handshakes only for `GET`, Asana only for `POST`;
//! - the reply is the provider's: status 200, the provider's content type, an echoed value of
//!   1..=512 visible ASCII bytes equal to what the request carried (Zoom: `encryptedToken` is the
//!   reference HMAC of `plainToken` with the secret that verified), Asana's header equals its
//!   delivered secret; no secret in the reply or its `Debug`;
//! - errors carry no secret in `Display`/`Debug`;
//! - round trip: a handshake built and signed from the input's bytes is answered with exactly
//!   its challenge, and a flipped challenge byte after signing is refused.
#![no_main]
#![forbid(unsafe_code)]

use hooksign::handshake::{HandshakeReply, okta_event_hook};
use hooksign::provider::spec::Algorithm;
use hooksign::{
    Asana, Delivery, Dropbox, Error, HeaderLookup, Message, MetaWebhooks, SecretSet, Sign, Slack,
    Twitch, UnixTime, Verified, Verify, Zoom,
};
use hooksign_fuzz::{Delivery as Input, hmac};
use libfuzzer_sys::fuzz_target;

const SLACK: &str = "hooksign-fuzz-slack-signing-secret";
const ZOOM: [&str; 2] = [
    "hooksign-fuzz-zoom-secret-token-1",
    "hooksign-fuzz-zoom-secret-token-2",
];
const TWITCH: &str = "hooksign-fuzz-twitch-eventsub-secret";
const META: &str = "hooksign-fuzz-meta-app-secret";
const META_TOKEN: &str = "hooksign-fuzz-verify-token";
const DROPBOX: &str = "hooksign-fuzz-dropbox-app-secret";
const OKTA: &str = "hooksign-fuzz-okta-authorization";
const SECRETS: [&str; 8] = [
    SLACK, ZOOM[0], ZOOM[1], TWITCH, META, META_TOKEN, DROPBOX, OKTA,
];

/// An Okta event hook authenticated by its `Authorization` header.
struct OktaLike;

impl Verify for OktaLike {
    fn id(&self) -> &str {
        "okta-like"
    }
    fn verify_at<'r>(&self, d: &Delivery<'r>, _: UnixTime) -> Result<Verified<'r>, Error> {
        match d.headers().lookup("authorization") {
            HeaderLookup::One(OKTA) => Ok(Verified::new("okta-like", d.body())),
            _ => Err(Error::SignatureMismatch {
                secrets: 1,
                signatures: 1,
            }),
        }
    }
}

fn set(secrets: &[&str]) -> SecretSet {
    SecretSet::new(secrets.iter().copied()).unwrap()
}

/// The reference reading of one query parameter: split on `&` and the first `=`, decode
/// `+` and `%XX`; `None` when absent, repeated or undecodable.
fn reference_param(target: &str, name: &str) -> Option<String> {
    let query = target.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or("");
    if query.len() > 8192 {
        return None;
    }
    let decode = |s: &str| -> Option<String> {
        let s = s.replace('+', " ");
        let mut out = Vec::new();
        let mut bytes = s.bytes();
        while let Some(b) = bytes.next() {
            if b == b'%' {
                let hi = bytes.next()?;
                let lo = bytes.next()?;
                out.push(u8::from_str_radix(std::str::from_utf8(&[hi, lo]).ok()?, 16).ok()?);
            } else {
                out.push(b);
            }
        }
        String::from_utf8(out).ok()
    };
    let mut found = None;
    for pair in query.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if decode(k)? == name {
            if found.is_some() {
                return None;
            }
            found = Some(decode(v)?);
        }
    }
    found
}

fn echoable(value: &[u8]) -> bool {
    (1..=512).contains(&value.len()) && value.iter().all(|b| b.is_ascii_graphic())
}

/// The invariants every answer satisfies. `input` is the raw input: a secret it holds itself
/// may be echoed (the sender sent it), so only the others are looked for.
fn check(answer: &Option<Result<HandshakeReply, Error>>, content_type: Option<&str>, input: &[u8]) {
    let secrets = SECRETS
        .iter()
        .filter(|s| !input.windows(s.len()).any(|w| w == s.as_bytes()));
    match answer {
        Some(Ok(reply)) => {
            assert_eq!(reply.status(), 200);
            assert_eq!(reply.content_type(), content_type);
            assert!(reply.body().len() <= 1024, "bounded reply");
            for (name, value) in reply.headers() {
                assert!(
                    !name.is_empty() && echoable(value.as_bytes()),
                    "{name}: {value:?}"
                );
            }
            let debug = format!("{reply:?}");
            for secret in secrets {
                assert!(
                    !debug.contains(secret)
                        && !reply
                            .body()
                            .windows(secret.len())
                            .any(|w| w == secret.as_bytes())
                );
            }
        }
        Some(Err(err)) => {
            let text = format!("{err} {err:?}");
            for secret in secrets {
                assert!(!text.contains(secret), "secret in {text}");
            }
        }
        None => {}
    }
}

fn text_echo(answer: &Option<Result<HandshakeReply, Error>>) -> Option<&[u8]> {
    match answer {
        Some(Ok(reply)) => {
            assert_eq!(reply.header("X-Content-Type-Options"), Some("nosniff"));
            assert!(echoable(reply.body()), "echo {:?}", reply.body());
            Some(reply.body())
        }
        _ => None,
    }
}

/// A challenge made of the input's bytes, always echoable.
fn challenge_of(data: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let s: String = data
        .iter()
        .take(64)
        .map(|b| ALPHABET[usize::from(b % 64)] as char)
        .collect();
    if s.is_empty() { "c".to_owned() } else { s }
}

fuzz_target!(|data: &[u8]| {
    let (line, rest) = match data.strip_prefix(b"!") {
        Some(rest) => match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (
                String::from_utf8_lossy(&rest[..i]).into_owned(),
                &rest[i + 1..],
            ),
            None => (String::from_utf8_lossy(rest).into_owned(), &[][..]),
        },
        None => (String::new(), data),
    };
    let (method, target) = line.split_once(' ').unwrap_or((line.as_str(), ""));
    let input = Input::parse(rest);
    let now = input.now;
    let mut delivery = Delivery::new(&input.headers, input.body);
    if !method.is_empty() {
        delivery = delivery.with_method(method);
    }
    if !target.is_empty() {
        delivery = delivery.with_url(target);
    }

    let slack = Slack::new(set(&[SLACK]));
    let zoom = Zoom::new(set(&ZOOM));
    let twitch = Twitch::new(set(&[TWITCH]));
    let meta = MetaWebhooks::new(set(&[META])).with_verify_token(META_TOKEN);
    let meta_plain = MetaWebhooks::new(set(&[META]));
    let dropbox = Dropbox::new(set(&[DROPBOX]));
    let asana = Asana::new(set(&["placeholder"]));
    const TEXT: Option<&str> = Some("text/plain; charset=utf-8");
    const JSON: Option<&str> = Some("application/json");

    // Signed handshakes: answered only when the request verifies.
    for (provider, answer) in [
        (&slack as &dyn Verify, slack.handshake(&delivery, now)),
        (&twitch, twitch.handshake(&delivery, now)),
    ] {
        check(&answer, TEXT, data);
        if text_echo(&answer).is_some() {
            assert!(
                provider.verify_at(&delivery, now).is_ok(),
                "{} answered unverified",
                provider.id()
            );
        }
    }
    let answer = zoom.handshake(&delivery, now);
    check(&answer, JSON, data);
    if let Some(Ok(reply)) = &answer {
        let verified = zoom
            .verify_at(&delivery, now)
            .expect("zoom answered unverified");
        let json: serde_json::Value = serde_json::from_slice(reply.body()).expect("JSON reply");
        let token = json["plainToken"].as_str().expect("plainToken");
        assert!(echoable(token.as_bytes()));
        let expected = hex::encode(hmac(
            Algorithm::Sha256,
            ZOOM[verified.secret_index()].as_bytes(),
            &[token.as_bytes()],
        ));
        assert_eq!(json["encryptedToken"].as_str(), Some(expected.as_str()));
    }
    let answer = okta_event_hook(&OktaLike, &delivery, now);
    check(&answer, JSON, data);
    if let Some(Ok(_)) = &answer {
        assert!(
            OktaLike.verify_at(&delivery, now).is_ok(),
            "okta answered unverified"
        );
        assert_ne!(delivery.method(), Some("POST"));
    }

    // Meta: the verify token, in the query of a GET.
    let answer = meta.handshake(&delivery, now);
    check(&answer, TEXT, data);
    if let Some(echo) = text_echo(&answer) {
        assert_eq!(method, "GET");
        assert_eq!(
            reference_param(target, "hub.mode").as_deref(),
            Some("subscribe")
        );
        assert_eq!(
            reference_param(target, "hub.verify_token").as_deref(),
            Some(META_TOKEN)
        );
        assert_eq!(
            reference_param(target, "hub.challenge")
                .as_deref()
                .map(str::as_bytes),
            Some(echo)
        );
    }
    assert!(
        meta_plain.handshake(&delivery, now).is_none(),
        "Meta answered without a token"
    );

    // Dropbox: the GET challenge, unauthenticated.
    let answer = dropbox.handshake(&delivery, now);
    check(&answer, TEXT, data);
    if let Some(echo) = text_echo(&answer) {
        assert_eq!(method, "GET");
        assert_eq!(
            reference_param(target, "challenge")
                .as_deref()
                .map(str::as_bytes),
            Some(echo)
        );
    }
    if method == "GET"
        && reference_param(target, "challenge").is_some_and(|c| echoable(c.as_bytes()))
    {
        assert!(matches!(dropbox.handshake(&delivery, now), Some(Ok(_))));
    }

    // Asana: the header echoed and handed over.
    let answer = asana.handshake(&delivery, now);
    check(&answer, None, data);
    if let Some(Ok(reply)) = &answer {
        assert!(method.is_empty() || method == "POST");
        let hooksign_fuzz::Lookup::One(sent) = input.lookup("X-Hook-Secret") else {
            panic!("answered without one X-Hook-Secret");
        };
        assert_eq!(reply.header("X-Hook-Secret"), Some(sent));
        assert_eq!(reply.delivered_secret(), Some(sent));
        assert!(reply.body().is_empty());
    }

    // Round trips, from the input's bytes.
    let challenge = challenge_of(input.body);
    let signed_at = UnixTime::from_secs(1_700_000_000);
    let slack_body = |c: &str| {
        serde_json::json!({"token": "t", "challenge": c, "type": "url_verification"}).to_string()
    };
    let twitch_body = |c: &str| {
        serde_json::json!({"challenge": c, "subscription": {"type": "channel.follow"}}).to_string()
    };
    let zoom_body = |c: &str| {
        serde_json::json!({"payload": {"plainToken": c}, "event": "endpoint.url_validation"})
            .to_string()
    };
    type Body = fn(&str) -> String;
    for (provider, make, extra, reply_json) in [
        (&slack as &dyn RoundTrip, slack_body as Body, None, false),
        (
            &twitch,
            twitch_body as Body,
            Some((
                "Twitch-Eventsub-Message-Type",
                "webhook_callback_verification",
            )),
            false,
        ),
        (&zoom, zoom_body as Body, None, true),
    ] {
        let body = make(&challenge);
        let msg = Message::new(body.as_bytes()).with_id("fuzz-message-id");
        let mut headers: Vec<(String, String)> = provider
            .sign_with(&msg, signed_at)
            .iter()
            .map(|(n, v)| (n.to_owned(), v.to_owned()))
            .collect();
        if let Some((n, v)) = extra {
            headers.push((n.to_owned(), v.to_owned()));
        }
        let d = Delivery::new(&headers, body.as_bytes()).with_method("POST");
        let reply = provider
            .answer(&d, signed_at)
            .expect("a handshake")
            .expect("answered");
        if reply_json {
            let json: serde_json::Value = serde_json::from_slice(reply.body()).unwrap();
            assert_eq!(json["plainToken"].as_str(), Some(challenge.as_str()));
        } else {
            assert_eq!(reply.body(), challenge.as_bytes());
        }
        // The challenge changed after signing: refused.
        let flipped = make(&format!("{challenge}x"));
        let d = Delivery::new(&headers, flipped.as_bytes()).with_method("POST");
        assert!(matches!(provider.answer(&d, signed_at), Some(Err(_))));
    }
});

/// Signing and answering through one object.
trait RoundTrip {
    fn sign_with(&self, msg: &Message<'_>, now: UnixTime) -> hooksign::SignedHeaders;
    fn answer(&self, d: &Delivery<'_>, now: UnixTime) -> Option<Result<HandshakeReply, Error>>;
}

impl<P: Verify + Sign> RoundTrip for P {
    fn sign_with(&self, msg: &Message<'_>, now: UnixTime) -> hooksign::SignedHeaders {
        self.sign_at(msg, now).expect("sign")
    }
    fn answer(&self, d: &Delivery<'_>, now: UnixTime) -> Option<Result<HandshakeReply, Error>> {
        self.handshake(d, now)
    }
}
