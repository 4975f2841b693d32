//! The description of an HMAC-over-a-template scheme: what a built-in provider is made of, and
//! what a [`Custom`](crate::provider::Custom) provider is configured with.
//!
//! A [`Spec`] says where the signature is ([`SignatureFormat`]), how it is computed
//! ([`Algorithm`], [`Encoding`], [`SecretFormat`], the signed content as a list of [`Part`]s),
//! where the timestamp comes from and how it is checked ([`TimestampSpec`]), and where the
//! delivery's id, idempotency key and event type come from ([`Source`]). One private engine
//! runs every spec; the built-in providers are `static` specs plus their documentation.
//!
//! Everything here is plain data: `Cow<'static, …>` fields hold `&'static` values for the
//! built-in specs (no allocation) and owned values for specs read from a configuration file.

use std::borrow::Cow;
use std::sync::Arc;

pub use crate::provider::custom::{SpecBuilder, SpecError};
use crate::{HeaderKey, Tolerance};

/// The hash function under an HMAC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Algorithm {
    /// HMAC-SHA1: only for legacy headers (GitHub `X-Hub-Signature`) and old schemes.
    Sha1,
    /// HMAC-SHA256: what almost every provider uses.
    Sha256,
    /// HMAC-SHA384.
    Sha384,
    /// HMAC-SHA512.
    Sha512,
}

impl Algorithm {
    /// The tag length in bytes.
    ///
    /// ```
    /// use hooksign::provider::spec::Algorithm;
    /// assert_eq!(Algorithm::Sha256.output_len(), 32);
    /// assert_eq!(Algorithm::Sha384.output_len(), 48);
    /// ```
    pub const fn output_len(self) -> usize {
        match self {
            Algorithm::Sha1 => 20,
            Algorithm::Sha256 => 32,
            Algorithm::Sha384 => 48,
            Algorithm::Sha512 => 64,
        }
    }

    /// The name used in the compact text form and configuration files (`"sha256"`).
    ///
    /// ```
    /// assert_eq!(hooksign::provider::spec::Algorithm::Sha1.name(), "sha1");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Algorithm::Sha1 => "sha1",
            Algorithm::Sha256 => "sha256",
            Algorithm::Sha384 => "sha384",
            Algorithm::Sha512 => "sha512",
        }
    }
}

/// How a signature is written as text.
///
/// Verification compares the received text with the canonical encoding of each computed tag, as
/// the providers' SDKs compare strings; [`Encoding::HexAnyCase`] is the one encoding that also
/// accepts another spelling of the same tag (upper-case hex).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Encoding {
    /// Lower-case hexadecimal, exactly (what `===` on a hex digest accepts).
    Hex,
    /// Hexadecimal in either case; signing writes lower case.
    HexAnyCase,
    /// Standard base64 with padding (RFC 4648 §4).
    Base64,
    /// Standard base64 without padding.
    Base64NoPad,
    /// URL-safe base64 with padding (RFC 4648 §5).
    Base64Url,
    /// URL-safe base64 without padding.
    Base64UrlNoPad,
}

impl Encoding {
    /// The name used in the compact text form and configuration files (`"base64url-nopad"`).
    ///
    /// ```
    /// assert_eq!(hooksign::provider::spec::Encoding::Base64UrlNoPad.name(), "base64-url-no-pad");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Encoding::Hex => "hex",
            Encoding::HexAnyCase => "hex-any-case",
            Encoding::Base64 => "base64",
            Encoding::Base64NoPad => "base64-no-pad",
            Encoding::Base64Url => "base64-url",
            Encoding::Base64UrlNoPad => "base64-url-no-pad",
        }
    }
}

/// How a secret, as the provider issues it, becomes the HMAC key.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SecretFormat {
    /// The secret's bytes as issued (GitHub, Stripe's `whsec_…` used as text, Slack, …).
    Text,
    /// Base64 after `prefix`, which may be absent from the secret (Standard Webhooks:
    /// `whsec_<base64>`); padding is optional. An empty prefix means none.
    Base64 {
        /// The prefix stripped before decoding, if present.
        prefix: Cow<'static, str>,
    },
    /// Hexadecimal, decoded (either case).
    Hex,
    /// Base64 after `prefix` when the secret starts with it; otherwise the secret's bytes as
    /// issued (OpenAI: `whsec_<base64>` is decoded, any other secret is used as text).
    Base64OrText {
        /// The prefix that marks a base64 secret.
        prefix: Cow<'static, str>,
    },
}

