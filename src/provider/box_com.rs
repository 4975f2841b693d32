//! Box (V2 webhooks): `BOX-SIGNATURE-PRIMARY` / `BOX-SIGNATURE-SECONDARY: <base64
//! HMAC-SHA256(key, body + BOX-DELIVERY-TIMESTAMP)>`, each keyed with its own signature key.
//!
//! Sources:
//! - Official SDK `box-typescript-sdk-gen` (npm) 1.19.1, `lib/managers/webhooks.generated.js`,
//!   `WebhooksManager.validateMessage(body, headers, primaryKey, {secondaryKey, maxAge = 600})`:
//!   false when the `box-delivery-timestamp` is more than `maxAge` seconds old **or at all in
//!   the future**, checked first; then `box-signature-primary` is compared with the signature
//!   computed with the primary key, and `box-signature-secondary` with the secondary key's
//!   (never one key against the other header); `lib/internal/utilsNode.js`,
//!   `computeWebhookSignature`: no signature unless `box-signature-version` is `1` and
//!   `box-signature-algorithm` is `HmacSHA256`; `createHmac('sha256', key)` over the body, then
//!   the timestamp header's text; base64; `compareSignatures` decodes both and compares bytes.
//!   The SDK also tries the body re-serialised with non-ASCII characters escaped, for callers
//!   that parsed and re-encoded it; hooksign verifies the bytes received, which Box signed.
//! - Box Developer Documentation, "V2 Webhooks" (<https://developer.box.com/guides/webhooks/v2/>):
//!   the headers above; `BOX-DELIVERY-TIMESTAMP` is RFC 3339; `BOX-SIGNATURE-VERSION` is always
//!   `1` and `BOX-SIGNATURE-ALGORITHM` always `HmacSHA256`; `BOX-DELIVERY-ID` changes when Box
//!   retries while the body's `id`, which identifies the event, stays the same; the body's
//!   `trigger` names the event (`FILE.UPLOADED`); V2 webhooks are retried up to 10 times
//!   (<https://developer.box.com/guides/webhooks/>).

use std::borrow::Cow;

use crate::provider::registry::{Entry, Family, Keys, Signs};
use crate::provider::spec::{
    Algorithm, BodyPaths, Encoding, Meta, Order, Parsing, Part, SecretFormat, SignatureFormat,
    SignedForm, Source, Spec, TimeUnit, TimestampSource, TimestampSpec, WindowCheck,
};
use crate::provider::{Sign, Verify};
use crate::scheme::header;
use crate::scheme::template::{Clock, Plan, SpecRef, Template};
use crate::{
    Delivery, Error, HeaderKey, Malformed, Message, SecretSet, SignError,
    SignedHeaders, Tolerance, UnixTime, Verified,
};

const PRIMARY: HeaderKey = HeaderKey::new("BOX-SIGNATURE-PRIMARY", "box-signature-primary");
const SECONDARY: HeaderKey = HeaderKey::new("BOX-SIGNATURE-SECONDARY", "box-signature-secondary");
const VERSION: HeaderKey = HeaderKey::new("BOX-SIGNATURE-VERSION", "box-signature-version");
const ALGORITHM: HeaderKey = HeaderKey::new("BOX-SIGNATURE-ALGORITHM", "box-signature-algorithm");
const DELIVERY_ID: HeaderKey = HeaderKey::new("BOX-DELIVERY-ID", "box-delivery-id");
static TIMESTAMP: [HeaderKey; 1] = [HeaderKey::new("BOX-DELIVERY-TIMESTAMP", "box-delivery-timestamp")];
static PRIMARY_HEADER: [HeaderKey; 1] = [PRIMARY];
static SECONDARY_HEADER: [HeaderKey; 1] = [SECONDARY];

/// The SDK's window: 600 s into the past, nothing into the future.
const TOLERANCE: Tolerance = Tolerance::past_only(600).with_future(0);

/// The delivery id, read after the MAC; not required (the SDK does not read it).
static METADATA: [Meta; 1] = [Meta {
    header: DELIVERY_ID,
    required: false,
}];

/// `{body}{BOX-DELIVERY-TIMESTAMP}`.
static CONTENT: [Part; 2] = [Part::Body, Part::Timestamp];

