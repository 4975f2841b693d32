//! Ghost: `X-Ghost-Signature: sha256=<hex HMAC-SHA256(secret, "{body}{t}")>, t=<unix ms>`.
//!
//! Sources:
//! - Ghost's own sender (Ghost is open source; TryGhost/Ghost
//!   `ghost/core/core/server/services/webhooks/webhook-trigger.js`, `WebhookTrigger.trigger`):
//!   the body is `JSON.stringify(payload)`; `ts = Date.now()` (Unix milliseconds); when the
//!   webhook has a secret, `X-Ghost-Signature` is
//!   `` `sha256=${createHmac('sha256', secret).update(`${reqPayload}${ts}`).digest('hex')}, t=${ts}` ``:
//!   the body *followed by* the timestamp, with no separator, the secret as text, lower-case
//!   hex, and `", "` between the two elements. A webhook without a secret is sent unsigned.
//!   Requests are retried up to 5 times with the same headers; no other header identifies the
//!   delivery or the event (`Content-Version` names the Ghost version).
//! - No Ghost documentation found for this provider states a receiver-side check or a
//!   replay window, and Ghost ships no verifier: the sender above is the whole source.


use crate::provider::spec::{
    Algorithm, Encoding, Part, Pick, SecretFormat,
    Source, Spec, TimeUnit, WindowCheck,
};
use crate::{HeaderKey, Tolerance};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("X-Ghost-Signature", "x-ghost-signature")];

/// Ghost documents no window: none by default (set one with `with_tolerance`).
const TOLERANCE: Tolerance = Tolerance::unchecked();

/// The scheme: `sha256=<hex>, t=<ms>` over `{body}{t}`, the timestamp signed as sent.
pub(crate) static SPEC: Spec = list_timestamp_spec! {
    signature: &SIGNATURE,
    separator: ',',
    // Ghost writes `", "` between the signature and the timestamp.
    written_separator: ", ",
    trim: true,
    signature_key: "sha256",
    pick: Pick::All,
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    // The body first, then the timestamp, nothing between them.
    content: &[Part::Body, Part::Timestamp],
    timestamp_key: "t",
    unit: TimeUnit::Millis,
    tolerance: TOLERANCE,
    check: WindowCheck::AfterMac,
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::None,
};

spec_provider! {
    /// Ghost webhooks (custom integrations' webhooks with a secret; Ghost(Pro) and
    /// self-hosted).
    ///
    /// - **Verifies** `X-Ghost-Signature: sha256=<hex>, t=<ms>`, the HMAC-SHA256 of the body
    ///   *immediately followed by* the timestamp (`{body}{t}`, no separator; not the
    ///   `{t}.{body}` of Stripe-like schemes), in lower case, as Ghost's `WebhookTrigger`
    ///   writes it. A webhook created without a secret is unsigned and is rejected here.
    /// - **Replay window**: none by default. The timestamp (Unix milliseconds) is signed, but
    ///   Ghost states no window; its retries (up to 5) reuse the first attempt's header.
    ///   [`Ghost::with_tolerance`] sets one, which we advise.
    /// - **Secret**: the webhook's secret, set when the webhook is added to a custom
    ///   integration, used as text.
    /// - **Idempotency key**: none. Ghost sends no delivery or event id.
    /// - **Event type**: none is read: Ghost sends no event header, and what the body names
    ///   depends on the Ghost version.
    ///
    /// ```
    /// use hooksign::{Delivery, Ghost, SecretSet, UnixTime, Verify};
    ///
    /// // tests/vectors/ghost.json, `ghost-valid-post-published`.
    /// let ghost = Ghost::new(SecretSet::new(["hooksign0ghost0webhook0secret01"])?);
    /// let body = br#"{"post":{"current":{"id":"6566a3c2d1e2f3a4b5c6d7e8","title":"Hello","status":"published"},"previous":{"status":"draft"}}}"#;
    /// let headers = [("X-Ghost-Signature", "sha256=d31f68367f3ef6ad1570af9707ec96302e35a172900e6acb86335beb57fc5af3, t=1700000000000")];
    /// let delivery = Delivery::new(&headers, body);
    /// assert!(ghost.verify_at(&delivery, UnixTime::from_secs(1_700_000_001)).is_ok());
    /// // With a window of your choice, a day-old delivery is refused.
    /// let strict = ghost.with_tolerance(hooksign::Tolerance::past_only(300));
    /// assert!(strict.verify_at(&delivery, UnixTime::from_secs(1_700_086_400)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Ghost, id = "ghost", name = "Ghost", aliases = [], spec = SPEC,
    secrets = text("webhook secret, as text"), timestamped = TOLERANCE
}
