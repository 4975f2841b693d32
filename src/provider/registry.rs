//! The registry: every built-in provider as one entry (id, names, family, scheme, secret format,
//! constructor), read by [`AnyProvider`](crate::AnyProvider), the CLI, the tests and the fuzz
//! targets. Adding a spec provider is its own file, one line in the list that makes
//! [`REGISTRY`](crate::provider::REGISTRY), and its vectors.

use std::fmt;

use crate::provider::REGISTRY;
use crate::provider::any::AnyProvider;
use crate::provider::spec::{SignatureFormat, Spec};
use crate::scheme::template::Template;
use crate::{HeaderKey, SecretError, SecretSet, Tolerance};

/// The families of schemes, each run by one engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Family {
    /// An HMAC over a template of headers and body ([`Spec`]).
    HmacTemplate,
    /// A MAC over the public URL the provider requested (with the form parameters or the
    /// body): Twilio, Square, HubSpot, …
    UrlSigned,
    /// A signature carried inside the body: Mailgun, Adyen.
    BodyEmbedded,
    /// A shared token sent as it is, compared in constant time: GitLab, Telegram.
    Token,
    /// An Ed25519 signature checked with the provider's public key: Discord, Telnyx.
    Ed25519,
    /// An ECDSA P-256 / SHA-256 signature checked with the provider's public key: SendGrid.
    EcdsaP256,
}

impl Family {
    /// The family's stable name (`"hmac-template"`), as `hooksign providers --json` prints it.
    ///
    /// ```
    /// assert_eq!(hooksign::provider::Family::HmacTemplate.name(), "hmac-template");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Family::HmacTemplate => "hmac-template",
            Family::UrlSigned => "url-signed",
            Family::BodyEmbedded => "body-embedded",
            Family::Token => "token",
            Family::Ed25519 => "ed25519",
            Family::EcdsaP256 => "ecdsa-p256",
        }
    }
}

/// One built-in provider.
///
/// ```
/// let stripe = hooksign::provider::find("stripe")?;
/// assert_eq!(stripe.name(), "Stripe");
/// assert_eq!(stripe.signed_headers().collect::<Vec<_>>(), ["Stripe-Signature"]);
/// assert_eq!(stripe.default_tolerance(), Some(hooksign::Tolerance::past_only(300)));
/// # Ok::<(), hooksign::provider::UnknownProvider>(())
/// ```
pub struct Entry {
    pub(crate) id: &'static str,
    pub(crate) aliases: &'static [&'static str],
    pub(crate) name: &'static str,
    pub(crate) type_name: &'static str,
    pub(crate) family: Family,
    /// The template spec: `Some` for the HMAC-template family, `None` for the others, which
    /// describe themselves with the fields below.
    pub(crate) spec: Option<&'static Spec>,
    /// How an entry without a spec describes its scheme (a spec describes itself).
    pub(crate) about: Option<&'static About>,
    /// The headers read, for an entry without a spec (a spec lists its own).
    pub(crate) headers: &'static [&'static str],
    /// The replay window, for an entry without a spec (a spec carries its own).
    pub(crate) tolerance: Option<Tolerance>,
    /// The parts of the request beyond headers and body that the scheme signs.
    pub(crate) signs: Signs,
    /// What [`Entry::build`] takes: secrets, or the provider's public keys.
    pub(crate) keys: Keys,
    pub(crate) secret_format: &'static str,
    /// Whether verification is exactly [`Entry::spec`] run by the engine.
    pub(crate) runs_its_spec: bool,
    pub(crate) build: fn(SecretSet, &Options) -> Result<AnyProvider, ProviderError>,
}