/// How the signature header is laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureFormat {
    /// One signature after a fixed prefix: GitHub `sha256=<hex>`, Slack `v0=<hex>`; an empty
    /// prefix for a bare signature (Shopify).
    Prefixed {
        /// The text before the signature (`"sha256="`).
        prefix: Cow<'static, str>,
    },
    /// A list of `key=value` elements (Stripe `t=…,v1=…,v1=…`): every element under
    /// `signature_key` is a candidate signature; other keys are ignored.
    KeyValues {
        /// What separates the elements when reading (`','`).
        separator: char,
        /// What separates them when signing (`","`, or `", "` for providers that write a space).
        written_separator: Cow<'static, str>,
        /// Whether ASCII whitespace around each element is ignored.
        trim: bool,
        /// The key of the signatures (`"v1"`).
        signature_key: Cow<'static, str>,
        /// Which elements under `signature_key` count: all (Stripe sends one per secret while
        /// rolling), or only the first or last, as some SDKs read a single one.
        pick: Pick,
    },
    /// Space-separated `version,signature` entries (Standard Webhooks `v1,<b64> v1,<b64>`):
    /// every entry of `version` is a candidate; which other entries count is `labels`.
    Versioned {
        /// The version checked (`"v1"`), and written when signing.
        version: Cow<'static, str>,
        /// Which entries are candidates besides those labelled `version`.
        labels: Labels,
    },
}

/// Which entries of a [`SignatureFormat::Versioned`] list are candidate signatures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Labels {
    /// Only entries labelled with the version; others are skipped, and an entry that is not
    /// `label,signature` makes the header malformed (Standard Webhooks, Svix).
    Exact,
    /// Entries labelled with the version, and bare entries with no label at all; entries
    /// under another label are skipped (OpenAI's SDKs strip a leading `v1,` when present and
    /// try the rest as it is).
    ExactOrBare,
    /// The signature of every `label,signature` entry, whatever its label (Replicate's SDK
    /// takes what follows each entry's comma); bare entries are skipped.
    Any,
}

/// Which of several signatures under a list key the provider's SDK compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Pick {
    /// Every one: any may match.
    All,
    /// Only the first (ElevenLabs' SDK).
    First,
    /// Only the last (Paddle's SDK keeps overwriting its one slot).
    Last,
}

/// One piece of the signed content, fed to the MAC in order, never concatenated.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Part {
    /// Fixed bytes (`"v0:"`, `"."`).
    Literal(Cow<'static, [u8]>),
    /// The raw body.
    Body,
    /// The timestamp, written as [`TimestampSpec::signed`] says.
    Timestamp,
    /// The message id read from [`Spec::message_id`].
    MessageId,
    /// The value of another header (required).
    Header(HeaderKey),
}

/// Where the signed timestamp is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimestampSource {
    /// A header (the first of these names that is present).
    Header(Cow<'static, [HeaderKey]>),
    /// An element of a [`SignatureFormat::KeyValues`] signature header (Stripe's `t`).
    ListKey(Cow<'static, str>),
    /// A field of the (signed) JSON body, a number or a string of digits: read after the
    /// signature matched, so the window is checked after the MAC (Linear's `webhookTimestamp`).
    Body(BodyPaths),
}

/// What the timestamp counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeUnit {
    /// Unix seconds.
    Seconds,
    /// Unix milliseconds.
    Millis,
    /// An RFC 3339 date-time (`2024-01-31T12:00:00Z`, `…+01:00`), signed as received.
    Rfc3339,
}

/// How strictly the timestamp text is parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Parsing {
    /// ASCII digits only.
    Strict,
    /// Surrounding whitespace and a fractional part are ignored (the Standard Webhooks reference
    /// libraries' `float()` / `parseInt`).
    Lenient,
}

/// How the timestamp is written into the signed content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignedForm {
    /// The received text, byte for byte (Slack).
    AsReceived,
    /// The parsed number written back in decimal (Stripe, Standard Webhooks: their SDKs parse
    /// the value and sign the number).
    Canonical,
}

