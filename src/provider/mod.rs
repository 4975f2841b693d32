//! The providers: one file each (its documentation, sources and [`Spec`](spec::Spec)), the
//! registry of ids, and the description vocabulary ([`spec`]).
//!
//! The data flow is headers + body → provider → engine → [`Verified`](crate::Verified): a
//! provider is mostly its static spec, which one private engine runs. The provider types
//! ([`GitHub`](crate::GitHub), [`Stripe`](crate::Stripe), …), [`AnyProvider`](crate::AnyProvider)
//! and the [`Verify`](crate::Verify) / [`Sign`](crate::Sign) traits are at the crate root; this
//! module has what chooses and describes them at run time.

#[macro_use]
mod macros;

pub(crate) mod any;
mod custom;
pub(crate) mod github;
mod registry;
pub(crate) mod shopify;
pub(crate) mod slack;
pub mod spec;
pub(crate) mod standard_webhooks;
pub(crate) mod stripe;
pub(crate) mod svix;
pub(crate) mod traits;

pub use custom::Custom;
pub use registry::{Entry, Family, Options, ProviderError, REGISTRY, UnknownProvider, find};
pub(crate) use traits::{Sign, Verify};

