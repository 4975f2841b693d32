//! WorkOS: `WorkOS-Signature: t=<unix ms>, v1=<hex HMAC-SHA256(secret, "{t}.{body}")>`.
//!
//! Sources:
//! - Official SDK `@workos-inc/node` (npm) 12.3.0, `lib/factory-*.cjs`
//!   (`src/common/crypto/signature-provider.ts`), `SignatureProvider.verifyHeader`
//!   (`workos.webhooks.verifyHeader`, which `workos.webhooks.constructEvent` calls): the header
//!   is split on `,` and the first two elements on `=`, the first giving the timestamp and the
//!   second the signature whatever their keys ("Signature or timestamp missing" without a
//!   second element, "No signature hash found with expected scheme v1" for an empty one). The
//!   timestamp must match `/^\d+$/` ("Invalid timestamp"); `Math.abs(Date.now() - t) >
//!   tolerance`, `tolerance = 18e4` ms by default, rejects it ("Timestamp outside the tolerance
//!   zone"), before the HMAC. The HMAC-SHA256 of `` `${t}.${payload}` `` keyed with the secret's
//!   UTF-8 bytes is written in lower-case hex and compared as text. A string payload is used
//!   as it is; an object payload (the parsed body) is signed as `JSON.stringify(payload)`.
//!   The SDK's own tests write the header `t=${timestamp}, v1=${signatureHash}` (with a space).
//! - WorkOS Docs, "Sync data with webhooks"
//!   (<https://workos.com/docs/events/data-syncing/webhooks>): deliveries are POSTs with the
//!   `WorkOS-Signature` header, validated with the SDK or by hand; the best practices include
//!   ignoring duplicate events, as an event may be delivered more than once.
//! - The SDK's event type (`deserializeEvent`, same file): the body's `id` is the event's id
//!   (`event_…`) and `event` its type (`dsync.user.created`, `user.updated`, …).

use std::borrow::Cow;

use crate::provider::spec::{
    Algorithm, BodyPaths, Encoding, Part, Pick, SecretFormat, Source, Spec, TimeUnit, WindowCheck,
};
use crate::{HeaderKey, Tolerance};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("WorkOS-Signature", "workos-signature")];

/// The SDK's default window: 180 000 ms either way.
const TOLERANCE: Tolerance = Tolerance::symmetric(180);

/// The scheme: `t=<ms>, v1=<hex>` over `{t}.{body}`, the window checked before the HMAC.
pub(crate) static SPEC: Spec = list_timestamp_spec! {
    signature: &SIGNATURE,
    separator: ',',
    // As WorkOS and the SDK's tests write it.
    written_separator: ", ",
    // The SDK splits on `,` only, so the value after `, ` starts with a space that its
    // positional reading never looks at: trimming accepts the same headers.
    trim: true,
    signature_key: "v1",
    // The SDK reads one signature, the second element.
    pick: Pick::First,
    algorithm: Algorithm::Sha256,
    // The SDK compares the lower-case hex text.
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    content: &[Part::Timestamp, Part::Literal(Cow::Borrowed(b".")), Part::Body],
    // `/^\d+$/`, and the text is what is signed.
    timestamp_key: "t",
    unit: TimeUnit::Millis,
    tolerance: TOLERANCE,
    check: WindowCheck::BeforeMac,
    metadata: &[],
    id: Source::None,
    idempotency: Source::Body(BodyPaths::from_static(&[&["id"]])),
    event_type: Source::Body(BodyPaths::from_static(&[&["event"]])),
};

spec_provider! {
    /// WorkOS webhooks (Directory Sync, SSO, User Management and other events).
    ///
    /// - **Verifies** `WorkOS-Signature: t=<unix ms>, v1=<hex>`, the HMAC-SHA256 of
    ///   `{t}.{body}`, in lower case as `@workos-inc/node@12.3.0`'s `webhooks.verifyHeader`
    ///   compares it; the space after the comma is optional.
    /// - **Raw bytes**: hooksign signs the body as received, which is what the SDK does when
    ///   given the raw body text. Given the *parsed* payload (as in the SDK's examples that pass
    ///   `req.body`), the SDK signs `JSON.stringify` of it instead, which differs from what
    ///   WorkOS sent whenever the body has whitespace, `\u` escapes or other spellings that a
    ///   parse and re-serialisation change (`workos-valid-pretty-printed`: valid here and for the
    ///   SDK given the text, rejected by the SDK given the parsed object).
    /// - **Replay window**: `t` in milliseconds, 180 s either way (the SDK's default
    ///   `tolerance = 18e4` ms), checked before the signature as the SDK does, so a stale
    ///   forged delivery is `timestamp_too_old`; [`WorkOs::with_tolerance`] sets another.
    /// - **Elements by key, not by position**: the SDK takes the first element as `t` and the
    ///   second as `v1` whatever their keys, so it rejects `v1=…, t=…`, which hooksign accepts;
    ///   of several `v1` elements hooksign, like the SDK, compares only the first.
    /// - **Secret**: the endpoint's webhook secret from the WorkOS dashboard, used as text.
    /// - **Idempotency key**: `workos:<id>`, the event's id from the body (`event_…`); WorkOS
    ///   asks receivers to ignore duplicate events, and a redelivery carries the same event.
    /// - **Event type**: the body's `event` (e.g. `dsync.user.created`).
    ///
    /// ```
    /// use hooksign::{Delivery, SecretSet, UnixTime, Verify, WorkOs};
    ///
    /// // Generated with @workos-inc/node@12.3.0 (tests/vectors/workos.json, `workos-valid-compact`).
    /// let workos = WorkOs::new(SecretSet::new(["hooksignWorkOSWebhookSecret0001"])?);
    /// let body = br#"{"id":"event_01HF8Q2N9ZK4X7C3V5B6M1D0EA","event":"dsync.user.created","data":{}}"#;
    /// let headers = [(
    ///     "WorkOS-Signature",
    ///     "t=1700000000000, v1=12202070c0fe667299ad79c072b35bbab1a380e115e238ff85b162dd75c92821",
    /// )];
    /// let delivery = Delivery::new(&headers, body);
    /// let verified = workos.verify_at(&delivery, UnixTime::from_secs(1_700_000_010))?;
    /// assert_eq!(
    ///     verified.idempotency_key().unwrap().as_str(),
    ///     "workos:event_01HF8Q2N9ZK4X7C3V5B6M1D0EA"
    /// );
    /// assert_eq!(verified.event_type().as_deref(), Some("dsync.user.created"));
    /// // 181 s after t: outside the SDK's default window.
    /// assert!(workos.verify_at(&delivery, UnixTime::from_secs(1_700_000_181)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    WorkOs, id = "workos", name = "WorkOS", aliases = [], spec = SPEC,
    secrets = text("webhook secret, as text"), timestamped = TOLERANCE
}
