//! Every registry entry whose verification is exactly its `Spec` (`Entry::runs_its_spec`), and
//! the fuzz-local custom specs of `CUSTOM_SPECS` (run by `hooksign::provider::Custom`), against
//! the independent reference interpreter of the vocabulary (`hooksign_fuzz::reference`).
//! A provider added to the registry is covered without touching this file.
//!
//! Input (see `fuzz/README.md`):
//!
//! ```text
//! #stripe+tol=300:- s0 f12     optional: the case (entry id, options) and mutations
//! @1700000030                  the delivery, in the format of `hooksign_fuzz::Delivery`
//! Stripe-Signature:t=…,v1=…
//!
//! {"id":"evt_1"}
//! ```
//!
//! Without a `#` line (or with an unknown id) the case is picked from the input's byte sum.
//! Options: `+legacy` (`Options::with_legacy_algorithm`), `+all`
//! (`Options::with_all_secrets_signing`), `+tol=P:F` (`Options::with_tolerance`, `P`/`F` seconds
//! or `-` for an unchecked side). Mutations, applied in order: `sK` re-signs with
//! fixture secret `K` (the reference's own signer; missing timestamp/id headers are filled in),
//! `aK` appends a signature of secret `K` to the list, `oK` appends it in the versioned label
//! rule's other form (bare, or under another label), `lK` signs the legacy header instead,
//! `tD` sets the timestamp to now + D − 1000 (in the spec's unit: seconds for RFC 3339, written
//! as RFC 3339; a body timestamp is set in the body), `toD` the same in another valid spelling
//! (RFC 3339 with a fraction and an offset, digits in a JSON string, a leading zero), `fN` flips
//! a bit of byte `N`
//! of the signature header, `bN` of the body, `u` upper-cases the signature header, `e` empties
//! it, `r` removes it, `dup` repeats it with another value.
//! A custom spec takes only `+tol`; an input asking it for `+legacy` or `+all` is skipped.
//!
//! Invariants:
//! - building with options fails exactly when the spec has no such option;
//! - the verdict equals the reference's: accept/reject, the error kind (`Error::code`), and on
//!   acceptance the secret index, timestamp, id, event type and idempotency key (body fields
//!   only where the body's JSON is unambiguous: see the README's known disagreements);
//! - the common outcome checks (`check_outcome`: no secret or expected signature in any error or
//!   `Debug` text, consistent status and code, scoped idempotency keys, `into_owned`);
//! - sign→verify round-trips with secret 0, the reference accepts what hooksign signs (with
//!   `+all`, under each secret alone; otherwise under the primary only), and a flipped body byte
//!   is `SignatureMismatch`.
#![no_main]
#![forbid(unsafe_code)]

use std::sync::LazyLock;

use hooksign::provider::spec::{
    Labels, Part, Pick, SecretFormat, SignatureFormat, Source, Spec, TimeUnit, TimestampSource,
};
use hooksign::provider::{Custom, Entry, Options, ProviderError, REGISTRY};
use hooksign::{AnyProvider, ErrorKind, Message, Secret, SecretSet, Sign, Tolerance, UnixTime};
use hooksign_fuzz::reference::{self, Case};
use hooksign_fuzz::*;
use libfuzzer_sys::fuzz_target;

/// The secrets of the published and SDK vectors, per provider id, so that their seeds verify
/// (mirrored in `seeds.py`). Any other entry gets generated secrets of its `SecretFormat`.
const KNOWN_SECRETS: &[(&str, &[&str])] = &[
    (
        "github",
        &[
            "hooksign-github-secret-0001",
            "hooksign-github-secret-0002",
            "hooksign-github-secret-0003",
            "It's a Secret to Everybody",
            "mysecret",
            "development",
            "foo",
        ],
    ),
    (
        "stripe",
        &[
            "whsec_hooksignStripeTestSecret0001",
            "whsec_hooksignStripeTestSecret0002",
            "whsec_hooksignStripeTestSecret0003",
            "webhook_secret",
        ],
    ),
    (
        "slack",
        &[
            "hooksign0slack0signing0secret001",
            "hooksign0slack0signing0secret002",
            "hooksign0slack0signing0secret003",
            "8f742231b10e8888abcd99yyyzzz85a5",
        ],
    ),
    (
        "standard-webhooks",
        &[
            "whsec_BxQhLjtIVWJvfImWo7C9ytfk8f4LGCUyP0xZZnOAjZo=",
            "whsec_DhsoNUJPXGl2g5CdqrfE0d7r+AUSHyw5RlNgbXqHlKE=",
            "whsec_FSIvPElWY3B9ipeksb7L2OXy/wwZJjNATVpndIGOm6g=",
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
        ],
    ),
    (
        "razorpay",
        &[
            "hooksign-razorpay-webhook-secret-0001",
            "hooksign-razorpay-webhook-secret-0002",
            "123456",
        ],
    ),
    (
        "coinbase-commerce",
        &[
            "5b5d4e2a-hooksign-cc-shared-secret-0001",
            "5b5d4e2a-hooksign-cc-shared-secret-0002",
        ],
    ),
    (
        "svix",
        &[
            "whsec_HCk2Q1BdaneEkZ6ruMXS3+z5BhMgLTpHVGFue4iVoq8=",
            "whsec_IzA9SldkcX6LmKWyv8zZ5vMADRonNEFOW2h1go+cqbY=",
            "whsec_KjdEUV5reIWSn6y5xtPg7foHFCEuO0hVYm98iZajsL0=",
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        ],
    ),
];

