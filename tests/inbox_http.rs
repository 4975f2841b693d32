//! The inbox through both framework integrations, with a real server on 127.0.0.1 and a real
//! client: a verified delivery is stored and answered 202 at once, the provider's retry 200,
//! a forgery 401 (nothing stored); a worker then processes what was stored.
#![cfg(all(feature = "axum", feature = "actix-web", feature = "queue"))]
#![allow(
    clippy::unwrap_used,
    reason = "a failed step fails the benchmark or test loudly"
)]

use std::net::SocketAddr;

use hooksign::integrations::WebhookConfig;
use hooksign::queue::{Handled, Inbox, InboxRecord, MemoryQueue, NoStore, Queue};
use hooksign::{GitHub, Message, SecretSet, Sign, UnixTime};

const SECRET: &str = "inbox over http";

fn config() -> WebhookConfig<GitHub> {
    WebhookConfig::new(GitHub::new(SecretSet::new([SECRET]).unwrap()))
}

async fn axum_server(inbox: Inbox<MemoryQueue>) -> SocketAddr {
    let app = axum::Router::new().route(
        "/github",
        hooksign::integrations::axum::inbox_route(config(), inbox),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap()
    });
    addr
}

fn actix_server(inbox: Inbox<MemoryQueue>) -> SocketAddr {
    use actix_web::{App, HttpServer, web};
    use hooksign::integrations::actix::accept_into_inbox;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(web::Data::new(config()))
            .app_data(web::Data::new(inbox.clone()))
            .route(
                "/github",
                web::post().to(accept_into_inbox::<GitHub, MemoryQueue, NoStore>),
            )
    })
    .workers(1)
    .disable_signals()
    .listen(listener)
    .unwrap()
    .run();
    actix_web::rt::spawn(server);
    addr
}

async fn post(addr: SocketAddr, headers: &[(String, String)], body: &[u8]) -> u16 {
    let mut request = reqwest::Client::new()
        .post(format!("http://{addr}/github"))
        .body(body.to_vec());
    for (name, value) in headers {
        request = request.header(name, value);
    }
    request.send().await.unwrap().status().as_u16()
}

async fn scenario(addr: SocketAddr, inbox: &Inbox<MemoryQueue>) {
    let body = br#"{"ref":"refs/heads/main"}"#;
    let github = GitHub::new(SecretSet::new([SECRET]).unwrap());
    let headers: Vec<(String, String)> = github
        .sign_at(
            &Message::new(body)
                .with_id("delivery-7")
                .with_event_type("push"),
            UnixTime::now(),
        )
        .unwrap()
        .iter()
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect();
    assert_eq!(post(addr, &headers, body).await, 202);
    assert_eq!(post(addr, &headers, body).await, 200, "GitHub's redelivery");
    assert_eq!(post(addr, &headers, b"{}").await, 401);
    assert_eq!(inbox.queue().stats().await.unwrap().ready, 1);
    let handled = inbox
        .work_once(|record: InboxRecord| async move {
            assert_eq!(record.body().unwrap(), body);
            assert_eq!(record.event_type.as_deref(), Some("push"));
            Ok::<(), std::convert::Infallible>(())
        })
        .await
        .unwrap();
    assert!(matches!(handled, Some(Handled::Done(_))));
}

#[tokio::test]
async fn axum_writes_verified_deliveries_to_the_inbox() {
    let inbox = Inbox::new(MemoryQueue::new());
    let addr = axum_server(inbox.clone()).await;
    scenario(addr, &inbox).await;
}

#[actix_web::test]
async fn actix_writes_verified_deliveries_to_the_inbox() {
    let inbox = Inbox::new(MemoryQueue::new());
    let addr = actix_server(inbox.clone());
    scenario(addr, &inbox).await;
}
