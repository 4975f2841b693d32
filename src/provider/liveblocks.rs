//! Liveblocks: Standard Webhooks sent through Svix on `webhook-id`, `webhook-timestamp`,
//! `webhook-signature`.
//!
//! Sources:
//! - Liveblocks Docs, "Webhooks" (<https://liveblocks.io/docs/platform/webhooks>): endpoints
//!   are created in the project's webhooks dashboard (with a "Svix play" option); the
//!   signing secret is on the endpoint's page; failed messages are retried on a schedule and
//!   can be replayed from the dashboard; deliveries are verified either manually or with
//!   `@liveblocks/node`'s `WebhookHandler` (recommended).
//! - Official SDK `@liveblocks/node`, `WebhookHandler` (liveblocks/liveblocks,
//!   `packages/liveblocks-node/src/webhooks.ts`): the secret must start with `whsec_`, the
//!   rest is base64-decoded into the key; `webhook-id`, `webhook-timestamp` and
//!   `webhook-signature` are required; the timestamp (`parseInt`, seconds) must be within 5
//!   minutes either way, checked before the signature; the base64 HMAC-SHA256 of
//!   `{webhook-id}.{webhook-timestamp}.{body}` must equal the text after the comma of one
//!   space-separated entry; the event's `type` is then checked against the SDK's list. Its
//!   tests (`src/__tests__/webhooks.test.ts`) sign with Svix's own `Webhook.sign`.

use crate::provider::spec::Spec;
use crate::scheme::standard_webhooks::{
    self as scheme, WEBHOOK_ID, WEBHOOK_SIGNATURE, WEBHOOK_TIMESTAMP,
};

/// The Standard Webhooks scheme on its own header names.
pub(crate) static SPEC: Spec = scheme::spec(&WEBHOOK_ID, &WEBHOOK_TIMESTAMP, &WEBHOOK_SIGNATURE);

spec_provider! {
    /// Liveblocks webhooks (rooms, storage, comments, threads, notifications, …), delivered by
    /// Svix.
    ///
    /// - **Verifies** exactly like [`StandardWebhooks`](crate::StandardWebhooks): every
    ///   `v1,<base64>` entry of `webhook-signature` is a candidate HMAC-SHA256 of
    ///   `{webhook-id}.{webhook-timestamp}.{body}`; all three headers are required.
    /// - **Replay window**: 300 s either way, checked before the signature, as
    ///   `@liveblocks/node` does; [`Liveblocks::with_tolerance`] sets another.
    /// - **Secret**: the endpoint's signing secret (`whsec_<base64>`); the key is the base64
    ///   after the prefix, decoded. A secret that is not base64 is a
    ///   [`SecretError`](crate::SecretError). (The SDK also refuses a secret without the
    ///   prefix; hooksign decodes one given without it.)
    /// - **Idempotency key**: `liveblocks:<webhook-id>`, the Svix message id, the same on every
    ///   retry and replay of the message.
    /// - **Event type**: the body's `type` (e.g. `userEntered`, `commentCreated`).
    /// - **Where the SDK is looser**: it compares the text after the comma of *every* entry,
    ///   whatever its label, and signs the timestamp header as received; hooksign reads only
    ///   `v1` entries and signs the parsed number, as the Standard Webhooks libraries do. Both
    ///   accept every delivery Svix sends. The SDK also throws on an event type it does not
    ///   know; hooksign accepts any correctly signed body.
    ///
    /// ```
    /// use hooksign::{Delivery, Liveblocks, SecretSet, UnixTime, Verify};
    ///
    /// // From the documented model (tests/vectors/liveblocks.json, `liveblocks-valid-compact`).
    /// let liveblocks = Liveblocks::new(SecretSet::new([
    ///     "whsec_aG9va3NpZ24tbGl2ZWJsb2Nrcy1zaWduaW5nLXNlY3JldC0x",
    /// ])?)?;
    /// let headers = [
    ///     ("webhook-id", "msg_2YbHooksignLiveblocks0001"),
    ///     ("webhook-timestamp", "1700000000"),
    ///     ("webhook-signature", "v1,andzZLywjCQvbmGMACTkQ8QBzr/EJABZOL0irOs7gxg="),
    /// ];
    /// let body = br#"{"data":{"projectId":"605a50b01a36d5ea7a2e9104","connectionId":2196,"enteredAt":"2023-11-14T22:13:20.000Z","numActiveUsers":2,"roomId":"hooksign-room","userId":"user-1","userInfo":null},"type":"userEntered"}"#;
    /// let verified = liveblocks.verify_at(&Delivery::new(&headers, body), UnixTime::from_secs(1_700_000_001))?;
    /// assert_eq!(verified.idempotency_key().unwrap().as_str(), "liveblocks:msg_2YbHooksignLiveblocks0001");
    /// assert_eq!(verified.event_type().as_deref(), Some("userEntered"));
    ///
    /// // Six minutes later the same delivery is outside the window.
    /// assert!(liveblocks.verify_at(&Delivery::new(&headers, body), UnixTime::from_secs(1_700_000_360)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Liveblocks, id = "liveblocks", name = "Liveblocks", aliases = [], spec = SPEC,
    secrets = decoded("signing secret (whsec_<base64 key>)"), timestamped = scheme::TOLERANCE
}
