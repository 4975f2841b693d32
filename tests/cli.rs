//! The `hooksign` binary against DESIGN.md's CLI contract: output shapes and exit codes
//! (0 valid, 1 rejected, 2 usage error).
#![cfg(feature = "cli")]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

/// Decodes as Standard Webhooks / Svix keys and works as a text secret for the others, so one
/// secret serves every provider.
const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const OLD_SECRET: &str = "whsec_dGhlIG9sZCBzZWNyZXQ=";
const T: u64 = 1_700_000_000;
const BODY: &[u8] = b"{\"id\":\"evt_1\",\"type\":\"ping\"}\n";

/// Runs the binary with `args`, feeding `stdin`, with `HOOKSIGN_SECRET` unset unless `env`
/// sets it.
fn run_with(args: &[&str], stdin: &[u8], env: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hooksign"));
    command
        .args(args)
        .env_remove("HOOKSIGN_SECRET")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(secret) = env {
        command.env("HOOKSIGN_SECRET", secret);
    }
    let mut child = command.spawn().expect("spawn hooksign");
    let mut pipe = child.stdin.take().expect("stdin");
    // The child may exit before reading (usage errors): a broken pipe is fine then.
    let _ = pipe.write_all(stdin);
    drop(pipe);
    child.wait_with_output().expect("wait for hooksign")
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    run_with(args, stdin, None)
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("exit code")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("utf-8 stderr")
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {:?}", stdout(output)))
}

/// A file in the temp directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(contents: &[u8]) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "hooksign-cli-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(name);
        std::fs::write(&path, contents).expect("write temp file");
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().expect("utf-8 temp path")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Signs `body` at `T` with `extra` flags and returns the `Name: value` lines.
fn sign(provider: &str, secret: &str, body: &[u8], extra: &[&str]) -> Vec<String> {
    let t = T.to_string();
    let mut args = vec!["sign", "--provider", provider, "--secret", secret];
    args.extend(["--timestamp", &t, "--event-type", "orders/create"]);
    args.extend(extra);
    let out = run(&args, body);
    assert_eq!(code(&out), 0, "sign {provider}: {}", stderr(&out));
    stdout(&out).lines().map(str::to_owned).collect()
}

/// `verify` with these headers and flags, the body on stdin, the clock at `T` unless `flags`
/// set `--now`.
fn verify(provider: &str, headers: &[String], flags: &[&str], body: &[u8]) -> Output {
    let t = T.to_string();
    let mut args = vec!["verify", "--provider", provider];
    if !flags.contains(&"--now") {
        args.extend(["--now", &t]);
    }
    for header in headers {
        args.extend(["--header", header]);
    }
    args.extend(flags);
    run(&args, body)
}

/// A secret in the form `id` issues: `SECRET` serves text and `whsec_` providers; hex- and
/// bare-base64-keyed ones (Onfleet, Microsoft Teams, …) get one of their own form.
fn secret_for(id: &str) -> &'static str {
    use hooksign::provider::spec::SecretFormat;
    let Some(spec) = hooksign::provider::find(id).expect("a registry id").spec() else {
        return family_keys(id).verify;
    };
    match &spec.secret {
        SecretFormat::Hex => "6f6e666c6565742d6865782d736563726574",
        SecretFormat::Base64 { prefix } if prefix.is_empty() => "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        _ => SECRET,
    }
}

/// `BODY`, or for a provider that reads its timestamp from the body (Linear), a JSON body
/// carrying that field at `T` in the spec's unit; either ends in a newline.
fn body_for(id: &str) -> Vec<u8> {
    use hooksign::provider::spec::{TimeUnit, TimestampSource};
    let Some(spec) = hooksign::provider::find(id).expect("a registry id").spec() else {
        return family_keys(id)
            .body
            .map_or_else(|| BODY.to_vec(), <[u8]>::to_vec);
    };
    match spec.timestamp.as_ref().map(|t| (&t.source, t.unit)) {
        Some((TimestampSource::Body(paths), unit)) => {
            let value = if unit == TimeUnit::Millis {
                T * 1000
            } else {
                T
            };
            let mut field = value.to_string();
            for key in paths.to_vec()[0].iter().rev() {
                field = format!("{{\"{key}\":{field}}}");
            }
            format!("{field}\n").into_bytes()
        }
        _ => BODY.to_vec(),
    }
}

