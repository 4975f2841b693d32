//! `hooksign sign`: the headers a provider would send with a body.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use clap::ArgMatches;
use hooksign::provider::Options;
use hooksign::provider::spec::{Source, Spec};
use hooksign::{Message, Sign, UnixTime};
use serde_json::Value;

use crate::args::SignArgs;
use crate::body::{self, BodyError, MAX_BODY};
use crate::json::{self, Object};
use crate::{Outcome, UsageError, choose, output, secrets};

/// The shape of the id generated for providers that sign one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IdStyle {
    /// `msg_` and 32 hex digits, like Svix's message ids.
    Message,
    /// 8-4-4-4-12 hex digits, like Shopify's `X-Shopify-Webhook-Id`.
    Uuid,
}

/// Signs the body and prints the headers.
pub fn run(args: &SignArgs, matches: &ArgMatches) -> Outcome {
    let secrets = secrets::collect(&args.provider, matches)?;
    let chosen = choose::provider(&args.provider, secrets, &Options::new())?;

    // A required event type has no sensible default (Shopify's topic): a made-up one would
    // route the test delivery to the wrong handler, so ask for it.
    if let (Some(header), None) = (
        chosen
            .spec
            .as_ref()
            .and_then(|spec| required_header(spec, |s| &s.event_type)),
        &args.event_type,
    ) {
        return Err(UsageError::new(format!(
            "{} signs the event type ({header}): pass --event-type, e.g. --event-type orders/create",
            chosen.id
        )));
    }
    let body = body::read(args.body.as_deref()).map_err(|e| match e {
        BodyError::TooLarge => {
            UsageError::new(format!("the body is larger than the {MAX_BODY} byte limit"))
        }
        BodyError::Unreadable(message) => UsageError::new(message),
    })?;

    let generated = match (&args.id, chosen.spec.as_ref().and_then(id_style)) {
        (None, Some(style)) => Some(generate_id(style)),
        _ => None,
    };
    let mut message = Message::new(&body);
    if let Some(id) = args.id.as_deref().or(generated.as_deref()) {
        message = message.with_id(id);
    }
    if let Some(event_type) = &args.event_type {
        message = message.with_event_type(event_type);
    }
    if let Some(url) = &args.url {
        message = message.with_url(url);
    }
    if let Some(method) = &args.method {
        message = message.with_method(method);
    }
    if let Some(secs) = args.timestamp {
        message = message.with_timestamp(UnixTime::from_secs(secs));
    }

    // A provider outside the template family (no spec to ask) that signs an id says so when
    // signing: it gets a generated one, as a spec provider does.
    let retry_id;
    let headers = match chosen.provider.sign_at(&message, UnixTime::now()) {
        Err(hooksign::SignError::Missing("id")) if message.id().is_none() => {
            retry_id = generate_id(IdStyle::Message);
            chosen
                .provider
                .sign_at(&message.with_id(&retry_id), UnixTime::now())
        }
        other => other,
    }
    .map_err(|e| UsageError::new(format!("cannot sign: {e}")))?;

    // Schemes that sign inside the body (Mailgun, Adyen) give the body to send instead.
    let replaced = headers.body();
    if replaced.is_some() && !args.json && args.body_out.is_none() {
        return Err(UsageError::new(format!(
            "{} carries its signature inside the body: pass --body-out FILE (or --json) to get the body to send",
            chosen.id
        )));
    }
    let body_to_send = replaced.unwrap_or(&body);
    if let Some(path) = &args.body_out {
        std::fs::write(path, body_to_send)
            .map_err(|e| UsageError::new(format!("cannot write {}: {e}", path.display())))?;
    }

    let text = if args.json {
        // Built in order (not as a map) so the headers come out as the provider sends them.
        let fields = headers.iter().fold(Object::new(), |o, (name, value)| {
            o.field(name, Value::from(value))
        });
        let out = Object::new().object("headers", fields);
        let out = match replaced.map(std::str::from_utf8) {
            Some(Ok(text)) => out.field("body", Value::from(text)),
            Some(Err(_)) => out.field("body_hex", Value::from(hex::encode(body_to_send))),
            None => out,
        };
        json::to_line(&out)
    } else {
        headers
            .iter()
            .map(|(name, value)| format!("{name}: {value}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    // A provider that signs only inside the body may send no header at all.
    if !text.is_empty() {
        output::line(&text)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The required metadata header a spec reads `field` from, if any.
fn required_header(spec: &Spec, field: fn(&Spec) -> &Source) -> Option<&str> {
    match field(spec) {
        Source::Header(key) => spec
            .metadata
            .iter()
            .find(|meta| meta.required && meta.header == *key)
            .map(|meta| meta.header.as_str()),
        _ => None,
    }
}

/// Which providers cannot sign without an id, and the id shape their deliveries carry: a
/// signed message id (Standard Webhooks, Svix) looks like Svix's; a required id header
/// (Shopify's webhook id) like a UUID.
fn id_style(spec: &Spec) -> Option<IdStyle> {
    if spec.message_id.is_some() {
        Some(IdStyle::Message)
    } else if required_header(spec, |s| &s.id).is_some() {
        Some(IdStyle::Uuid)
    } else {
        None
    }
}

/// A fresh id, unique across runs and within one.
///
/// Ids must be unique (receivers deduplicate on them), not unpredictable: they are sent in
/// clear next to the signature. So they hash the clock, the process id and a counter with
/// std's randomly keyed SipHash (`RandomState`), which needs no extra dependency.
fn generate_id(style: IdStyle) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let state = RandomState::new();
    let mut bytes = [0u8; 16];
    for (half, chunk) in bytes.chunks_exact_mut(8).enumerate() {
        let mut hasher = state.build_hasher();
        hasher.write_u128(nanos);
        hasher.write_u32(std::process::id());
        hasher.write_u64(count);
        hasher.write_usize(half);
        chunk.copy_from_slice(&hasher.finish().to_be_bytes());
    }
    match style {
        IdStyle::Message => format!("msg_{}", hex::encode(bytes)),
        IdStyle::Uuid => {
            // Version 4 and RFC 4122 variant bits, so the id parses as a random UUID.
            bytes[6] = (bytes[6] & 0x0f) | 0x40;
            bytes[8] = (bytes[8] & 0x3f) | 0x80;
            let h = hex::encode(bytes);
            format!(
                "{}-{}-{}-{}-{}",
                &h[..8],
                &h[8..12],
                &h[12..16],
                &h[16..20],
                &h[20..]
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ids_have_their_shape_and_differ() {
        let a = generate_id(IdStyle::Message);
        let b = generate_id(IdStyle::Message);
        assert_ne!(a, b);
        assert!(a.starts_with("msg_") && a.len() == 36, "{a}");
        let u = generate_id(IdStyle::Uuid);
        let groups: Vec<usize> = u.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12], "{u}");
        assert_eq!(&u[14..15], "4");
    }

    #[test]
    fn only_id_signing_providers_get_one() {
        let style = |id| id_style(hooksign::provider::find(id).unwrap().spec().unwrap());
        assert_eq!(style("svix"), Some(IdStyle::Message));
        assert_eq!(style("shopify"), Some(IdStyle::Uuid));
        assert_eq!(style("github"), None);
    }
}
