//! An independent interpreter of the `Spec` vocabulary (`hooksign::provider::spec`): what a
//! delivery of a spec provider must give, written from the vocabulary's rustdoc and the
//! providers' SDKs, sharing no code with `src/scheme/` (its own header lookup, list parsing,
//! timestamp parsing, window, codecs and HMAC; `hooksign` is only read for the spec's data).
//!
//! The pipeline, and where each rule comes from:
//!
//! 1. **Look-ups**, in [`Order`] (signature first: signature, timestamp, message id; signature
//!    last: id, timestamp, signature); the `Part::Header` headers only at the MAC (step 4).
//!    Each is the first of
//!    its names that is present; absent (all names) is `missing_header`, repeated with
//!    different values or over 4 KiB is `malformed_header`; with `empty_is_missing` an empty
//!    value is `missing_header` and does not fall back to the next name (the svix libraries:
//!    `headers.get("svix-id") ?? headers.get("webhook-id")` only falls back on absence). The
//!    legacy header is looked up only when every main signature name is absent and the legacy
//!    option is on (GitHub, octokit v4).
//!    These look-ups come before any parsing, as the Standard Webhooks libraries check
//!    `if not (msg_id and msg_timestamp and msg_signature)` first.
//! 2. **Parsing** the signature header ([`SignatureFormat`]): a prefixed value must start with
//!    its prefix; a `key=value` list is split on its separator, each element at its first `=`
//!    (trimmed if asked), a bare signature key is malformed, `Pick` keeps all, the first or the
//!    last signature (Paddle, ElevenLabs), the timestamp element (`ListKey`) must be present,
//!    never bare, and
//!    all its repeats equal (stripe-python raises "Unable to extract timestamp" before "No
//!    signatures found"), more than 16 candidates is malformed, none is `no_signature`; a
//!    versioned list is split on single spaces and read as its [`Labels`] rule says
//!    ([`versioned_entry`]): under `Exact` the version's `v,sig` entries count, other labels
//!    are skipped and an entry that is not exactly `v,sig` ends the list (the Python library's
//!    `version, sig = entry.split(",")` raises there, after having compared the entries before
//!    it), none before it is `malformed_header` if it was cut short else `no_signature`; under
//!    `ExactOrBare` the version's entries and bare (comma-less, non-empty) entries count and
//!    anything else is skipped (OpenAI's SDKs); under `Any` the signature of every entry with
//!    exactly one comma counts and anything else is skipped (Replicate's SDK). The timestamp
//!    is parsed strictly (1 to 19 ASCII digits) or leniently (surrounding ASCII whitespace and a
//!    digit fraction ignored); an RFC 3339 one ([`rfc3339_secs`]: `TimeUnit::Rfc3339` and
//!    `src/time.rs`'s documentation) strictly whatever `Parsing` says, signed as received,
//!    its fraction dropped. A body timestamp (`TimestampSource::Body`) is not read here.
//! 3. **Window** ([`WindowCheck`]): `First` right after the timestamp parses, before the
//!    signature header is parsed; `BeforeMac` after parsing, once a header that cannot hold a
//!    matching signature is reported as malformed (Slack: a malformed signature wins over a stale
//!    timestamp), but before a well-formed header without a candidate is `no_signature`;
//!    `AfterMac` after a match. Compared in milliseconds, inclusive bounds. A body
//!    timestamp is read after the MAC matched and its window checked then, whatever `check`
//!    says: the first path holding a JSON integer in `u64` or a string of ASCII digits
//!    ([`body_uint`], the body parsed whole as `JSON.parse` does), else `malformed_body`.
//! 4. **MAC**: the `Part::Header` headers are looked up (absent → `missing_header`, repeated
//!    or over-long → `malformed_header`), after parsing and any window before the MAC (found by
//!    the fuzzer: the engine's order, which the documentation leaves open); then the HMAC of the
//!    parts under each secret's key, in set order; the first secret whose
//!    canonical encoding equals a candidate's text (case-insensitively for `HexAnyCase`) wins.
//!    No match: `malformed_header` if the list was cut short or no candidate decodes to a tag of
//!    the algorithm's length, else `signature_mismatch`.
//! 5. **Metadata** headers, after the MAC: repeated/over-long is malformed; a required one
//!    absent is missing, empty is malformed.
//! 6. **Accepted**: the secret index, the timestamp, and id / event type / idempotency key from
//!    their [`Source`]: a header's value, the message id, or the string at the first JSON path
//!    that holds one in a body that is JSON (parsed whole, as `JSON.parse`/`json.loads` do).
//!
//! Choices the documentation leaves open, made here; no registry entry reaches them, the
//! table target's fuzz-local custom specs do (header parts, required metadata after a body
//! timestamp's window, `BeforeMac` with an `Exact` list): an empty
//! `Part::Header` value is signed as empty; a required metadata header that is empty is
//! malformed (absent is missing); metadata is checked after an `AfterMac` window; under
//! `BeforeMac` a malformed signature (no candidate decodes, or a list cut short) is reported
//! instead of a failed window, and with the window passed the MAC decides (an entry before the
//! cut may match), as the engine does, while a header with no candidate at all (`no_signature`) is reported
//! after the window (it is no malformed signature: found by the fuzzer against the engine,
//! which reads it so);
//! the legacy header is used only when the main one is absent, not empty;
//! under the lax label rules an empty entry (a doubled space) and one with two commas are
//! skipped, not candidates; a body timestamp is read before the metadata headers.

