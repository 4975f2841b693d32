//! The engines that providers are configurations of. Crate-private (the fuzz crate sees them
//! through `cfg(fuzzing)`): users reach them only through providers and [`Spec`]s.
//!
//! - [`template`]: the HMAC-over-a-template engine that runs every [`Spec`].
//! - [`standard_webhooks`]: the Standard Webhooks scheme as a spec, shared by every provider
//!   built on it (Standard Webhooks itself, Svix and the services that send through them).
//! - [`url_body`]: the URL-and-body family (Square, Trello, HubSpot): a MAC or a
//!   secret-prefixed hash over the requested URL, the body, the method and a timestamp.
//! - [`mac`]: pre-keyed HMAC over a message fed in parts, and the constant-time match of one
//!   computed tag per secret against every signature a request carries.
//! - [`key`]: how a secret, as issued, becomes an HMAC key.
//! - [`encoding`]: hex / base64, as providers write tags: allocation-free encoding of computed
//!   tags (what received signatures are compared with) and strict decoding (what explains a
//!   signature that cannot match).
//! - [`list`]: the received signatures of a header ([`list::Signatures`]) and the compound
//!   signature headers (`t=…,v1=…` and `v1,<b64> v1,<b64>`).
//! - [`header`]: fetching a header as one bounded value, with precise errors.
//! - [`url`]: a URL split into the parts URL-signing schemes rebuild it from.
//! - [`url_form`]: the URL-signed family over form parameters (Twilio, Mandrill, Plivo):
//!   parameters parsed, sorted and decoded in place, on the stack.
//! - `ed25519` and `ecdsa` (features `ed25519`, `p256`): the public-key families, a provider's
//!   keys and the verification of one signature over content in parts.
//! - [`tag`]: a tag on the stack and constant-time equality, the leaf the others build on.
//!
//! [`Spec`]: crate::provider::spec::Spec

pub mod body_embedded;
#[cfg(feature = "p256")]
pub mod ecdsa;
#[cfg(feature = "ed25519")]
pub mod ed25519;
pub mod encoding;
pub mod header;
pub mod key;
pub mod list;
pub mod mac;
pub mod standard_webhooks;
pub mod tag;
pub mod template;
pub mod token;
pub mod url;
pub mod url_body;
pub mod url_form;
