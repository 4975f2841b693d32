//! Shortcut: `Payload-Signature: <hex HMAC-SHA256(webhook secret, body)>`.
//!
//! Sources:
//! - Shortcut's official SDK `@shortcut/client` (npm) 3.4.1, `lib/webhooks/verify.cjs`
//!   (useshortcut/shortcut-client-js `src/webhooks/verify.ts`),
//!   `verifyShortcutWebhookSignature(secret, rawBody, signature)`: the `payload-signature`
//!   header must be 64 hexadecimal digits of either case (`/^[0-9a-fA-F]{64}$/`); it is
//!   decoded and checked with WebCrypto's HMAC-SHA256 `verify` over the raw body, keyed with
//!   the secret's UTF-8 bytes. Nothing else is read: no timestamp. The SDK's
//!   `ShortcutWebhookClient` returns the body's `id` as the delivery id, "Redeliveries reuse
//!   it", and leaves the body's `timestamp` unchecked by default because redeliveries keep the
//!   original one.
//! - Shortcut's Outgoing Webhooks API v1 (<https://developer.shortcut.com/api/webhook/v1>): the
//!   `Clubhouse-Signature` header was renamed `Payload-Signature` (the old name was sent too
//!   until November 2021); an event carries `id`, `changed_at`, `primary_id`, `member_id`,
//!   `version` and its `actions`.
//! - Shortcut Help Center, "Registering Outgoing Webhooks (API)"
//!   (<https://help.shortcut.com/hc/en-us/articles/34734717380756>): a webhook created with a
//!   `secret` gets "a hash signature with each payload that is passed along in the
//!   Payload-Signature header", an HMAC hexdigest.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, BodyPaths, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("Payload-Signature", "payload-signature")];

/// The scheme: hex (either case) of HMAC-SHA256 over the body.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    // The SDK decodes the hex and compares bytes, so upper case verifies too.
    encoding: Encoding::HexAnyCase,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    idempotency: Source::Body(BodyPaths::from_static(&[&["id"]])),
    event_type: Source::None,
};

spec_provider! {
    /// Shortcut (formerly Clubhouse) outgoing webhooks, and the deliveries to Shortcut agent
    /// apps that `@shortcut/client`'s `ShortcutWebhookClient` receives.
    ///
    /// - **Verifies** `Payload-Signature: <hex>`, the HMAC-SHA256 of the raw body, in either
    ///   case as `@shortcut/client@3.4.1`'s `verifyShortcutWebhookSignature` accepts it. A
    ///   webhook created without a secret sends no signature, so its deliveries are refused as
    ///   missing the header. The retired `Clubhouse-Signature` header is not read.
    /// - **No timestamp** is signed, so there is no replay window: deduplicate on the key.
    /// - **Secret**: the `secret` set on the webhook (Settings → Integrations → Webhooks, or
    ///   the `secret` field of the create-webhook API), used as text.
    /// - **Idempotency key**: `shortcut:<id>`, the body's `id`, which the SDK returns as the
    ///   delivery id and documents as reused by redeliveries.
    /// - **Event type**: none. A v1 event lists several `actions`, each with its own
    ///   `entity_type` and `action` (`create`, `update`, `delete`); read them from the body.
    ///
    /// ```
    /// use hooksign::{SecretSet, Shortcut};
    ///
    /// // From tests/vectors/shortcut.json (`shortcut-valid-compact`), an independent model
    /// // that @shortcut/client@3.4.1's verifyShortcutWebhookSignature also accepts.
    /// let shortcut = Shortcut::new(SecretSet::new(["hooksign-shortcut-webhook-secret-0001"])?);
    /// let body = br#"{"id":"595285dc-9c43-4b9c-a1e6-0cd9aff5b084","changed_at":"2017-06-27T16:20:44Z","primary_id":16927,"member_id":"56d8a839-1c52-437f-b981-c3a15a11d6d4","version":"v1","actions":[{"id":16927,"entity_type":"story","action":"update","name":"test story","changes":{"started":{"new":true,"old":false},"workflow_state_id":{"new":1495,"old":1493}}}],"references":[{"id":1495,"entity_type":"workflow-state","name":"Ready for Deploy"}]}"#;
    /// let headers = [(
    ///     "Payload-Signature",
    ///     "e06dd5010f16266b9dccf774a0daaa166b6b98f08489e002673767bdb1a3ed7b",
    /// )];
    /// let verified = hooksign::verify(&shortcut, &headers, body)?;
    /// assert_eq!(
    ///     verified.idempotency_key().unwrap().as_str(),
    ///     "shortcut:595285dc-9c43-4b9c-a1e6-0cd9aff5b084"
    /// );
    ///
    /// // The body changed after signing: rejected.
    /// assert!(hooksign::verify(&shortcut, &headers, &body[..body.len() - 1]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Shortcut, id = "shortcut", name = "Shortcut", aliases = [], spec = SPEC,
    secrets = text("webhook secret, as text")
}
