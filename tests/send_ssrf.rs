//! The SSRF table: every non-global range in every spelling, through a stub resolver, refused
//! by default, and exactly the allow-listed range let through. Nothing here connects anywhere:
//! it checks the policy's verdicts (`AddressPolicy::vet_url`, the same check the sender runs
//! on every resolution before connecting).
#![cfg(feature = "send")]
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed assertion"
)]

use std::net::IpAddr;
use std::sync::Mutex;

use hooksign::send::{AddressPolicy, AddressRange, BoxFuture, Resolver, StaticResolver, Vetting};

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

/// The stub DNS: names for the table, one of them with a public and a private address.
fn resolver() -> StaticResolver {
    StaticResolver::new()
        .with_host("localhost", [ip("127.0.0.1"), ip("::1")])
        .with_host("metadata.test", [ip("169.254.169.254")])
        .with_host("intranet.test", [ip("10.1.2.3")])
        .with_host("mixed.test", [ip("93.184.215.14"), ip("10.0.0.5")])
        .with_host("mixed6.test", [ip("2606:4700::1111"), ip("fd12::1")])
        .with_host("public.test", [ip("93.184.215.14"), ip("2606:4700::1111")])
}

/// Every target refused by default, with the range it should be refused as. `10.` targets
/// (and only they) are let through by the allow-list `10.0.0.0/8` below.
const REFUSED: &[(&str, AddressRange)] = &[
    // IPv4 loopback, in the spellings browsers and inet_aton accept
    ("http://127.0.0.1/", AddressRange::Loopback),
    ("http://127.255.255.254/", AddressRange::Loopback),
    ("http://2130706433/", AddressRange::Loopback),
    ("http://0x7f000001/", AddressRange::Loopback),
    ("http://0177.0.0.1/", AddressRange::Loopback),
    ("http://0x7f.1/", AddressRange::Loopback),
    ("http://127.1/", AddressRange::Loopback),
    ("http://localhost/", AddressRange::Loopback),
    // private
    ("http://10.0.0.1/", AddressRange::Private),
    ("http://167772161/", AddressRange::Private),
    ("http://0xa.0.0.1/", AddressRange::Private),
    ("http://intranet.test/", AddressRange::Private),
    ("http://172.16.0.1/", AddressRange::Private),
    ("http://172.31.255.255/", AddressRange::Private),
    ("http://192.168.1.1/", AddressRange::Private),
    ("http://0300.0250.1.1/", AddressRange::Private),
    // shared, link-local, cloud metadata
    ("http://100.64.0.1/", AddressRange::SharedAddressSpace),
    ("http://100.127.255.254/", AddressRange::SharedAddressSpace),
    (
        "http://169.254.169.254/latest/meta-data/",
        AddressRange::LinkLocal,
    ),
    ("http://2852039166/", AddressRange::LinkLocal),
    ("http://169.254.43518/", AddressRange::LinkLocal),
    ("http://metadata.test/", AddressRange::LinkLocal),
    // unspecified, this network, multicast, broadcast, reserved, documentation, benchmarking
    ("http://0.0.0.0/", AddressRange::Unspecified),
    ("http://0/", AddressRange::Unspecified),
    ("http://0.1.2.3/", AddressRange::ThisNetwork),
    ("http://224.0.0.1/", AddressRange::Multicast),
    ("http://239.255.255.250/", AddressRange::Multicast),
    ("http://255.255.255.255/", AddressRange::Broadcast),
    ("http://240.0.0.1/", AddressRange::Reserved),
    ("http://192.0.2.1/", AddressRange::Documentation),
    ("http://198.51.100.7/", AddressRange::Documentation),
    ("http://203.0.113.9/", AddressRange::Documentation),
    ("http://198.18.0.1/", AddressRange::Benchmarking),
    ("http://192.0.0.8/", AddressRange::ProtocolAssignment),
    // IPv6
    ("http://[::1]/", AddressRange::Loopback),
    ("http://[0:0:0:0:0:0:0:1]/", AddressRange::Loopback),
    ("http://[::]/", AddressRange::Unspecified),
    ("http://[fe80::1]/", AddressRange::LinkLocal),
    ("http://[fd00::1]/", AddressRange::UniqueLocal),
    ("http://[fc00::1]/", AddressRange::UniqueLocal),
    ("http://[fec0::1]/", AddressRange::SiteLocal),
    ("http://[ff02::1]/", AddressRange::Multicast),
    ("http://[2001:db8::1]/", AddressRange::Documentation),
    ("http://[100::1]/", AddressRange::Discard),
    ("http://[64:ff9b:1::a00:1]/", AddressRange::LocalNat64),
    ("http://[2001::1]/", AddressRange::ProtocolAssignment),
    ("http://[::127.0.0.1]/", AddressRange::Reserved),
    // IPv4 carried in IPv6: mapped, translated, NAT64, 6to4
    ("http://[::ffff:127.0.0.1]/", AddressRange::Loopback),
    ("http://[::ffff:7f00:1]/", AddressRange::Loopback),
    ("http://[::ffff:169.254.169.254]/", AddressRange::LinkLocal),
    ("http://[::ffff:10.0.0.1]/", AddressRange::Private),
    ("http://[::ffff:0:10.0.0.1]/", AddressRange::Private),
    ("http://[64:ff9b::127.0.0.1]/", AddressRange::Loopback),
    ("http://[64:ff9b::a9fe:a9fe]/", AddressRange::LinkLocal),
    ("http://[64:ff9b::10.0.0.1]/", AddressRange::Private),
    ("http://[2002:7f00:1::]/", AddressRange::Loopback),
    ("http://[2002:a00:1::1]/", AddressRange::Private),
    ("http://[2002:c0a8:101::]/", AddressRange::Private),
    // a name with a public and a private address (refused for the private one)
    ("http://mixed.test/", AddressRange::Private),
    ("http://mixed6.test/", AddressRange::UniqueLocal),
    // trailing dot, upper case, port, credentials: still the same host
    ("http://LOCALHOST./", AddressRange::Loopback),
    ("https://user:pw@10.9.8.7:8443/x?y", AddressRange::Private),
];