/// Secrets for an entry without published vectors: three, in the form its spec reads.
fn generated_secrets(format: &SecretFormat) -> Vec<String> {
    use base64::Engine as _;
    (1..=3)
        .map(|i| {
            let raw = format!("hooksign table fixture key {i:04} ....");
            match format {
                SecretFormat::Base64 { prefix } => format!(
                    "{prefix}{}",
                    base64::engine::general_purpose::STANDARD.encode(raw)
                ),
                // Both readings: the second secret lacks the prefix, so it is text.
                SecretFormat::Base64OrText { prefix } if i != 2 => format!(
                    "{prefix}{}",
                    base64::engine::general_purpose::STANDARD.encode(raw)
                ),
                SecretFormat::Hex => hex::encode(raw),
                _ => format!("hooksign-table-secret-{i:04}"),
            }
        })
        .collect()
}

/// Fuzz-local custom specs (`Spec::parse`'s text form), cases of the table beside the registry
/// entries: they reach vocabulary that no registry entry uses yet, or combinations of it
/// (README: "Custom specs").
const CUSTOM_SPECS: &[(&str, &str)] = &[
    // Linear-like: the timestamp (ms) is the body's `webhookTimestamp`, checked after the MAC.
    (
        "fuzz-body-ms",
        "header=Fuzz-Linear-Signature;timestamp-key=body:webhookTimestamp;timestamp-unit=ms;\
         tolerance=60;event-type=body:type;idempotency-key=body:webhookId",
    ),
    // A body timestamp in seconds at one of two paths (nested first), past side only;
    // `lenient` does not apply to a body field (digits only), and the spec may say it.
    (
        "fuzz-body-s",
        "header=Fuzz-Body-Signature;prefix=v1=;encoding=base64;secret=base64:whsec_;\
         timestamp-key=body:meta.sent_at|sent_at;timestamp-parsing=lenient;\
         tolerance=300/past;id-header=Fuzz-Id;\
         content={id}.{body};id=id;require=Fuzz-Topic;event-type=header:Fuzz-Topic",
    ),
    // Box-like: an RFC 3339 header signed as received after the body, 600 s old at most and
    // never ahead.
    (
        "fuzz-rfc3339-box",
        "header=Fuzz-Box-Signature;encoding=base64;timestamp-header=Fuzz-Box-Timestamp;\
         timestamp-unit=rfc3339;content={body}{timestamp};tolerance=600/0",
    ),
    // Twitch-like: id, RFC 3339 timestamp and body, `sha256=` hex, checked first.
    (
        "fuzz-rfc3339-twitch",
        "header=Fuzz-Twitch-Signature;prefix=sha256=;timestamp-header=Fuzz-Twitch-Timestamp;\
         timestamp-unit=rfc3339;id-header=Fuzz-Twitch-Id;content={id}{timestamp}{body};\
         tolerance=600;window=first;order=signature-last;event-type=header:Fuzz-Twitch-Type",
    ),
    // Signed header parts, hex secret, either-case hex, window before the MAC.
    (
        "fuzz-header-part",
        "header=Fuzz-Part-Signature;encoding=hex-any-case;secret=hex;\
         timestamp-header=Fuzz-Part-Time;content={header:Fuzz-Path}:{timestamp}:{header:Fuzz-Host}:{body};\
         window=before-mac;tolerance=120",
    ),
    // The three label rules of versioned lists, each with other timestamp choices.
    (
        "fuzz-labels-exact",
        "header=Fuzz-Versioned;versioned=v2;versioned-labels=exact;encoding=base64;\
         timestamp-header=Fuzz-Time;timestamp-unit=ms;id-header=Fuzz-Id;\
         content={id}.{timestamp}.{body};window=before-mac;empty-is-missing=true",
    ),
    (
        "fuzz-labels-or-bare",
        "header=Fuzz-Versioned;versioned=v1;versioned-labels=or-bare;encoding=base64;\
         secret=base64-or-text:whsec_;timestamp-header=Fuzz-Time;timestamp-parsing=lenient;\
         timestamp-signed=canonical;id-header=Fuzz-Id;content={id}.{timestamp}.{body};\
         window=first;empty-is-missing=true",
    ),
    // (RFC 3339 is parsed strictly even when the spec says `lenient`.)
    (
        "fuzz-labels-any",
        "header=Fuzz-Versioned;versioned=v1a;versioned-labels=any;encoding=base64-url-no-pad;\
         timestamp-header=Fuzz-Time;timestamp-unit=rfc3339;timestamp-parsing=lenient;\
         id-header=Fuzz-Id;content={id}.{timestamp}.{body};order=signature-last",
    ),
    // An RFC 3339 list element (`ts=…;sig=…`), the last signature only.
    (
        "fuzz-list-rfc3339",
        "header=Fuzz-List-Signature;list=';';signature-key=sig;timestamp-key=ts;\
         timestamp-unit=rfc3339;content={timestamp}.{body};signature-pick=last;\
         encoding=base64;window=before-mac;tolerance=30",
    ),
];

