//! `hooksign queue stats|dead|replay` on a real `redis-server`.
#![cfg(all(
    feature = "cli",
    feature = "queue",
    feature = "redis",
    feature = "send"
))]
#![allow(
    clippy::unwrap_used,
    reason = "a failed step fails the benchmark or test loudly"
)]

#[path = "support/redis_server.rs"]
mod redis_support;

use std::process::Command;
use std::time::Duration;

use hooksign::queue::{JobId, NewJob, Queue, QueueConfig, RedisQueue, Report};
use redis_support::RedisServer;

fn hooksign(args: &[&str]) -> (i32, serde_json::Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_hooksign"))
        .args(args)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let value = serde_json::from_str(text.lines().next().unwrap_or("null")).unwrap_or_default();
    (out.status.code().unwrap(), value)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stats_dead_and_replay_from_the_command_line() {
    let server = RedisServer::start();
    let url = server.url();
    let queue = RedisQueue::connect(&url, QueueConfig::default())
        .await
        .unwrap()
        .with_prefix("cli:");
    for id in ["a", "b"] {
        queue
            .enqueue(NewJob::new(JobId::new(id), b"{}".to_vec()))
            .await
            .unwrap();
    }
    let claimed = queue.claim(Duration::from_secs(30)).await.unwrap().unwrap();
    queue
        .dead_letter(claimed.claim, Report::new("HTTP 500"))
        .await
        .unwrap();

    let common = ["--redis", url.as_str(), "--prefix", "cli:", "--json"];
    let run = |action: &str| {
        let mut args = vec!["queue", action];
        args.extend(common);
        hooksign(&args)
    };
    let (code, stats) = run("stats");
    assert_eq!(code, 0);
    assert_eq!(
        (stats["ready"].as_u64(), stats["dead"].as_u64()),
        (Some(1), Some(1))
    );
    let (code, dead) = run("dead");
    assert_eq!(code, 0);
    assert_eq!(dead["id"], "a");
    assert_eq!(dead["report"], "HTTP 500");
    let (code, replayed) = run("replay");
    assert_eq!(code, 0);
    assert_eq!(replayed["replayed"], 1);
    let (_, stats) = run("stats");
    assert_eq!(
        (stats["ready"].as_u64(), stats["dead"].as_u64()),
        (Some(2), Some(0))
    );

    // Without a server to ask, a usage error.
    let out = Command::new(env!("CARGO_BIN_EXE_hooksign"))
        .args(["queue", "stats"])
        .env_remove("HOOKSIGN_REDIS")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
