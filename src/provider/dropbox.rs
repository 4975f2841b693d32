//! Dropbox: `X-Dropbox-Signature: <hex HMAC-SHA256(app secret, body)>`.
//!
//! Sources:
//! - Dropbox Developers, "Webhooks" (<https://www.dropbox.com/developers/reference/webhooks>):
//!   after the GET `challenge` verification request, Dropbox POSTs a notification whenever an
//!   account connected to the app changes; the `X-Dropbox-Signature` header is the HMAC-SHA256
//!   of the entire request body keyed with the app secret; failed notifications are retried
//!   with exponential back-off for about ten minutes. The body only says which accounts
//!   changed (the sample app reads `delta.users`): the app then fetches the changes.
//! - Dropbox's sample app that page walks through, `dropbox/mdwebhook`, `app.py`,
//!   `validate_request`: `signature == hmac.new(APP_SECRET, request.data, sha256).hexdigest()`,
//!   lower-case hex compared exactly, the app secret as text. Nothing else is signed.
//! - The same page, "The verification request": a `GET` with a `challenge` query parameter,
//!   answered by echoing the challenge with `Content-Type: text/plain` and
//!   `X-Content-Type-Options: nosniff` "to avoid introducing a reflected XSS vulnerability";
//!   the request is not signed (its purpose is to show that the app wants the notifications).

use crate::handshake::HandshakeReply;
use crate::{Delivery, Error, HeaderKey, UnixTime};
use crate::provider::spec::{Algorithm, Encoding, SecretFormat, Source, Spec};

static SIGNATURE: [HeaderKey; 1] =
    [HeaderKey::new("X-Dropbox-Signature", "x-dropbox-signature")];

/// The scheme: the bare lower-case hex HMAC-SHA256 of the body.
// The sample app compares `hexdigest()` with `==`: lower case only.
pub(crate) static SPEC: Spec = body_hmac_spec! {
    signature: &SIGNATURE,
    prefix: "",
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::None,
};

spec_provider! {
    /// Dropbox webhooks (file change notifications).
    ///
    /// - **Verifies** `X-Dropbox-Signature: <hex>`, the HMAC-SHA256 of the raw body in lower
    ///   case, as Dropbox's sample app compares it.
    /// - **Handshake** ([`Verify::handshake`](crate::Verify::handshake)): the `GET ?challenge=…`
    ///   verification request, unsigned by Dropbox's design, is answered `200` with the
    ///   challenge (1 to 512 visible ASCII characters) as `text/plain` and
    ///   `X-Content-Type-Options: nosniff`. Any other `GET` is left to verification, which
    ///   refuses it.
    /// - **No timestamp** is signed, so there is no replay window. A notification only says
    ///   which accounts changed, so a replay costs a redundant fetch of their changes.
    /// - **Secret**: the app secret from the App Console, used as text.
    /// - **Idempotency key**: none: notifications carry no id, and several changes may be
    ///   merged into one.
    /// - **Event type**: none: every notification means "these accounts changed".
    ///
    /// ```
    /// use hooksign::{Dropbox, SecretSet};
    ///
    /// // tests/vectors/dropbox.json, `dropbox-valid-compact` (the documented scheme's model).
    /// let dropbox = Dropbox::new(SecretSet::new(["hksgn0dropbox0app0secret"])?);
    /// let body = br#"{"list_folder":{"accounts":["dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc"]},"delta":{"users":[12345678]}}"#;
    /// let headers = [(
    ///     "X-Dropbox-Signature",
    ///     "42c49f2be0cb1af3b87a41c543007e793d22aecdea3c0c8e6a5a30531602e315",
    /// )];
    /// assert!(hooksign::verify(&dropbox, &headers, body).is_ok());
    /// assert!(hooksign::verify(&dropbox, &headers, br#"{"list_folder":{"accounts":[]}}"#).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Dropbox, id = "dropbox", name = "Dropbox", aliases = [], spec = SPEC,
    secrets = text("app secret, as text"),
    handshake = handshake
}

fn handshake(
    _: &Dropbox,
    delivery: &Delivery<'_>,
    _: UnixTime,
) -> Option<Result<HandshakeReply, Error>> {
    crate::handshake::answer::dropbox(delivery)
}
