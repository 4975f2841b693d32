//! Heroku app webhooks: `Heroku-Webhook-Hmac-SHA256: <base64 HMAC-SHA256(secret, body)>`.
//!
//! Sources:
//! - Heroku Dev Center, "App Webhooks" (<https://devcenter.heroku.com/articles/app-webhooks>):
//!   a subscription may be given a `secret`, and Heroku then signs each notification request
//!   with it, the signature travelling in the `Heroku-Webhook-Hmac-SHA256` header; a
//!   subscription's `level` is `notify` (one attempt) or `sync` (retried until it succeeds
//!   or a limit is reached).
//! - Heroku Dev Center, "App Webhooks API Reference"
//!   (<https://devcenter.heroku.com/articles/app-webhooks-schema>): the `secret` parameter of
//!   Webhook Create is "a value that Heroku will use to sign all webhook notification
//!   requests", in that header.
//! - Heroku's sample receiver `heroku/webhooks-demo`
//!   (<https://github.com/heroku/webhooks-demo>, `app/controllers/webhooks_controller.rb`,
//!   `valid_signature?`, and `test/controllers/webhooks_controller_test.rb`): the expected
//!   value is `Base64.encode64(OpenSSL::HMAC.digest(sha256, secret, request.raw_post)).strip`,
//!   compared with the header as a string. So: the raw body, the secret's text as the key,
//!   standard padded base64 (one 44-character line once `strip` removes Ruby's newline), and
//!   nothing else signed.
//! - Heroku Dev Center, "Webhook Events" (<https://devcenter.heroku.com/articles/webhook-events>):
//!   every notification body carries `webhook_metadata` with the `event` (`id`, and
//!   `include`, the entity such as `api:release`), the `delivery` id, the `attempt` id and
//!   the `webhook` id; the top-level `id` is the event's id, `action` is `create`, `update`
//!   or `destroy`.

use crate::HeaderKey;
use crate::provider::spec::{Algorithm, BodyPaths, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new(
    "Heroku-Webhook-Hmac-SHA256",
    "heroku-webhook-hmac-sha256",
)];

/// The event's id: `webhook_metadata.event.id`, else the top-level `id` that holds the same
/// value in Heroku's examples.
const EVENT_ID: BodyPaths = BodyPaths::from_static(&[&["webhook_metadata", "event", "id"], &["id"]]);

/// The scheme: standard padded base64 of HMAC-SHA256 over the body.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    // webhooks-demo compares `Base64.encode64(…).strip` with the header: padded standard base64.
    encoding: Encoding::Base64,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    idempotency: Source::Body(EVENT_ID),
    event_type: Source::Body(BodyPaths::from_static(&[&["webhook_metadata", "event", "include"]])),
};

spec_provider! {
    /// Heroku app webhooks (notifications about an app's builds, releases, add-ons, dynos,
    /// domains, …).
    ///
    /// - **Verifies** `Heroku-Webhook-Hmac-SHA256: <base64>`, the HMAC-SHA256 of the raw body
    ///   in standard padded base64, as Heroku's sample receiver `heroku/webhooks-demo`
    ///   computes and compares it. A subscription created without a `secret` sends no
    ///   signature, so every delivery is refused as missing the header.
    /// - **No timestamp** is signed, so there is no replay window: deduplicate on the key.
    /// - **Secret**: the `secret` given when the subscription was created
    ///   (`heroku webhooks:add --secret`, or the Webhook Create API), used as text. When it is
    ///   changed, keep the old one in the [`SecretSet`](crate::SecretSet) until deliveries
    ///   signed with it have stopped.
    /// - **Idempotency key**: `heroku:<webhook_metadata.event.id>` (else the top-level `id`,
    ///   which holds the same value): the event, the same in every attempt Heroku makes at
    ///   delivering it. `webhook_metadata.delivery.id` names the delivery to one subscription
    ///   and `webhook_metadata.attempt.id` one attempt of it; neither is used.
    /// - **Event type**: `webhook_metadata.event.include`, the entity (e.g. `api:release`,
    ///   `api:build`); what happened to it is the body's `action` (`create`, `update`,
    ///   `destroy`).
    ///
    /// ```
    /// use hooksign::{Heroku, SecretSet};
    ///
    /// // From tests/vectors/heroku.json (`heroku-valid-compact`), an independent model of the
    /// // check in heroku/webhooks-demo.
    /// let heroku = Heroku::new(SecretSet::new(["hooksign-heroku-webhook-secret-0001"])?);
    /// let body = br#"{"action":"create","actor":{"email":"user-0165@example.com","id":"33500732-3b64-436f-9710-64cc569c3e4f"},"created_at":"2016-10-26T22:48:45Z","id":"7846bee9-b017-4492-9bed-34cd8327e71d","data":{"app":{"id":"d2f24bd2-399a-4868-9467-bc0ba2411cc2","name":"sample-app-0084"},"name":"DATABASE"},"previous_data":{},"published_at":null,"resource":"addon-attachment","sequence":null,"updated_at":"2016-10-26T22:48:45Z","version":"application/vnd.heroku+json; version=3","webhook_metadata":{"attempt":{"id":"8a44f820-2354-489d-9a11-a793cbf49979"},"delivery":{"id":"d244009a-670f-4340-88e9-789a4f9002d5"},"event":{"id":"7846bee9-b017-4492-9bed-34cd8327e71d","include":"api:addon-attachment"},"webhook":{"id":"b54e6a7e-d162-4bd7-ab42-1011582c19cc"}}}"#;
    /// let headers = [("Heroku-Webhook-Hmac-SHA256", "e0qtc920xeej4XKUnHkPIcHXoIXKkkfdhJfEzHZCWaQ=")];
    /// let verified = hooksign::verify(&heroku, &headers, body)?;
    /// assert_eq!(
    ///     verified.idempotency_key().unwrap().as_str(),
    ///     "heroku:7846bee9-b017-4492-9bed-34cd8327e71d"
    /// );
    /// assert_eq!(verified.event_type().as_deref(), Some("api:addon-attachment"));
    ///
    /// // Another secret: rejected.
    /// let other = Heroku::new(SecretSet::new(["hooksign-heroku-other-secret"])?);
    /// assert!(hooksign::verify(&other, &headers, body).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Heroku, id = "heroku", name = "Heroku", aliases = [], spec = SPEC,
    secrets = text("webhook subscription secret, as text")
}
