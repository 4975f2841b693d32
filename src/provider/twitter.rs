//! X (Twitter) Account Activity API: `x-twitter-webhooks-signature: sha256=<base64
//! HMAC-SHA256(consumer secret, body)>`.
//!
//! Sources:
//! - X Developer Platform, V2 Webhooks API "Quickstart"
//!   (<https://docs.x.com/x-api/webhooks/quickstart>), securing incoming events: each POST
//!   from X carries `x-twitter-webhooks-signature`; to check it, HMAC SHA-256 the raw request
//!   body keyed with the app's consumer secret, base64-encode the hash, prepend `sha256=` and
//!   compare with the header. The same page describes the Challenge-Response Check (a GET with
//!   `crc_token`, answered with `sha256=<base64 HMAC>` of the token): not a delivery, and not
//!   handled here.
//! - X Developer Platform, "V2 Webhooks API" introduction
//!   (<https://docs.x.com/x-api/webhooks/introduction>): the two security mechanisms (CRC
//!   and the signature header); the webhook products (Account Activity API, X Activity API,
//!   filtered stream webhooks) share them.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new(
    "x-twitter-webhooks-signature",
    "x-twitter-webhooks-signature",
)];

/// The scheme: `sha256=` and the padded standard base64 of HMAC-SHA256 over the body.
// The sources read document no delivery id and no single type field for a payload (which
// carries `for_user_id` and arrays of events): no id, idempotency key or event type is read.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "sha256=",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Base64,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::None,
};

spec_provider! {
    /// X (formerly Twitter) webhooks: the Account Activity API and the other V2 webhook
    /// products.
    ///
    /// - **Verifies** `x-twitter-webhooks-signature: sha256=<base64>`, the HMAC-SHA256 of the
    ///   raw body in padded standard base64, as X's quickstart computes it. Nothing else is
    ///   signed.
    /// - **No timestamp** is signed, so there is no replay window.
    /// - **Secret**: the app's consumer secret (API secret key), used as text; not the bearer
    ///   token or an access token secret.
    /// - **Idempotency key**: none. The sources read document no delivery id; deduplicate on
    ///   the ids of the events the payload carries.
    /// - **Event type**: none for the delivery; the payload's array keys name the kinds of
    ///   events it carries.
    /// - **Not handled**: the Challenge-Response Check, a `GET` with a `crc_token` that the
    ///   endpoint answers with the token's HMAC, is not a delivery.
    ///
    /// ```
    /// use hooksign::{SecretSet, Twitter};
    ///
    /// // From the documented model (tests/vectors/twitter.json, `twitter-valid-tweet-create`).
    /// let x = Twitter::new(SecretSet::new(["hooksignTwitterConsumerSecret0000000000000000000001"])?);
    /// let body = br#"{"for_user_id":"2244994945","tweet_create_events":[{"created_at":"Tue Nov 14 22:13:20 +0000 2023","id_str":"1724580000000000001","text":"Hello from the Account Activity API","user":{"id_str":"6253282"}}]}"#;
    /// let headers = [("x-twitter-webhooks-signature", "sha256=g6Gj01NiDA28Mf+fTgZ3i5i5/cxpNaRktnv1gvnzXvo=")];
    /// let verified = hooksign::verify(&x, &headers, body)?;
    /// assert!(verified.idempotency_key().is_none());
    ///
    /// // The same signature over another body is rejected.
    /// assert!(hooksign::verify(&x, &headers, br#"{"for_user_id":"1"}"#).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Twitter, id = "twitter", name = "X (Twitter)", aliases = ["x"], spec = SPEC,
    secrets = text("app consumer secret, as text")
}
