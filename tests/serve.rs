//! `hooksign serve` as a real process on 127.0.0.1, forwarding to a test application: a
//! verified delivery is forwarded re-signed with Standard Webhooks under an id derived from
//! its idempotency key, a provider retry is not forwarded twice, forgeries and disallowed
//! clients are refused, event types are filtered, and the metrics count it all.
#![cfg(feature = "serve")]
#![allow(
    clippy::unwrap_used,
    reason = "a failed step fails the benchmark or test loudly"
)]

#[path = "support/send_server.rs"]
mod send_server;
#[path = "support/serve_process.rs"]
mod serve_process;

use std::time::{Duration, Instant};

use hooksign::{GitHub, Message, SecretSet, Sign, StandardWebhooks, UnixTime};
use send_server::Server;
use serve_process::{Serve, get};

const GITHUB_SECRET: &str = "github route secret";
const FORWARD_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

fn github_delivery(id: &str, event: &str, body: &[u8]) -> Vec<(String, String)> {
    let github = GitHub::new(SecretSet::new([GITHUB_SECRET]).unwrap());
    github
        .sign_at(
            &Message::new(body).with_id(id).with_event_type(event),
            UnixTime::now(),
        )
        .unwrap()
        .iter()
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect()
}

async fn post(url: &str, headers: &[(String, String)], body: &[u8]) -> (u16, String) {
    let client = reqwest::Client::new();
    let mut request = client.post(url).body(body.to_vec());
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_verifies_queues_forwards_and_counts() {
    let app = Server::script(&[200]).await;
    let config = format!(
        r#"
[forward]
provider = "standard-webhooks"
secret = "{FORWARD_SECRET}"

[[route]]
path = "/webhooks/github"
provider = "github"
secret = "{GITHUB_SECRET}"
forward_to = "{}"
events = ["push"]

[[route]]
path = "/webhooks/routed"
provider = "github"
secret = "{GITHUB_SECRET}"
[[route.by_event]]
events = ["deployment"]
forward_to = "{}"

[[route]]
path = "/webhooks/private"
provider = "github"
secret = "{GITHUB_SECRET}"
forward_to = "{}"
allow = ["192.0.2.0/24"]
"#,
        app.url("/events"),
        app.url("/deployments"),
        app.url("/private")
    );
    let mut serve = Serve::start(&config);
    let route = serve.url("/webhooks/github");
    let body = br#"{"ref":"refs/heads/main"}"#;
    let headers = github_delivery("delivery-1", "push", body);

    let (status, text) = post(&route, &headers, body).await;
    assert_eq!(status, 202, "{text}");
    wait_for("the forward", || app.count() == 1).await;
    let forwarded = &app.recorded()[0];
    assert_eq!(forwarded.path, "/events");
    assert_eq!(forwarded.body, body, "the body is forwarded byte for byte");
    let verifier = StandardWebhooks::new(SecretSet::new([FORWARD_SECRET]).unwrap()).unwrap();
    let verified = hooksign::verify(&verifier, &forwarded.headers, &forwarded.body).unwrap();
    let forward_id = verified.id().unwrap().to_owned();
    assert!(forward_id.starts_with("evt_"), "{forward_id}");
    assert_eq!(forwarded.header("x-hooksign-provider"), Some("github"));

    // GitHub redelivers the same delivery: acknowledged, not forwarded again.
    let (status, text) = post(&route, &headers, body).await;
    assert_eq!(status, 200, "{text}");
    assert!(text.contains("\"duplicate\":true"), "{text}");

    // A forgery, a filtered event type, a disallowed client.
    let mut forged = headers.clone();
    forged.retain(|(n, _)| !n.eq_ignore_ascii_case("x-hub-signature-256"));
    forged.push((
        "X-Hub-Signature-256".into(),
        format!("sha256={}", "0".repeat(64)),
    ));
    assert_eq!(post(&route, &forged, body).await.0, 401);
    let issues = github_delivery("delivery-2", "issues", body);
    let (status, text) = post(&route, &issues, body).await;
    assert_eq!(status, 202);
    assert!(text.contains("\"forwarded\":false"), "{text}");
    let (status, _) = post(&serve.url("/webhooks/private"), &headers, body).await;
    assert_eq!(status, 403, "127.0.0.1 is not in the allow-list");

    // Routed by event type: deployments to their destination, other types nowhere.
    let routed = serve.url("/webhooks/routed");
    let deployment = github_delivery("delivery-3", "deployment", body);
    assert_eq!(post(&routed, &deployment, body).await.0, 202);
    wait_for("the routed forward", || app.count() == 2).await;
    assert_eq!(app.recorded()[1].path, "/deployments");
    let (status, text) = post(&routed, &github_delivery("delivery-4", "push", body), body).await;
    assert_eq!(status, 202);
    assert!(text.contains("\"forwarded\":false"), "{text}");

    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        app.count(),
        2,
        "only the first push and the deployment were forwarded"
    );
    let (status, metrics) = get(serve.port, "/metrics").unwrap();
    assert_eq!(status, 200);
    for line in [
        "hooksign_received_total 7",
        "hooksign_accepted_total 2",
        "hooksign_duplicates_total 1",
        "hooksign_filtered_total 2",
        "hooksign_delivered_total 2",
        "hooksign_rejected_total{reason=\"signature_mismatch\"} 1",
        "hooksign_rejected_total{reason=\"address_not_allowed\"} 1",
        "hooksign_in_flight 0",
    ] {
        assert!(
            metrics.lines().any(|l| l == line),
            "no {line:?} in\n{metrics}"
        );
    }
    let (_, stats) = get(serve.port, "/stats").unwrap();
    let stats: serde_json::Value = serde_json::from_str(&stats).unwrap();
    assert_eq!(stats["delivered"], 2);

    // SIGTERM: a clean exit.
    assert!(serve.terminate().success());
}

