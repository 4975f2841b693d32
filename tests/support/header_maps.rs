//! Header pairs as the header maps frameworks hand over, for tests that compare them with pairs.

// Each test file that includes this uses only some of it.
#![allow(dead_code, reason = "each test binary uses a different part")]

/// `pairs` as an `http::HeaderMap`, repeated names kept in order; `None` when a name or value
/// is not representable there (a server would have refused the request).
#[cfg(feature = "http")]
pub fn http_map<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> Option<http::HeaderMap> {
    pairs
        .iter()
        .map(|(name, value)| {
            Some((
                http::HeaderName::from_bytes(name.as_ref().as_bytes()).ok()?,
                http::HeaderValue::from_str(value.as_ref()).ok()?,
            ))
        })
        .collect()
}

/// `pairs` as actix-web's `HeaderMap` (`http` 0.2 types), like [`http_map`].
#[cfg(feature = "actix-web")]
pub fn actix_map<K: AsRef<str>, V: AsRef<str>>(
    pairs: &[(K, V)],
) -> Option<actix_web::http::header::HeaderMap> {
    use actix_web::http::header::{HeaderMap, HeaderName, HeaderValue};
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.append(
            HeaderName::from_bytes(name.as_ref().as_bytes()).ok()?,
            HeaderValue::from_str(value.as_ref()).ok()?,
        );
    }
    Some(map)
}
