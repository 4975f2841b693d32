//! Why a delivery was rejected, why a configuration was refused, why signing failed.
//!
//! Rejections ([`Error`]) are kept apart from configuration mistakes ([`SecretError`]) and
//! signing failures ([`SignError`]): the first is about untrusted input and maps to an HTTP
//! status, the others are the operator's or the sender's own bugs.
//!
//! No error ever carries a secret, a computed MAC or an expected signature: only which part of
//! the request was wrong and how.

use std::borrow::Cow;
use std::fmt;

/// A header name as it appears in an error: static for built-in providers, owned for
/// configurable ones.
pub(crate) type HeaderName = Cow<'static, str>;

/// Why a delivery was rejected.
///
/// Every variant names what was wrong with the request. [`Error::code`] gives a stable
/// snake_case identifier (used by the CLI's `--json` output), [`Error::status`] the HTTP status
/// a receiver should answer with.
///
/// ```
/// use hooksign::{GitHub, SecretSet, Error};
///
/// let github = GitHub::new(SecretSet::new(["It's a Secret to Everybody"])?);
/// let headers = [("X-Hub-Signature-256", "sha256=0000")];
/// let err = hooksign::verify(&github, &headers, b"Hello, World!").unwrap_err();
/// assert_eq!(err.code(), "malformed_header");
/// assert_eq!(err.status(), 400);
/// # Ok::<(), hooksign::SecretError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A header the scheme needs is absent.
    #[error("missing header {name}")]
    MissingHeader {
        /// The header that was looked for (the first name, where several are accepted).
        name: Cow<'static, str>,
    },
    /// A header is present but cannot be used.
    #[error("malformed header {name}: {reason}")]
    MalformedHeader {
        /// The offending header.
        name: Cow<'static, str>,
        /// What was wrong with it.
        reason: Malformed,
    },
    /// The signature header parsed, but holds no signature of a version this verifier checks
    /// (for example a Stripe header with only `v0=` entries).
    #[error("header {name} holds no {version} signature")]
    NoSignature {
        /// The signature header.
        name: Cow<'static, str>,
        /// The signature version that was looked for, e.g. `v1`.
        version: Cow<'static, str>,
    },
    /// The signed timestamp is further in the past than the tolerance allows.
    #[error("timestamp is {age_secs} s old, more than the {tolerance_secs} s tolerance")]
    TimestampTooOld {
        /// How old the timestamp is, in seconds.
        age_secs: u64,
        /// The tolerance that was exceeded, in seconds.
        tolerance_secs: u64,
    },
    /// The signed timestamp is further in the future than the tolerance allows.
    #[error(
        "timestamp is {ahead_secs} s in the future, more than the {tolerance_secs} s tolerance"
    )]
    TimestampTooNew {
        /// How far ahead of the clock the timestamp is, in seconds.
        ahead_secs: u64,
        /// The tolerance that was exceeded, in seconds.
        tolerance_secs: u64,
    },
    /// Well-formed signatures, but none was made with any of the secrets.
    ///
    /// The counts are for the receiver's code and logs; the message (what a response body
    /// shows) leaves them out, so a sender cannot learn how many secrets the receiver holds
    /// (several means a rotation is under way).
    ///
    /// ```
    /// let err = hooksign::Error::SignatureMismatch { secrets: 2, signatures: 1 };
    /// assert_eq!(err.to_string(), "no signature matched");
    /// ```
    #[error("no signature matched")]
    SignatureMismatch {
        /// How many secrets were tried.
        secrets: usize,
        /// How many well-formed signatures the request carried.
        signatures: usize,
    },
    /// The request body is larger than the configured limit (raised by the framework
    /// integrations and the CLI, which read the body).
    #[error("body is larger than the {limit} byte limit")]
    BodyTooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// A field of the verified body that the scheme reads (a timestamp) is absent or unusable.
    #[error("malformed body field {field}: {reason}")]
    MalformedBody {
        /// The field, as a dotted path.
        field: Cow<'static, str>,
        /// What was wrong with it.
        reason: Malformed,
    },
    /// The scheme signs a part of the request (URL, method) that the caller did not supply.
    #[error("the {part} of the request is needed to verify this provider's signature")]
    MissingRequestPart {
        /// `"url"` or `"method"`.
        part: &'static str,
    },
    /// A part of the request the scheme signs (URL, method) was supplied but cannot be used:
    /// a URL without `scheme://host`, a method the scheme does not sign, more URL query
    /// parameters than the parser accepts.
    ///
    /// ```
    /// let err = hooksign::Error::MalformedRequestPart {
    ///     part: "method",
    ///     reason: hooksign::Malformed::Unexpected { expected: "GET or POST".into() },
    /// };
    /// assert_eq!(err.to_string(), "malformed method of the request: expected \"GET or POST\"");
    /// assert_eq!((err.code(), err.status()), ("malformed_request_part", 400));
    /// ```
    #[error("malformed {part} of the request: {reason}")]
    MalformedRequestPart {
        /// `"url"` or `"method"`.
        part: &'static str,
        /// What was wrong with it.
        reason: Malformed,
    },
    /// The signature matched, but the body is not the one it vouches for: the digest of the
    /// body that the signed URL carries (Twilio's `bodySHA256` query parameter) differs.
    ///
    /// ```
    /// let err = hooksign::Error::BodyDigestMismatch { parameter: "bodySHA256" };
    /// assert_eq!(err.to_string(), "the body does not match the signed digest bodySHA256");
    /// assert_eq!((err.code(), err.status()), ("body_digest_mismatch", 401));
    /// ```
    #[error("the body does not match the signed digest {parameter}")]
    BodyDigestMismatch {
        /// Where the signed digest was carried, e.g. the query parameter `bodySHA256`.
        parameter: &'static str,
    },
    /// One item of a batch of notifications carried in the body (Adyen's `notificationItems`)
    /// was rejected: which one, counting from 0, and why. Its [`kind`](Error::kind),
    /// [`code`](Error::code) and [`status`](Error::status) are those of the reason.
    ///
    /// ```
    /// let err = hooksign::Error::BatchItem {
    ///     index: 1,
    ///     reason: Box::new(hooksign::Error::SignatureMismatch { secrets: 1, signatures: 1 }),
    /// };
    /// assert_eq!(err.to_string(), "notification item 1: no signature matched");
    /// assert_eq!(err.code(), "signature_mismatch");
    /// ```
    #[error("notification item {index}: {reason}")]
    BatchItem {
        /// The item's position in the batch, from 0.
        index: usize,
        /// Why it was rejected (never itself a `BatchItem`).
        reason: Box<Error>,
    },
}

