//! `hooksign queue stats|dead|replay`: look at and repair a Redis queue shared by workers
//! (an outbox, an inbox, or `hooksign serve`'s).

use std::process::ExitCode;

use clap::{Args, Subcommand};
use hooksign::queue::{Queue, QueueConfig, RedisQueue, Stats};

use crate::{Outcome, UsageError, json, output};

/// Arguments of `hooksign queue`.
#[derive(Debug, Args)]
pub struct QueueArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: QueueAction,

    /// The Redis server (`redis://host:port/db`); default: the HOOKSIGN_REDIS environment
    /// variable.
    #[arg(long, value_name = "URL", global = true)]
    pub redis: Option<String>,

    /// The queue's key prefix (as its workers were given it).
    #[arg(long, value_name = "PREFIX", global = true, default_value = RedisQueue::DEFAULT_PREFIX)]
    pub prefix: String,

    /// Print JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,
}

/// The `queue` subcommands.
#[derive(Debug, Subcommand)]
pub enum QueueAction {
    /// Depth, ready, scheduled, in flight, dead, and the oldest job's age.
    Stats,
    /// List dead letters, oldest first, with their last report.
    Dead {
        /// At most this many.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Move dead letters back into the queue, due now, oldest first.
    Replay {
        /// At most this many.
        #[arg(long, default_value_t = 1000)]
        limit: usize,
    },
}

/// Runs `hooksign queue`.
pub fn run(args: &QueueArgs) -> Outcome {
    let url = args
        .redis
        .clone()
        .or_else(|| std::env::var("HOOKSIGN_REDIS").ok())
        .ok_or_else(|| {
            UsageError::new("give the queue's Redis server: --redis URL or HOOKSIGN_REDIS")
        })?;
    crate::send::runtime()?.block_on(async {
        let queue = RedisQueue::connect(&url, QueueConfig::default())
            .await
            .map_err(|e| UsageError::new(format!("cannot reach the queue: {e}")))?
            .with_prefix(args.prefix.clone());
        let failed = |e: hooksign::queue::QueueError| UsageError::new(format!("queue: {e}"));
        match args.action {
            QueueAction::Stats => {
                let stats = queue.stats().await.map_err(failed)?;
                print_stats(&stats, args.json)?;
            }
            QueueAction::Dead { limit } => {
                for dead in queue.dead(limit).await.map_err(failed)? {
                    let report = dead.job.last_report().map(|r| r.as_str().to_owned());
                    let died = dead
                        .died_at
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.as_secs());
                    if args.json {
                        let line = json::Object::new()
                            .field("id", dead.job.id().as_str())
                            .field("attempts", dead.job.attempt())
                            .field("died_at", died)
                            .field("report", report);
                        output::line(&json::to_line(&line))?;
                    } else {
                        output::line(&format!(
                            "{} attempts={} died_at={died} report={}",
                            dead.job.id(),
                            dead.job.attempt(),
                            report.unwrap_or_default()
                        ))?;
                    }
                }
            }
            QueueAction::Replay { limit } => {
                let moved = queue.replay(limit).await.map_err(failed)?;
                if args.json {
                    output::line(&json::to_line(
                        &json::Object::new().field("replayed", moved),
                    ))?;
                } else {
                    output::line(&format!("replayed {moved} dead letters"))?;
                }
            }
        }
        Ok(ExitCode::SUCCESS)
    })
}

fn print_stats(stats: &Stats, as_json: bool) -> Result<(), UsageError> {
    let age = stats.oldest_age.map(|d| d.as_millis());
    if as_json {
        let line = json::Object::new()
            .field("depth", stats.depth())
            .field("ready", stats.ready)
            .field("scheduled", stats.scheduled)
            .field("in_flight", stats.in_flight)
            .field("dead", stats.dead)
            .field(
                "oldest_age_ms",
                age.map(|ms| u64::try_from(ms).unwrap_or(u64::MAX)),
            );
        return output::line(&json::to_line(&line));
    }
    output::line(&format!(
        "depth={} ready={} scheduled={} in_flight={} dead={} oldest_age_ms={}",
        stats.depth(),
        stats.ready,
        stats.scheduled,
        stats.in_flight,
        stats.dead,
        age.map_or("-".to_owned(), |ms| ms.to_string())
    ))
}
