//! The custom HMAC provider: a [`Spec`] written by the user, as a builder, a configuration
//! table (serde) or a compact text form, run by the same engine as the built-in providers.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use crate::provider::registry::ProviderError;
use crate::provider::spec::{
    Algorithm, BodyPaths, Encoding, Labels, Meta, Order, Parsing, Part, Pick, SecretFormat,
    SignatureFormat, SignedForm, Source, Spec, TimeUnit, TimestampSource, TimestampSpec,
    WindowCheck,
};
use crate::provider::{Sign, Verify};
use crate::scheme::template::{self, Clock, SpecRef, Template};
use crate::verified::ProviderName;
use crate::{
    Delivery, Error, HeaderKey, Message, SecretSet, SignError, SignedHeaders, Tolerance, UnixTime,
    Verified,
};

/// A provider configured at run time from a [`Spec`]: a builder ([`Spec::builder`]), a
/// configuration table (serde) or the compact text form ([`Spec::parse`]), run by the same
/// engine as the built-in providers.
///
/// # The text form
///
/// `key=value` pairs separated by `;` (a value holding `;` or spaces is quoted: `list=';'`).
/// The same keys make a configuration table (TOML, JSON, …) through serde.
///
/// | key | value | default |
/// |---|---|---|
/// | `header` | the signature header; `A,B` reads the first present | required |
/// | `prefix` | text before the signature (`sha256=`) | none |
/// | `list` | the signature header is a `key=value` list with this separator | not a list |
/// | `list-written` | the separator signing writes (`', '`) | `list` |
/// | `trim` | `true`: spaces around list elements are ignored | `false` |
/// | `signature-key` | the list key of the signatures | `v1` |
/// | `versioned` | the header is `version,sig version,sig …`; check this version | not versioned |
/// | `versioned-labels` | which other entries count: `exact` (none), `or-bare` (entries with no label), `any` (every label) | `exact` |
/// | `algorithm` | `sha1`, `sha256`, `sha384`, `sha512` | `sha256` |
/// | `encoding` | `hex`, `hex-any-case`, `base64`, `base64-no-pad`, `base64-url`, `base64-url-no-pad` | `hex` |
/// | `secret` | `text`, `hex`, `base64`, `base64:<prefix>` (e.g. `base64:whsec_`), `base64-or-text:<prefix>` (base64 behind the prefix, else text) | `text` |
/// | `content` | the signed content: literal text with `{body}`, `{timestamp}`, `{id}`, `{header:Name}`; `{{` and `}}` for braces | `{body}` |
/// | `timestamp-header` | the timestamp header (`A,B`: the first present) | |
/// | `timestamp-key` | the timestamp is this element of the `list` | |
/// | `timestamp-unit` | `s` or `ms` | `s` |
/// | `timestamp-parsing` | `strict` (digits) or `lenient` (spaces, a fraction) | `strict` |
/// | `timestamp-signed` | `received` (as sent) or `canonical` (the number rewritten) | `received` |
/// | `tolerance` | `300` (either way), `300/past` (only the past), `none` | `300` |
/// | `window` | when the window is checked: `first`, `before-mac`, `after-mac` | `after-mac` |
/// | `id-header` | the signed message id header (`A,B`: the first present) | |
/// | `order` | `signature-first` or `signature-last`: which missing header is reported first | `signature-first` |
/// | `empty-is-missing` | `true`: an empty header counts as absent | `false` |
/// | `require` | headers required after the MAC, `A,B` | none |
/// | `id`, `idempotency-key`, `event-type` | `none`, `id` (the message id), `header:Name`, `body:a.b` (`body:a.b\|c` tries `c` next; not for `id`, which is a header's) | `none`, else `id` for the key |
///
/// # Three services without a built-in provider
///
/// **Typeform** ("Secure your webhooks", typeform.com/developers/webhooks/secure-your-webhooks):
/// `Typeform-Signature: sha256=<base64 of HMAC-SHA256(secret, body)>`.
///
/// ```
/// use hooksign::provider::{Custom, spec::Spec};
/// use hooksign::{SecretSet, Sign, Message};
///
/// let spec = Spec::parse("header=Typeform-Signature;prefix=sha256=;encoding=base64;idempotency-key=body:event_id")?;
/// let typeform = Custom::new("typeform", spec, SecretSet::new(["my-typeform-secret"])?)?;
/// let body = br#"{"event_id":"01HX","event_type":"form_response"}"#;
/// let headers = typeform.sign(&Message::new(body))?;
/// assert!(headers.get("Typeform-Signature").unwrap().starts_with("sha256="));
/// let verified = hooksign::verify(&typeform, &headers, body)?;
/// assert_eq!(verified.idempotency_key().unwrap().as_str(), "typeform:01HX");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// **Zendesk** ("Verifying webhook authenticity", developer.zendesk.com/documentation/webhooks/verifying/):
/// `X-Zendesk-Webhook-Signature` is the base64 HMAC-SHA256 of the
/// `X-Zendesk-Webhook-Signature-Timestamp` value followed directly by the body
/// (`base64(HMACSHA256(TIMESTAMP + BODY))`). Zendesk documents no replay window, so a custom
/// spec's default (300 s either way) applies; `tolerance=none` would turn it off.
///
/// ```
/// use hooksign::provider::{Custom, spec::Spec};
/// use hooksign::{SecretSet, Sign, Message, UnixTime};
///
/// let spec = Spec::parse(
///     "header=X-Zendesk-Webhook-Signature;encoding=base64;\
///      timestamp-header=X-Zendesk-Webhook-Signature-Timestamp;content={timestamp}{body}",
/// )?;
/// let zendesk = Custom::new("zendesk", spec, SecretSet::new(["dGhpc19zZWNyZXQ"])?)?;
/// # let now = UnixTime::from_secs(1_700_000_000);
/// # let headers = zendesk.sign_at(&Message::new(b"{}"), now)?;
/// assert!(hooksign::verify_at(&zendesk, &headers, b"{}", now).is_ok());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// **Paddle Billing** ("Verify webhook signatures", developer.paddle.com/webhooks/signature-verification;
/// `@paddle/paddle-node-sdk`): `Paddle-Signature: ts=<unix>;h1=<hex>` over `{ts}:{body}`,
/// HMAC-SHA256 keyed with the secret as text, 5 s in the past at most.
///
/// ```
/// use hooksign::provider::{Custom, spec::Spec};
/// use hooksign::{SecretSet, Sign, Message, UnixTime, ErrorKind};
///
/// let spec = Spec::parse(
///     "header=Paddle-Signature;list=';';signature-key=h1;timestamp-key=ts;\
///      content={timestamp}:{body};tolerance=5/past;idempotency-key=body:event_id;event-type=body:event_type",
/// )?;
/// let paddle = Custom::new("paddle", spec, SecretSet::new(["pdl_ntfset_01h_secret"])?)?;
/// let body = br#"{"event_id":"evt_01h","event_type":"transaction.paid"}"#;
/// let signed_at = UnixTime::from_secs(1_700_000_000);
/// let headers = paddle.sign_at(&Message::new(body), signed_at)?;
/// assert!(headers.get("Paddle-Signature").unwrap().starts_with("ts=1700000000;h1="));
/// let late = UnixTime::from_secs(1_700_000_006);
/// assert_eq!(hooksign::verify_at(&paddle, &headers, body, late).unwrap_err().kind(), ErrorKind::TimestampTooOld);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # An example
///
/// ```
/// use hooksign::provider::{Custom, spec::Spec};
/// use hooksign::SecretSet;
///
/// // GitHub's scheme, written out.
/// let spec = Spec::parse("header=X-Hub-Signature-256;prefix=sha256=")?;
/// let github_like = Custom::new("my-github", spec, SecretSet::new(["It's a Secret to Everybody"])?)?;
/// let headers = [("X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")];
/// assert!(hooksign::verify(&github_like, &headers, b"Hello, World!").is_ok());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Custom {
    id: Arc<str>,
    engine: Template,
}

