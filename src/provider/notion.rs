//! Notion: `X-Notion-Signature: sha256=<hex HMAC-SHA256(verification token, body)>`.
//!
//! Sources:
//! - Official SDK `@notionhq/client` (makenotion/notion-sdk-js, commit
//!   `9060802d386afbb82fa7b52ba4298cce0b1e0429`, version 5.26.0; the helpers ship since
//!   5.23.0), `src/webhooks.ts` `verifyWebhookSignature`: the header must start with
//!   `sha256=`; the rest is lower-cased, must be 64 hex digits, and is compared in constant
//!   time with the HMAC-SHA256 of the raw body (UTF-8) keyed with the subscription's
//!   verification token as text; anything else returns `false`. Its tests include a fixed
//!   body and token "matching the algorithm used by the Notion webhook delivery pipeline".
//! - The SDK's README, "Verifying webhook signatures": Notion signs every delivery over the raw
//!   body with the subscription's verification token; the initial handshake body
//!   (`{"verification_token": "…"}`) is signed with the same token.
//! - `src/api-endpoints/webhooks.ts` `BaseWebhookPayload`: `id` is the unique identifier of the
//!   webhook event, `attempt_number` the delivery attempt (1-8) of that event, and each
//!   payload's `type` names the event (`page.created`, …).
//! - Notion Developers, "Webhooks" (<https://developers.notion.com/reference/webhooks>): the
//!   event payload carries the entity id, the event type and a timestamp.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, BodyPaths, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("X-Notion-Signature", "x-notion-signature")];

/// The scheme: `sha256=<hex>` of HMAC-SHA256 over the body, hex in either case.
// The SDK lower-cases the received hex before comparing: upper case verifies.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "sha256=",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::HexAnyCase,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    idempotency: Source::Body(BodyPaths::from_static(&[&["id"]])),
    event_type: Source::Body(BodyPaths::from_static(&[&["type"]])),
};

spec_provider! {
    /// Notion webhooks (integration webhook subscriptions).
    ///
    /// - **Verifies** `X-Notion-Signature: sha256=<hex>`, the HMAC-SHA256 of the raw body, as
    ///   `@notionhq/client`'s `verifyWebhookSignature` does: the prefix exactly, the hex in
    ///   either case (the SDK lower-cases it). A re-serialised body does not verify.
    /// - **No timestamp** is signed in a header, so there is no replay window (the body's
    ///   `timestamp` is when the event occurred; it is not checked).
    /// - **Secret**: the subscription's verification token, used as text. Notion sends it once,
    ///   in the body of the handshake request when the subscription is created
    ///   (`{"verification_token": "…"}`, signed with that same token); store it and give it to
    ///   this provider.
    /// - **Idempotency key**: `notion:<id>`, the event's `id` from the body. The SDK's types
    ///   describe it as the event's unique identifier and number the delivery attempts of that
    ///   event separately (`attempt_number`, 1-8), so the key is stable across Notion's
    ///   retries. The handshake body has no `id`, so it has no key.
    /// - **Event type**: the body's `type` (e.g. `page.created`, `comment.created`).
    ///
    /// ```
    /// use hooksign::{Notion, SecretSet};
    ///
    /// // notion-sdk-js's fixed test body and token (tests/vectors/notion.json, `notion-sdk-fixture`).
    /// let notion = Notion::new(SecretSet::new(["fixed-verification-token"])?);
    /// let body = br#"{"id":"fixed-evt","type":"page.created"}"#;
    /// let headers = [(
    ///     "X-Notion-Signature",
    ///     "sha256=e51fc361bd9b019cc34c59929547007291a6dd982179d36bb5d6d9e7e12cbac2",
    /// )];
    /// let verified = hooksign::verify(&notion, &headers, body)?;
    /// assert_eq!(verified.idempotency_key().unwrap().as_str(), "notion:fixed-evt");
    /// assert_eq!(verified.event_type().as_deref(), Some("page.created"));
    /// assert!(hooksign::verify(&notion, &headers, br#"{"id":"fixed-evt","type":"page.deleted"}"#).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Notion, id = "notion", name = "Notion", aliases = [], spec = SPEC,
    secrets = text("subscription verification token, as text")
}
