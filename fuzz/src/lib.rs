//! Shared pieces of the hooksign fuzz targets: the delivery input format, the references
//! (none of which shares code with hooksign's `src/`: [`codec`] for HMAC and hex/base64,
//! [`reference`] for the `Spec` vocabulary, [`lookup`] for headers), and the invariants every
//! verify target checks on an outcome.
//!
//! # Delivery input format (the `verify_*` targets)
//!
//! ```text
//! @1700000030            optional: the clock for verify_at, unix seconds (".mmm" allowed)
//! Header-Name:value      any number of headers, in order, repeats kept, value not trimmed
//!                        an empty line ends the headers
//! <body bytes>           everything after the empty line, byte for byte
//! ```
//!
//! Header lines are decoded as UTF-8 lossily; lines without `:` are ignored. An input that
//! starts with `\n` has no headers. `fuzz/seeds.py` writes the published vectors in this form.
//! `verify_table` puts a `#<case> <mutations>` line before it (see its target and the README).

#![forbid(unsafe_code)]

use std::borrow::Cow;
use std::fmt::Write as _;

use base64::Engine as _;
use hooksign::provider::spec::Algorithm;
use hooksign::{Error, ErrorKind, HeaderKey, Secret, SecretSet, UnixTime, Verified};

pub mod codec;
pub mod reference;

pub use codec::{hmac, reference_decode, reference_encode};

/// The clock when an input has no `@` line.
pub const DEFAULT_NOW: u64 = 1_700_000_000;

/// `MAX_HEADER_LEN` of `hooksign::scheme::header`.
pub const MAX_HEADER_LEN: usize = hooksign::scheme::header::MAX_HEADER_LEN;

/// `MAX_ENCODED_LEN` of `hooksign::scheme::encoding`.
pub const MAX_ENCODED_LEN: usize = hooksign::scheme::encoding::MAX_ENCODED_LEN;

/// `MAX_SIGNATURES` of `hooksign::scheme::list`.
pub const MAX_SIGNATURES: usize = hooksign::scheme::list::MAX_SIGNATURES;

/// One delivery decoded from fuzz input.
#[derive(Debug)]
pub struct Delivery<'a> {
    /// The clock to verify against.
    pub now: UnixTime,
    /// The headers, in input order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: &'a [u8],
}

impl<'a> Delivery<'a> {
    /// Decodes the input format described in the crate docs. Never fails.
    pub fn parse(data: &'a [u8]) -> Self {
        let (head, body): (&[u8], &[u8]) = if let Some(rest) = data.strip_prefix(b"\n") {
            (&[], rest)
        } else {
            match data.windows(2).position(|w| w == b"\n\n") {
                Some(i) => (&data[..i], &data[i + 2..]),
                None => (data, &[]),
            }
        };
        let mut now = UnixTime::from_secs(DEFAULT_NOW);
        let mut headers = Vec::new();
        for line in head.split(|&b| b == b'\n') {
            let line = String::from_utf8_lossy(line);
            if let Some(clock) = line.strip_prefix('@') {
                if let Some(t) = parse_clock(clock) {
                    now = t;
                }
            } else if let Some((name, value)) = line.split_once(':') {
                headers.push((name.to_owned(), value.to_owned()));
            }
        }
        Delivery { now, headers, body }
    }

    /// The headers as a reference lookup would see them.
    pub fn lookup(&self, name: &str) -> Lookup<'_> {
        lookup(&self.headers, name)
    }
}

fn parse_clock(text: &str) -> Option<UnixTime> {
    let (secs, frac) = text.split_once('.').unwrap_or((text, ""));
    let secs: u64 = secs.parse().ok()?;
    let mut millis = 0u64;
    for i in 0..3 {
        millis = millis * 10 + frac.as_bytes().get(i).map_or(0, |b| u64::from(b % 10));
    }
    Some(UnixTime::from_millis(
        secs.saturating_mul(1000).saturating_add(millis),
    ))
}

/// A header lookup, written independently of `hooksign::Headers`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup<'a> {
    /// No header of that name.
    Absent,
    /// One value (or identical repeats), at most `MAX_HEADER_LEN` bytes.
    One(&'a str),
    /// Repeated with different values, or too long: the verifier must refuse it.
    Unusable,
}

