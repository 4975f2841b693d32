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

/// Value of each lower-case hex digit; `INVALID` for every other byte.
const HEX_VALUES: [u8; 256] = {
    let mut table = [INVALID; 256];
    let mut i = 0;
    while i < 10 {
        table[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        table[b'a' as usize + i] = 10 + i as u8;
        i += 1;
    }
    table
};
const INVALID: u8 = 0xff;

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
        match self {
            Encoding::Hex => decode_hex(text.as_bytes(), expected_len),
            Encoding::Base64 => decode_base64(text, expected_len),
        }
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

/// One pass over the text, straight into the tag: this runs on every verification.
fn decode_hex(text: &[u8], expected_len: usize) -> Result<Tag, Malformed> {
    let mut tag = Tag::zeroed(expected_len).ok_or(Malformed::TooLong {
        max: MAX_ENCODED_LEN,
    })?;
    if text.len() != 2 * expected_len {
        let all_hex = text.iter().all(|&b| HEX_VALUES[usize::from(b)] != INVALID);
        return Err(if all_hex && text.len().is_multiple_of(2) {
            Malformed::WrongLength {
                expected: expected_len,
                actual: text.len() / 2,
            }
        } else {
            Malformed::NotHex
        });
    }
    let mut invalid = 0u8;
    for (out, pair) in tag.bytes_mut().iter_mut().zip(text.chunks_exact(2)) {
        let (hi, lo) = (
            HEX_VALUES[usize::from(pair[0])],
            HEX_VALUES[usize::from(pair[1])],
        );
        // INVALID has its high bit set, no digit value does: collect it, branch once.
        invalid |= hi | lo;
        *out = (hi << 4) | (lo & 0x0f);
    }
    if invalid & 0x80 != 0 {
        return Err(Malformed::NotHex);
    }
    Ok(tag)
}

fn decode_base64(text: &str, expected_len: usize) -> Result<Tag, Malformed> {
    // Room for the decoder's length estimate (3 bytes per 4 characters, rounded up).
    let mut buf = [0u8; MAX_ENCODED_LEN];
    let len = STANDARD
        .decode_slice(text, &mut buf)
        .map_err(|_| Malformed::NotBase64)?;
    if len != expected_len {
        return Err(Malformed::WrongLength {
            expected: expected_len,
            actual: len,
        });
    }
    Tag::from_slice(&buf[..len]).ok_or(Malformed::TooLong {
        max: MAX_ENCODED_LEN,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_strict_and_exact() {
        assert_eq!(
            Encoding::Hex.decode("00ff7a", 3).unwrap().as_bytes(),
            [0x00, 0xff, 0x7a]
        );
        assert_eq!(
            Encoding::Hex.decode("00ff", 3).unwrap_err(),
            Malformed::WrongLength {
                expected: 3,
                actual: 2
            }
        );
        assert_eq!(
            Encoding::Hex.decode("00f", 2).unwrap_err(),
            Malformed::NotHex
        );
        for bad in ["0g", "0G", "0A", " 0", "0\u{0}", "\u{e9}"] {
            assert_eq!(
                Encoding::Hex.decode(bad, 1).unwrap_err(),
                Malformed::NotHex,
                "{bad:?}"
            );
        }
    }

    #[test]
    fn base64_is_canonical() {
        assert_eq!(
            Encoding::Base64.decode("AP8=", 2).unwrap().as_bytes(),
            [0x00, 0xff]
        );
        // Non-zero trailing bits decode to the same bytes in lenient decoders: refused here.
        assert_eq!(
            Encoding::Base64.decode("AP9=", 2).unwrap_err(),
            Malformed::NotBase64
        );
        assert_eq!(
            Encoding::Base64.decode("AP8A", 2).unwrap_err(),
            Malformed::WrongLength {
                expected: 2,
                actual: 3
            }
        );
    }
}
