//! The engines that providers are configurations of.
//!
//! - [`mac`]: pre-keyed HMAC over a message fed in parts, and the constant-time match of one
//!   computed tag per secret against every signature a request carries.
//! - [`encoding`]: hex / base64, as providers write tags: allocation-free encoding of computed
//!   tags (what received signatures are compared with) and strict decoding (what explains a
//!   signature that cannot match).
//! - [`list`]: the received signatures of a header ([`list::Signatures`]) and the compound
//!   signature headers (`t=…,v1=…` and `v1,<b64> v1,<b64>`).
//! - [`header`]: fetching a header as one bounded value, with precise errors.

pub mod encoding;
pub mod header;
pub mod list;
pub mod mac;

pub use encoding::Encoding;
pub use mac::Algorithm;