/// Case-insensitive lookup; differing repeats and over-long values are `Unusable`.
pub fn lookup<'a>(headers: &'a [(String, String)], name: &str) -> Lookup<'a> {
    let mut values = headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str());
    let Some(first) = values.next() else {
        return Lookup::Absent;
    };
    if values.any(|v| v != first) || first.len() > MAX_HEADER_LEN {
        return Lookup::Unusable;
    }
    Lookup::One(first)
}

/// What the reference model says a verification must return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Model {
    /// Accepted, by the secret at this index (the first one that matches).
    Ok(usize),
    /// The signature matched but the timestamp is too old.
    TooOld,
    /// The signature matched but the timestamp is too far ahead.
    TooNew,
    /// Rejected for any other reason.
    Reject,
}

/// Combines "signature matched secret `index`" with a window verdict.
pub fn with_window(index: Option<usize>, window: Model) -> Model {
    match (index, window) {
        (None, _) => Model::Reject,
        (Some(i), Model::Ok(_)) => Model::Ok(i),
        (Some(_), w) => w,
    }
}

/// One HMAC key per secret, in set order: the reference MACs, computed with the `hmac` crate
/// (no code shared with hooksign's keyring).
pub struct RefKeys {
    algorithm: Algorithm,
    keys: Vec<Vec<u8>>,
}

impl RefKeys {
    /// Each key as given (its bytes are the HMAC key).
    pub fn new(algorithm: Algorithm, keys: &[Vec<u8>]) -> Self {
        RefKeys {
            algorithm,
            keys: keys.to_vec(),
        }
    }

    /// The tag of every key over `parts`.
    pub fn tags(&self, parts: &[&[u8]]) -> Vec<Vec<u8>> {
        self.keys
            .iter()
            .map(|k| hmac(self.algorithm, k, parts))
            .collect()
    }

    /// Lower-case hex of every tag.
    pub fn hex(&self, parts: &[&[u8]]) -> Vec<String> {
        self.tags(parts).iter().map(hex::encode).collect()
    }

    /// Canonical padded base64 of every tag.
    pub fn base64(&self, parts: &[&[u8]]) -> Vec<String> {
        self.tags(parts)
            .iter()
            .map(|t| base64::engine::general_purpose::STANDARD.encode(t))
            .collect()
    }
}

/// A secret set whose secret `i` is labelled `s{i}`, so `Verified::secret_label` can be checked.
pub fn labelled(secrets: &[&str]) -> SecretSet {
    SecretSet::new(
        secrets
            .iter()
            .enumerate()
            .map(|(i, s)| Secret::from(*s).with_label(format!("s{i}"))),
    )
    .unwrap()
}

/// Strings that must never appear in an error or a `Debug` output: the secrets (and the base64
/// part of `whsec_` ones) and the signatures the verifier computed. A string the input itself
/// holds is not checked: outputs may echo what the sender sent (an id header, say).
pub struct Forbidden<'a> {
    pub secrets: &'a [&'a str],
    pub expected: Vec<String>,
    pub input: &'a [u8],
}

impl Forbidden<'_> {
    fn check(&self, what: &str, text: &str) {
        let sent = |needle: &str| {
            self.input
                .windows(needle.len().max(1))
                .any(|w| w == needle.as_bytes())
        };
        let leaks = |needle: &str| text.contains(needle) && !sent(needle);
        for s in self.secrets {
            // Very short secrets ("foo") could occur in ordinary messages by chance.
            if s.len() >= 6 {
                assert!(!leaks(s), "{what} leaks a secret: {text}");
            }
            if let Some(b64) = s.strip_prefix("whsec_") {
                assert!(!leaks(b64), "{what} leaks a secret's key: {text}");
            }
        }
        for e in &self.expected {
            assert!(!leaks(e), "{what} leaks an expected signature: {text}");
        }
    }
}

