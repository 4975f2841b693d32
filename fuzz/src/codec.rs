//! The reference primitives: HMAC from the `hmac`/`sha1`/`sha2` crates and hex/base64 from the
//! `hex`/`base64` crates, so that no verdict the targets expect comes from hooksign's own MAC or
//! codec code.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use hmac::{KeyInit, Mac};
use hooksign::Malformed;
use hooksign::provider::spec::{Algorithm, Encoding};

/// HMAC of the concatenation of `parts` under `key`.
pub fn hmac(algorithm: Algorithm, key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    fn run<M: Mac + KeyInit>(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
        // HMAC takes keys of any length: `new_from_slice` cannot fail for it.
        let mut mac = <M as KeyInit>::new_from_slice(key).expect("HMAC accepts any key length");
        for part in parts {
            mac.update(part);
        }
        mac.finalize().into_bytes().to_vec()
    }
    match algorithm {
        Algorithm::Sha1 => run::<hmac::Hmac<sha1::Sha1>>(key, parts),
        Algorithm::Sha256 => run::<hmac::Hmac<sha2::Sha256>>(key, parts),
        Algorithm::Sha384 => run::<hmac::Hmac<sha2::Sha384>>(key, parts),
        Algorithm::Sha512 => run::<hmac::Hmac<sha2::Sha512>>(key, parts),
        other => panic!("the reference does not model {other:?}: extend fuzz/src/codec.rs"),
    }
}

/// The canonical text of `tag` in `encoding` (lower-case hex for both hex encodings).
pub fn reference_encode(encoding: Encoding, tag: &[u8]) -> String {
    match encoding {
        Encoding::Hex | Encoding::HexAnyCase => hex::encode(tag),
        Encoding::Base64 => STANDARD.encode(tag),
        Encoding::Base64NoPad => STANDARD_NO_PAD.encode(tag),
        Encoding::Base64Url => URL_SAFE.encode(tag),
        Encoding::Base64UrlNoPad => URL_SAFE_NO_PAD.encode(tag),
        other => panic!("the reference does not model {other:?}: extend fuzz/src/codec.rs"),
    }
}

/// Strict decoding as `Spec`'s `Encoding` documents it: exactly lower-case hex (`Hex`), hex in
/// either case (`HexAnyCase`), canonical base64 of the variant (the `base64` crate's engines
/// refuse non-zero trailing bits and wrong padding). Longer than `crate::MAX_ENCODED_LEN`
/// is `TooLong` before anything else; a decodable text of another length is `WrongLength`.
pub fn reference_decode(encoding: Encoding, text: &str, len: usize) -> Result<Vec<u8>, Malformed> {
    if text.len() > crate::MAX_ENCODED_LEN {
        return Err(Malformed::TooLong {
            max: crate::MAX_ENCODED_LEN,
        });
    }
    let bytes = match encoding {
        Encoding::Hex | Encoding::HexAnyCase => {
            let lower_only = encoding == Encoding::Hex;
            if lower_only && text.bytes().any(|b| b.is_ascii_uppercase()) {
                return Err(Malformed::NotHex);
            }
            hex::decode(text).map_err(|_| Malformed::NotHex)?
        }
        Encoding::Base64 => STANDARD.decode(text).map_err(|_| Malformed::NotBase64)?,
        Encoding::Base64NoPad => STANDARD_NO_PAD
            .decode(text)
            .map_err(|_| Malformed::NotBase64)?,
        Encoding::Base64Url => URL_SAFE.decode(text).map_err(|_| Malformed::NotBase64)?,
        Encoding::Base64UrlNoPad => URL_SAFE_NO_PAD
            .decode(text)
            .map_err(|_| Malformed::NotBase64)?,
        other => panic!("the reference does not model {other:?}: extend fuzz/src/codec.rs"),
    };
    if bytes.len() != len {
        return Err(Malformed::WrongLength {
            expected: len,
            actual: bytes.len(),
        });
    }
    Ok(bytes)
}

/// Every encoding the reference models.
pub const ENCODINGS: [Encoding; 6] = [
    Encoding::Hex,
    Encoding::HexAnyCase,
    Encoding::Base64,
    Encoding::Base64NoPad,
    Encoding::Base64Url,
    Encoding::Base64UrlNoPad,
];
