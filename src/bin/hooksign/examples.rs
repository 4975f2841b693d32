//! `hooksign examples [DIR]`: sample payloads, a sample batch file and the secrets they are
//! signed with, plus the commands that send them to the receiver example.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use serde_json::json;

use crate::{Outcome, UsageError, json, output};

/// Arguments of `hooksign examples`.
#[derive(Debug, Args)]
pub struct ExamplesArgs {
    /// Where to write the files (created if missing; existing sample files are overwritten).
    #[arg(value_name = "DIR", default_value = "hooksign-examples")]
    pub dir: PathBuf,
}

/// The samples: provider id, the receiver's route, the environment variable the receiver
/// reads its secret from, a demo secret, an event type, and the payload.
struct Sample {
    provider: &'static str,
    var: &'static str,
    secret: &'static str,
    event_type: Option<&'static str>,
    payload: serde_json::Value,
}

fn samples() -> Vec<Sample> {
    vec![
        Sample {
            provider: "standard-webhooks",
            var: "STANDARD_WEBHOOKS_SECRET",
            // base64 of "hooksign example secret key 32by"
            secret: "whsec_aG9va3NpZ24gZXhhbXBsZSBzZWNyZXQga2V5IDMyYnk=",
            event_type: Some("invoice.paid"),
            payload: json!({"type": "invoice.paid", "timestamp": "2026-01-01T00:00:00Z", "data": {"id": "inv_1", "amount": 4200}}),
        },
        Sample {
            provider: "github",
            var: "GITHUB_WEBHOOK_SECRET",
            secret: "hooksign-example-github-secret",
            event_type: Some("ping"),
            payload: json!({"zen": "Keep it logically awesome.", "hook_id": 1}),
        },
        Sample {
            provider: "stripe",
            var: "STRIPE_WEBHOOK_SECRET",
            secret: "whsec_hooksign_example_stripe_secret",
            event_type: None,
            payload: json!({"id": "evt_example_1", "object": "event", "type": "payment_intent.succeeded"}),
        },
        Sample {
            provider: "slack",
            var: "SLACK_SIGNING_SECRET",
            secret: "hooksign-example-slack-secret",
            event_type: None,
            payload: json!({"type": "event_callback", "event_id": "Ev_example_1", "event": {"type": "app_mention", "text": "hello"}}),
        },
        Sample {
            provider: "shopify",
            var: "SHOPIFY_WEBHOOK_SECRET",
            secret: "hooksign-example-shopify-secret",
            event_type: Some("orders/create"),
            payload: json!({"id": 820_982_911_946_154_508u64, "email": "jon@example.com"}),
        },
    ]
}

fn write(path: &Path, text: &str) -> Result<(), UsageError> {
    std::fs::write(path, text)
        .map_err(|e| UsageError::new(format!("cannot write {}: {e}", path.display())))
}

/// Writes the samples and prints the commands.
pub fn run(args: &ExamplesArgs) -> Outcome {
    let dir = &args.dir;
    std::fs::create_dir_all(dir)
        .map_err(|e| UsageError::new(format!("cannot create {}: {e}", dir.display())))?;
    let base = "http://127.0.0.1:3000/webhooks";
    let mut env = String::from(
        "# Demo secrets for the receiver example and the sample deliveries. Not for production.\n",
    );
    let mut batch = String::new();
    for sample in samples() {
        let file = dir.join(format!("{}.json", sample.provider));
        write(&file, &format!("{}\n", json::to_line(&sample.payload)))?;
        writeln!(env, "export {}='{}'", sample.var, sample.secret).ok();
        for n in 1..=2 {
            let mut line = json::Object::new()
                .field("url", format!("{base}/{}", sample.provider))
                .field("provider", sample.provider)
                .field("secret_env", sample.var)
                .field("payload", sample.payload.clone())
                .field("id", format!("example-{}-{n}", sample.provider));
            if let Some(event_type) = sample.event_type {
                line = line.field("event_type", event_type);
            }
            writeln!(batch, "{}", json::to_line(&line)).ok();
        }
    }
    write(&dir.join("secrets.env"), &env)?;
    write(&dir.join("batch.jsonl"), &batch)?;

    let d = dir.display();
    let text = format!(
        "wrote {d}/{{standard-webhooks,github,stripe,slack,shopify}}.json, {d}/batch.jsonl and {d}/secrets.env

1. Start the receiver example with the demo secrets (another terminal, in the hooksign source):
     . {d}/secrets.env
     cargo run --example receiver --features axum

2. Send one delivery (--allow-private: the receiver is on loopback):
     . {d}/secrets.env
     hooksign send {base}/standard-webhooks --provider standard-webhooks \\
         --secret \"$STANDARD_WEBHOOKS_SECRET\" --payload-file {d}/standard-webhooks.json \\
         --event-type invoice.paid --allow-private
     hooksign send {base}/github --provider github --secret \"$GITHUB_WEBHOOK_SECRET\" \\
         --payload-file {d}/github.json --event-type ping --allow-private

3. Send the batch (10 deliveries, 2 per provider); the failed ones go to failed.jsonl:
     hooksign batch {d}/batch.jsonl --allow-private --failed-out {d}/failed.jsonl
   Run it again: every delivery is answered 200 \"duplicate\" (same ids), and the receiver's
   GET http://127.0.0.1:3000/stats counts them as duplicates.

4. Watch a retry: stop the receiver and send with --retries 3; each attempt is printed with
   the delay before the next one."
    );
    output::line(&text)?;
    Ok(ExitCode::SUCCESS)
}