impl Entry {
    /// The id (`"github"`): lower case with hyphens.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// Other ids accepted for it (`"standardwebhooks"` for Standard Webhooks).
    pub fn aliases(&self) -> &'static [&'static str] {
        self.aliases
    }

    /// The display name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The name of its type at the crate root (`"GitHub"`).
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// Its scheme family.
    pub fn family(&self) -> Family {
        self.family
    }

    /// Its template spec, for the HMAC-template family (for a provider with several header
    /// families, the main one); `None` for the other families.
    ///
    /// ```
    /// use hooksign::provider::find;
    /// assert!(find("github")?.spec().is_some());
    /// # Ok::<(), hooksign::provider::UnknownProvider>(())
    /// ```
    pub fn spec(&self) -> Option<&'static Spec> {
        self.spec
    }

    /// How an entry outside the template family describes its scheme, in words (the
    /// template family's [`Entry::spec`] describes itself).
    ///
    /// ```
    /// assert!(hooksign::provider::find("github")?.about().is_none());
    /// # Ok::<(), hooksign::provider::UnknownProvider>(())
    /// ```
    pub fn about(&self) -> Option<&'static About> {
        self.about
    }

    /// What the scheme signs beyond headers and body: whether verifying needs the public URL
    /// the provider requested, and the HTTP method.
    ///
    /// ```
    /// let github = hooksign::provider::find("github")?;
    /// assert!(!github.signs().url && !github.signs().method);
    /// # Ok::<(), hooksign::provider::UnknownProvider>(())
    /// ```
    pub fn signs(&self) -> Signs {
        self.signs
    }

    /// What [`Entry::build`] takes: shared secrets, or the provider's public keys.
    ///
    /// ```
    /// use hooksign::provider::{find, Keys};
    /// assert_eq!(find("stripe")?.keys(), Keys::Secrets);
    /// # Ok::<(), hooksign::provider::UnknownProvider>(())
    /// ```
    pub fn keys(&self) -> Keys {
        self.keys
    }

    /// Whether verifying is exactly running [`Entry::spec`]: false for a provider with a
    /// bespoke part (Shopify chooses between two header families per delivery).
    pub fn runs_its_spec(&self) -> bool {
        self.runs_its_spec
    }

    /// The form its secrets take, in words.
    pub fn secret_format(&self) -> &'static str {
        self.secret_format
    }

    /// The replay window its official SDK applies, if it signs a timestamp.
    pub fn default_tolerance(&self) -> Option<Tolerance> {
        match self.spec {
            Some(spec) => spec.timestamp.as_ref().map(|t| t.tolerance),
            None => self.tolerance,
        }
    }

    /// The headers it signs or verifies: signature, timestamp, id.
    pub fn signed_headers(&self) -> impl Iterator<Item = &'static str> {
        let from_spec = self
            .spec
            .into_iter()
            .flat_map(|spec| spec.signed_headers().map(HeaderKey::as_str));
        from_spec.chain(self.headers.iter().copied())
    }

    /// Whether `id` names this entry (its id or an alias).
    pub fn is_named(&self, id: &str) -> bool {
        self.id == id || self.aliases.contains(&id)
    }

    /// The provider, built from `secrets` with `options`.
    ///
    /// ```
    /// use hooksign::provider::{find, Options};
    /// use hooksign::{SecretSet, Tolerance};
    ///
    /// let stripe = find("stripe")?.build(SecretSet::new(["whsec_x"])?, &Options::new().with_tolerance(Tolerance::symmetric(60)))?;
    /// assert_eq!(hooksign::Verify::id(&stripe), "stripe");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build(
        &self,
        secrets: SecretSet,
        options: &Options,
    ) -> Result<AnyProvider, ProviderError> {
        (self.build)(secrets, options)
    }
}

impl fmt::Debug for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Entry")
            .field("id", &self.id)
            .field("family", &self.family)
            .finish_non_exhaustive()
    }
}

/// A scheme outside the template family, in words: what `hooksign providers` and the README's
/// table show for it.
///
/// ```
/// let about = hooksign::provider::About {
///     signature: "`X-Signature: <base64>`",
///     content: "`{url}{sorted form parameters}`",
///     idempotency: None,
///     event_type: None,
/// };
/// assert!(about.content.contains("url"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct About {
    /// Where the signature travels and its form, e.g. `` `X-Twilio-Signature: <base64>` ``.
    pub signature: &'static str,
    /// What is signed, e.g. `` `{url}{sorted form parameters}` ``.
    pub content: &'static str,
    /// Where the idempotency key comes from (a header name, `body a.b`), if anywhere.
    pub idempotency: Option<&'static str>,
    /// Where the event type comes from, if anywhere.
    pub event_type: Option<&'static str>,
}

/// What a scheme signs beyond the headers and the body.
///
/// ```
/// let signs = hooksign::provider::Signs::NOTHING_ELSE;
/// assert!(!signs.url && !signs.method);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct Signs {
    /// The public URL the provider requested (scheme, host, path and query): verifying needs
    /// [`Delivery::with_url`](crate::Delivery::with_url), signing
    /// [`Message::with_url`](crate::Message::with_url).
    pub url: bool,
    /// The HTTP method.
    pub method: bool,
}

impl Signs {
    /// Headers and body only.
    pub const NOTHING_ELSE: Signs = Signs {
        url: false,
        method: false,
    };
    /// The URL too.
    pub const URL: Signs = Signs {
        url: true,
        method: false,
    };
    /// The URL and the method too.
    pub const URL_AND_METHOD: Signs = Signs {
        url: true,
        method: true,
    };
}

/// What a provider is built from.
///
/// ```
/// assert_ne!(hooksign::provider::Keys::Secrets, hooksign::provider::Keys::PublicKeys);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Keys {
    /// Shared secrets (or tokens), as the provider issues them: it verifies and signs.
    Secrets,
    /// The provider's public keys, as the provider publishes them: it verifies only. A
    /// private key in the form the entry's secret format names also signs.
    PublicKeys,
}

/// The entry for an id or alias.
///
/// ```
/// assert_eq!(hooksign::provider::find("standardwebhooks")?.id(), "standard-webhooks");
/// assert!(hooksign::provider::find("nope").is_err());
/// # Ok::<(), hooksign::provider::UnknownProvider>(())
/// ```
pub fn find(id: &str) -> Result<&'static Entry, UnknownProvider> {
    REGISTRY
        .iter()
        .copied()
        .find(|entry| entry.is_named(id))
        .ok_or_else(|| UnknownProvider { id: id.to_owned() })
}

