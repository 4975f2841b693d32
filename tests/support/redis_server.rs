//! A real `redis-server` for the tests, started on a free loopback port and killed on drop.
//! Shared by `tests/idempotency.rs` and `tests/receiver.rs` through `#[path]`.
#![allow(
    clippy::unwrap_used,
    reason = "a failed step fails the benchmark or test loudly"
)]
#![allow(dead_code, reason = "each test file uses a different part")]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct RedisServer {
    child: Option<Child>,
    pub port: u16,
    /// The data directory when persistent (AOF), removed on drop.
    dir: Option<PathBuf>,
    /// The watcher of a shared server ([`RedisServer::start_shared`]).
    watcher: Option<Child>,
}

impl RedisServer {
    /// A throwaway server: no snapshot, no AOF.
    pub fn start() -> Self {
        Self::start_on(free_port(), None)
    }

    /// A throwaway server for a `static`, shared by a file's tests. Statics are never dropped,
    /// so a watcher (a shell loop, a child of this process) stops the server once this test
    /// process has exited; without it every run left a `redis-server` behind.
    pub fn start_shared() -> Self {
        let mut server = Self::start();
        let redis = server.child.as_ref().map(Child::id).unwrap();
        let watch = format!(
            "while kill -0 {} 2>/dev/null; do sleep 0.2; done; kill {redis} 2>/dev/null",
            std::process::id()
        );
        server.watcher = Some(
            Command::new("sh")
                .args(["-c", &watch])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap(),
        );
        server
    }

    /// A server with `appendfsync always`, so a kill loses nothing it acknowledged.
    pub fn start_persistent() -> Self {
        let port = free_port();
        let dir =
            std::env::temp_dir().join(format!("hooksign-redis-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Self::start_on(port, Some(dir))
    }

    fn start_on(port: u16, dir: Option<PathBuf>) -> Self {
        let mut cmd = Command::new("redis-server");
        cmd.args([
            "--port",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
        ]);
        match &dir {
            Some(dir) => {
                cmd.args(["--appendonly", "yes", "--appendfsync", "always", "--dir"]);
                cmd.arg(dir);
            }
            None => {
                cmd.args(["--appendonly", "no"]);
            }
        }
        let child = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start `redis-server` ({e}): the Redis tests need it on PATH \
                     (`apt-get install -y redis-server`)"
                )
            });
        let mut server = RedisServer {
            child: Some(child),
            port,
            dir,
            watcher: None,
        };
        server.wait_for_pong();
        server
    }

    fn wait_for_pong(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.as_mut().and_then(|c| c.try_wait().unwrap()) {
                panic!("redis-server on port {} exited: {status}", self.port);
            }
            if ping(self.port) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "redis-server on port {} did not answer PING",
                self.port
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    /// SIGKILL: no shutdown, no final save.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts the server again on the same port (and data directory).
    pub fn restart(&mut self) {
        self.kill();
        let fresh = Self::start_on(self.port, self.dir.take());
        *self = fresh;
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.kill();
        if let Some(mut watcher) = self.watcher.take() {
            let _ = watcher.kill();
            let _ = watcher.wait();
        }
        if let Some(dir) = &self.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn ping(port: u16) -> bool {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_millis(500)));
    let mut buf = [0u8; 7];
    s.write_all(b"PING\r\n").is_ok() && s.read_exact(&mut buf).is_ok() && &buf == b"+PONG\r\n"
}