/// One signature header's scheme (the two differ only in the header, and in the key).
const fn signature_spec(signature: &'static [HeaderKey]) -> Spec {
    Spec {
        signature_header: Cow::Borrowed(signature),
        format: SignatureFormat::Prefixed {
            prefix: Cow::Borrowed(""),
        },
        algorithm: Algorithm::Sha256,
        encoding: Encoding::Base64,
        secret: SecretFormat::Text,
        content: Cow::Borrowed(&CONTENT),
        timestamp: Some(TimestampSpec {
            source: TimestampSource::Header(Cow::Borrowed(&TIMESTAMP)),
            unit: TimeUnit::Rfc3339,
            parsing: Parsing::Strict,
            signed: SignedForm::AsReceived,
            tolerance: TOLERANCE,
            // `validateMessage` looks at the timestamp before any signature.
            check: WindowCheck::First,
        }),
        message_id: None,
        // The timestamp is read first, as the SDK does.
        order: Order::SignatureLast,
        empty_is_missing: false,
        metadata: Cow::Borrowed(&METADATA),
        id: Source::Header(DELIVERY_ID),
        idempotency: Source::Body(BodyPaths::from_static(&[&["id"]])),
        event_type: Source::Body(BodyPaths::from_static(&[&["trigger"]])),
        legacy: None,
    }
}

static PRIMARY_SPEC: Spec = signature_spec(&PRIMARY_HEADER);
static SECONDARY_SPEC: Spec = signature_spec(&SECONDARY_HEADER);

/// The registry's entry: the spec shown is the primary signature's.
pub(crate) static ENTRY: Entry = Entry {
    id: BoxWebhooks::ID,
    aliases: &[],
    name: "Box",
    type_name: "BoxWebhooks",
    family: Family::HmacTemplate,
    spec: Some(&PRIMARY_SPEC),
    about: None,
    headers: &[],
    tolerance: None,
    signs: Signs::NOTHING_ELSE,
    keys: Keys::Secrets,
    secret_format: "primary and/or secondary signature key, as text",
    // Each signature header is checked with its own key.
    runs_its_spec: false,
    build: |secrets, options| {
        let mut provider = BoxWebhooks::new(secrets);
        options.apply(BoxWebhooks::ID, &mut provider.engine)?;
        Ok(crate::AnyProvider::new(provider))
    },
};

/// Box V2 webhooks (file and folder events).
///
/// - **Verifies** the base64 HMAC-SHA256 of the body followed by the `BOX-DELIVERY-TIMESTAMP`
///   text in `BOX-SIGNATURE-PRIMARY`, then in `BOX-SIGNATURE-SECONDARY`: Box signs with both of
///   the webhook's keys, one per header, and one match with any secret of the
///   [`SecretSet`](crate::SecretSet) is enough. Holding either key alone verifies, so one key
///   can be rotated while the other keeps working. `BOX-SIGNATURE-VERSION` must be `1` and
///   `BOX-SIGNATURE-ALGORITHM` `HmacSHA256`. The SDK pairs its `primaryKey` argument with the
///   primary header only; hooksign tries every held key on both headers, so it also accepts
///   the secondary key given alone (the signature is Box's either way).
/// - **Replay window**: 600 s into the past, **none into the future** (a delivery stamped
///   ahead of the receiver's clock is refused, as by the SDK), checked before the signature;
///   [`BoxWebhooks::with_tolerance`] sets another.
/// - **Secrets**: the webhook's primary and/or secondary signature keys from the Developer
///   Console, as text.
/// - **Idempotency key**: `box:<id>`, the body's event id, which Box documents as unchanged on
///   its retries (up to 10); `BOX-DELIVERY-ID`, new on each retry, is the delivery id
///   ([`Verified::id`]).
/// - **Event type**: the body's `trigger` (e.g. `FILE.UPLOADED`).
/// - **Not accepted**: the SDK also tries the body re-encoded with non-ASCII characters escaped
///   (for callers that parsed and re-serialised it); hooksign verifies the received bytes.
///
/// ```
/// use hooksign::{BoxWebhooks, Delivery, SecretSet, UnixTime, Verify};
///
/// // Judged valid by box-typescript-sdk-gen@1.19.1 (tests/vectors/box.json,
/// // `box-valid-secondary-only`): the receiver's primary key is not the one Box used, its
/// // secondary key matches the secondary signature.
/// let box_com = BoxWebhooks::new(SecretSet::new(["old-primary-key", "hooksignBoxSecondaryKey0002"])?);
/// let body = br#"{"type":"webhook_event","id":"eb0c4e06-751f-442c-86f8-fd5bb404dbec","trigger":"FILE.UPLOADED"}"#;
/// let headers = [
///     ("box-delivery-id", "673a081b-bb4b-4d45-b4f1-4131a29c1d07"),
///     ("box-delivery-timestamp", "2026-11-30T10:10:33-07:00"),
///     ("box-signature-version", "1"),
///     ("box-signature-algorithm", "HmacSHA256"),
///     ("box-signature-primary", "RFI/JiKEFZevBm4wWjU1Y57JgmGZ8xFE7hun9AP4LnI="),
///     ("box-signature-secondary", "PIIF+1hKnyT2A2WNDi4J8fUDDQjaSCYekXFsO5Trw44="),
/// ];
/// let delivery = Delivery::new(&headers, body);
/// let verified = box_com.verify_at(&delivery, UnixTime::from_secs(1796058643))?;
/// assert_eq!(verified.secret_index(), 1);
/// assert_eq!(verified.idempotency_key().unwrap().as_str(), "box:eb0c4e06-751f-442c-86f8-fd5bb404dbec");
/// assert_eq!(verified.event_type().as_deref(), Some("FILE.UPLOADED"));
/// // 601 s later it is too old.
/// assert!(box_com.verify_at(&delivery, UnixTime::from_secs(1796059234)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct BoxWebhooks {
    engine: Template,
    plans: [Plan; 2],
}