/// One case of the table with its fixture: a registry entry, or a fuzz-local custom spec.
struct Row {
    id: &'static str,
    /// The registry entry (`None` for a custom spec).
    entry: Option<&'static Entry>,
    spec: &'static Spec,
    secrets: Vec<String>,
    keys: Vec<Vec<u8>>,
    plain: AnyProvider,
    legacy: Option<AnyProvider>,
}

impl Row {
    fn secret_set(&self) -> SecretSet {
        labelled_set(&self.secrets)
    }

    fn is_named(&self, id: &str) -> bool {
        match self.entry {
            Some(e) => e.is_named(id),
            None => self.id == id,
        }
    }
}

/// The secrets, labelled `s{i}` (what `check_outcome` expects of `secret_label`).
fn labelled_set(secrets: &[String]) -> SecretSet {
    SecretSet::new(
        secrets
            .iter()
            .enumerate()
            .map(|(i, s)| Secret::from(s.as_str()).with_label(format!("s{i}"))),
    )
    .expect("fixture secrets are non-empty")
}

fn fixture(id: &str, spec: &Spec) -> (Vec<String>, Vec<Vec<u8>>) {
    if let Some(what) = reference::unmodelled_in(spec) {
        panic!("{id}: the reference does not model {what}: extend fuzz/src/reference.rs");
    }
    let secrets: Vec<String> = match KNOWN_SECRETS.iter().find(|(known, _)| *known == id) {
        Some((_, s)) => s.iter().map(|s| (*s).to_owned()).collect(),
        None => generated_secrets(&spec.secret),
    };
    let keys: Vec<Vec<u8>> = secrets
        .iter()
        .map(|s| reference::key_of(&spec.secret, s).expect("fixture secret in its format"))
        .collect();
    (secrets, keys)
}

static TABLE: LazyLock<Vec<Row>> = LazyLock::new(|| {
    let mut rows: Vec<Row> = REGISTRY
        .iter()
        .copied()
        .filter(|e| e.runs_its_spec())
        .map(|entry| {
            let spec = entry.spec().expect("an entry that runs its spec has one");
            let (secrets, keys) = fixture(entry.id(), spec);
            let plain = entry
                .build(labelled_set(&secrets), &Options::new())
                .unwrap_or_else(|e| panic!("{}: fixture refused: {e}", entry.id()));
            let legacy = spec.legacy.as_ref().map(|_| {
                entry
                    .build(
                        labelled_set(&secrets),
                        &Options::new().with_legacy_algorithm(),
                    )
                    .expect("legacy option of a spec with a legacy header")
            });
            Row {
                id: entry.id(),
                entry: Some(entry),
                spec,
                secrets,
                keys,
                plain,
                legacy,
            }
        })
        .collect();
    assert!(!rows.is_empty(), "no spec provider in the registry");
    for (id, text) in CUSTOM_SPECS {
        assert!(
            !rows.iter().any(|r| r.is_named(id)),
            "{id}: a custom spec shadows a registry entry"
        );
        let spec = Spec::parse(text).unwrap_or_else(|e| panic!("{id}: {e}"));
        let spec: &'static Spec = Box::leak(Box::new(spec));
        let (secrets, keys) = fixture(id, spec);
        let custom = Custom::new(id, spec.clone(), labelled_set(&secrets))
            .unwrap_or_else(|e| panic!("{id}: custom spec refused: {e}"));
        rows.push(Row {
            id,
            entry: None,
            spec,
            secrets,
            keys,
            plain: AnyProvider::new(custom),
            legacy: None,
        });
    }
    for row in &rows {
        for s in &row.secrets {
            let debug = format!("{:?} {:?}", row.plain, row.legacy);
            assert!(!debug.contains(s.as_str()), "provider Debug leaks a secret");
        }
    }
    rows
});