/// What the CLI round trip of a provider outside the template family uses.
struct FamilyKeys {
    /// What `sign` is given (a private key, for a public-key scheme).
    sign: &'static str,
    /// What `verify` is given (the public key, for a public-key scheme).
    verify: &'static str,
    /// A body in the form the provider sends, where `BODY` is not one.
    body: Option<&'static [u8]>,
}

/// The keys (and body) of each provider outside the template family, in the form it issues.
fn family_keys(id: &str) -> FamilyKeys {
    // A form body as the URL-signed providers post it; its last value ends in the newline
    // the round trip drops.
    const FORM: &[u8] = b"From=%2B14155550100&Body=hello+world%21\n";
    match id {
        "twilio" | "mandrill" | "plivo" => FamilyKeys {
            sign: "hooksign-url-form-secret",
            verify: "hooksign-url-form-secret",
            body: Some(FORM),
        },
        "mailgun" => FamilyKeys {
            sign: "key-3ax6xnjp29jd6fds4gc373sgvjxteol0",
            verify: "key-3ax6xnjp29jd6fds4gc373sgvjxteol0",
            body: Some(b"{\"event-data\":{\"event\":\"delivered\",\"id\":\"evt_1\"}}\n"),
        },
        "adyen" => FamilyKeys {
            sign: "DFB1EB5485895CFA84146406857104ABB4CBCABDC8AAF103A624C8F6A3EAAB00",
            verify: "DFB1EB5485895CFA84146406857104ABB4CBCABDC8AAF103A624C8F6A3EAAB00",
            body: Some(
                b"{\"live\":\"false\",\"notificationItems\":[{\"NotificationRequestItem\":{\"pspReference\":\"7914073381342284\",\"merchantAccountCode\":\"M\",\"merchantReference\":\"R\",\"amount\":{\"value\":1130,\"currency\":\"EUR\"},\"eventCode\":\"AUTHORISATION\",\"success\":\"true\"}}]}\n",
            ),
        },
        "gitlab" | "telegram" | "okta" => FamilyKeys {
            sign: SECRET,
            verify: SECRET,
            body: None,
        },
        // Text secrets, as the URL-and-body family's providers issue them.
        "square" | "trello" | "hubspot" => FamilyKeys {
            sign: SECRET,
            verify: SECRET,
            body: None,
        },
        // The keys of tools/vectors/asym/gen.mjs: each provider's private-key form signs,
        // its public-key form (as the provider issues it) verifies.
        "discord" => FamilyKeys {
            sign: "061739dfe8151d06ed898efa223de5ceaa8a86839818277c5b46cde27a757031eb8eebeca8d576728ffdea9b2cad88c1cb50912a6201602fa8886f9904d62f18",
            verify: "eb8eebeca8d576728ffdea9b2cad88c1cb50912a6201602fa8886f9904d62f18",
            body: None,
        },
        "telnyx" => FamilyKeys {
            sign: "vHoUSfAssz7wx5MaEjbpuLUTrdcFwqv7yf4S1TnRHqJEkdJzHBuvG48ZTOGgA9wXaiQ4eLXPhaCKy7sk6SMqXA==",
            verify: "RJHScxwbrxuPGUzhoAPcF2okOHi1z4Wgisu7JOkjKlw=",
            body: None,
        },
        "standard-webhooks-v1a" => FamilyKeys {
            sign: "whsk_8ObO7bfuer4FeB78VGUYeXrW1D/Sv66YK7QFE8wNqi/5LQgdORBJ6dU4BN3Tkx53IiYh/i8+FKfGjtVxk/qTIQ==",
            verify: "whpk_+S0IHTkQSenVOATd05MedyImIf4vPhSnxo7VcZP6kyE=",
            body: None,
        },
        "sendgrid" => FamilyKeys {
            sign: "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgfsQBwvNgNt5VrBnC9rc+hJBCPCAaD07NCR2lHqe9D3qhRANCAARsPNZdpg22CB4jqjI+SunKHIDIjE7jL/D8jcmYB54hjyJZgcbxuqoGB/SQdfPJI3C5jCzk7tPjRuj9QuE8yu9H",
            verify: "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEbDzWXaYNtggeI6oyPkrpyhyAyIxO4y/w/I3JmAeeIY8iWYHG8bqqBgf0kHXzySNwuYws5O7T40bo/ULhPMrvRw==",
            body: None,
        },
        _ => panic!("{id}: give the CLI test its keys in `family_keys`"),
    }
}

