//! A MAC tag kept on the stack, and constant-time equality: the leaf every engine builds on.
//!
//! Nothing here depends on another module of the crate, so the encoders, the signature lists
//! and the MAC engine can all use it without importing one another in a circle.

use std::fmt;

use subtle::{Choice, ConstantTimeEq};

/// The largest tag any supported algorithm produces.
pub const MAX_TAG_LEN: usize = 64;

/// A MAC tag or a decoded signature, kept on the stack.
#[derive(Clone, Copy)]
pub struct Tag {
    bytes: [u8; MAX_TAG_LEN],
    len: u8,
}

impl Tag {
    /// A tag from at most [`MAX_TAG_LEN`] bytes.
    pub(crate) fn from_slice(bytes: &[u8]) -> Option<Self> {
        let mut tag = Tag {
            bytes: [0; MAX_TAG_LEN],
            len: u8::try_from(bytes.len()).ok()?,
        };
        tag.bytes.get_mut(..bytes.len())?.copy_from_slice(bytes);
        Some(tag)
    }

    /// A tag of `len` zero bytes, to be filled in.
    pub(crate) fn zeroed(len: usize) -> Option<Self> {
        (len <= MAX_TAG_LEN).then_some(Tag {
            bytes: [0; MAX_TAG_LEN],
            len: len as u8,
        })
    }

    pub(crate) fn bytes_mut(&mut self) -> &mut [u8] {
        &mut self.bytes[..usize::from(self.len)]
    }

    /// The tag's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }
}

/// Constant-time equality of two byte strings whose lengths are public.
///
/// The bytes are XOR-ed and OR-ed together without a branch, eight at a time (a last, partial
/// word is taken overlapping the one before: equal strings agree there too), and only the
/// folded result goes through `subtle`: the same guarantee as comparing byte by byte with
/// `subtle`, without an optimisation barrier per byte.
#[inline]
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> Choice {
    if a.len() != b.len() {
        return Choice::from(0);
    }
    let word = |bytes: &[u8], at: usize| {
        let mut out = [0; 8];
        out.copy_from_slice(&bytes[at..at + 8]);
        u64::from_ne_bytes(out)
    };
    let diff = if a.len() < 8 {
        a.iter()
            .zip(b)
            .fold(0u64, |acc, (x, y)| acc | u64::from(x ^ y))
    } else {
        let last = word(a, a.len() - 8) ^ word(b, a.len() - 8);
        (0..a.len() / 8).fold(last, |acc, i| acc | (word(a, 8 * i) ^ word(b, 8 * i)))
    };
    diff.ct_eq(&0)
}

/// Never prints the bytes: a tag is what an attacker would need to forge a request.
impl fmt::Debug for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Tag(<{} bytes>)", self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_time_eq_is_equality_at_every_length() {
        for len in 0..=40 {
            let a: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            assert!(bool::from(constant_time_eq(&a, &a.clone())), "{len}");
            // A difference in any single byte, including those of the overlapping last word.
            for at in 0..len {
                let mut b = a.clone();
                b[at] ^= 0x01;
                assert!(!bool::from(constant_time_eq(&a, &b)), "{len} {at}");
            }
            if len > 0 {
                assert!(!bool::from(constant_time_eq(&a, &a[..len - 1])), "{len}");
            }
        }
    }
}
