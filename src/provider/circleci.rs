//! CircleCI: `circleci-signature: v1=<hex HMAC-SHA256(signing secret, body)>[,v2=…]`.
//!
//! Sources:
//! - CircleCI Docs, "Outbound webhooks"
//!   (<https://circleci.com/docs/guides/integration/outbound-webhooks/>; circleci/circleci-docs
//!   `docs/guides/modules/integration/pages/outbound-webhooks.adoc`): with a secret token
//!   configured, each request has a `circleci-signature` header, "a comma-separated list of
//!   versioned signatures" (`v1=…,v2=…,v3=…`); v1 is the only version today and only the
//!   latest should be checked, against downgrade. v1 is the HMAC-SHA256 of the request body
//!   keyed with the signing secret. The page publishes three (body, secret, signature)
//!   examples and a Python `verify_signature`: the list is split on `,` then `=` into a dict
//!   (a repeated key keeps the last), the secret is used as UTF-8 text, and `hexdigest()` is
//!   compared with `hmac.compare_digest`: lower-case hex. The request also carries
//!   `circleci-event-type`; a non-2xx answer or no answer within 10 seconds is retried
//!   later, and duplicates are to be recognised by the payload's `id`.
//! - CircleCI Docs, "Outbound webhooks reference" (circleci/circleci-docs
//!   `docs/reference/modules/ROOT/pages/outbound-webhooks-reference.adoc`): the
//!   top-level `id` identifies each event uniquely ("the client can use this to deduplicate
//!   events"), with `type` (`workflow-completed`, `job-completed`) and `happened_at`.

use std::borrow::Cow;

use crate::HeaderKey;
use crate::provider::spec::{
    Algorithm, BodyPaths, Encoding, Order, Part, Pick, SecretFormat, SignatureFormat, Source,
    Spec,
};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("circleci-signature", "circleci-signature")];

/// The scheme: the `v1` element of a comma-separated `version=hex` list, the HMAC-SHA256 of
/// the body; other versions ignored.
pub(crate) static SPEC: Spec = Spec {
    signature_header: Cow::Borrowed(&SIGNATURE),
    format: SignatureFormat::KeyValues {
        separator: ',',
        written_separator: Cow::Borrowed(","),
        // The docs' sample splits on `,` and `=` and trims nothing.
        trim: false,
        signature_key: Cow::Borrowed("v1"),
        // The sample reads the list into a dict: a repeated `v1` keeps the last.
        pick: Pick::Last,
    },
    algorithm: Algorithm::Sha256,
    // `hexdigest()` compared with `compare_digest`: lower case only.
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    content: Cow::Borrowed(&[Part::Body]),
    timestamp: None,
    message_id: None,
    order: Order::SignatureFirst,
    empty_is_missing: false,
    metadata: Cow::Borrowed(&[]),
    id: Source::None,
    idempotency: Source::Body(BodyPaths::from_static(&[&["id"]])),
    event_type: Source::Body(BodyPaths::from_static(&[&["type"]])),
    legacy: None,
};

spec_provider! {
    /// CircleCI outbound webhooks (`workflow-completed`, `job-completed`).
    ///
    /// - **Verifies** the `v1` element of `circleci-signature: v1=<hex>[,v2=…]`, the
    ///   HMAC-SHA256 of the raw body in lower-case hex, as CircleCI's documented
    ///   `verify_signature` compares it; other versions are ignored. If `v1` is repeated only
    ///   the last counts ([`Pick::Last`](crate::provider::spec::Pick::Last)), as the sample's
    ///   dict keeps it. Nothing else is signed.
    /// - **No timestamp** is signed, so there is no replay window: deduplicate on the event
    ///   id.
    /// - **Secret**: the webhook's "Secret token" (`signing-secret` in the API), used as
    ///   text. A webhook without one sends no signature, and is rejected here as
    ///   [`missing_header`](crate::ErrorKind).
    /// - **Idempotency key**: `circleci:<id>`, the body's top-level `id`, which CircleCI
    ///   documents as the way to deduplicate events (webhook requests may be duplicated).
    /// - **Event type**: the body's `type` (`workflow-completed`, `job-completed`), which the
    ///   `circleci-event-type` header repeats.
    ///
    /// ```
    /// use hooksign::{CircleCi, SecretSet};
    ///
    /// // CircleCI's published example: body `hello world`, secret `secret`.
    /// let circleci = CircleCi::new(SecretSet::new(["secret"])?);
    /// let headers = [(
    ///     "circleci-signature",
    ///     "v1=734cc62f32841568f45715aeb9f4d7891324e6d948e4c6c60c0621cdac48623a",
    /// )];
    /// assert!(hooksign::verify(&circleci, &headers, b"hello world").is_ok());
    ///
    /// // From the documented model (tests/vectors/circleci.json, `circleci-valid-compact`).
    /// let circleci = CircleCi::new(SecretSet::new(["hooksign-circleci-signing-secret-0001"])?);
    /// let body = br#"{"id":"3888f21b-eaa7-38e3-8f3d-75a63bba8895","type":"workflow-completed"}"#;
    /// let headers = [(
    ///     "circleci-signature",
    ///     "v1=557e269d6528ef06a856c3502d685fa858bdb061e3e070e92d83a1d913c8a812",
    /// )];
    /// let verified = hooksign::verify(&circleci, &headers, body)?;
    /// assert_eq!(
    ///     verified.idempotency_key().unwrap().as_str(),
    ///     "circleci:3888f21b-eaa7-38e3-8f3d-75a63bba8895"
    /// );
    /// assert_eq!(verified.event_type().as_deref(), Some("workflow-completed"));
    ///
    /// // The docs' failing example.
    /// let bad = [("circleci-signature", "v1=not-a-valid-signature")];
    /// assert!(hooksign::verify(&circleci, &bad, b"foo").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    CircleCi, id = "circleci", name = "CircleCI", aliases = [], spec = SPEC,
    secrets = text("webhook secret token, as text")
}
