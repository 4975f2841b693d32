//! The URL-signed family over form parameters: Twilio, Mandrill, Plivo V3.
//!
//! Input: three lines, then the delivery format of `hooksign_fuzz` (`@now`, `Name:value`
//! lines, blank line, body):
//!
//! ```text
//! twilio                       the provider (twilio, mandrill, plivo; else the byte sum picks)
//! POST                         the method
//! https://h.example/in?a=1     the URL
//! X-Twilio-Signature:s1        a header value `sK` is replaced by the reference's signature
//!                              of secret K (so valid deliveries are common); `H` in the URL
//!                              (as `bodySHA256=H`) by the body's SHA-256
//! ```
//!
//! Invariants:
//! - verify never panics and agrees with a reference model written here from the SDKs'
//!   construction (npm `twilio` 6.3.1, npm `plivo` 4.79.0, the Mandrill docs), sharing no code
//!   with `src/`: its own URL split, form decoding (into owned `Vec`s, UTF-8 checked by
//!   `std::str`), sorting with `Vec::sort`, HMAC from the `hmac` crate, base64 from `base64`;
//! - the common outcome checks (no secret or expected signature in errors);
//! - sign→verify round-trips and the reference accepts what hooksign signed.
#![no_main]
#![forbid(unsafe_code)]

use std::sync::LazyLock;

use hooksign::provider::spec::Algorithm;
use hooksign::{Mandrill, Message, Plivo, Sign, Twilio, Verify};
use hooksign_fuzz::*;
use libfuzzer_sys::fuzz_target;
use sha2::Digest as _;

/// The vectors' secrets (`tests/vectors/{twilio,mandrill,plivo}.json`), so the seeds made
/// from the vectors verify; every provider holds all three.
const SECRETS: &[&str] = &[
    "hooksign-twilio-auth-token-0001",
    "hooksign-mandrill-webhook-key-0001",
    "hooksign-plivo-auth-token-0001",
];
const MAX_PARAMS: usize = 256;

struct Fixture {
    twilio: Twilio,
    mandrill: Mandrill,
    plivo: Plivo,
    sha1: RefKeys,
    sha256: RefKeys,
}

