//! The public URL of a request, for providers that sign it ([`WebhookConfig::with_public_url`],
//! [`WebhookConfig::with_trusted_proxies`], [`WebhookConfig::trust_host_header`]).
//!
//! [`WebhookConfig::with_public_url`]: super::WebhookConfig::with_public_url
//! [`WebhookConfig::with_trusted_proxies`]: super::WebhookConfig::with_trusted_proxies
//! [`WebhookConfig::trust_host_header`]: super::WebhookConfig::trust_host_header

use std::fmt;
use std::net::IpAddr;

use crate::headers::{HeaderLookup, Headers};

/// Why a public URL or a trusted proxy was refused when configuring a
/// [`WebhookConfig`](super::WebhookConfig).
///
/// ```
/// use hooksign::{GitHub, SecretSet};
/// use hooksign::integrations::{PublicUrlError, WebhookConfig};
///
/// let config = WebhookConfig::new(GitHub::new(SecretSet::new(["s"])?));
/// assert!(matches!(
///     config.clone().with_public_url("hooks.example.com"),
///     Err(PublicUrlError::PublicUrl(_))
/// ));
/// assert!(matches!(
///     config.with_trusted_proxies(["10.0.0.0/33"]),
///     Err(PublicUrlError::Proxy(_))
/// ));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PublicUrlError {
    /// Not `http://` or `https://` followed by a host (and optionally a path), without query
    /// or fragment.
    #[error("{0:?} is not a public base URL (http:// or https://, a host, an optional path)")]
    PublicUrl(String),
    /// Not an IP address or a CIDR block (`10.0.0.0/8`, `fd00::/8`).
    #[error("{0:?} is not an IP address or CIDR block")]
    Proxy(String),
}

/// An IP network: an address and a prefix length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Net {
    addr: IpAddr,
    prefix: u8,
}

impl Net {
    pub(crate) fn parse(text: &str) -> Result<Self, PublicUrlError> {
        let refuse = || PublicUrlError::Proxy(text.to_owned());
        let (addr, prefix) = match text.trim().split_once('/') {
            Some((addr, prefix)) => (addr, Some(prefix)),
            None => (text.trim(), None),
        };
        let addr: IpAddr = addr.parse().map_err(|_| refuse())?;
        let addr = addr.to_canonical();
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(refuse)?,
            Some(_) => return Err(refuse()),
            None => max,
        };
        Ok(Net { addr, prefix })
    }

    pub(crate) fn contains(&self, ip: IpAddr) -> bool {
        fn bits(ip: IpAddr) -> u128 {
            match ip {
                IpAddr::V4(v4) => u128::from(u32::from(v4)),
                IpAddr::V6(v6) => u128::from(v6),
            }
        }
        let ip = ip.to_canonical();
        if ip.is_ipv4() != self.addr.is_ipv4() {
            return false;
        }
        let width = if ip.is_ipv4() { 32 } else { 128 };
        let shift = width - u32::from(self.prefix);
        if shift >= 128 {
            return true;
        }
        (bits(ip) >> shift) == (bits(self.addr) >> shift)
    }
}

impl fmt::Display for Net {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

/// How an endpoint learns its public URL.
#[derive(Debug, Clone, Default)]
pub(crate) struct UrlPolicy {
    /// `scheme://host[/prefix]`, without a trailing `/`.
    pub(crate) base: Option<String>,
    pub(crate) proxies: Vec<Net>,
    pub(crate) trust_host: bool,
}

/// What the framework knows of the request, beyond its headers.
pub(crate) struct RequestLine<'a> {
    /// The TCP peer, if the server reports it.
    pub(crate) peer: Option<IpAddr>,
    /// The request target's path and query (`/hooks/in?a=1`).
    pub(crate) target: &'a str,
    /// `https` if the server itself terminated TLS, else `http`.
    pub(crate) scheme: &'static str,
}

impl UrlPolicy {
    /// Whether any option is set (if none, no URL is ever built).
    pub(crate) fn is_set(&self) -> bool {
        self.base.is_some() || !self.proxies.is_empty() || self.trust_host
    }

