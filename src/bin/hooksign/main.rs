//! `hooksign`: sign and verify webhooks from the command line.
//!
//! The contract (flags, output, exit codes) is the "CLI contract" section of DESIGN.md;
//! scripts and tests depend on it. Exit codes: 0 success (a valid delivery), 1 the delivery was
//! rejected, 2 a usage error (bad flag, unknown provider, bad secret, unreadable file).
#![forbid(unsafe_code)]

mod args;
#[cfg(feature = "send")]
mod batch;
mod body;
mod choose;
#[cfg(feature = "send")]
mod examples;
mod json;
mod output;
mod providers;
#[cfg(all(feature = "queue", feature = "redis", feature = "send"))]
mod queue;
mod secrets;
#[cfg(feature = "send")]
mod send;
#[cfg(feature = "serve")]
mod serve;
mod sign;
mod verify;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use args::{Cli, Command};

/// A usage error: reported on stderr as `hooksign: <message>`, exit status 2.
///
/// The message must never contain a secret: it is built from paths, provider ids and the
/// library's error messages, which never carry one.
#[derive(Debug)]
pub struct UsageError(pub String);

impl UsageError {
    /// A usage error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        UsageError(message.into())
    }
}

/// What a subcommand returns: its exit status, or a usage error.
pub type Outcome = Result<ExitCode, UsageError>;

/// Exit status of a usage error, matching clap's own.
pub const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    // Parsed through `ArgMatches` rather than `Cli::parse()` because the secret flags need the
    // positions of their occurrences (rotation order across `--secret` and `--secret-file`).
    // clap exits with status 2 on its own usage errors and 0 for `--help` / `--version`.
    let matches = Cli::command().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let sub = matches.subcommand().map(|(_, m)| m);

    let outcome = match (&cli.command, sub) {
        (Command::Providers(a), _) => providers::run(a),
        (Command::Sign(a), Some(m)) => sign::run(a, m),
        (Command::Verify(a), Some(m)) => verify::run(a, m),
        #[cfg(feature = "send")]
        (Command::Send(a), Some(m)) => send::run(a, m),
        #[cfg(feature = "send")]
        (Command::Batch(a), _) => batch::run(a),
        #[cfg(feature = "send")]
        (Command::Examples(a), _) => examples::run(a),
        #[cfg(all(feature = "queue", feature = "redis", feature = "send"))]
        (Command::Queue(a), _) => queue::run(a),
        #[cfg(feature = "serve")]
        (Command::Serve(a), _) => serve::run(a),
        // clap guarantees a subcommand's matches accompany its parsed arguments.
        (_, None) => Err(UsageError::new("missing subcommand matches")),
    };
    outcome.unwrap_or_else(|UsageError(message)| {
        eprintln!("hooksign: {message}");
        ExitCode::from(EXIT_USAGE)
    })
}
