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
    pub(crate) spec: &'static Spec,
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

    /// Its scheme. (For a provider with several header families, the main one.)
    pub fn spec(&self) -> &'static Spec {
        self.spec
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
        self.spec.timestamp.as_ref().map(|t| t.tolerance)
    }

    /// The headers it signs or verifies: signature, timestamp, id.
    pub fn signed_headers(&self) -> impl Iterator<Item = &'static str> {
        self.spec.signed_headers().map(HeaderKey::as_str)
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
