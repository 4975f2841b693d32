//! The providers: one file each (its documentation, sources and [`Spec`](spec::Spec)), the
//! registry of ids, and the description vocabulary ([`spec`]).
//!
//! The data flow is headers + body → provider → engine → [`Verified`](crate::Verified): a
//! provider is mostly its static spec, which one private engine runs. The provider types
//! ([`GitHub`](crate::GitHub), [`Stripe`](crate::Stripe), …), [`AnyProvider`](crate::AnyProvider)
//! and the [`crate::Verify`] / [`crate::Sign`] traits are at the crate root; this
//! module has what chooses and describes them at run time.

#[macro_use]
mod macros;

pub(crate) mod any;
mod custom;
mod registry;
pub mod spec;
pub(crate) mod traits;

/// The built-in providers, in the order `hooksign providers` lists them: each line is a file
/// (`src/provider/<module>.rs`, which defines the type and its registry `ENTRY`) and its type.
/// The list makes the modules, the root re-exports ([`types`]) and the [`REGISTRY`]. A line
/// may carry `#[cfg(...)]` attributes (a provider behind a feature): they apply to its module,
/// its re-export and its registry entry alike.
macro_rules! providers {
    ($($(#[$cfg:meta])* $module:ident :: $name:ident),* $(,)?) => {
        $($(#[$cfg])* pub(crate) mod $module;)*

        /// The provider types, re-exported at the crate root.
        pub(crate) mod types {
            $($(#[$cfg])* pub use super::$module::$name;)*
        }

        /// Every built-in provider.
        ///
        /// ```
        /// assert!(hooksign::provider::REGISTRY.iter().any(|entry| entry.id() == "svix"));
        /// ```
        pub static REGISTRY: &[&Entry] = &[$($(#[$cfg])* &$module::ENTRY),*];
    };
}

providers! {
    github::GitHub,
    stripe::Stripe,
    slack::Slack,
    shopify::Shopify,
    standard_webhooks::StandardWebhooks,
    svix::Svix,
    razorpay::Razorpay,
    coinbase_commerce::CoinbaseCommerce,
    paddle::Paddle,
    mux::Mux,
    gocardless::GoCardless,
    line::Line,
    modern_treasury::ModernTreasury,
    elevenlabs::ElevenLabs,
    polar::Polar,
    openai::OpenAi,
    replicate::Replicate,
    websub::WebSub,
    jira::Jira,
    docusign::DocuSign,
    box_com::BoxWebhooks,
    persona::Persona,
    checkout_com::CheckoutCom,
    xero::Xero,
    intuit::Intuit,
    aftership::AfterShip,
    onfleet::Onfleet,
    squarespace::Squarespace,
    circleci::CircleCi,
    grafana::Grafana,
    customer_io::CustomerIo,
    frame_io::FrameIo,
    front::Front,
    buildkite::Buildkite,
    webflow::Webflow,
    revolut::Revolut,
    ghost::Ghost,
    microsoft_teams::MicrosoftTeams,
    typeform::Typeform,
    lemon_squeezy::LemonSqueezy,
    vercel::Vercel,
    zendesk::Zendesk,
    asana::Asana,
    dropbox::Dropbox,
    pagerduty::PagerDuty,
    zoom::Zoom,
    paystack::Paystack,
    woocommerce::WooCommerce,
    todoist::Todoist,
    help_scout::HelpScout,
    segment::Segment,
    clickup::ClickUp,
    workos::WorkOs,
    sanity::Sanity,
    twitch::Twitch,
    linear::Linear,
    gitea::Gitea,
    gogs::Gogs,
    meta::MetaWebhooks,
    intercom::Intercom,
    notion::Notion,
    cal_com::CalCom,
    sentry::Sentry,
    liveblocks::Liveblocks,
    twitter::Twitter,
    nylas::Nylas,
    attio::Attio,
    fastspring::FastSpring,
    fourthwall::Fourthwall,
    logto::Logto,
    webex::Webex,
    clerk::Clerk,
    resend::Resend,
    heroku::Heroku,
    shortcut::Shortcut,
    calendly::Calendly,
    twilio::Twilio,
    mandrill::Mandrill,
    plivo::Plivo,
    square::Square,
    trello::Trello,
    hubspot::HubSpot,
    #[cfg(feature = "ed25519")]
    discord::Discord,
    #[cfg(feature = "ed25519")]
    telnyx::Telnyx,
    #[cfg(feature = "ed25519")]
    standard_webhooks_ed25519::StandardWebhooksEd25519,
    #[cfg(feature = "p256")]
    sendgrid::SendGrid,
    mailgun::Mailgun,
    adyen::Adyen,
    gitlab::GitLab,
    gitlab_signing::GitLabSigning,
    telegram::Telegram,
    okta::Okta,
}

pub use custom::Custom;
pub use registry::{
    About, Entry, Family, Keys, Options, ProviderError, Signs, UnknownProvider, find,
};
pub(crate) use traits::{Sign, Verify};