use hooksign::provider::spec::{
    Algorithm, Encoding, Labels, Meta, Order, Parsing, Part, Pick, SecretFormat, SignatureFormat,
    SignedForm, Source, Spec, TimeUnit, TimestampSource, WindowCheck,
};
use hooksign::{ErrorKind, HeaderKey, Tolerance, UnixTime};

use crate::codec::{hmac, reference_decode, reference_encode};
use crate::{Lookup, MAX_SIGNATURES, lookup};

/// A provider as the reference sees it: its spec and the options it was built with.
#[derive(Debug, Clone)]
pub struct Case<'s> {
    /// The registry id (idempotency keys are scoped by it).
    pub id: &'s str,
    /// The scheme.
    pub spec: &'s Spec,
    /// Whether the legacy header is accepted.
    pub legacy: bool,
    /// The window in force (the option's, else the spec's default).
    pub tolerance: Option<Tolerance>,
}

/// What an accepted delivery reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    /// The first secret of the set that matched.
    pub secret: usize,
    /// The signed timestamp, in milliseconds since the epoch (saturated as `UnixTime` does).
    pub timestamp_millis: Option<u64>,
    /// `Verified::id`.
    pub id: Option<String>,
    /// `Verified::event_type`.
    pub event_type: Option<String>,
    /// `Verified::idempotency_key`.
    pub idempotency_key: Option<String>,
}

/// The reference verdict, and every expected signature it computed (they must never appear
/// in an error or `Debug` text).
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Accepted, or the error kind.
    pub verdict: Result<Accepted, ErrorKind>,
    /// The canonical texts of every computed tag.
    pub expected: Vec<String>,
    /// Which body fields were read from a body whose JSON the SDKs and a streaming reader may
    /// disagree on (duplicate keys, data after the value, not UTF-8): see `body_string`.
    pub body_ambiguous: Ambiguous,
}

/// Which of the body-sourced fields are ambiguous.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ambiguous {
    /// `Verified::event_type`.
    pub event_type: bool,
    /// `Verified::idempotency_key`.
    pub idempotency_key: bool,
    /// A body timestamp (`TimestampSource::Body`), and so the verdict itself.
    pub timestamp: bool,
}

/// The HMAC key of a secret as issued, per [`SecretFormat`]; `None` if the provider must refuse
/// it at construction.
pub fn key_of(format: &SecretFormat, secret: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    let base64_key = |b64: &str| {
        // Padding optional; trailing bits are not checked (issue 9 (8b): the Python
        // reference library's `b64decode` accepts them).
        let b64 = b64.trim_end_matches('=');
        let engine = base64::engine::GeneralPurpose::new(
            &base64::alphabet::STANDARD,
            base64::engine::GeneralPurposeConfig::new()
                .with_decode_allow_trailing_bits(true)
                .with_decode_padding_mode(base64::engine::DecodePaddingMode::RequireNone),
        );
        engine.decode(b64).ok().filter(|k| !k.is_empty())
    };
    match format {
        SecretFormat::Text => (!secret.is_empty()).then(|| secret.as_bytes().to_vec()),
        SecretFormat::Base64 { prefix } => {
            base64_key(secret.strip_prefix(prefix.as_ref()).unwrap_or(secret))
        }
        SecretFormat::Hex => hex::decode(secret).ok().filter(|k| !k.is_empty()),
        // OpenAI's SDKs: `secret.startsWith('whsec_') ? base64(rest) : utf8(secret)`.
        SecretFormat::Base64OrText { prefix } => match secret.strip_prefix(prefix.as_ref()) {
            Some(b64) if !prefix.is_empty() => base64_key(b64),
            _ => (!secret.is_empty()).then(|| secret.as_bytes().to_vec()),
        },
        other => panic!("the reference does not model {other:?}: extend fuzz/src/reference.rs"),
    }
}

