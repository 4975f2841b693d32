//! How a secret, as a provider issues it, becomes an HMAC key ([`SecretFormat`]).
//!
//! Done once per secret, when a provider is built; the key lives in a zeroized buffer only until
//! it has been hashed into the pre-keyed MAC state.

use base64::Engine as _;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use zeroize::Zeroizing;

use crate::provider::spec::{Algorithm, SecretFormat};
use crate::scheme::mac::Keyring;
use crate::{Secret, SecretError, SecretSet};

/// Base64 as the Standard Webhooks reference libraries decode secrets: padding optional, and
/// non-zero trailing bits accepted (Python's `base64.b64decode` ignores them, so a secret
/// whose last character carries stray bits, a truncated one for instance, is a valid key
/// there; refusing it would break a receiver that works with the reference library).
const SECRET_BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// The HMAC key of secret number `index` in `format`.
pub(crate) fn derive(
    index: usize,
    secret: &Secret,
    format: &SecretFormat,
) -> Result<Zeroizing<Vec<u8>>, SecretError> {
    let text = secret.expose();
    let key =
        match format {
            SecretFormat::Text => Zeroizing::new(text.to_vec()),
            SecretFormat::Base64 { prefix } => {
                let encoded = text.strip_prefix(prefix.as_bytes()).unwrap_or(text);
                Zeroizing::new(SECRET_BASE64.decode(encoded).map_err(|_| {
                    SecretError::NotBase64 {
                        index,
                        prefix: prefix.clone(),
                    }
                })?)
            }
            SecretFormat::Hex => decode_hex(text).ok_or(SecretError::NotHex { index })?,
            SecretFormat::Base64OrText { prefix } => match text.strip_prefix(prefix.as_bytes()) {
                Some(encoded) => Zeroizing::new(SECRET_BASE64.decode(encoded).map_err(|_| {
                    SecretError::NotBase64 {
                        index,
                        prefix: prefix.clone(),
                    }
                })?),
                None => Zeroizing::new(text.to_vec()),
            },
        };
    if key.is_empty() {
        return Err(SecretError::EmptySecret { index });
    }
    Ok(key)
}

/// Hex in either case, into a zeroized buffer.
fn decode_hex(text: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    let digit = |b: u8| char::from(b).to_digit(16);
    let mut key = Zeroizing::new(Vec::with_capacity(text.len() / 2));
    for pair in text.chunks_exact(2) {
        let byte = digit(pair[0])? << 4 | digit(pair[1])?;
        key.push(u8::try_from(byte).ok()?);
    }
    Some(key)
}

/// A keyring of `secrets` read in `format`.
pub(crate) fn keyring(
    algorithm: Algorithm,
    secrets: &SecretSet,
    format: &SecretFormat,
) -> Result<Keyring, SecretError> {
    Keyring::with_derived_keys(algorithm, secrets, |index, secret| {
        derive(index, secret, format)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whsec() -> SecretFormat {
        SecretFormat::Base64 {
            prefix: "whsec_".into(),
        }
    }

    #[test]
    fn base64_secrets_decode_with_or_without_prefix_and_padding() {
        let padded = derive(
            0,
            &Secret::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
            &whsec(),
        );
        let bare = derive(
            0,
            &Secret::new("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
            &whsec(),
        );
        assert_eq!(*padded.unwrap(), *bare.unwrap());
        assert_eq!(
            *derive(0, &Secret::new("whsec_YWJjZA"), &whsec()).unwrap(),
            b"abcd"
        );
        assert_eq!(
            derive(3, &Secret::new("whsec_not base64!"), &whsec()).unwrap_err(),
            SecretError::NotBase64 {
                index: 3,
                prefix: "whsec_".into()
            }
        );
    }

    /// The reference library, `standardwebhooks` 1.1.0 (PyPI), `Webhook.__init__`, strips
    /// `whsec_` and calls `base64.b64decode(whsecret + "==")`; Python's decoder ignores the
    /// trailing bits, so `b64decode("YWJjZB==")` is `b"abcd"` and the secret is accepted. So
    /// hooksign accepts it too, with the same key.
    #[test]
    fn non_zero_trailing_bits_are_accepted_as_the_reference_library_does() {
        let canonical = derive(0, &Secret::new("whsec_YWJjZA=="), &whsec()).unwrap();
        let stray = derive(0, &Secret::new("whsec_YWJjZB=="), &whsec()).unwrap();
        assert_eq!(*stray, *canonical);
        assert_eq!(*stray, b"abcd");
    }

    #[test]
    fn base64_or_text_decodes_only_behind_its_prefix() {
        let format = SecretFormat::Base64OrText {
            prefix: "whsec_".into(),
        };
        assert_eq!(
            *derive(0, &Secret::new("whsec_YWJjZA=="), &format).unwrap(),
            b"abcd"
        );
        assert_eq!(
            *derive(0, &Secret::new("YWJjZA=="), &format).unwrap(),
            b"YWJjZA=="
        );
        assert_eq!(
            derive(1, &Secret::new("whsec_not base64!"), &format).unwrap_err(),
            SecretError::NotBase64 {
                index: 1,
                prefix: "whsec_".into()
            }
        );
    }

    #[test]
    fn hex_secrets_decode_in_either_case() {
        assert_eq!(
            *derive(0, &Secret::new("0aFf"), &SecretFormat::Hex).unwrap(),
            [0x0a, 0xff]
        );
        for bad in ["0", "0g", "+1"] {
            assert_eq!(
                derive(2, &Secret::new(bad), &SecretFormat::Hex).unwrap_err(),
                SecretError::NotHex { index: 2 },
                "{bad}"
            );
        }
    }
}
