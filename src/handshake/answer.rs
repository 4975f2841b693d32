//! Each provider's handshake: how it is recognised, how it is authenticated, what it is
//! answered. The provider files call these from [`Verify::handshake`].

use std::borrow::Cow;

use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::parse::{self, Param};
use super::reply::HandshakeReply;
use crate::scheme::mac::Keyring;
use crate::scheme::tag::constant_time_eq;
use crate::{Delivery, Error, HeaderKey, HeaderLookup, Malformed, Secret, UnixTime, Verify};

/// What a handshake function answers: `None` when the request is not this provider's
/// handshake, else the reply or why the handshake was refused.
pub(crate) type Answer = Option<Result<HandshakeReply, Error>>;

const TEXT: &str = "text/plain; charset=utf-8";
const JSON: &str = "application/json";
const NOSNIFF: (&str, &str) = ("X-Content-Type-Options", "nosniff");

static TWITCH_MESSAGE_TYPE: HeaderKey = HeaderKey::new(
    "Twitch-Eventsub-Message-Type",
    "twitch-eventsub-message-type",
);
static ASANA_SECRET: HeaderKey = HeaderKey::new("X-Hook-Secret", "x-hook-secret");
static OKTA_CHALLENGE: HeaderKey = HeaderKey::new(
    "X-Okta-Verification-Challenge",
    "x-okta-verification-challenge",
);

fn method_is(delivery: &Delivery<'_>, method: &str) -> bool {
    delivery.method() == Some(method)
}

/// A body field that must be echoed: present and [`parse::echoable`].
fn body_field<'a>(field: &'static str, value: Option<&'a str>) -> Result<&'a str, Error> {
    let malformed = |reason| Error::MalformedBody {
        field: Cow::Borrowed(field),
        reason,
    };
    parse::echoable(value.ok_or_else(|| malformed(Malformed::Empty))?).map_err(malformed)
}

/// A handshake body that verified but is not the JSON it should be.
fn unparsed(field: &'static str, body: &[u8]) -> Error {
    Error::MalformedBody {
        field: Cow::Borrowed(field),
        reason: if body.len() > parse::MAX_BODY {
            Malformed::TooLong {
                max: parse::MAX_BODY,
            }
        } else {
            Malformed::Empty
        },
    }
}

#[derive(Deserialize)]
struct SlackBody<'a> {
    #[serde(rename = "type", borrow)]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow)]
    challenge: Option<Cow<'a, str>>,
}

/// Slack's `url_verification`: a signed POST whose JSON body is
/// `{"token":…,"challenge":…,"type":"url_verification"}`; verified by `slack`, answered with
/// the challenge as `text/plain`.
pub(crate) fn slack<V: Verify + ?Sized>(
    slack: &V,
    delivery: &Delivery<'_>,
    now: UnixTime,
) -> Answer {
    let body = delivery.body();
    // Every event would otherwise be parsed: look for the type's name first.
    memchr::memmem::find(body, b"url_verification")?;
    let parsed: SlackBody<'_> = parse::json(body)?;
    if parsed.kind.as_deref() != Some("url_verification") {
        return None;
    }
    Some(slack.verify_at(delivery, now).and_then(|_| {
        let challenge = body_field("challenge", parsed.challenge.as_deref())?;
        Ok(text(challenge))
    }))
}

/// An echo as `text/plain`, with `X-Content-Type-Options: nosniff` so that no browser reads
/// it as anything else.
fn text(echo: &str) -> HandshakeReply {
    HandshakeReply::new(200, TEXT, echo.as_bytes()).with_header(NOSNIFF.0, NOSNIFF.1)
}

#[derive(Deserialize)]
struct ZoomBody<'a> {
    #[serde(borrow)]
    event: Option<Cow<'a, str>>,
    #[serde(borrow)]
    payload: Option<ZoomPayload<'a>>,
}

#[derive(Deserialize)]
struct ZoomPayload<'a> {
    #[serde(rename = "plainToken", borrow)]
    plain_token: Option<Cow<'a, str>>,
}