fn provider_ids() -> impl Iterator<Item = &'static str> {
    hooksign::provider::REGISTRY.iter().map(|p| p.id())
}

/// The URL and method every round trip signs and verifies with: URL-signing schemes sign
/// them, the others ignore them.
const REQUEST: [&str; 4] = [
    "--url",
    "https://example.com/webhooks/in?a=1",
    "--method",
    "POST",
];

/// The key `sign` takes for `id`: its secret, or for a public-key scheme its private key.
fn signing_key_for(id: &str) -> &'static str {
    match hooksign::provider::find(id).expect("a registry id").spec() {
        Some(_) => secret_for(id),
        None => family_keys(id).sign,
    }
}

#[test]
fn every_provider_round_trips_through_stdin_and_a_file() {
    for id in provider_ids() {
        let family = hooksign::provider::find(id)
            .expect("a registry id")
            .family();
        let unsigned = body_for(id);
        let secret = secret_for(id);
        // A scheme that signs inside the body gives the body to send (`--body-out`).
        let embeds = family == hooksign::provider::Family::BodyEmbedded;
        let out = TempFile::new(b"");
        let mut request = REQUEST.to_vec();
        if embeds {
            request.extend(["--body-out", out.path()]);
        }
        let headers = sign(id, signing_key_for(id), &unsigned[..], &request);
        let body = if embeds {
            std::fs::read(out.path()).expect("the signed body")
        } else {
            unsigned.clone()
        };
        let file = TempFile::new(&body);
        assert!(embeds || !headers.is_empty(), "{id}");
        let flags = |extra: &[&'static str]| -> Vec<&'static str> {
            let mut flags = vec!["--secret", secret];
            flags.extend(REQUEST);
            flags.extend(extra);
            flags
        };

        let via_stdin = verify(id, &headers, &flags(&["--json"]), &body[..]);
        assert_eq!(code(&via_stdin), 0, "{id}: {}", stdout(&via_stdin));
        let verdict = json(&via_stdin);
        assert_eq!(verdict["valid"], true, "{id}");
        assert_eq!(verdict["provider"], id);

        let dash = verify(id, &headers, &flags(&["-"]), &body[..]);
        assert_eq!(code(&dash), 0, "{id}: {}", stderr(&dash));
        assert!(stdout(&dash).starts_with("valid: provider="), "{id}");

        // The file's bytes are used; stdin (here different) is not read.
        let path: &'static str = file.path().to_owned().leak();
        let from_file = verify(id, &headers, &flags(&[path]), b"other");
        assert_eq!(code(&from_file), 0, "{id}: {}", stderr(&from_file));

        // The body is exact bytes: dropping the trailing newline breaks the signature. Token
        // schemes sign no body, and body-embedded ones sign fields of it: without the signed
        // body (the one given to `sign`), they are refused.
        let changed = match family {
            hooksign::provider::Family::Token => Vec::new(),
            _ if embeds => unsigned.clone(),
            _ => body.trim_ascii_end().to_vec(),
        };
        let no_headers: &[String] = &[];
        let refused_headers = match family {
            hooksign::provider::Family::Token => no_headers,
            _ => &headers[..],
        };
        let trimmed = verify(id, refused_headers, &flags(&[]), &changed);
        assert_eq!(code(&trimmed), 1, "{id}");
    }
}

#[test]
fn aliases_and_generated_ids_round_trip() {
    let headers = sign("clerk", SECRET, BODY, &[]);
    let id = headers
        .iter()
        .find_map(|h| h.strip_prefix("svix-id: "))
        .expect("a generated svix-id");
    assert!(id.starts_with("msg_"), "{id}");
    // Resend signs through Svix too: the same headers verify as `resend`, scoped to it.
    let out = verify("resend", &headers, &["--secret", SECRET, "--json"], BODY);
    let verdict = json(&out);
    assert_eq!(verdict["provider"], "resend");
    assert_eq!(verdict["id"], id);
    assert_eq!(verdict["idempotency_key"], format!("resend:{id}"));
    // An alias names the same provider: `standardwebhooks` is `standard-webhooks`.
    let aliased = sign("standardwebhooks", SECRET, BODY, &["--id", "msg_alias"]);
    let out = verify(
        "standard-webhooks",
        &aliased,
        &["--secret", SECRET, "--json"],
        BODY,
    );
    assert_eq!(json(&out)["provider"], "standard-webhooks");

    let again = sign("svix", SECRET, BODY, &[]);
    assert_ne!(headers, again, "each run generates a new id");
    let chosen = sign("standard-webhooks", SECRET, BODY, &["--id", "msg_given"]);
    assert!(chosen.contains(&"webhook-id: msg_given".to_owned()));
}

#[test]
fn exit_1_for_tampered_body_wrong_secret_and_stale_timestamp() {
    let headers = sign("stripe", SECRET, BODY, &[]);
    let tampered = verify("stripe", &headers, &["--secret", SECRET, "--json"], b"{}");
    assert_eq!(code(&tampered), 1);
    assert_eq!(json(&tampered)["error"]["kind"], "signature_mismatch");

    let wrong = verify(
        "stripe",
        &headers,
        &["--secret", "whsec_wrong", "--json"],
        BODY,
    );
    assert_eq!(code(&wrong), 1);
    assert_eq!(json(&wrong)["error"]["kind"], "signature_mismatch");

    let later = (T + 301).to_string();
    let stale = verify(
        "stripe",
        &headers,
        &["--secret", SECRET, "--now", &later],
        BODY,
    );
    assert_eq!(code(&stale), 1);
    assert!(stale.stdout.is_empty());
    assert!(
        stderr(&stale).contains("timestamp_too_old"),
        "{}",
        stderr(&stale)
    );

    let missing = verify("github", &[], &["--secret", SECRET, "--json"], BODY);
    assert_eq!(code(&missing), 1);
    assert_eq!(json(&missing)["error"]["kind"], "missing_header");
}

#[test]
fn exit_2_for_usage_errors() {
    let unknown = run(&["verify", "--provider", "nope", "--secret", "s"], BODY);
    assert_eq!(code(&unknown), 2);
    assert!(stderr(&unknown).contains("nope"));

    let no_secret = run(&["verify", "--provider", "github"], BODY);
    assert_eq!(code(&no_secret), 2);
    assert!(stderr(&no_secret).contains("HOOKSIGN_SECRET"));

    let bad_flag = run(
        &["verify", "--provider", "github", "--secret", "s", "--bogus"],
        BODY,
    );
    assert_eq!(code(&bad_flag), 2);

    let bad_header = run(
        &["verify", "-p", "github", "--secret", "s", "-H", "no colon"],
        BODY,
    );
    assert_eq!(code(&bad_header), 2);

    let no_file = run(
        &[
            "verify",
            "-p",
            "github",
            "--secret",
            "s",
            "/nonexistent/body",
        ],
        BODY,
    );
    assert_eq!(code(&no_file), 2);
    assert!(stderr(&no_file).contains("/nonexistent/body"));

    let no_subcommand = run(&[], b"");
    assert_eq!(code(&no_subcommand), 2);

    // Shopify signs a topic and the CLI does not invent one.
    let no_topic = run(&["sign", "-p", "shopify", "--secret", "s"], BODY);
    assert_eq!(code(&no_topic), 2);
    assert!(stderr(&no_topic).contains("--event-type"));
}

#[test]
fn bad_secrets_are_usage_errors_that_do_not_echo_the_secret() {
    let secret = "whsec_not*base64*at*all";
    for sub in ["sign", "verify"] {
        let out = run(
            &[sub, "--provider", "standard-webhooks", "--secret", secret],
            BODY,
        );
        assert_eq!(code(&out), 2, "{sub}");
        let err = stderr(&out);
        assert!(err.contains("base64"), "{err}");
        assert!(!err.contains("not*base64"), "secret leaked: {err}");
    }
    // A secret starting with `-` is a value, not a flag.
    let headers = sign("github", "-dash", BODY, &[]);
    assert_eq!(
        code(&verify("github", &headers, &["--secret", "-dash"], BODY)),
        0
    );
}

#[test]
fn json_verdicts_have_the_contract_shape() {
    let headers = sign("github", SECRET, BODY, &["--id", "72d3162e"]);
    let out = verify("github", &headers, &["--secret", SECRET, "--json"], BODY);
    assert_eq!(code(&out), 0);
    let v = json(&out);
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = [
        "valid",
        "provider",
        "secret_index",
        "timestamp",
        "id",
        "event_type",
        "idempotency_key",
    ];
    expected.sort_unstable();
    assert_eq!(keys, expected);
    assert_eq!(v["valid"], Value::Bool(true));
    assert_eq!(v["provider"], "github");
    assert_eq!(v["secret_index"].as_u64(), Some(0));
    assert!(v["timestamp"].is_null(), "github signs no timestamp");
    assert_eq!(v["id"], "72d3162e");
    assert_eq!(v["event_type"], "orders/create");
    assert_eq!(v["idempotency_key"], "github:72d3162e");

    let stripe = sign("stripe", SECRET, BODY, &[]);
    let v = json(&verify(
        "stripe",
        &stripe,
        &["--secret", SECRET, "--json"],
        BODY,
    ));
    assert_eq!(v["timestamp"].as_u64(), Some(T));
    assert!(v["id"].is_null());
    assert_eq!(v["event_type"], "ping", "read from the body");
    assert_eq!(v["idempotency_key"], "stripe:evt_1");

    let out = verify("github", &headers, &["--secret", SECRET, "--json"], b"x");
    assert_eq!(code(&out), 1);
    assert!(out.stderr.is_empty());
    let v = json(&out);
    assert_eq!(v["valid"], Value::Bool(false));
    let error = v["error"].as_object().expect("error object");
    assert_eq!(error.len(), 2);
    assert_eq!(error["kind"], "signature_mismatch");
    assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert!(!stdout(&out).contains(SECRET));
}

#[test]
fn sign_json_keeps_the_header_order_of_the_lines() {
    let lines = sign("shopify", SECRET, BODY, &["--id", "b54557e4"]);
    let t = T.to_string();
    let args = [
        "sign",
        "-p",
        "shopify",
        "--secret",
        SECRET,
        "--timestamp",
        &t,
        "--id",
        "b54557e4",
        "--event-type",
        "orders/create",
        "--json",
    ];
    let out = run(&args, BODY);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    let v: Value = serde_json::from_str(&text).expect("JSON");
    let headers = v["headers"].as_object().expect("headers object");
    assert_eq!(v.as_object().unwrap().len(), 1);
    assert_eq!(headers.len(), lines.len());
    let mut last = 0;
    for line in &lines {
        let (name, value) = line.split_once(": ").expect("Name: value");
        assert_eq!(headers[name], value);
        let at = text.find(&format!("\"{name}\"")).expect("name in JSON");
        assert!(at > last, "{name} out of order in {text}");
        last = at;
    }
}

#[test]
fn a_header_repeated_with_different_values_is_rejected() {
    let headers = sign("github", SECRET, BODY, &[]);
    let mut doubled = headers.clone();
    doubled.push(format!("X-Hub-Signature-256: sha256={}", "0".repeat(64)));
    let out = verify("github", &doubled, &["--secret", SECRET, "--json"], BODY);
    assert_eq!(code(&out), 1);
    assert_eq!(json(&out)["error"]["kind"], "malformed_header");

    // The same value twice is not ambiguous.
    let mut same = headers.clone();
    same.extend(headers);
    assert_eq!(
        code(&verify("github", &same, &["--secret", SECRET], BODY)),
        0
    );
}

#[test]
fn secrets_from_the_environment_and_files() {
    let headers = sign("slack", SECRET, BODY, &[]);
    let t = T.to_string();
    let mut args = vec!["verify", "--provider", "slack", "--now", &t];
    for header in &headers {
        args.extend(["--header", header]);
    }

    assert_eq!(code(&run_with(&args, BODY, Some(SECRET))), 0);
    assert_eq!(code(&run_with(&args, BODY, Some("wrong"))), 1);

    // One trailing newline is stripped, as `echo secret > file` writes one.
    let file = TempFile::new(format!("{SECRET}\n").as_bytes());
    let mut with_file = args.clone();
    with_file.extend(["--secret-file", file.path()]);
    assert_eq!(
        code(&run_with(&with_file, BODY, Some("wrong"))),
        0,
        "flags win over the env"
    );

    let two_newlines = TempFile::new(format!("{SECRET}\n\n").as_bytes());
    let mut kept = args.clone();
    kept.extend(["--secret-file", two_newlines.path()]);
    assert_eq!(code(&run(&kept, BODY)), 1);

    let mut missing = args.clone();
    missing.extend(["--secret-file", "/nonexistent/secret"]);
    let out = run(&missing, BODY);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("/nonexistent/secret"));
}