/// Options for a provider built at run time: what the typed providers' builder methods set.
///
/// ```
/// use hooksign::provider::Options;
/// use hooksign::Tolerance;
/// let options = Options::new().with_tolerance(Tolerance::symmetric(60)).with_legacy_algorithm();
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    tolerance: Option<Tolerance>,
    legacy: bool,
    all_secrets_signing: bool,
}

impl Options {
    /// The provider's defaults.
    pub fn new() -> Self {
        Options::default()
    }

    /// Replaces the replay window (an error for a provider that signs no timestamp).
    pub fn with_tolerance(mut self, tolerance: Tolerance) -> Self {
        self.tolerance = Some(tolerance);
        self
    }

    /// Also accepts the provider's legacy signature header (GitHub's `X-Hub-Signature`
    /// SHA-1) when the main one is absent (an error for a provider without one).
    pub fn with_legacy_algorithm(mut self) -> Self {
        self.legacy = true;
        self
    }

    /// Signs with every secret of the set, for schemes whose header carries several
    /// signatures (an error for the others).
    pub fn with_all_secrets_signing(mut self) -> Self {
        self.all_secrets_signing = true;
        self
    }

    /// The window asked for, if any.
    pub fn tolerance(&self) -> Option<Tolerance> {
        self.tolerance
    }

    /// The window asked for, for a provider outside the template family whose only option is
    /// its window (`timestamped`: whether it signs a timestamp at all): any other option is
    /// refused, as for the template providers.
    #[cfg(any(feature = "ed25519", feature = "p256"))]
    pub(crate) fn tolerance_only(
        &self,
        provider: &'static str,
        timestamped: bool,
    ) -> Result<Option<Tolerance>, ProviderError> {
        let unsupported = |option| ProviderError::Unsupported { provider, option };
        if self.legacy {
            return Err(unsupported("legacy algorithm"));
        }
        if self.all_secrets_signing {
            return Err(unsupported("all secrets signing"));
        }
        if self.tolerance.is_some() && !timestamped {
            return Err(unsupported("tolerance"));
        }
        Ok(self.tolerance)
    }

    /// Applies these options to an engine of provider `id`.
    /// Whether the legacy algorithm was asked for, and the other options: for a provider that
    /// keeps its legacy algorithm outside its spec ([`WebSub`](crate::WebSub)'s `sha1=`).
    pub(crate) fn split_legacy(&self) -> (bool, Options) {
        let rest = Options {
            legacy: false,
            ..self.clone()
        };
        (self.legacy, rest)
    }

    /// For a provider outside the template family whose only option is a replay window
    /// (`windowed`): the window asked for, or the error naming an option it does not have.
    pub(crate) fn window_only(
        &self,
        id: &'static str,
        windowed: bool,
    ) -> Result<Option<Tolerance>, ProviderError> {
        let unsupported = |option| ProviderError::Unsupported {
            provider: id,
            option,
        };
        if self.legacy {
            return Err(unsupported("legacy algorithm"));
        }
        if self.all_secrets_signing {
            return Err(unsupported("all secrets signing"));
        }
        match self.tolerance {
            Some(_) if !windowed => Err(unsupported("tolerance")),
            tolerance => Ok(tolerance),
        }
    }

    pub(crate) fn apply(
        &self,
        id: &'static str,
        engine: &mut Template,
    ) -> Result<(), ProviderError> {
        let spec = engine.spec();
        let unsupported = |option| ProviderError::Unsupported {
            provider: id,
            option,
        };
        if let Some(tolerance) = self.tolerance {
            if spec.timestamp.is_none() {
                return Err(unsupported("tolerance"));
            }
            engine.tolerance = tolerance;
        }
        if self.legacy {
            if engine.spec().legacy.is_none() {
                return Err(unsupported("legacy algorithm"));
            }
            engine.legacy_enabled = true;
        }
        if self.all_secrets_signing {
            if matches!(
                engine.spec().format,
                SignatureFormat::Prefixed { .. }
                    | SignatureFormat::KeyValues {
                        pick: crate::provider::spec::Pick::First
                            | crate::provider::spec::Pick::Last,
                        ..
                    }
            ) {
                return Err(unsupported("all secrets signing"));
            }
            engine.sign_with_all = true;
        }
        Ok(())
    }
}

/// No built-in provider has this id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown provider {id:?} (see `hooksign providers`)")]
pub struct UnknownProvider {
    id: String,
}

impl UnknownProvider {
    /// The id that was asked for.
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// Why a provider could not be built at run time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProviderError {
    /// No provider has this id.
    #[error(transparent)]
    Unknown(#[from] UnknownProvider),
    /// A secret is not in the form the provider issues.
    #[error(transparent)]
    Secret(#[from] SecretError),
    /// A custom scheme is not usable.
    #[error(transparent)]
    Spec(#[from] crate::provider::spec::SpecError),
    /// The provider has no such option (a tolerance for a scheme without timestamps, …).
    #[error("{provider} has no {option}")]
    Unsupported {
        /// The provider.
        provider: &'static str,
        /// The option.
        option: &'static str,
    },
}