impl Error {
    /// The stable snake_case name of this error's kind, e.g. `"signature_mismatch"`.
    ///
    /// ```
    /// let err = hooksign::Error::SignatureMismatch { secrets: 1, signatures: 1 };
    /// assert_eq!(err.code(), "signature_mismatch");
    /// ```
    pub fn code(&self) -> &'static str {
        self.kind().code()
    }

    /// The kind of this error, without its details.
    ///
    /// ```
    /// use hooksign::{Error, ErrorKind};
    /// let err = Error::TimestampTooOld { age_secs: 301, tolerance_secs: 300 };
    /// assert_eq!(err.kind(), ErrorKind::TimestampTooOld);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::MissingHeader { .. } => ErrorKind::MissingHeader,
            Error::MalformedHeader { .. } => ErrorKind::MalformedHeader,
            Error::NoSignature { .. } => ErrorKind::NoSignature,
            Error::TimestampTooOld { .. } => ErrorKind::TimestampTooOld,
            Error::TimestampTooNew { .. } => ErrorKind::TimestampTooNew,
            Error::SignatureMismatch { .. } => ErrorKind::SignatureMismatch,
            Error::BodyTooLarge { .. } => ErrorKind::BodyTooLarge,
            Error::MissingRequestPart { .. } => ErrorKind::MissingRequestPart,
            Error::MalformedBody { .. } => ErrorKind::MalformedBody,
            Error::MalformedRequestPart { .. } => ErrorKind::MalformedRequestPart,
            Error::BodyDigestMismatch { .. } => ErrorKind::BodyDigestMismatch,
            Error::BatchItem { reason, .. } => reason.kind(),
        }
    }

    /// The HTTP status a receiver should answer with: 400 for a request that is malformed or
    /// incomplete, 401 for one that is well-formed but not authentic or not fresh, 413 for one
    /// that is too large.
    ///
    /// ```
    /// let err = hooksign::Error::SignatureMismatch { secrets: 2, signatures: 1 };
    /// assert_eq!(err.status(), 401);
    /// ```
    pub fn status(&self) -> u16 {
        match self.kind() {
            ErrorKind::MissingHeader
            | ErrorKind::MalformedHeader
            | ErrorKind::NoSignature
            | ErrorKind::MissingRequestPart
            | ErrorKind::MalformedBody
            | ErrorKind::MalformedRequestPart => 400,
            ErrorKind::TimestampTooOld
            | ErrorKind::TimestampTooNew
            | ErrorKind::SignatureMismatch
            | ErrorKind::BodyDigestMismatch => 401,
            ErrorKind::BodyTooLarge => 413,
        }
    }

    pub(crate) fn malformed(name: impl Into<HeaderName>, reason: Malformed) -> Self {
        Error::MalformedHeader {
            name: name.into(),
            reason,
        }
    }

    pub(crate) fn missing(name: impl Into<HeaderName>) -> Self {
        Error::MissingHeader { name: name.into() }
    }
}