/// Whether this interpreter models every element `spec` uses; if not, which one it lacks.
///
/// The table target asserts this when it starts, so that a provider built on vocabulary the
/// reference does not know fails every input at once with this message, rather than being
/// compared against a guess.
pub fn unmodelled_in(spec: &Spec) -> Option<String> {
    let known_algorithm = |a: Algorithm| {
        matches!(
            a,
            Algorithm::Sha1 | Algorithm::Sha256 | Algorithm::Sha384 | Algorithm::Sha512
        )
    };
    if !known_algorithm(spec.algorithm)
        || spec
            .legacy
            .as_ref()
            .is_some_and(|l| !known_algorithm(l.algorithm))
    {
        return Some(format!("{:?}", spec.algorithm));
    }
    if !crate::codec::ENCODINGS.contains(&spec.encoding) {
        return Some(format!("{:?}", spec.encoding));
    }
    if !matches!(
        spec.secret,
        SecretFormat::Text
            | SecretFormat::Base64 { .. }
            | SecretFormat::Hex
            | SecretFormat::Base64OrText { .. }
    ) {
        return Some(format!("{:?}", spec.secret));
    }
    if !matches!(
        spec.format,
        SignatureFormat::Prefixed { .. }
            | SignatureFormat::KeyValues {
                pick: Pick::All | Pick::First | Pick::Last,
                ..
            }
            | SignatureFormat::Versioned {
                labels: Labels::Exact | Labels::ExactOrBare | Labels::Any,
                ..
            }
    ) {
        return Some(format!("{:?}", spec.format));
    }
    if !matches!(spec.order, Order::SignatureFirst | Order::SignatureLast) {
        return Some(format!("{:?}", spec.order));
    }
    for part in spec.content.iter() {
        if !matches!(
            part,
            Part::Literal(_) | Part::Body | Part::Timestamp | Part::MessageId | Part::Header(_)
        ) {
            return Some(format!("{part:?}"));
        }
    }
    for source in [&spec.id, &spec.idempotency, &spec.event_type] {
        if !matches!(
            source,
            Source::None | Source::MessageId | Source::Header(_) | Source::Body(_)
        ) {
            return Some(format!("{source:?}"));
        }
    }
    if let Some(t) = &spec.timestamp {
        let body = matches!(t.source, TimestampSource::Body(_));
        // A body field is a number (or digits): an RFC 3339 text there is not described, and
        // a body timestamp inside the signed content would be read before the MAC.
        let modelled = matches!(
            t.source,
            TimestampSource::Header(_) | TimestampSource::ListKey(_) | TimestampSource::Body(_)
        ) && matches!(
            t.unit,
            TimeUnit::Seconds | TimeUnit::Millis | TimeUnit::Rfc3339
        ) && !(body && t.unit == TimeUnit::Rfc3339)
            && !(body && spec.content.iter().any(|p| matches!(p, Part::Timestamp)))
            && matches!(t.parsing, Parsing::Strict | Parsing::Lenient)
            && matches!(t.signed, SignedForm::AsReceived | SignedForm::Canonical)
            && matches!(
                t.check,
                WindowCheck::First | WindowCheck::BeforeMac | WindowCheck::AfterMac
            );
        if !modelled {
            return Some(format!("{t:?}"));
        }
    }
    None
}

type Step<T> = Result<T, ErrorKind>;

const MALFORMED: ErrorKind = ErrorKind::MalformedHeader;

/// The first of `names` present in `headers` (absent only if all are).
fn first_present<'h>(headers: &'h [(String, String)], names: &[HeaderKey]) -> Lookup<'h> {
    for name in names {
        match lookup(headers, name.as_str()) {
            Lookup::Absent => continue,
            found => return found,
        }
    }
    Lookup::Absent
}

/// A header read before the MAC: its value, or why there is none.
fn read<'h>(found: Lookup<'h>, empty_is_missing: bool) -> Step<&'h str> {
    match found {
        Lookup::Absent => Err(ErrorKind::MissingHeader),
        Lookup::Unusable => Err(MALFORMED),
        Lookup::One("") if empty_is_missing => Err(ErrorKind::MissingHeader),
        Lookup::One(v) => Ok(v),
    }
}

/// The received candidates of one signature header.
struct Candidates<'h> {
    texts: Vec<&'h str>,
    /// A malformed element ended the list (versioned lists).
    cut_short: bool,
}

/// What a `key=value` list holds.
struct KeyValueList<'h> {
    timestamp: Option<Step<&'h str>>,
    signatures: Step<Candidates<'h>>,
}

fn parse_key_values<'h>(
    value: &'h str,
    separator: char,
    trim: bool,
    signature_key: &str,
    timestamp_key: Option<&str>,
    pick: Pick,
) -> KeyValueList<'h> {
    let mut texts = Vec::new();
    let mut ts: Option<Step<&'h str>> = None;
    let mut bare_signature = false;
    for element in value.split(separator) {
        let element = if trim {
            element.trim_matches(|c: char| c.is_ascii_whitespace())
        } else {
            element
        };
        let (key, val) = match element.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (element, None),
        };
        if Some(key) == timestamp_key {
            ts = Some(match (ts, val) {
                (Some(Err(e)), _) => Err(e),
                (_, None) => Err(MALFORMED),
                (None, Some(v)) => Ok(v),
                (Some(Ok(first)), Some(v)) if first == v => Ok(first),
                (Some(Ok(_)), Some(_)) => Err(MALFORMED),
            });
        }
        if key == signature_key {
            match val {
                Some(v) => texts.push(v),
                // A bare signature key: stripe-python's `i[1]` raises "Unable to extract
                // timestamp and signatures from header" on it.
                None => bare_signature = true,
            }
        }
    }
    // `Pick`: only the first or last element under the key is compared (ElevenLabs' SDK reads
    // the first `v0`, Paddle's keeps the last `h1`); the bound applies to those that count.
    match pick {
        Pick::All => {}
        Pick::First => texts.truncate(1),
        Pick::Last => {
            let last = texts.pop();
            texts = last.into_iter().collect();
        }
        other => unmodelled(&other),
    }
    let signatures = if bare_signature || texts.len() > MAX_SIGNATURES {
        Err(MALFORMED)
    } else if texts.is_empty() {
        Err(ErrorKind::NoSignature)
    } else {
        Ok(Candidates {
            texts,
            cut_short: false,
        })
    };
    let timestamp = timestamp_key.map(|_| ts.unwrap_or(Err(MALFORMED)));
    KeyValueList {
        timestamp,
        signatures,
    }
}

