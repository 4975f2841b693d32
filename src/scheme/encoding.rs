//! How signatures are written in headers: encoding computed tags, and strict decoding.
//!
//! The official SDKs compare the *encoded strings* (lower-case hex, canonical padded base64).
//! Verification does the same: it encodes the computed tag ([`Encoding::encode_into`], with
//! arithmetic rather than secret-indexed tables) and compares the texts in constant time, which
//! gives the SDKs' verdicts without their timing leak. Decoding is strict for the same reason
//! (accepting `ABCD…` or unpadded base64 would accept deliveries the SDKs reject); it only runs
//! to explain why a signature cannot match.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};

use crate::Malformed;
use crate::provider::spec::Encoding;
use crate::scheme::tag::{MAX_TAG_LEN, Tag};

/// Longest encoded signature accepted: base64 of a 64-byte tag is 88 characters, hex 128.
pub const MAX_ENCODED_LEN: usize = 2 * MAX_TAG_LEN;

// The base64 encoder maps whole 16-byte blocks: the buffer must hold every block it touches.
const _: () = assert!(MAX_ENCODED_LEN.is_multiple_of(16) && MAX_ENCODED_LEN >= 88);

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
    pub(crate) fn decode(self, text: &str, expected_len: usize) -> Result<Tag, Malformed> {
        if text.len() > MAX_ENCODED_LEN {
            return Err(Malformed::TooLong {
                max: MAX_ENCODED_LEN,
            });
        }
        match self {
            Encoding::Hex => decode_hex(text.as_bytes(), expected_len),
            Encoding::HexAnyCase => {
                let mut lower = [0; MAX_ENCODED_LEN];
                let lower = ascii_lower(text.as_bytes(), &mut lower);
                decode_hex(lower, expected_len)
            }
            Encoding::Base64 => decode_base64(&STANDARD, text, expected_len),
            Encoding::Base64NoPad => decode_base64(&STANDARD_NO_PAD, text, expected_len),
            Encoding::Base64Url => decode_base64(&URL_SAFE, text, expected_len),
            Encoding::Base64UrlNoPad => decode_base64(&URL_SAFE_NO_PAD, text, expected_len),
        }
    }

    /// Encodes a tag.
    pub(crate) fn encode(self, tag: &Tag) -> String {
        // Both encodings are ASCII.
        let mut buf = [0; MAX_ENCODED_LEN];
        self.encode_into(tag, &mut buf)
            .iter()
            .map(|&b| char::from(b))
            .collect()
    }

    /// Encodes a tag into its canonical text in `buf`, without allocating, and returns that
    /// text's bytes.
    ///
    /// This is the only text [`Encoding::decode`] accepts for that tag, so comparing a received
    /// signature with it is the SDKs' string comparison. The tag is the expected signature,
    /// secret to whoever sent the request: each character is computed with arithmetic, never
    /// by indexing a table with tag bits, so cache timing reveals nothing of it.
    pub(crate) fn encode_into<'b>(self, tag: &Tag, buf: &'b mut [u8; MAX_ENCODED_LEN]) -> &'b [u8] {
        let bytes = tag.as_bytes();
        // A tag is at most MAX_TAG_LEN bytes, so both encodings fit in MAX_ENCODED_LEN.
        let len = match self {
            Encoding::Hex | Encoding::HexAnyCase => encode_hex(bytes, buf),
            Encoding::Base64 => encode_base64(bytes, buf, STANDARD_ALPHABET, true),
            Encoding::Base64NoPad => encode_base64(bytes, buf, STANDARD_ALPHABET, false),
            Encoding::Base64Url => encode_base64(bytes, buf, URL_ALPHABET, true),
            Encoding::Base64UrlNoPad => encode_base64(bytes, buf, URL_ALPHABET, false),
        };
        &buf[..len]
    }

    /// Whether received texts are compared ignoring ASCII case ([`Encoding::HexAnyCase`]).
    pub(crate) fn ignores_case(self) -> bool {
        matches!(self, Encoding::HexAnyCase)
    }
}

/// `text` in ASCII lower case, in `buf` (the received text is public: no need for constant
/// time). Texts longer than the buffer are cut, and then cannot match or decode.
pub(crate) fn ascii_lower<'b>(text: &[u8], buf: &'b mut [u8; MAX_ENCODED_LEN]) -> &'b [u8] {
    let len = text.len().min(MAX_ENCODED_LEN);
    for (out, byte) in buf.iter_mut().zip(&text[..len]) {
        *out = byte.to_ascii_lowercase();
    }
    &buf[..len]
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

