//! The HMAC-over-a-template engine: runs any [`Spec`].
//!
//! Verification reads the headers the spec names (in its [`Order`]), parses the timestamp and
//! the signature header, checks the window where the spec says ([`WindowCheck`]), feeds the
//! signed content to each pre-keyed secret in parts ([`Part`]: never concatenated), compares
//! the canonical encoding of each tag with every received signature in constant time, then reads
//! the metadata headers. Every intermediate value lives on the stack: nothing is allocated on
//! the success path.
//!
//! Signing is the exact inverse: the same parts, the headers written as the provider sends them.

use std::ops::Deref;
use std::sync::Arc;

use crate::provider::spec::{
    MAX_METADATA, MAX_PARTS, Meta, Order, Parsing, Part, SignatureFormat, SignedForm, Source, Spec,
    TimeUnit, TimestampSource, TimestampSpec, WindowCheck,
};
use crate::scheme::header;
use crate::scheme::key;
use crate::scheme::list::{KeyValues, Signatures, versioned};
use crate::scheme::mac::Keyring;
use crate::time::{
    Decimal, SignedTimestamp, format_rfc3339, parse_rfc3339, parse_unix, parse_unix_lenient,
};
use crate::verified::{Body, Field, ProviderName};
use crate::{
    Delivery, Error, HeaderKey, Headers, Malformed, Message, SecretError, SecretSet, SignError,
    SignedHeaders, Tolerance, UnixTime, Verified,
};

/// A spec, built in (`'static`) or configured at run time (shared).
#[derive(Debug, Clone)]
pub(crate) enum SpecRef {
    Static(&'static Spec),
    Shared(Arc<Spec>),
}

impl Deref for SpecRef {
    type Target = Spec;

    fn deref(&self) -> &Spec {
        match self {
            SpecRef::Static(spec) => spec,
            SpecRef::Shared(spec) => spec,
        }
    }
}

/// Which clock a verification runs against: the system's is read only by timestamped specs.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Clock {
    At(UnixTime),
    System,
}

impl Clock {
    fn now(self) -> UnixTime {
        match self {
            Clock::At(now) => now,
            Clock::System => UnixTime::now(),
        }
    }
}

/// A spec with its secrets pre-keyed and its options set.
#[derive(Debug, Clone)]
pub(crate) struct Template {
    spec: SpecRef,
    plan: Plan,
    ring: Keyring,
    /// The legacy algorithm's keys, made with the others (so that turning it on needs no
    /// secret kept around), used only when enabled.
    legacy: Option<Keyring>,
    pub(crate) legacy_enabled: bool,
    /// The replay window (the spec's default unless set).
    pub(crate) tolerance: Tolerance,
    /// Sign with every secret (one signature each), where the format carries several.
    pub(crate) sign_with_all: bool,
}

/// What can be worked out of a spec once, not on every request: which metadata header each
/// of the id, idempotency key and event type is read from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Plan {
    slots: [Option<u8>; 3],
}

impl Plan {
    pub(crate) fn new(spec: &Spec) -> Self {
        let slot = |source: &Source| match source {
            Source::Header(key) => spec
                .metadata
                .iter()
                .position(|meta| meta.header == *key)
                .and_then(|at| u8::try_from(at).ok()),
            _ => None,
        };
        Plan {
            slots: [
                slot(&spec.id),
                slot(&spec.idempotency),
                slot(&spec.event_type),
            ],
        }
    }
}

/// The signature header found, with how to read it.
struct Found<'r, 's> {
    key: &'s HeaderKey,
    value: &'r str,
    legacy: bool,
}

