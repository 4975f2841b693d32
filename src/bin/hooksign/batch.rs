//! `hooksign batch`: one delivery per line of a JSONL file, with bounded concurrency, a
//! progress bar on a terminal, a summary, and the failed lines written to a file that `batch`
//! accepts again.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::Args;
use futures_util::StreamExt;
use hooksign::send::{Endpoint, Outgoing, Report, Sender, SharedSigner};
use serde::Deserialize;
use serde_json::Value;

use crate::send::{EXIT_NOT_DELIVERED, Settings, SignerCache, human, probe};
use crate::{Outcome, UsageError, json, output};

/// The end of `batch --help`.
pub const AFTER_HELP: &str = "\
Each line of FILE.jsonl is one delivery (blank lines are skipped):
  {\"url\": \"https://…\", \"provider\": \"standard-webhooks\", \"secret\": \"whsec_…\" or \"secret_env\": \"VAR\",
   \"payload\": <a JSON value, sent compact, or a string, sent as is>,
   \"id\": \"…\" (optional), \"event_type\": \"…\" (optional), \"headers\": {\"Name\": \"value\"} (optional)}
Every line is checked before anything is sent; a bad line is a usage error (exit 2).

Lines without an id get one; --failed-out writes each failed line back with the id it was
sent with, so running `batch` on that file again retries the same messages (receivers
deduplicate on the id).

Output: a progress bar on a terminal, else one line per delivery; then a summary (delivered,
failed, success rate, latency percentiles of the attempts). With --json, one report per line
(as `send --json`), then {\"summary\": {…}}.";

/// Arguments of `hooksign batch`.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// The deliveries, one JSON object per line.
    #[arg(value_name = "FILE.jsonl")]
    pub file: PathBuf,

    /// Requests in flight at once (default 16).
    #[arg(long, value_name = "N", default_value_t = 16, value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub concurrency: u32,

    /// Requests in flight to one host at once (default: the --concurrency).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub per_host: Option<u32>,

    /// Write the lines that were not delivered to this file (JSONL, accepted by `batch`).
    #[arg(long, value_name = "FILE")]
    pub failed_out: Option<PathBuf>,

    /// Retries after each message's first attempt (default 3).
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub retries: u32,

    /// The limit on each attempt, in seconds (default 10).
    #[arg(long, value_name = "SECS", default_value_t = 10.0, value_parser = crate::send::parse_secs)]
    pub timeout: f64,

    /// Allow loopback, private and other non-global targets (development only).
    #[arg(long)]
    pub allow_private: bool,

    /// Print each report and the summary as JSON lines.
    #[arg(long)]
    pub json: bool,
}

/// One line of the file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    url: String,
    provider: String,
    #[serde(default)]
    secret: Option<String>,
    #[serde(default)]
    secret_env: Option<String>,
    payload: Value,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    event_type: Option<String>,
    #[serde(default)]
    headers: BTreeMap<String, String>,
}

/// A checked line, ready to send, with the text to write back if it fails.
struct Job {
    signer: SharedSigner,
    endpoint: Endpoint,
    message: Outgoing,
    line: String,
}

/// Parses and checks every line.
fn load(path: &PathBuf) -> Result<Vec<Job>, UsageError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| UsageError::new(format!("cannot read {}: {e}", path.display())))?;
    let mut cache = SignerCache::new();
    let mut jobs = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let at =
            |message: String| UsageError::new(format!("{}:{number}: {message}", path.display()));
        let mut object: serde_json::Map<String, Value> =
            serde_json::from_str(raw).map_err(|e| at(format!("not a JSON object: {e}")))?;
        let line: Line =
            serde_json::from_value(Value::Object(object.clone())).map_err(|e| at(e.to_string()))?;
        let secret = match (&line.secret, &line.secret_env) {
            (Some(secret), None) => secret.clone(),
            (None, Some(var)) => std::env::var(var).map_err(|_| {
                at(format!(
                    "the environment variable {var} (secret_env) is not set"
                ))
            })?,
            _ => {
                return Err(at(
                    "give exactly one of \"secret\" and \"secret_env\"".into()
                ));
            }
        };
        let signer =
            crate::send::signer(&mut cache, &line.provider, &secret).map_err(|e| at(e.0))?;
        probe(
            signer.as_ref(),
            line.id.as_deref(),
            line.event_type.as_deref(),
        )
        .map_err(|e| at(e.0))?;
        let body = match &line.payload {
            Value::String(text) => text.clone().into_bytes(),
            other => serde_json::to_vec(other).map_err(|e| at(e.to_string()))?,
        };
        let mut message = Outgoing::new(body);
        match &line.id {
            Some(id) => message = message.with_id(id.clone()),
            // Written back with the id it was sent with, so a retry of the file keeps it.
            None => {
                object.insert("id".into(), Value::from(message.id()));
            }
        }
        if let Some(event_type) = &line.event_type {
            message = message.with_event_type(event_type.clone());
        }
        for (name, value) in &line.headers {
            message = message.with_header(name.clone(), value.clone());
        }
        jobs.push(Job {
            endpoint: Endpoint::new(line.url).with_shared_signer(Arc::clone(&signer)),
            signer,
            message,
            line: json::to_line(&object),
        });
    }
    Ok(jobs)
}

/// The nearest-rank percentile of sorted values.
fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    Some(sorted[rank - 1])
}