/// The lower-case hex digit of `nibble` (0..=15), without a branch or a table: a table indexed
/// by tag bits would leak them through the cache. Byte-wide arithmetic only, so that the
/// compiler maps many digits per instruction.
fn hex_digit(nibble: u8) -> u8 {
    // 0..=9 → '0'..='9'; 10..=15 → 'a'..='f': `9 - n`, as a signed byte, is negative exactly
    // when n > 9, and its sign spread over the byte selects the step from '9' + 1 to 'a'.
    let above_nine = (9u8.wrapping_sub(nibble).cast_signed() >> 7).cast_unsigned();
    nibble + b'0' + (above_nine & (b'a' - b'0' - 10))
}

/// Lower-case hex of `bytes` into `out`: first the nibbles, then one branch-free pass mapping
/// them to digits, the same operation on every byte, which the compiler vectorizes.
fn encode_hex(bytes: &[u8], out: &mut [u8; MAX_ENCODED_LEN]) -> usize {
    for (pair, &byte) in out.chunks_exact_mut(2).zip(bytes) {
        pair[0] = byte >> 4;
        pair[1] = byte & 0x0f;
    }
    let len = (2 * bytes.len()).min(MAX_ENCODED_LEN);
    for digit in &mut out[..len] {
        *digit = hex_digit(*digit);
    }
    len
}

/// The standard base64 character (RFC 4648 §4) of `sextet` (0..=63), without a branch or a
/// table, for the same reason as [`hex_digit`]. Each `at_least(k)` is all ones exactly when
/// `sextet >= k` (the sign of `k - 1 - sextet`), and adds the step from one run of the alphabet
/// to the next. Byte-wide arithmetic only, so the compiler maps 16 characters per instruction.
fn base64_char(sextet: u8, alphabet: Alphabet) -> u8 {
    let at_least = |k: u8| (((k - 1).wrapping_sub(sextet)) as i8 >> 7) as u8;
    let (c62, c63) = alphabet;
    sextet
        .wrapping_add(b'A')
        .wrapping_add(at_least(26) & (b'a' - b'A' - 26))
        .wrapping_sub(at_least(52) & (b'a' + 26 - b'0'))
        .wrapping_sub(at_least(62) & (b'0' + 10).wrapping_sub(c62))
        .wrapping_add(at_least(63) & c63.wrapping_sub(c62).wrapping_sub(1))
}

/// The last two characters of a base64 alphabet (the first 62 are common to both).
type Alphabet = (u8, u8);
const STANDARD_ALPHABET: Alphabet = (b'+', b'/');
const URL_ALPHABET: Alphabet = (b'-', b'_');

/// Base64 of `bytes` (a tag: at most 64 bytes, so at most 88 characters) in `alphabet`, padded
/// if asked, into `out`; returns the length written.
///
/// `base64`'s engine is built for long inputs and looks characters up in a table; a tag is
/// one short, secret block. Tested against the `base64` crate below and in the fuzz targets.
fn encode_base64(
    bytes: &[u8],
    out: &mut [u8; MAX_ENCODED_LEN],
    alphabet: Alphabet,
    pad: bool,
) -> usize {
    // First the sextets, then one pass mapping them to characters: that loop is branch-free
    // and the same operation on every byte, which the compiler vectorizes.
    let sextet = |group: u32, shift: u32| ((group >> shift) & 0x3f) as u8;
    let chunks = bytes.chunks_exact(3);
    let tail = chunks.remainder();
    let len = 4 * chunks.len();
    for (chunk, quad) in chunks.zip(out.chunks_exact_mut(4)) {
        let group = (u32::from(chunk[0]) << 16) | (u32::from(chunk[1]) << 8) | u32::from(chunk[2]);
        // Each sextet moved into its own byte, most significant first: one store of four.
        let spread = ((group << 6) & 0x3f00_0000)
            | ((group << 4) & 0x003f_0000)
            | ((group << 2) & 0x0000_3f00)
            | (group & 0x0000_003f);
        quad.copy_from_slice(&spread.to_be_bytes());
    }
    // The last one or two bytes: two or three characters. (Whether there is a tail depends on
    // the tag's length, which is public.)
    let group = match tail {
        [a] => u32::from(*a) << 16,
        [a, b] => (u32::from(*a) << 16) | (u32::from(*b) << 8),
        _ => 0,
    };
    let chars = len + if tail.is_empty() { 0 } else { tail.len() + 1 };
    if !tail.is_empty() {
        out[len] = sextet(group, 18);
        out[len + 1] = sextet(group, 12);
        out[len + 2] = sextet(group, 6);
    }
    // Whole 16-byte blocks, whatever `chars` is: a fixed-size loop the compiler turns into
    // vector instructions with no scalar tail. Bytes past `chars` are overwritten or unused.
    for block in out.chunks_exact_mut(16).take(chars.div_ceil(16)) {
        for c in block {
            *c = base64_char(*c, alphabet);
        }
    }
    if tail.is_empty() || !pad {
        return chars;
    }
    for pad in &mut out[chars..len + 4] {
        *pad = b'=';
    }
    len + 4
}

