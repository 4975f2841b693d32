//! How `scheme::list::Signatures` reads one received signature, for every `Encoding` and the tag
//! lengths 20 (SHA-1), 32 (SHA-256), 48 (SHA-384) and 64 (SHA-512). (`Encoding::decode` itself is
//! crate-private: it is reached the way the engine reaches it, through a single-signature set.)
//!
//! Input: the encoded text (invalid UTF-8 is replaced).
//! Invariants, for each encoding and length:
//! - never panics;
//! - `malformed()` agrees with a reference decoder (`hex`, `base64`'s strict engines;
//!   `hooksign_fuzz::reference_decode`): `None` iff the reference decodes the text to a tag of
//!   the asked length, else the same `Malformed` reason (`TooLong` over 128 bytes, `NotHex`,
//!   `NotBase64`, `WrongLength{expected, actual}`), on the header it was given;
//! - `matches` accepts the canonical text of the decoded tag iff the received text is that
//!   text (any case for `HexAnyCase`), and never the canonical text of another tag: strict
//!   decoding admits one spelling per tag, so comparing texts is comparing tags;
//! - `mismatch(1)` is the malformed error, else `SignatureMismatch{1, 1}`;
//! - generative round trip: the input bytes' first 20/32/48/64 bytes, encoded canonically,
//!   are well formed and match themselves.
#![no_main]
#![forbid(unsafe_code)]

use hooksign::scheme::list::Signatures;
use hooksign::{Error, Malformed};
use hooksign_fuzz::codec::ENCODINGS;
use hooksign_fuzz::{FUZZ_SIGNATURE, reference_decode, reference_encode};
use libfuzzer_sys::fuzz_target;

const LENGTHS: [usize; 4] = [20, 32, 48, 64];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    for encoding in ENCODINGS {
        for len in LENGTHS {
            let set = Signatures::single(text, encoding, len, &FUZZ_SIGNATURE);
            assert!(set.check().is_ok(), "one signature is always a valid set");
            assert_eq!(set.texts(), [text]);
            let reference = reference_decode(encoding, text, len);
            let malformed = |reason: Malformed| Error::MalformedHeader {
                name: FUZZ_SIGNATURE.as_str().to_owned().into(),
                reason,
            };
            match &reference {
                Ok(tag) => {
                    assert_eq!(set.malformed(), None, "{encoding:?}/{len}: {text:?}");
                    let canonical = reference_encode(encoding, tag);
                    assert!(
                        bool::from(set.matches(canonical.as_bytes())),
                        "{encoding:?}/{len}: {text:?} does not match its own tag"
                    );
                    if encoding != hooksign::provider::spec::Encoding::HexAnyCase {
                        assert_eq!(canonical, text, "{encoding:?}: a second spelling decoded");
                    } else {
                        assert_eq!(canonical, text.to_ascii_lowercase());
                    }
                    let mut other = tag.clone();
                    other[0] ^= 1;
                    let other = reference_encode(encoding, &other);
                    assert!(!bool::from(set.matches(other.as_bytes())));
                    assert_eq!(
                        set.mismatch(1),
                        Error::SignatureMismatch {
                            secrets: 1,
                            signatures: 1
                        }
                    );
                }
                Err(reason) => {
                    assert_eq!(
                        set.malformed(),
                        Some(malformed(reason.clone())),
                        "{encoding:?}/{len}: {text:?}"
                    );
                    assert_eq!(set.mismatch(1), malformed(reason.clone()));
                    if let Malformed::WrongLength { expected, actual } = reason {
                        assert_eq!(*expected, len);
                        assert_ne!(*actual, len);
                    }
                }
            }
        }
    }
    // Round trip of raw bytes.
    for len in LENGTHS {
        if let Some(raw) = data.get(..len) {
            for encoding in ENCODINGS {
                let text = reference_encode(encoding, raw);
                let set = Signatures::single(&text, encoding, len, &FUZZ_SIGNATURE);
                assert_eq!(set.malformed(), None, "{encoding:?}: {text}");
                assert!(bool::from(set.matches(text.as_bytes())));
            }
        }
    }
});
