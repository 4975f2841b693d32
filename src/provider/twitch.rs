//! Twitch EventSub: `Twitch-Eventsub-Message-Signature: sha256=<hex HMAC-SHA256(secret,
//! id + timestamp + body)>`, the id and RFC 3339 timestamp in their own headers.
//!
//! Sources:
//! - Twitch Developers, "Getting Events Using Webhook Callbacks"
//!   (<https://dev.twitch.tv/docs/eventsub/handling-webhook-events/>): the request headers
//!   (`Twitch-Eventsub-Message-Id`, `-Message-Timestamp`, `-Message-Signature`,
//!   `-Message-Type`, `-Subscription-Type`, …); "all timestamps are in RFC3339 format and use
//!   nanoseconds"; every message (notification, `webhook_callback_verification`, revocation)
//!   must be verified before it is handled, with the secret passed when subscribing.
//! - Twitch Developers, "EventSub" (<https://dev.twitch.tv/docs/eventsub/>): notifications are
//!   sent at least once and a resent message keeps its message id; the section "Guarding
//!   against replay attacks" asks to refuse messages whose timestamp is older than 10 minutes.
//! - Twitch's own CLI, twitchdev/twitch-cli `internal/events/trigger/forward_event.go`
//!   (`getSignatureHeader`, what `twitch event trigger --secret` sends): `hmac.New(sha256.New,
//!   []byte(secret))` over the message id immediately followed by the timestamp (RFC 3339 with
//!   nanoseconds, the value of the timestamp header) and then the payload; the header is
//!   `fmt.Sprintf("sha256=%x", mac.Sum(nil))`, lower-case hex.
//! - The same "Getting Events Using Webhook Callbacks" page, section "Responding to a challenge
//!   request": a `webhook_callback_verification` message (the `Twitch-Eventsub-Message-Type`
//!   header) carries `challenge` in its JSON body; once the message is verified, the response
//!   is `200` with the raw challenge string as the body, `Content-Type: text/plain` (the
//!   requirement twitchdev/twitch-cli states since its pull request #145).

use std::borrow::Cow;

use crate::provider::spec::{
    Algorithm, Encoding, Meta, Order, Parsing, Part, SecretFormat, SignatureFormat, SignedForm,
    Source, Spec, TimeUnit, TimestampSource, TimestampSpec, WindowCheck,
};
use crate::{HeaderKey, Tolerance};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new(
    "Twitch-Eventsub-Message-Signature",
    "twitch-eventsub-message-signature",
)];
static TIMESTAMP: [HeaderKey; 1] = [HeaderKey::new(
    "Twitch-Eventsub-Message-Timestamp",
    "twitch-eventsub-message-timestamp",
)];
static MESSAGE_ID: [HeaderKey; 1] = [HeaderKey::new(
    "Twitch-Eventsub-Message-Id",
    "twitch-eventsub-message-id",
)];
const SUBSCRIPTION_TYPE: HeaderKey = HeaderKey::new(
    "Twitch-Eventsub-Subscription-Type",
    "twitch-eventsub-subscription-type",
);

/// The event type, read after the MAC; not signed, not required.
static METADATA: [Meta; 1] = [Meta {
    header: SUBSCRIPTION_TYPE,
    required: false,
}];

/// The documented window: 10 minutes into the past; nothing is said of the future.
const TOLERANCE: Tolerance = Tolerance::past_only(600);

/// The scheme: `sha256=<hex>` over `{id}{timestamp}{body}`, nothing between them.
pub(crate) static SPEC: Spec = Spec {
    signature_header: Cow::Borrowed(&SIGNATURE),
    format: SignatureFormat::Prefixed {
        prefix: Cow::Borrowed("sha256="),
    },
    algorithm: Algorithm::Sha256,
    // `%x` when signing; the documented check compares the texts.
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    content: Cow::Borrowed(&[Part::MessageId, Part::Timestamp, Part::Body]),
    timestamp: Some(TimestampSpec {
        source: TimestampSource::Header(Cow::Borrowed(&TIMESTAMP)),
        unit: TimeUnit::Rfc3339,
        parsing: Parsing::Strict,
        // The header's text, nanoseconds and all, is what is signed.
        signed: SignedForm::AsReceived,
        tolerance: TOLERANCE,
        // The documentation verifies the signature first, then the age.
        check: WindowCheck::AfterMac,
    }),
    message_id: Some(Cow::Borrowed(&MESSAGE_ID)),
    order: Order::SignatureFirst,
    empty_is_missing: false,
    metadata: Cow::Borrowed(&METADATA),
    id: Source::MessageId,
    idempotency: Source::MessageId,
    event_type: Source::Header(SUBSCRIPTION_TYPE),
    legacy: None,
};