/// 9999-12-31T23:59:59.999Z: the latest clock the table verifies at.
const MAX_CLOCK_MILLIS: u64 = 253_402_300_799_999;

/// The options a case line asks for.
#[derive(Debug, Default, Clone, Copy)]
struct Asked {
    legacy: bool,
    all: bool,
    tolerance: Option<Tolerance>,
}

fn parse_side(text: &str) -> Option<Option<u64>> {
    if text == "-" {
        return Some(None);
    }
    // Bounded: windows of up to ~136 years are all a real configuration needs, and the
    // reference's exact arithmetic then never meets `UnixTime`'s saturation.
    text.parse::<u32>().ok().map(|n| Some(u64::from(n)))
}

fn parse_case(selector: &str) -> (Option<&str>, Asked) {
    let mut pieces = selector.split('+');
    let id = pieces.next().filter(|s| !s.is_empty());
    let mut asked = Asked::default();
    for option in pieces {
        if option == "legacy" {
            asked.legacy = true;
        } else if option == "all" {
            asked.all = true;
        } else if let Some(window) = option.strip_prefix("tol=") {
            if let Some((p, f)) = window.split_once(':') {
                if let (Some(past_secs), Some(future_secs)) = (parse_side(p), parse_side(f)) {
                    asked.tolerance = Some(Tolerance {
                        past_secs,
                        future_secs,
                    });
                }
            }
        }
    }
    (id, asked)
}

/// The delivery being mutated.
struct Work {
    now: UnixTime,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    timestamp: Option<String>,
}

impl Work {
    /// The name of `names` in use: the first present, else the first.
    fn name_in_use(&self, names: &[hooksign::HeaderKey]) -> String {
        names
            .iter()
            .find(|n| lookup(&self.headers, n.as_str()) != Lookup::Absent)
            .unwrap_or(&names[0])
            .as_str()
            .to_owned()
    }

    fn value(&self, name: &str) -> Option<String> {
        match lookup(&self.headers, name) {
            Lookup::One(v) => Some(v.to_owned()),
            _ => None,
        }
    }

    fn set(&mut self, name: &str, value: String) {
        self.headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
        self.headers.push((name.to_owned(), value));
    }

    fn now_in(&self, unit: TimeUnit) -> u64 {
        match unit {
            TimeUnit::Millis => self.now.as_millis(),
            _ => self.now.as_secs(),
        }
    }

    /// Sets the body's timestamp field (the first of `paths`) to `value`, a JSON number or a
    /// string of digits, keeping the rest of a JSON object body (other bodies become `{}`).
    fn set_body_field(&mut self, paths: &[Vec<&str>], value: u64, as_string: bool) {
        let Some(path) = paths.first() else { return };
        let mut root: serde_json::Value = serde_json::from_slice(&self.body)
            .ok()
            .filter(serde_json::Value::is_object)
            .unwrap_or_else(|| serde_json::json!({}));
        let mut slot = &mut root;
        for key in path {
            if !slot.is_object() {
                *slot = serde_json::json!({});
            }
            slot = slot
                .as_object_mut()
                .expect("made an object above")
                .entry((*key).to_owned())
                .or_insert(serde_json::Value::Null);
        }
        *slot = if as_string {
            serde_json::Value::String(value.to_string())
        } else {
            serde_json::Value::from(value)
        };
        self.body = serde_json::to_vec(&root).expect("a JSON value serializes");
    }
}