/// One entry of a versioned list as a label rule sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionedEntry<'h> {
    /// A candidate signature.
    Candidate(&'h str),
    /// Not a candidate (another label, or under a lax rule an entry it cannot use).
    Skipped,
    /// Malformed under `Labels::Exact`: the list ends here.
    Malformed,
}

/// How `labels` reads one space-separated entry of a versioned list (written from the
/// `Labels` rustdoc):
/// - `Exact`: `label,signature` with exactly one comma; the version's signatures count,
///   other labels are skipped; anything else (no comma, two commas, empty) is malformed;
/// - `ExactOrBare`: the version's `label,signature` entries and bare entries (no comma, not
///   empty) count; other labels and entries it cannot use (two commas, empty) are skipped;
/// - `Any`: the signature of every `label,signature` entry (exactly one comma), whatever the
///   label; bare, empty and two-comma entries are skipped.
pub fn versioned_entry<'h>(entry: &'h str, version: &str, labels: Labels) -> VersionedEntry<'h> {
    let mut pieces = entry.split(',');
    let (first, second, third) = (pieces.next(), pieces.next(), pieces.next());
    match (labels, first, second, third) {
        (Labels::Exact, Some(v), Some(sig), None) if v == version => VersionedEntry::Candidate(sig),
        (Labels::Exact, Some(_), Some(_), None) => VersionedEntry::Skipped,
        (Labels::Exact, ..) => VersionedEntry::Malformed,
        (Labels::ExactOrBare, Some(v), Some(sig), None) if v == version => {
            VersionedEntry::Candidate(sig)
        }
        (Labels::ExactOrBare, Some(bare), None, None) if !bare.is_empty() => {
            VersionedEntry::Candidate(bare)
        }
        (Labels::ExactOrBare, ..) => VersionedEntry::Skipped,
        (Labels::Any, Some(_), Some(sig), None) => VersionedEntry::Candidate(sig),
        (Labels::Any, ..) => VersionedEntry::Skipped,
        (other, ..) => unmodelled(&other),
    }
}

fn parse_versioned<'h>(value: &'h str, version: &str, labels: Labels) -> Step<Candidates<'h>> {
    let mut texts = Vec::new();
    let mut cut_short = false;
    for entry in value.split(' ') {
        match versioned_entry(entry, version, labels) {
            VersionedEntry::Candidate(sig) => texts.push(sig),
            VersionedEntry::Skipped => {}
            VersionedEntry::Malformed => {
                cut_short = true;
                break;
            }
        }
    }
    if texts.len() > MAX_SIGNATURES {
        Err(MALFORMED)
    } else if texts.is_empty() {
        Err(if cut_short {
            MALFORMED
        } else {
            ErrorKind::NoSignature
        })
    } else {
        Ok(Candidates { texts, cut_short })
    }
}

/// 1 to 19 ASCII digits (`Parsing::Strict`).
pub fn strict_number(text: &str) -> Option<u64> {
    if text.is_empty() || text.len() > 19 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// `Parsing::Lenient`: surrounding ASCII whitespace and a fraction of digits ignored.
pub fn lenient_number(text: &str) -> Option<u64> {
    let text = text.trim_matches(|c: char| c.is_ascii_whitespace());
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    strict_number(whole)
}

/// An RFC 3339 date-time as Unix seconds, as `TimeUnit::Rfc3339` and `hooksign`'s time
/// documentation describe it: `YYYY-MM-DD`, `T` or `t`, `HH:MM:SS` (ASCII digits, each field
/// in range, the day in its month), an optional `.` and one or more digits (dropped), then `Z`
/// (or `z`, which RFC 3339 §5.6 allows as it allows `t`) or `+HH:MM` / `-HH:MM`; no date
/// before 1970 as written, and no instant before the epoch. Leap seconds (`:60`) are not
/// accepted.
pub fn rfc3339_secs(text: &str) -> Option<u64> {
    let b = text.as_bytes();
    let digits = |at: usize, n: usize| -> Option<i64> {
        let field = b.get(at..at + n)?;
        field.iter().try_fold(0i64, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
        })
    };
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    let year = digits(0, 4)?;
    let month = digits(5, 2)?;
    let day = digits(8, 2)?;
    let hour = digits(11, 2)?;
    let minute = digits(14, 2)?;
    let second = digits(17, 2)?;
    if !(at(4, b'-') && at(7, b'-') && (at(10, b'T') || at(10, b't')) && at(13, b':'))
        || !at(16, b':')
    {
        return None;
    }
    // "No date before 1970" (`src/time.rs`): the date as written, whatever the offset, so
    // `1969-12-31T16:00:01-08:00` (one second after the epoch) is refused too; and an instant
    // before the epoch (`1970-01-01T00:30:00+01:00`) has no Unix seconds.
    if year < 1970 {
        return None;
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let month_days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    // RFC 3339 §5.6 allows a leap second, `:60`; Unix time has none, so it is the next
    // minute's first (the documented reading).
    if !(1..=month_days).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut i = 19;
    if at(i, b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    let offset = match b.get(i) {
        // RFC 3339 §5.6: "T" and "Z" may alternatively be lower case.
        Some(b'Z' | b'z') if b.len() == i + 1 => 0,
        Some(&sign @ (b'+' | b'-')) if b.len() == i + 6 && at(i + 3, b':') => {
            let (h, m) = (digits(i + 1, 2)?, digits(i + 4, 2)?);
            if h > 23 || m > 59 {
                return None;
            }
            let minutes = h * 60 + m;
            if sign == b'+' { minutes } else { -minutes }
        }
        _ => return None,
    };
    // Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
    let (y, m) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset * 60;
    u64::try_from(secs).ok()
}

/// Unix seconds as `YYYY-MM-DDTHH:MM:SSZ` (the inverse of [`rfc3339_secs`] for UTC; years
/// past 9999 are not RFC 3339 and give `None`).
pub fn rfc3339_text(secs: u64, offset_minutes: i64, fraction: &str) -> Option<String> {
    let local = i64::try_from(secs).ok()? + offset_minutes * 60;
    let days = local.div_euclid(86_400);
    let rem = local.rem_euclid(86_400);
    // H. Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    if !(0..=9999).contains(&year) {
        return None;
    }
    let zone = if offset_minutes == 0 {
        "Z".to_owned()
    } else {
        let sign = if offset_minutes < 0 { '-' } else { '+' };
        let m = offset_minutes.abs();
        format!("{sign}{:02}:{:02}", m / 60, m % 60)
    };
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}{fraction}{zone}",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    ))
}

