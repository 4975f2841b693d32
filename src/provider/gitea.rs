//! Gitea: `X-Gitea-Signature: <hex HMAC-SHA256(webhook secret, payload)>`.
//!
//! Gitea is self-hosted, so its own repository is the official source:
//! - go-gitea/gitea `docs/content/usage/webhooks.en-us.md` (commit
//!   `184e5121eb3d6c680409265870ff509de11ace9d`, published as docs.gitea.com "Webhooks"): the
//!   receiver example reads `X-Gitea-Signature` and compares it with `!==` against
//!   `hash_hmac('sha256', $payload, $secret_key, false)`, lower-case hex keyed with the secret
//!   as text, for the `application/json` content type; the event headers are
//!   `X-Gitea-Delivery` and `X-Gitea-Event` (with `X-Gogs-*` and `X-GitHub-*` copies).
//! - go-gitea/gitea `services/webhook/deliver.go` (commit
//!   `50e782654e78d86288b79bdb5facd69078088bb0`, `addDefaultHeaders`): HMAC-SHA1 and
//!   HMAC-SHA256 over the task's payload content with the secret's bytes, `hex.EncodeToString`;
//!   the SHA-256 hex is sent as `X-Gitea-Signature`, `X-Gogs-Signature` and
//!   `X-Hub-Signature-256: sha256=<hex>`, the SHA-1 hex as `X-Hub-Signature: sha1=<hex>`; with
//!   no secret the signatures are empty. For the JSON content type the payload content is the
//!   body; for the form content type the body is `payload=<url-encoded JSON>` and the MAC is
//!   over the JSON, not the body. No timestamp is sent.
//! - go-gitea/gitea `models/webhook/hooktask.go` (commit
//!   `5b430ab2cb15906e304084a7e84bf41ac66b1041`, `CreateHookTask`, `ReplayHookTask`): each
//!   task gets a fresh UUID (`X-Gitea-Delivery`), and a manual redelivery is a new task with a
//!   new UUID; Gitea does not retry on its own.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, Encoding, Meta, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("X-Gitea-Signature", "x-gitea-signature")];

/// Read after the MAC, neither required (the documented receiver checks the signature alone).
static METADATA: [Meta; 2] = [
    Meta {
        header: HeaderKey::new("X-Gitea-Delivery", "x-gitea-delivery"),
        required: false,
    },
    Meta {
        header: HeaderKey::new("X-Gitea-Event", "x-gitea-event"),
        required: false,
    },
];

/// The scheme: bare lower-case hex of HMAC-SHA256 over the body; delivery and event after it.
// Gitea writes `hex.EncodeToString` and its documented receiver compares with `!==`.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    metadata: &METADATA,
    id: Source::Header(HeaderKey::new("X-Gitea-Delivery", "x-gitea-delivery")),
    idempotency: Source::Header(HeaderKey::new("X-Gitea-Delivery", "x-gitea-delivery")),
    event_type: Source::Header(HeaderKey::new("X-Gitea-Event", "x-gitea-event")),
};

spec_provider! {
    /// Gitea webhooks of the Gitea type, `POST` with the `application/json` content type.
    ///
    /// - **Verifies** `X-Gitea-Signature: <hex>`, the HMAC-SHA256 of the raw body, in lower
    ///   case, the header Gitea's documentation checks. Gitea sends the same value as
    ///   `X-Gogs-Signature` and as `X-Hub-Signature-256: sha256=<hex>` (and an HMAC-SHA1 as
    ///   `X-Hub-Signature: sha1=<hex>`) for receivers written for Gogs or GitHub; those are
    ///   not read here. A webhook without a secret sends an empty signature, which is
    ///   rejected as malformed. The form content type (`payload=<url-encoded JSON>`) signs the
    ///   JSON inside the form, not the body, and is not supported: choose
    ///   `application/json`.
    /// - **No timestamp** is signed, so there is no replay window: deduplicate on the delivery
    ///   id.
    /// - **Secret**: the secret typed into the webhook's settings, used as text.
    /// - **Idempotency key**: `gitea:<X-Gitea-Delivery>`, a UUID per delivery (not signed; a
    ///   delivery without it has no key). Gitea does not retry failed deliveries itself, and a
    ///   manual redelivery from the settings page is a new delivery with a *new* UUID: the key
    ///   does not recognise a redelivered event.
    /// - **Event type**: `X-Gitea-Event` (e.g. `push`, `issues`; not signed);
    ///   `X-Gitea-Event-Type` has the finer kind (e.g. `issue_label`).
    ///
    /// ```
    /// use hooksign::{Gitea, SecretSet};
    ///
    /// // tests/vectors/gitea.json, `gitea-valid-compact` (an independent model of Gitea's scheme).
    /// let gitea = Gitea::new(SecretSet::new(["hooksign-gitea-webhook-secret-0001"])?);
    /// let body = br#"{"ref":"refs/heads/main","repository":{"id":140,"full_name":"gitea/webhooks"}}"#;
    /// let headers = [
    ///     ("X-Gitea-Delivery", "f6266f16-1bf3-46a5-9ea4-602e06ead473"),
    ///     ("X-Gitea-Event", "push"),
    ///     ("X-Gitea-Signature", "911e790390338a1249b991ab3ede32e928b17ed457cbb40d2cc00a3d1d5b4f27"),
    /// ];
    /// let verified = hooksign::verify(&gitea, &headers, body)?;
    /// assert_eq!(
    ///     verified.idempotency_key().unwrap().as_str(),
    ///     "gitea:f6266f16-1bf3-46a5-9ea4-602e06ead473"
    /// );
    /// assert_eq!(verified.event_type().as_deref(), Some("push"));
    /// assert!(hooksign::verify(&gitea, &headers, &body[..body.len() - 1]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Gitea, id = "gitea", name = "Gitea", aliases = [], spec = SPEC,
    secrets = text("webhook secret, as text")
}
