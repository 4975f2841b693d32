//! The embedded default of `hooksign serve` (no `--config`): a route per built-in provider
//! with a generated secret, verified events printed, and a ready `curl` per route.

use std::collections::HashMap;
use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::net::SocketAddr;

use base64::Engine as _;
use hooksign::provider::spec::SecretFormat;
use hooksign::provider::{Keys, Options, REGISTRY};
use hooksign::{Message, SecretSet, Sign, UnixTime, Verify};

use super::Route;
use super::config::{File, SAMPLE};

/// A demo route, as announced.
pub struct DemoRoute {
    path: String,
    id: &'static str,
    secret: String,
    headers: Vec<(String, String)>,
    /// The body to send: the sample, or the signer's own (a signature inside the body).
    body: String,
}

/// The sample body every demo `curl` sends.
const BODY: &str = r#"{"hello":"hooksign"}"#;

/// The configuration of the embedded default: memory, no forwarding, the listening address
/// as the public URL (for the providers that sign the URL), defaults elsewhere.
pub fn file(listen: Option<&str>) -> File {
    let mut file: File = toml::from_str("")
        .unwrap_or_else(|_| unreachable!("an empty file is a valid configuration"));
    if let Some(listen) = listen {
        file.listen = listen.to_owned();
    }
    file.public_url = Some(format!("http://{}", file.listen));
    file
}

/// 24 bytes drawn from std's randomly keyed SipHash: secrets for trying `serve` out, shown on
/// the terminal, not for production.
fn random_bytes() -> Vec<u8> {
    let state = RandomState::new();
    (0u64..3)
        .flat_map(|i| state.hash_one(i).to_le_bytes())
        .collect()
}

/// A generated secret, base64.
pub fn base64_secret() -> String {
    base64::engine::general_purpose::STANDARD.encode(random_bytes())
}

/// A generated secret in the form `format` names (text secrets as hex digits, which every
/// text-secret provider takes).
fn secret_in(format: Option<&SecretFormat>) -> String {
    match format {
        Some(SecretFormat::Base64 { prefix } | SecretFormat::Base64OrText { prefix }) => {
            format!("{prefix}{}", base64_secret())
        }
        _ => random_bytes().iter().map(|b| format!("{b:02x}")).collect(),
    }
}

/// A route per built-in provider that takes secrets (public-key providers need the
/// provider's own key pair, so they are left out), each with a signed sample request.
pub fn routes(public_url: &str) -> (HashMap<String, Route>, Vec<DemoRoute>) {
    let mut routes = HashMap::new();
    let mut shown = Vec::new();
    let now = UnixTime::now();
    for entry in REGISTRY {
        if entry.keys() != Keys::Secrets {
            continue;
        }
        let secret = secret_in(entry.spec().map(|spec| &spec.secret));
        let Ok(secrets) = SecretSet::new([secret.clone()]) else {
            continue;
        };
        let Ok(provider) = entry.build(secrets, &Options::new()) else {
            continue;
        };
        let path = format!("/webhooks/{}", entry.id());
        let url = format!("{public_url}{path}");
        let message = Message::new(BODY.as_bytes())
            .with_id("msg_demo_1")
            .with_event_type("orders/create")
            .with_url(&url)
            .with_method("POST");
        let Ok(signed) = provider.sign_at(&message, now) else {
            continue;
        };
        // A provider that reads more from the body than the sample has (Linear's signed
        // timestamp field) gets its route but no ready curl.
        let body = signed.body().unwrap_or(BODY.as_bytes());
        let Ok(body_text) = std::str::from_utf8(body) else {
            continue;
        };
        let delivery = hooksign::Delivery::new(&signed, body)
            .with_url(&url)
            .with_method("POST");
        if provider.verify_at(&delivery, now).is_err() {
            continue;
        }
        shown.push(DemoRoute {
            path: path.clone(),
            id: entry.id(),
            secret,
            headers: signed
                .iter()
                .map(|(n, v)| (n.to_owned(), v.to_owned()))
                .collect(),
            body: body_text.to_owned(),
        });
        routes.insert(
            path,
            Route {
                provider,
                forward_to: None,
                by_event: Vec::new(),
                events: Vec::new(),
                allow: Vec::new(),
                trusted_proxies: Vec::new(),
            },
        );
    }
    (routes, shown)
}

/// Single-quotes `text` for a POSIX shell.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// Prints each route's secret and a ready `curl`, then the sample configuration.
pub fn announce(local: SocketAddr, routes: &[DemoRoute]) {
    println!(
        "hooksign serve: embedded default on http://{local} (memory queue, events printed here)"
    );
    println!("Each route has a generated secret; each curl below is signed and verifies once sent");
    println!("(within the provider's replay window).\n");
    for route in routes {
        println!("# {} (secret {})", route.id, quote(&route.secret));
        let mut line = format!("curl -sS -X POST http://{local}{}", route.path);
        for (name, value) in &route.headers {
            line.push_str(&format!(" -H {}", quote(&format!("{name}: {value}"))));
        }
        line.push_str(&format!(" --data-binary {}", quote(&route.body)));
        println!("{line}\n");
    }
    println!("# A configuration to start from (hooksign serve --config FILE):");
    for line in SAMPLE.lines() {
        println!("#   {line}");
    }
}