impl Template {
    /// Pre-keys `secrets` as the spec reads them.
    pub(crate) fn new(spec: SpecRef, secrets: &SecretSet) -> Result<Self, SecretError> {
        let ring = key::keyring(spec.algorithm, secrets, &spec.secret)?;
        let legacy = match &spec.legacy {
            Some(legacy) => Some(key::keyring(legacy.algorithm, secrets, &spec.secret)?),
            None => None,
        };
        Ok(Template {
            plan: Plan::new(&spec),
            tolerance: spec
                .timestamp
                .as_ref()
                .map_or(Tolerance::unchecked(), |t| t.tolerance),
            spec,
            ring,
            legacy,
            legacy_enabled: false,
            sign_with_all: false,
        })
    }

    pub(crate) fn spec(&self) -> &Spec {
        &self.spec
    }

    /// Verifies `delivery` as `provider`.
    pub(crate) fn verify<'r>(
        &self,
        provider: ProviderName,
        delivery: &Delivery<'r>,
        clock: Clock,
    ) -> Result<Verified<'r>, Error> {
        self.verify_as(&self.spec, &self.plan, provider, delivery, clock)
    }

    /// Verifies `delivery` against `spec`, which must key secrets as this template's spec
    /// does (same algorithm and secret format): a provider with several header families
    /// (Shopify) keys its secrets once and picks the family per delivery.
    pub(crate) fn verify_as<'r>(
        &self,
        spec: &Spec,
        plan: &Plan,
        provider: ProviderName,
        delivery: &Delivery<'r>,
        clock: Clock,
    ) -> Result<Verified<'r>, Error> {
        self.verify_signature_as(spec, plan, provider, delivery, clock, None)
    }

    /// Verifies `delivery` against each of `specs` whose (single) signature header is present,
    /// in order, the value read once and passed on: the first that verifies wins, else the first
    /// failure is reported, or `missing` when none is present. For providers that send one
    /// signature header per key (DocuSign, Box).
    pub(crate) fn verify_first_present<'r, 's>(
        &self,
        specs: impl IntoIterator<Item = (&'s Spec, &'s Plan)>,
        missing: &HeaderKey,
        provider: ProviderName,
        delivery: &Delivery<'r>,
        clock: Clock,
    ) -> Result<Verified<'r>, Error> {
        let mut first_error = None;
        for (spec, plan) in specs {
            let Some(value) = header::optional(delivery.headers(), &spec.signature_header[0])?
            else {
                continue;
            };
            match self.verify_signature_as(
                spec,
                plan,
                provider.clone(),
                delivery,
                clock,
                Some(value),
            ) {
                Ok(verified) => return Ok(verified),
                Err(error) => {
                    first_error.get_or_insert(error);
                }
            }
        }
        Err(first_error.unwrap_or_else(|| Error::missing(missing)))
    }

    /// [`Template::verify`] with the signature header's value already read (WebSub reads it to
    /// choose the method).
    pub(crate) fn verify_value<'r>(
        &self,
        provider: ProviderName,
        delivery: &Delivery<'r>,
        clock: Clock,
        value: &'r str,
    ) -> Result<Verified<'r>, Error> {
        self.verify_signature_as(
            &self.spec,
            &self.plan,
            provider,
            delivery,
            clock,
            Some(value),
        )
    }

    /// [`Template::verify_as`] with the signature header's value given: a part of the header
    /// the spec reads on its own (Persona sends one `t=…,v1=…` group per secret, separated by
    /// spaces, each with its own timestamp). The value must borrow from the delivery.
    pub(crate) fn verify_signature_as<'r>(
        &self,
        spec: &Spec,
        plan: &Plan,
        provider: ProviderName,
        delivery: &Delivery<'r>,
        clock: Clock,
        signature_value: Option<&'r str>,
    ) -> Result<Verified<'r>, Error> {
        debug_assert_eq!(spec.algorithm, self.spec.algorithm);
        debug_assert_eq!(spec.secret, self.spec.secret);
        let headers = delivery.headers();
        let body = delivery.body();

        // The headers read before the MAC, in the SDK's order.
        let signature;
        let mut timestamp_header = None;
        let mut id = None;
        let timestamp_names = match spec.timestamp.as_ref().map(|t| &t.source) {
            Some(TimestampSource::Header(names)) => Some(&names[..]),
            _ => None,
        };
        let read_timestamp = |slot: &mut Option<_>| -> Result<(), Error> {
            if let Some(names) = timestamp_names {
                *slot = Some(required(spec, headers, names)?);
            }
            Ok(())
        };
        let read_id = |slot: &mut Option<&'r str>| -> Result<(), Error> {
            if let Some(names) = &spec.message_id {
                *slot = Some(required(spec, headers, names)?.1);
            }
            Ok(())
        };
        let read_signature = || match signature_value {
            Some(value) => Ok(Found {
                key: &spec.signature_header[0],
                value,
                legacy: false,
            }),
            None => self.signature(spec, headers),
        };
        match spec.order {
            Order::SignatureFirst => {
                signature = read_signature()?;
                read_timestamp(&mut timestamp_header)?;
                read_id(&mut id)?;
            }
            Order::SignatureLast => {
                read_id(&mut id)?;
                read_timestamp(&mut timestamp_header)?;
                signature = read_signature()?;
            }
        }
        let found: Found<'r, '_> = signature;

        // The timestamp from its header, and the window if it comes first.
        let ts_spec = spec.timestamp.as_ref();
        let mut timestamp = None;
        if let (Some(ts), Some((key, text))) = (ts_spec, timestamp_header) {
            let value = parse_timestamp(ts, text)
                .ok_or_else(|| Error::malformed(key, Malformed::InvalidTimestamp))?;
            timestamp = Some((value, text));
        }
        let now = ts_spec.map(|_| clock.now());
        let check_window = |value: u64, ts: &TimestampSpec| match now {
            Some(now) => self.tolerance.check_millis(to_millis(value, ts.unit), now),
            None => Ok(()),
        };
        if let (Some(ts), Some((value, _))) = (ts_spec, timestamp)
            && ts.check == WindowCheck::First
        {
            check_window(value, ts)?;
        }

        // The signature header, which for key=value lists may hold the timestamp too.
        let (algorithm, prefix) = match (found.legacy, &spec.legacy) {
            (true, Some(legacy)) => (legacy.algorithm, Some(&legacy.prefix)),
            _ => (spec.algorithm, None),
        };
        let tag_len = algorithm.output_len();
        // One set, built in place (it is a few hundred bytes: moving it out of a `match` would
        // copy it on every request).
        let version: &str = match &spec.format {
            SignatureFormat::Prefixed { .. } => "",
            SignatureFormat::KeyValues { signature_key, .. } => signature_key,
            SignatureFormat::Versioned { version, .. } => version,
        };
        let mut signatures = Signatures::new(spec.encoding, tag_len, found.key, version);
        match &spec.format {
            SignatureFormat::Prefixed { prefix: main } => {
                let prefix = prefix.unwrap_or(main);
                let text = strip_prefix(found.value, prefix).ok_or_else(|| {
                    Error::malformed(
                        found.key,
                        Malformed::MissingPrefix {
                            expected: prefix.clone(),
                        },
                    )
                })?;
                signatures.push(text);
            }
            SignatureFormat::KeyValues {
                separator,
                trim,
                signature_key,
                pick,
                ..
            } => {
                let pick = *pick;
                let mut list = KeyValues::new(found.value, *separator);
                if *trim {
                    list = list.trimmed();
                }
                match ts_spec {
                    Some(
                        ts @ TimestampSpec {
                            source: TimestampSource::ListKey(ts_key),
                            ..
                        },
                    ) => {
                        let text = list
                            .timestamp_and_signatures(ts_key, signature_key, &mut signatures)
                            .map_err(|reason| Error::malformed(found.key, reason))?;
                        let value = parse_timestamp(ts, text).ok_or_else(|| {
                            Error::malformed(found.key, Malformed::InvalidTimestamp)
                        })?;
                        timestamp = Some((value, text));
                        if ts.check == WindowCheck::First {
                            check_window(value, ts)?;
                        }
                    }
                    _ => list
                        .values(signature_key)
                        .for_each(|text| signatures.push(text)),
                }
                signatures.pick(pick);
            }
            SignatureFormat::Versioned { version, labels } => {
                signatures.extend(versioned(found.value, version, *labels));
            }
        }

        if let (Some(ts), Some((value, _))) = (ts_spec, timestamp)
            && ts.check == WindowCheck::BeforeMac
        {
            // A malformed signature is the better answer (400) than a stale timestamp.
            check_window(value, ts).map_err(|late| signatures.malformed().unwrap_or(late))?;
        }

        // The signed content, in parts.
        let signed_timestamp = match (ts_spec, timestamp) {
            (Some(ts), Some((value, text))) => Some(match ts.signed {
                SignedForm::AsReceived => SignedTimestamp::Received(text),
                SignedForm::Canonical => SignedTimestamp::new(value, text),
            }),
            _ => None,
        };
        let mut parts: [&[u8]; MAX_PARTS] = [&[]; MAX_PARTS];
        for (slot, part) in parts.iter_mut().zip(spec.content.iter()) {
            *slot = match part {
                Part::Literal(bytes) => bytes,
                Part::Body => body,
                Part::Timestamp => signed_timestamp.as_ref().map_or(&[][..], |t| t.as_bytes()),
                Part::MessageId => id.unwrap_or_default().as_bytes(),
                // Other signed headers are read last, once the signature header parsed.
                Part::Header(key) => header::required(headers, key)?.as_bytes(),
            };
        }
        let ring = match (found.legacy, &self.legacy) {
            (true, Some(legacy)) => legacy,
            _ => &self.ring,
        };
        let secret = ring.find(&parts[..spec.content.len().min(MAX_PARTS)], &signatures)?;

        // A timestamp in the body is read once the body is known to be authentic.
        let mut body_timestamp = None;
        if let Some(
            ts @ TimestampSpec {
                source: TimestampSource::Body(paths),
                ..
            },
        ) = ts_spec
        {
            let value = paths.find_uint(body).ok_or_else(|| Error::MalformedBody {
                field: paths.describe().into(),
                reason: Malformed::InvalidTimestamp,
            })?;
            body_timestamp = Some(value);
            check_window(value, ts)?;
        }
        if let (Some(ts), Some((value, _))) = (ts_spec, timestamp)
            && ts.check == WindowCheck::AfterMac
        {
            check_window(value, ts)?;
        }

        // What the SDK requires besides the signature, and the delivery's metadata.
        let mut metadata = [None; MAX_METADATA];
        for (slot, meta) in metadata.iter_mut().zip(spec.metadata.iter()) {
            *slot = if meta.required {
                Some(header::non_empty(headers, &meta.header)?)
            } else {
                header::optional(headers, &meta.header)?
            };
        }
        let value_of = |source: &Source, slot: Option<u8>| match source {
            Source::MessageId => id,
            Source::Header(_) => {
                slot.and_then(|at| metadata.get(usize::from(at)).copied().flatten())
            }
            Source::None | Source::Body(_) => None,
        };
        let field = |source: &Source, slot| match source {
            Source::Body(paths) => Field::Body(paths.clone()),
            other => Field::header(value_of(other, slot)),
        };

        let timestamp = match (
            ts_spec,
            timestamp.map(|(value, _)| value).or(body_timestamp),
        ) {
            (Some(ts), Some(value)) => Some(UnixTime::from_millis(to_millis(value, ts.unit))),
            _ => None,
        };
        let [id_slot, idempotency_slot, event_type_slot] = plan.slots;
        // Built whole: assigning fields one by one would drop each default first.
        Ok(Verified {
            provider,
            secret,
            timestamp,
            id: value_of(&spec.id, id_slot).map(Into::into),
            event_type: field(&spec.event_type, event_type_slot),
            idempotency: field(&spec.idempotency, idempotency_slot),
            body: Body::Borrowed(body),
        })
    }

    /// The signature header, or the legacy one when it is absent and legacy is on.
    fn signature<'r, 's>(
        &self,
        spec: &'s Spec,
        headers: &'r dyn Headers,
    ) -> Result<Found<'r, 's>, Error> {
        let names = &spec.signature_header;
        if let Some((key, value)) = first(headers, names)? {
            if value.is_empty() && spec.empty_is_missing {
                return Err(Error::missing(&names[0]));
            }
            return Ok(Found {
                key,
                value,
                legacy: false,
            });
        }
        if let (Some(legacy), true) = (&spec.legacy, self.legacy_enabled)
            && let Some(value) = header::optional(headers, &legacy.header)?
        {
            return Ok(Found {
                key: &legacy.header,
                value,
                legacy: true,
            });
        }
        Err(Error::missing(&names[0]))
    }

    /// Signs `message` at `now` (unless it carries its own timestamp).
    pub(crate) fn sign(
        &self,
        message: &Message<'_>,
        now: UnixTime,
    ) -> Result<SignedHeaders, SignError> {
        let spec = &*self.spec;
        let id = match &spec.message_id {
            Some(_) => Some(checked_id(
                spec,
                message.id().ok_or(SignError::Missing("id"))?,
            )?),
            None => None,
        };
        let at = message.timestamp_or(now);
        let timestamp = spec.timestamp.as_ref().map(|ts| match ts.unit {
            TimeUnit::Seconds => Decimal::new(at.as_secs()).as_bytes().to_vec(),
            TimeUnit::Millis => Decimal::new(at.as_millis()).as_bytes().to_vec(),
            TimeUnit::Rfc3339 => format_rfc3339(at.as_secs()).into_bytes(),
        });
        let ts_text = timestamp.as_deref().unwrap_or_default();

        let mut parts: [&[u8]; MAX_PARTS] = [&[]; MAX_PARTS];
        for (slot, part) in parts.iter_mut().zip(spec.content.iter()) {
            *slot = match part {
                Part::Literal(bytes) => bytes,
                Part::Body => message.body(),
                Part::Timestamp => ts_text,
                Part::MessageId => id.unwrap_or_default().as_bytes(),
                Part::Header(_) => {
                    return Err(SignError::Invalid {
                        field: "content",
                        reason: "this scheme signs a header that a message does not carry",
                    });
                }
            };
        }
        let parts = &parts[..spec.content.len().min(MAX_PARTS)];

        let mut out = SignedHeaders::new();
        for meta in spec.metadata.iter() {
            if let Some(value) = meta_value(spec, meta, message)? {
                out.push(&meta.header, value);
            }
        }
        if let (Some(names), Some(id)) = (&spec.message_id, id) {
            out.push(&names[0], id);
        }
        let ts_string = String::from_utf8_lossy(ts_text).into_owned();
        if let Some(TimestampSpec {
            source: TimestampSource::Header(names),
            ..
        }) = &spec.timestamp
        {
            out.push(&names[0], ts_string.clone());
        }
        if let (Some(legacy), Some(ring), true) = (&spec.legacy, &self.legacy, self.legacy_enabled)
        {
            let tag = spec.encoding.encode(&ring.sign(parts));
            out.push(&legacy.header, format!("{}{tag}", legacy.prefix));
        }
        let count = if self.sign_with_all {
            self.ring.len()
        } else {
            1
        };
        let mut tags = self
            .ring
            .sign_all(parts)
            .take(count)
            .map(|tag| spec.encoding.encode(&tag));
        let value = match &spec.format {
            SignatureFormat::Prefixed { prefix } => {
                format!("{prefix}{}", tags.next().unwrap_or_default())
            }
            SignatureFormat::KeyValues {
                written_separator,
                signature_key,
                ..
            } => {
                let mut elements = Vec::new();
                if let Some(TimestampSpec {
                    source: TimestampSource::ListKey(key),
                    ..
                }) = &spec.timestamp
                {
                    elements.push(format!("{key}={ts_string}"));
                }
                elements.extend(tags.map(|tag| format!("{signature_key}={tag}")));
                elements.join(written_separator)
            }
            SignatureFormat::Versioned { version, .. } => tags
                .map(|tag| format!("{version},{tag}"))
                .collect::<Vec<_>>()
                .join(" "),
        };
        out.push(&spec.signature_header[0], value);
        Ok(out)
    }
}