impl Custom {
    /// A provider called `id` (the idempotency keys' prefix) verifying and signing `spec` with
    /// `secrets` (read as the spec's [`SecretFormat`] says).
    pub fn new(id: &str, spec: Spec, secrets: SecretSet) -> Result<Self, ProviderError> {
        if id.is_empty() || id.contains(|c: char| c.is_whitespace() || c.is_control()) {
            return Err(ProviderError::Spec(SpecError::new(
                "id",
                "must be a non-empty word",
            )));
        }
        template::validate(&spec)
            .map_err(|reason| ProviderError::Spec(SpecError::new("spec", reason)))?;
        Ok(Custom {
            id: Arc::from(id),
            engine: Template::new(SpecRef::Shared(Arc::new(spec)), &secrets)?,
        })
    }

    /// Sets the replay window (the spec's unless set).
    pub fn with_tolerance(mut self, tolerance: Tolerance) -> Self {
        self.engine.tolerance = tolerance;
        self
    }

    /// The spec it runs.
    pub fn spec(&self) -> &Spec {
        self.engine.spec()
    }
}

impl Verify for Custom {
    fn id(&self) -> &str {
        &self.id
    }

    fn verify_at<'r>(&self, delivery: &Delivery<'r>, now: UnixTime) -> Result<Verified<'r>, Error> {
        let name = ProviderName::Shared(Arc::clone(&self.id));
        self.engine.verify(name, delivery, Clock::At(now))
    }

    fn verify<'r>(&self, delivery: &Delivery<'r>) -> Result<Verified<'r>, Error> {
        let name = ProviderName::Shared(Arc::clone(&self.id));
        self.engine.verify(name, delivery, Clock::System)
    }
}

impl Sign for Custom {
    fn sign_at(&self, message: &Message<'_>, now: UnixTime) -> Result<SignedHeaders, SignError> {
        self.engine.sign(message, now)
    }
}

/// Why a spec could not be built: which key, and what was wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("scheme {key}: {reason}")]
pub struct SpecError {
    key: Cow<'static, str>,
    reason: Cow<'static, str>,
}

impl SpecError {
    fn new(key: impl Into<Cow<'static, str>>, reason: impl Into<Cow<'static, str>>) -> Self {
        SpecError {
            key: key.into(),
            reason: reason.into(),
        }
    }

