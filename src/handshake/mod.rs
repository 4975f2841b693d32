//! Provider verification handshakes: recognising them and producing the exact response each
//! provider expects.
//!
//! Before (and sometimes while) a provider sends webhooks, it checks that the endpoint wants
//! them with a request of its own, which the endpoint must answer in a precise way. One API
//! covers them all: [`Verify::handshake`](crate::Verify::handshake) says whether a request is
//! the provider's handshake and, if so, gives the [`HandshakeReply`] to send (or why it was
//! refused). The axum and actix-web [integrations](crate::integrations) call it before
//! verifying, and answer handshakes themselves.
//!
//! A handshake is authenticated the way its provider specifies, and never answered for an
//! unverified request where the provider signs it:
//!
//! | provider | request | authenticated by | reply |
//! |---|---|---|---|
//! | [`Slack`](crate::Slack) | `POST`, JSON `{"type":"url_verification","challenge":…}` | its signature (verified first) | `200`, the challenge as `text/plain` |
//! | [`Zoom`](crate::Zoom) | `POST`, JSON `{"event":"endpoint.url_validation","payload":{"plainToken":…}}` | its signature (verified first) | `200`, JSON `{"plainToken":…,"encryptedToken":hex(HMAC-SHA256(secret token, plainToken))}` |
//! | [`Twitch`](crate::Twitch) | `POST`, `Twitch-Eventsub-Message-Type: webhook_callback_verification`, JSON `challenge` | its signature (verified first) | `200`, the challenge as `text/plain` |
//! | [`MetaWebhooks`](crate::MetaWebhooks) | `GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…` | the verify token, set with [`MetaWebhooks::with_verify_token`](crate::MetaWebhooks::with_verify_token) (not answered without one) | `200`, `hub.challenge` as `text/plain` |
//! | [`Dropbox`](crate::Dropbox) | `GET ?challenge=…` | nothing (Dropbox signs no verification request) | `200`, the challenge as `text/plain` (with `X-Content-Type-Options: nosniff`, as Dropbox asks) |
//! | [`Asana`](crate::Asana) | `POST` with `X-Hook-Secret` | nothing (the handshake delivers the secret) | `200` with the same `X-Hook-Secret`; the secret in [`HandshakeReply::delivered_secret`] |
//! | Okta event hooks ([`okta_event_hook`]) | `GET` with `X-Okta-Verification-Challenge` | the provider's own check (Okta's authorization header), run first | `200`, JSON `{"verification":…}` |
//!
//! Each provider's documentation cites its sources. Everything read is bounded: JSON bodies
//! up to 16 KiB (anything larger is not a handshake), queries up to 8 KiB, and an echoed value
//! must be 1 to 512 visible ASCII characters, so an echo can neither break a header nor add
//! a line; text echoes go out as `text/plain` with `X-Content-Type-Options: nosniff`. Query-borne handshakes (Meta, Dropbox) need the delivery's method and URL: the
//! integrations always set both (the URL, when no public URL can be resolved, is the request
//! target `/path?query`, which is all a handshake reads).
//!
//! A `GET` handshake reaches a handler only if its route accepts `GET`: route Meta's, Dropbox's
//! and Okta's endpoints with both methods (`get(h).post(h)` in axum).
//!
//! ```
//! use hooksign::{Delivery, Slack, SecretSet, Sign, Message, UnixTime, Verify};
//!
//! let slack = Slack::new(SecretSet::new(["8f742231b10e8888abcd99yyyzzz85a5"])?);
//! let body = br#"{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"#;
//! let now = UnixTime::now();
//! let headers = slack.sign_at(&Message::new(body), now)?;
//! let delivery = Delivery::new(&headers, body).with_method("POST");
//! let reply = slack.handshake(&delivery, now).expect("a handshake")?;
//! assert_eq!(reply.status(), 200);
//! assert_eq!(reply.body(), b"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
//!
//! // Unsigned: refused, not answered.
//! let forged = Delivery::new(&[("X-Slack-Request-Timestamp", "1")], body).with_method("POST");
//! assert!(slack.handshake(&forged, now).expect("a handshake").is_err());
//!
//! // An ordinary event is not a handshake.
//! let event = Delivery::new(&headers, b"{\"type\":\"event_callback\"}");
//! assert!(slack.handshake(&event, now).is_none());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub(crate) mod answer;
// The fuzz crate reaches the parsers through `--cfg fuzzing`.
#[cfg(fuzzing)]
#[doc(hidden)]
pub mod parse;
#[cfg(not(fuzzing))]
pub(crate) mod parse;
mod reply;

pub use answer::okta_event_hook;
pub use reply::HandshakeReply;