/// The kind of an [`Error`], without its details: what to match on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// See [`Error::MissingHeader`].
    MissingHeader,
    /// See [`Error::MalformedHeader`].
    MalformedHeader,
    /// See [`Error::NoSignature`].
    NoSignature,
    /// See [`Error::TimestampTooOld`].
    TimestampTooOld,
    /// See [`Error::TimestampTooNew`].
    TimestampTooNew,
    /// See [`Error::SignatureMismatch`].
    SignatureMismatch,
    /// See [`Error::BodyTooLarge`].
    BodyTooLarge,
    /// See [`Error::MissingRequestPart`].
    MissingRequestPart,
    /// See [`Error::MalformedBody`].
    MalformedBody,
    /// See [`Error::MalformedRequestPart`].
    MalformedRequestPart,
    /// See [`Error::BodyDigestMismatch`].
    BodyDigestMismatch,
}

impl ErrorKind {
    /// Every kind, in declaration order.
    pub const ALL: [ErrorKind; 11] = [
        ErrorKind::MissingHeader,
        ErrorKind::MalformedHeader,
        ErrorKind::NoSignature,
        ErrorKind::TimestampTooOld,
        ErrorKind::TimestampTooNew,
        ErrorKind::SignatureMismatch,
        ErrorKind::BodyTooLarge,
        ErrorKind::MissingRequestPart,
        ErrorKind::MalformedBody,
        ErrorKind::MalformedRequestPart,
        ErrorKind::BodyDigestMismatch,
    ];

