//! Asana: `X-Hook-Signature: <hex HMAC-SHA256(X-Hook-Secret, body)>`.
//!
//! Sources:
//! - Asana Developers, "Establish a webhook"
//!   (<https://developers.asana.com/docs/establish-a-webhook>): creating a webhook sends a test
//!   POST carrying an `X-Hook-Secret` header (64 hex characters in the example) that the target
//!   must echo back; Asana "strongly recommend[s] storing this secret to be used to verify
//!   future webhook event signatures". The reference "Establish a webhook"
//!   (<https://developers.asana.com/reference/createwebhook>) adds that the target "must respond
//!   with a `200 OK` or `204 No Content` and a matching `X-Hook-Secret` header", while the
//!   `POST /webhooks` that created it is still in flight. The handshake is not signed.
//! - Asana's official examples, `Asana/devrel-examples`, `python/webhooks_v5/server.py`: an
//!   event request carries `X-Hook-Signature`; the receiver computes
//!   `hmac.new(key=secret.encode(), msg=request.data, digestmod=hashlib.sha256).hexdigest()`
//!   over the raw body and compares it with `hmac.compare_digest`: lower-case hex, the stored
//!   `X-Hook-Secret` as text. The same repository's Node example
//!   (`javascript/webhooks-nodejs/index.js`) does the same over `JSON.stringify(req.body)`,
//!   which only agrees with the raw body when that is compact JSON. The body is
//!   `{"events": [...]}`, an empty list for heartbeats. Nothing else is signed.

use crate::handshake::HandshakeReply;
use crate::{Delivery, Error, HeaderKey, UnixTime};
use crate::provider::spec::{Algorithm, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("X-Hook-Signature", "x-hook-signature")];

/// The scheme: the bare lower-case hex HMAC-SHA256 of the body.
// `hexdigest()` compared with `compare_digest`: lower case only.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    // A delivery batches several events (`events[]`), each with its own action.
    event_type: Source::None,
};

spec_provider! {
    /// Asana webhooks (event deliveries after the handshake).
    ///
    /// - **Verifies** `X-Hook-Signature: <hex>`, the HMAC-SHA256 of the raw body in lower case,
    ///   as Asana's official examples compare it.
    /// - **Handshake** ([`Verify::handshake`](crate::Verify::handshake)): a `POST` carrying
    ///   `X-Hook-Secret` is answered `200` with the same header, and the secret is handed over
    ///   in [`HandshakeReply::delivered_secret`] for the application to store (the
    ///   integrations pass it to [`WebhookConfig::on_handshake`](crate::integrations::WebhookConfig::on_handshake)).
    ///   Asana does not sign it, so anyone can send one: store a secret only for a webhook
    ///   you are creating at that moment (Asana sends the handshake while your
    ///   `POST /webhooks` is in flight), never as a replacement for a stored one.
    /// - **No timestamp** is signed, so there is no replay window.
    /// - **Secret**: the `X-Hook-Secret` value Asana sent in that webhook's handshake, used as
    ///   text (each webhook has its own; re-establishing a webhook gives a new one).
    /// - **Idempotency key**: none. A delivery carries no id; it batches `events[]`, which you
    ///   deduplicate on their own fields.
    /// - **Event type**: none for the delivery; each event in `events[]` has its `action` and
    ///   `resource.resource_type`.
    ///
    /// ```
    /// use hooksign::{Asana, SecretSet};
    ///
    /// // tests/vectors/asana.json, `asana-valid-heartbeat` (the documented scheme's model).
    /// let asana = Asana::new(SecretSet::new([
    ///     "b537207f20cbfa02357cf448134da559e8bd39d61597dcd5631b8012eae53e81",
    /// ])?);
    /// let headers = [(
    ///     "X-Hook-Signature",
    ///     "10468027b67df18c739cc4794c6fc2d2806dcaaf2259fc3e1ed9d26433659853",
    /// )];
    /// assert!(hooksign::verify(&asana, &headers, br#"{"events":[]}"#).is_ok());
    /// assert!(hooksign::verify(&asana, &headers, br#"{"events":[{}]}"#).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Asana, id = "asana", name = "Asana", aliases = [], spec = SPEC,
    secrets = text("the handshake's X-Hook-Secret, as text"),
    handshake = handshake
}

fn handshake(
    _: &Asana,
    delivery: &Delivery<'_>,
    _: UnixTime,
) -> Option<Result<HandshakeReply, Error>> {
    crate::handshake::answer::asana(delivery)
}