#[test]
fn a_configuration_error_is_a_usage_error() {
    let path = std::env::temp_dir().join(format!("hooksign-bad-{}.toml", std::process::id()));
    std::fs::write(
        &path,
        "[[route]]\npath = \"/x\"\nprovider = \"github\"\nsecret_env = \"HOOKSIGN_TEST_UNSET\"\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hooksign"))
        .args(["serve", "--config"])
        .arg(&path)
        .env_remove("HOOKSIGN_TEST_UNSET")
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("HOOKSIGN_TEST_UNSET is not set"),
        "{stderr}"
    );
}

/// Splits a line of `sh` words, single-quoted or bare (what the demo prints).
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut chars = line.chars().peekable();
    let mut in_word = false;
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    word.push(q);
                }
            }
            '\\' if chars.peek() == Some(&'\'') => {
                word.push('\'');
                chars.next();
            }
            ' ' if in_word => {
                out.push(std::mem::take(&mut word));
                in_word = false;
            }
            ' ' => {}
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        out.push(word);
    }
    out
}

/// The embedded default: every `curl` it prints is a delivery its routes accept.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_embedded_default_accepts_every_curl_it_prints() {
    use std::io::{BufRead, BufReader};
    let port = serve_process::free_port();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_hooksign"))
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut curls = Vec::new();
    let mut sample = false;
    for line in stdout.by_ref() {
        let line = line.unwrap();
        if line.starts_with("curl ") {
            curls.push(words(&line));
        }
        if line.contains("A configuration to start from") {
            sample = true;
        }
        if sample && line.contains("forward_to") {
            break;
        }
    }
    assert!(curls.len() >= 70, "{} routes", curls.len());
    // Keep reading what it prints (each verified event), as a terminal would.
    let printed = std::thread::spawn(move || {
        stdout
            .map_while(Result::ok)
            .filter(|line| line.starts_with('{'))
            .count()
    });
    let client = reqwest::Client::new();
    for curl in &curls {
        let url = curl.iter().find(|w| w.starts_with("http://")).unwrap();
        let mut request = client.post(url);
        let mut i = 0;
        while i < curl.len() {
            match curl[i].as_str() {
                "-H" => {
                    let (name, value) = curl[i + 1].split_once(": ").unwrap();
                    request = request.header(name, value);
                    i += 1;
                }
                "--data-binary" => {
                    request = request.body(curl[i + 1].clone());
                    i += 1;
                }
                _ => {}
            }
            i += 1;
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        assert_eq!(status, 202, "{url}: {}", response.text().await.unwrap());
    }
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(
        printed.join().unwrap(),
        curls.len(),
        "each event printed once"
    );
}

/// Handshakes through serve: Slack's signed `url_verification` is answered with its challenge
/// (and refused unsigned), Dropbox's GET challenge echoed, Meta's subscription GET answered
/// only with the configured verify token.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_answers_handshakes_as_the_providers_specify() {
    let config = r#"
[[route]]
path = "/slack"
provider = "slack"
secret = "slack-signing-secret"

[[route]]
path = "/dropbox"
provider = "dropbox"
secret = "dropbox-app-secret"

[[route]]
path = "/meta"
provider = "meta"
secret = "meta-app-secret"
verify_token_env = "HOOKSIGN_TEST_META_TOKEN"
"#;
    let serve = Serve::start_with_env(config, &[("HOOKSIGN_TEST_META_TOKEN", "meta-verify-token")]);
    let body = br#"{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"#;
    let slack = hooksign::Slack::new(SecretSet::new(["slack-signing-secret"]).unwrap());
    let signed: Vec<(String, String)> = slack
        .sign_at(&Message::new(body), UnixTime::now())
        .unwrap()
        .iter()
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect();
    let (status, text) = post(&serve.url("/slack"), &signed, body).await;
    assert_eq!(
        (status, text.as_str()),
        (200, "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")
    );
    let (status, _) = post(&serve.url("/slack"), &[], body).await;
    assert_eq!(status, 400, "an unsigned url_verification is not answered");

    let (status, text) = get(serve.port, "/dropbox?challenge=abc123").unwrap();
    assert_eq!((status, text.as_str()), (200, "abc123"));

    let good =
        "/meta?hub.mode=subscribe&hub.verify_token=meta-verify-token&hub.challenge=1158201444";
    let (status, text) = get(serve.port, good).unwrap();
    assert_eq!((status, text.as_str()), (200, "1158201444"));
    let bad = "/meta?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444";
    let (status, text) = get(serve.port, bad).unwrap();
    assert_ne!(status, 200, "{text}");
    let (_, metrics) = get(serve.port, "/metrics").unwrap();
    assert!(
        metrics.lines().any(|l| l == "hooksign_handshakes_total 3"),
        "{metrics}"
    );
}