    /// The key (or `"spec"` for the scheme as a whole).
    pub fn key(&self) -> &str {
        &self.key
    }
}

/// Builds a [`Spec`] step by step (also what the text form and serde fill in).
///
/// ```
/// use hooksign::provider::spec::{Algorithm, Encoding, Spec};
/// use hooksign::Tolerance;
///
/// let slack_like = Spec::builder()
///     .with_header("X-Slack-Signature")
///     .with_prefix("v0=")
///     .with_timestamp_header("X-Slack-Request-Timestamp")
///     .with_content("v0:{timestamp}:{body}")
///     .with_tolerance(Tolerance::symmetric(300))
///     .with_window("before-mac")
///     .build()?;
/// assert_eq!(slack_like.algorithm, Algorithm::Sha256);
/// assert_eq!(slack_like.encoding, Encoding::Hex);
/// # Ok::<(), hooksign::provider::spec::SpecError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct SpecBuilder {
    header: Option<String>,
    prefix: Option<String>,
    list: Option<String>,
    list_written: Option<String>,
    trim: Option<bool>,
    signature_key: Option<String>,
    signature_pick: Option<String>,
    versioned: Option<String>,
    versioned_labels: Option<String>,
    algorithm: Option<String>,
    encoding: Option<String>,
    secret: Option<String>,
    content: Option<String>,
    timestamp_header: Option<String>,
    timestamp_key: Option<String>,
    timestamp_unit: Option<String>,
    timestamp_parsing: Option<String>,
    timestamp_signed: Option<String>,
    tolerance: Option<String>,
    window: Option<String>,
    id_header: Option<String>,
    order: Option<String>,
    empty_is_missing: Option<bool>,
    require: Option<String>,
    id: Option<String>,
    idempotency_key: Option<String>,
    event_type: Option<String>,
}