/// Runs the batch.
pub fn run(args: &BatchArgs) -> Outcome {
    let jobs = load(&args.file)?;
    let Some(first) = jobs.first() else {
        return Err(UsageError::new(format!(
            "{} holds no delivery",
            args.file.display()
        )));
    };
    let settings = Settings {
        retries: args.retries,
        timeout: args.timeout,
        allow_private: args.allow_private,
    };
    let concurrency = args.concurrency as usize;
    // Every endpoint carries its own signer; the sender's is never used.
    let sender = Sender::builder_shared(Arc::clone(&first.signer))
        .with_retry(settings.policy())
        .with_address_policy(settings.addresses())
        .with_timeout(settings.timeout())
        .with_max_body(crate::body::MAX_BODY)
        .with_concurrency(concurrency)
        .with_per_host_concurrency(args.per_host.map_or(concurrency, |n| n as usize))
        .build()
        .map_err(|e| UsageError::new(e.to_string()))?;

    let total = jobs.len();
    let bar = (!args.json && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(total as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} {per_sec} eta {eta} {msg}",
        ) {
            bar.set_style(style);
        }
        bar
    });

    let started = Instant::now();
    let mut lines = Vec::with_capacity(total);
    let mut work = Vec::with_capacity(total);
    for (index, job) in jobs.into_iter().enumerate() {
        lines.push(job.line);
        work.push((index, job.endpoint, job.message));
    }

    let mut reports: Vec<Report> = Vec::with_capacity(total);
    let mut failed_lines = Vec::new();
    let mut write_error = None;
    crate::send::runtime()?.block_on(async {
        // The sender bounds requests in flight; this bounds messages under way (those
        // waiting for a retry included) and keeps each report's line number.
        let mut stream = futures_util::stream::iter(work)
            .map(|(index, endpoint, message)| {
                let sender = sender.clone();
                async move { (index, sender.send_to(&endpoint, &message).await) }
            })
            .buffer_unordered(concurrency.saturating_mul(4));
        let mut failed = 0usize;
        while let Some((index, report)) = stream.next().await {
            if !report.delivered {
                failed += 1;
                failed_lines.push(index);
            }
            if let Some(bar) = &bar {
                bar.inc(1);
                if failed > 0 {
                    bar.set_message(format!("{failed} failed"));
                }
                if !report.delivered {
                    bar.println(crate::send::outcome_line(&report));
                }
            } else if args.json {
                if let Err(e) = output::line(&json::to_line(&report)) {
                    write_error.get_or_insert(e);
                }
            } else {
                let text = if report.delivered {
                    let latency = report.attempts.last().map_or(0.0, |a| a.latency_ms);
                    format!(
                        "delivered {} to {} ({} attempt{}, {})",
                        report.id,
                        report.url,
                        report.attempts.len(),
                        if report.attempts.len() == 1 { "" } else { "s" },
                        human(latency)
                    )
                } else {
                    crate::send::outcome_line(&report)
                };
                if let Err(e) = output::line(&text) {
                    write_error.get_or_insert(e);
                }
            }
            reports.push(report);
        }
    });
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    if let Some(e) = write_error {
        return Err(e);
    }
    let elapsed = started.elapsed();

    if let Some(path) = &args.failed_out {
        failed_lines.sort_unstable();
        let mut text = String::new();
        for &index in &failed_lines {
            text.push_str(&lines[index]);
            text.push('\n');
        }
        std::fs::File::create(path)
            .and_then(|mut f| f.write_all(text.as_bytes()))
            .map_err(|e| UsageError::new(format!("cannot write {}: {e}", path.display())))?;
    }

    let delivered = reports.iter().filter(|r| r.delivered).count();
    let failed = total - delivered;
    let mut latencies: Vec<f64> = reports
        .iter()
        .flat_map(|r| r.attempts.iter().map(|a| a.latency_ms))
        .collect();
    latencies.sort_by(f64::total_cmp);
    let (p50, p95, p99) = (
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.95),
        percentile(&latencies, 0.99),
    );
    let rate = if total == 0 {
        1.0
    } else {
        delivered as f64 / total as f64
    };
    let attempts = latencies.len();
    if args.json {
        let round = |v: Option<f64>| v.map(|ms| (ms * 1000.0).round() / 1000.0);
        let summary = json::Object::new().object(
            "summary",
            json::Object::new()
                .field("total", total)
                .field("delivered", delivered)
                .field("failed", failed)
                .field("success_rate", rate)
                .field("attempts", attempts)
                .object(
                    "latency_ms",
                    json::Object::new()
                        .field("p50", round(p50))
                        .field("p95", round(p95))
                        .field("p99", round(p99)),
                )
                .field("elapsed_ms", elapsed.as_millis() as u64),
        );
        output::line(&json::to_line(&summary))?;
    } else {
        let ms = |v: Option<f64>| v.map_or("-".to_owned(), human);
        output::line(&format!(
            "{delivered} delivered, {failed} failed of {total} ({:.1} % success) in {:.2} s; \
             {attempts} attempts, latency p50 {} p95 {} p99 {}",
            rate * 100.0,
            elapsed.as_secs_f64(),
            ms(p50),
            ms(p95),
            ms(p99)
        ))?;
        if let (Some(path), true) = (&args.failed_out, failed > 0) {
            output::line(&format!(
                "the {failed} failed deliveries are in {}: `hooksign batch {}` retries them",
                path.display(),
                path.display()
            ))?;
        }
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_NOT_DELIVERED)
    })
}
