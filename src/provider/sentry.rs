//! Sentry (integration platform): `Sentry-Hook-Signature: <hex HMAC-SHA256(client secret,
//! body)>`.
//!
//! Sources:
//! - Sentry Docs, "Integration Platform: Webhooks"
//!   (<https://docs.sentry.io/integrations/integration-platform/webhooks/>): every webhook
//!   carries `Content-Type`, `Request-ID` (an identifier of the request), `Sentry-Hook-Resource`
//!   (`installation`, `event_alert`, `issue`, `metric_alert`, `error`, `comment`),
//!   `Sentry-Hook-Timestamp` and `Sentry-Hook-Signature`, an HMAC-SHA256 made with the
//!   integration's client secret. The docs' verification example HMACs
//!   `JSON.stringify(request.body)`, a re-serialisation of the parsed body.
//! - getsentry/sentry `src/sentry/sentry_apps/models/sentry_app.py` (commit
//!   `02119258dbe2a42a243d50e3e753280de83f9bcb`, `SentryApp.build_signature`):
//!   `hmac.new(key=client_secret.encode("utf-8"), msg=body.encode("utf-8"),
//!   digestmod=sha256).hexdigest()`, lower-case hex of the body string.
//! - getsentry/sentry `src/sentry/sentry_apps/api/serializers/app_platform_event.py` (commit
//!   `10c5f04e25e9a0b2ab4d15441512f036c46d5b63`, `AppPlatformEvent`): the signed `body` is the
//!   `json.dumps` of `{action, installation, data, actor}` that is sent; the headers are built
//!   once per request: `Request-ID` is `uuid4().hex`, `Sentry-Hook-Timestamp` is
//!   `str(int(time()))` and is not part of the signed content.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, Encoding, Meta, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] =
    [HeaderKey::new("Sentry-Hook-Signature", "sentry-hook-signature")];

/// Read after the MAC, neither required (the signature alone authenticates).
static METADATA: [Meta; 2] = [
    Meta {
        header: HeaderKey::new("Request-ID", "request-id"),
        required: false,
    },
    Meta {
        header: HeaderKey::new("Sentry-Hook-Resource", "sentry-hook-resource"),
        required: false,
    },
];

/// The scheme: bare lower-case hex of HMAC-SHA256 over the body; request id and resource
/// after it.
// `hexdigest()` is lower case, the only spelling Sentry sends.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    metadata: &METADATA,
    id: Source::Header(HeaderKey::new("Request-ID", "request-id")),
    idempotency: Source::Header(HeaderKey::new("Request-ID", "request-id")),
    event_type: Source::Header(HeaderKey::new("Sentry-Hook-Resource", "sentry-hook-resource")),
};

spec_provider! {
    /// Sentry integration-platform webhooks (public and internal integrations).
    ///
    /// - **Verifies** `Sentry-Hook-Signature: <hex>`, the HMAC-SHA256 of the **raw body**, in
    ///   lower case, as `SentryApp.build_signature` computes it over the string Sentry sends.
    ///   Sentry's docs example instead HMACs `JSON.stringify(request.body)`, which only
    ///   matches while the re-serialised JSON happens to be byte-identical to what was sent;
    ///   hooksign signs and verifies the raw body, which is what the sender signs.
    /// - **No timestamp** is signed: `Sentry-Hook-Timestamp` is sent but not covered by the
    ///   signature and no window is documented, so hooksign does not check it (it proves
    ///   nothing). Deduplicate instead.
    /// - **Secret**: the integration's Client Secret, used as text.
    /// - **Idempotency key**: `sentry:<Request-ID>`, a `uuid4` generated when the request's
    ///   headers are built (not signed; a request without it has no key): it identifies one
    ///   request, and nothing documents it surviving a
    ///   retry, so a retried event may carry a new one. The body's ids (e.g.
    ///   `data.issue.id`) identify the resource, not the event.
    /// - **Event type**: `Sentry-Hook-Resource` (e.g. `issue`, `event_alert`; not signed); the
    ///   body's `action` (e.g. `created`, `resolved`) completes it.
    ///
    /// ```
    /// use hooksign::{Sentry, SecretSet};
    ///
    /// // tests/vectors/sentry.json, `sentry-valid-issue-created` (an independent model of
    /// // Sentry's scheme).
    /// let sentry = Sentry::new(SecretSet::new(["hooksign-sentry-client-secret-0001"])?);
    /// let body = br#"{"action":"created","installation":{"uuid":"7a485448-a9e2-4c85-8a3c-4f44175783c9"},"data":{"issue":{"id":"1170820242","title":"ZeroDivisionError: division by zero","level":"error","status":"unresolved"}},"actor":{"type":"application","id":"sentry","name":"Sentry"}}"#;
    /// let headers = [
    ///     ("Request-ID", "a2f8e1c7b9d04e6f8a1b2c3d4e5f6a7b"),
    ///     ("Sentry-Hook-Resource", "issue"),
    ///     ("Sentry-Hook-Timestamp", "1700000000"),
    ///     ("Sentry-Hook-Signature", "ce167590b567d98517deb3d15ba707dc90b557ef9b07f89c1576903e745b5f52"),
    /// ];
    /// let verified = hooksign::verify(&sentry, &headers, body)?;
    /// assert_eq!(
    ///     verified.idempotency_key().unwrap().as_str(),
    ///     "sentry:a2f8e1c7b9d04e6f8a1b2c3d4e5f6a7b"
    /// );
    /// assert_eq!(verified.event_type().as_deref(), Some("issue"));
    /// assert!(hooksign::verify(&sentry, &headers, &body[..body.len() - 1]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Sentry, id = "sentry", name = "Sentry", aliases = [], spec = SPEC,
    secrets = text("integration client secret, as text")
}