/// Strict decoding: canonical text only (padding as the engine requires, zero trailing bits).
fn decode_base64(
    engine: &base64::engine::GeneralPurpose,
    text: &str,
    expected_len: usize,
) -> Result<Tag, Malformed> {
    // Room for the decoder's length estimate (3 bytes per 4 characters, rounded up).
    let mut buf = [0u8; MAX_ENCODED_LEN];
    let len = engine
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
    fn encode_into_is_the_inverse_of_decode() {
        for (encoding, text) in [
            (Encoding::Hex, "00ff7a"),
            (Encoding::Base64, "AP96"),
            (Encoding::Base64, "AP8="),
        ] {
            let tag = encoding.decode(text, encoded_len(encoding, text)).unwrap();
            let mut buf = [0; MAX_ENCODED_LEN];
            assert_eq!(encoding.encode_into(&tag, &mut buf), text.as_bytes());
            assert_eq!(encoding.encode(&tag), text);
        }
        let max = Tag::from_slice(&[0xff; MAX_TAG_LEN]).unwrap();
        let mut buf = [0; MAX_ENCODED_LEN];
        assert_eq!(Encoding::Hex.encode_into(&max, &mut buf).len(), 128);
        assert_eq!(Encoding::Base64.encode_into(&max, &mut buf).len(), 88);
    }

    fn encoded_len(encoding: Encoding, text: &str) -> usize {
        match encoding {
            Encoding::Hex | Encoding::HexAnyCase => text.len() / 2,
            _ => STANDARD.decode(text).unwrap().len(),
        }
    }

    #[test]
    fn other_encodings_are_strict_too() {
        let tag = Encoding::Hex.decode("fbff", 2).unwrap();
        let mut buf = [0; MAX_ENCODED_LEN];
        assert_eq!(Encoding::Base64NoPad.encode_into(&tag, &mut buf), b"+/8");
        assert_eq!(Encoding::Base64Url.encode_into(&tag, &mut buf), b"-_8=");
        assert_eq!(Encoding::Base64UrlNoPad.encode_into(&tag, &mut buf), b"-_8");
        assert_eq!(Encoding::HexAnyCase.encode_into(&tag, &mut buf), b"fbff");
        assert!(Encoding::HexAnyCase.decode("FBff", 2).is_ok());
        assert_eq!(
            Encoding::Base64UrlNoPad.decode("-_8=", 2).unwrap_err(),
            Malformed::NotBase64
        );
        assert_eq!(
            Encoding::Base64Url.decode("+/8=", 2).unwrap_err(),
            Malformed::NotBase64
        );
        assert_eq!(
            Encoding::Base64NoPad.decode("+/9", 2).unwrap_err(),
            Malformed::NotBase64
        );
    }

    #[test]
    fn digit_arithmetic_matches_the_alphabets() {
        for n in 0..16u8 {
            assert_eq!(hex_digit(n), b"0123456789abcdef"[usize::from(n)]);
        }
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let url = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for s in 0..64u8 {
            assert_eq!(
                base64_char(s, STANDARD_ALPHABET),
                alphabet[usize::from(s)],
                "{s}"
            );
            assert_eq!(base64_char(s, URL_ALPHABET), url[usize::from(s)], "{s}");
        }
    }

    #[test]
    fn base64_encoder_matches_the_base64_crate() {
        let mut out = [0u8; MAX_ENCODED_LEN];
        for len in 0..=MAX_TAG_LEN {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 97 + len * 31) as u8).collect();
            for (alphabet, pad, engine) in [
                (STANDARD_ALPHABET, true, &STANDARD),
                (STANDARD_ALPHABET, false, &STANDARD_NO_PAD),
                (URL_ALPHABET, true, &URL_SAFE),
                (URL_ALPHABET, false, &URL_SAFE_NO_PAD),
            ] {
                let written = encode_base64(&bytes, &mut out, alphabet, pad);
                assert_eq!(&out[..written], engine.encode(&bytes).as_bytes(), "{len}");
            }
            let tag = Tag::from_slice(&bytes).unwrap();
            let mut buf = [0; MAX_ENCODED_LEN];
            assert_eq!(
                Encoding::Hex.encode_into(&tag, &mut buf),
                hex::encode(&bytes).as_bytes()
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
