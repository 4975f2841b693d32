//! `hooksign send`, `batch` and `examples` on the built binary, against real servers on
//! 127.0.0.1: exit codes (0 delivered, 1 not, 2 usage), the `--json` report's shape, the batch
//! summary and the `--failed-out` round trip.
#![cfg(all(feature = "cli", feature = "send"))]
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed assertion"
)]

#[path = "support/send_server.rs"]
mod send_server;

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};

use hooksign::{SecretSet, StandardWebhooks};
use send_server::{Server, status_response};
use serde_json::Value;

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

/// Runs the binary off the runtime's threads, so the test's servers keep answering.
async fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let env: Vec<(String, String)> = env
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_hooksign"))
            .args(&args)
            .env_remove("HOOKSIGN_SECRET")
            .envs(env)
            .stdin(Stdio::null())
            .output()
            .expect("run hooksign")
    })
    .await
    .expect("join")
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("exit code")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("utf-8")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hooksign-send-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn verifies(server: &Server) -> bool {
    let provider = StandardWebhooks::new(SecretSet::new([SECRET]).unwrap()).unwrap();
    server.recorded().iter().all(|r| {
        let headers: Vec<(&str, &str)> = r
            .headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        hooksign::verify(&provider, &headers, &r.body).is_ok()
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_prints_attempts_and_exits_0_when_delivered() {
    let server = Server::script(&[503, 200]).await;
    let url = server.url("/hook");
    let out = run(
        &[
            "send",
            &url,
            "--provider",
            "standard-webhooks",
            "--secret",
            SECRET,
            "--payload",
            r#"{"a":1}"#,
            "--id",
            "msg_cli_1",
            "--header",
            "X-Tenant: acme",
            "--allow-private",
        ],
        &[],
    )
    .await;
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert!(
        lines[0].starts_with("attempt 1: 503 in ") && lines[0].contains("; next retry in "),
        "{stdout}"
    );
    assert!(lines[1].starts_with("attempt 2: 200 in "), "{stdout}");
    assert_eq!(
        lines[2],
        format!("delivered msg_cli_1 to {url} (2 attempts)")
    );
    let seen = server.recorded();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[1].body, br#"{"a":1}"#);
    assert_eq!(seen[1].header("x-tenant"), Some("acme"));
    assert_eq!(seen[1].header("webhook-id"), Some("msg_cli_1"));
    assert!(verifies(&server));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_json_prints_the_report() {
    let server = Server::script(&[503, 503, 200]).await;
    let url = server.url("/");
    let out = run(
        &[
            "send",
            &url,
            "-p",
            "standard-webhooks",
            "--payload",
            "{}",
            "--retries",
            "3",
            "--allow-private",
            "--json",
        ],
        &[("HOOKSIGN_SECRET", SECRET)],
    )
    .await;
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(report["delivered"], true);
    assert_eq!(report["url"], url);
    assert!(report["id"].as_str().unwrap().starts_with("msg_"));
    let attempts = report["attempts"].as_array().unwrap();
    let statuses: Vec<_> = attempts.iter().map(|a| a["status"].as_u64()).collect();
    assert_eq!(statuses, [Some(503), Some(503), Some(200)]);
    for (i, a) in attempts.iter().enumerate() {
        assert!(a["latency_ms"].as_f64().unwrap() >= 0.0);
        assert!(a["error"].is_null());
        assert_eq!(a["retry_in_ms"].is_null(), i == 2, "{a}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_exits_1_when_not_delivered() {
    let server = Server::script(&[400]).await;
    let out = run(
        &[
            "send",
            &server.url("/"),
            "-p",
            "github",
            "--secret",
            "s",
            "--payload",
            "{}",
            "--allow-private",
            "--json",
        ],
        &[],
    )
    .await;
    assert_eq!(code(&out), 1);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["delivered"], false);
    assert_eq!(report["outcome"], "not_retryable");
    assert_eq!(report["attempts"].as_array().unwrap().len(), 1);

    // Loopback without --allow-private: refused, nothing sent, and the way out explained.
    let out = run(
        &[
            "send",
            &server.url("/"),
            "-p",
            "github",
            "--secret",
            "s",
            "--payload",
            "{}",
        ],
        &[],
    )
    .await;
    assert_eq!(code(&out), 1);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("loopback") && stderr.contains("--allow-private"),
        "{stderr}"
    );
    assert_eq!(server.count(), 1);

    // Nothing listening: retried, then given up.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/");
    let out = run(
        &[
            "send",
            &url,
            "-p",
            "github",
            "--secret",
            "s",
            "--payload",
            "{}",
            "--retries",
            "1",
            "--allow-private",
        ],
        &[],
    )
    .await;
    assert_eq!(code(&out), 1);
    assert_eq!(
        text(&out.stdout)
            .lines()
            .filter(|l| l.starts_with("attempt "))
            .count(),
        2
    );
    assert!(text(&out.stderr).contains("failed after 2 attempts"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_usage_errors_exit_2() {
    let server = Server::script(&[200]).await;
    let url = server.url("/");
    for args in [
        vec![
            "send",
            url.as_str(),
            "-p",
            "nope",
            "--secret",
            "s",
            "--payload",
            "{}",
        ],
        vec![
            "send",
            "not a url",
            "-p",
            "github",
            "--secret",
            "s",
            "--payload",
            "{}",
            "--allow-private",
        ],
        vec![
            "send",
            url.as_str(),
            "-p",
            "github",
            "--secret",
            "s",
            "--payload",
            "{}",
            "--payload-file",
            "x",
        ],
        vec![
            "send",
            url.as_str(),
            "-p",
            "shopify",
            "--secret",
            "s",
            "--payload",
            "{}",
            "--allow-private",
        ],
        vec!["send", url.as_str(), "-p", "github", "--payload", "{}"],
        vec![
            "send",
            url.as_str(),
            "-p",
            "github",
            "--secret",
            "s",
            "--payload",
            "{}",
            "--timeout",
            "0",
        ],
        vec![
            "send",
            url.as_str(),
            "-p",
            "github",
            "--secret",
            "s",
            "--payload",
            "{}",
            "-H",
            "no colon",
        ],
    ] {
        let out = run(&args, &[]).await;
        assert_eq!(code(&out), 2, "{args:?}: {}", text(&out.stderr));
    }
    assert_eq!(server.count(), 0);
}

/// Answers 400 to the first request carrying each id and 200 to later ones.
async fn flaky() -> (Server, Arc<Mutex<HashMap<String, usize>>>) {
    let seen: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
    let ids = Arc::clone(&seen);
    let server = Server::start(Arc::new(move |_, request| {
        let id = request.header("webhook-id").unwrap_or_default().to_owned();
        let n = {
            let mut ids = ids.lock().unwrap();
            let n = ids.entry(id).or_insert(0);
            *n += 1;
            *n
        };
        let ok = request.path == "/ok" || n > 1;
        Box::pin(async move { status_response(if ok { 200 } else { 400 }, &[]) })
    }))
    .await;
    (server, seen)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batch_summarises_and_its_failed_out_file_round_trips() {
    let (server, ids) = flaky().await;
    let dir = temp_dir("batch");
    let file = dir.join("in.jsonl");
    let mut lines = Vec::new();
    for i in 0..6 {
        let path = if i % 2 == 0 { "/ok" } else { "/flaky" };
        let mut line = serde_json::json!({
            "url": server.url(path),
            "provider": "standard-webhooks",
            "payload": {"n": i},
        });
        if i < 3 {
            line["secret"] = SECRET.into();
        } else {
            line["secret_env"] = "BATCH_TEST_SECRET".into();
            line["payload"] = format!("raw text {i}").into();
        }
        if i == 1 {
            line["id"] = "msg_given_1".into();
        }
        lines.push(line.to_string());
    }
    lines.insert(2, String::new());
    std::fs::write(&file, lines.join("\n")).unwrap();
    let failed = dir.join("failed.jsonl");
    let env = [("BATCH_TEST_SECRET", SECRET)];

    let out = run(
        &[
            "batch",
            file.to_str().unwrap(),
            "--concurrency",
            "4",
            "--failed-out",
            failed.to_str().unwrap(),
            "--allow-private",
            "--json",
        ],
        &env,
    )
    .await;
    assert_eq!(code(&out), 1, "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let rows: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 7, "6 reports and the summary: {stdout}");
    let summary = &rows[6]["summary"];
    assert_eq!(summary["total"], 6);
    assert_eq!(summary["delivered"], 3);
    assert_eq!(summary["failed"], 3);
    assert_eq!(summary["success_rate"], 0.5);
    assert!(
        summary["latency_ms"]["p50"].as_f64().unwrap()
            <= summary["latency_ms"]["p99"].as_f64().unwrap()
    );
    let raw: Vec<_> = server.recorded().into_iter().map(|r| r.body).collect();
    assert!(raw.contains(&b"raw text 4".to_vec()) && raw.contains(&br#"{"n":0}"#.to_vec()));
    assert!(verifies(&server));

    // The failed lines, each with the id it was sent with.
    let written = std::fs::read_to_string(&failed).unwrap();
    let failed_lines: Vec<Value> = written
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(failed_lines.len(), 3);
    let first_ids: Vec<String> = failed_lines
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(first_ids.contains(&"msg_given_1".to_owned()));
    assert!(
        failed_lines
            .iter()
            .all(|l| l["url"].as_str().unwrap().ends_with("/flaky"))
    );

    // Again, from that file: the same ids, delivered this time.
    let out = run(
        &["batch", failed.to_str().unwrap(), "--allow-private"],
        &env,
    )
    .await;
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout
            .lines()
            .last()
            .unwrap()
            .starts_with("3 delivered, 0 failed of 3 (100.0 % success)"),
        "{stdout}"
    );
    let ids = ids.lock().unwrap();
    for id in &first_ids {
        assert_eq!(ids.get(id), Some(&2), "{id} sent once per run");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batch_checks_every_line_before_sending() {
    let server = Server::script(&[200]).await;
    let dir = temp_dir("bad");
    let file = dir.join("bad.jsonl");
    let good = serde_json::json!({"url": server.url("/"), "provider": "github", "secret": "s", "payload": {}});
    for (bad, expected) in [
        ("not json", ":2: not a JSON object"),
        (
            r#"{"url":"http://x/","provider":"github","payload":{}}"#,
            ":2: give exactly one of",
        ),
        (
            r#"{"url":"http://x/","provider":"nope","secret":"s","payload":{}}"#,
            ":2: unknown provider",
        ),
        (
            r#"{"url":"http://x/","provider":"github","secret_env":"HOOKSIGN_UNSET_VAR","payload":{}}"#,
            "HOOKSIGN_UNSET_VAR",
        ),
        (
            r#"{"url":"http://x/","provider":"github","secret":"s","payload":{},"extra":1}"#,
            "unknown field",
        ),
    ] {
        std::fs::write(&file, format!("{good}\n{bad}\n")).unwrap();
        let out = run(&["batch", file.to_str().unwrap(), "--allow-private"], &[]).await;
        assert_eq!(code(&out), 2);
        let stderr = text(&out.stderr);
        assert!(stderr.contains(expected), "{stderr}");
    }
    assert_eq!(
        server.count(),
        0,
        "nothing sent before every line was checked"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn examples_writes_samples_that_batch_accepts() {
    let dir = temp_dir("examples");
    let out = run(&["examples", dir.to_str().unwrap()], &[]).await;
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("hooksign batch") && stdout.contains("cargo run --example receiver"),
        "{stdout}"
    );
    for provider in ["standard-webhooks", "github", "stripe", "slack", "shopify"] {
        let payload = std::fs::read(dir.join(format!("{provider}.json"))).unwrap();
        serde_json::from_slice::<Value>(&payload).unwrap();
        assert!(stdout.contains(provider));
    }
    // The batch file, pointed at a test server, with the secrets from secrets.env.
    let env_text = std::fs::read_to_string(dir.join("secrets.env")).unwrap();
    let env: Vec<(String, String)> = env_text
        .lines()
        .filter_map(|l| l.strip_prefix("export "))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.trim_matches('\'').to_owned()))
        .collect();
    assert_eq!(env.len(), 5);
    let server = Server::script(&[200]).await;
    let batch = std::fs::read_to_string(dir.join("batch.jsonl")).unwrap();
    let local = batch.replace("http://127.0.0.1:3000", &format!("http://{}", server.addr));
    std::fs::write(dir.join("local.jsonl"), local).unwrap();
    let env_refs: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let out = run(
        &[
            "batch",
            dir.join("local.jsonl").to_str().unwrap(),
            "--allow-private",
        ],
        &env_refs,
    )
    .await;
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    assert_eq!(server.count(), 10);
}
