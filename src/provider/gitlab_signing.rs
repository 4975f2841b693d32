//! GitLab webhooks with a signing token: Standard Webhooks on `webhook-id`,
//! `webhook-timestamp` and `webhook-signature`.
//!
//! Sources:
//! - gitlab-org/gitlab MR 230944, "Add webhook HMAC signing token - backend and simple UI"
//!   (<https://gitlab.com/gitlab-org/gitlab/-/merge_requests/230944>, behind the
//!   `webhook_signing_token` feature flag): with a signing token configured, GitLab computes
//!   an HMAC-SHA256 over `{webhook-id}.{timestamp}.{body}` and sends it in `webhook-signature`
//!   as `v1,<base64>`, with `webhook-id` (equal to the `Idempotency-Key` value) and
//!   `webhook-timestamp`; "the signature header and format follow the Standard Webhooks
//!   specification", and its test receiver verifies with the `standardwebhooks` library.
//! - gitlab-org/gitlab MR 231325: the signing token is in `whsec_<base64>` form, encoding a
//!   32-byte key.
//! - GitLab Docs, "Webhooks" (<https://docs.gitlab.com/user/project/integrations/webhooks/>):
//!   `X-Gitlab-Event` names the event; `Idempotency-Key` stays the same on retries.
//!
//! This is a provider of its own rather than a mode of [`GitLab`](crate::GitLab) chosen by the
//! headers present: a receiver that configured a signing token must not accept a delivery
//! that merely drops the signature headers and presents the (weaker, replayable) secret token.

use crate::HeaderKey;
use std::borrow::Cow;

use crate::provider::spec::{Meta, Source, Spec};
use crate::scheme::standard_webhooks as scheme;

const EVENT: HeaderKey = HeaderKey::new("X-Gitlab-Event", "x-gitlab-event");

/// `X-Gitlab-Event`, read when present (a metadata source must be a metadata header).
static METADATA: [Meta; 1] = [Meta {
    header: EVENT,
    required: false,
}];

/// The Standard Webhooks scheme on its own header names, the event type from `X-Gitlab-Event`.
pub(crate) static SPEC: Spec = {
    let mut spec = scheme::spec(
        &scheme::WEBHOOK_ID,
        &scheme::WEBHOOK_TIMESTAMP,
        &scheme::WEBHOOK_SIGNATURE,
    );
    let body_type = std::mem::replace(&mut spec.event_type, Source::Header(EVENT));
    let no_metadata = std::mem::replace(&mut spec.metadata, Cow::Borrowed(&METADATA));
    // The replaced values borrow static data only: forgetting them leaks nothing, and a
    // destructor cannot run in a constant.
    #[expect(clippy::mem_forget, reason = "a destructor cannot run in a constant")]
    std::mem::forget((body_type, no_metadata));
    spec
};

spec_provider! {
    /// GitLab webhooks signed with a signing token (Standard Webhooks `v1`).
    ///
    /// - **Verifies** like [`StandardWebhooks`](crate::StandardWebhooks): every `v1,<base64>`
    ///   entry of `webhook-signature` is a candidate HMAC-SHA256 of
    ///   `{webhook-id}.{webhook-timestamp}.{body}`.
    /// - **Replay window**: 300 s either way, the Standard Webhooks libraries' window (GitLab's
    ///   own test receiver uses them); [`GitLabSigning::with_tolerance`] sets another.
    /// - **Secret**: the signing token, `whsec_<base64 of a 32-byte key>`.
    /// - **Idempotency key**: `gitlab-signing:<webhook-id>`, which GitLab sets to the request's
    ///   `Idempotency-Key`, the same on every retry.
    /// - **Event type**: `X-Gitlab-Event` (e.g. `Push Hook`).
    ///
    /// ```
    /// use hooksign::{Delivery, GitLabSigning, SecretSet, UnixTime, Verify};
    ///
    /// // tests/vectors/gitlab-signing.json, `gitlab-signing-valid-push`.
    /// let gitlab = GitLabSigning::new(SecretSet::new(["whsec_aG9va3NpZ24tZ2l0bGFiLXNpZ25pbmctdG9rZW4wMQ=="])?)?;
    /// let headers = [
    ///     ("webhook-id", "f0d1ec13-8aa7-4f4b-b2a4-5d4e1b7e3c55"),
    ///     ("webhook-timestamp", "1700000000"),
    ///     ("webhook-signature", "v1,CZfflZAfkPgC9QjfIarZcOYePFkp825437/cZqWape8="),
    ///     ("X-Gitlab-Event", "Push Hook"),
    /// ];
    /// let body = br#"{"object_kind":"push"}"#;
    /// let verified = gitlab.verify_at(&Delivery::new(&headers, body), UnixTime::from_secs(1_700_000_010))?;
    /// assert_eq!(verified.idempotency_key().unwrap().as_str(), "gitlab-signing:f0d1ec13-8aa7-4f4b-b2a4-5d4e1b7e3c55");
    /// assert_eq!(verified.event_type().as_deref(), Some("Push Hook"));
    /// assert!(gitlab.verify_at(&Delivery::new(&headers, b"{}"), UnixTime::from_secs(1_700_000_010)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    GitLabSigning, id = "gitlab-signing", name = "GitLab (signing token)", aliases = [],
    spec = SPEC, secrets = decoded("signing token (whsec_<base64 key>)"),
    timestamped = scheme::TOLERANCE
}
