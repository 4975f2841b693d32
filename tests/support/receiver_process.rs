//! The receiver example as its own process: the executable cargo builds from
//! `examples/receiver.rs`, started on a free loopback port and killed on drop. Used by
//! `tests/receiver.rs` through `#[path]`.
//!
//! The executable is built by `cargo build --example receiver` with this test run's features
//! and profile (a no-op when `cargo test` already built it), so a filtered run such as
//! `cargo test --test receiver` never runs a missing or stale binary. The nested cargo inherits
//! the environment (`CARGO_TARGET_DIR`) and so builds into the same target directory.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::Duration;

/// The path of the receiver example's executable, built once per test process.
pub fn receiver_binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(build)
}

fn build() -> PathBuf {
    // The features this test was compiled with, so that cargo reuses the library it already
    // built for this run instead of compiling another variant.
    let features: Vec<&str> = [
        ("http", cfg!(feature = "http")),
        ("cli", cfg!(feature = "cli")),
        ("redis", cfg!(feature = "redis")),
        ("axum", cfg!(feature = "axum")),
        ("actix-web", cfg!(feature = "actix-web")),
    ]
    .into_iter()
    .filter_map(|(feature, on)| on.then_some(feature))
    .collect();
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.args(["build", "--quiet", "--example", "receiver"])
        .arg("--manifest-path")
        .arg(&manifest)
        .args(["--message-format", "json-render-diagnostics"])
        .args(["--no-default-features", "--features", &features.join(",")]);
    if !cfg!(debug_assertions) {
        cmd.arg("--release");
    }
    let output = cmd
        .stderr(Stdio::inherit())
        .output()
        .expect("run cargo to build the receiver example");
    assert!(
        output.status.success(),
        "cargo build --example receiver failed: {}",
        output.status
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|msg| {
            msg["reason"] == "compiler-artifact"
                && msg["target"]["name"] == "receiver"
                && msg["target"]["kind"][0] == "example"
        })
        .find_map(|msg| msg["executable"].as_str().map(PathBuf::from))
        .expect("cargo reported no executable for the receiver example")
}

/// A running receiver, killed when dropped.
pub struct ReceiverProcess {
    child: Child,
    pub addr: SocketAddr,
}

impl ReceiverProcess {
    /// Starts the receiver on a free loopback port (`--port 0`) with `args` and the secrets in
    /// `env`, and waits until it listens.
    pub fn start(env: &[(&str, &str)], args: &[&str]) -> Self {
        let mut child = Command::new(receiver_binary())
            .args(["--port", "0"])
            .args(args)
            .env_remove("REDIS_URL")
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the receiver example");
        // It prints `listening on http://<addr> …` once bound; the rest of its output (warnings)
        // is drained so that it never blocks on a full pipe.
        let stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut tx = Some(tx);
            for line in stdout.lines().map_while(Result::ok) {
                if let Some(rest) = line.strip_prefix("listening on http://") {
                    let addr = rest.split_whitespace().next().unwrap_or_default();
                    if let Some(tx) = tx.take() {
                        let _ = tx.send(addr.parse::<SocketAddr>());
                    }
                }
            }
        });
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(Ok(addr)) => ReceiverProcess { child, addr },
            Ok(Err(err)) => panic!("the receiver printed an unparsable address: {err}"),
            Err(_) => {
                let status = child.try_wait().ok().flatten();
                let _ = child.kill();
                panic!("the receiver did not start listening (exit status: {status:?})");
            }
        }
    }
}

impl Drop for ReceiverProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
