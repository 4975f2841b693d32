//! `hooksign verify`: is this delivery authentic and fresh? Exit 0 yes, 1 no, 2 usage error.

use std::process::ExitCode;

use clap::ArgMatches;
use hooksign::provider::{Options, find};
use hooksign::{Delivery, Error, Tolerance, UnixTime, Verified, Verify};
use serde_json::Value;

use crate::args::VerifyArgs;
use crate::body::{self, BodyError, MAX_BODY};
use crate::json::{self, Object};
use crate::{Outcome, UsageError, choose, output, secrets};

/// Exit status of a rejected delivery.
const EXIT_REJECTED: u8 = 1;

/// Verifies the delivery and reports the verdict.
pub fn run(args: &VerifyArgs, matches: &ArgMatches) -> Outcome {
    let secrets = secrets::collect(&args.provider, matches)?;
    // The window applies where the scheme signs a timestamp; elsewhere it is ignored with a
    // warning (the flag asks for a window no wider than `secs`, and a provider without
    // timestamps has none to widen, so the verdict is unaffected).
    let timestamped = match (args.provider.provider.as_str(), &args.provider.scheme) {
        (choose::CUSTOM, _) => true,
        (id, _) => find(id).is_ok_and(|entry| entry.default_tolerance().is_some()),
    };
    let mut options = Options::new();
    match (args.tolerance, timestamped) {
        (Some(secs), true) => options = options.with_tolerance(Tolerance::symmetric(secs)),
        (Some(_), false) => eprintln!(
            "hooksign: warning: {} signs no timestamp; --tolerance ignored",
            args.provider.provider
        ),
        (None, _) => {}
    }
    let provider = choose::provider(&args.provider, secrets, &options)?.provider;

    // An oversized body is a property of the delivery, not of the command line: it is
    // rejected (exit 1, kind body_too_large) like any other bad delivery.
    let body = match body::read(args.body.as_deref()) {
        Ok(body) => body,
        Err(BodyError::TooLarge) => {
            return report(args.json, Err(Error::BodyTooLarge { limit: MAX_BODY }));
        }
        Err(BodyError::Unreadable(message)) => return Err(UsageError::new(message)),
    };

    // The headers go in as a list of pairs, so a header given twice stays repeated and the
    // library sees (and rejects) the ambiguity.
    let mut request = Delivery::new(&args.headers, &body);
    if let Some(url) = &args.url {
        request = request.with_url(url);
    }
    if let Some(method) = &args.method {
        request = request.with_method(method);
    }
    let now = args.now.map_or_else(UnixTime::now, UnixTime::from_secs);
    report(args.json, provider.verify_at(&request, now))
}

/// Prints the verdict and picks the exit status.
fn report(as_json: bool, verdict: Result<Verified<'_>, Error>) -> Outcome {
    match (verdict, as_json) {
        (Ok(verified), true) => output::line(&json::to_line(&valid_json(&verified)))?,
        (Ok(verified), false) => output::line(&valid_text(&verified))?,
        (Err(error), true) => {
            output::line(&json::to_line(&rejected_json(&error)))?;
            return Ok(ExitCode::from(EXIT_REJECTED));
        }
        (Err(error), false) => {
            eprintln!("rejected ({}): {error}", error.code());
            return Ok(ExitCode::from(EXIT_REJECTED));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The contract's success object; absent metadata is `null`, the timestamp is Unix seconds.
fn valid_json(v: &Verified<'_>) -> Object {
    Object::new()
        .field("valid", true)
        .field("provider", v.provider())
        .field("secret_index", v.secret_index())
        .field("timestamp", v.timestamp().map(UnixTime::as_secs))
        .field("id", v.id())
        .field("event_type", v.event_type().map(|e| e.into_owned()))
        .field(
            "idempotency_key",
            v.idempotency_key().map(|k| k.into_string()),
        )
}

/// The contract's failure object: the stable kind and the human message (which never holds a
/// secret or an expected signature).
fn rejected_json(error: &Error) -> Object {
    let detail = Object::new()
        .field("kind", error.code())
        .field("message", Value::from(error.to_string()));
    Object::new().field("valid", false).object("error", detail)
}

/// `valid: provider=github secret_index=0 id=… event_type=… …`, fields present only when known.
fn valid_text(v: &Verified<'_>) -> String {
    let mut line = format!(
        "valid: provider={} secret_index={}",
        v.provider(),
        v.secret_index()
    );
    if let Some(t) = v.timestamp() {
        line.push_str(&format!(" timestamp={}", t.as_secs()));
    }
    if let Some(id) = v.id() {
        line.push_str(&format!(" id={id}"));
    }
    if let Some(event_type) = v.event_type() {
        line.push_str(&format!(" event_type={event_type}"));
    }
    if let Some(key) = v.idempotency_key() {
        line.push_str(&format!(" idempotency_key={key}"));
    }
    line
}
