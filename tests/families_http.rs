//! Providers outside the header-HMAC family through both framework integrations, with a real
//! server on 127.0.0.1 and a real client: Twilio (URL-signed) behind a trusted proxy (verifies)
//! and behind an untrusted one (its forwarded headers are ignored: refused), Mailgun (the
//! signature inside the body) and Discord (Ed25519, feature `ed25519`).
#![cfg(all(feature = "axum", feature = "actix-web"))]
#![allow(
    clippy::unwrap_used,
    reason = "a failed step fails the benchmark or test loudly"
)]

use std::net::SocketAddr;

use hooksign::integrations::{Webhook, WebhookConfig};
use hooksign::{AnyProvider, Message, SecretSet, Sign, UnixTime};

const TWILIO_TOKEN: &str = "hooksign-url-form-secret";
const PUBLIC: &str = "https://hooks.example.com";
const FORM: &[u8] = b"From=%2B14155550100&Body=hello+world%21";
const MAILGUN_KEY: &str = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
#[cfg(feature = "ed25519")]
const DISCORD_PRIVATE: &str = "061739dfe8151d06ed898efa223de5ceaa8a86839818277c5b46cde27a757031eb8eebeca8d576728ffdea9b2cad88c1cb50912a6201602fa8886f9904d62f18";
#[cfg(feature = "ed25519")]
const DISCORD_PUBLIC: &str = "eb8eebeca8d576728ffdea9b2cad88c1cb50912a6201602fa8886f9904d62f18";

fn twilio() -> AnyProvider {
    AnyProvider::from_id("twilio", SecretSet::new([TWILIO_TOKEN]).unwrap()).unwrap()
}

/// The routes: a name, and its configuration.
fn configs() -> Vec<(&'static str, WebhookConfig<AnyProvider>)> {
    let mut configs = vec![
        (
            "twilio-trusted",
            WebhookConfig::new(twilio())
                .with_trusted_proxies(["127.0.0.0/8"])
                .unwrap(),
        ),
        (
            "twilio-untrusted",
            WebhookConfig::new(twilio())
                .with_trusted_proxies(["10.0.0.0/8"])
                .unwrap(),
        ),
    ];
    configs.push((
        "mailgun",
        WebhookConfig::new(
            AnyProvider::from_id("mailgun", SecretSet::new([MAILGUN_KEY]).unwrap()).unwrap(),
        ),
    ));
    #[cfg(feature = "ed25519")]
    configs.push((
        "discord",
        WebhookConfig::new(
            AnyProvider::from_id("discord", SecretSet::new([DISCORD_PUBLIC]).unwrap()).unwrap(),
        ),
    ));
    configs
}

mod axum_server {
    use super::*;
    use axum::Router;
    use axum::routing::post;

    async fn handled(hook: Webhook<AnyProvider>) -> String {
        format!("handled:{}", hook.verified().provider())
    }

    pub async fn start() -> SocketAddr {
        let mut app = Router::new();
        for (name, config) in configs() {
            let inner = Router::new().route("/in", post(handled)).with_state(config);
            app = app.nest(&format!("/{name}"), inner);
        }
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
}

mod actix_server {
    use super::*;
    use actix_web::{App, HttpServer, web};

    async fn handled(hook: Webhook<AnyProvider>) -> String {
        format!("handled:{}", hook.verified().provider())
    }

    pub fn start() -> SocketAddr {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let server = HttpServer::new(|| {
            let mut app = App::new();
            for (name, config) in configs() {
                app = app.service(
                    web::scope(&format!("/{name}"))
                        .app_data(web::Data::new(config))
                        .route("/in", web::post().to(handled)),
                );
            }
            app
        })
        .workers(1)
        .disable_signals()
        .listen(listener)
        .unwrap()
        .run();
        actix_web::rt::spawn(server);
        addr
    }
}

async fn post(
    addr: SocketAddr,
    path: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> (u16, String) {
    let mut request = reqwest::Client::new()
        .post(format!("http://{addr}{path}"))
        .body(body.to_vec());
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

fn owned(signed: &hooksign::SignedHeaders) -> Vec<(String, String)> {
    signed
        .iter()
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect()
}

async fn scenarios(addr: SocketAddr) {
    // Twilio signs the public URL it called: the proxy's forwarded scheme and host.
    for route in ["twilio-trusted", "twilio-untrusted"] {
        let path = format!("/{route}/in?CallSid=CA1");
        let url = format!("{PUBLIC}{path}");
        let mut headers = owned(
            &twilio()
                .sign_at(
                    &Message::new(FORM).with_url(&url).with_method("POST"),
                    UnixTime::now(),
                )
                .unwrap(),
        );
        headers.push((
            "Content-Type".into(),
            "application/x-www-form-urlencoded".into(),
        ));
        headers.push(("X-Forwarded-Proto".into(), "https".into()));
        headers.push(("X-Forwarded-Host".into(), "hooks.example.com".into()));
        let (status, text) = post(addr, &path, &headers, FORM).await;
        if route == "twilio-trusted" {
            assert_eq!((status, text.as_str()), (200, "handled:twilio"));
            // A tampered parameter is refused.
            let (status, _) = post(
                addr,
                &path,
                &headers,
                b"From=%2B14155550199&Body=hello+world%21",
            )
            .await;
            assert_eq!(status, 401);
        } else {
            assert_eq!(status, 400, "{text}");
            assert!(text.starts_with("missing_request_part"), "{text}");
        }
    }

    // Mailgun: the signature object is in the body the signer wrote.
    let mailgun = AnyProvider::from_id("mailgun", SecretSet::new([MAILGUN_KEY]).unwrap()).unwrap();
    let event = br#"{"event-data":{"event":"delivered","id":"evt_1"}}"#;
    let signed = mailgun
        .sign_at(&Message::new(event), UnixTime::now())
        .unwrap();
    let body = signed
        .body()
        .expect("Mailgun signs inside the body")
        .to_vec();
    let headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
    let (status, text) = post(addr, "/mailgun/in", &headers, &body).await;
    assert_eq!((status, text.as_str()), (200, "handled:mailgun"));
    // Mailgun signs the timestamp and token only (its docs: the event data is not signed), so
    // a changed token is refused.
    let text = String::from_utf8(body).unwrap();
    let token_at = text.find("\"token\":\"").unwrap() + 9;
    let mut tampered = text.into_bytes();
    tampered[token_at] = if tampered[token_at] == b'a' {
        b'b'
    } else {
        b'a'
    };
    let (status, _) = post(addr, "/mailgun/in", &headers, &tampered).await;
    assert_eq!(status, 401);

    #[cfg(feature = "ed25519")]
    {
        let signer =
            AnyProvider::from_id("discord", SecretSet::new([DISCORD_PRIVATE]).unwrap()).unwrap();
        let body = br#"{"type":2,"id":"786008729715212338"}"#;
        let headers = owned(
            &signer
                .sign_at(&Message::new(body), UnixTime::now())
                .unwrap(),
        );
        let (status, text) = post(addr, "/discord/in", &headers, body).await;
        assert_eq!((status, text.as_str()), (200, "handled:discord"));
        let (status, _) = post(addr, "/discord/in", &headers, br#"{"type":2,"id":"1"}"#).await;
        assert_eq!(status, 401);
    }
}

#[tokio::test]
async fn axum_verifies_url_signed_body_embedded_and_ed25519_providers() {
    scenarios(axum_server::start().await).await;
}

#[actix_web::test]
async fn actix_verifies_url_signed_body_embedded_and_ed25519_providers() {
    scenarios(actix_server::start()).await;
}