/// Global targets: allowed by default.
const ALLOWED: &[&str] = &[
    "https://93.184.215.14/",
    "http://1572395790/",
    "http://[2606:4700::1111]/",
    "http://[::ffff:93.184.215.14]/",
    "http://[64:ff9b::5db8:d70e]/",
    "http://[2002:5db8:d70e::1]/",
    "https://public.test/hooks",
];

async fn verdict(policy: &AddressPolicy, url: &str) -> Result<Vec<IpAddr>, Vetting> {
    policy.vet_url(url, &resolver()).await
}

#[tokio::test]
async fn every_non_global_target_is_refused_by_default() {
    assert!(REFUSED.len() >= 40, "{} targets", REFUSED.len());
    let policy = AddressPolicy::global_only();
    for &(url, range) in REFUSED {
        match verdict(&policy, url).await {
            Err(Vetting::Refused(refusal)) => {
                assert_eq!(refusal.range(), range, "{url}: {refusal}");
                assert!(refusal.to_string().contains(range.describe()), "{refusal}");
            }
            other => panic!("{url} was not refused: {other:?}"),
        }
    }
    for &url in ALLOWED {
        assert!(verdict(&policy, url).await.is_ok(), "{url} refused");
    }
}

#[tokio::test]
async fn exactly_the_allow_listed_range_is_let_through() {
    let policy = AddressPolicy::global_only().with_allowed_cidr("10.0.0.0/8".parse().unwrap());
    let mut let_through = Vec::new();
    for &(url, _) in REFUSED {
        if verdict(&policy, url).await.is_ok() {
            let_through.push(url);
        }
    }
    assert_eq!(
        let_through,
        [
            "http://10.0.0.1/",
            "http://167772161/",
            "http://0xa.0.0.1/",
            "http://intranet.test/",
            "http://[::ffff:10.0.0.1]/",
            "http://[::ffff:0:10.0.0.1]/",
            "http://[64:ff9b::10.0.0.1]/",
            "http://[2002:a00:1::1]/",
            "http://mixed.test/",
            "https://user:pw@10.9.8.7:8443/x?y",
        ]
    );
    for &url in ALLOWED {
        assert!(verdict(&policy, url).await.is_ok(), "{url}");
    }

    // An allowed host name, whatever it resolves to; nothing else.
    let policy = AddressPolicy::global_only().with_allowed_host("metadata.test");
    for &(url, _) in REFUSED {
        assert_eq!(
            verdict(&policy, url).await.is_ok(),
            url == "http://metadata.test/",
            "{url}"
        );
    }

    // Everything, for development.
    for &(url, _) in REFUSED {
        assert!(verdict(&AddressPolicy::any(), url).await.is_ok(), "{url}");
    }
}

/// Answers a public address, then a private one: each answer is vetted on its own, so the
/// second (a rebinding attempt) is refused.
struct Rebinding(Mutex<Vec<IpAddr>>);

impl Resolver for Rebinding {
    fn resolve(&self, _host: &str) -> BoxFuture<'static, std::io::Result<Vec<IpAddr>>> {
        let next = self.0.lock().unwrap().remove(0);
        Box::pin(async move { Ok(vec![next]) })
    }
}

#[tokio::test]
async fn a_resolver_that_answers_public_then_private_is_caught_on_the_second_answer() {
    let resolver = Rebinding(Mutex::new(vec![ip("93.184.215.14"), ip("127.0.0.1")]));
    let policy = AddressPolicy::global_only();
    let first = policy
        .vet_url("https://rebind.test/", &resolver)
        .await
        .unwrap();
    assert_eq!(first, [ip("93.184.215.14")]);
    let second = policy
        .vet_url("https://rebind.test/", &resolver)
        .await
        .unwrap_err();
    assert!(
        matches!(second, Vetting::Refused(ref r) if r.range() == AddressRange::Loopback && r.host() == "rebind.test"),
        "{second}"
    );
}

#[tokio::test]
async fn unresolvable_and_malformed_targets_are_errors_not_refusals() {
    let policy = AddressPolicy::global_only();
    assert!(matches!(
        verdict(&policy, "http://unknown.test/").await,
        Err(Vetting::Resolve(_))
    ));
    assert!(matches!(
        verdict(&policy, "not a url").await,
        Err(Vetting::Url(_))
    ));
    // Out-of-range numeric hosts are not URLs at all.
    assert!(matches!(
        verdict(&policy, "http://4294967296/").await,
        Err(Vetting::Url(_))
    ));
}