macro_rules! text_setters {
    ($($(#[$doc:meta])* $method:ident => $field:ident;)*) => {
        $(
            $(#[$doc])*
            pub fn $method(mut self, value: impl Into<String>) -> Self {
                self.$field = Some(value.into());
                self
            }
        )*
    };
}

impl SpecBuilder {
    text_setters! {
        /// The signature header (`A,B`: the first present is read).
        with_header => header;
        /// The text before the signature.
        with_prefix => prefix;
        /// The signature header is a `key=value` list with this separator.
        with_list => list;
        /// The separator signing writes between list elements.
        with_list_written => list_written;
        /// The list key of the signatures.
        with_signature_key => signature_key;
        /// Which of several signatures count: `all`, `first` or `last`.
        with_signature_pick => signature_pick;
        /// The header is a versioned list; the version checked.
        with_versioned => versioned;
        /// Which other entries of a versioned list count: `exact`, `or-bare` or `any`.
        with_versioned_labels => versioned_labels;
        /// `text`, `hex`, `base64`, `base64:<prefix>` or `base64-or-text:<prefix>`.
        with_secret => secret;
        /// The signed content template.
        with_content => content;
        /// The timestamp header.
        with_timestamp_header => timestamp_header;
        /// The timestamp list key.
        with_timestamp_key => timestamp_key;
        /// `s` or `ms`.
        with_timestamp_unit => timestamp_unit;
        /// `strict` or `lenient`.
        with_timestamp_parsing => timestamp_parsing;
        /// `received` or `canonical`.
        with_timestamp_signed => timestamp_signed;
        /// `first`, `before-mac` or `after-mac`.
        with_window => window;
        /// The signed message id header.
        with_id_header => id_header;
        /// `signature-first` or `signature-last`.
        with_order => order;
        /// Headers required after the MAC, `A,B`.
        with_required_headers => require;
        /// Where the id comes from (`header:Name`, `id`, `body:a.b`, `none`).
        with_id => id;
        /// Where the idempotency key comes from.
        with_idempotency_key => idempotency_key;
        /// Where the event type comes from.
        with_event_type => event_type;
    }

    /// The HMAC's hash.
    pub fn with_algorithm(mut self, algorithm: Algorithm) -> Self {
        self.algorithm = Some(algorithm.name().to_owned());
        self
    }

    /// How signatures are written.
    pub fn with_encoding(mut self, encoding: Encoding) -> Self {
        self.encoding = Some(encoding.name().to_owned());
        self
    }

    /// The default replay window.
    pub fn with_tolerance(mut self, tolerance: Tolerance) -> Self {
        self.tolerance = Some(match (tolerance.past_secs, tolerance.future_secs) {
            (Some(p), Some(f)) if p == f => p.to_string(),
            (Some(p), None) => format!("{p}/past"),
            (None, None) => "none".to_owned(),
            (p, f) => format!("{}/{}", p.unwrap_or(0), f.unwrap_or(0)),
        });
        self
    }

    /// Spaces around list elements are ignored.
    pub fn with_trimmed_list(mut self) -> Self {
        self.trim = Some(true);
        self
    }

    /// An empty header counts as absent.
    pub fn with_empty_as_missing(mut self) -> Self {
        self.empty_is_missing = Some(true);
        self
    }

    /// The spec, checked.
    pub fn build(self) -> Result<Spec, SpecError> {
        let names = |key: &'static str, text: &str| -> Result<Vec<HeaderKey>, SpecError> {
            text.split(',')
                .map(|name| {
                    HeaderKey::parse(name.trim()).ok_or_else(|| {
                        SpecError::new(key, format!("{name:?} is not a header name"))
                    })
                })
                .collect()
        };
        let header = self
            .header
            .as_deref()
            .ok_or_else(|| SpecError::new("header", "is required"))?;
        let signature_header = names("header", header)?;

        let format = match (&self.list, &self.versioned) {
            (Some(_), Some(_)) => {
                return Err(SpecError::new("list", "and versioned exclude each other"));
            }
            (Some(separator), None) => {
                let mut chars = separator.chars();
                let (Some(separator), None) = (chars.next(), chars.next()) else {
                    return Err(SpecError::new("list", "is one character"));
                };
                SignatureFormat::KeyValues {
                    separator,
                    written_separator: Cow::Owned(
                        self.list_written
                            .clone()
                            .unwrap_or_else(|| separator.to_string()),
                    ),
                    trim: self.trim.unwrap_or(false),
                    signature_key: Cow::Owned(
                        self.signature_key.clone().unwrap_or_else(|| "v1".into()),
                    ),
                    pick: match self.signature_pick.as_deref().unwrap_or("all") {
                        "all" => Pick::All,
                        "first" => Pick::First,
                        "last" => Pick::Last,
                        _ => return Err(SpecError::new("signature-pick", "is all, first or last")),
                    },
                }
            }
            (None, Some(version)) => SignatureFormat::Versioned {
                version: Cow::Owned(version.clone()),
                labels: match self.versioned_labels.as_deref().unwrap_or("exact") {
                    "exact" => Labels::Exact,
                    "or-bare" => Labels::ExactOrBare,
                    "any" => Labels::Any,
                    _ => {
                        return Err(SpecError::new(
                            "versioned-labels",
                            "is exact, or-bare or any",
                        ));
                    }
                },
            },
            (None, None) => SignatureFormat::Prefixed {
                prefix: Cow::Owned(self.prefix.clone().unwrap_or_default()),
            },
        };
        if self.prefix.is_some() && !matches!(format, SignatureFormat::Prefixed { .. }) {
            return Err(SpecError::new(
                "prefix",
                "is for a single signature, not a list",
            ));
        }
        let algorithm = parse_or("algorithm", self.algorithm.as_deref(), Algorithm::Sha256)?;
        let encoding = parse_or("encoding", self.encoding.as_deref(), Encoding::Hex)?;
        let secret = match self.secret.as_deref().unwrap_or("text") {
            "text" => SecretFormat::Text,
            "hex" => SecretFormat::Hex,
            "base64" => SecretFormat::Base64 {
                prefix: Cow::Borrowed(""),
            },
            other => match (
                other.strip_prefix("base64:"),
                other.strip_prefix("base64-or-text:"),
            ) {
                (Some(prefix), _) => SecretFormat::Base64 {
                    prefix: Cow::Owned(prefix.to_owned()),
                },
                (None, Some(prefix)) if !prefix.is_empty() => SecretFormat::Base64OrText {
                    prefix: Cow::Owned(prefix.to_owned()),
                },
                _ => {
                    return Err(SpecError::new(
                        "secret",
                        "is text, hex, base64, base64:<prefix> or base64-or-text:<prefix>",
                    ));
                }
            },
        };
        let content = parse_content(self.content.as_deref().unwrap_or("{body}"))?;

        let timestamp_source = match (&self.timestamp_key, &self.timestamp_header) {
            (Some(_), Some(_)) => {
                return Err(SpecError::new(
                    "timestamp-key",
                    "and timestamp-header exclude each other",
                ));
            }
            (Some(key), None) => Some(match key.strip_prefix("body:") {
                Some(paths) => TimestampSource::Body(body_paths(paths)),
                None => TimestampSource::ListKey(Cow::Owned(key.clone())),
            }),
            (None, Some(header)) => Some(TimestampSource::Header(Cow::Owned(names(
                "timestamp-header",
                header,
            )?))),
            (None, None) => None,
        };
        let body_timestamp = matches!(timestamp_source, Some(TimestampSource::Body(_)));
        let timestamp = match timestamp_source {
            Some(source) => Some(TimestampSpec {
                source,
                unit: match self.timestamp_unit.as_deref().unwrap_or("s") {
                    "s" => TimeUnit::Seconds,
                    "ms" => TimeUnit::Millis,
                    "rfc3339" => TimeUnit::Rfc3339,
                    _ => return Err(SpecError::new("timestamp-unit", "is s, ms or rfc3339")),
                },
                parsing: match self.timestamp_parsing.as_deref().unwrap_or("strict") {
                    "strict" => Parsing::Strict,
                    "lenient" => Parsing::Lenient,
                    _ => return Err(SpecError::new("timestamp-parsing", "is strict or lenient")),
                },
                signed: match self.timestamp_signed.as_deref().unwrap_or("received") {
                    "received" => SignedForm::AsReceived,
                    "canonical" => SignedForm::Canonical,
                    _ => {
                        return Err(SpecError::new(
                            "timestamp-signed",
                            "is received or canonical",
                        ));
                    }
                },
                tolerance: parse_tolerance(self.tolerance.as_deref().unwrap_or("300"))?,
                check: match self.window.as_deref().unwrap_or("after-mac") {
                    _ if body_timestamp && self.window.is_none() => WindowCheck::AfterMac,
                    "first" => WindowCheck::First,
                    "before-mac" => WindowCheck::BeforeMac,
                    "after-mac" => WindowCheck::AfterMac,
                    _ => {
                        return Err(SpecError::new(
                            "window",
                            "is first, before-mac or after-mac",
                        ));
                    }
                },
            }),
            None => {
                let stray = [
                    ("timestamp-unit", &self.timestamp_unit),
                    ("timestamp-parsing", &self.timestamp_parsing),
                    ("timestamp-signed", &self.timestamp_signed),
                    ("tolerance", &self.tolerance),
                    ("window", &self.window),
                ];
                if let Some((key, _)) = stray.iter().find(|(_, value)| value.is_some()) {
                    return Err(SpecError::new(
                        *key,
                        "needs timestamp-header or timestamp-key",
                    ));
                }
                None
            }
        };
        let message_id = match &self.id_header {
            Some(header) => Some(Cow::Owned(names("id-header", header)?)),
            None => None,
        };
        let order = match self.order.as_deref().unwrap_or("signature-first") {
            "signature-first" => Order::SignatureFirst,
            "signature-last" => Order::SignatureLast,
            _ => {
                return Err(SpecError::new(
                    "order",
                    "is signature-first or signature-last",
                ));
            }
        };

        let mut metadata: Vec<Meta> = match &self.require {
            Some(list) => names("require", list)?
                .into_iter()
                .map(|header| Meta {
                    header,
                    required: true,
                })
                .collect(),
            None => Vec::new(),
        };
        let mut source =
            |key: &'static str, text: Option<&str>, default: Source| -> Result<Source, SpecError> {
                let Some(text) = text else { return Ok(default) };
                let source = parse_source(key, text)?;
                if let Source::Header(header) = &source
                    && !metadata.iter().any(|meta| meta.header == *header)
                {
                    metadata.push(Meta {
                        header: header.clone(),
                        required: false,
                    });
                }
                Ok(source)
            };
        let id = source("id", self.id.as_deref(), Source::None)?;
        let default_key = if message_id.is_some() {
            Source::MessageId
        } else {
            id.clone()
        };
        let idempotency = source(
            "idempotency-key",
            self.idempotency_key.as_deref(),
            default_key,
        )?;
        let event_type = source("event-type", self.event_type.as_deref(), Source::None)?;

        let spec = Spec {
            signature_header: Cow::Owned(signature_header),
            format,
            algorithm,
            encoding,
            secret,
            content: Cow::Owned(content),
            timestamp,
            message_id,
            order,
            empty_is_missing: self.empty_is_missing.unwrap_or(false),
            metadata: Cow::Owned(metadata),
            id,
            idempotency,
            event_type,
            legacy: None,
        };
        template::validate(&spec).map_err(|reason| SpecError::new("spec", reason))?;
        Ok(spec)
    }
}

fn parse_or<T: FromStr>(key: &'static str, text: Option<&str>, default: T) -> Result<T, SpecError> {
    match text {
        Some(text) => text
            .parse()
            .map_err(|_| SpecError::new(key, format!("{text:?} is not one of the accepted names"))),
        None => Ok(default),
    }
}

fn parse_tolerance(text: &str) -> Result<Tolerance, SpecError> {
    let secs = |t: &str| {
        t.parse::<u64>()
            .map_err(|_| SpecError::new("tolerance", "is N, N/past, P/F (seconds) or none"))
    };
    Ok(match text.split_once('/') {
        _ if text == "none" => Tolerance::unchecked(),
        None => Tolerance::symmetric(secs(text)?),
        Some((past, "past")) => Tolerance::past_only(secs(past)?),
        Some((past, future)) => Tolerance::past_only(secs(past)?).with_future(secs(future)?),
    })
}

/// `none`, `id`, `header:Name`, `body:a.b|c`.
fn parse_source(key: &'static str, text: &str) -> Result<Source, SpecError> {
    match text.split_once(':') {
        None if text == "none" => Ok(Source::None),
        None if text == "id" => Ok(Source::MessageId),
        Some(("header", name)) => HeaderKey::parse(name)
            .map(Source::Header)
            .ok_or_else(|| SpecError::new(key, format!("{name:?} is not a header name"))),
        Some(("body", paths)) => {
            Ok(Source::Body(BodyPaths::new(paths.split('|').map(|path| {
                path.split('.').map(str::to_owned).collect::<Vec<_>>()
            }))))
        }
        _ => Err(SpecError::new(key, "is none, id, header:Name or body:a.b")),
    }
}

/// `a.b|c`: paths of dotted keys, the first that holds a value wins.
fn body_paths(text: &str) -> BodyPaths {
    BodyPaths::new(
        text.split('|')
            .map(|path| path.split('.').map(str::to_owned).collect::<Vec<_>>()),
    )
}

/// The signed content template: literals, `{body}`, `{timestamp}`, `{id}`, `{header:Name}`.
fn parse_content(text: &str) -> Result<Vec<Part>, SpecError> {
    let bad = |reason: &'static str| SpecError::new("content", reason);
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("{{") || rest.starts_with("}}") {
            literal.push(c);
            rest = &rest[2..];
            continue;
        }
        if c == '}' {
            return Err(bad("has an unmatched `}` (write `}}` for a brace)"));
        }
        if c != '{' {
            literal.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let end = rest.find('}').ok_or(bad("has an unclosed `{`"))?;
        let name = &rest[1..end];
        if !literal.is_empty() {
            parts.push(Part::Literal(Cow::Owned(
                std::mem::take(&mut literal).into_bytes(),
            )));
        }
        parts.push(match name.split_once(':') {
            None if name == "body" => Part::Body,
            None if name == "timestamp" => Part::Timestamp,
            None if name == "id" => Part::MessageId,
            Some(("header", header)) => {
                Part::Header(HeaderKey::parse(header).ok_or(bad("names an invalid header"))?)
            }
            _ => return Err(bad("knows {body}, {timestamp}, {id} and {header:Name}")),
        });
        rest = &rest[end + 1..];
    }
    if !literal.is_empty() {
        parts.push(Part::Literal(Cow::Owned(literal.into_bytes())));
    }
    Ok(parts)
}

impl Spec {
    /// A builder for a custom spec.
    pub fn builder() -> SpecBuilder {
        SpecBuilder::default()
    }

    /// A spec from its compact text form (see [`crate::provider::Custom`]).
    ///
    /// ```
    /// use hooksign::provider::spec::Spec;
    /// assert!(Spec::parse("header=X-Signature;encoding=base64").is_ok());
    /// let err = Spec::parse("header=X-Signature;colour=blue").unwrap_err();
    /// assert_eq!(err.key(), "colour");
    /// ```
    pub fn parse(text: &str) -> Result<Spec, SpecError> {
        let mut builder = SpecBuilder::default();
        for (key, value) in pairs(text)? {
            let set = |field: &mut Option<String>| *field = Some(value.clone());
            let flag = |field: &mut Option<bool>| -> Result<(), SpecError> {
                *field = Some(match value.as_str() {
                    "true" => true,
                    "false" => false,
                    _ => return Err(SpecError::new(key.clone(), "is true or false")),
                });
                Ok(())
            };
            match key.as_str() {
                "header" => set(&mut builder.header),
                "prefix" => set(&mut builder.prefix),
                "list" => set(&mut builder.list),
                "list-written" => set(&mut builder.list_written),
                "trim" => flag(&mut builder.trim)?,
                "signature-key" => set(&mut builder.signature_key),
                "signature-pick" => set(&mut builder.signature_pick),
                "versioned" => set(&mut builder.versioned),
                "versioned-labels" => set(&mut builder.versioned_labels),
                "algorithm" => set(&mut builder.algorithm),
                "encoding" => set(&mut builder.encoding),
                "secret" => set(&mut builder.secret),
                "content" => set(&mut builder.content),
                "timestamp-header" => set(&mut builder.timestamp_header),
                "timestamp-key" => set(&mut builder.timestamp_key),
                "timestamp-unit" => set(&mut builder.timestamp_unit),
                "timestamp-parsing" => set(&mut builder.timestamp_parsing),
                "timestamp-signed" => set(&mut builder.timestamp_signed),
                "tolerance" => set(&mut builder.tolerance),
                "window" => set(&mut builder.window),
                "id-header" => set(&mut builder.id_header),
                "order" => set(&mut builder.order),
                "empty-is-missing" => flag(&mut builder.empty_is_missing)?,
                "require" => set(&mut builder.require),
                "id" => set(&mut builder.id),
                "idempotency-key" => set(&mut builder.idempotency_key),
                "event-type" => set(&mut builder.event_type),
                _ => return Err(SpecError::new(key, "is not a scheme key")),
            }
        }
        builder.build()
    }
}

/// The `key=value` pairs of the text form; `'…'` quotes a value.
fn pairs(text: &str) -> Result<Vec<(String, String)>, SpecError> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let eq = rest
            .find('=')
            .ok_or_else(|| SpecError::new(rest.to_owned(), "needs `=value`"))?;
        let key = rest[..eq].trim().to_owned();
        rest = &rest[eq + 1..];
        let value = if let Some(quoted) = rest.strip_prefix('\'') {
            let close = quoted
                .find('\'')
                .ok_or_else(|| SpecError::new(key.clone(), "has an unclosed quote"))?;
            let value = quoted[..close].to_owned();
            rest = quoted[close + 1..].trim_start();
            match rest.strip_prefix(';') {
                Some(next) => rest = next,
                None if rest.is_empty() => {}
                None => return Err(SpecError::new(key, "has text after its closing quote")),
            }
            value
        } else {
            let end = rest.find(';').unwrap_or(rest.len());
            let value = rest[..end].trim().to_owned();
            rest = rest.get(end + 1..).unwrap_or("");
            value
        };
        out.push((key, value));
        rest = rest.trim_start();
    }
    Ok(out)
}

