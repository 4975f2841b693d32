//! Which addresses a sender may connect to: refusing private, loopback, link-local and other
//! non-global targets (SSRF), in every spelling, unless allowed; and the resolver that turns
//! names into the addresses that are vetted and then connected.

use std::collections::HashMap;
use std::fmt;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::str::FromStr;
use std::sync::Arc;

use crate::send::BoxFuture;

/// Resolves host names for a [`Sender`](crate::send::Sender).
///
/// The addresses it returns are vetted by the [`AddressPolicy`] and are then the very ones
/// connected to: a name is resolved once per connection, so a DNS answer that changes between
/// a check and the connection (DNS rebinding) cannot slip a private address through.
pub trait Resolver: Send + Sync + 'static {
    /// The addresses of `host` (a name, never an IP literal).
    fn resolve(&self, host: &str) -> BoxFuture<'static, io::Result<Vec<IpAddr>>>;
}

/// The system resolver (`getaddrinfo`, through Tokio).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemResolver;

impl Resolver for SystemResolver {
    fn resolve(&self, host: &str) -> BoxFuture<'static, io::Result<Vec<IpAddr>>> {
        let host = host.to_owned();
        Box::pin(async move {
            let addrs = tokio::net::lookup_host((host.as_str(), 0)).await?;
            Ok(addrs.map(|a| a.ip()).collect())
        })
    }
}

/// A fixed table of names and their addresses: for tests and development (`hooks.test` →
/// `127.0.0.1`). Names are matched without regard to case or a trailing dot; an unknown name
/// fails to resolve.
///
/// ```
/// use std::net::{IpAddr, Ipv4Addr};
/// use hooksign::send::{Resolver, StaticResolver};
///
/// let resolver = StaticResolver::new().with_host("hooks.test", [IpAddr::V4(Ipv4Addr::LOCALHOST)]);
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// assert_eq!(resolver.resolve("HOOKS.test").await.unwrap(), [IpAddr::V4(Ipv4Addr::LOCALHOST)]);
/// assert!(resolver.resolve("other.test").await.is_err());
/// # });
/// ```
#[derive(Debug, Clone, Default)]
pub struct StaticResolver {
    hosts: Arc<HashMap<String, Vec<IpAddr>>>,
}

impl StaticResolver {
    /// An empty table.
    pub fn new() -> Self {
        StaticResolver::default()
    }

    /// Adds (or replaces) a name.
    pub fn with_host(mut self, host: &str, addrs: impl IntoIterator<Item = IpAddr>) -> Self {
        Arc::make_mut(&mut self.hosts)
            .insert(host.to_ascii_lowercase(), addrs.into_iter().collect());
        self
    }
}

impl Resolver for StaticResolver {
    fn resolve(&self, host: &str) -> BoxFuture<'static, io::Result<Vec<IpAddr>>> {
        let found = self.hosts.get(&normalize(host)).cloned();
        let host = host.to_owned();
        Box::pin(async move {
            found.ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::NotFound,
                    format!("{host} is not in the table"),
                )
            })
        })
    }
}

/// A name as compared: lower case, without the root's trailing dot.
fn normalize(host: &str) -> String {
    host.trim_end_matches('.').to_ascii_lowercase()
}

/// The kind of non-global address a target resolved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AddressRange {
    /// `0.0.0.0`, `::`.
    Unspecified,
    /// `0.0.0.0/8` ("this network").
    ThisNetwork,
    /// `127.0.0.0/8`, `::1`.
    Loopback,
    /// `10.0.0.0/8`, `172.16.0.0/12`, `192.168.0.0/16`.
    Private,
    /// `100.64.0.0/10` (carrier-grade NAT).
    SharedAddressSpace,
    /// `169.254.0.0/16` (cloud metadata at 169.254.169.254), `fe80::/10`.
    LinkLocal,
    /// `fc00::/7`.
    UniqueLocal,
    /// `fec0::/10` (deprecated site-local).
    SiteLocal,
    /// `224.0.0.0/4`, `ff00::/8`.
    Multicast,
    /// `255.255.255.255`.
    Broadcast,
    /// `192.0.2.0/24`, `198.51.100.0/24`, `203.0.113.0/24`, `2001:db8::/32`, `3fff::/20`.
    Documentation,
    /// `198.18.0.0/15`.
    Benchmarking,
    /// `192.0.0.0/24`, `2001::/23` (IETF protocol assignments, Teredo among them).
    ProtocolAssignment,
    /// `64:ff9b:1::/48` (local-use NAT64).
    LocalNat64,
    /// `100::/64` (discard-only).
    Discard,
    /// `240.0.0.0/4`, `192.88.99.0/24`, IPv4-compatible `::/96`, and IPv6 outside `2000::/3`.
    Reserved,
}

