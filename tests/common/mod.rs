//! Providers built the same way for every test file.

#![allow(dead_code)] // each test binary uses a different part

use hooksign::{
    AnyProvider, GitHub, Message, SecretSet, Shopify, Slack, StandardWebhooks, Stripe, Svix,
};

/// The provider ids under test.
pub const IDS: [&str; 7] = [
    "github",
    "github-legacy",
    "stripe",
    "slack",
    "shopify",
    "standard-webhooks",
    "svix",
];

/// A provider of `id` for `secrets` (written as each provider issues them).
pub fn provider(id: &str, secrets: SecretSet) -> AnyProvider {
    match id {
        "github" => AnyProvider::GitHub(GitHub::new(secrets)),
        "github-legacy" => AnyProvider::GitHub(GitHub::new(secrets).with_legacy_sha1()),
        "stripe" => AnyProvider::Stripe(Stripe::new(secrets)),
        "slack" => AnyProvider::Slack(Slack::new(secrets)),
        "shopify" => AnyProvider::Shopify(Shopify::new(secrets)),
        "standard-webhooks" => {
            AnyProvider::StandardWebhooks(StandardWebhooks::new(secrets).unwrap())
        }
        "svix" => AnyProvider::Svix(Svix::new(secrets).unwrap()),
        other => panic!("unknown test provider {other}"),
    }
}

/// Whether the provider's secrets are `whsec_<base64>`.
pub fn uses_whsec(id: &str) -> bool {
    matches!(id, "standard-webhooks" | "svix")
}

/// A secret string of the right form for `id`, made from `raw` bytes.
pub fn secret_for(id: &str, raw: &[u8]) -> String {
    use base64::Engine as _;
    if uses_whsec(id) {
        format!(
            "whsec_{}",
            base64::engine::general_purpose::STANDARD.encode(raw)
        )
    } else {
        // Text secrets: map the bytes to printable ASCII so they round-trip as strings.
        raw.iter().map(|b| char::from(b'!' + b % 94)).collect()
    }
}

/// A message carrying everything any provider needs to sign.
pub fn message<'a>(body: &'a [u8], id: &'a str) -> Message<'a> {
    Message::new(body).with_id(id).with_event_type("test.event")
}