/// The text of timestamp `value` (in `unit`'s count: seconds for RFC 3339) as `tD` writes it;
/// `variant` gives another valid spelling (RFC 3339: a fraction, a non-zero offset and a
/// lower-case `t`; numbers: a leading zero).
fn timestamp_text(unit: TimeUnit, value: u64, variant: bool) -> String {
    match unit {
        TimeUnit::Rfc3339 => {
            let text = if variant {
                let offset = if value % 2 == 0 { 330 } else { -480 };
                reference::rfc3339_text(value, offset, ".123456").map(|t| t.replacen('T', "t", 1))
            } else {
                reference::rfc3339_text(value, 0, "")
            };
            // Past the year 9999 there is no RFC 3339 text: an unparsable one stands for it.
            text.unwrap_or_else(|| format!("+{value}"))
        }
        _ if variant => format!("0{value}"),
        _ => value.to_string(),
    }
}

/// Fills in what signing needs (timestamp, message id, signed headers) and returns the timestamp
/// text to sign with.
fn prepare(work: &mut Work, spec: &Spec, signature_name: &str) -> Option<String> {
    if let Some(names) = &spec.message_id {
        let name = work.name_in_use(names);
        if work.value(&name).is_none_or(|v| v.is_empty()) {
            work.set(&name, "msg_2Lh9KRb0pzN3fuzz".to_owned());
        }
    }
    for part in spec.content.iter() {
        if let Part::Header(key) = part {
            if work.value(key.as_str()).is_none() {
                work.set(key.as_str(), "fuzz".to_owned());
            }
        }
    }
    let ts = spec.timestamp.as_ref()?;
    let fresh = work
        .timestamp
        .clone()
        .unwrap_or_else(|| timestamp_text(ts.unit, work.now_in(ts.unit), false));
    match &ts.source {
        TimestampSource::Body(paths) => {
            // A JSON object with nothing at any of the paths gets the current time; any other
            // body is signed as it is (an odd value there is then the verifier's to refuse).
            let paths = paths.to_vec();
            let unset = serde_json::from_slice::<serde_json::Value>(&work.body).is_ok_and(|v| {
                v.is_object()
                    && paths
                        .iter()
                        .all(|path| path.iter().try_fold(&v, |v, key| v.get(key)).is_none())
            });
            if unset && work.timestamp.is_none() {
                let now = work.now_in(ts.unit);
                work.set_body_field(&paths, now, false);
            }
            None
        }
        TimestampSource::Header(names) => {
            let name = work.name_in_use(names);
            match (work.value(&name), &work.timestamp) {
                (Some(v), None) if !v.is_empty() => Some(v),
                _ => {
                    work.set(&name, fresh.clone());
                    Some(fresh)
                }
            }
        }
        TimestampSource::ListKey(key) => {
            if work.timestamp.is_some() {
                return Some(fresh);
            }
            // The list's own timestamp element, if it has one.
            let (separator, trim) = match &spec.format {
                SignatureFormat::KeyValues {
                    separator, trim, ..
                } => (*separator, *trim),
                _ => return Some(fresh),
            };
            let existing = work.value(signature_name).and_then(|v| {
                v.split(separator).find_map(|e| {
                    let e = if trim { e.trim() } else { e };
                    e.strip_prefix(key.as_ref())?
                        .strip_prefix('=')
                        .map(str::to_owned)
                })
            });
            Some(existing.unwrap_or(fresh))
        }
        _ => Some(fresh),
    }
}

