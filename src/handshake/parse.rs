//! Bounded reading of what a handshake carries: a query parameter of the request URL, a few
//! fields of a small JSON body, an echoed value checked before it goes back out.

use std::borrow::Cow;

use serde::Deserialize;

use crate::Malformed;

/// The largest handshake body parsed as JSON. The handshakes sent as JSON are a few hundred
/// bytes (Twitch's, the largest, carries its subscription object); a larger body is not read.
pub(crate) const MAX_BODY: usize = 16 * 1024;

/// The longest query string searched for a handshake's parameters.
pub(crate) const MAX_QUERY: usize = 8 * 1024;

/// The longest value echoed back (challenges, tokens): every provider's is far shorter (Slack's
/// challenge is 52 characters, Asana's secret 64, Okta's about 40).
pub(crate) const MAX_ECHO: usize = 512;

/// A query parameter, looked up in a URL.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Param<'a> {
    /// Not in the query (or no query, or a query longer than [`MAX_QUERY`]).
    Absent,
    /// Present once, percent-decoded.
    One(Cow<'a, str>),
    /// Present several times, or not decodable: never guessed at.
    Unusable,
}

/// The query of `url` (a full URL or an origin-form target `/path?query`), without its
/// fragment, if it has one no longer than [`MAX_QUERY`].
pub(crate) fn query(url: &str) -> Option<&str> {
    let (_, rest) = url.split_once('?')?;
    let query = rest.split_once('#').map_or(rest, |(q, _)| q);
    (query.len() <= MAX_QUERY).then_some(query)
}

/// Looks `name` up in the query of `url`, decoding `application/x-www-form-urlencoded` as
/// browsers and the providers' samples do (`+` is a space, `%XX` a byte).
pub(crate) fn param<'a>(url: Option<&'a str>, name: &str) -> Param<'a> {
    let Some(query) = url.and_then(query) else {
        return Param::Absent;
    };
    let mut found = Param::Absent;
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match decode(key) {
            Some(key) if key == name => {}
            Some(_) => continue,
            None => return Param::Unusable,
        }
        if found != Param::Absent {
            return Param::Unusable;
        }
        found = match decode(value) {
            Some(value) => Param::One(value),
            None => return Param::Unusable,
        };
    }
    found
}

/// Percent-decodes one form-encoded component; `None` if an escape is broken or the result is
/// not UTF-8.
pub(crate) fn decode(text: &str) -> Option<Cow<'_, str>> {
    if !text.bytes().any(|b| b == b'%' || b == b'+') {
        return Some(Cow::Borrowed(text));
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hi = hex_digit(*bytes.get(i + 1)?)?;
                let lo = hex_digit(*bytes.get(i + 2)?)?;
                out.push(hi << 4 | lo);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok().map(Cow::Owned)
}

fn hex_digit(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Parses a small JSON body into `T`; `None` if the body is larger than [`MAX_BODY`] or is not
/// that JSON. `serde_json` bounds nesting (128 levels) and `T` keeps only the fields it names.
pub(crate) fn json<'a, T: Deserialize<'a>>(body: &'a [u8]) -> Option<T> {
    if body.len() > MAX_BODY {
        return None;
    }
    serde_json::from_slice(body).ok()
}

/// Checks a value before it is echoed back: 1 to [`MAX_ECHO`] visible ASCII characters, so
/// that it is a valid header value and cannot smuggle a line break or a space into a
/// response. (Markup characters are visible ASCII: text echoes are sent as `text/plain` with
/// `X-Content-Type-Options: nosniff`.)
pub(crate) fn echoable(value: &str) -> Result<&str, Malformed> {
    if value.is_empty() {
        Err(Malformed::Empty)
    } else if value.len() > MAX_ECHO {
        Err(Malformed::TooLong { max: MAX_ECHO })
    } else if !value.bytes().all(|b| b.is_ascii_graphic()) {
        Err(Malformed::NotText)
    } else {
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_are_decoded_and_never_guessed() {
        let url =
            "https://h/p?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=a%2Bb+c#frag";
        assert_eq!(param(Some(url), "hub.mode"), Param::One("subscribe".into()));
        assert_eq!(
            param(Some(url), "hub.verify_token"),
            Param::One("a+b c".into())
        );
        assert_eq!(
            param(Some(url), "hub.challenge"),
            Param::One("1158201444".into())
        );
        assert_eq!(param(Some(url), "frag"), Param::Absent);
        assert_eq!(
            param(Some("/p?challenge=a&challenge=a"), "challenge"),
            Param::Unusable
        );
        assert_eq!(
            param(Some("/p?challenge=%zz"), "challenge"),
            Param::Unusable
        );
        assert_eq!(
            param(Some("/p?challenge=%ff"), "challenge"),
            Param::Unusable
        );
        assert_eq!(
            param(Some("/p?challenge"), "challenge"),
            Param::One("".into())
        );
        assert_eq!(param(Some("/p"), "challenge"), Param::Absent);
        assert_eq!(param(None, "challenge"), Param::Absent);
        let long = format!("/p?challenge=x&pad={}", "a".repeat(MAX_QUERY));
        assert_eq!(param(Some(&long), "challenge"), Param::Absent);
    }

    #[test]
    fn echoed_values_are_visible_ascii_and_short() {
        assert_eq!(echoable("3eZbrw1aBm2r"), Ok("3eZbrw1aBm2r"));
        assert_eq!(echoable(""), Err(Malformed::Empty));
        assert_eq!(echoable("a b"), Err(Malformed::NotText));
        assert_eq!(echoable("a\r\nX: y"), Err(Malformed::NotText));
        assert_eq!(echoable("é"), Err(Malformed::NotText));
        assert_eq!(
            echoable(&"a".repeat(MAX_ECHO + 1)),
            Err(Malformed::TooLong { max: MAX_ECHO })
        );
    }

    #[test]
    fn json_is_bounded() {
        #[derive(Deserialize)]
        struct T {
            a: u8,
        }
        assert_eq!(json::<T>(br#"{"a":1,"b":[1,2]}"#).map(|t| t.a), Some(1));
        assert!(json::<T>(b"{").is_none());
        let big = format!(r#"{{"a":1,"b":"{}"}}"#, "x".repeat(MAX_BODY));
        assert!(json::<T>(big.as_bytes()).is_none());
    }
}
