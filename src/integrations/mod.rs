//! Web framework integrations: verify deliveries in axum and actix-web, and process each
//! event once.
//!
//! Both frameworks share everything below the HTTP plumbing, so they behave identically:
//!
//! - [`WebhookConfig`] holds a provider (any [`Verify`](crate::Verify)), the body size limit
//!   and, optionally, an idempotency [`Store`](crate::idempotency::Store). It is cheap to
//!   clone (one `Arc`) and is what the extractors take from the application state.
//! - [`Webhook`] is the extractor: it reads the raw body under the limit, verifies it, and hands
//!   the handler the [`Verified`](crate::Verified) metadata with the body as [`Bytes`], a
//!   `String`, or deserialized with [`Json`]. It implements axum's `FromRequest` (feature
//!   `axum`) and actix-web's `FromRequest` (feature `actix-web`).
//! - A layer (axum, [`axum::VerifyLayer`]) or middleware (actix-web, [`actix::VerifyWebhook`])
//!   verifies every request of a router the same way, puts
//!   [`Verified<'static>`](crate::Verified) into the request extensions and passes the exact
//!   body on.
//! - [`WebhookRejection`] says why a request was not handed to the handler, and is the response.
//! - With feature `queue`, an inbox handler (axum: `axum::inbox_route`, actix-web:
//!   `actix::accept_into_inbox`) verifies, stores the delivery in a durable
//!   [`Inbox`](crate::queue::Inbox) and answers 202 at once; workers process it later.
//!
//! # Status codes
//!
//! | situation | status | body starts with |
//! |---|---|---|
//! | header missing or malformed, no signature of a checked version | 400 | the [`Error::code`](crate::Error::code), e.g. `missing_header:` |
//! | signature mismatch, timestamp too old or too new | 401 | `signature_mismatch:`, `timestamp_too_old:`, … |
//! | body larger than [`WebhookConfig::with_max_body_bytes`] | 413 | `body_too_large:` |
//! | body could not be read (client went away, broken chunking) | 400 | `body_unreadable:` |
//! | body is not the JSON the handler asked for ([`Json`]) or not UTF-8 (`String`) | 400 | `invalid_body:` |
//! | duplicate of a completed delivery (with a store) | 200 | `duplicate:` |
//! | the same delivery is being processed (with a store) | 409 + `Retry-After` | `in_progress:` |
//! | the store could not answer (with a store) | 503 + `Retry-After` | `store_unavailable:` |
//! | no [`WebhookConfig`] registered (actix-web only: axum checks at compile time) | 500 | `not_configured:` |
//! | a provider's verification handshake ([`WebhookConfig#handshakes`]) | the provider's (200) | the provider's expected reply |
//! | the [`WebhookConfig::on_handshake`] hook refused a handshake | 500 | `handshake_refused:` |
//!
//! A URL-signed provider whose URL cannot be resolved ([`WebhookConfig#the-public-url`])
//! answers 400 `missing_request_part:`.
//!
//! The text never contains secret material: it is the [`Error`](crate::Error)'s message, which
//! names the header and what was wrong, never a secret or an expected signature.
//!
//! # Logging
//!
//! Every rejection is logged once, with `tracing`, where it is decided: a 401 at `warn` (a
//! forged or replayed request, or a secret that no longer matches the provider's: both need an
//! operator's eye); a 400 or 413 at `info` (malformed requests are usually scanners, misrouted
//! traffic or a client bug, worth seeing but not alarming); duplicates and in-progress
//! deliveries at `debug` (providers retry by design); a store failure at `error` (every
//! delivery is refused until it is fixed).
//!
//! # Exactly once
//!
//! With a store ([`WebhookConfig::with_store`]), a delivery whose
//! [`idempotency_key`](crate::Verified::idempotency_key) was already processed is answered 200
//! without running the handler, one being processed 409 with `Retry-After`, and a store that
//! fails 503 so the provider retries. A delivery with no key (e.g. a Slack slash command) is
//! processed every time.
//!
//! - The layer and the middleware settle the lease from the handler's response: a 2xx completes
//!   it, anything else releases it so the provider's retry is processed.
//! - The extractor cannot see the response, so the handler settles: [`Webhook::complete`] once
//!   the event is processed. A [`Webhook`] dropped without it (an early `?` return, a panic, a
//!   cancelled request) releases its lease in the background, so a failure never loses an event.
//!   The lease it holds is an [`idempotency::WebhookLease`](crate::idempotency::WebhookLease),
//!   usable without a web framework.

mod config;
#[cfg(feature = "queue")]
mod inbox;
mod rejection;
mod url;
mod webhook;

#[cfg(feature = "actix-web")]
#[cfg_attr(docsrs, doc(cfg(feature = "actix-web")))]
pub mod actix;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;

/// The body type of [`Webhook`] by default (the `bytes` crate's, as both frameworks use).
pub use bytes::Bytes;
pub use config::WebhookConfig;
pub use rejection::WebhookRejection;
pub use url::PublicUrlError;
pub use webhook::{Json, Webhook, WebhookBody};
