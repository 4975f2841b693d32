//! `hooksign send`: deliver one signed webhook, printing each attempt as it happens.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::{ArgMatches, Args};
use hooksign::send::{AddressPolicy, Attempt, Outcome, Outgoing, Report, RetryPolicy, Sender};
use hooksign::{AnyProvider, Message, Sign, UnixTime};

use crate::args::{ProviderArgs, parse_header};
use crate::body::{self, BodyError, MAX_BODY};
use crate::{Outcome as CommandOutcome, UsageError, json, output, secrets};

/// Exit status when the message was not delivered.
pub const EXIT_NOT_DELIVERED: u8 = 1;

/// The end of `send --help`.
pub const AFTER_HELP: &str = "\
The body is --payload's text, --payload-file's bytes, or standard input (`-` or none), sent
as is (Content-Type: application/json unless --header sets another), at most 16 MiB.

Retries: connection errors, timeouts, 408, 425, 429, 5xx and 409 with Retry-After are retried
with exponential backoff and full jitter (250 ms doubling, at most 2 s apart, within 10 s),
honouring Retry-After (up to 30 s); other 4xx are not, 410 Gone reports the endpoint as gone.
Every attempt carries the same id and a fresh timestamp and signature. Redirects are not
followed.

Targets that resolve to loopback, private, link-local or other non-global addresses are
refused; --allow-private allows them (development against a local receiver only).

Output: one line per attempt (status, latency, next retry), then the outcome. With --json, the
report as one JSON object on stdout:
  {\"delivered\":…,\"id\":…,\"url\":…,\"outcome\":…,\"error\":…,\"attempts\":[{\"status\":…,\"error\":…,\"latency_ms\":…,\"retry_in_ms\":…,…}]}";

/// Arguments of `hooksign send`.
#[derive(Debug, Args)]
pub struct SendArgs {
    /// The endpoint (http or https).
    #[arg(value_name = "URL")]
    pub url: String,

    /// Provider and secrets.
    #[command(flatten)]
    pub provider: ProviderArgs,

    /// The body, as text.
    #[arg(long, value_name = "JSON", conflicts_with_all = ["payload_file", "body"])]
    pub payload: Option<String>,

    /// A file holding the body (exact bytes).
    #[arg(long, value_name = "FILE", conflicts_with = "body")]
    pub payload_file: Option<PathBuf>,

    /// `-` reads the body from standard input (as does giving no body at all).
    #[arg(value_name = "-")]
    pub body: Option<PathBuf>,

    /// The message id, the same on every attempt (default: `msg_` + 32 hex digits).
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,

    /// The event type (GitHub `X-GitHub-Event`, Shopify `X-Shopify-Topic`).
    #[arg(long, value_name = "TYPE")]
    pub event_type: Option<String>,

    /// An extra header, as `Name: value`. Repeatable.
    #[arg(long = "header", short = 'H', value_name = "NAME: VALUE", value_parser = parse_header)]
    pub headers: Vec<(String, String)>,

    /// Retries after the first attempt (default 3; 0 for a single attempt).
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub retries: u32,

    /// The limit on each attempt, in seconds (default 10).
    #[arg(long, value_name = "SECS", default_value_t = 10.0, value_parser = parse_secs)]
    pub timeout: f64,

    /// Allow loopback, private and other non-global targets (development only).
    #[arg(long)]
    pub allow_private: bool,

    /// Print the report as one JSON object instead of lines.
    #[arg(long)]
    pub json: bool,
}

/// A positive number of seconds, at most a day.
pub fn parse_secs(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(secs) if secs > 0.0 && secs <= 86_400.0 => Ok(secs),
        _ => Err(format!(
            "{text:?} is not a number of seconds between 0 and 86400"
        )),
    }
}

/// The sender's settings shared by `send` and `batch`.
pub struct Settings {
    pub retries: u32,
    pub timeout: f64,
    pub allow_private: bool,
}

impl Settings {
    /// The retry policy: the fast preset with `retries` retries.
    pub fn policy(&self) -> RetryPolicy {
        RetryPolicy::fast().with_max_attempts(self.retries.saturating_add(1))
    }

    /// The address policy.
    pub fn addresses(&self) -> AddressPolicy {
        if self.allow_private {
            AddressPolicy::any()
        } else {
            AddressPolicy::global_only()
        }
    }

    pub fn timeout(&self) -> Duration {
        Duration::from_secs_f64(self.timeout)
    }
}

/// The usage error for a body that could not be read.
pub fn body_error(error: BodyError) -> UsageError {
    match error {
        BodyError::TooLarge => {
            UsageError::new(format!("the body is larger than the {MAX_BODY} byte limit"))
        }
        BodyError::Unreadable(message) => UsageError::new(message),
    }
}

/// Signs a probe message as the delivery will be signed, so that what the provider cannot
/// sign (Shopify without a topic, an id the scheme forbids) is a usage error before anything
/// is sent, whatever the provider.
pub fn probe(
    signer: &dyn Sign,
    id: Option<&str>,
    event_type: Option<&str>,
) -> Result<(), UsageError> {
    let mut message = Message::new(b"").with_id(id.unwrap_or("msg_probe"));
    if let Some(event_type) = event_type {
        message = message.with_event_type(event_type);
    }
    signer
        .sign_at(&message, UnixTime::now())
        .map(drop)
        .map_err(|e| {
            let hint = if event_type.is_none() {
                " (does it need an event type? e.g. --event-type orders/create for shopify)"
            } else {
                ""
            };
            UsageError::new(format!("cannot sign: {e}{hint}"))
        })
}