impl AddressRange {
    /// A short description (`"loopback"`, `"link-local"`, …).
    pub fn describe(self) -> &'static str {
        match self {
            AddressRange::Unspecified => "unspecified",
            AddressRange::ThisNetwork => "this-network",
            AddressRange::Loopback => "loopback",
            AddressRange::Private => "private",
            AddressRange::SharedAddressSpace => "shared (carrier-grade NAT)",
            AddressRange::LinkLocal => "link-local",
            AddressRange::UniqueLocal => "unique-local",
            AddressRange::SiteLocal => "site-local",
            AddressRange::Multicast => "multicast",
            AddressRange::Broadcast => "broadcast",
            AddressRange::Documentation => "documentation",
            AddressRange::Benchmarking => "benchmarking",
            AddressRange::ProtocolAssignment => "IETF protocol assignment",
            AddressRange::LocalNat64 => "local-use NAT64",
            AddressRange::Discard => "discard-only",
            AddressRange::Reserved => "reserved",
        }
    }
}

/// How an IPv4 address is carried inside an IPv6 one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Embedding {
    Mapped,
    Translated,
    Nat64,
    SixToFour,
}

impl Embedding {
    fn describe(self) -> &'static str {
        match self {
            Embedding::Mapped => "IPv4-mapped",
            Embedding::Translated => "IPv4-translated",
            Embedding::Nat64 => "NAT64",
            Embedding::SixToFour => "6to4",
        }
    }
}

/// The range of a non-global address, or `None` for a global one.
///
/// IPv4 carried in IPv6 (IPv4-mapped `::ffff:0:0/96`, IPv4-translated `::ffff:0:0:0/96`,
/// NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) is judged by the IPv4 address it carries.
///
/// ```
/// use std::net::IpAddr;
/// use hooksign::send::{classify, AddressRange};
///
/// let ip = |s: &str| s.parse::<IpAddr>().unwrap();
/// assert_eq!(classify(ip("169.254.169.254")), Some(AddressRange::LinkLocal));
/// assert_eq!(classify(ip("::ffff:127.0.0.1")), Some(AddressRange::Loopback));
/// assert_eq!(classify(ip("64:ff9b::a00:1")), Some(AddressRange::Private));
/// assert_eq!(classify(ip("93.184.215.14")), None);
/// assert_eq!(classify(ip("2606:4700::1111")), None);
/// ```
pub fn classify(ip: IpAddr) -> Option<AddressRange> {
    match ip {
        IpAddr::V4(v4) => classify_v4(v4),
        IpAddr::V6(v6) => match embedded_v4(v6) {
            Some((v4, _)) => classify_v4(v4),
            None => classify_v6(v6),
        },
    }
}

fn classify_v4(ip: Ipv4Addr) -> Option<AddressRange> {
    let [a, b, c, _] = ip.octets();
    let range = match (a, b, c) {
        _ if ip.is_unspecified() => AddressRange::Unspecified,
        _ if ip.is_broadcast() => AddressRange::Broadcast,
        (0, _, _) => AddressRange::ThisNetwork,
        (10, _, _) | (192, 168, _) => AddressRange::Private,
        (172, 16..=31, _) => AddressRange::Private,
        (100, 64..=127, _) => AddressRange::SharedAddressSpace,
        (127, _, _) => AddressRange::Loopback,
        (169, 254, _) => AddressRange::LinkLocal,
        (192, 0, 0) => AddressRange::ProtocolAssignment,
        (192, 0, 2) | (198, 51, 100) | (203, 0, 113) => AddressRange::Documentation,
        (192, 88, 99) => AddressRange::Reserved,
        (198, 18..=19, _) => AddressRange::Benchmarking,
        (224..=239, _, _) => AddressRange::Multicast,
        (240..=255, _, _) => AddressRange::Reserved,
        _ => return None,
    };
    Some(range)
}

