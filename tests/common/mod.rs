//! Providers built the same way for every test file.
#![allow(
    clippy::unwrap_used,
    reason = "a failed step fails the benchmark or test loudly"
)]
#![allow(dead_code, reason = "each test binary uses a different part")]

use std::sync::LazyLock;

use hooksign::provider::spec::{SecretFormat, TimeUnit, TimestampSource};
use hooksign::provider::{Options, REGISTRY, find};
use hooksign::{AnyProvider, Message, SecretSet, UnixTime};

/// Suffix of a test id that turns the provider's legacy algorithm on.
const LEGACY: &str = "-legacy";

/// The provider ids under test: every registry entry of the HMAC-template family (the others
/// have tests of their own family, which sign URLs, bodies or keys these tests know nothing
/// of), and those with a legacy algorithm again with it on (`github-legacy`). A template
/// provider added to the registry is tested here unchanged.
pub static IDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut ids = Vec::new();
    for entry in REGISTRY {
        let Some(spec) = entry.spec() else { continue };
        ids.push(entry.id().to_owned());
        if spec.legacy.is_some() {
            ids.push(format!("{}{LEGACY}", entry.id()));
        }
    }
    ids
});

/// A provider of `id` for `secrets` (written as each provider issues them).
pub fn provider(id: &str, secrets: SecretSet) -> AnyProvider {
    let (id, options) = match id.strip_suffix(LEGACY) {
        Some(base) => (base, Options::new().with_legacy_algorithm()),
        None => (id, Options::new()),
    };
    AnyProvider::from_id_with(id, secrets, &options).unwrap_or_else(|e| panic!("{id}: {e}"))
}

/// A secret string of the form `id` issues, made from `raw` bytes.
pub fn secret_for(id: &str, raw: &[u8]) -> String {
    use base64::Engine as _;
    let id = id.strip_suffix(LEGACY).unwrap_or(id);
    match &template_spec(id).secret {
        SecretFormat::Base64 { prefix } | SecretFormat::Base64OrText { prefix } => format!(
            "{prefix}{}",
            base64::engine::general_purpose::STANDARD.encode(raw)
        ),
        SecretFormat::Hex => hex::encode(raw),
        // Text secrets: map the bytes to printable ASCII so they round-trip as strings.
        _ => raw.iter().map(|b| char::from(b'!' + b % 94)).collect(),
    }
}

/// The body a delivery of `id` carries for test bytes `raw`: `raw` itself, except for a
/// provider whose timestamp is a body field (Linear's `webhookTimestamp`), where it is a JSON
/// object holding that field at `now` (in the spec's unit) and `raw` as hex.
pub fn body_for(id: &str, raw: &[u8], now: UnixTime) -> Vec<u8> {
    let id = id.strip_suffix(LEGACY).unwrap_or(id);
    let spec = template_spec(id);
    let Some(ts) = spec.timestamp.as_ref() else {
        return raw.to_vec();
    };
    let TimestampSource::Body(paths) = &ts.source else {
        return raw.to_vec();
    };
    let value = match ts.unit {
        TimeUnit::Millis => now.as_millis(),
        _ => now.as_secs(),
    };
    let path = paths.to_vec().remove(0);
    let mut field = format!("{value}");
    for key in path.iter().rev() {
        field = format!("{{\"{key}\":{field}}}");
    }
    // `{"a":{"b":1}}` + `"data"`: the outermost object gets the raw bytes too.
    let inner = &field[1..field.len() - 1];
    format!("{{{inner},\"data\":\"{}\"}}", hex::encode(raw)).into_bytes()
}

/// A message carrying everything any provider needs to sign.
pub fn message<'a>(body: &'a [u8], id: &'a str) -> Message<'a> {
    Message::new(body).with_id(id).with_event_type("test.event")
}

/// The spec of template provider `id` (every id in [`IDS`] has one).
pub fn template_spec(id: &str) -> &'static hooksign::provider::spec::Spec {
    let id = id.strip_suffix(LEGACY).unwrap_or(id);
    find(id)
        .unwrap()
        .spec()
        .unwrap_or_else(|| panic!("{id} is not of the template family"))
}