/// The checks every verify outcome gets, whatever the provider.
///
/// - `Ok`: the provider id, `secret_index < secrets`, the label of that secret, the body echoed
///   byte for byte, an idempotency key scoped by provider, `into_owned` equal to the original,
///   `event_type`/`idempotency_key` (a JSON walk of the body) never panic, no secret in `Debug`.
/// - `Err`: a kind a verifier can return, a status and code consistent with it, a non-empty
///   message, and neither the message nor `Debug` holds a secret or expected signature.
pub fn check_outcome(
    result: &Result<Verified<'_>, Error>,
    provider: &str,
    secrets: usize,
    body: &[u8],
    forbidden: &Forbidden<'_>,
) {
    match result {
        Ok(v) => {
            assert_eq!(v.provider(), provider);
            assert!(
                v.secret_index() < secrets,
                "secret_index {} of {secrets}",
                v.secret_index()
            );
            let label = format!("s{}", v.secret_index());
            assert_eq!(v.secret_label(), Some(label.as_str()));
            assert_eq!(v.body(), body);
            let _ = v.event_type();
            if let Some(key) = v.idempotency_key() {
                let prefix = format!("{provider}:");
                assert!(key.as_str().starts_with(&prefix), "key {key} not scoped");
                assert_eq!(key.to_string(), key.as_str());
            }
            let owned = v.clone().into_owned();
            assert!(owned == *v, "into_owned changed the verdict");
            assert_eq!(owned.event_type(), v.event_type());
            let mut debug = String::new();
            write!(debug, "{v:?}").unwrap();
            forbidden.check("Verified Debug", &debug);
        }
        Err(e) => {
            let kind = e.kind();
            assert!(
                !matches!(
                    kind,
                    ErrorKind::BodyTooLarge | ErrorKind::MissingRequestPart
                ),
                "a verifier raised {kind:?}"
            );
            assert_eq!(e.code(), kind.code());
            let expected_status = match kind {
                ErrorKind::TimestampTooOld
                | ErrorKind::TimestampTooNew
                | ErrorKind::SignatureMismatch
                | ErrorKind::BodyDigestMismatch => 401,
                _ => 400,
            };
            assert_eq!(e.status(), expected_status, "{e:?}");
            let display = e.to_string();
            assert!(!display.is_empty());
            forbidden.check("Error Display", &display);
            forbidden.check("Error Debug", &format!("{e:?}"));
            if let Error::SignatureMismatch {
                secrets: n,
                signatures,
            } = e
            {
                assert_eq!(*n, secrets);
                assert!((1..=MAX_SIGNATURES).contains(signatures), "{e:?}");
            }
        }
    }
}

/// Asserts that a verdict is the model's.
pub fn check_model(result: &Result<Verified<'_>, Error>, model: Model, what: &dyn std::fmt::Debug) {
    let ok = match (result, model) {
        (Ok(v), Model::Ok(i)) => v.secret_index() == i,
        (Err(e), Model::TooOld) => e.kind() == ErrorKind::TimestampTooOld,
        (Err(e), Model::TooNew) => e.kind() == ErrorKind::TimestampTooNew,
        (Err(e), Model::Reject) => !matches!(
            e.kind(),
            ErrorKind::TimestampTooOld | ErrorKind::TimestampTooNew
        ),
        _ => false,
    };
    assert!(
        ok,
        "verdict differs from the reference model: got {result:?}, model {model:?}, input {what:?}"
    );
}

/// `body` with one byte changed (or one byte added when it is empty), at a position picked
/// from `seed`.
pub fn tampered(body: &[u8], seed: u64) -> Cow<'_, [u8]> {
    if body.is_empty() {
        return Cow::Owned(vec![b'x']);
    }
    let mut out = body.to_vec();
    let i = (seed % body.len() as u64) as usize;
    out[i] ^= 0x01;
    Cow::Owned(out)
}

/// Asserts that a verification of a tampered body fails with `SignatureMismatch`.
pub fn assert_mismatch(result: Result<Verified<'_>, Error>) {
    match result {
        Err(Error::SignatureMismatch { .. }) => {}
        other => panic!("tampered body: expected SignatureMismatch, got {other:?}"),
    }
}

