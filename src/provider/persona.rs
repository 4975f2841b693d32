//! Persona: `Persona-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "{t}.{body}")>`, and during
//! a secret rotation two such groups separated by a space, each with its own `t`.
//!
//! Sources:
//! - Persona Docs, "Webhook Best Practices", section "Checking signatures"
//!   (<https://docs.withpersona.com/webhooks-best-practices>): the header holds two
//!   comma-separated key-value pairs, `t=<unix_timestamp>` (when the request was sent) and
//!   `v1=<signature>`, the hexadecimal HMAC-SHA256 computed from the webhook secret and
//!   `{t}.{body}`; while a secret is rotated the header holds two space-separated sets of
//!   those pairs, one per secret; the secret is in the Dashboard's Webhooks section. The
//!   page's Ruby sample compares `OpenSSL::HMAC.hexdigest` (lower case) with `==`. The same
//!   page asks receivers to process events idempotently (duplicates happen) and not to rely
//!   on their order.

use std::borrow::Cow;

use crate::provider::registry::{Entry, Family, Keys, Signs};
use crate::provider::spec::{
    Algorithm, Encoding, Part, Pick, SecretFormat,
    Source, Spec, TimeUnit, WindowCheck,
};
use crate::provider::{Sign, Verify};
use crate::scheme::header;
use crate::scheme::template::{Clock, Plan, SpecRef, Template};
use crate::{
    Delivery, Error, HeaderKey, Malformed, Message, SecretSet, SignError, SignedHeaders,
    Tolerance, UnixTime, Verified,
};

static SIGNATURE: [HeaderKey; 1] = [HeaderKey::new("Persona-Signature", "persona-signature")];

/// No window is documented: the timestamp is signed, and checked only when a window is set.
const TOLERANCE: Tolerance = Tolerance::unchecked();

/// Most groups read from one header: Persona sends two while rotating.
const MAX_GROUPS: usize = 4;

/// One group's scheme: `t=…,v1=…` over `{t}.{body}`.
pub(crate) static SPEC: Spec = list_timestamp_spec! {
    signature: &SIGNATURE,
    separator: ',',
    written_separator: ",",
    trim: false,
    signature_key: "v1",
    pick: Pick::All,
    algorithm: Algorithm::Sha256,
    // `hexdigest` compared with `==`: lower case only.
    encoding: Encoding::Hex,
    secret: SecretFormat::Text,
    content: &[Part::Timestamp, Part::Literal(Cow::Borrowed(b".")), Part::Body],
    // The sample interpolates the header's text.
    timestamp_key: "t",
    unit: TimeUnit::Seconds,
    tolerance: TOLERANCE,
    // A window a caller sets is checked after the MAC: a forgery is a mismatch.
    check: WindowCheck::AfterMac,
    metadata: &[],
    id: Source::None,
    idempotency: Source::None,
    event_type: Source::None,
};

/// The registry's entry: the spec shown is one group's.
pub(crate) static ENTRY: Entry = Entry {
    id: Persona::ID,
    aliases: &[],
    name: "Persona",
    type_name: "Persona",
    family: Family::HmacTemplate,
    spec: Some(&SPEC),
    about: None,
    headers: &[],
    tolerance: None,
    signs: Signs::NOTHING_ELSE,
    keys: Keys::Secrets,
    secret_format: "webhook secret (wbhsec_…), as text",
    // The header is split into groups first, each read by the spec.
    runs_its_spec: false,
    build: |secrets, options| {
        let mut persona = Persona::new(secrets);
        options.apply(Persona::ID, &mut persona.engine)?;
        Ok(crate::AnyProvider::new(persona))
    },
};