    pub(crate) fn set_base(&mut self, base: &str) -> Result<(), PublicUrlError> {
        let refuse = || PublicUrlError::PublicUrl(base.to_owned());
        let rest = base
            .strip_prefix("https://")
            .or_else(|| base.strip_prefix("http://"))
            .ok_or_else(refuse)?;
        let host = rest.split('/').next().unwrap_or_default();
        if !valid_authority(host)
            || rest.contains(['?', '#'])
            || !rest.bytes().all(|b| b.is_ascii_graphic())
        {
            return Err(refuse());
        }
        self.base = Some(base.trim_end_matches('/').to_owned());
        Ok(())
    }

    /// The public URL of the request, or why none can be given (logged by the caller at
    /// `debug`: a URL-signed provider then reports the missing URL).
    pub(crate) fn resolve(
        &self,
        headers: &dyn Headers,
        line: &RequestLine<'_>,
    ) -> Result<String, &'static str> {
        if !line.target.starts_with('/') {
            return Err("the request target is not a path");
        }
        if let Some(base) = &self.base {
            return Ok(format!("{base}{}", line.target));
        }
        let trusted = line
            .peer
            .is_some_and(|peer| self.proxies.iter().any(|net| net.contains(peer)));
        let (scheme, host) = if trusted {
            let scheme = match single(headers.lookup("x-forwarded-proto"))? {
                Some(proto) if proto.eq_ignore_ascii_case("https") => "https",
                Some(proto) if proto.eq_ignore_ascii_case("http") => "http",
                Some(_) => return Err("X-Forwarded-Proto is not http or https"),
                None => line.scheme,
            };
            let host = match single(headers.lookup("x-forwarded-host"))? {
                Some(host) => host,
                None => single(headers.lookup("host"))?.ok_or("no Host header")?,
            };
            (scheme, host)
        } else if self.trust_host {
            (
                line.scheme,
                single(headers.lookup("host"))?.ok_or("no Host header")?,
            )
        } else if self.proxies.is_empty() {
            return Err("no public URL is configured");
        } else {
            return Err("the peer is not a trusted proxy: forwarded headers ignored");
        };
        if !valid_authority(host) {
            return Err("the host is not a valid authority");
        }
        Ok(format!("{scheme}://{host}{}", line.target))
    }
}