/// `text` without `prefix`, compared byte by byte: prefixes are a few bytes (`sha256=`, `v0=`,
/// often none), which a `memcmp` call would take longer to set up than to compare. (The prefix
/// is valid UTF-8 and matched whole, so the cut falls on a character boundary.)
#[inline]
fn strip_prefix<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let (head, tail) = (text.as_bytes().get(..prefix.len())?, prefix.as_bytes());
    if head.iter().zip(tail).all(|(a, b)| a == b) {
        text.get(prefix.len()..)
    } else {
        None
    }
}

/// The first of `names` that is present, which must be usable and (where the spec says so)
/// non-empty; else the first name is reported missing.
#[inline]
fn required<'r, 's>(
    spec: &Spec,
    headers: &'r dyn Headers,
    names: &'s [HeaderKey],
) -> Result<(&'s HeaderKey, &'r str), Error> {
    match first(headers, names)? {
        Some((_, "")) if spec.empty_is_missing => Err(Error::missing(&names[0])),
        Some(found) => Ok(found),
        None => Err(Error::missing(&names[0])),
    }
}

/// The first of `names` that is present.
#[inline]
fn first<'r, 's>(
    headers: &'r dyn Headers,
    names: &'s [HeaderKey],
) -> Result<Option<(&'s HeaderKey, &'r str)>, Error> {
    for name in names {
        if let Some(value) = header::optional(headers, name)? {
            return Ok(Some((name, value)));
        }
    }
    Ok(None)
}