/// A configuration value: the compact text form as a string, or a table of the same keys.
///
/// ```
/// # use hooksign::provider::spec::Spec;
/// let from_text: Spec = serde_json::from_str(r#""header=X-Signature;prefix=sha256=""#).unwrap();
/// let from_table: Spec = serde_json::from_str(r#"{"header": "X-Signature", "prefix": "sha256="}"#).unwrap();
/// assert_eq!(from_text, from_table);
/// ```
impl<'de> serde::Deserialize<'de> for Spec {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum Form {
            Text(String),
            Table(Box<SpecBuilder>),
        }
        match Form::deserialize(deserializer)? {
            Form::Text(text) => Spec::parse(&text),
            Form::Table(builder) => builder.build(),
        }
        .map_err(serde::de::Error::custom)
    }
}

impl FromStr for Algorithm {
    type Err = SpecError;

    fn from_str(text: &str) -> Result<Self, SpecError> {
        [
            Algorithm::Sha1,
            Algorithm::Sha256,
            Algorithm::Sha384,
            Algorithm::Sha512,
        ]
        .into_iter()
        .find(|a| a.name() == text)
        .ok_or_else(|| SpecError::new("algorithm", "is sha1, sha256, sha384 or sha512"))
    }
}

impl FromStr for Encoding {
    type Err = SpecError;

