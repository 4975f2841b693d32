//! How signatures are written in headers, and strict decoding of them.
//!
//! Decoding is strict on purpose: the official SDKs compare the *encoded strings* (lower-case
//! hex, canonical padded base64), so accepting `ABCD…` or unpadded base64 here would accept
//! deliveries they reject. Strict decoding followed by a constant-time byte comparison gives the
//! same verdicts as their string comparison, without their timing leak.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::Malformed;
use crate::scheme::mac::{MAX_TAG_LEN, Tag};

/// The text encoding of a signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Encoding {
    /// Lower-case hexadecimal.
    Hex,
    /// Standard base64 with padding (RFC 4648 §4).
    Base64,
}

/// Longest encoded signature accepted: base64 of a 64-byte tag is 88 characters, hex 128.
const MAX_ENCODED_LEN: usize = 2 * MAX_TAG_LEN;

impl Encoding {
    /// Decodes `text` into a tag that must be `expected_len` bytes long.
    ///
    /// ```
    /// use hooksign::scheme::Encoding;
    /// use hooksign::Malformed;
    ///
    /// assert!(Encoding::Hex.decode("00ff", 2).is_ok());
    /// assert_eq!(Encoding::Hex.decode("00FF", 2).unwrap_err(), Malformed::NotHex);
    /// assert!(Encoding::Base64.decode("AP8=", 2).is_ok());
    /// assert_eq!(Encoding::Base64.decode("AP8", 2).unwrap_err(), Malformed::NotBase64);
    /// ```
    pub fn decode(self, text: &str, expected_len: usize) -> Result<Tag, Malformed> {
        if text.len() > MAX_ENCODED_LEN {
            return Err(Malformed::TooLong {
                max: MAX_ENCODED_LEN,
            });
        }
        let mut buf = [0u8; MAX_ENCODED_LEN];
        let len = match self {
            Encoding::Hex => {
                let lower_hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
                if !text.len().is_multiple_of(2) || !text.bytes().all(lower_hex) {
                    return Err(Malformed::NotHex);
                }
                let len = text.len() / 2;
                hex::decode_to_slice(text, &mut buf[..len]).map_err(|_| Malformed::NotHex)?;
                len
            }
            Encoding::Base64 => STANDARD
                .decode_slice(text, &mut buf)
                .map_err(|_| Malformed::NotBase64)?,
        };
        if len != expected_len {
            return Err(Malformed::WrongLength {
                expected: expected_len,
                actual: len,
            });
        }
        Ok(Tag::from_slice(&buf[..len]).expect("expected_len is a tag length"))
    }

    /// Encodes a tag.
    ///
    /// ```
    /// use hooksign::scheme::Encoding;
    /// let tag = Encoding::Hex.decode("00ff", 2).unwrap();
    /// assert_eq!(Encoding::Base64.encode(&tag), "AP8=");
    /// ```
    pub fn encode(self, tag: &Tag) -> String {
        match self {
            Encoding::Hex => hex::encode(tag.as_bytes()),
            Encoding::Base64 => STANDARD.encode(tag.as_bytes()),
        }
    }
}