/// A Tokio runtime for the command.
pub fn runtime() -> Result<tokio::runtime::Runtime, UsageError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| UsageError::new(format!("cannot start the async runtime: {e}")))
}

/// `12.3 ms`, `1.5 s`.
pub fn human(ms: f64) -> String {
    if ms < 1000.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{:.1} s", ms / 1000.0)
    }
}

/// One attempt as a line: `attempt 2: 503 in 1.2 ms; next retry in 480.0 ms`.
pub fn attempt_line(attempt: &Attempt) -> String {
    let what = match (attempt.status, attempt.error, &attempt.message) {
        (Some(status), _, Some(message)) => format!("{status} ({message})"),
        (Some(status), _, None) => status.to_string(),
        (None, _, Some(message)) => message.clone(),
        (None, _, None) => "no answer".to_owned(),
    };
    let mut line = format!(
        "attempt {}: {what} in {}",
        attempt.number,
        human(attempt.latency_ms)
    );
    if let Some(ms) = attempt.retry_in_ms {
        line.push_str(&format!("; next retry in {}", human(ms as f64)));
    }
    line
}

/// The outcome as a sentence, with advice for a refusal.
pub fn outcome_line(report: &Report) -> String {
    let n = report.attempts.len();
    let attempts = if n == 1 {
        "1 attempt".to_owned()
    } else {
        format!("{n} attempts")
    };
    let error = report.error.as_deref().unwrap_or("");
    match report.outcome {
        Outcome::Delivered => format!("delivered {} to {} ({attempts})", report.id, report.url),
        Outcome::Failed => format!("not delivered: failed after {attempts}: {error}"),
        Outcome::NotRetryable => format!("not delivered (not retried): {error}"),
        Outcome::Gone => {
            "not delivered: the endpoint answered 410 Gone (it asks not to be sent to again)"
                .to_owned()
        }
        Outcome::Refused => format!(
            "not delivered: {error}\n  pass --allow-private to send to loopback or private targets (development only)"
        ),
        _ => format!("not delivered: {error}"),
    }
}

/// Delivers the message and reports.
pub fn run(args: &SendArgs, matches: &ArgMatches) -> CommandOutcome {
    let secrets = secrets::collect(&args.provider, matches)?;
    let provider = AnyProvider::from_id(&args.provider.provider, secrets)
        .map_err(|e| UsageError::new(e.to_string()))?;
    probe(&provider, args.id.as_deref(), args.event_type.as_deref())?;
    let body = match (&args.payload, &args.payload_file) {
        (Some(text), _) => text.clone().into_bytes(),
        (None, Some(path)) => body::read(Some(path)).map_err(body_error)?,
        (None, None) => body::read(args.body.as_deref()).map_err(body_error)?,
    };
    let mut message = Outgoing::new(body);
    if let Some(id) = &args.id {
        message = message.with_id(id.clone());
    }
    if let Some(event_type) = &args.event_type {
        message = message.with_event_type(event_type.clone());
    }
    for (name, value) in &args.headers {
        message = message.with_header(name.clone(), value.clone());
    }
    let settings = Settings {
        retries: args.retries,
        timeout: args.timeout,
        allow_private: args.allow_private,
    };
    let mut builder = Sender::builder(provider)
        .with_retry(settings.policy())
        .with_address_policy(settings.addresses())
        .with_timeout(settings.timeout())
        .with_max_body(MAX_BODY);
    if !args.json {
        builder = builder.with_on_attempt(|_, attempt| {
            // A closed stdout is not worth stopping the delivery for.
            let _ = output::line(&attempt_line(attempt));
        });
    }
    let sender = builder
        .build()
        .map_err(|e| UsageError::new(e.to_string()))?;
    let report = runtime()?.block_on(sender.send(&args.url, &message));

    if args.json {
        output::line(&json::to_line(&report))?;
    } else if report.delivered {
        output::line(&outcome_line(&report))?;
    } else {
        eprintln!("hooksign: {}", outcome_line(&report));
    }
    if report.outcome == Outcome::Invalid {
        // The message could not be sent at all: a bad URL or header is a usage error.
        return Ok(ExitCode::from(crate::EXIT_USAGE));
    }
    Ok(if report.delivered {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_NOT_DELIVERED)
    })
}

/// Shared by `batch`: a signer per (provider, secret), built once.
pub type SignerCache = std::collections::HashMap<(String, String), hooksign::send::SharedSigner>;

/// The signer for this provider and secret, from the cache or built.
pub fn signer(
    cache: &mut SignerCache,
    provider: &str,
    secret: &str,
) -> Result<hooksign::send::SharedSigner, UsageError> {
    let key = (provider.to_owned(), secret.to_owned());
    if let Some(signer) = cache.get(&key) {
        return Ok(Arc::clone(signer));
    }
    let set = hooksign::SecretSet::new([secret]).map_err(|e| UsageError::new(e.to_string()))?;
    let built: hooksign::send::SharedSigner =
        Arc::new(AnyProvider::from_id(provider, set).map_err(|e| UsageError::new(e.to_string()))?);
    cache.insert(key, Arc::clone(&built));
    Ok(built)
}
