//! Choosing a provider by its id at run time (configuration files, the CLI).

use crate::provider::{Sign, Verify};
use crate::{
    Delivery, Error, GitHub, Message, SecretError, SecretSet, Shopify, SignError, SignedHeaders,
    Slack, StandardWebhooks, Stripe, Svix, Tolerance, UnixTime, Verified,
};

/// What the registry says about a provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProviderInfo {
    /// The id (`"github"`), lower-case with hyphens.
    pub id: &'static str,
    /// Other ids accepted for it.
    pub aliases: &'static [&'static str],
    /// The display name.
    pub name: &'static str,
    /// The header that carries the signature.
    pub signature_header: &'static str,
    /// The replay window the provider applies by default, if it signs a timestamp.
    pub default_tolerance: Option<Tolerance>,
    /// The form its secrets take.
    pub secret_format: &'static str,
}

/// Every built-in provider.
///
/// ```
/// assert!(hooksign::PROVIDERS.iter().any(|p| p.id == "stripe"));
/// ```
pub const PROVIDERS: &[ProviderInfo] = &[
    ProviderInfo {
        id: GitHub::ID,
        aliases: &[],
        name: "GitHub",
        signature_header: "X-Hub-Signature-256",
        default_tolerance: None,
        secret_format: "webhook secret, as text",
    },
    ProviderInfo {
        id: Stripe::ID,
        aliases: &[],
        name: "Stripe",
        signature_header: "Stripe-Signature",
        default_tolerance: Some(Stripe::DEFAULT_TOLERANCE),
        secret_format: "whsec_… endpoint secret, as text",
    },
    ProviderInfo {
        id: Slack::ID,
        aliases: &[],
        name: "Slack",
        signature_header: "X-Slack-Signature",
        default_tolerance: Some(Slack::DEFAULT_TOLERANCE),
        secret_format: "signing secret, as text",
    },
    ProviderInfo {
        id: Shopify::ID,
        aliases: &[],
        name: "Shopify",
        signature_header: "X-Shopify-Hmac-Sha256",
        default_tolerance: None,
        secret_format: "app client secret, as text",
    },
    ProviderInfo {
        id: StandardWebhooks::ID,
        aliases: &["standardwebhooks"],
        name: "Standard Webhooks",
        signature_header: "webhook-signature",
        default_tolerance: Some(StandardWebhooks::DEFAULT_TOLERANCE),
        secret_format: "whsec_<base64 key>",
    },
    ProviderInfo {
        id: Svix::ID,
        aliases: &["clerk", "resend"],
        name: "Svix",
        signature_header: "svix-signature",
        default_tolerance: Some(StandardWebhooks::DEFAULT_TOLERANCE),
        secret_format: "whsec_<base64 key>",
    },
];

/// The registry entry for an id or alias.
///
/// ```
/// assert_eq!(hooksign::provider::info("clerk").unwrap().id, "svix");
/// assert!(hooksign::provider::info("nope").is_none());
/// ```
pub fn info(id: &str) -> Option<&'static ProviderInfo> {
    PROVIDERS
        .iter()
        .find(|p| p.id == id || p.aliases.contains(&id))
}

/// Any built-in provider, chosen at run time.
///
/// ```
/// use hooksign::{AnyProvider, SecretSet, Sign, Verify, Message, UnixTime};
///
/// let provider = AnyProvider::from_id("slack", SecretSet::new(["secret"])?)?;
/// let headers = provider.sign_at(&Message::new(b"{}"), UnixTime::now())?;
/// assert_eq!(hooksign::verify(&provider, &headers, b"{}")?.provider(), "slack");
/// assert!(AnyProvider::from_id("nope", SecretSet::new(["s"])?).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum AnyProvider {
    /// [`GitHub`].
    GitHub(GitHub),
    /// [`Stripe`].
    Stripe(Stripe),
    /// [`Slack`].
    Slack(Slack),
    /// [`Shopify`].
    Shopify(Shopify),
    /// [`StandardWebhooks`].
    StandardWebhooks(StandardWebhooks),
    /// [`Svix`].
    Svix(Svix),
}

impl AnyProvider {
    /// The provider with this id or alias, with its default settings.
    pub fn from_id(id: &str, secrets: SecretSet) -> Result<Self, SecretError> {
        let info = info(id).ok_or_else(|| SecretError::UnknownProvider(id.to_owned()))?;
        Ok(match info.id {
            GitHub::ID => AnyProvider::GitHub(GitHub::new(secrets)),
            Stripe::ID => AnyProvider::Stripe(Stripe::new(secrets)),
            Slack::ID => AnyProvider::Slack(Slack::new(secrets)),
            Shopify::ID => AnyProvider::Shopify(Shopify::new(secrets)),
            StandardWebhooks::ID => AnyProvider::StandardWebhooks(StandardWebhooks::new(secrets)?),
            Svix::ID => AnyProvider::Svix(Svix::new(secrets)?),
            other => unreachable!("registry entry {other} has no constructor"),
        })
    }

    /// Replaces the replay window, for providers that sign a timestamp; returns `false` (and
    /// changes nothing) for those that do not.
    ///
    /// ```
    /// use hooksign::{AnyProvider, SecretSet, Tolerance};
    /// let mut stripe = AnyProvider::from_id("stripe", SecretSet::new(["whsec_x"])?)?;
    /// assert!(stripe.set_tolerance(Tolerance::symmetric(60)));
    /// let mut github = AnyProvider::from_id("github", SecretSet::new(["x"])?)?;
    /// assert!(!github.set_tolerance(Tolerance::symmetric(60)));
    /// # Ok::<(), hooksign::SecretError>(())
    /// ```
    pub fn set_tolerance(&mut self, tolerance: Tolerance) -> bool {
        match self {
            AnyProvider::Stripe(p) => *p = p.clone().with_tolerance(tolerance),
            AnyProvider::Slack(p) => *p = p.clone().with_tolerance(tolerance),
            AnyProvider::StandardWebhooks(p) => *p = p.clone().with_tolerance(tolerance),
            AnyProvider::Svix(p) => *p = p.clone().with_tolerance(tolerance),
            AnyProvider::GitHub(_) | AnyProvider::Shopify(_) => return false,
        }
        true
    }

    fn inner_verifier(&self) -> &dyn Verify {
        match self {
            AnyProvider::GitHub(p) => p,
            AnyProvider::Stripe(p) => p,
            AnyProvider::Slack(p) => p,
            AnyProvider::Shopify(p) => p,
            AnyProvider::StandardWebhooks(p) => p,
            AnyProvider::Svix(p) => p,
        }
    }

    fn inner_signer(&self) -> &dyn Sign {
        match self {
            AnyProvider::GitHub(p) => p,
            AnyProvider::Stripe(p) => p,
            AnyProvider::Slack(p) => p,
            AnyProvider::Shopify(p) => p,
            AnyProvider::StandardWebhooks(p) => p,
            AnyProvider::Svix(p) => p,
        }
    }
}

impl Verify for AnyProvider {
    fn id(&self) -> &'static str {
        self.inner_verifier().id()
    }

    fn verify_at<'r>(&self, request: &Delivery<'r>, now: UnixTime) -> Result<Verified<'r>, Error> {
        self.inner_verifier().verify_at(request, now)
    }

    fn verify<'r>(&self, request: &Delivery<'r>) -> Result<Verified<'r>, Error> {
        self.inner_verifier().verify(request)
    }
}

impl Sign for AnyProvider {
    fn sign_at(&self, message: &Message<'_>, now: UnixTime) -> Result<SignedHeaders, SignError> {
        self.inner_signer().sign_at(message, now)
    }
}