/// Zoom's `endpoint.url_validation`: a signed POST whose body is
/// `{"payload":{"plainToken":…},"event_ts":…,"event":"endpoint.url_validation"}`; verified by
/// `zoom`, answered with `{"plainToken":…,"encryptedToken":hex(HMAC-SHA256(secret token,
/// plainToken))}`, keyed with the secret that verified the request (`ring` holds the same
/// secrets, in the same order, keyed as text).
pub(crate) fn zoom<V: Verify + ?Sized>(
    zoom: &V,
    ring: &Keyring,
    delivery: &Delivery<'_>,
    now: UnixTime,
) -> Answer {
    let body = delivery.body();
    memchr::memmem::find(body, b"endpoint.url_validation")?;
    let parsed: ZoomBody<'_> = parse::json(body)?;
    if parsed.event.as_deref() != Some("endpoint.url_validation") {
        return None;
    }
    Some(zoom.verify_at(delivery, now).and_then(|verified| {
        let token = parsed
            .payload
            .as_ref()
            .and_then(|p| p.plain_token.as_deref());
        let token = body_field("payload.plainToken", token)?;
        let tag = ring
            .sign_all(&[token.as_bytes()])
            .nth(verified.secret_index())
            .ok_or(Error::SignatureMismatch {
                secrets: ring.len(),
                signatures: 1,
            })?;
        let encrypted = crate::provider::spec::Encoding::Hex.encode(&tag);
        let reply = serde_json::json!({ "plainToken": token, "encryptedToken": encrypted });
        Ok(HandshakeReply::new(200, JSON, reply.to_string()))
    }))
}

#[derive(Deserialize)]
struct TwitchBody<'a> {
    #[serde(borrow)]
    challenge: Option<Cow<'a, str>>,
}

/// Twitch's `webhook_callback_verification`: a signed POST marked by
/// `Twitch-Eventsub-Message-Type`, whose JSON body carries `challenge`; verified by `twitch`,
/// answered with the raw challenge as `text/plain`.
pub(crate) fn twitch<V: Verify + ?Sized>(
    twitch: &V,
    delivery: &Delivery<'_>,
    now: UnixTime,
) -> Answer {
    match delivery.headers().lookup_key(&TWITCH_MESSAGE_TYPE) {
        HeaderLookup::One("webhook_callback_verification") => {}
        _ => return None,
    }
    Some(twitch.verify_at(delivery, now).and_then(|_| {
        let body = delivery.body();
        let parsed: TwitchBody<'_> =
            parse::json(body).ok_or_else(|| unparsed("challenge", body))?;
        let challenge = body_field("challenge", parsed.challenge.as_deref())?;
        Ok(text(challenge))
    }))
}

/// Meta's verification request: `GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`,
/// authenticated by the verify token (compared in constant time, lengths included: both sides
/// are hashed first), answered with `hub.challenge` as `text/plain`. Without a configured
/// token it is not answered.
pub(crate) fn meta(token: Option<&Secret>, delivery: &Delivery<'_>) -> Answer {
    if !method_is(delivery, "GET") {
        return None;
    }
    let url = delivery.url();
    match parse::param(url, "hub.mode") {
        Param::One(mode) if mode == "subscribe" => {}
        _ => return None,
    }
    let expected = token?;
    let received = match parse::param(url, "hub.verify_token") {
        Param::One(received) => received,
        Param::Absent | Param::Unusable => {
            return Some(Err(Error::MissingRequestPart {
                part: "hub.verify_token",
            }));
        }
    };
    let same = constant_time_eq(
        &Sha256::digest(received.as_bytes()),
        &Sha256::digest(expected.expose()),
    );
    if !bool::from(same) {
        return Some(Err(Error::SignatureMismatch {
            secrets: 1,
            signatures: 1,
        }));
    }
    Some(match parse::param(url, "hub.challenge") {
        Param::One(challenge) if parse::echoable(&challenge).is_ok() => Ok(text(&challenge)),
        _ => Err(Error::MissingRequestPart {
            part: "hub.challenge",
        }),
    })
}

/// Dropbox's verification request: `GET ?challenge=…`, unauthenticated by design (answering
/// it only proves that the endpoint wants notifications), answered with the challenge as
/// `text/plain` with `X-Content-Type-Options: nosniff`, as Dropbox asks, so that the echo
/// cannot be a reflected XSS.
pub(crate) fn dropbox(delivery: &Delivery<'_>) -> Answer {
    if !method_is(delivery, "GET") {
        return None;
    }
    match parse::param(delivery.url(), "challenge") {
        Param::One(challenge) if parse::echoable(&challenge).is_ok() => Some(Ok(text(&challenge))),
        // Anything else is left to verification, which refuses an unsigned request.
        _ => None,
    }
}

