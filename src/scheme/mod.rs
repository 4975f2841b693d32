//! The engines that providers are configurations of.
//!
//! - [`mac`]: pre-keyed HMAC over a message fed in parts, and the constant-time match of one
//!   computed tag per secret against every signature a request carries.
//! - [`encoding`]: strict hex / base64 decoding of signatures into stack buffers.
//! - [`list`]: the compound signature headers (`t=…,v1=…` and `v1,<b64> v1,<b64>`).
//! - [`header`]: fetching a header as one bounded value, with precise errors.

pub mod encoding;
pub mod header;
pub mod list;
pub mod mac;

pub use encoding::Encoding;
pub use mac::Algorithm;