/// The non-negative integer at the first of `paths` that holds one, as `TimestampSource::Body`
/// reads it: a JSON number that is an integer in `u64`, or a string of 1 to 19 ASCII digits
/// (leading zeros allowed; `Parsing` does not apply); the body
/// read whole as the SDKs' `JSON.parse` does (the last of repeated keys wins, trailing data is
/// not JSON: `src/body_field.rs` documents the same). The flag says whether the body is not
/// UTF-8, which `json.loads(bytes)` refuses but a reader skipping strings may not (README: D1).
pub fn body_uint(body: &[u8], paths: &[Vec<&str>]) -> (Option<u64>, bool) {
    use serde::Deserialize as _;
    let ambiguous = std::str::from_utf8(body).is_err();
    let mut de = serde_json::Deserializer::from_slice(body);
    let Ok(value) = serde_json::Value::deserialize(&mut de) else {
        return (None, ambiguous);
    };
    if de.end().is_err() {
        return (None, ambiguous);
    }
    let found = paths.iter().find_map(|path| {
        let mut v = &value;
        for key in path {
            v = v.get(key)?;
        }
        match v {
            serde_json::Value::Number(n) => n.as_u64(),
            // "A string of digits": 1 to 19 of them, the crate's rule for unix timestamps in
            // text (`src/time.rs`: "ASCII digits only, at most 19 of them"), whatever
            // `Parsing` says.
            serde_json::Value::String(s) => strict_number(s),
            _ => None,
        }
    });
    (found, ambiguous)
}

/// The window: `Some(kind)` when the timestamp (milliseconds, exact) is outside it.
fn outside(tolerance: Option<Tolerance>, ts_millis: u128, now: UnixTime) -> Option<ErrorKind> {
    let tolerance = tolerance?;
    let now = u128::from(now.as_millis());
    if let Some(past) = tolerance.past_secs {
        if now.saturating_sub(ts_millis) > u128::from(past) * 1000 {
            return Some(ErrorKind::TimestampTooOld);
        }
    }
    if let Some(future) = tolerance.future_secs {
        if ts_millis.saturating_sub(now) > u128::from(future) * 1000 {
            return Some(ErrorKind::TimestampTooNew);
        }
    }
    None
}

/// The verdict of `case` on a delivery, with `keys[i]` the HMAC key of secret `i`.
pub fn verify(
    case: &Case<'_>,
    keys: &[Vec<u8>],
    headers: &[(String, String)],
    body: &[u8],
    now: UnixTime,
) -> Outcome {
    let mut expected = Vec::new();
    let mut body_ambiguous = Ambiguous::default();
    let verdict = run(
        case,
        keys,
        headers,
        body,
        now,
        &mut expected,
        &mut body_ambiguous,
    );
    Outcome {
        verdict,
        expected,
        body_ambiguous,
    }
}

/// The signature header in use: which one, how it is laid out, under which algorithm.
struct SignatureHeader<'h, 's> {
    value: &'h str,
    format: SignatureFormat,
    algorithm: Algorithm,
    _spec: &'s Spec,
}