/// When the replay window is checked, relative to the signature: this decides which error a
/// delivery that is both stale and forged gets, so each provider keeps its SDK's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum WindowCheck {
    /// As soon as the timestamp is parsed, before the signature header is (Standard Webhooks).
    First,
    /// After the signature header is parsed, before the MAC; a malformed signature is reported
    /// rather than the stale timestamp (Slack).
    BeforeMac,
    /// After the MAC: a forged delivery is a mismatch whatever its timestamp (Stripe).
    AfterMac,
}

/// The signed timestamp: where it is, how it is read and signed, and its replay window.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TimestampSpec {
    /// Where it is.
    pub source: TimestampSource,
    /// What it counts.
    pub unit: TimeUnit,
    /// How strictly it is parsed.
    pub parsing: Parsing,
    /// How it is signed.
    pub signed: SignedForm,
    /// The provider's default window (its SDK's tolerance and direction).
    pub tolerance: Tolerance,
    /// When the window is checked.
    pub check: WindowCheck,
}

/// A header read after the signature matched, for the id, the event type, or because the
/// provider's SDK requires it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Meta {
    /// The header.
    pub header: HeaderKey,
    /// Whether a delivery without it (or with it empty) is rejected.
    pub required: bool,
}

/// JSON paths into the body (object keys from the root); the first that holds a string wins.
///
/// Built in: `&'static` paths. Configured: shared, so that a verification that names them
/// copies nothing.
///
/// ```
/// use hooksign::provider::spec::BodyPaths;
/// static EVENT_TYPE: BodyPaths = BodyPaths::from_static(&[&["event", "type"], &["type"]]);
/// let configured = BodyPaths::new([vec!["data", "id"]]);
/// assert_eq!(configured.to_vec(), [["data", "id"]]);
/// assert_eq!(EVENT_TYPE.to_vec().len(), 2);
/// ```
#[derive(Debug, Clone)]
pub struct BodyPaths(Paths);

/// Paths are equal when they name the same keys, wherever they are stored.
impl PartialEq for BodyPaths {
    fn eq(&self, other: &Self) -> bool {
        self.to_vec() == other.to_vec()
    }
}

impl Eq for BodyPaths {}

#[derive(Debug, Clone)]
enum Paths {
    Static(&'static [&'static [&'static str]]),
    Shared(Arc<[Box<[Box<str>]>]>),
}

impl BodyPaths {
    /// Paths fixed at compile time.
    pub const fn from_static(paths: &'static [&'static [&'static str]]) -> Self {
        BodyPaths(Paths::Static(paths))
    }

    /// Paths known at run time.
    pub fn new<P, K>(paths: impl IntoIterator<Item = P>) -> Self
    where
        P: IntoIterator<Item = K>,
        K: Into<String>,
    {
        let paths = paths
            .into_iter()
            .map(|path| {
                path.into_iter()
                    .map(|k| k.into().into_boxed_str())
                    .collect()
            })
            .collect();
        BodyPaths(Paths::Shared(paths))
    }

    /// The paths, each as its keys.
    pub fn to_vec(&self) -> Vec<Vec<&str>> {
        match &self.0 {
            Paths::Static(paths) => paths.iter().map(|p| p.to_vec()).collect(),
            Paths::Shared(paths) => paths
                .iter()
                .map(|p| p.iter().map(|k| &**k).collect())
                .collect(),
        }
    }

    /// The non-negative integer at the first path that holds one (a number or digits).
    pub(crate) fn find_uint(&self, body: &[u8]) -> Option<u64> {
        match &self.0 {
            Paths::Static(paths) => paths
                .iter()
                .find_map(|path| crate::body_field::uint_at(body, path)),
            Paths::Shared(paths) => paths
                .iter()
                .find_map(|path| crate::body_field::uint_at(body, path)),
        }
    }

    /// The paths in words (`webhookTimestamp`, `data.created_at`), for errors.
    pub(crate) fn describe(&self) -> String {
        self.to_vec()
            .iter()
            .map(|path| path.join("."))
            .collect::<Vec<_>>()
            .join(" or ")
    }

    /// The string at the first path that holds one in `body`, if it is JSON.
    pub(crate) fn find<'b>(&self, body: &'b [u8]) -> Option<Cow<'b, str>> {
        match &self.0 {
            Paths::Static(paths) => paths
                .iter()
                .find_map(|path| crate::body_field::string_at(body, path)),
            Paths::Shared(paths) => paths
                .iter()
                .find_map(|path| crate::body_field::string_at(body, path)),
        }
    }
}

/// Where a piece of delivery metadata comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Source {
    /// The provider sends none.
    None,
    /// The signed message id ([`Spec::message_id`]).
    MessageId,
    /// A header (one of [`Spec::metadata`]); signing writes the message's value into it.
    Header(HeaderKey),
    /// A string in the JSON body, read only when asked for.
    Body(BodyPaths),
}