#[test]
fn rotation_reports_which_secret_matched() {
    let signed_with_old = sign("standard-webhooks", OLD_SECRET, BODY, &[]);
    let flags = ["--secret", SECRET, "--secret", OLD_SECRET, "--json"];
    let v = json(&verify("standard-webhooks", &signed_with_old, &flags, BODY));
    assert_eq!(v["valid"], true);
    assert_eq!(v["secret_index"].as_u64(), Some(1));

    // --secret and --secret-file are ordered by their position on the command line.
    let new_file = TempFile::new(SECRET.as_bytes());
    let file_first = [
        "--secret-file",
        new_file.path(),
        "--secret",
        OLD_SECRET,
        "--json",
    ];
    let v = json(&verify(
        "standard-webhooks",
        &signed_with_old,
        &file_first,
        BODY,
    ));
    assert_eq!(v["secret_index"].as_u64(), Some(1));
    let old_first = [
        "--secret",
        OLD_SECRET,
        "--secret-file",
        new_file.path(),
        "--json",
    ];
    let v = json(&verify(
        "standard-webhooks",
        &signed_with_old,
        &old_first,
        BODY,
    ));
    assert_eq!(v["secret_index"].as_u64(), Some(0));
}

#[test]
fn tolerance_sets_a_symmetric_window_and_is_ignored_without_timestamps() {
    let headers = sign("stripe", SECRET, BODY, &[]);
    let check = |now: u64, tolerance: Option<&str>| {
        let now = now.to_string();
        let mut flags = vec!["--secret", SECRET, "--now", &now, "--json"];
        flags.extend(tolerance.iter().flat_map(|t| ["--tolerance", t]));
        json(&verify("stripe", &headers, &flags, BODY))
    };

    assert_eq!(check(T + 100, None)["valid"], true);
    assert_eq!(
        check(T + 100, Some("60"))["error"]["kind"],
        "timestamp_too_old"
    );
    // Stripe's default accepts any future timestamp; --tolerance bounds both sides.
    assert_eq!(check(T - 100, None)["valid"], true);
    assert_eq!(
        check(T - 100, Some("60"))["error"]["kind"],
        "timestamp_too_new"
    );
    assert_eq!(
        check(T - 100, Some("100"))["valid"],
        true,
        "the limit is inclusive"
    );

    let github = sign("github", SECRET, BODY, &[]);
    let out = verify(
        "github",
        &github,
        &["--secret", SECRET, "--tolerance", "1"],
        BODY,
    );
    assert_eq!(code(&out), 0);
    assert!(
        stderr(&out).contains("--tolerance ignored"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_oversized_body_is_rejected() {
    let big = TempFile::new(&vec![b'x'; 16 * 1024 * 1024 + 1]);
    let headers = sign("github", SECRET, b"x", &[]);
    let out = verify(
        "github",
        &headers,
        &["--secret", SECRET, "--json", big.path()],
        b"",
    );
    assert_eq!(code(&out), 1);
    assert_eq!(json(&out)["error"]["kind"], "body_too_large");

    let out = run(
        &["sign", "-p", "github", "--secret", SECRET, big.path()],
        b"",
    );
    assert_eq!(code(&out), 2);
}

#[test]
fn providers_lists_every_registered_id() {
    let out = run(&["providers", "--json"], b"");
    assert_eq!(code(&out), 0);
    let list = json(&out);
    let entries = list.as_array().expect("array");
    let ids: Vec<&str> = entries.iter().filter_map(|p| p["id"].as_str()).collect();
    assert_eq!(ids, provider_ids().collect::<Vec<_>>());
    for entry in entries {
        // A scheme that signs inside the body has no signature header (`null`).
        let in_body = entry["family"] == "body-embedded";
        assert!(entry["name"].is_string());
        assert!(entry["signature_header"].is_string() || in_body, "{entry}");
        assert!(entry["secret_format"].is_string() && entry["aliases"].is_array());
        let tolerance = &entry["default_tolerance"];
        // No window (`null`), or one whose sides are each seconds or unchecked (`null`).
        let side = |v: &Value| v.is_null() || v.is_u64();
        assert!(
            tolerance.is_null()
                || (side(&tolerance["past_secs"]) && side(&tolerance["future_secs"])),
            "{entry}"
        );
    }

    let table = run(&["providers"], b"");
    assert_eq!(code(&table), 0);
    let text = stdout(&table);
    for id in provider_ids() {
        assert!(
            text.lines().any(|l| l.starts_with(id)),
            "{id} missing from\n{text}"
        );
    }
}

#[test]
fn github_documented_vector_verifies() {
    let out = run(
        &[
            "verify",
            "--provider",
            "github",
            "--secret",
            "It's a Secret to Everybody",
            "--header",
            "X-Hub-Signature-256: sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        ],
        b"Hello, World!",
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        stdout(&out).trim_end(),
        "valid: provider=github secret_index=0"
    );
}

/// `--provider custom --scheme …` signs and verifies a scheme given on the command line; its
/// mistakes are usage errors that name the key.
#[test]
fn a_custom_scheme_signs_and_verifies() {
    let scheme = "header=X-Acme-Signature;prefix=v1=;timestamp-header=X-Acme-Timestamp;content={timestamp}.{body};tolerance=60";
    let t = T.to_string();
    let out = run(
        &[
            "sign",
            "-p",
            "custom",
            "--scheme",
            scheme,
            "--secret",
            "acme-secret",
            "--timestamp",
            &t,
        ],
        BODY,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let headers: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    assert!(
        headers
            .iter()
            .any(|h| h.starts_with("X-Acme-Signature: v1=")),
        "{headers:?}"
    );
    assert!(
        headers.contains(&format!("X-Acme-Timestamp: {T}")),
        "{headers:?}"
    );

    let ok = verify(
        "custom",
        &headers,
        &["--scheme", scheme, "--secret", "acme-secret"],
        BODY,
    );
    assert_eq!(code(&ok), 0, "{}", stderr(&ok));
    let late = (T + 61).to_string();
    let stale = verify(
        "custom",
        &headers,
        &[
            "--scheme",
            scheme,
            "--secret",
            "acme-secret",
            "--now",
            &late,
            "--json",
        ],
        BODY,
    );
    assert_eq!(code(&stale), 1);
    assert_eq!(json(&stale)["error"]["kind"], "timestamp_too_old");
    let forged = verify(
        "custom",
        &headers,
        &["--scheme", scheme, "--secret", "other"],
        BODY,
    );
    assert_eq!(code(&forged), 1);

    let bad = run(
        &[
            "verify",
            "-p",
            "custom",
            "--scheme",
            "header=X;algorithm=md5",
            "--secret",
            "s",
        ],
        BODY,
    );
    assert_eq!(code(&bad), 2);
    assert!(stderr(&bad).contains("algorithm"), "{}", stderr(&bad));
    let missing = run(&["verify", "-p", "custom", "--secret", "s"], BODY);
    assert_eq!(code(&missing), 2);
    let stray = run(
        &[
            "verify", "-p", "github", "--scheme", scheme, "--secret", "s",
        ],
        BODY,
    );
    assert_eq!(code(&stray), 2);
}