fn classify_v6(ip: Ipv6Addr) -> Option<AddressRange> {
    let s = ip.segments();
    let range = if ip.is_unspecified() {
        AddressRange::Unspecified
    } else if ip.is_loopback() {
        AddressRange::Loopback
    } else if s[..6] == [0; 6] {
        // IPv4-compatible (deprecated): nothing routes it.
        AddressRange::Reserved
    } else if s[0] == 0x64 && s[1] == 0xff9b && s[2] == 1 {
        AddressRange::LocalNat64
    } else if s[..4] == [0x100, 0, 0, 0] {
        AddressRange::Discard
    } else if s[0] == 0x2001 && s[1] == 0x0db8 || s[0] & 0xfff0 == 0x3ff0 {
        AddressRange::Documentation
    } else if s[0] == 0x2001 && s[1] < 0x200 {
        AddressRange::ProtocolAssignment
    } else if s[0] & 0xfe00 == 0xfc00 {
        AddressRange::UniqueLocal
    } else if s[0] & 0xffc0 == 0xfe80 {
        AddressRange::LinkLocal
    } else if s[0] & 0xffc0 == 0xfec0 {
        AddressRange::SiteLocal
    } else if s[0] & 0xff00 == 0xff00 {
        AddressRange::Multicast
    } else if s[0] & 0xe000 != 0x2000 {
        AddressRange::Reserved
    } else {
        return None;
    };
    Some(range)
}

/// The IPv4 address carried by an IPv6 one, and how.
fn embedded_v4(ip: Ipv6Addr) -> Option<(Ipv4Addr, Embedding)> {
    let s = ip.segments();
    let o = ip.octets();
    let last = Ipv4Addr::new(o[12], o[13], o[14], o[15]);
    if s[..5] == [0; 5] && s[5] == 0xffff {
        Some((last, Embedding::Mapped))
    } else if s[..4] == [0; 4] && s[4] == 0xffff && s[5] == 0 {
        Some((last, Embedding::Translated))
    } else if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        Some((last, Embedding::Nat64))
    } else if s[0] == 0x2002 {
        Some((Ipv4Addr::new(o[2], o[3], o[4], o[5]), Embedding::SixToFour))
    } else {
        None
    }
}

/// An address block in CIDR notation (`10.0.0.0/8`, `fd00::/8`); a bare address is a block of
/// one.
///
/// ```
/// use hooksign::send::Cidr;
/// let net: Cidr = "10.0.0.0/8".parse()?;
/// assert!(net.contains("10.1.2.3".parse()?));
/// assert!(!net.contains("11.0.0.1".parse()?));
/// assert!("127.0.0.1".parse::<Cidr>()?.contains("127.0.0.1".parse()?));
/// assert!("10.0.0.0/33".parse::<Cidr>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cidr {
    addr: IpAddr,
    prefix: u8,
}

impl Cidr {
    /// The block of `prefix` leading bits of `addr`; `None` if the prefix is longer than the
    /// address.
    pub fn new(addr: IpAddr, prefix: u8) -> Option<Self> {
        let max = if addr.is_ipv4() { 32 } else { 128 };
        (prefix <= max).then_some(Cidr { addr, prefix })
    }

    /// Whether `ip` lies in the block (IPv4 and IPv6 blocks never contain each other's
    /// addresses; see [`AddressPolicy`] for IPv4 carried in IPv6).
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

impl FromStr for Cidr {
    type Err = CidrError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (addr, prefix) = match s.split_once('/') {
            Some((addr, prefix)) => (addr, Some(prefix)),
            None => (s, None),
        };
        let addr: IpAddr = addr.parse().map_err(|_| CidrError(s.to_owned()))?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => crate::time::parse_unix(p)
                .and_then(|p| u8::try_from(p).ok())
                .ok_or_else(|| CidrError(s.to_owned()))?,
            None => max,
        };
        Cidr::new(addr, prefix).ok_or_else(|| CidrError(s.to_owned()))
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

/// A string that is not an address block.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an address block (expected e.g. 10.0.0.0/8 or fd00::/8)")]
pub struct CidrError(String);

/// Which targets a sender may connect to.
///
/// By default ([`AddressPolicy::global_only`]) every address that is not globally routable
/// is refused: loopback, private, shared (`100.64/10`), link-local (cloud metadata at
/// `169.254.169.254`), unique-local, multicast, unspecified, documentation, reserved, and
/// IPv4 carried in IPv6 (IPv4-mapped, NAT64, 6to4) that is any of these. Numeric hosts in any
/// spelling (`2130706433`, `0x7f.1`, `0177.0.0.1`) are read as the address they denote. A name
/// is refused when *any* of its addresses is refused. Exceptions are explicit: blocks
/// ([`with_allowed_cidr`](Self::with_allowed_cidr)) or host names
/// ([`with_allowed_host`](Self::with_allowed_host)); [`AddressPolicy::any`] allows everything
/// (development against `localhost` only).
///
/// ```
/// use hooksign::send::{AddressPolicy, StaticResolver};
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let resolver = StaticResolver::new()
///     .with_host("internal.test", ["10.0.0.7".parse().unwrap()]);
/// let strict = AddressPolicy::global_only();
/// let refusal = strict.vet_url("http://internal.test/hook", &resolver).await.unwrap_err();
/// assert!(refusal.to_string().contains("private"));
/// assert!(strict.vet_url("http://[::ffff:7f00:1]/", &resolver).await.is_err());
///
/// let dev = AddressPolicy::global_only().with_allowed_cidr("10.0.0.0/8".parse().unwrap());
/// assert!(dev.vet_url("http://internal.test/hook", &resolver).await.is_ok());
/// # });
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddressPolicy {
    any: bool,
    cidrs: Vec<Cidr>,
    hosts: Vec<String>,
}

impl AddressPolicy {
    /// Only globally routable addresses (the default).
    pub fn global_only() -> Self {
        AddressPolicy::default()
    }