    /// The stable snake_case name of the kind.
    ///
    /// ```
    /// assert_eq!(hooksign::ErrorKind::NoSignature.code(), "no_signature");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::MissingHeader => "missing_header",
            ErrorKind::MalformedHeader => "malformed_header",
            ErrorKind::NoSignature => "no_signature",
            ErrorKind::TimestampTooOld => "timestamp_too_old",
            ErrorKind::TimestampTooNew => "timestamp_too_new",
            ErrorKind::SignatureMismatch => "signature_mismatch",
            ErrorKind::BodyTooLarge => "body_too_large",
            ErrorKind::MissingRequestPart => "missing_request_part",
            ErrorKind::MalformedBody => "malformed_body",
            ErrorKind::MalformedRequestPart => "malformed_request_part",
            ErrorKind::BodyDigestMismatch => "body_digest_mismatch",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// What was wrong with a malformed header.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Malformed {
    /// The value is longer than the parser accepts.
    #[error("longer than {max} bytes")]
    TooLong {
        /// The maximum accepted length.
        max: usize,
    },
    /// The header appears several times with different values.
    #[error("repeated with different values")]
    Repeated,
    /// The value is not visible ASCII / UTF-8 text.
    #[error("not valid text")]
    NotText,
    /// The value is empty.
    #[error("empty")]
    Empty,
    /// The value is not the one the scheme requires (Box's `BOX-SIGNATURE-VERSION: 1`).
    #[error("expected {expected:?}")]
    Unexpected {
        /// The required value.
        expected: Cow<'static, str>,
    },
    /// The value does not start with the expected prefix.
    #[error("expected the prefix {expected:?}")]
    MissingPrefix {
        /// The prefix that was expected, e.g. `sha256=`.
        expected: Cow<'static, str>,
    },
    /// The signature is not lower-case hexadecimal.
    #[error("signature is not lower-case hex")]
    NotHex,
    /// The signature is not canonical padded base64.
    #[error("signature is not canonical base64")]
    NotBase64,
    /// The decoded signature has the wrong length for the algorithm.
    #[error("signature is {actual} bytes, expected {expected}")]
    WrongLength {
        /// Bytes the algorithm produces.
        expected: usize,
        /// Bytes that were decoded.
        actual: usize,
    },
    /// The timestamp is not a non-negative integer in range.
    #[error("timestamp is not a decimal integer")]
    InvalidTimestamp,
    /// A compound header lacks its timestamp element (e.g. Stripe's `t=`).
    #[error("no timestamp element")]
    NoTimestamp,
    /// A compound header repeats its timestamp element.
    #[error("timestamp element repeated")]
    RepeatedTimestamp,
    /// An element of a compound header is not of the form the scheme defines.
    #[error("element {index} is not of the form {expected}")]
    BadElement {
        /// Zero-based position of the element.
        index: usize,
        /// The expected form, e.g. `key=value`.
        expected: &'static str,
    },
    /// The header carries more signatures than the parser accepts.
    #[error("more than {max} signatures")]
    TooManySignatures {
        /// The maximum number of signatures.
        max: usize,
    },
    /// A message id or timestamp holds a character the scheme forbids.
    #[error("contains the forbidden character {0:?}")]
    ForbiddenChar(char),
    /// A form body or URL query holds more parameters than the parser accepts.
    ///
    /// ```
    /// let reason = hooksign::Malformed::TooManyParameters { max: 256 };
    /// assert_eq!(reason.to_string(), "more than 256 parameters");
    /// ```
    #[error("more than {max} parameters")]
    TooManyParameters {
        /// The maximum number of parameters.
        max: usize,
    },
    /// A field the scheme reads is not there (a body field of a body-embedded signature).
    #[error("absent")]
    Absent,
    /// The value is not of the type the scheme reads (a JSON object where a string belongs).
    #[error("expected {expected}")]
    WrongType {
        /// What was expected, e.g. `a string`.
        expected: &'static str,
    },
}

/// Why a secret or secret set was refused at construction.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SecretError {
    /// A [`SecretSet`](crate::SecretSet) needs at least one secret.
    #[error("a secret set needs at least one secret")]
    Empty,
    /// A secret is zero bytes long.
    #[error("secret {index} is empty")]
    EmptySecret {
        /// Position of the secret in the set.
        index: usize,
    },
    /// A secret that must be base64 (Standard Webhooks `whsec_…`) is not.
    #[error("secret {index} is not valid base64 after its {prefix:?} prefix")]
    NotBase64 {
        /// Position of the secret in the set.
        index: usize,
        /// The prefix that was stripped.
        prefix: Cow<'static, str>,
    },
    /// A secret that must be hexadecimal is not.
    #[error("secret {index} is not valid hex")]
    NotHex {
        /// Position of the secret in the set.
        index: usize,
    },
    /// A key of a public-key scheme (Ed25519, ECDSA P-256) is not one: wrong length, not a
    /// point of the curve, not the form the provider issues, a private key whose public half
    /// does not match, or a key of another algorithm.
    ///
    /// ```
    /// let err = hooksign::SecretError::InvalidKey { index: 1, reason: "not 32 bytes" };
    /// assert_eq!(err.to_string(), "key 1 is not usable: not 32 bytes");
    /// ```
    #[error("key {index} is not usable: {reason}")]
    InvalidKey {
        /// Position of the key in the set.
        index: usize,
        /// What is wrong with it (never the key itself).
        reason: &'static str,
    },
    /// A secret is not of the form the provider allows (Telegram's secret token: 1 to 256
    /// characters `A-Z a-z 0-9 _ -`).
    #[error("secret {index} is not {expected}")]
    Form {
        /// Position of the secret in the set.
        index: usize,
        /// The form required, in words.
        expected: &'static str,
    },
}

/// Why a message could not be signed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignError {
    /// The scheme signs a value the message lacks (e.g. Standard Webhooks needs an id).
    #[error("this provider's scheme needs a {0} to sign")]
    Missing(&'static str),
    /// A value would make an invalid header or break the signed content's framing.
    #[error("the {field} cannot be signed: {reason}")]
    Invalid {
        /// Which value.
        field: &'static str,
        /// Why.
        reason: &'static str,
    },
}
