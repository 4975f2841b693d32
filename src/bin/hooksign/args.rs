//! The command line, as clap derive structures.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Args, Parser, Subcommand};

use crate::body::MAX_BODY;

/// Verify and sign webhooks (GitHub, Stripe, Slack, Shopify, Standard Webhooks, Svix).
///
/// Exit status: 0 success, 1 delivery rejected (`verify`), 2 usage error.
#[derive(Debug, Parser)]
#[command(name = "hooksign", version, propagate_version = true)]
pub struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the built-in providers: id, aliases, name, signature header, default replay window
    /// and secret format.
    Providers(ProvidersArgs),
    /// Sign a body as the provider would and print the headers to send.
    #[command(after_help = SIGN_AFTER_HELP)]
    Sign(SignArgs),
    /// Verify a delivery: exit 0 when valid, 1 when rejected, 2 on a usage error.
    #[command(after_help = VERIFY_AFTER_HELP)]
    Verify(VerifyArgs),
    /// Deliver a signed webhook with retries: exit 0 when delivered, 1 when not, 2 on a usage
    /// error.
    #[cfg(feature = "send")]
    #[command(after_help = crate::send::AFTER_HELP)]
    Send(crate::send::SendArgs),
    /// Deliver every line of a JSONL file: exit 0 when all were delivered, 1 when some were
    /// not, 2 on a usage error.
    #[cfg(feature = "send")]
    #[command(after_help = crate::batch::AFTER_HELP)]
    Batch(crate::batch::BatchArgs),
    /// Write sample payloads and a sample batch file, and print the commands that send them
    /// to the receiver example.
    #[cfg(feature = "send")]
    Examples(crate::examples::ExamplesArgs),
    /// Look at and repair a Redis queue: `stats`, `dead`, `replay` (the queue of `serve`, an
    /// outbox or an inbox).
    #[cfg(all(feature = "queue", feature = "redis", feature = "send"))]
    Queue(crate::queue::QueueArgs),
    /// A verifying gateway: routes verify their provider's deliveries, answer 202 once the
    /// event is queued, and forward it to the application re-signed (Standard Webhooks by
    /// default) with retries.
    #[cfg(feature = "serve")]
    #[command(after_help = crate::serve::AFTER_HELP)]
    Serve(crate::serve::ServeArgs),
}

/// The end of `sign --help`: what the flag list cannot say.
const SIGN_AFTER_HELP: &str = "\
Ids: standard-webhooks, svix and shopify sign a message id; without --id one is generated
(`msg_` + 32 hex digits; a UUID-shaped id for shopify). Generated ids are unique, not secret.
shopify also signs a topic and has no default: pass --event-type (e.g. orders/create).
mailgun and adyen carry the signature inside the body: the body to send is written to
--body-out FILE, or printed as `body` with --json (one of the two is required).

The body is read as exact bytes (no newline is added or removed), at most 16 MiB.";

/// The end of `verify --help`: header handling, limits and the output shapes.
const VERIFY_AFTER_HELP: &str = "\
Headers: --header 'Name: value', repeatable. A header given twice with different values is
passed on as repeated, and the delivery is rejected as ambiguous (malformed_header).

--tolerance SECS replaces the provider's replay window with SECS in both directions. For
providers that sign no timestamp (github, shopify) it is ignored with a warning on stderr.

The body is read as exact bytes, at most 16 MiB; a larger body is rejected (exit 1, kind
body_too_large).

