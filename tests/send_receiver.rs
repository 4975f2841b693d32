//! A sent delivery verified by hooksign's own receiver (the receiver example's router, served
//! on 127.0.0.1) and deduplicated by its store: the sender's id is the receiver's idempotency
//! key, so sending the same message twice is processed once.
#![cfg(all(feature = "send", feature = "axum"))]
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed assertion"
)]

#[allow(
    dead_code,
    reason = "the example's `main` and CLI parsing are not used here"
)]
#[path = "../examples/receiver.rs"]
mod receiver;

use std::net::SocketAddr;

use hooksign::idempotency::MemoryStore;
use hooksign::send::{AddressPolicy, Endpoint, Outcome, Outgoing, RetryPolicy, Sender};
use hooksign::{GitHub, SecretSet, StandardWebhooks, Stripe};
use receiver::{AppState, Secrets};

fn secrets() -> Secrets {
    Secrets {
        github: "gh-receiver-secret".into(),
        stripe: "whsec_receiver".into(),
        slack: "slack-receiver-secret".into(),
        shopify: "shopify-receiver-secret".into(),
        standard: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".into(),
    }
}

async fn serve() -> SocketAddr {
    let state = AppState::new(&secrets(), MemoryStore::default()).expect("state");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let app = receiver::router(state, false);
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
    addr
}

async fn stats(addr: SocketAddr) -> serde_json::Value {
    let body = reqwest::get(format!("http://{addr}/stats"))
        .await
        .expect("stats")
        .text()
        .await
        .expect("body");
    serde_json::from_str(&body).expect("json")
}

fn sender(signer: StandardWebhooks) -> Sender {
    Sender::builder(signer)
        .with_address_policy(AddressPolicy::any())
        .with_retry(RetryPolicy::none())
        .build()
        .expect("sender")
}

#[tokio::test]
async fn the_receiver_verifies_and_deduplicates_what_the_sender_sends() {
    let addr = serve().await;
    let url = format!("http://{addr}/webhooks/standard-webhooks");
    let signer = StandardWebhooks::new(SecretSet::new([secrets().standard]).unwrap()).unwrap();
    let sender = sender(signer);
    let message =
        Outgoing::new(r#"{"type":"invoice.paid","data":{"id":"inv_1"}}"#).with_id("msg_dedup_1");

    let first = sender.send(&url, &message).await;
    assert_eq!(first.outcome, Outcome::Delivered, "{first:?}");
    assert_eq!(first.attempts[0].excerpt.as_deref(), Some("ok\n"));
    let again = sender.send(&url, &message).await;
    assert_eq!(again.outcome, Outcome::Delivered, "{again:?}");
    assert!(
        again.attempts[0]
            .excerpt
            .as_deref()
            .unwrap()
            .starts_with("duplicate"),
        "{again:?}"
    );
    assert_eq!(
        stats(addr).await,
        serde_json::json!({"processed": 1, "duplicates": 1, "rejected": 0})
    );

    // Another id is another event.
    let other = sender
        .send(&url, &message.clone().with_id("msg_dedup_2"))
        .await;
    assert!(other.delivered);
    assert_eq!(stats(addr).await["processed"], 2);

    // A wrong secret is rejected by the receiver: 401, which is not retried.
    let wrong =
        StandardWebhooks::new(SecretSet::new(["whsec_dGhlIHdyb25nIHNlY3JldA=="]).unwrap()).unwrap();
    let report = self::sender(wrong)
        .send(&url, &message.clone().with_id("msg_wrong"))
        .await;
    assert_eq!(report.outcome, Outcome::NotRetryable);
    assert_eq!(report.status(), Some(401));
    assert!(
        report.attempts[0]
            .excerpt
            .as_deref()
            .unwrap()
            .starts_with("signature_mismatch"),
        "{report:?}"
    );
}

#[tokio::test]
async fn fan_out_to_the_receivers_github_and_stripe_endpoints() {
    let addr = serve().await;
    let s = secrets();
    let sender =
        sender(StandardWebhooks::new(SecretSet::new([s.standard.clone()]).unwrap()).unwrap());
    let message = Outgoing::new(r#"{"id":"evt_fan_1","object":"event","type":"ping"}"#)
        .with_id("delivery-fan-1")
        .with_event_type("ping");
    let endpoints = [
        Endpoint::new(format!("http://{addr}/webhooks/github"))
            .with_signer(GitHub::new(SecretSet::new([s.github]).unwrap())),
        Endpoint::new(format!("http://{addr}/webhooks/stripe"))
            .with_signer(Stripe::new(SecretSet::new([s.stripe]).unwrap())),
        Endpoint::new(format!("http://{addr}/webhooks/standard-webhooks")),
    ];
    let reports = sender.fan_out(&message, &endpoints).await;
    for report in &reports {
        assert_eq!(report.outcome, Outcome::Delivered, "{report:?}");
        assert_eq!(
            report.attempts[0].excerpt.as_deref(),
            Some("ok\n"),
            "{report:?}"
        );
    }
    assert_eq!(stats(addr).await["processed"], 3);
}
