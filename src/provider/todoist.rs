//! Todoist: `X-Todoist-Hmac-SHA256: <base64 HMAC-SHA256(client secret, body)>`.
//!
//! Sources:
//! - Doist's official SDK `@doist/todoist-sdk` (`Doist/todoist-sdk-typescript` 14.1.0,
//!   `src/utils/webhook-parser.ts`, `verifyWebhookSignature({ rawBody, signature,
//!   clientSecret })`), and its API reference
//!   (<https://doist.github.io/todoist-sdk-typescript/api/functions/verifyWebhookSignature>):
//!   Todoist signs deliveries with the HMAC-SHA256 of the raw body keyed with the app's OAuth
//!   client secret, base64-encoded in `X-Todoist-Hmac-SHA256`. The SDK decodes the header
//!   with `atob` and checks the tag with `crypto.subtle.verify`; the key is the secret's
//!   UTF-8 bytes. Nothing else is read: no timestamp.
//! - The same SDK's `parseWebhookPayload` and test fixtures
//!   (`src/test-utils/webhook-fixtures.ts`): the body is a snake_case envelope with
//!   `event_name` (e.g. `item:added`), `user_id`, `event_data`, `initiator`, `version`,
//!   `triggered_at`.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, BodyPaths, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new(
    "X-Todoist-Hmac-SHA256",
    "x-todoist-hmac-sha256",
)];

/// The scheme: standard padded base64 of HMAC-SHA256 over the body.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Base64,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::Body(BodyPaths::from_static(&[&["event_name"]])),
};

spec_provider! {
    /// Todoist app webhooks (the events an app subscribes to in the App Management Console,
    /// sent for users who authorised the app).
    ///
    /// - **Verifies** `X-Todoist-Hmac-SHA256: <base64>`, the HMAC-SHA256 of the raw body, in
    ///   the standard padded base64 Todoist sends. The SDK decodes the header with `atob`,
    ///   which also accepts it without padding or with spaces; hooksign compares the canonical
    ///   text and refuses those forms as malformed.
    /// - **No timestamp** is signed, so there is no replay window.
    /// - **Secret**: the app's OAuth client secret, used as text.
    /// - **Idempotency key**: none. Todoist sends an `X-Todoist-Delivery-ID` header, but no
    ///   official source this provider was written from says whether it survives retries, so
    ///   it is not used as a key.
    /// - **Event type**: the body's `event_name` (e.g. `item:added`, `note:added`).
    ///
    /// ```
    /// use hooksign::{SecretSet, Todoist};
    ///
    /// // From tests/vectors/todoist.json (`todoist-valid-compact`), an independent model of
    /// // @doist/todoist-sdk's verifyWebhookSignature.
    /// let todoist = Todoist::new(SecretSet::new(["hooksign0todoist0client0secret01"])?);
    /// let body = br#"{"event_name":"item:added","user_id":"2671355","event_data":{"id":"6XR4GqQQCW6Gv9h4","content":"Buy Milk","project_id":"6XR4H993xv8H5qCR"},"initiator":{"id":"2671355","full_name":"Alice"},"version":"10","triggered_at":"2025-02-10T10:39:38.000000Z"}"#;
    /// let headers = [("X-Todoist-Hmac-SHA256", "ZVlC/uMYRaUHSCmKOzJ86TcJcLekbcpJmADALvkxgT4=")];
    /// let verified = hooksign::verify(&todoist, &headers, body)?;
    /// assert_eq!(verified.event_type().as_deref(), Some("item:added"));
    ///
    /// // Another client secret: rejected.
    /// let other = Todoist::new(SecretSet::new(["another-app-client-secret"])?);
    /// assert!(hooksign::verify(&other, &headers, body).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Todoist, id = "todoist", name = "Todoist", aliases = [], spec = SPEC,
    secrets = text("app client secret, as text")
}
