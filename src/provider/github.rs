//! GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>`.
//!
//! Source: GitHub Docs, "Validating webhook deliveries"
//! (docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries); official SDK
//! `@octokit/webhooks-methods` (v6 `verify`: exact lower-case comparison of the
//! `sha256=` string; v4 still accepted `sha1=`).

use std::borrow::Cow;

use crate::provider::spec::{
    Algorithm, Encoding, Legacy, Meta, Order, Part, SecretFormat, SignatureFormat, Source, Spec,
};
use crate::HeaderKey;

static SIGNATURE_256: [HeaderKey; 1] =
    [HeaderKey::new("X-Hub-Signature-256", "x-hub-signature-256")];

/// Read after the MAC, neither required (octokit checks the signature alone).
static METADATA: [Meta; 2] = [
    Meta {
        header: HeaderKey::new("X-GitHub-Delivery", "x-github-delivery"),
        required: false,
    },
    Meta {
        header: HeaderKey::new("X-GitHub-Event", "x-github-event"),
        required: false,
    },
];

/// The scheme: `sha256=<hex>` over the body; the delivery GUID and event name after it.
pub(crate) static SPEC: Spec = Spec {
    signature_header: Cow::Borrowed(&SIGNATURE_256),
    format: SignatureFormat::Prefixed {
        prefix: Cow::Borrowed("sha256="),
    },
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    content: Cow::Borrowed(&[Part::Body]),
    timestamp: None,
    message_id: None,
    order: Order::SignatureFirst,
    empty_is_missing: false,
    metadata: Cow::Borrowed(&METADATA),
    id: Source::Header(HeaderKey::new("X-GitHub-Delivery", "x-github-delivery")),
    idempotency: Source::Header(HeaderKey::new("X-GitHub-Delivery", "x-github-delivery")),
    event_type: Source::Header(HeaderKey::new("X-GitHub-Event", "x-github-event")),
    legacy: Some(Legacy {
        header: HeaderKey::new("X-Hub-Signature", "x-hub-signature"),
        prefix: Cow::Borrowed("sha1="),
        algorithm: Algorithm::Sha1,
    }),
};

spec_provider! {
    /// GitHub webhooks (and GitHub Enterprise Server).
    ///
    /// - **Verifies** `X-Hub-Signature-256: sha256=<hex>`, lower-case hex as octokit requires.
    ///   The legacy `X-Hub-Signature: sha1=<hex>` is only looked at when
    ///   [`GitHub::with_legacy_sha1`] is on, and only when the SHA-256 header is absent.
    /// - **No timestamp** is signed, so there is no replay window: deduplicate on the delivery id.
    /// - **Idempotency key**: `github:<X-GitHub-Delivery>`. GitHub keeps the same GUID when a
    ///   delivery is redelivered, so the key is stable across retries.
    /// - **Event type**: `X-GitHub-Event` (e.g. `issues`; the action is in the body).
    /// - **Rotation**: GitHub sends one signature; keep the old and new secret in the
    ///   [`SecretSet`](crate::SecretSet) while you change it in the webhook settings.
    ///
    /// ```
    /// use hooksign::{GitHub, SecretSet};
    ///
    /// // GitHub's documented test values.
    /// let github = GitHub::new(SecretSet::new(["It's a Secret to Everybody"])?);
    /// let headers = [(
    ///     "X-Hub-Signature-256",
    ///     "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
    /// )];
    /// assert!(hooksign::verify(&github, &headers, b"Hello, World!").is_ok());
    /// assert!(hooksign::verify(&github, &headers, b"Hello, World").is_err());
    /// # Ok::<(), hooksign::SecretError>(())
    /// ```
    GitHub, id = "github", name = "GitHub", aliases = [], spec = SPEC,
    secrets = text("webhook secret, as text")
}

impl GitHub {
    /// Also accepts the legacy `X-Hub-Signature: sha1=<hex>` when `X-Hub-Signature-256` is
    /// absent, and signs both headers, as GitHub sends them. Off by default: SHA-1 is
    /// only for old GitHub Enterprise Server versions that send no SHA-256 header.
    ///
    /// ```
    /// use hooksign::{GitHub, SecretSet};
    /// // octokit/webhooks-methods v4 test vector (SHA-1).
    /// let github = GitHub::new(SecretSet::new(["mysecret"])?).with_legacy_sha1();
    /// let headers = [("X-Hub-Signature", "sha1=640c0ea7402a3f74e1767338fa2dba243b1f2d9c")];
    /// assert!(hooksign::verify(&github, &headers, b"{\n  \"foo\": \"bar\"\n}\n").is_ok());
    /// # Ok::<(), hooksign::SecretError>(())
    /// ```
    pub fn with_legacy_sha1(mut self) -> Self {
        self.engine.legacy_enabled = true;
        self
    }
}