impl BoxWebhooks {
    /// The registry id.
    pub const ID: &'static str = "box";

    /// The SDK's default window: 600 s old at most, none ahead.
    pub const DEFAULT_TOLERANCE: Tolerance = TOLERANCE;

    /// A verifier for `secrets`: the webhook's signature keys (primary, secondary, or both,
    /// in any order), used as text.
    pub fn new(secrets: SecretSet) -> Self {
        // Text secrets are keys as they are, and a `SecretSet` holds no empty one.
        let engine = Template::new(SpecRef::Static(&PRIMARY_SPEC), &secrets)
            .expect("text secrets are always usable keys");
        BoxWebhooks {
            engine,
            plans: [Plan::new(&PRIMARY_SPEC), Plan::new(&SECONDARY_SPEC)],
        }
    }

    /// Replaces the replay window.
    pub fn with_tolerance(mut self, tolerance: Tolerance) -> Self {
        self.engine.tolerance = tolerance;
        self
    }

    /// `BOX-SIGNATURE-VERSION: 1` and `BOX-SIGNATURE-ALGORITHM: HmacSHA256`, as Box always
    /// sends them and the SDK requires.
    fn check_scheme_headers(delivery: &Delivery<'_>) -> Result<(), Error> {
        for (key, expected) in [(&VERSION, "1"), (&ALGORITHM, "HmacSHA256")] {
            if header::required(delivery.headers(), key)? != expected {
                return Err(Error::malformed(
                    key,
                    Malformed::Unexpected {
                        expected: Cow::Borrowed(expected),
                    },
                ));
            }
        }
        Ok(())
    }
}

impl Verify for BoxWebhooks {
    fn id(&self) -> &str {
        Self::ID
    }

    fn verify_at<'r>(&self, delivery: &Delivery<'r>, now: UnixTime) -> Result<Verified<'r>, Error> {
        self.verify_with(delivery, Clock::At(now))
    }

    fn verify<'r>(&self, delivery: &Delivery<'r>) -> Result<Verified<'r>, Error> {
        self.verify_with(delivery, Clock::System)
    }
}

impl BoxWebhooks {
    fn verify_with<'r>(&self, delivery: &Delivery<'r>, clock: Clock) -> Result<Verified<'r>, Error> {
        Self::check_scheme_headers(delivery)?;
        // The primary signature first, as the SDK.
        self.engine.verify_first_present(
            [&PRIMARY_SPEC, &SECONDARY_SPEC].into_iter().zip(&self.plans),
            &PRIMARY,
            Self::ID.into(),
            delivery,
            clock,
        )
    }
}

impl Sign for BoxWebhooks {
    /// Signs as Box does with one key: the timestamp, `BOX-SIGNATURE-PRIMARY` (with the set's
    /// first secret), the version and the algorithm, and the message id as `BOX-DELIVERY-ID`.
    fn sign_at(&self, message: &Message<'_>, now: UnixTime) -> Result<SignedHeaders, SignError> {
        let mut out = self.engine.sign(message, now)?;
        out.push(&VERSION, "1");
        out.push(&ALGORITHM, "HmacSHA256");
        if let Some(id) = message.id() {
            out.push(&DELIVERY_ID, id.to_owned());
        }
        Ok(out)
    }
}
