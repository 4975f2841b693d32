//! Gogs: `X-Gogs-Signature: <hex HMAC-SHA256(webhook secret, payload)>`.
//!
//! Gogs is self-hosted, so its own repository is the official source (gogs/gogs, commit
//! `eb1054e5432fc8397678372f08613429be233d7c`):
//! - `docs/advancing/webhooks.mdx` (published as the Gogs documentation's "Webhooks" page):
//!   every delivery carries `X-Gogs-Delivery` (a UUID per delivery), `X-Gogs-Event` (the event
//!   type) and `X-Gogs-Signature`, the HMAC-SHA256 hex digest of the payload computed with the
//!   webhook secret, which receivers are told to verify.
//! - `internal/database/webhook.go`: `prepareHookTasks` computes `hmac.New(sha256.New,
//!   []byte(w.Secret))` over the JSON payload and writes `hex.EncodeToString` (lower case),
//!   or nothing when the webhook has no secret; `HookTask.deliver` sends it as
//!   `X-Gogs-Signature` (with `X-Gogs-Delivery`, `X-Gogs-Event` and `X-Github-Delivery`,
//!   `X-Github-Event` copies) and the JSON payload as the body for the JSON content type, or as
//!   the `payload` form field for the form content type. No timestamp is sent.
//! - `internal/route/repo/webhook.go` (`RedeliveryWebhook`): a redelivery re-sends the same
//!   hook task, with its UUID; Gogs does not retry on its own.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, Encoding, Meta, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("X-Gogs-Signature", "x-gogs-signature")];

/// Read after the MAC, neither required (the docs ask only for the signature to be checked).
static METADATA: [Meta; 2] = [
    Meta {
        header: HeaderKey::new("X-Gogs-Delivery", "x-gogs-delivery"),
        required: false,
    },
    Meta {
        header: HeaderKey::new("X-Gogs-Event", "x-gogs-event"),
        required: false,
    },
];

/// The scheme: bare lower-case hex of HMAC-SHA256 over the body; delivery and event after it.
// Gogs writes `hex.EncodeToString`, lower case, and nothing else.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    metadata: &METADATA,
    id: Source::Header(HeaderKey::new("X-Gogs-Delivery", "x-gogs-delivery")),
    idempotency: Source::Header(HeaderKey::new("X-Gogs-Delivery", "x-gogs-delivery")),
    event_type: Source::Header(HeaderKey::new("X-Gogs-Event", "x-gogs-event")),
};

spec_provider! {
    /// Gogs webhooks of the Gogs type, with the `application/json` content type.
    ///
    /// - **Verifies** `X-Gogs-Signature: <hex>`, the HMAC-SHA256 of the raw body, in lower
    ///   case as Gogs writes it. A webhook without a secret sends an empty signature, which is
    ///   rejected as malformed. The form content type puts the JSON in a `payload` form field
    ///   and signs that JSON, not the body: it is not supported, choose `application/json`.
    ///   (Gitea also sends `X-Gogs-Signature`, with the same construction, but has its own
    ///   provider, [`Gitea`](crate::Gitea).)
    /// - **No timestamp** is signed, so there is no replay window: deduplicate on the delivery
    ///   id.
    /// - **Secret**: the secret typed into the webhook's settings, used as text.
    /// - **Idempotency key**: `gogs:<X-Gogs-Delivery>`, the hook task's UUID (not signed; a
    ///   delivery without it has no key). Gogs does not retry on its own; a redelivery from
    ///   the settings page re-sends the same task with the same UUID, so the key recognises
    ///   it.
    /// - **Event type**: `X-Gogs-Event` (e.g. `push`, `issues`), which is not signed.
    ///
    /// ```
    /// use hooksign::{Gogs, SecretSet};
    ///
    /// // tests/vectors/gogs.json, `gogs-valid-compact` (an independent model of Gogs' scheme).
    /// let gogs = Gogs::new(SecretSet::new(["hooksign-gogs-webhook-secret-0001"])?);
    /// let body = br#"{"ref":"refs/heads/main","repository":{"id":140,"full_name":"alice/moonlanding"}}"#;
    /// let headers = [
    ///     ("X-Gogs-Delivery", "f6266f16-1bf3-46a5-9ea4-602e06ead473"),
    ///     ("X-Gogs-Event", "push"),
    ///     ("X-Gogs-Signature", "5289e7d67442e944ff839514ea078b476db04fbd8a06b71acf8baf8a74dc2ad2"),
    /// ];
    /// let verified = hooksign::verify(&gogs, &headers, body)?;
    /// assert_eq!(
    ///     verified.idempotency_key().unwrap().as_str(),
    ///     "gogs:f6266f16-1bf3-46a5-9ea4-602e06ead473"
    /// );
    /// assert_eq!(verified.event_type().as_deref(), Some("push"));
    /// assert!(hooksign::verify(&gogs, &headers, &body[..body.len() - 1]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Gogs, id = "gogs", name = "Gogs", aliases = [], spec = SPEC,
    secrets = text("webhook secret, as text")
}
