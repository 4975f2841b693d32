//! `hooksign serve`'s configuration file (TOML): its shape, and its secrets resolved.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::UsageError;

/// The file, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    /// Where to listen (`127.0.0.1:8080`).
    #[serde(default = "default_listen")]
    pub listen: String,
    /// The Redis server for the queue (memory when absent).
    pub redis: Option<String>,
    /// The key prefix in Redis: instances sharing work use the same one.
    #[serde(default = "default_prefix")]
    pub prefix: String,
    /// How forwarded events are signed and delivered.
    pub forward: Option<Forward>,
    /// The largest body accepted, in bytes.
    #[serde(default = "default_max_body")]
    pub max_body: usize,
    /// How long a shutdown waits for deliveries under way, in seconds.
    #[serde(default = "default_drain")]
    pub drain_secs: u64,
    /// The public base URL the providers call (`https://hooks.example.com`), for providers
    /// that sign the URL.
    pub public_url: Option<String>,
    /// The routes.
    #[serde(default, rename = "route")]
    pub routes: Vec<Route>,
}

/// `[forward]`: the scheme verified events are re-signed with, and delivery settings.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Forward {
    /// A registry id (default `standard-webhooks`).
    #[serde(default = "default_forward_provider")]
    pub provider: String,
    /// One secret inline.
    pub secret: Option<String>,
    /// Several secrets inline (rotation: the first signs, all verify).
    pub secrets: Option<Vec<String>>,
    /// A file holding one secret (one trailing newline stripped).
    pub secret_file: Option<PathBuf>,
    /// An environment variable holding one secret.
    pub secret_env: Option<String>,
    /// Delivery workers per instance; 0 makes an accept-only instance (others sharing its
    /// Redis queue forward).
    #[serde(default = "default_workers")]
    pub workers: usize,
    /// Attempts per event before it is dead-lettered.
    #[serde(default = "default_attempts")]
    pub max_attempts: u32,
    /// The first retry's delay in milliseconds (doubling, at most `max_delay_ms`).
    #[serde(default = "default_base_delay")]
    pub base_delay_ms: u64,
    /// The longest delay between attempts, in milliseconds.
    #[serde(default = "default_max_delay")]
    pub max_delay_ms: u64,
    /// One attempt's timeout, in milliseconds.
    #[serde(default = "default_timeout")]
    pub timeout_ms: u64,
}

/// `[[route]]`: a path, its provider and secrets, who may call it, and where its events go.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// The path (`/webhooks/github`).
    pub path: String,
    /// A registry id or alias, or `custom` with `scheme`.
    pub provider: String,
    /// The custom scheme's compact text form, for `provider = "custom"`.
    pub scheme: Option<String>,
    /// One secret inline.
    pub secret: Option<String>,
    /// Several secrets inline (rotation: the first signs, all verify).
    pub secrets: Option<Vec<String>>,
    /// A file holding one secret (one trailing newline stripped).
    pub secret_file: Option<PathBuf>,
    /// An environment variable holding one secret.
    pub secret_env: Option<String>,
    /// The replay window in seconds (both ways), replacing the provider's.
    pub tolerance: Option<u64>,
    /// Meta's verify token (the subscription handshake's `hub.verify_token`), from the
    /// environment variable named here; without it Meta's handshake is not answered.
    pub verify_token_env: Option<String>,
    /// Where verified events go (an application URL); printed to standard output when absent.
    pub forward_to: Option<String>,
    /// Only these event types are forwarded (others are acknowledged and dropped).
    #[serde(default)]
    pub events: Vec<String>,
    /// Event types sent elsewhere than `forward_to`: the first entry listing the event's type
    /// is its destination (`[[route.by_event]]`).
    #[serde(default)]
    pub by_event: Vec<ByEvent>,
    /// Only these client addresses (CIDRs) may call the route.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Proxies (CIDRs) whose `X-Forwarded-For` names the client.
    #[serde(default)]
    pub trusted_proxies: Vec<String>,
}

/// `[[route.by_event]]`: where events of these types go.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ByEvent {
    /// The event types.
    pub events: Vec<String>,
    /// Their destination.
    pub forward_to: String,
}

/// A secret inline, in a file, or in an environment variable (exactly one), as `[forward]`
/// and `[[route]]` give it.
#[derive(Debug, Default)]
pub struct SecretSource<'a> {
    secret: Option<&'a String>,
    secrets: Option<&'a Vec<String>>,
    secret_file: Option<&'a PathBuf>,
    secret_env: Option<&'a String>,
}

/// The secret fields of a section.
macro_rules! secret_source {
    ($section:ty) => {
        impl $section {
            /// Where the section's secrets come from.
            pub fn secret_source(&self) -> SecretSource<'_> {
                SecretSource {
                    secret: self.secret.as_ref(),
                    secrets: self.secrets.as_ref(),
                    secret_file: self.secret_file.as_ref(),
                    secret_env: self.secret_env.as_ref(),
                }
            }
        }
    };
}
secret_source!(Forward);
secret_source!(Route);