/// Applies one mutation.
fn mutate(work: &mut Work, row: &Row, case: &Case<'_>, op: &str) {
    let spec = row.spec;
    let number = |s: &str| s.parse::<usize>().unwrap_or(0);
    let signature_name = work.name_in_use(&spec.signature_header);
    let (kind, arg) = op.split_at(
        op.find(|c: char| c.is_ascii_digit() || c == '-')
            .unwrap_or(op.len()),
    );
    match kind {
        "s" | "a" | "l" | "o" => {
            let secret = number(arg) % row.keys.len();
            let legacy = kind == "l" && spec.legacy.is_some();
            let ts = prepare(work, spec, &signature_name);
            let Some(sig) = reference::signature_text(
                case,
                &row.keys[secret],
                legacy,
                &work.headers,
                &work.body,
                ts.as_deref(),
            ) else {
                return;
            };
            if legacy {
                let l = spec.legacy.as_ref().expect("checked above");
                for name in spec.signature_header.iter() {
                    work.headers
                        .retain(|(k, _)| !k.eq_ignore_ascii_case(name.as_str()));
                }
                work.set(l.header.as_str(), format!("{}{sig}", l.prefix));
                return;
            }
            let existing = work
                .value(&signature_name)
                .filter(|_| kind == "a" || kind == "o");
            let value = match &spec.format {
                SignatureFormat::Prefixed { prefix } => format!("{prefix}{sig}"),
                SignatureFormat::KeyValues {
                    written_separator,
                    signature_key,
                    ..
                } => match existing {
                    Some(v) => format!("{v}{written_separator}{signature_key}={sig}"),
                    None => match (&spec.timestamp, ts) {
                        (Some(t), Some(ts)) if matches!(t.source, TimestampSource::ListKey(_)) => {
                            let TimestampSource::ListKey(key) = &t.source else {
                                unreachable!()
                            };
                            format!("{key}={ts}{written_separator}{signature_key}={sig}")
                        }
                        _ => format!("{signature_key}={sig}"),
                    },
                },
                SignatureFormat::Versioned { version, labels } => {
                    // `oK`: the entry in the other form the label rule reads: a bare signature
                    // (`ExactOrBare`), another label (`Any`), or for `Exact` a decoy under another
                    // label that must not count.
                    let entry = match (kind, labels) {
                        ("o", Labels::ExactOrBare) => sig,
                        ("o", _) => format!("{version}x,{sig}"),
                        _ => format!("{version},{sig}"),
                    };
                    match existing {
                        Some(v) => format!("{v} {entry}"),
                        None => entry,
                    }
                }
                _ => return,
            };
            work.set(&signature_name, value);
        }
        "t" | "to" => {
            if let Some(t) = &spec.timestamp {
                let delta = arg
                    .parse::<i64>()
                    .unwrap_or(1000)
                    .clamp(-1_000_000, 1_000_000)
                    - 1000;
                let value = (i128::from(work.now_in(t.unit)) + i128::from(delta)).max(0);
                let value = u64::try_from(value).unwrap_or(u64::MAX);
                let variant = kind == "to";
                match &t.source {
                    TimestampSource::Body(paths) => {
                        // `to`: the field as a string of digits.
                        work.set_body_field(&paths.to_vec(), value, variant);
                        work.timestamp = Some(value.to_string());
                    }
                    source => {
                        let text = timestamp_text(t.unit, value, variant);
                        work.timestamp = Some(text.clone());
                        if let TimestampSource::Header(names) = source {
                            let name = work.name_in_use(names);
                            work.set(&name, text);
                        }
                    }
                }
            }
        }
        "f" | "b" => {
            let target: &mut Vec<u8> = if kind == "b" {
                &mut work.body
            } else {
                let Some(v) = work.value(&signature_name) else {
                    return;
                };
                let mut bytes = v.into_bytes();
                if !bytes.is_empty() {
                    let i = number(arg) % bytes.len();
                    bytes[i] ^= 1;
                }
                work.set(
                    &signature_name,
                    String::from_utf8_lossy(&bytes).into_owned(),
                );
                return;
            };
            if !target.is_empty() {
                let i = number(arg) % target.len();
                target[i] ^= 1;
            }
        }
        "u" => {
            if let Some(v) = work.value(&signature_name) {
                work.set(&signature_name, v.to_ascii_uppercase());
            }
        }
        "e" => work.set(&signature_name, String::new()),
        "r" => work
            .headers
            .retain(|(k, _)| !k.eq_ignore_ascii_case(&signature_name)),
        "dup" => {
            let v = work.value(&signature_name).unwrap_or_default();
            work.headers.push((signature_name, format!("{v}x")));
        }
        _ => {}
    }
}

