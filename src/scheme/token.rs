//! The shared-token family: the provider sends a secret token as it is, in a header (GitLab's
//! `X-Gitlab-Token`, Telegram's `X-Telegram-Bot-Api-Secret-Token`, Okta's authentication
//! header), and the receiver compares it with the tokens it holds.
//!
//! # Comparing without leaking length or content
//!
//! A byte-by-byte comparison stops at the first difference, and even a constant-time one
//! returns early when the lengths differ: timing would tell an attacker how long the token is,
//! and then how much of a guess is right. So neither the received value nor the tokens are
//! compared directly. When the provider is built, each token is replaced by its HMAC-SHA256
//! under a key drawn at random for the process ([`Tokens`] keeps only those 32-byte digests);
//! a received value is digested under the same key, once, and its digest is compared with
//! every token's in constant time ([`constant_time_eq`] over 32 bytes each). The work done
//! depends only on the length of the received value (which the sender already knows) and the
//! number of tokens, never on the tokens' length or content. Because the key is secret and
//! random, the digests kept in memory are not a dictionary-searchable hash of a low-entropy
//! token either, and a digest collision cannot be aimed at.
//!
//! The key is 256 bits filled from std's `RandomState` (SipHash keys the standard library
//! draws from the operating system's generator once per thread; 128 bits of entropy), which
//! needs no extra dependency; its quality only matters for the defence in depth above, since
//! the comparison is constant-time whatever the key.

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::sync::{Arc, OnceLock};

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::scheme::header;
use crate::scheme::mac::SecretMatch;
use crate::scheme::tag::constant_time_eq;
use crate::{Delivery, Error, HeaderKey, Secret, SecretError, SecretSet};

/// The digest length: HMAC-SHA256.
const DIGEST_LEN: usize = 32;

/// The per-process digest key, pre-keyed into an HMAC state.
fn keyed() -> &'static Hmac<Sha256> {
    static KEYED: OnceLock<Hmac<Sha256>> = OnceLock::new();
    KEYED.get_or_init(|| {
        let state = RandomState::new();
        let mut key = Zeroizing::new([0u8; 32]);
        for (i, chunk) in key.chunks_exact_mut(8).enumerate() {
            let mut hasher = state.build_hasher();
            hasher.write_usize(i);
            chunk.copy_from_slice(&hasher.finish().to_le_bytes());
        }
        Hmac::new_from_slice(&*key).expect("HMAC takes any key length")
    })
}

/// The keyed digest of `bytes`.
fn digest(bytes: &[u8]) -> [u8; DIGEST_LEN] {
    let mut mac = keyed().clone();
    mac.update(bytes);
    mac.finalize().into_bytes().into()
}

/// What a token provider accepts as a configured token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenForm {
    /// Visible ASCII (`!` to `~`) and spaces, not starting or ending with a space: anything a
    /// header value can carry as it is.
    HeaderText,
    /// Telegram's `secret_token`: 1 to 256 characters `A-Z a-z 0-9 _ -`.
    Telegram,
}

impl TokenForm {
    fn describe(self) -> &'static str {
        match self {
            TokenForm::HeaderText => "visible ASCII text (a header value)",
            TokenForm::Telegram => "1 to 256 characters A-Z a-z 0-9 _ -",
        }
    }

    fn accepts(self, token: &[u8]) -> bool {
        match self {
            TokenForm::HeaderText => {
                token.iter().all(|&b| b == b' ' || b.is_ascii_graphic())
                    && token.first() != Some(&b' ')
                    && token.last() != Some(&b' ')
            }
            TokenForm::Telegram => {
                (1..=256).contains(&token.len())
                    && token
                        .iter()
                        .all(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            }
        }
    }
}

/// The digests of a provider's tokens, in the set's order, and the primary token for signing.
#[derive(Clone)]
pub(crate) struct Tokens {
    digests: Vec<([u8; DIGEST_LEN], Option<Arc<str>>)>,
    primary: Secret,
}

