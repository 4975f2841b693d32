//! Intuit QuickBooks Online: `intuit-signature: <base64 HMAC-SHA256(verifier token, body)>`.
//!
//! Sources:
//! - Intuit Developer, "Managing webhooks notifications"
//!   (<https://developer.intuit.com/app/developer/qbo/docs/develop/webhooks/managing-webhooks-notifications>):
//!   each app's webhooks endpoint gets a Verifier Token; hash the notification payload with
//!   HMAC-SHA256 keyed with it and compare with the `intuit-signature` header, which is the
//!   digest in base64. Production notifications aggregate events (1, 3 or 5 minutes); one
//!   notification per company (`realmId`).
//! - Intuit's official Java SDK (`intuit/QuickBooks-V3-Java-SDK`,
//!   `ipp-v3-java-devkit/src/main/java/com/intuit/ipp/services/WebhooksService.java`,
//!   `verifyPayload(intuitSignature, payload)`): `HmacSHA256` keyed with the verifier token's
//!   UTF-8 bytes, `DatatypeConverter.printBase64Binary` of the MAC compared with
//!   `String.equals`: standard padded base64, exactly.
//! - Intuit Developer blog, "Upcoming change to webhooks payload structure"
//!   (<https://blogs.a.intuit.com/2025/11/12/upcoming-change-to-webhooks-payload-structure>):
//!   notifications move from `{"eventNotifications": […]}` to a JSON array of CloudEvents,
//!   each with its own `id`, `type` (`qbo.account.created.v1`), `intuitentityid` and
//!   `intuitaccountid`; the migration is mandatory by May 15, 2026.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("intuit-signature", "intuit-signature")];

/// The scheme: padded standard base64 of HMAC-SHA256 over the body, bare.
// A notification is a batch (a JSON array of CloudEvents, or the older object of
// `eventNotifications`): the ids and types are per event, none is at the top.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Base64,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::None,
};

spec_provider! {
    /// Intuit QuickBooks Online webhooks.
    ///
    /// - **Verifies** `intuit-signature: <base64>`, the HMAC-SHA256 of the raw body in padded
    ///   standard base64, as the official Java SDK's `WebhooksService.verifyPayload`
    ///   compares it. Nothing else is signed. Both payload formats (CloudEvents and the older
    ///   `eventNotifications`) are signed the same way.
    /// - **No timestamp** is signed, so there is no replay window.
    /// - **Secret**: the Verifier Token Intuit shows for the app's webhooks endpoint (the
    ///   development and production webhooks are configured separately), used as text.
    /// - **Idempotency key**: none. A notification batches events; in the CloudEvents format
    ///   each event has its own `id`, which is the one to deduplicate on, inside the array.
    /// - **Event type**: none for the notification; each CloudEvent has its own `type`
    ///   (`qbo.invoice.created.v1`).
    ///
    /// ```
    /// use hooksign::{Intuit, SecretSet};
    ///
    /// // From the documented model (tests/vectors/intuit.json, `intuit-valid-legacy-format`:
    /// // the docs' sample payload).
    /// let intuit = Intuit::new(SecretSet::new(["hooksign-intuit-verifier-token-0001"])?);
    /// let body = br#"{"eventNotifications":[{"realmId":"1185883450","dataChangeEvent":{"entities":[{"name":"Customer","id":"1","operation":"Create","lastUpdated":"2015-10-05T14:42:19-0700"},{"name":"Vendor","id":"1","operation":"Create","lastUpdated":"2015-10-05T14:42:19-0700"}]}}]}"#;
    /// let headers = [("intuit-signature", "PqKx5MZzcGjFz03YL7+SiFNnTM6lhwxnXxhgkhM8t1k=")];
    /// assert!(hooksign::verify(&intuit, &headers, body).is_ok());
    ///
    /// // Without its `=` padding the same digest is refused: the SDK compares strings.
    /// let unpadded = [("intuit-signature", "PqKx5MZzcGjFz03YL7+SiFNnTM6lhwxnXxhgkhM8t1k")];
    /// assert!(hooksign::verify(&intuit, &unpadded, body).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Intuit, id = "intuit", name = "Intuit QuickBooks Online", aliases = [], spec = SPEC,
    secrets = text("webhooks verifier token, as text")
}