/// A timestamp in the spec's unit.
fn parse_timestamp(ts: &TimestampSpec, text: &str) -> Option<u64> {
    match (ts.unit, ts.parsing) {
        (TimeUnit::Rfc3339, _) => parse_rfc3339(text),
        (_, Parsing::Strict) => parse_unix(text),
        (_, Parsing::Lenient) => parse_unix_lenient(text),
    }
}

fn to_millis(value: u64, unit: TimeUnit) -> u64 {
    match unit {
        TimeUnit::Seconds | TimeUnit::Rfc3339 => value.saturating_mul(1000),
        TimeUnit::Millis => value,
    }
}

/// An id that can be signed: non-empty, no spaces or controls, and none of the characters the
/// content's literals frame it with (a `.` in `{id}.{ts}.{body}` would make another split).
fn checked_id<'m>(spec: &Spec, id: &'m str) -> Result<&'m str, SignError> {
    let framing = |c: char| {
        spec.content.iter().any(|part| match part {
            Part::Literal(bytes) => c.is_ascii() && bytes.contains(&(c as u8)),
            _ => false,
        })
    };
    if id.is_empty() || id.chars().any(|c| c == ' ' || c.is_control() || framing(c)) {
        return Err(SignError::Invalid {
            field: "id",
            reason: "must be non-empty, without spaces, controls or the signed content's separators",
        });
    }
    Ok(id)
}