fn default_listen() -> String {
    "127.0.0.1:8080".to_owned()
}
fn default_prefix() -> String {
    "hooksign:serve:".to_owned()
}
fn default_max_body() -> usize {
    1024 * 1024
}
fn default_drain() -> u64 {
    10
}
fn default_forward_provider() -> String {
    "standard-webhooks".to_owned()
}
fn default_workers() -> usize {
    8
}
fn default_attempts() -> u32 {
    8
}
fn default_base_delay() -> u64 {
    500
}
fn default_max_delay() -> u64 {
    60_000
}
fn default_timeout() -> u64 {
    15_000
}

impl SecretSource<'_> {
    /// The secrets, read from wherever they are; `what` names the section in errors.
    pub fn resolve(&self, what: &str, base: &Path) -> Result<Vec<String>, UsageError> {
        let given = [
            self.secret.is_some(),
            self.secrets.is_some(),
            self.secret_file.is_some(),
            self.secret_env.is_some(),
        ];
        if given.iter().filter(|g| **g).count() != 1 {
            return Err(UsageError::new(format!(
                "{what}: give exactly one of secret, secrets, secret_file, secret_env"
            )));
        }
        if let Some(secret) = &self.secret {
            return Ok(vec![(*secret).clone()]);
        }
        if let Some(secrets) = &self.secrets {
            if secrets.is_empty() {
                return Err(UsageError::new(format!("{what}: secrets is empty")));
            }
            return Ok((*secrets).clone());
        }
        if let Some(path) = &self.secret_file {
            let path = base.join(path);
            let mut text = std::fs::read_to_string(&path).map_err(|e| {
                UsageError::new(format!("{what}: cannot read {}: {e}", path.display()))
            })?;
            if text.ends_with('\n') {
                text.pop();
                if text.ends_with('\r') {
                    text.pop();
                }
            }
            return Ok(vec![text]);
        }
        let name = self.secret_env.map_or("", String::as_str);
        // The variable's name may be shown; its value never is.
        std::env::var(name)
            .map(|value| vec![value])
            .map_err(|_| UsageError::new(format!("{what}: environment variable {name} is not set")))
    }
}

impl File {
    /// Reads and parses `path`.
    pub fn read(path: &Path) -> Result<File, UsageError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| UsageError::new(format!("cannot read {}: {e}", path.display())))?;
        toml::from_str(&text).map_err(|e| UsageError::new(format!("{}: {e}", path.display())))
    }
}

/// The commented configuration printed by `hooksign serve` without `--config`, to start from.
pub const SAMPLE: &str = r#"# hooksign serve --config hooksign.toml
listen = "127.0.0.1:8080"
# redis = "redis://127.0.0.1:6379"        # share the queue between instances (memory when absent)
# public_url = "https://hooks.example.com" # for providers that sign the URL (Twilio, Square, ...)

[forward]                                   # how verified events are signed for the application
provider = "standard-webhooks"
secret_env = "HOOKSIGN_FORWARD_SECRET"      # or secret = "whsec_..." / secret_file = "..."
# workers = 8, max_attempts = 8, base_delay_ms = 500, max_delay_ms = 60000, timeout_ms = 15000

[[route]]
path = "/webhooks/github"
provider = "github"
secret_env = "GITHUB_WEBHOOK_SECRET"        # or secrets = ["...", "..."] / secret_file = "..."
forward_to = "http://127.0.0.1:3000/events"
# events = ["push", "pull_request"]         # forward only these event types
# [[route.by_event]]                        # or send some event types elsewhere
# events = ["deployment"]
# forward_to = "http://127.0.0.1:3001/deployments"
# allow = ["192.30.252.0/22"]               # only these client addresses
# trusted_proxies = ["10.0.0.0/8"]          # whose X-Forwarded-For names the client
# Handshakes (Slack, Zoom, Twitch, Dropbox, Okta; Meta with verify_token_env) are answered.
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_parses_with_the_issue_shape() {
        let file: File = toml::from_str(SAMPLE).unwrap();
        assert_eq!(file.listen, "127.0.0.1:8080");
        assert_eq!(file.routes.len(), 1);
        assert_eq!(file.routes[0].provider, "github");
        assert_eq!(
            file.forward.unwrap().secret_env.as_deref(),
            Some("HOOKSIGN_FORWARD_SECRET")
        );
    }

    #[test]
    fn exactly_one_secret_source() {
        let (a, b) = ("a".to_owned(), "B".to_owned());
        let two = SecretSource {
            secret: Some(&a),
            secret_env: Some(&b),
            ..SecretSource::default()
        };
        assert!(two.resolve("route", Path::new(".")).is_err());
        assert!(
            SecretSource::default()
                .resolve("route", Path::new("."))
                .is_err()
        );
    }
}