impl Tokens {
    /// The tokens of `secrets`, each checked to be of `form`.
    pub(crate) fn new(secrets: &SecretSet, form: TokenForm) -> Result<Self, SecretError> {
        let digests = secrets
            .iter()
            .enumerate()
            .map(|(index, secret)| {
                if !form.accepts(secret.expose()) {
                    return Err(SecretError::Form {
                        index,
                        expected: form.describe(),
                    });
                }
                Ok((digest(secret.expose()), secret.label_arc()))
            })
            .collect::<Result<_, _>>()?;
        Ok(Tokens {
            digests,
            primary: secrets.primary().clone(),
        })
    }

    /// How many tokens there are.
    pub(crate) fn len(&self) -> usize {
        self.digests.len()
    }

    /// The first token equal to `received`: one digest, then every token's digest compared in
    /// constant time (all of them, whichever matches).
    pub(crate) fn find(&self, received: &[u8]) -> Option<SecretMatch> {
        let received = digest(received);
        let mut found = None;
        for (index, (token, label)) in self.digests.iter().enumerate() {
            if bool::from(constant_time_eq(token, &received)) && found.is_none() {
                found = Some(SecretMatch {
                    index,
                    label: label.clone(),
                });
            }
        }
        found
    }

    /// Checks the token in header `name` of `delivery`.
    pub(crate) fn verify(
        &self,
        delivery: &Delivery<'_>,
        name: &HeaderKey,
    ) -> Result<SecretMatch, Error> {
        let received = header::required(delivery.headers(), name)?;
        self.find(received.as_bytes())
            .ok_or(Error::SignatureMismatch {
                secrets: self.len(),
                signatures: 1,
            })
    }

    /// The primary token, as the provider sends it. Checked to be header text when built.
    pub(crate) fn primary(&self) -> String {
        String::from_utf8_lossy(self.primary.expose()).into_owned()
    }
}

/// Never prints a token or a digest.
impl fmt::Debug for Tokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tokens")
            .field("count", &self.digests.len())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_matching_token_whatever_the_lengths() {
        let set = SecretSet::new(["short", "a-much-longer-token_0123456789"]).unwrap();
        let tokens = Tokens::new(&set, TokenForm::Telegram).unwrap();
        assert_eq!(tokens.find(b"short").map(|m| m.index), Some(0));
        assert_eq!(
            tokens
                .find(b"a-much-longer-token_0123456789")
                .map(|m| m.index),
            Some(1)
        );
        for wrong in [&b""[..], b"shor", b"shortx", b"Short", &[b'x'; 4096]] {
            assert!(tokens.find(wrong).is_none());
        }
    }

    #[test]
    fn forms_are_checked_when_built() {
        let form = |t: &str, f| Tokens::new(&SecretSet::new([t]).unwrap(), f).map(|_| ());
        assert!(form("abc_DEF-123", TokenForm::Telegram).is_ok());
        assert!(form(&"a".repeat(256), TokenForm::Telegram).is_ok());
        assert!(form(&"a".repeat(257), TokenForm::Telegram).is_err());
        assert!(form("no spaces", TokenForm::Telegram).is_err());
        assert!(form("Bearer abc", TokenForm::HeaderText).is_ok());
        assert!(form(" lead", TokenForm::HeaderText).is_err());
        assert!(form("new\nline", TokenForm::HeaderText).is_err());
        assert_eq!(
            form("é", TokenForm::HeaderText),
            Err(SecretError::Form {
                index: 0,
                expected: "visible ASCII text (a header value)"
            })
        );
    }

    #[test]
    fn debug_shows_no_token() {
        let tokens =
            Tokens::new(&SecretSet::new(["hunter2"]).unwrap(), TokenForm::HeaderText).unwrap();
        assert!(!format!("{tokens:?}").contains("hunter2"));
    }
}