/// Asserts that hooksign's verdict is the reference's (README: what is compared).
fn compare(
    id: &str,
    body_id: bool,
    result: &Result<hooksign::Verified<'_>, hooksign::Error>,
    model: &reference::Outcome,
    headers: &[(String, String)],
    body: &[u8],
    now: UnixTime,
) {
    let differs = |what: &str| -> String {
        format!(
            "{id}: {what}: hooksign {result:?}, reference {:?}\nheaders {headers:?}\nbody {:?}\nnow {now:?}",
            model.verdict,
            String::from_utf8_lossy(body)
        )
    };
    // A body timestamp of a body that is not UTF-8 (README: D1) decides the verdict itself.
    if model.body_ambiguous.timestamp
        && result.as_ref().err().map(|e| e.kind()) != model.verdict.as_ref().err().copied()
    {
        trace_note(&format!(
            "known disagreement D1 (body timestamp): hooksign {result:?}, reference {:?}",
            model.verdict
        ));
        return;
    }
    match (result, &model.verdict) {
        (Ok(v), Ok(m)) => {
            assert_eq!(v.secret_index(), m.secret, "{}", differs("secret index"));
            assert_eq!(
                v.timestamp().map(UnixTime::as_millis),
                m.timestamp_millis,
                "{}",
                differs("timestamp")
            );
            // `Spec::id` from the body: hooksign's `Verified::id` stays `None` (README: D3).
            if body_id && v.id() != m.id.as_deref() {
                trace_note(&format!(
                    "known disagreement D3: hooksign id {:?}, reference {:?}",
                    v.id(),
                    m.id
                ));
            } else {
                assert_eq!(v.id(), m.id.as_deref(), "{}", differs("id"));
            }
            let body_fields = (
                v.event_type().map(|t| t.into_owned()),
                v.idempotency_key().map(|k| k.into_string()),
            );
            let reference_fields = (m.event_type.clone(), m.idempotency_key.clone());
            // Body fields are compared where the JSON has one reading (README: D1).
            let unclear = model.body_ambiguous;
            if (unclear.event_type || unclear.idempotency_key) && body_fields != reference_fields {
                trace_note(&format!(
                    "known disagreement D1: hooksign {body_fields:?}, reference {reference_fields:?}"
                ));
            }
            if !unclear.event_type {
                assert_eq!(
                    body_fields.0,
                    reference_fields.0,
                    "{}",
                    differs("event type")
                );
            }
            if !unclear.idempotency_key {
                assert_eq!(
                    body_fields.1,
                    reference_fields.1,
                    "{}",
                    differs("idempotency key")
                );
            }
        }
        (Err(e), Err(kind)) => assert_eq!(e.code(), kind.code(), "{}", differs("error kind")),
        _ => panic!("{}", differs("verdict")),
    }
}

