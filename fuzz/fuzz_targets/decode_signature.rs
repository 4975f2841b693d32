//! `scheme::Encoding::decode` (strict lower-case hex, canonical padded base64) for the tag
//! lengths 20 (SHA-1), 32 (SHA-256) and 64 (SHA-512).
//!
//! Input: the encoded text (invalid UTF-8 is replaced).
//! Invariants, for each encoding and length:
//! - never panics; `Ok(tag)` has the asked length and re-encodes to exactly the input (strict
//!   decoding accepts only the canonical form, so byte comparison equals the SDKs' string
//!   comparison);
//! - the verdict agrees with a reference decoder (`hex` on lower-case input; `base64`'s
//!   canonical `STANDARD`): `TooLong` iff over 128 bytes, `NotHex`/`NotBase64` iff the
//!   reference refuses, `WrongLength{expected, actual}` iff it decodes to `actual != expected`;
//! - generative round trip: the input bytes' first 20/32/64 bytes encode and decode back.
#![no_main]

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hooksign::Malformed;
use hooksign::scheme::Encoding;
use libfuzzer_sys::fuzz_target;

const MAX_ENCODED_LEN: usize = 128;

fn reference(encoding: Encoding, text: &str) -> Option<Vec<u8>> {
    match encoding {
        Encoding::Hex => {
            let lower = text
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
            if lower { hex::decode(text).ok() } else { None }
        }
        Encoding::Base64 => STANDARD.decode(text).ok(),
        _ => unreachable!("only Hex and Base64 exist"),
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    for encoding in [Encoding::Hex, Encoding::Base64] {
        for len in [20, 32, 64] {
            let result = encoding.decode(text, len);
            if text.len() > MAX_ENCODED_LEN {
                assert_eq!(
                    result.err(),
                    Some(Malformed::TooLong {
                        max: MAX_ENCODED_LEN
                    })
                );
                continue;
            }
            match (result, reference(encoding, text)) {
                (Ok(tag), Some(bytes)) => {
                    assert_eq!(tag.as_bytes(), bytes.as_slice());
                    assert_eq!(tag.as_bytes().len(), len);
                    assert_eq!(encoding.encode(&tag), text, "not canonical");
                    let mut buf = [0; MAX_ENCODED_LEN];
                    assert_eq!(encoding.encode_into(&tag, &mut buf), text.as_bytes());
                    assert!(!format!("{tag:?}").contains(&hex::encode(tag.as_bytes())));
                }
                (Err(Malformed::WrongLength { expected, actual }), Some(bytes)) => {
                    assert_eq!((expected, actual), (len, bytes.len()));
                    assert_ne!(actual, len);
                }
                (Err(Malformed::NotHex), None) => assert_eq!(encoding, Encoding::Hex),
                (Err(Malformed::NotBase64), None) => assert_eq!(encoding, Encoding::Base64),
                (other, reference) => {
                    panic!("{encoding:?}/{len}: {text:?} gave {other:?}, reference {reference:?}")
                }
            }
        }
    }
    // Round trip of raw bytes.
    for len in [20, 32, 64] {
        if let Some(raw) = data.get(..len) {
            for encoding in [Encoding::Hex, Encoding::Base64] {
                let text = match encoding {
                    Encoding::Hex => hex::encode(raw),
                    _ => STANDARD.encode(raw),
                };
                let tag = encoding
                    .decode(&text, len)
                    .expect("canonical encoding decodes");
                assert_eq!(tag.as_bytes(), raw);
                assert_eq!(encoding.encode(&tag), text);
            }
        }
    }
});