/// `Signatures::extend` + `check` of `elements` against a reference written here, and
/// `Signatures::matches` / `mismatch` / `malformed`:
/// - only the elements before the first `Err` count (a malformed element ends the list);
/// - more than `MAX_SIGNATURES` of them is `TooManySignatures`;
/// - none is the malformed element that ended the list, else `NoSignature`;
/// - otherwise `texts()` is exactly those elements, in order; each of them `matches` its own
///   text and nothing matches a text none of them is;
/// - `mismatch(1)` is the element that ended the list, else (no text decodes) the first
///   text's decode error, else `SignatureMismatch` counting the texts that decode;
///   `malformed()` is the malformed case alone.
pub fn check_signatures(
    elements: &[Result<&str, hooksign::Malformed>],
    encoding: hooksign::provider::spec::Encoding,
    len: usize,
) {
    use hooksign::Malformed;
    use hooksign::scheme::list::Signatures;
    let name: std::borrow::Cow<'static, str> = FUZZ_SIGNATURE.as_str().to_owned().into();
    let mut signatures = Signatures::new(encoding, len, &FUZZ_SIGNATURE, "v1");
    signatures.extend(elements.iter().cloned());
    let result = signatures.check();

    let cut = elements.iter().position(Result::is_err);
    let cut_reason = cut.map(|i| elements[i].clone().unwrap_err());
    let values: Vec<&str> = elements[..cut.unwrap_or(elements.len())]
        .iter()
        .map(|e| *e.as_ref().unwrap())
        .collect();
    let malformed = |reason: Malformed| Error::MalformedHeader {
        name: name.clone(),
        reason,
    };
    let expected: Result<(), Error> = if values.len() > MAX_SIGNATURES {
        Err(malformed(Malformed::TooManySignatures {
            max: MAX_SIGNATURES,
        }))
    } else if !values.is_empty() {
        Ok(())
    } else if let Some(reason) = cut_reason.clone() {
        Err(malformed(reason))
    } else {
        Err(Error::NoSignature {
            name: name.clone(),
            version: "v1".into(),
        })
    };
    assert_eq!(result, expected, "{elements:?}");
    if let Err(e) = result {
        assert!(!e.to_string().is_empty());
        return;
    }
    assert_eq!(signatures.texts(), values.as_slice());
    for value in &values {
        assert!(bool::from(signatures.matches(value.as_bytes())));
    }
    let outsider = format!("{}x", values.concat());
    assert!(!bool::from(signatures.matches(outsider.as_bytes())));

    let decoded: Vec<_> = values
        .iter()
        .map(|v| reference_decode(encoding, v, len))
        .collect();
    let well_formed = decoded.iter().filter(|d| d.is_ok()).count();
    let first_error = decoded.iter().find_map(|d| d.clone().err());
    let mismatch = signatures.mismatch(1);
    match (cut_reason, first_error) {
        (Some(reason), _) => assert_eq!(mismatch, malformed(reason)),
        (None, Some(reason)) if well_formed == 0 => assert_eq!(mismatch, malformed(reason)),
        (None, _) => assert_eq!(
            mismatch,
            Error::SignatureMismatch {
                secrets: 1,
                signatures: well_formed,
            }
        ),
    }
    assert_eq!(
        signatures.malformed().is_some(),
        mismatch.kind() == ErrorKind::MalformedHeader
    );
}

/// The header name the parser targets give their `Signatures`.
pub static FUZZ_SIGNATURE: HeaderKey = HeaderKey::new("Fuzz-Signature", "fuzz-signature");

static TRACE: std::sync::LazyLock<bool> =
    std::sync::LazyLock::new(|| std::env::var_os("HOOKSIGN_FUZZ_TRACE").is_some());

/// With `HOOKSIGN_FUZZ_TRACE` set, prints `note`.
pub fn trace_note(note: &str) {
    if *TRACE {
        eprintln!("{note}");
    }
}

/// With `HOOKSIGN_FUZZ_TRACE` set, prints each verdict (to check that valid seeds verify:
/// `HOOKSIGN_FUZZ_TRACE=1 cargo fuzz run T fuzz/corpus/T -- -runs=0 2>&1 | grep -c '^verdict ok'`).
pub fn trace(result: &Result<Verified<'_>, Error>) {
    if *TRACE {
        match result {
            Ok(v) => eprintln!("verdict ok secret={}", v.secret_index()),
            Err(e) => eprintln!("verdict err {}", e.code()),
        }
    }
}