    /// Every address, private and loopback included: for development only.
    pub fn any() -> Self {
        AddressPolicy {
            any: true,
            ..AddressPolicy::default()
        }
    }

    /// Also allows the addresses in `cidr` (and IPv4 addresses in it carried in IPv6).
    pub fn with_allowed_cidr(mut self, cidr: Cidr) -> Self {
        self.cidrs.push(cidr);
        self
    }

    /// Also allows this host name, whatever it resolves to (matched without regard to case;
    /// an exact name, not a suffix).
    pub fn with_allowed_host(mut self, host: &str) -> Self {
        self.hosts
            .push(host.trim_end_matches('.').to_ascii_lowercase());
        self
    }

    /// Whether every address is allowed ([`AddressPolicy::any`]).
    pub fn allows_any(&self) -> bool {
        self.any
    }

    fn host_allowed(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.');
        self.hosts.iter().any(|h| h.eq_ignore_ascii_case(host))
    }

    fn cidr_allowed(&self, ip: IpAddr) -> bool {
        let carried = match ip {
            IpAddr::V6(v6) => embedded_v4(v6).map(|(v4, _)| IpAddr::V4(v4)),
            IpAddr::V4(_) => None,
        };
        self.cidrs
            .iter()
            .any(|c| c.contains(ip) || carried.is_some_and(|v4| c.contains(v4)))
    }

    /// Checks one address that `host` denotes or resolved to.
    ///
    /// ```
    /// use hooksign::send::AddressPolicy;
    /// let policy = AddressPolicy::global_only();
    /// assert!(policy.check("example.com", "93.184.215.14".parse()?).is_ok());
    /// assert!(policy.check("example.com", "10.0.0.1".parse()?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check(&self, host: &str, ip: IpAddr) -> Result<(), Refusal> {
        if self.any || self.host_allowed(host) {
            return Ok(());
        }
        match classify(ip) {
            Some(range) if !self.cidr_allowed(ip) => Err(Refusal {
                host: host.to_owned(),
                address: ip,
                range,
                carried: match ip {
                    IpAddr::V6(v6) => embedded_v4(v6),
                    IpAddr::V4(_) => None,
                },
            }),
            _ => Ok(()),
        }
    }

    /// Resolves `host` (unless it is an address: a bracketed IPv6, or IPv4 in any numeric
    /// spelling) and checks every address. Returns the addresses to connect to.
    pub async fn vet(&self, host: &str, resolver: &dyn Resolver) -> Result<Vec<IpAddr>, Vetting> {
        if let Some(ip) = literal(host) {
            self.check(host, ip)?;
            return Ok(vec![ip]);
        }
        let addrs = resolver.resolve(host).await.map_err(Vetting::Resolve)?;
        if addrs.is_empty() {
            return Err(Vetting::Resolve(io::Error::new(
                io::ErrorKind::NotFound,
                format!("{host} has no address"),
            )));
        }
        for &ip in &addrs {
            self.check(host, ip)?;
        }
        Ok(addrs)
    }