/// In which order the headers read before the MAC are looked up: the first missing one is the
/// one reported, as in the provider's SDK.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Order {
    /// Signature, then timestamp, then message id (Slack).
    SignatureFirst,
    /// Message id, then timestamp, then signature (Standard Webhooks).
    SignatureLast,
}

/// A second, older signature header checked only when the main one is absent and the legacy
/// algorithm was asked for at construction (GitHub's `X-Hub-Signature: sha1=`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Legacy {
    /// The legacy header.
    pub header: HeaderKey,
    /// Its prefix (`"sha1="`).
    pub prefix: Cow<'static, str>,
    /// Its algorithm.
    pub algorithm: Algorithm,
}

/// A complete HMAC-over-a-template scheme.
///
/// Built-in providers are `static` specs; a [`Custom`](crate::provider::Custom) provider is
/// built from one made with [`Spec::builder`], read from a configuration file (serde), or parsed
/// from the compact text form ([`Spec::parse`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Spec {
    /// The signature header (the first of these names that is present is read).
    pub signature_header: Cow<'static, [HeaderKey]>,
    /// How the signature header is laid out.
    pub format: SignatureFormat,
    /// The HMAC's hash.
    pub algorithm: Algorithm,
    /// How signatures are written.
    pub encoding: Encoding,
    /// How secrets become keys.
    pub secret: SecretFormat,
    /// The signed content.
    pub content: Cow<'static, [Part]>,
    /// The signed timestamp, if the scheme has one.
    pub timestamp: Option<TimestampSpec>,
    /// The signed message id header, if the scheme has one (the first name present is read).
    pub message_id: Option<Cow<'static, [HeaderKey]>>,
    /// The order of the headers read before the MAC.
    pub order: Order,
    /// Whether a present but empty signature, timestamp or id header counts as missing (the
    /// Standard Webhooks libraries), rather than as a malformed value.
    pub empty_is_missing: bool,
    /// Headers read after the MAC, in this order.
    pub metadata: Cow<'static, [Meta]>,
    /// Where [`Verified::id`](crate::Verified::id) comes from: a header or the message id (a
    /// body field is refused: an id in the body serves as the idempotency key instead).
    pub id: Source,
    /// Where the idempotency key comes from.
    pub idempotency: Source,
    /// Where the event type comes from.
    pub event_type: Source,
    /// A legacy signature header, if the provider has one.
    pub legacy: Option<Legacy>,
}

/// Most parts a signed content may have, and most metadata headers: bounds that keep the
/// engine's working state on the stack.
pub const MAX_PARTS: usize = 8;

/// Most headers a spec may read after the MAC.
pub const MAX_METADATA: usize = 8;

/// The body alone, the simplest signed content.
pub(crate) static BODY: [Part; 1] = [Part::Body];

impl Spec {
    /// Whether a timestamp is signed (then the provider has a replay window).
    pub fn is_timestamped(&self) -> bool {
        self.timestamp.is_some()
    }

    /// The headers a delivery of this scheme carries that are signed or verified: signature,
    /// timestamp, id and header parts, in that order, each once.
    pub fn signed_headers(&self) -> impl Iterator<Item = &HeaderKey> + '_ {
        let timestamp = match self.timestamp.as_ref().map(|t| &t.source) {
            Some(TimestampSource::Header(names)) => &names[..],
            _ => &[],
        };
        let id = self.message_id.as_deref().unwrap_or(&[]);
        let parts = self.content.iter().filter_map(|part| match part {
            Part::Header(key) => Some(key),
            _ => None,
        });
        self.signature_header
            .iter()
            .chain(timestamp)
            .chain(id)
            .chain(parts)
    }
}