    fn from_str(text: &str) -> Result<Self, SpecError> {
        [
            Encoding::Hex,
            Encoding::HexAnyCase,
            Encoding::Base64,
            Encoding::Base64NoPad,
            Encoding::Base64Url,
            Encoding::Base64UrlNoPad,
        ]
        .into_iter()
        .find(|e| e.name() == text)
        .ok_or_else(|| {
            SpecError::new(
                "encoding",
                "is hex, hex-any-case, base64, base64-no-pad, base64-url or base64-url-no-pad",
            )
        })
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_form_makes_the_built_in_specs() {
        let stripe = Spec::parse(
            "header=Stripe-Signature;list=,;timestamp-key=t;timestamp-signed=canonical;\
             content={timestamp}.{body};tolerance=300/past;idempotency-key=body:id;event-type=body:type",
        )
        .unwrap();
        let built_in = crate::provider::find("stripe").unwrap().spec().unwrap();
        assert_eq!(stripe, *built_in);

        let slack = Spec::parse(
            "header=X-Slack-Signature;prefix=v0=;timestamp-header=X-Slack-Request-Timestamp;\
             content=v0:{timestamp}:{body};window=before-mac;idempotency-key=body:event_id;\
             event-type=body:event.type|type",
        )
        .unwrap();
        assert_eq!(
            slack,
            *crate::provider::find("slack").unwrap().spec().unwrap()
        );

        let standard = Spec::parse(
            "header=webhook-signature;versioned=v1;encoding=base64;secret=base64:whsec_;\
             id-header=webhook-id;timestamp-header=webhook-timestamp;timestamp-parsing=lenient;\
             timestamp-signed=canonical;window=first;order=signature-last;empty-is-missing=true;\
             content={id}.{timestamp}.{body};id=id;event-type=body:type",
        )
        .unwrap();
        assert_eq!(
            standard,
            *crate::provider::find("standard-webhooks")
                .unwrap()
                .spec()
                .unwrap()
        );
    }

    #[test]
    fn mistakes_name_their_key() {
        for (text, key) in [
            ("prefix=x", "header"),
            ("header=X Y", "header"),
            ("header=X;algorithm=md5", "algorithm"),
            ("header=X;content={ts}", "content"),
            ("header=X;content={timestamp}", "spec"),
            ("header=X;list=ab", "list"),
            (
                "header=X;timestamp-header=T;content={timestamp};tolerance=soon",
                "tolerance",
            ),
            ("header=X;tolerance=300", "tolerance"),
            ("header=X;prefix='unclosed", "prefix"),
            ("header=X;list=,;prefix=p", "prefix"),
        ] {
            assert_eq!(Spec::parse(text).unwrap_err().key(), key, "{text}");
        }
    }

    /// Linear-style: the timestamp (ms) is a field of the signed body, checked after the MAC.
    #[test]
    fn a_body_timestamp_is_checked_after_the_mac() {
        use crate::{ErrorKind, Message, SecretSet, Sign, UnixTime};
        let spec = Spec::parse(
            "header=Linear-Signature;timestamp-key=body:webhookTimestamp;timestamp-unit=ms;tolerance=60",
        )
        .unwrap();
        let linear = Custom::new("linear-like", spec, SecretSet::new(["s"]).unwrap()).unwrap();
        let body = br#"{"action":"create","webhookTimestamp":1700000000000}"#;
        let at = UnixTime::from_secs(1_700_000_000);
        let headers = linear.sign_at(&Message::new(body), at).unwrap();
        let ok =
            crate::verify_at(&linear, &headers, body, UnixTime::from_secs(1_700_000_060)).unwrap();
        assert_eq!(
            ok.timestamp(),
            Some(UnixTime::from_millis(1_700_000_000_000))
        );
        let late = crate::verify_at(&linear, &headers, body, UnixTime::from_secs(1_700_000_061));
        assert_eq!(late.unwrap_err().kind(), ErrorKind::TimestampTooOld);
        // A body without the field: signed, but no timestamp to check.
        let bare = br#"{"action":"create"}"#;
        let headers = linear.sign_at(&Message::new(bare), at).unwrap();
        let err = crate::verify_at(&linear, &headers, bare, at).unwrap_err();
        assert_eq!(err.code(), "malformed_body");
        // A forged body is a mismatch, whatever its timestamp.
        let forged = br#"{"action":"delete","webhookTimestamp":1700000000000}"#;
        assert_eq!(
            crate::verify_at(&linear, &headers, forged, at)
                .unwrap_err()
                .kind(),
            ErrorKind::SignatureMismatch
        );
    }

    /// Box-style: an RFC 3339 timestamp header, signed as received after the body.
    #[test]
    fn an_rfc3339_timestamp_header_is_parsed_and_signed_as_received() {
        use crate::{ErrorKind, Message, SecretSet, Sign, UnixTime};
        let spec = Spec::parse(
            "header=BOX-SIGNATURE-PRIMARY;encoding=base64;timestamp-header=BOX-DELIVERY-TIMESTAMP;\
             timestamp-unit=rfc3339;content={body}{timestamp};tolerance=600/0",
        )
        .unwrap();
        let boxed = Custom::new("box-like", spec, SecretSet::new(["primary"]).unwrap()).unwrap();
        let at = UnixTime::from_secs(1_700_000_000);
        let headers = boxed.sign_at(&Message::new(b"{}"), at).unwrap();
        assert_eq!(
            headers.get("BOX-DELIVERY-TIMESTAMP"),
            Some("2023-11-14T22:13:20Z")
        );
        assert!(
            crate::verify_at(&boxed, &headers, b"{}", UnixTime::from_secs(1_700_000_600)).is_ok()
        );
        let ahead = crate::verify_at(&boxed, &headers, b"{}", UnixTime::from_secs(1_699_999_999));
        assert_eq!(ahead.unwrap_err().kind(), ErrorKind::TimestampTooNew);
        let bad: Vec<(&str, &str)> = headers
            .iter()
            .map(|(name, value)| match name {
                "BOX-DELIVERY-TIMESTAMP" => (name, "2023-11-14 22:13:20"),
                _ => (name, value),
            })
            .collect();
        assert_eq!(
            crate::verify_at(&boxed, &bad, b"{}", at)
                .unwrap_err()
                .code(),
            "malformed_header"
        );
    }

    /// `signature-pick`: which of several signatures under the key count.
    #[test]
    fn only_the_picked_signature_counts() {
        use crate::{ErrorKind, Message, SecretSet, Sign, UnixTime};
        let at = UnixTime::from_secs(1_700_000_000);
        let scheme = |pick| {
            let text = format!(
                "header=Sig;list=';';signature-key=h1;timestamp-key=ts;content={{timestamp}}:{{body}};signature-pick={pick}"
            );
            Custom::new(
                "picky",
                Spec::parse(&text).unwrap(),
                SecretSet::new(["s"]).unwrap(),
            )
            .unwrap()
        };
        let good = scheme("all").sign_at(&Message::new(b"{}"), at).unwrap();
        let good = good
            .get("Sig")
            .unwrap()
            .rsplit_once("h1=")
            .unwrap()
            .1
            .to_owned();
        let bad = "00".repeat(32);
        for (pick, header, ok) in [
            ("all", format!("ts=1700000000;h1={bad};h1={good}"), true),
            ("last", format!("ts=1700000000;h1={bad};h1={good}"), true),
            ("last", format!("ts=1700000000;h1={good};h1={bad}"), false),
            ("first", format!("ts=1700000000;h1={good};h1={bad}"), true),
            ("first", format!("ts=1700000000;h1={bad};h1={good}"), false),
        ] {
            let provider = scheme(pick);
            let headers = [("Sig", header.as_str())];
            let verdict = crate::verify_at(&provider, &headers, b"{}", at).map(|_| ());
            match ok {
                true => assert_eq!(verdict, Ok(()), "{pick} {header}"),
                false => assert_eq!(
                    verdict.unwrap_err().kind(),
                    ErrorKind::SignatureMismatch,
                    "{pick}"
                ),
            }
        }
        assert_eq!(
            Spec::parse("header=X;list=,;signature-pick=some")
                .unwrap_err()
                .key(),
            "signature-pick"
        );
    }

    #[test]
    fn quoted_values_hold_separators() {
        let spec = Spec::parse("header=Paddle-Signature;list=';';signature-key=h1").unwrap();
        assert!(matches!(
            spec.format,
            SignatureFormat::KeyValues { separator: ';', .. }
        ));
        assert_eq!(
            parse_content("a{{b}}{body}").unwrap(),
            [Part::Literal(Cow::Owned(b"a{b}".to_vec())), Part::Body]
        );
    }
}