#[allow(clippy::too_many_arguments)]
fn run(
    case: &Case<'_>,
    keys: &[Vec<u8>],
    headers: &[(String, String)],
    body: &[u8],
    now: UnixTime,
    expected: &mut Vec<String>,
    body_ambiguous: &mut Ambiguous,
) -> Step<Accepted> {
    let spec = case.spec;
    let empty = spec.empty_is_missing;

    // 1. Look-ups, in the spec's order.
    let signature_lookup = || -> Step<SignatureHeader<'_, '_>> {
        let main = first_present(headers, &spec.signature_header);
        if let (Lookup::Absent, true, Some(legacy)) = (main, case.legacy, spec.legacy.as_ref()) {
            let value = read(lookup(headers, legacy.header.as_str()), empty)?;
            return Ok(SignatureHeader {
                value,
                format: prefixed(&legacy.prefix),
                algorithm: legacy.algorithm,
                _spec: spec,
            });
        }
        Ok(SignatureHeader {
            value: read(main, empty)?,
            format: spec.format.clone(),
            algorithm: spec.algorithm,
            _spec: spec,
        })
    };
    let ts_header = match spec.timestamp.as_ref().map(|t| &t.source) {
        Some(TimestampSource::Header(names)) => Some(&names[..]),
        Some(TimestampSource::ListKey(_) | TimestampSource::Body(_)) | None => None,
        Some(other) => unmodelled(other),
    };
    let timestamp_lookup = || -> Step<Option<&str>> {
        match ts_header {
            Some(names) => read(first_present(headers, names), empty).map(Some),
            None => Ok(None),
        }
    };
    let id_lookup = || -> Step<Option<&str>> {
        match &spec.message_id {
            Some(names) => read(first_present(headers, names), empty).map(Some),
            None => Ok(None),
        }
    };
    let (signature, ts_text, message_id) = match spec.order {
        Order::SignatureFirst => {
            let s = signature_lookup()?;
            let t = timestamp_lookup()?;
            let i = id_lookup()?;
            (s, t, i)
        }
        Order::SignatureLast => {
            let i = id_lookup()?;
            let t = timestamp_lookup()?;
            let s = signature_lookup()?;
            (s, t, i)
        }
        other => unmodelled(&other),
    };

    // 2. Parsing, with the window where the spec puts it.
    let ts_spec = spec.timestamp.as_ref();
    let list_key = match ts_spec.map(|t| &t.source) {
        Some(TimestampSource::ListKey(k)) => Some(k.as_ref()),
        _ => None,
    };
    let (candidates, ts_text): (Step<Candidates<'_>>, Option<Step<&str>>) = match &signature.format
    {
        SignatureFormat::Prefixed { prefix } => (
            signature
                .value
                .strip_prefix(prefix.as_ref())
                .map(|sig| Candidates {
                    texts: vec![sig],
                    cut_short: false,
                })
                .ok_or(MALFORMED),
            ts_text.map(Ok),
        ),
        SignatureFormat::KeyValues {
            separator,
            trim,
            signature_key,
            pick,
            ..
        } => {
            let list = parse_key_values(
                signature.value,
                *separator,
                *trim,
                signature_key,
                list_key,
                *pick,
            );
            (list.signatures, list.timestamp.or(ts_text.map(Ok)))
        }
        SignatureFormat::Versioned { version, labels } => (
            parse_versioned(signature.value, version, *labels),
            ts_text.map(Ok),
        ),
        other => unmodelled(other),
    };
    if list_key.is_some() && !matches!(signature.format, SignatureFormat::KeyValues { .. }) {
        // A list key without a list: no valid spec does this (`Spec::validate` refuses it).
        unmodelled::<_, ()>(&spec.timestamp);
    }
    // The parsed timestamp: (value in its unit, the text signed).
    let parse_ts = || -> Step<Option<(u64, String)>> {
        let (Some(ts), Some(text)) = (ts_spec, ts_text.clone()) else {
            return Ok(None);
        };
        let text = text?;
        // RFC 3339: parsed strictly whatever `parsing` says, signed as received (`TimeUnit`'s
        // rustdoc); the value kept is whole seconds.
        if ts.unit == TimeUnit::Rfc3339 {
            return Ok(Some((
                rfc3339_secs(text).ok_or(MALFORMED)?,
                text.to_owned(),
            )));
        }
        let n = match ts.parsing {
            Parsing::Strict => strict_number(text),
            Parsing::Lenient => lenient_number(text),
            other => unmodelled(&other),
        }
        .ok_or(MALFORMED)?;
        let signed = match ts.signed {
            SignedForm::AsReceived => text.to_owned(),
            SignedForm::Canonical => n.to_string(),
            other => unmodelled(&other),
        };
        Ok(Some((n, signed)))
    };
    let millis = |n: u64| -> u128 {
        match ts_spec.map(|t| t.unit) {
            Some(TimeUnit::Seconds | TimeUnit::Rfc3339) => u128::from(n) * 1000,
            Some(TimeUnit::Millis) => u128::from(n),
            other => unmodelled(&other),
        }
    };
    let window = |ts: &Option<(u64, String)>| -> Step<()> {
        match ts {
            Some((n, _)) => outside(case.tolerance, millis(*n), now).map_or(Ok(()), Err),
            None => Ok(()),
        }
    };
    let tag_len = signature.algorithm.output_len();
    let undecodable = |c: &Candidates<'_>| {
        c.cut_short
            || c.texts
                .iter()
                .all(|t| reference_decode(spec.encoding, t, tag_len).is_err())
    };
    // A body timestamp is read after the signature matched, so its window comes after the MAC
    // whatever `check` says (`TimestampSource::Body`'s rustdoc).
    let body_ts = match ts_spec.map(|t| &t.source) {
        Some(TimestampSource::Body(paths)) => Some(paths),
        _ => None,
    };
    let check = match body_ts {
        Some(_) => Some(WindowCheck::AfterMac),
        None => ts_spec.map(|t| t.check),
    };
    // A list's timestamp element is read before its signatures (stripe-python raises "Unable
    // to extract timestamp and signatures" before "No signatures found"); a timestamp header is
    // parsed in the spec's `Order`.
    let ts_first = spec.order == Order::SignatureLast || list_key.is_some();
    let (candidates, ts) = match check {
        Some(WindowCheck::First) => {
            let ts = parse_ts()?;
            window(&ts)?;
            (candidates?, ts)
        }
        Some(WindowCheck::BeforeMac) => {
            // A header with no candidate is not a malformed signature, the one thing
            // `BeforeMac` reports ahead of the window: the window comes first, then
            // `no_signature` (the engine's reading too; the documentation leaves it open).
            if matches!(candidates, Err(ErrorKind::NoSignature)) {
                window(&parse_ts()?)?;
                return Err(ErrorKind::NoSignature);
            }
            let (c, ts) = parse_in_order(ts_first, candidates, parse_ts)?;
            // A malformed signature is reported rather than a stale timestamp; with the
            // window passed, it is the MAC's to report (after the header parts' look-ups).
            if let Err(stale) = window(&ts) {
                return Err(if undecodable(&c) { MALFORMED } else { stale });
            }
            (c, ts)
        }
        Some(WindowCheck::AfterMac) | None => parse_in_order(ts_first, candidates, parse_ts)?,
        Some(other) => unmodelled(&other),
    };

    // 4. The MAC, over the signed header parts looked up now: after parsing and any window
    // before the MAC (the engine's order; the documentation leaves it open, `Order` naming
    // only the signature, timestamp and id).
    let mut header_parts = Vec::new();
    for part in spec.content.iter() {
        if let Part::Header(key) = part {
            header_parts.push(read(lookup(headers, key.as_str()), false)?);
        }
    }
    let mut parts: Vec<&[u8]> = Vec::new();
    let mut header_parts = header_parts.into_iter();
    for part in spec.content.iter() {
        parts.push(match part {
            Part::Literal(bytes) => bytes,
            Part::Body => body,
            Part::Timestamp => match &ts {
                Some((_, text)) => text.as_bytes(),
                None => unmodelled(part),
            },
            Part::MessageId => match message_id {
                Some(id) => id.as_bytes(),
                None => unmodelled(part),
            },
            Part::Header(_) => header_parts.next().unwrap_or_default().as_bytes(),
            other => unmodelled(other),
        });
    }
    let received: Vec<String> = candidates
        .texts
        .iter()
        .map(|t| {
            if spec.encoding == Encoding::HexAnyCase {
                t.to_ascii_lowercase()
            } else {
                (*t).to_owned()
            }
        })
        .collect();
    let mut matched = None;
    for (i, key) in keys.iter().enumerate() {
        let text = reference_encode(spec.encoding, &hmac(signature.algorithm, key, &parts));
        if matched.is_none() && received.contains(&text) {
            matched = Some(i);
        }
        expected.push(text);
    }
    let Some(secret) = matched else {
        return Err(if undecodable(&candidates) {
            MALFORMED
        } else {
            ErrorKind::SignatureMismatch
        });
    };
    let ts = match body_ts {
        Some(paths) => {
            let (found, unclear) = body_uint(body, &paths.to_vec());
            body_ambiguous.timestamp = unclear;
            Some((found.ok_or(ErrorKind::MalformedBody)?, String::new()))
        }
        None => ts,
    };
    if check == Some(WindowCheck::AfterMac) {
        window(&ts)?;
    }

    // 5. Metadata.
    for Meta {
        header, required, ..
    } in spec.metadata.iter()
    {
        match lookup(headers, header.as_str()) {
            Lookup::Unusable => return Err(MALFORMED),
            Lookup::Absent if *required => return Err(ErrorKind::MissingHeader),
            Lookup::One("") if *required => return Err(MALFORMED),
            _ => {}
        }
    }

    // 6. What the delivery reports.
    let resolve = |source: &Source, ambiguous: &mut bool| -> Option<String> {
        match source {
            Source::None => None,
            Source::MessageId => message_id.map(str::to_owned),
            Source::Header(key) => match lookup(headers, key.as_str()) {
                Lookup::One(v) => Some(v.to_owned()),
                _ => None,
            },
            Source::Body(paths) => {
                let (found, unclear) = body_string(body, &paths.to_vec());
                *ambiguous |= unclear;
                found
            }
            other => unmodelled(other),
        }
    };
    // An id from the body follows `Spec::id`; the table target does not compare it (README: D3).
    let id = resolve(&spec.id, &mut false);
    let event_type = resolve(&spec.event_type, &mut body_ambiguous.event_type);
    let idempotency_key = resolve(&spec.idempotency, &mut body_ambiguous.idempotency_key)
        .map(|v| format!("{}:{v}", case.id));
    Ok(Accepted {
        secret,
        timestamp_millis: ts.map(|(n, _)| u64::try_from(millis(n)).unwrap_or(u64::MAX)),
        id,
        event_type,
        idempotency_key,
    })
}

