//! Fetching one header as a single bounded value.

use crate::error::HeaderName;
use crate::{Error, HeaderKey, HeaderLookup, Headers, Malformed};

/// Longest header value any parser looks at. Real signature headers are under 1 KiB even with
/// several signatures; anything much longer is refused before it is parsed.
pub const MAX_HEADER_LEN: usize = 4096;

/// The value of `name`, or the error that says why there is none usable.
pub fn required<'h>(headers: &'h dyn Headers, name: &HeaderKey) -> Result<&'h str, Error> {
    optional(headers, name)?.ok_or_else(|| Error::missing(name))
}

/// The value of `name` if present; an error if present but unusable.
pub fn optional<'h>(headers: &'h dyn Headers, name: &HeaderKey) -> Result<Option<&'h str>, Error> {
    checked(headers.lookup_key(name), name)
}

/// Checks a looked-up value: single, text, bounded.
pub fn checked(
    value: HeaderLookup<'_>,
    name: impl Into<HeaderName>,
) -> Result<Option<&str>, Error> {
    match value {
        HeaderLookup::Absent => Ok(None),
        HeaderLookup::One(v) if v.len() > MAX_HEADER_LEN => Err(Error::malformed(
            name,
            Malformed::TooLong {
                max: MAX_HEADER_LEN,
            },
        )),
        HeaderLookup::One(v) => Ok(Some(v)),
        HeaderLookup::Conflicting => Err(Error::malformed(name, Malformed::Repeated)),
        HeaderLookup::NotText => Err(Error::malformed(name, Malformed::NotText)),
    }
}

/// Like [`required`], treating an empty value as malformed.
pub fn non_empty<'h>(headers: &'h dyn Headers, name: &HeaderKey) -> Result<&'h str, Error> {
    match required(headers, name)? {
        "" => Err(Error::malformed(name, Malformed::Empty)),
        v => Ok(v),
    }
}