/// Asana's handshake: a POST carrying `X-Hook-Secret`, unsigned by design (the secret is what
/// later deliveries are signed with), answered 200 with the same header; the secret is
/// handed to the application through [`HandshakeReply::delivered_secret`].
pub(crate) fn asana(delivery: &Delivery<'_>) -> Answer {
    if delivery.method().is_some_and(|m| m != "POST") {
        return None;
    }
    let malformed = |reason| Error::malformed(ASANA_SECRET.as_str(), reason);
    Some(match delivery.headers().lookup_key(&ASANA_SECRET) {
        HeaderLookup::Absent => return None,
        HeaderLookup::Conflicting => Err(malformed(Malformed::Repeated)),
        HeaderLookup::NotText => Err(malformed(Malformed::NotText)),
        HeaderLookup::One(secret) => parse::echoable(secret).map_err(malformed).map(|secret| {
            HandshakeReply::empty(200)
                .with_header(ASANA_SECRET.as_str(), secret)
                .with_delivered_secret(secret)
        }),
    })
}

/// Okta's event hook verification: a `GET` carrying `X-Okta-Verification-Challenge`,
/// answered with `{"verification": <the header's value>}` as JSON, once `authenticator` has
/// verified the request.
///
/// Okta sends the event hook's configured authorization header on this request too (its
/// example: `Authorization: my-shared-secret`), so an Okta provider passes itself as the
/// authenticator and its token check runs first; the handshake is never answered for a
/// request it rejects. An Okta provider's [`Verify::handshake`] is the one line
/// `hooksign::handshake::okta_event_hook(self, delivery, now)`.
///
/// Sources: Okta Developer, "Event hooks" (<https://developer.okta.com/use_cases/event_hooks>):
/// Okta defines the contract of the calls it sends and verifies the endpoint once; Okta's
/// support article "Unable to verify event hook"
/// (<https://support.okta.com/help/s/article/Unable-to-verify-event-hook-Hook-hook-name-execution-failed>)
/// shows that one-time verification request (`GET`, `X-Okta-Verification-Challenge`, the
/// hook's `Authorization` header) and the expected `200` with `Content-Type: application/json`
/// and `{"verification":"<the header's value>"}`.
///
/// ```
/// use hooksign::{Delivery, GitHub, SecretSet, Sign, Message, UnixTime};
/// use hooksign::handshake::okta_event_hook;
///
/// // Any verifier can authenticate it: here a GitHub signature over the empty body stands in
/// // for Okta's authorization header.
/// let verifier = GitHub::new(SecretSet::new(["s3cret"])?);
/// let signed = verifier.sign(&Message::new(b""))?;
/// let mut headers: Vec<(String, String)> =
///     signed.iter().map(|(n, v)| (n.to_owned(), v.to_owned())).collect();
/// headers.push(("X-Okta-Verification-Challenge".into(), "Me_rShK8JHsTnbyYrWXCEoMGbM_zsZ6k0hLPZ_Pg".into()));
/// let delivery = Delivery::new(&headers, b"").with_method("GET");
/// let reply = okta_event_hook(&verifier, &delivery, UnixTime::now()).unwrap()?;
/// assert_eq!(reply.body(), br#"{"verification":"Me_rShK8JHsTnbyYrWXCEoMGbM_zsZ6k0hLPZ_Pg"}"#);
///
/// // Not authenticated: refused, never answered.
/// let forged = [("X-Okta-Verification-Challenge", "abc")];
/// let delivery = Delivery::new(&forged, b"").with_method("GET");
/// assert!(okta_event_hook(&verifier, &delivery, UnixTime::now()).unwrap().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn okta_event_hook<V: Verify + ?Sized>(
    authenticator: &V,
    delivery: &Delivery<'_>,
    now: UnixTime,
) -> Option<Result<HandshakeReply, Error>> {
    if delivery.method().is_some_and(|m| m != "GET") {
        return None;
    }
    let malformed = |reason| Error::malformed(OKTA_CHALLENGE.as_str(), reason);
    let challenge = match delivery.headers().lookup_key(&OKTA_CHALLENGE) {
        HeaderLookup::Absent => return None,
        HeaderLookup::One(challenge) => Ok(challenge),
        HeaderLookup::Conflicting => Err(malformed(Malformed::Repeated)),
        HeaderLookup::NotText => Err(malformed(Malformed::NotText)),
    };
    Some(authenticator.verify_at(delivery, now).and_then(|_| {
        let challenge = parse::echoable(challenge?).map_err(malformed)?;
        let reply = serde_json::json!({ "verification": challenge });
        Ok(HandshakeReply::new(200, JSON, reply.to_string()))
    }))
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
