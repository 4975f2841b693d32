//! Collecting the secrets: `--secret`, `--secret-file`, or `HOOKSIGN_SECRET`.
//!
//! Nothing here ever prints a secret: errors name the flag, the file path or the secret's
//! position, never its content.

use std::path::PathBuf;

use clap::ArgMatches;
use hooksign::provider::ProviderError;
use hooksign::{Secret, SecretError, SecretSet};

use crate::UsageError;
use crate::args::ProviderArgs;

/// The environment variable read when neither `--secret` nor `--secret-file` is given.
pub const ENV: &str = "HOOKSIGN_SECRET";

/// One secret's source, before files are read.
enum Source<'a> {
    /// `--secret`: the value itself.
    Literal(&'a str),
    /// `--secret-file`: read later, in order.
    File(&'a PathBuf),
}

/// The secrets in rotation order: the flags' occurrences in command-line order (the first is
/// the primary), else the single secret in `HOOKSIGN_SECRET`.
///
/// `matches` are the subcommand's, used only for the positions of the occurrences so that
/// `--secret-file new --secret old` keeps `new` as the primary.
pub fn collect(args: &ProviderArgs, matches: &ArgMatches) -> Result<SecretSet, UsageError> {
    let mut sources: Vec<(usize, Source<'_>)> = Vec::new();
    let literals = args.secrets.iter().map(|s| Source::Literal(s));
    let files = args.secret_files.iter().map(Source::File);
    sources.extend(positions(matches, "secrets").zip(literals));
    sources.extend(positions(matches, "secret_files").zip(files));
    sources.sort_by_key(|(position, _)| *position);

    let secrets = if sources.is_empty() {
        vec![from_env()?]
    } else {
        sources
            .into_iter()
            .map(|(_, source)| match source {
                Source::Literal(text) => Ok(Secret::new(text)),
                Source::File(path) => from_file(path),
            })
            .collect::<Result<Vec<_>, _>>()?
    };
    SecretSet::new(secrets).map_err(|e| refused(&e))
}

/// A usage error for a secret the library refused; its messages name the secret's position,
/// never its content.
pub fn refused(error: &SecretError) -> UsageError {
    UsageError::new(format!("bad secret: {error}"))
}

/// A usage error for a provider that could not be built.
pub fn unbuildable(error: &ProviderError) -> UsageError {
    match error {
        ProviderError::Secret(secret) => refused(secret),
        other => UsageError::new(other.to_string()),
    }
}

/// The command-line positions of an argument's values. clap records one index per value, so
/// zipping them with the parsed values pairs each value with its own position.
fn positions<'m>(matches: &'m ArgMatches, id: &str) -> impl Iterator<Item = usize> + 'm {
    matches.indices_of(id).into_iter().flatten()
}

/// The single secret in [`ENV`]; its absence means no secret was given at all.
fn from_env() -> Result<Secret, UsageError> {
    match std::env::var(ENV) {
        Ok(value) => Ok(Secret::new(value)),
        Err(std::env::VarError::NotPresent) => Err(UsageError::new(format!(
            "no secret: pass --secret, --secret-file or set {ENV}"
        ))),
        Err(std::env::VarError::NotUnicode(_)) => Err(UsageError::new(format!(
            "{ENV} is not valid UTF-8 (use --secret-file for a binary secret)"
        ))),
    }
}

/// A secret file's exact bytes, less one trailing newline (editors and `echo` add one).
fn from_file(path: &PathBuf) -> Result<Secret, UsageError> {
    let mut bytes = std::fs::read(path)
        .map_err(|e| UsageError::new(format!("cannot read secret file {}: {e}", path.display())))?;
    strip_one_newline(&mut bytes);
    Ok(Secret::new(bytes))
}

/// Removes one trailing `\n` or `\r\n`, and nothing more: the rest may be part of the key.
fn strip_one_newline(bytes: &mut Vec<u8>) {
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_exactly_one_newline() {
        for (input, expected) in [
            (&b"s\n"[..], &b"s"[..]),
            (b"s\r\n", b"s"),
            (b"s\n\n", b"s\n"),
            (b"s", b"s"),
            (b"s\r", b"s\r"),
        ] {
            let mut bytes = input.to_vec();
            strip_one_newline(&mut bytes);
            assert_eq!(bytes, expected);
        }
    }
}
