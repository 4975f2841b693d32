//! Help Scout: `X-HelpScout-Signature: <base64 HMAC-SHA1(secret key, body)>`.
//!
//! Sources:
//! - Help Scout Developers, "Webhooks" (<https://developer.helpscout.com/webhooks/>): each
//!   webhook carries `X-HelpScout-Event` (the event name, e.g. `convo.created`) and
//!   `X-HelpScout-Signature`, computed from the secret key given when the webhook was set up
//!   and the JSON payload sent; the PHP example is `base64_encode(hash_hmac('sha1', $data,
//!   KEY, true))` compared with the header.
//! - Help Scout's official PHP SDK (`helpscout/helpscout-api-php`,
//!   `src/Webhooks/IncomingWebhook.php`): `generateSignature()` is the same over the raw
//!   request body (`php://input`), compared with `!==`; `helpscout.test` is the test event.
//!   Its unit test (`tests/Webhooks/IncomingWebhookTest.php`) gives the secret and body of
//!   one vector.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, Encoding, Meta, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new(
    "X-HelpScout-Signature",
    "x-helpscout-signature",
)];

const EVENT: HeaderKey = HeaderKey::new("X-HelpScout-Event", "x-helpscout-event");

/// The event name, read after the MAC; not required (the SDK checks the signature alone).
static METADATA: [Meta; 1] = [Meta {
    header: EVENT,
    required: false,
}];

/// The scheme: padded standard base64 of HMAC-SHA1 over the body.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    // SHA-1 is what Help Scout signs with; as an HMAC it is still unforgeable without the key.
    algorithm: Algorithm::Sha1,
    // PHP's `base64_encode`: standard alphabet, padded; compared as a string.
    encoding: Encoding::Base64,
    secret: SecretFormat::Text,
    metadata: &METADATA,
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::Header(EVENT),
};

spec_provider! {
    /// Help Scout webhooks (conversations, customers, ratings, Beacon chats, tags, surveys).
    ///
    /// - **Verifies** `X-HelpScout-Signature: <base64>`, the HMAC-SHA1 of the raw body in
    ///   standard padded base64, as Help Scout's docs and `helpscout/helpscout-api-php`'s
    ///   `IncomingWebhook` compute and compare it.
    /// - **No timestamp** is signed, so there is no replay window.
    /// - **Secret**: the secret key entered when the webhook was set up (Manage → Apps →
    ///   Webhooks), used as text.
    /// - **Idempotency key**: none. Help Scout sends no event or delivery id; the body is the
    ///   resource itself (a conversation's `id` names the conversation, not the event).
    /// - **Event type**: the `X-HelpScout-Event` header (e.g. `convo.created`,
    ///   `helpscout.test` for the test event), which is not signed.
    ///
    /// ```
    /// use hooksign::{HelpScout, SecretSet};
    ///
    /// // From tests/vectors/help-scout.json (`help-scout-sdk-test-event`): the secret and body
    /// // of helpscout-api-php's own unit test, signed by an independent model.
    /// let helpscout = HelpScout::new(SecretSet::new(["asdffdsa"])?);
    /// let headers = [
    ///     ("X-HelpScout-Event", "helpscout.test"),
    ///     ("X-HelpScout-Signature", "YhXKie6t+YQPJLRzdKWwTPsJN2w="),
    /// ];
    /// let verified = hooksign::verify(&helpscout, &headers, br#"{"id":123}"#)?;
    /// assert_eq!(verified.event_type().as_deref(), Some("helpscout.test"));
    ///
    /// // Another body, same signature: rejected.
    /// assert!(hooksign::verify(&helpscout, &headers, br#"{"id":124}"#).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    HelpScout, id = "help-scout", name = "Help Scout", aliases = [], spec = SPEC,
    secrets = text("webhook secret key, as text")
}
