//! The README's provider table is generated from the registry: this test fails when it is
//! stale, and rewrites it when run with `UPDATE_README=1`.

#![allow(
    clippy::unwrap_used,
    reason = "writing to a String cannot fail; a failed step fails the test"
)]

use std::fmt::Write as _;
use std::path::Path;

use hooksign::provider::spec::{
    Encoding, Part, SignatureFormat, Source, Spec, TimeUnit, TimestampSource,
};
use hooksign::provider::{Entry, REGISTRY};

const START: &str = "<!-- providers: generated from the registry by tests/readme.rs -->\n";
const END: &str = "<!-- providers: end -->\n";

fn encoded(encoding: Encoding) -> &'static str {
    match encoding {
        Encoding::Hex => "<hex>",
        Encoding::HexAnyCase => "<hex, any case>",
        Encoding::Base64 => "<base64>",
        Encoding::Base64NoPad => "<base64, no padding>",
        Encoding::Base64Url => "<base64url>",
        _ => "<base64url, no padding>",
    }
}

fn signature(spec: &Spec) -> String {
    let header = spec.signature_header[0].as_str();
    let sig = encoded(spec.encoding);
    let value = match &spec.format {
        SignatureFormat::Prefixed { prefix } => format!("{prefix}{sig}"),
        SignatureFormat::KeyValues {
            written_separator,
            signature_key,
            ..
        } => match spec.timestamp.as_ref().map(|t| &t.source) {
            Some(TimestampSource::ListKey(key)) => {
                format!("{key}=…{written_separator}{signature_key}={sig}[{written_separator}…]")
            }
            _ => format!("{signature_key}={sig}[{written_separator}…]"),
        },
        SignatureFormat::Versioned { version, .. } => format!("{version},{sig} …"),
        _ => sig.to_owned(),
    };
    let mut out = format!("`{header}: {value}`");
    if spec.signature_header.len() > 1 {
        let others: Vec<&str> = spec.signature_header[1..]
            .iter()
            .map(|h| h.as_str())
            .collect();
        write!(out, " (else `{}`)", others.join("`, `")).unwrap();
    }
    if let Some(legacy) = &spec.legacy {
        write!(
            out,
            " (legacy `{}: {}…` opt-in)",
            legacy.header.as_str(),
            legacy.prefix
        )
        .unwrap();
    }
    out
}

fn content(spec: &Spec) -> String {
    let parts: String = spec
        .content
        .iter()
        .map(|part| match part {
            Part::Literal(bytes) => String::from_utf8_lossy(bytes).into_owned(),
            Part::Body => "{body}".to_owned(),
            Part::Timestamp => "{timestamp}".to_owned(),
            Part::MessageId => "{id}".to_owned(),
            Part::Header(key) => format!("{{{}}}", key.as_str()),
            _ => "{?}".to_owned(),
        })
        .collect();
    format!("`{parts}`")
}

fn window(entry: &Entry) -> String {
    let timestamp = entry.spec().and_then(|spec| spec.timestamp.as_ref());
    let Some(t) = entry.default_tolerance() else {
        return "none signed".to_owned();
    };
    let unit = match timestamp.map(|ts| ts.unit) {
        Some(TimeUnit::Millis) => " (ms timestamps)",
        Some(TimeUnit::Rfc3339) => " (RFC 3339)",
        _ => "",
    };
    let side = match (t.past_secs, t.future_secs) {
        (Some(p), Some(f)) if p == f => format!("±{p} s"),
        (Some(p), None) => format!("{p} s past, future unchecked"),
        (Some(p), Some(f)) => format!("{p} s past, {f} s future"),
        (None, Some(f)) => format!("{f} s future"),
        (None, None) => "unchecked".to_owned(),
    };
    format!("{side}{unit}")
}

/// Where a field comes from, in words: a header name, or `body a.b`.
fn source(spec: &Spec, source: &Source) -> Option<String> {
    match source {
        Source::Header(key) => Some(key.as_str().to_owned()),
        Source::MessageId => spec
            .message_id
            .as_ref()
            .map(|names| names[0].as_str().to_owned()),
        Source::Body(paths) => {
            let paths: Vec<String> = paths.to_vec().iter().map(|p| p.join(".")).collect();
            Some(format!("body {}", paths.join(" or ")))
        }
        _ => None,
    }
}

fn table() -> String {
    let mut out = String::from(
        "| id | type | signature | signed content | replay window (default) | secret | idempotency key | event type |\n\
         |---|---|---|---|---|---|---|---|\n",
    );
    for entry in REGISTRY {
        let mut id = format!("`{}`", entry.id());
        if !entry.aliases().is_empty() {
            write!(id, " ({})", entry.aliases().join(", ")).unwrap();
        }
        let (signature, content, idempotency, event_type) = match (entry.spec(), entry.about()) {
            (Some(spec), _) => (
                signature(spec),
                content(spec),
                source(spec, &spec.idempotency),
                source(spec, &spec.event_type),
            ),
            (None, Some(about)) => (
                // A `|` (Telnyx's `{ts}|{body}`) would end the table cell.
                about.signature.replace('|', "\\|"),
                about.content.replace('|', "\\|"),
                about.idempotency.map(str::to_owned),
                about.event_type.map(str::to_owned),
            ),
            (None, None) => panic!("{}: an entry without a spec describes itself", entry.id()),
        };
        writeln!(
            out,
            "| {id} | `{}` | {signature} | {content} | {} | {} | {} | {} |",
            entry.type_name(),
            window(entry),
            entry.secret_format().replace('<', "&lt;"),
            idempotency.map_or("none".to_owned(), |s| format!("`{}:<{s}>`", entry.id())),
            event_type.map_or("none".to_owned(), |s| format!("`{s}`")),
        )
        .unwrap();
    }
    out
}

#[test]
fn the_readme_provider_table_is_the_registry() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme
        .find(START)
        .expect("README has the generated-table start marker")
        + START.len();
    let end = start
        + readme[start..]
            .find(END)
            .expect("README has the end marker");
    let expected = table();
    if readme[start..end] != expected {
        if std::env::var_os("UPDATE_README").is_some() {
            std::fs::write(
                &path,
                format!("{}{expected}{}", &readme[..start], &readme[end..]),
            )
            .unwrap();
            return;
        }
        panic!(
            "README.md's provider table is stale; run `UPDATE_README=1 cargo test --test readme`. Expected:\n{expected}"
        );
    }
}