    /// [`vet`](Self::vet) on the host of a URL, parsed as a browser would (so `http://0x7f.1/`
    /// is `127.0.0.1`).
    pub async fn vet_url(
        &self,
        url: &str,
        resolver: &dyn Resolver,
    ) -> Result<Vec<IpAddr>, Vetting> {
        let parsed = url::Url::parse(url).map_err(|e| Vetting::Url(e.to_string()))?;
        match parsed.host() {
            Some(url::Host::Ipv4(ip)) => {
                self.check(&ip.to_string(), IpAddr::V4(ip))?;
                Ok(vec![IpAddr::V4(ip)])
            }
            Some(url::Host::Ipv6(ip)) => {
                self.check(&ip.to_string(), IpAddr::V6(ip))?;
                Ok(vec![IpAddr::V6(ip)])
            }
            Some(url::Host::Domain(name)) => self.vet(name, resolver).await,
            None => Err(Vetting::Url("the URL has no host".into())),
        }
    }
}

/// Why a target could not be vetted.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Vetting {
    /// The policy refused an address.
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// The name did not resolve.
    #[error("cannot resolve: {0}")]
    Resolve(io::Error),
    /// The URL is not one.
    #[error("invalid URL: {0}")]
    Url(String),
}

/// A target refused by the [`AddressPolicy`]: which host, which address, which range.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Refusal {
    host: String,
    address: IpAddr,
    range: AddressRange,
    carried: Option<(Ipv4Addr, Embedding)>,
}

impl Refusal {
    /// The host as written in the URL.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The refused address.
    pub fn address(&self) -> IpAddr {
        self.address
    }

    /// Its range.
    pub fn range(&self) -> AddressRange {
        self.range
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let range = self.range.describe();
        if literal(&self.host) == Some(self.address) {
            write!(f, "{} is a {range} address", self.address)?;
        } else {
            write!(
                f,
                "{} resolves to {}, a {range} address",
                self.host, self.address
            )?;
        }
        if let Some((v4, how)) = self.carried {
            write!(f, " ({} {v4})", how.describe())?;
        }
        write!(f, "; non-global targets are refused unless allowed")
    }
}

/// The address a host denotes without resolution: an IPv6 literal (bracketed or not), or IPv4
/// in the forms `inet_aton` accepts (`a.b.c.d`, `a.b.c`, `a.b`, `a`, each part decimal, octal
/// with a leading `0`, or hex with `0x`), which `getaddrinfo` would otherwise read the same way.
pub(crate) fn literal(host: &str) -> Option<IpAddr> {
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    if let Ok(v6) = bare.parse::<Ipv6Addr>() {
        return Some(IpAddr::V6(v6));
    }
    legacy_ipv4(host.trim_end_matches('.')).map(IpAddr::V4)
}

fn legacy_ipv4(host: &str) -> Option<Ipv4Addr> {
    let parts: Vec<u64> = host
        .split('.')
        .map(parse_part)
        .collect::<Option<Vec<_>>>()?;
    let (last, init) = parts.split_last()?;
    if init.len() > 3 || init.iter().any(|&p| p > 255) {
        return None;
    }
    let last_bits = 8 * (4 - init.len() as u32);
    if last_bits < 64 && *last >= 1u64 << last_bits {
        return None;
    }
    let mut value: u64 = 0;
    for (i, &p) in init.iter().enumerate() {
        value |= p << (24 - 8 * i as u32);
    }
    value |= last;
    u32::try_from(value).ok().map(Ipv4Addr::from)
}

fn parse_part(part: &str) -> Option<u64> {
    if part.is_empty() {
        return None;
    }
    let (digits, radix) = if let Some(hex) = part.strip_prefix("0x").or(part.strip_prefix("0X")) {
        (hex, 16)
    } else if part.len() > 1 && part.starts_with('0') {
        (&part[1..], 8)
    } else {
        (part, 10)
    };
    if digits.is_empty() {
        // `0x` alone is 0, as inet_aton reads it.
        return (radix == 16).then_some(0);
    }
    if digits.len() > 12 || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    u64::from_str_radix(digits, radix).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_ipv4_spellings() {
        for (text, ip) in [
            ("127.0.0.1", "127.0.0.1"),
            ("2130706433", "127.0.0.1"),
            ("0x7f000001", "127.0.0.1"),
            ("0177.0.0.1", "127.0.0.1"),
            ("0x7f.1", "127.0.0.1"),
            ("127.1", "127.0.0.1"),
            ("10.0x10.1", "10.16.0.1"),
            ("169.254.43518", "169.254.169.254"),
        ] {
            assert_eq!(legacy_ipv4(text), Some(ip.parse().unwrap()), "{text}");
        }
        for text in [
            "1.2.3.4.5",
            "256.0.0.1",
            "4294967296",
            "08.0.0.1",
            "a.b",
            "",
            "1..2",
        ] {
            assert_eq!(legacy_ipv4(text), None, "{text}");
        }
    }
}