/// One header value, not a comma-separated list (which several hops wrote, and whose first
/// entry a client may have set itself).
fn single(lookup: HeaderLookup<'_>) -> Result<Option<&str>, &'static str> {
    match lookup {
        HeaderLookup::Absent => Ok(None),
        HeaderLookup::One(value) if value.contains(',') => {
            Err("a forwarded header holds a list of hops")
        }
        HeaderLookup::One(value) => Ok(Some(value.trim())),
        HeaderLookup::Conflicting => Err("a header is repeated with different values"),
        HeaderLookup::NotText => Err("a header is not text"),
    }
}

/// `host[:port]`, a bracketed IPv6 literal allowed: letters, digits, `-`, `.`, `_`, `:`,
/// `[`, `]`, at most 262 bytes. Nothing that could end the authority (`/`, `?`, `#`, `@`) or a
/// header.
fn valid_authority(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 262
        && host.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b':' | b'[' | b']')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(peer: &str, target: &str) -> RequestLine<'static> {
        RequestLine {
            peer: Some(peer.parse().unwrap()),
            target: Box::leak(target.to_owned().into_boxed_str()),
            scheme: "http",
        }
    }

    #[test]
    fn networks_parse_and_match() {
        let net = Net::parse("10.0.0.0/8").unwrap();
        assert!(net.contains("10.1.2.3".parse().unwrap()));
        assert!(!net.contains("11.0.0.1".parse().unwrap()));
        // An IPv4-mapped IPv6 peer is the IPv4 address.
        assert!(net.contains("::ffff:10.0.0.1".parse().unwrap()));
        assert!(
            Net::parse("0.0.0.0/0")
                .unwrap()
                .contains("8.8.8.8".parse().unwrap())
        );
        assert!(
            !Net::parse("0.0.0.0/0")
                .unwrap()
                .contains("::1".parse().unwrap())
        );
        assert!(Net::parse("::1").unwrap().contains("::1".parse().unwrap()));
        assert!(
            Net::parse("fd00::/8")
                .unwrap()
                .contains("fd12::1".parse().unwrap())
        );
        assert!(
            Net::parse("127.0.0.1")
                .unwrap()
                .contains("127.0.0.1".parse().unwrap())
        );
        assert!(
            !Net::parse("127.0.0.1")
                .unwrap()
                .contains("127.0.0.2".parse().unwrap())
        );
        for bad in [
            "",
            "10.0.0.0/",
            "10.0.0.0/33",
            "::/129",
            "10.0.0.0/+8",
            "host",
            "10.0.0.0/8/8",
        ] {
            assert_eq!(
                Net::parse(bad),
                Err(PublicUrlError::Proxy(bad.into())),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_base_url_is_checked_and_joined() {
        let mut policy = UrlPolicy::default();
        for bad in [
            "hooks.example.com",
            "ftp://x",
            "https://",
            "https://a/b?c",
            "https://a b",
            "https://u@h",
        ] {
            assert!(policy.set_base(bad).is_err(), "{bad}");
        }
        policy.set_base("https://hooks.example.com/api/").unwrap();
        let headers = [("Host", "attacker.example"), ("X-Forwarded-Host", "evil")];
        assert_eq!(
            policy
                .resolve(&headers, &line("1.2.3.4", "/in?a=1"))
                .unwrap(),
            "https://hooks.example.com/api/in?a=1"
        );
        assert!(policy.resolve(&headers, &line("1.2.3.4", "*")).is_err());
    }

    #[test]
    fn forwarded_headers_count_only_from_trusted_proxies() {
        let policy = UrlPolicy {
            proxies: vec![Net::parse("10.0.0.0/8").unwrap()],
            ..UrlPolicy::default()
        };
        let headers = [
            ("Host", "internal:8080"),
            ("X-Forwarded-Proto", "https"),
            ("X-Forwarded-Host", "hooks.example.com"),
        ];
        assert_eq!(
            policy.resolve(&headers, &line("10.0.0.5", "/in")).unwrap(),
            "https://hooks.example.com/in"
        );
        assert!(policy.resolve(&headers, &line("192.0.2.1", "/in")).is_err());
        // Without forwarded headers, a trusted proxy's Host and the connection's scheme.
        assert_eq!(
            policy
                .resolve(&[("Host", "internal:8080")], &line("10.0.0.5", "/in"))
                .unwrap(),
            "http://internal:8080/in"
        );
        for bad in [
            [
                ("X-Forwarded-Proto", "https, http"),
                ("X-Forwarded-Host", "h"),
            ],
            [("X-Forwarded-Proto", "gopher"), ("X-Forwarded-Host", "h")],
            [
                ("X-Forwarded-Proto", "https"),
                ("X-Forwarded-Host", "h/evil"),
            ],
            [
                ("X-Forwarded-Proto", "https"),
                ("X-Forwarded-Host", "a.example, b.example"),
            ],
        ] {
            assert!(
                policy.resolve(&bad, &line("10.0.0.5", "/in")).is_err(),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn the_host_header_counts_only_when_trusted() {
        let headers = [
            ("Host", "hooks.example.com"),
            ("X-Forwarded-Host", "evil.example"),
        ];
        let none = UrlPolicy::default();
        assert!(!none.is_set());
        assert!(none.resolve(&headers, &line("1.2.3.4", "/in")).is_err());
        let host = UrlPolicy {
            trust_host: true,
            ..UrlPolicy::default()
        };
        // Forwarded headers from an untrusted peer are ignored, Host is used.
        assert_eq!(
            host.resolve(&headers, &line("1.2.3.4", "/in")).unwrap(),
            "http://hooks.example.com/in"
        );
    }
}