/// The value signing writes into a metadata header: the message's id or event type where the
/// spec reads them from that header.
fn meta_value<'m>(
    spec: &Spec,
    meta: &Meta,
    message: &Message<'m>,
) -> Result<Option<&'m str>, SignError> {
    let carries = |source: &Source| matches!(source, Source::Header(key) if *key == meta.header);
    let value = if carries(&spec.id) || carries(&spec.idempotency) {
        (message.id(), "id")
    } else if carries(&spec.event_type) {
        (message.event_type(), "event type")
    } else {
        return Ok(None);
    };
    match value {
        (Some(value), _) => Ok(Some(value)),
        (None, what) if meta.required => Err(SignError::Missing(what)),
        (None, _) => Ok(None),
    }
}

/// A spec is usable when its parts and metadata fit the engine's bounds and every reference it
/// makes resolves: checked for configured specs, and by a test for the built-in ones.
pub(crate) fn validate(spec: &Spec) -> Result<(), &'static str> {
    if spec.signature_header.is_empty() {
        return Err("a signature header is needed");
    }
    if spec.content.is_empty() || spec.content.len() > MAX_PARTS {
        return Err("the signed content needs between 1 and 8 parts");
    }
    if spec.metadata.len() > MAX_METADATA {
        return Err("at most 8 metadata headers");
    }
    let has = |wanted: fn(&Part) -> bool| spec.content.iter().any(wanted);
    let body_timestamp = matches!(
        spec.timestamp,
        Some(TimestampSpec {
            source: TimestampSource::Body(_),
            ..
        })
    );
    let separate_timestamp = spec.timestamp.is_some() && !body_timestamp;
    if has(|p| matches!(p, Part::Timestamp)) != separate_timestamp {
        return Err(
            "a timestamp header or list element is signed exactly when the scheme has one (a body timestamp is signed with the body)",
        );
    }
    if let Some(ts) = &spec.timestamp {
        if body_timestamp && ts.check != WindowCheck::AfterMac {
            return Err("a body timestamp is checked after the MAC");
        }
        if ts.unit == TimeUnit::Rfc3339 && ts.signed == SignedForm::Canonical {
            return Err("an RFC 3339 timestamp is signed as received");
        }
    }
    if has(|p| matches!(p, Part::MessageId)) != spec.message_id.is_some() {
        return Err("a message id is signed exactly when the scheme has one");
    }
    if matches!(spec.message_id.as_deref(), Some([])) {
        return Err("the message id needs a header");
    }
    match (&spec.format, spec.timestamp.as_ref().map(|t| &t.source)) {
        (SignatureFormat::KeyValues { .. }, _)
        | (_, None | Some(TimestampSource::Header(_) | TimestampSource::Body(_))) => {}
        (_, Some(TimestampSource::ListKey(_))) => {
            return Err("a timestamp list key needs a key=value signature header");
        }
    }
    if let Some(TimestampSpec {
        source: TimestampSource::Header(names),
        ..
    }) = &spec.timestamp
        && names.is_empty()
    {
        return Err("the timestamp needs a header");
    }
    if matches!(spec.id, Source::Body(_)) {
        // `Verified::id` is what a header says; a body field can be the idempotency key.
        return Err("the id comes from a header or the message id, not the body");
    }
    for source in [&spec.id, &spec.idempotency, &spec.event_type] {
        match source {
            Source::Header(key) if !spec.metadata.iter().any(|m| m.header == *key) => {
                return Err("a metadata source must be one of the metadata headers");
            }
            Source::MessageId if spec.message_id.is_none() => {
                return Err("the message id is a source only when the scheme has one");
            }
            _ => {}
        }
    }
    if spec.algorithm.output_len() > crate::scheme::tag::MAX_TAG_LEN {
        return Err("the algorithm's tag is too long");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_stripped_whole() {
        assert_eq!(strip_prefix("sha256=ab", "sha256="), Some("ab"));
        assert_eq!(strip_prefix("ab", ""), Some("ab"));
        assert_eq!(strip_prefix("sha1=ab", "sha256="), None);
        assert_eq!(strip_prefix("sha", "sha256="), None);
        assert_eq!(strip_prefix("é=x", "é="), Some("x"));
    }

    /// Every built-in spec is one the engine accepts from a configuration.
    #[test]
    fn built_in_specs_are_valid() {
        for entry in crate::provider::REGISTRY {
            if let Some(spec) = entry.spec() {
                assert_eq!(validate(spec), Ok(()), "{}", entry.id());
            }
        }
    }
}