/// Signature and timestamp parse errors, the timestamp's first if `ts_first`.
fn parse_in_order<'h>(
    ts_first: bool,
    candidates: Step<Candidates<'h>>,
    parse_ts: impl FnOnce() -> Step<Option<(u64, String)>>,
) -> Step<(Candidates<'h>, Option<(u64, String)>)> {
    if ts_first {
        let ts = parse_ts()?;
        Ok((candidates?, ts))
    } else {
        let c = candidates?;
        Ok((c, parse_ts()?))
    }
}

fn prefixed(prefix: &str) -> SignatureFormat {
    SignatureFormat::Prefixed {
        prefix: prefix.to_owned().into(),
    }
}

/// A vocabulary element this interpreter does not know: the reference must be extended before
/// the table target can vouch for a provider that uses it.
fn unmodelled<T: std::fmt::Debug + ?Sized, R>(what: &T) -> R {
    panic!("the reference does not model {what:?}: extend fuzz/src/reference.rs")
}

/// The string at the first of `paths` that holds one, if `body` is JSON, as the SDKs read it
/// (`JSON.parse`, `json.loads`: the whole body must be one JSON value; a repeated key's last
/// value wins). The second value says whether the answer could differ for a reader that
/// stops after the first value or keeps a repeated key's first value.
pub fn body_string(body: &[u8], paths: &[Vec<&str>]) -> (Option<String>, bool) {
    use serde::Deserialize as _;
    let mut de = serde_json::Deserializer::from_slice(body);
    let Ok(value) = serde_json::Value::deserialize(&mut de) else {
        return (None, std::str::from_utf8(body).is_err());
    };
    let trailing = de.end().is_err();
    // Not UTF-8 is not JSON (RFC 8259 §8.1) for `json.loads(bytes)`, but `JSON.parse` of a
    // lossily decoded buffer reads it, and so may a streaming reader that skips strings.
    let not_utf8 = std::str::from_utf8(body).is_err();
    let found = if trailing {
        None
    } else {
        paths.iter().find_map(|path| {
            let mut v = &value;
            for key in path {
                v = v.get(key)?;
            }
            v.as_str().map(str::to_owned)
        })
    };
    (found, trailing || not_utf8 || has_repeated_key(body))
}