/// Persona webhooks (inquiries, verifications, reports, …).
///
/// - **Verifies** `Persona-Signature: t=<unix>,v1=<hex>`, the HMAC-SHA256 of `{t}.{body}` in
///   lower-case hex. While a secret is rotated Persona sends one group per secret, separated
///   by a space (`t=…,v1=… t=…,v1=…`); each group is checked with its own `t`, and one match
///   with any secret of the [`SecretSet`] is enough.
/// - **Replay window**: none by default, as none is documented (the timestamp is signed, so a
///   window set with [`Persona::with_tolerance`] applies to the matching group's `t`).
/// - **Secret**: the webhook's secret (`wbhsec_…`), as text.
/// - **Idempotency key** and **event type**: none read. Persona documents duplicate
///   deliveries and asks for idempotent processing; the event's id is in the JSON:API body.
///
/// ```
/// use hooksign::{Delivery, Persona, SecretSet, UnixTime, Verify};
///
/// // An independent model of the documented scheme (tests/vectors/persona.json,
/// // `persona-valid-rotation-second-group`): two groups, the second signed with our secret.
/// let persona = Persona::new(SecretSet::new(["wbhsec_hooksignPersonaSecret0001"])?);
/// let body = br#"{"data":{"type":"event","id":"evt_4b1f5a","attributes":{"name":"inquiry.completed","payload":{"data":{"type":"inquiry","id":"inq_9CZ2xT"}},"created-at":"2023-11-14T22:13:20.000Z"}}}"#;
/// let headers = [(
///     "Persona-Signature",
///     "t=1700000001,v1=bf07aaf07730d49c727a535d6344ccea64ad11406381748981ba127aa3fc5541 t=1700000000,v1=a87da4008dbbb01c034bc046f8896968f4a4c084e4d3d0b668e7dbc196bac496",
/// )];
/// let delivery = Delivery::new(&headers, body);
/// let verified = persona.verify_at(&delivery, UnixTime::from_secs(1700000005))?;
/// assert_eq!(verified.timestamp().map(|t| t.as_secs()), Some(1700000000));
/// // With the first group alone (the old secret's), it does not verify.
/// let first = [("Persona-Signature", headers[0].1.split(' ').next().unwrap())];
/// assert!(persona.verify_at(&Delivery::new(&first, body), UnixTime::from_secs(1700000005)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Persona {
    engine: Template,
    plan: Plan,
}

impl Persona {
    /// The registry id.
    pub const ID: &'static str = "persona";

    /// No documented window: none by default.
    pub const DEFAULT_TOLERANCE: Tolerance = TOLERANCE;

    /// A verifier for `secrets` (webhook secrets, used as text).
    pub fn new(secrets: SecretSet) -> Self {
        // Text secrets are keys as they are, and a `SecretSet` holds no empty one.
        let engine = Template::new(SpecRef::Static(&SPEC), &secrets)
            .expect("text secrets are always usable keys");
        Persona {
            engine,
            plan: Plan::new(&SPEC),
        }
    }

    /// Sets a replay window on the matching group's `t`.
    pub fn with_tolerance(mut self, tolerance: Tolerance) -> Self {
        self.engine.tolerance = tolerance;
        self
    }

    fn verify_with<'r>(&self, delivery: &Delivery<'r>, clock: Clock) -> Result<Verified<'r>, Error> {
        let value = header::required(delivery.headers(), &SIGNATURE[0])?;
        let mut first_error = None;
        for (index, group) in value.split(' ').enumerate() {
            if index == MAX_GROUPS {
                return Err(Error::malformed(
                    &SIGNATURE[0],
                    Malformed::TooManySignatures { max: MAX_GROUPS },
                ));
            }
            match self.engine.verify_signature_as(
                &SPEC,
                &self.plan,
                Self::ID.into(),
                delivery,
                clock,
                Some(group),
            ) {
                Ok(verified) => return Ok(verified),
                Err(error) => {
                    first_error.get_or_insert(error);
                }
            }
        }
        Err(first_error.unwrap_or_else(|| Error::missing(&SIGNATURE[0])))
    }
}

impl Verify for Persona {
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

impl Sign for Persona {
    /// Signs one group with the set's first secret, as Persona does outside a rotation.
    fn sign_at(&self, message: &Message<'_>, now: UnixTime) -> Result<SignedHeaders, SignError> {
        self.engine.sign(message, now)
    }
}