spec_provider! {
    /// Twitch EventSub webhooks (the webhook transport).
    ///
    /// - **Verifies** `Twitch-Eventsub-Message-Signature: sha256=<hex>`, the HMAC-SHA256 of the
    ///   `Twitch-Eventsub-Message-Id` value, the `Twitch-Eventsub-Message-Timestamp` value and
    ///   the raw body, concatenated with no separator, in lower-case hex. Challenges
    ///   (`webhook_callback_verification`) and revocations are signed the same way; which one a
    ///   message is, is in `Twitch-Eventsub-Message-Type`.
    /// - **Replay window**: the timestamp (RFC 3339, nanoseconds, signed as received) may be
    ///   10 minutes old, as Twitch's guidance against replay attacks says; the future is not
    ///   checked, as the documentation does not mention it. It is checked after the signature,
    ///   and at whole seconds (the fraction is dropped, so a delivery is never judged younger
    ///   than it is). [`Twitch::with_tolerance`] sets another window.
    /// - **Secret**: the `secret` given in the subscription's `transport` when subscribing,
    ///   used as text (its bytes are the HMAC key). Each subscription may have its own: a
    ///   [`SecretSet`](crate::SecretSet) with several tries each.
    /// - **Idempotency key**: `twitch:<Twitch-Eventsub-Message-Id>`: Twitch resends a message
    ///   with the same id, so the key is stable across its retries (signed, and required).
    /// - **Event type**: the `Twitch-Eventsub-Subscription-Type` header (e.g.
    ///   `channel.follow`), not signed.
    /// - **Handshake** ([`Verify::handshake`](crate::Verify::handshake)): a
    ///   `webhook_callback_verification` message is verified like any message (signature, then
    ///   age), then answered `200` with its body's `challenge` as `text/plain`.
    ///
    /// ```
    /// use hooksign::{Delivery, SecretSet, Twitch, UnixTime, Verify};
    ///
    /// // From the documented model (tests/vectors/twitch.json, `twitch-valid-compact`).
    /// let twitch = Twitch::new(SecretSet::new(["hooksign-twitch-eventsub-secret-0001"])?);
    /// let body = br#"{"subscription":{"type":"channel.follow"},"event":{"user_id":"1234"}}"#;
    /// let headers = [
    ///     ("Twitch-Eventsub-Message-Id", "befa7b53-d79d-478f-86b9-120f112b044e"),
    ///     ("Twitch-Eventsub-Message-Timestamp", "2023-11-14T22:13:20.000000000Z"),
    ///     (
    ///         "Twitch-Eventsub-Message-Signature",
    ///         "sha256=fd6b65619164ab3b90e9437f8614b505b3844364251c247e0ad6c53cd89b159f",
    ///     ),
    /// ];
    /// let delivery = Delivery::new(&headers, body);
    /// let verified = twitch.verify_at(&delivery, UnixTime::from_secs(1_700_000_010))?;
    /// assert_eq!(
    ///     verified.idempotency_key().unwrap().as_str(),
    ///     "twitch:befa7b53-d79d-478f-86b9-120f112b044e"
    /// );
    /// // 10 minutes and 1 second later: too old.
    /// assert!(twitch.verify_at(&delivery, UnixTime::from_secs(1_700_000_601)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Twitch, id = "twitch", name = "Twitch", aliases = [], spec = SPEC,
    secrets = text("EventSub subscription secret, as text"), timestamped = TOLERANCE,
    handshake = crate::handshake::answer::twitch
}