/// Whether any JSON object in `body` repeats a key (checked with a visitor of its own).
fn has_repeated_key(body: &[u8]) -> bool {
    use serde::de::{Deserializer as _, IgnoredAny, MapAccess, SeqAccess, Visitor};
    struct Dup;
    impl<'de> Visitor<'de> for Dup {
        type Value = bool;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("JSON")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
            let mut seen = std::collections::HashSet::new();
            let mut dup = false;
            while let Some(key) = map.next_key::<String>()? {
                dup |= !seen.insert(key);
                dup |= map.next_value_seed(DupSeed)?;
            }
            Ok(dup)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
            let mut dup = false;
            while let Some(d) = seq.next_element_seed(DupSeed)? {
                dup |= d;
            }
            Ok(dup)
        }
        fn visit_str<E>(self, _: &str) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_bool<E>(self, _: bool) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_i64<E>(self, _: i64) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_u64<E>(self, _: u64) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_f64<E>(self, _: f64) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_unit<E>(self) -> Result<bool, E> {
            Ok(false)
        }
    }
    struct DupSeed;
    impl<'de> serde::de::DeserializeSeed<'de> for DupSeed {
        type Value = bool;
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
            d.deserialize_any(Dup)
        }
    }
    let _ = IgnoredAny;
    let mut de = serde_json::Deserializer::from_slice(body);
    de.deserialize_any(Dup).unwrap_or(false)
}

/// Signs a delivery the way the reference reads it: the encoded signature for secret
/// `key` over the delivery's current timestamp, id and header values (`None` when a value the
/// content needs is absent or unparsable). Used by the table target's mutations to reach valid
/// signatures; independent of hooksign's signer.
pub fn signature_text(
    case: &Case<'_>,
    key: &[u8],
    legacy: bool,
    headers: &[(String, String)],
    body: &[u8],
    timestamp_text: Option<&str>,
) -> Option<String> {
    let spec = case.spec;
    let algorithm = match (&spec.legacy, legacy) {
        (Some(l), true) => l.algorithm,
        _ => spec.algorithm,
    };
    let signs_timestamp = spec.content.iter().any(|p| matches!(p, Part::Timestamp));
    let ts = match spec.timestamp.as_ref() {
        // Signed as received, parsable or not (so that the verifier's parse is what refuses
        // an odd text, not a missing signature).
        Some(t) if t.unit == TimeUnit::Rfc3339 => Some(timestamp_text?.to_owned()),
        Some(t) if signs_timestamp => {
            let text = timestamp_text?;
            let n = match t.parsing {
                Parsing::Strict => strict_number(text),
                _ => lenient_number(text),
            }?;
            Some(match t.signed {
                SignedForm::AsReceived => text.to_owned(),
                _ => n.to_string(),
            })
        }
        _ => None,
    };
    let id = match &spec.message_id {
        Some(names) => match first_present(headers, names) {
            Lookup::One(v) => Some(v),
            _ => None,
        },
        None => None,
    };
    let mut parts: Vec<&[u8]> = Vec::new();
    for part in spec.content.iter() {
        parts.push(match part {
            Part::Literal(bytes) => bytes,
            Part::Body => body,
            Part::Timestamp => ts.as_deref()?.as_bytes(),
            Part::MessageId => id?.as_bytes(),
            Part::Header(key) => match lookup(headers, key.as_str()) {
                Lookup::One(v) => v.as_bytes(),
                _ => return None,
            },
            _ => return None,
        });
    }
    Some(reference_encode(
        spec.encoding,
        &hmac(algorithm, key, &parts),
    ))
}