Output: without --json, one line on stdout when valid, on stderr when rejected. With --json,
one line on stdout either way:
  {\"valid\":true,\"provider\":…,\"secret_index\":…,\"timestamp\":…,\"id\":…,\"event_type\":…,\"idempotency_key\":…}
  {\"valid\":false,\"error\":{\"kind\":\"<snake_case kind>\",\"message\":\"…\"}}";

/// Arguments of `hooksign providers`.
#[derive(Debug, Args)]
pub struct ProvidersArgs {
    /// Print a JSON array instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// The provider and its secrets, shared by `sign` and `verify`.
#[derive(Debug, Args)]
pub struct ProviderArgs {
    /// The provider id or alias (see `hooksign providers`), or `custom` with --scheme.
    #[arg(long, short = 'p', value_name = "ID", value_parser = provider_ids())]
    pub provider: String,

    /// The scheme of `--provider custom`, in the compact text form: `key=value` pairs separated
    /// by `;`, e.g. 'header=X-Signature;prefix=sha256=;encoding=hex;content={body}'. Keys:
    /// header, prefix, list, list-written, trim, signature-key, versioned, algorithm, encoding,
    /// secret, content ({body} {timestamp} {id} {header:Name}), timestamp-header,
    /// timestamp-key, timestamp-unit, timestamp-parsing, timestamp-signed, tolerance, window,
    /// id-header, order, empty-is-missing, require, id, idempotency-key, event-type (the
    /// crate's `Custom` documentation describes each).
    #[arg(long, value_name = "SCHEME")]
    pub scheme: Option<String>,

    /// A secret, written as the provider issues it (e.g. `whsec_…`). Repeat for rotation: the
    /// first secret given (by --secret or --secret-file) is the primary; all verify. Without
    /// either flag, the secret is read from the HOOKSIGN_SECRET environment variable.
    #[arg(long = "secret", value_name = "SECRET", allow_hyphen_values = true)]
    pub secrets: Vec<String>,

    /// A file holding one secret; one trailing newline (LF or CRLF) is stripped. Repeatable, and
    /// ordered with --secret by position on the command line.
    #[arg(long = "secret-file", value_name = "FILE")]
    pub secret_files: Vec<PathBuf>,
    // HOOKSIGN_SECRET is read by hand (see `secrets`), not with clap's `env`: clap would use it
    // whenever --secret is absent, even when --secret-file supplies the secrets.
}

/// Arguments of `hooksign sign`.
#[derive(Debug, Args)]
pub struct SignArgs {
    /// Provider and secrets.
    #[command(flatten)]
    pub provider: ProviderArgs,

    /// The timestamp to sign, in Unix seconds (default: now). Ignored by providers that sign
    /// none.
    #[arg(long, value_name = "UNIX")]
    pub timestamp: Option<u64>,

    /// The message / delivery id (generated when the provider needs one and none is given).
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,

    /// The event type (GitHub `X-GitHub-Event`, Shopify `X-Shopify-Topic`).
    #[arg(long, value_name = "TYPE")]
    pub event_type: Option<String>,

    /// The full URL the message will be delivered to (for URL-signing schemes).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// The HTTP method the message will be delivered with (for method-signing schemes).
    #[arg(long, value_name = "METHOD")]
    pub method: Option<String>,

    /// Print `{"headers": {…}}` instead of `Name: value` lines (with `"body"` too, for
    /// providers that sign inside the body).
    #[arg(long)]
    pub json: bool,

    /// Write the body to send to FILE: for providers that carry the signature inside the body
    /// (mailgun, adyen) the signed body, for the others the body as it was read.
    #[arg(long, value_name = "FILE")]
    pub body_out: Option<PathBuf>,

    /// The body file; `-` or absent reads standard input.
    #[arg(value_name = "BODY_FILE")]
    pub body: Option<PathBuf>,
}

/// Arguments of `hooksign verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Provider and secrets.
    #[command(flatten)]
    pub provider: ProviderArgs,

    /// A received header, as `Name: value`. Repeatable.
    #[arg(long = "header", short = 'H', value_name = "NAME: VALUE", value_parser = parse_header)]
    pub headers: Vec<(String, String)>,

    /// The full URL the delivery was sent to (for URL-signing schemes).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// The HTTP method (for method-signing schemes).
    #[arg(long, value_name = "METHOD")]
    pub method: Option<String>,

    /// Check the timestamp against this time, in Unix seconds, instead of the clock.
    #[arg(long, value_name = "UNIX")]
    pub now: Option<u64>,

    /// Replay window in seconds, both into the past and the future (default: the provider's).
    #[arg(long, value_name = "SECS")]
    pub tolerance: Option<u64>,

    /// Print the verdict as one JSON object on stdout.
    #[arg(long)]
    pub json: bool,

    /// The body file; `-` or absent reads standard input.
    #[arg(value_name = "BODY_FILE")]
    pub body: Option<PathBuf>,
}

/// The registry's ids (with their aliases) as clap's possible values, so an unknown id is a
/// clap usage error with suggestions, and `--help` lists the ids.
pub(crate) fn provider_ids() -> PossibleValuesParser {
    PossibleValuesParser::new(
        hooksign::provider::REGISTRY
            .iter()
            .map(|p| PossibleValue::new(p.id()).aliases(p.aliases().iter().copied()))
            .chain([PossibleValue::new(crate::choose::CUSTOM)]),
    )
}

/// Parses `Name: value`: the name is an HTTP token, the value loses surrounding spaces and tabs
/// (as an HTTP parser strips optional whitespace).
pub(crate) fn parse_header(text: &str) -> Result<(String, String), String> {
    let (name, value) = text
        .split_once(':')
        .ok_or_else(|| "expected `Name: value`".to_owned())?;
    let is_token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if name.is_empty() || !name.chars().all(is_token) {
        return Err(format!("{name:?} is not a valid header name"));
    }
    Ok((name.to_owned(), value.trim_matches([' ', '\t']).to_owned()))
}

/// Keeps the documented limit and the help text in step.
const _: () = assert!(MAX_BODY == 16 * 1024 * 1024);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_parse_and_reject() {
        assert_eq!(
            parse_header("X-A:  b: c \t"),
            Ok(("X-A".into(), "b: c".into()))
        );
        assert_eq!(parse_header("X-A:"), Ok(("X-A".into(), String::new())));
        assert!(parse_header("no colon").is_err());
        assert!(parse_header(": v").is_err());
        assert!(parse_header("X A: v").is_err());
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
