//! Verify and sign webhooks: prove each delivery came from the provider, was not altered, and
//! is not a replay; then process it exactly once.
//!
//! ```
//! use hooksign::{GitHub, SecretSet};
//!
//! let github = GitHub::new(SecretSet::new(["It's a Secret to Everybody"])?);
//! let headers = [(
//!     "X-Hub-Signature-256",
//!     "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
//! )];
//! let verified = hooksign::verify(&github, &headers, b"Hello, World!")?;
//! assert_eq!(verified.provider(), "github");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # How it is built
//!
//! - A **provider** ([`GitHub`], [`Stripe`], [`Slack`], [`Shopify`], [`StandardWebhooks`],
//!   [`Svix`], and every entry of [`provider::REGISTRY`]) is a static description of its
//!   scheme ([`provider::spec::Spec`]) that one private engine runs; a
//!   [`Custom`](provider::Custom) provider is one you write. Each accepts exactly what the
//!   provider's official SDK accepts (tolerance, hex case, header families), with the
//!   comparison done in constant time.
//! - **Secrets** come in a [`SecretSet`]: the first signs, all verify, and [`Verified`] says
//!   which one matched, so a rotation can be watched and finished.
//! - **Verification** ([`verify`], [`Verify::verify_at`]) pre-keys every secret once, feeds
//!   the body to the MAC in one pass without copying it, and allocates nothing.
//! - **Errors** ([`Error`]) name the header and what was wrong with it, never a secret or an
//!   expected signature, and map to an HTTP status.
//! - **Signing** ([`Sign`]) is the exact inverse, for senders, tests and the CLI.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod body_field;
mod delivery;
mod error;
pub mod handshake;
mod headers;
pub mod idempotency;
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub mod integrations;
#[cfg(any(feature = "ed25519", feature = "p256"))]
mod key_set;
pub mod provider;
#[cfg(feature = "queue")]
pub mod queue;
// The engines are private: users configure providers, not engines. The fuzz crate (built with
// `--cfg fuzzing` by cargo-fuzz) reaches the parsers directly.
#[cfg(fuzzing)]
#[doc(hidden)]
pub mod scheme;
#[cfg(not(fuzzing))]
mod scheme;
mod secret;
#[cfg(feature = "send")]
pub mod send;
mod time;
mod verified;

pub use delivery::{Delivery, Message, SignedHeaders};
pub use error::{Error, ErrorKind, Malformed, SecretError, SignError};
pub use headers::{HeaderKey, HeaderLookup, Headers};
#[cfg(any(feature = "ed25519", feature = "p256"))]
pub use key_set::{KeySet, PublicKey};
pub use provider::any::AnyProvider;
pub use provider::hubspot::HubSpotVersion;
pub use provider::traits::{Sign, Verify};
pub use provider::types::*;
pub use secret::{Secret, SecretSet};
pub use time::{Tolerance, UnixTime};
pub use verified::{IdempotencyKey, Verified};

// The README's examples are compiled and run as doctests (with every feature, as CI tests),
// so the front page cannot drift from the API.
#[cfg(all(doctest, feature = "axum", feature = "actix-web"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// Verifies a delivery against the system clock.
///
/// `headers` is anything implementing [`Headers`] (pairs, a `HashMap`, an `http::HeaderMap`);
/// `body` the exact bytes received, before any parsing.
///
/// ```
/// use hooksign::{Stripe, SecretSet, Sign, Message};
///
/// let stripe = Stripe::new(SecretSet::new(["whsec_test"])?);
/// let body = br#"{"id":"evt_1"}"#;
/// let headers = stripe.sign(&Message::new(body))?;
/// assert!(hooksign::verify(&stripe, &headers, body).is_ok());
/// assert!(hooksign::verify(&stripe, &headers, b"{}").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify<'r, V, H>(provider: &V, headers: &'r H, body: &'r [u8]) -> Result<Verified<'r>, Error>
where
    V: Verify + ?Sized,
    H: Headers,
{
    provider.verify(&Delivery::new(headers, body))
}

/// Verifies a delivery against the clock `now` (tests, replays of recorded deliveries).
///
/// ```
/// use hooksign::{Slack, SecretSet, Sign, Message, UnixTime, ErrorKind};
///
/// let slack = Slack::new(SecretSet::new(["secret"])?);
/// let signed_at = UnixTime::from_secs(1_700_000_000);
/// let headers = slack.sign_at(&Message::new(b"{}"), signed_at)?;
/// let later = UnixTime::from_secs(1_700_000_301);
/// let err = hooksign::verify_at(&slack, &headers, b"{}", later).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::TimestampTooOld);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify_at<'r, V, H>(
    provider: &V,
    headers: &'r H,
    body: &'r [u8],
    now: UnixTime,
) -> Result<Verified<'r>, Error>
where
    V: Verify + ?Sized,
    H: Headers,
{
    provider.verify_at(&Delivery::new(headers, body), now)
}

/// Signs `body` as the provider would, with the system clock.
///
/// ```
/// use hooksign::{GitHub, SecretSet};
/// let github = GitHub::new(SecretSet::new(["It's a Secret to Everybody"])?);
/// let headers = hooksign::sign(&github, b"Hello, World!")?;
/// assert!(headers.get("X-Hub-Signature-256").unwrap().starts_with("sha256=7571"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn sign<S: Sign + ?Sized>(provider: &S, body: &[u8]) -> Result<SignedHeaders, SignError> {
    provider.sign(&Message::new(body))
}