fuzz_target!(|data: &[u8]| {
    let table = &*TABLE;
    let (selector, rest) = match data.strip_prefix(b"#") {
        Some(line) => match line.iter().position(|&b| b == b'\n') {
            Some(i) => (
                String::from_utf8_lossy(&line[..i]).into_owned(),
                &line[i + 1..],
            ),
            None => (String::from_utf8_lossy(line).into_owned(), &[][..]),
        },
        None => (String::new(), data),
    };
    let mut tokens = selector.split(' ');
    let (id, asked) = parse_case(tokens.next().unwrap_or(""));
    let row = id
        .and_then(|id| table.iter().find(|r| r.is_named(id)))
        .unwrap_or_else(|| {
            let sum = data
                .iter()
                .fold(0usize, |a, &b| a.wrapping_add(usize::from(b)));
            &table[sum % table.len()]
        });
    let spec = row.spec;

    // Options the spec lacks are refused at construction, the others accepted.
    let provider = match (asked.legacy, asked.tolerance, asked.all) {
        (false, None, false) => row.plain.clone(),
        (true, None, false) if row.legacy.is_some() => row.legacy.clone().expect("checked"),
        _ => {
            let mut options = Options::new();
            if asked.legacy {
                options = options.with_legacy_algorithm();
            }
            if let Some(t) = asked.tolerance {
                options = options.with_tolerance(t);
            }
            if asked.all {
                options = options.with_all_secrets_signing();
            }
            // Signing with every secret needs a header whose several signatures all count.
            let single = matches!(
                spec.format,
                SignatureFormat::Prefixed { .. }
                    | SignatureFormat::KeyValues {
                        pick: Pick::First | Pick::Last,
                        ..
                    }
            );
            let unsupported = (asked.legacy && spec.legacy.is_none())
                || (asked.tolerance.is_some() && spec.timestamp.is_none())
                || (asked.all && single);
            match row.entry {
                Some(entry) => match entry.build(row.secret_set(), &options) {
                    Ok(p) => {
                        assert!(!unsupported, "{}: {options:?} accepted", row.id);
                        p
                    }
                    Err(ProviderError::Unsupported { .. }) if unsupported => return,
                    Err(e) => panic!("{}: {options:?} refused: {e:?}", row.id),
                },
                // A custom spec has a window to set and nothing else (`Custom::with_tolerance`).
                None if asked.legacy || asked.all => return,
                None => AnyProvider::new(
                    Custom::new(row.id, spec.clone(), row.secret_set())
                        .expect("built once already")
                        .with_tolerance(asked.tolerance.expect("the only option left")),
                ),
            }
        }
    };
    let case = Case {
        id: row.id,
        spec,
        legacy: asked.legacy,
        tolerance: asked
            .tolerance
            .or_else(|| spec.timestamp.as_ref().map(|t| t.tolerance)),
    };

    let d = Delivery::parse(rest);
    let mut work = Work {
        // A clock past the year 9999 is no system clock; near `u64::MAX` ms hooksign's
        // saturating arithmetic and the reference's exact one part (README: D2).
        now: UnixTime::from_millis(d.now.as_millis().min(MAX_CLOCK_MILLIS)),
        headers: d.headers,
        body: d.body.to_vec(),
        timestamp: None,
    };
    for op in tokens.filter(|t| !t.is_empty()).take(16) {
        mutate(&mut work, row, &case, op);
    }
    let Work {
        now, headers, body, ..
    } = work;

    let body_id = matches!(spec.id, Source::Body(_));
    let model = reference::verify(&case, &row.keys, &headers, &body, now);
    let secrets: Vec<&str> = row.secrets.iter().map(String::as_str).collect();
    let forbidden = Forbidden {
        secrets: &secrets,
        expected: model.expected.clone(),
        input: data,
    };
    let result = hooksign::verify_at(&provider, &headers, &body, now);
    check_outcome(&result, row.id, secrets.len(), &body, &forbidden);
    trace(&result);
    compare(row.id, body_id, &result, &model, &headers, &body, now);

    // Round trip: hooksign signs, hooksign and the reference agree and accept, a flipped byte
    // fails. (Signing writes whole seconds: with a zero-second past side and a clock between
    // two seconds, the delivery is rightly outside the window, so acceptance is not asserted
    // then; a whole second is never ahead of the clock.)
    let message = Message::new(&body)
        .with_id("msg_2Lh9KRb0pzN3fuzz")
        .with_event_type("fuzz.event");
    let signed = match provider.sign_at(&message, now) {
        Ok(signed) => signed,
        // A `Message` carries no values for signed header parts: such a scheme cannot be
        // signed by hooksign (the `sK` mutations sign it with the reference).
        Err(_) if spec.content.iter().any(|p| matches!(p, Part::Header(_))) => return,
        Err(e) => panic!("{}: cannot sign: {e}", row.id),
    };
    let signed: Vec<(String, String)> = signed
        .iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    let v = hooksign::verify_at(&provider, &signed, &body, now);
    let again = reference::verify(&case, &row.keys, &signed, &body, now);
    check_outcome(&v, row.id, secrets.len(), &body, &forbidden);
    compare(row.id, body_id, &v, &again, &signed, &body, now);
    let zero_side = case
        .tolerance
        .is_some_and(|t| t.past_secs == Some(0) && now.as_millis() % 1000 != 0);
    if zero_side {
        return;
    }
    // A body timestamp is the body's: signing cannot put one there, so a body without a
    // readable one in the window is rightly refused (and `compare` checked both agree).
    let body_timestamp = spec
        .timestamp
        .as_ref()
        .is_some_and(|t| matches!(t.source, TimestampSource::Body(_)));
    if body_timestamp
        && matches!(
            again.verdict,
            Err(ErrorKind::MalformedBody | ErrorKind::TimestampTooOld | ErrorKind::TimestampTooNew)
        )
    {
        return;
    }
    assert!(
        matches!(&again.verdict, Ok(a) if a.secret == 0),
        "{}: round trip: {:?} for {signed:?}",
        row.id,
        again.verdict
    );
    // Rotation: signing with every secret, each one alone is accepted (the reference holding
    // only that key); by default only the primary signs.
    for (i, key) in row.keys.iter().enumerate() {
        let alone = reference::verify(&case, std::slice::from_ref(key), &signed, &body, now);
        assert_eq!(
            alone.verdict.is_ok(),
            asked.all || i == 0 || row.keys[i] == row.keys[0],
            "{}: secret {i} alone: {:?} for {signed:?}",
            row.id,
            alone.verdict
        );
    }
    if spec.content.iter().any(|p| matches!(p, Part::Body)) {
        let bad = tampered(&body, now.as_millis());
        match hooksign::verify_at(&provider, &signed, &bad, now) {
            Err(e) if e.kind() == ErrorKind::SignatureMismatch => {}
            other => panic!("{}: tampered body: {other:?}", row.id),
        }
    }
});
