//! Splitting a URL into the parts URL-signing schemes rebuild it from, without normalizing
//! anything: the bytes a provider signed are the bytes it requested.
//!
//! A URL here is `scheme://authority` followed by the rest (path, query, fragment) exactly as
//! received. The scheme is a letter followed by letters, digits, `+`, `-` or `.`; the authority
//! runs to the first `/`, `?` or `#`, and splits into user information (up to its last `@`),
//! host and port (a `:` after the host, looked for after the closing `]` of an IPv6 literal).
//! That is how `twilio` 6.3.1 (`lib/webhooks/webhooks.js`, `splitUrl`) and `plivo` 4.79.0
//! (`uri-parser`, as `lib/utils/v3Security.js` uses it) read the URL they are given.

/// A URL's parts, each a slice of the original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts<'u> {
    /// `https://`: the scheme with its `://`, as written.
    pub scheme: &'u str,
    /// `user:pass@` with its `@`, or empty.
    pub userinfo: &'u str,
    /// The host, as written (an IPv6 literal with its brackets).
    pub host: &'u str,
    /// `:8443` with its `:`, or empty.
    pub port: &'u str,
    /// Path, query and fragment, as written.
    pub rest: &'u str,
}

impl<'u> Parts<'u> {
    /// The path: the rest up to `?` or `#`.
    pub fn path(&self) -> &'u str {
        let end = self.rest.find(['?', '#']).unwrap_or(self.rest.len());
        &self.rest[..end]
    }

    /// The query without its `?`, up to `#`; `None` when the URL has no `?`.
    pub fn query(&self) -> Option<&'u str> {
        let before_fragment = self.rest.split('#').next().unwrap_or("");
        before_fragment.split_once('?').map(|(_, query)| query)
    }

    /// The port the scheme implies, written as a URL writes it: `:443` for `https`, `:80` for
    /// anything else (as the Twilio SDKs add it).
    pub fn default_port(&self) -> &'static str {
        if self.scheme.eq_ignore_ascii_case("https://") {
            ":443"
        } else {
            ":80"
        }
    }
}

/// Splits `url`, or `None` when it does not start with `scheme://`.
pub fn split(url: &str) -> Option<Parts<'_>> {
    let colon = url.find("://")?;
    let scheme = &url[..colon];
    let mut chars = scheme.bytes();
    let first = chars.next()?;
    if !first.is_ascii_alphabetic()
        || !chars.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    {
        return None;
    }
    let after = colon + 3;
    let authority_len = url[after..]
        .find(['/', '?', '#'])
        .unwrap_or(url.len() - after);
    let authority = &url[after..after + authority_len];
    let host_start = authority.rfind('@').map_or(0, |at| at + 1);
    let host_and_port = &authority[host_start..];
    let search_from = host_and_port.rfind(']').map_or(0, |bracket| bracket + 1);
    let port_start = host_and_port[search_from..]
        .find(':')
        .map_or(host_and_port.len(), |i| search_from + i);
    Some(Parts {
        scheme: &url[..after],
        userinfo: &authority[..host_start],
        host: &host_and_port[..port_start],
        port: &host_and_port[port_start..],
        rest: &url[after + authority_len..],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_without_normalizing() {
        let parts = split("HTTPS://u:p@Example.com:8443/a//b/?q=%20a+b#frag").unwrap();
        assert_eq!(parts.scheme, "HTTPS://");
        assert_eq!(parts.userinfo, "u:p@");
        assert_eq!(parts.host, "Example.com");
        assert_eq!(parts.port, ":8443");
        assert_eq!(parts.rest, "/a//b/?q=%20a+b#frag");
        assert_eq!(parts.path(), "/a//b/");
        assert_eq!(parts.query(), Some("q=%20a+b"));
        assert_eq!(parts.default_port(), ":443");
    }

    #[test]
    fn authority_edges() {
        let bare = split("http://example.com").unwrap();
        assert_eq!((bare.host, bare.port, bare.rest), ("example.com", "", ""));
        assert_eq!(bare.query(), None);
        assert_eq!(bare.default_port(), ":80");
        let ipv6 = split("https://[::1]:8080/x").unwrap();
        assert_eq!((ipv6.host, ipv6.port), ("[::1]", ":8080"));
        let ipv6_bare = split("https://[::1]/x").unwrap();
        assert_eq!((ipv6_bare.host, ipv6_bare.port), ("[::1]", ""));
        let empty_query = split("https://h/x?#f").unwrap();
        assert_eq!(empty_query.query(), Some(""));
        let query_first = split("https://h?a=1").unwrap();
        assert_eq!((query_first.path(), query_first.query()), ("", Some("a=1")));
        let at_in_userinfo = split("https://a@b@host:1/").unwrap();
        assert_eq!(
            (at_in_userinfo.userinfo, at_in_userinfo.host),
            ("a@b@", "host")
        );
    }

    #[test]
    fn refuses_what_is_not_scheme_authority() {
        for url in [
            "example.com/x",
            "/x",
            "",
            "1http://h",
            "ht tp://h",
            "://h",
            "mailto:x",
        ] {
            assert_eq!(split(url), None, "{url:?}");
        }
    }
}