static FX: LazyLock<Fixture> = LazyLock::new(|| {
    let keys: Vec<Vec<u8>> = SECRETS.iter().map(|s| s.as_bytes().to_vec()).collect();
    Fixture {
        twilio: Twilio::new(labelled(SECRETS)),
        mandrill: Mandrill::new(labelled(SECRETS)),
        plivo: Plivo::new(labelled(SECRETS)),
        sha1: RefKeys::new(Algorithm::Sha1, &keys),
        sha256: RefKeys::new(Algorithm::Sha256, &keys),
    }
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Id {
    Twilio,
    Mandrill,
    Plivo,
}

// ------------------------------------------------------------------ the reference

/// `^([a-z][a-z0-9+.-]*://)([^/?#]*)`, case-insensitive, as twilio-node's `splitUrl`:
/// (scheme with `://`, user information with `@`, host, port with `:`, rest).
fn split(url: &str) -> Option<[&str; 5]> {
    let b = url.as_bytes();
    if !b.first()?.is_ascii_alphabetic() {
        return None;
    }
    let mut i = 1;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b"+.-".contains(&b[i])) {
        i += 1;
    }
    if !url[i..].starts_with("://") {
        return None;
    }
    let scheme_end = i + 3;
    let mut j = scheme_end;
    while j < b.len() && !b"/?#".contains(&b[j]) {
        j += 1;
    }
    let authority = &url[scheme_end..j];
    let at = authority.rfind('@').map(|k| k + 1).unwrap_or(0);
    let host_port = &authority[at..];
    let bracket = host_port.rfind(']').map(|k| k + 1).unwrap_or(0);
    let colon = host_port[bracket..].find(':').map(|k| k + bracket);
    let (host, port) = match colon {
        Some(c) => (&host_port[..c], &host_port[c..]),
        None => (host_port, ""),
    };
    Some([&url[..scheme_end], &authority[..at], host, port, &url[j..]])
}

/// `querystring.unescape` of a form component, bytes only.
fn decode(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let hex = |k: usize| raw.get(k).and_then(|c| char::from(*c).to_digit(16));
        match raw[i] {
            b'+' => out.push(b' '),
            b'%' => match (hex(i + 1), hex(i + 2)) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    out
}

type Pairs = Vec<(Vec<u8>, Vec<u8>)>;

/// `querystring.parse`, as pairs in order; `None` past `MAX_PARAMS` or for non-UTF-8.
fn pairs(raw: &[u8]) -> Option<Pairs> {
    let mut out = Vec::new();
    for seg in raw.split(|&c| c == b'&').filter(|s| !s.is_empty()) {
        let (n, v) = match seg.iter().position(|&c| c == b'=') {
            Some(k) => (&seg[..k], &seg[k + 1..]),
            None => (seg, &b""[..]),
        };
        let (n, v) = (decode(n), decode(v));
        if std::str::from_utf8(&n).is_err() || std::str::from_utf8(&v).is_err() {
            return None;
        }
        out.push((n, v));
    }
    (out.len() <= MAX_PARAMS).then_some(out)
}

fn query_of(rest: &str) -> Option<&str> {
    rest.split('#')
        .next()
        .unwrap()
        .split_once('?')
        .map(|(_, q)| q)
}

fn concat(pairs: &Pairs) -> Vec<u8> {
    pairs
        .iter()
        .flat_map(|(n, v)| [n.clone(), v.clone()].concat())
        .collect()
}

/// What the model expects: the signed strings (any may match), the signature texts, and a
/// check that must also hold (Twilio's body digest).
struct Expect {
    contents: Vec<Vec<u8>>,
    signatures: Vec<String>,
    digest_ok: bool,
}

fn header(d: &Delivery<'_>, name: &str) -> Option<String> {
    match d.lookup(name) {
        Lookup::One(v) => Some(v.to_owned()),
        _ => None,
    }
}

fn twilio_expect(d: &Delivery<'_>, url: &str) -> Option<Expect> {
    let [scheme, user, host, port, rest] = split(url)?;
    let signature = header(d, "X-Twilio-Signature")?;
    let query = query_of(rest)
        .map(|q| pairs_lenient(q.as_bytes()))
        .unwrap_or_default();
    let digest = query
        .iter()
        .find(|(n, _)| n == b"bodySHA256")
        .map(|(_, v)| v.clone());
    let params = match &digest {
        Some(_) => Vec::new(),
        None => {
            let mut p = pairs(d.body)?;
            p.sort();
            p.dedup();
            p
        }
    };
    let default = if scheme.eq_ignore_ascii_case("https://") {
        ":443"
    } else {
        ":80"
    };
    let with_port = if port.is_empty() { default } else { port };
    let contents = [
        format!("{scheme}{user}{host}{rest}"),
        format!("{scheme}{user}{host}{with_port}{rest}"),
    ]
    .map(|u| [u.into_bytes(), concat(&params)].concat())
    .to_vec();
    let digest_ok =
        digest.is_none_or(|v| v == hex::encode(sha2::Sha256::digest(d.body)).as_bytes());
    Some(Expect {
        contents,
        signatures: vec![signature],
        digest_ok,
    })
}

/// Query pairs for finding `bodySHA256`: decoded, any bytes (only the name is compared).
fn pairs_lenient(raw: &[u8]) -> Pairs {
    raw.split(|&c| c == b'&')
        .filter(|s| !s.is_empty())
        .map(|seg| match seg.iter().position(|&c| c == b'=') {
            Some(k) => (decode(&seg[..k]), decode(&seg[k + 1..])),
            None => (decode(seg), Vec::new()),
        })
        .collect()
}

fn mandrill_expect(d: &Delivery<'_>, url: &str) -> Option<Expect> {
    let signature = header(d, "X-Mandrill-Signature")?;
    let mut p = pairs(d.body)?;
    p.sort();
    p.dedup();
    if p.windows(2).any(|w| w[0].0 == w[1].0) {
        return None;
    }
    Some(Expect {
        contents: vec![[url.as_bytes().to_vec(), concat(&p)].concat()],
        signatures: vec![signature],
        digest_ok: true,
    })
}

fn plivo_expect(d: &Delivery<'_>, url: &str, method: &str) -> Option<Expect> {
    let post = match method {
        "POST" => true,
        "GET" => false,
        _ => return None,
    };
    let [scheme, _, host, port, rest] = split(url)?;
    let text = header(d, "X-Plivo-Signature-V3")?;
    let nonce = header(d, "X-Plivo-Signature-V3-Nonce")?;
    let signatures: Vec<String> = text.split(',').map(str::to_owned).collect();
    if signatures.len() > MAX_SIGNATURES {
        return None;
    }
    let mut query = match query_of(rest) {
        Some(q) => pairs(q.as_bytes())?,
        None => Vec::new(),
    };
    query.sort();
    let mut body = if post { pairs(d.body)? } else { Vec::new() };
    body.sort();
    let path = rest.split(['?', '#']).next().unwrap();
    let mut s = format!("{scheme}{host}{port}{path}").into_bytes();
    let q: Vec<Vec<u8>> = query
        .iter()
        .map(|(n, v)| [&n[..], b"=", &v[..]].concat())
        .collect();
    if !query.is_empty() || !body.is_empty() {
        s.push(b'?');
    }
    s.extend(q.join(&b'&'));
    if !query.is_empty() && !body.is_empty() {
        s.push(b'.');
    }
    s.extend(concat(&body));
    s.push(b'.');
    s.extend(nonce.as_bytes());
    Some(Expect {
        contents: vec![s],
        signatures,
        digest_ok: true,
    })
}

fn model(fx: &Fixture, id: Id, d: &Delivery<'_>, url: &str, method: &str) -> Model {
    let expect = match id {
        Id::Twilio => twilio_expect(d, url),
        Id::Mandrill => mandrill_expect(d, url),
        Id::Plivo => plivo_expect(d, url, method),
    };
    let Some(expect) = expect else {
        return Model::Reject;
    };
    let keys = if id == Id::Plivo {
        &fx.sha256
    } else {
        &fx.sha1
    };
    for k in 0..SECRETS.len() {
        for content in &expect.contents {
            let tag = &keys.base64(&[content])[k];
            if expect.signatures.iter().any(|s| s == tag) {
                return if expect.digest_ok {
                    Model::Ok(k)
                } else {
                    Model::Reject
                };
            }
        }
    }
    Model::Reject
}

/// The reference's signature of secret `k` (variant 0) for this delivery.
fn reference_signature(
    fx: &Fixture,
    id: Id,
    d: &Delivery<'_>,
    url: &str,
    method: &str,
    k: usize,
) -> Option<String> {
    let expect = match id {
        Id::Twilio => twilio_expect(d, url),
        Id::Mandrill => mandrill_expect(d, url),
        Id::Plivo => plivo_expect(d, url, method),
    }?;
    let keys = if id == Id::Plivo {
        &fx.sha256
    } else {
        &fx.sha1
    };
    let variant = (d.body.len() + k) % expect.contents.len();
    Some(keys.base64(&[&expect.contents[variant]])[k].clone())
}

// ------------------------------------------------------------------ the target

fn signature_header(id: Id) -> &'static str {
    match id {
        Id::Twilio => "X-Twilio-Signature",
        Id::Mandrill => "X-Mandrill-Signature",
        Id::Plivo => "X-Plivo-Signature-V3",
    }
}

fuzz_target!(|data: &[u8]| {
    let fx = &*FX;
    let mut lines = data.splitn(4, |&b| b == b'\n');
    let (Some(which), Some(method), Some(url)) = (lines.next(), lines.next(), lines.next()) else {
        return;
    };
    let rest = lines.next().unwrap_or(b"");
    let id = match which {
        b"twilio" => Id::Twilio,
        b"mandrill" => Id::Mandrill,
        b"plivo" => Id::Plivo,
        other => [Id::Twilio, Id::Mandrill, Id::Plivo]
            [other.iter().map(|&b| usize::from(b)).sum::<usize>() % 3],
    };
    let method = String::from_utf8_lossy(method).into_owned();
    let mut d = Delivery::parse(rest);
    let url = String::from_utf8_lossy(url).into_owned();
    let url = url.replace(
        "bodySHA256=H",
        &format!("bodySHA256={}", hex::encode(sha2::Sha256::digest(d.body))),
    );
    // `sK` in the signature header: the reference's signature of secret K.
    let name = signature_header(id);
    for i in 0..d.headers.len() {
        let (n, v) = &d.headers[i];
        if n.eq_ignore_ascii_case(name) && v.len() == 2 && v.starts_with('s') {
            let k = usize::from(v.as_bytes()[1].wrapping_sub(b'0')) % SECRETS.len();
            d.headers[i].1 = String::new();
            if let Some(sig) = reference_signature(fx, id, &d, &url, &method, k) {
                d.headers[i].1 = sig;
            }
        }
    }

    let provider: &dyn Verify = match id {
        Id::Twilio => &fx.twilio,
        Id::Mandrill => &fx.mandrill,
        Id::Plivo => &fx.plivo,
    };
    let signer: &dyn Sign = match id {
        Id::Twilio => &fx.twilio,
        Id::Mandrill => &fx.mandrill,
        Id::Plivo => &fx.plivo,
    };
    let expected: Vec<String> = match id {
        Id::Twilio => twilio_expect(&d, &url),
        Id::Mandrill => mandrill_expect(&d, &url),
        Id::Plivo => plivo_expect(&d, &url, &method),
    }
    .map(|e| {
        let keys = if id == Id::Plivo {
            &fx.sha256
        } else {
            &fx.sha1
        };
        e.contents.iter().flat_map(|c| keys.base64(&[c])).collect()
    })
    .unwrap_or_default();
    let forbidden = Forbidden {
        secrets: SECRETS,
        expected,
        input: data,
    };
    let delivery = hooksign::Delivery::new(&d.headers, d.body)
        .with_url(&url)
        .with_method(&method);
    let result = provider.verify(&delivery);
    trace(&result);
    check_outcome(&result, provider.id(), SECRETS.len(), d.body, &forbidden);
    check_model(
        &result,
        model(fx, id, &d, &url, &method),
        &(&url, &method, &d),
    );
    if let Ok(v) = &result {
        assert!(v.timestamp().is_none() && v.idempotency_key().is_none());
    }

    // Round trip: what hooksign signs, hooksign and the reference accept.
    let message = Message::new(d.body)
        .with_url(&url)
        .with_method(&method)
        .with_id("05429567804466091622");
    if let Ok(signed) = signer.sign_at(&message, d.now) {
        let headers: Vec<(String, String)> = signed
            .iter()
            .map(|(n, v)| (n.to_owned(), v.to_owned()))
            .collect();
        let delivery = hooksign::Delivery::new(&headers, d.body)
            .with_url(&url)
            .with_method(&method);
        let v = provider.verify(&delivery).expect("round trip");
        assert_eq!(v.secret_index(), 0);
        let signed_delivery = Delivery {
            now: d.now,
            headers: headers.clone(),
            body: d.body,
        };
        assert_eq!(
            model(fx, id, &signed_delivery, &url, &method),
            Model::Ok(0),
            "the reference refuses what hooksign signed"
        );
    }
});
