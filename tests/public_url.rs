//! The public URL through both integrations (axum and actix-web, extractor and
//! layer/middleware), with a real server on 127.0.0.1 and a real HTTP client, for a
//! URL-signed provider: behind a trusted proxy (verifies), behind an untrusted one (its
//! forwarded headers are ignored: fails), with a configured public base URL, trusting `Host`,
//! and with nothing configured (fails closed).
#![cfg(all(feature = "axum", feature = "actix-web"))]

use std::net::SocketAddr;

use hmac::{Hmac, KeyInit, Mac};
use hooksign::integrations::{Webhook, WebhookConfig};
use hooksign::{Delivery, Error, HeaderLookup, UnixTime, Verified, Verify};
use sha2::Sha256;

const SECRET: &[u8] = b"url-signed-test-secret";
const PUBLIC: &str = "https://hooks.example.com";

/// A test-only URL-signed provider: `X-Test-Signature: <hex HMAC-SHA256(secret,
/// "{method} {url}\n{body}")>`; it refuses a delivery without a URL or a method.
#[derive(Debug)]
struct UrlSigned;

fn mac(method: &str, url: &str, body: &[u8]) -> Hmac<Sha256> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(SECRET).expect("any key length");
    mac.update(method.as_bytes());
    mac.update(b" ");
    mac.update(url.as_bytes());
    mac.update(b"\n");
    mac.update(body);
    mac
}

fn sign(method: &str, url: &str, body: &[u8]) -> String {
    hex::encode(mac(method, url, body).finalize().into_bytes())
}

impl Verify for UrlSigned {
    fn id(&self) -> &str {
        "url-signed"
    }
    fn verify_at<'r>(&self, d: &Delivery<'r>, _now: UnixTime) -> Result<Verified<'r>, Error> {
        let url = d.url().ok_or(Error::MissingRequestPart { part: "url" })?;
        let method = d
            .method()
            .ok_or(Error::MissingRequestPart { part: "method" })?;
        let HeaderLookup::One(sig) = d.headers().lookup("x-test-signature") else {
            return Err(Error::MissingHeader {
                name: "X-Test-Signature".into(),
            });
        };
        let sig = hex::decode(sig).map_err(|_| Error::SignatureMismatch {
            secrets: 1,
            signatures: 1,
        })?;
        mac(method, url, d.body())
            .verify_slice(&sig)
            .map_err(|_| Error::SignatureMismatch {
                secrets: 1,
                signatures: 1,
            })?;
        Ok(Verified::new("url-signed", d.body()))
    }
}

/// The configurations under test, each mounted under its own prefix.
fn configs() -> Vec<(&'static str, WebhookConfig<UrlSigned>)> {
    let base = || WebhookConfig::new(UrlSigned);
    vec![
        (
            "trusted",
            base()
                .with_trusted_proxies(["127.0.0.0/8"])
                .expect("test setup"),
        ),
        (
            "untrusted",
            base()
                .with_trusted_proxies(["10.0.0.0/8", "::1"])
                .expect("test setup"),
        ),
        (
            "public",
            base().with_public_url(PUBLIC).expect("test setup"),
        ),
        ("host", base().trust_host_header()),
        ("none", base()),
    ]
}

mod axum_server {
    use super::*;
    use axum::Router;
    use axum::body::Bytes;
    use axum::routing::post;
    use hooksign::integrations::axum::VerifyLayer;

    async fn extracted(hook: Webhook<UrlSigned>) -> String {
        format!("handled:{}", hook.body().len())
    }

    async fn layered(body: Bytes) -> String {
        format!("handled:{}", body.len())
    }

    pub async fn start() -> SocketAddr {
        let mut app = Router::new();
        for (name, config) in configs() {
            // Nested: the extractor must sign the path as the client sent it, not the
            // nested router's shortened one.
            let inner = Router::new()
                .route("/x", post(extracted))
                .route(
                    "/layer",
                    post(layered).layer(VerifyLayer::new(config.clone())),
                )
                .with_state(config);
            app = app.nest(&format!("/{name}"), inner);
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
            .expect("serve")
        });
        addr
    }
}

mod actix_server {
    use super::*;
    use actix_web::{App, HttpServer, web};
    use hooksign::integrations::actix::VerifyWebhook;

    async fn extracted(hook: Webhook<UrlSigned>) -> String {
        format!("handled:{}", hook.body().len())
    }

    async fn layered(body: web::Bytes) -> String {
        format!("handled:{}", body.len())
    }

    pub fn start() -> SocketAddr {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        let server = HttpServer::new(|| {
            let mut app = App::new();
            for (name, config) in configs() {
                app = app.service(
                    web::scope(&format!("/{name}"))
                        .app_data(web::Data::new(config.clone()))
                        .route("/x", web::post().to(extracted))
                        .service(
                            web::resource("/layer")
                                .wrap(VerifyWebhook::new(config))
                                .route(web::post().to(layered)),
                        ),
                );
            }
            app
        })
        .workers(1)
        .disable_signals()
        .listen(listener)
        .expect("listen")
        .run();
        actix_web::rt::spawn(server);
        addr
    }
}

#[derive(Debug)]
struct Answer {
    status: u16,
    body: String,
}

/// POSTs `body` to `http://{addr}{target}` with `headers` and a signature over
/// `signed_url` (and `signed_method`).
async fn post(
    addr: SocketAddr,
    target: &str,
    headers: &[(&str, &str)],
    signed_method: &str,
    signed_url: &str,
) -> Answer {
    let body = br#"{"event":"payment.created"}"#;
    let mut req = reqwest::Client::new()
        .post(format!("http://{addr}{target}"))
        .header("x-test-signature", sign(signed_method, signed_url, body))
        .body(body.to_vec());
    for (n, v) in headers {
        req = req.header(*n, *v);
    }
    let res = req.send().await.expect("request");
    Answer {
        status: res.status().as_u16(),
        body: res.text().await.expect("body"),
    }
}

async fn scenarios(addr: SocketAddr) {
    let forwarded = [
        ("X-Forwarded-Proto", "https"),
        ("X-Forwarded-Host", "hooks.example.com"),
    ];
    for route in ["x", "layer"] {
        let target = |name: &str| format!("/{name}/{route}?a=1&b=%2F");
        let public = |name: &str| format!("{PUBLIC}{}", target(name));
        let handled = |a: &Answer| a.status == 200 && a.body.starts_with("handled:");

        // Behind a trusted proxy: the forwarded scheme and host, the path and query as sent.
        let a = post(
            addr,
            &target("trusted"),
            &forwarded,
            "POST",
            &public("trusted"),
        )
        .await;
        assert!(handled(&a), "trusted {route}: {a:?}");
        // The method is signed and passed: a signature for PUT does not verify a POST.
        let a = post(
            addr,
            &target("trusted"),
            &forwarded,
            "PUT",
            &public("trusted"),
        )
        .await;
        assert_eq!(a.status, 401, "trusted {route}, other method: {a:?}");
        // The proxy's own Host and the connection's scheme when it forwards nothing.
        let direct = format!("http://{addr}{}", target("trusted"));
        let a = post(addr, &target("trusted"), &[], "POST", &direct).await;
        assert!(handled(&a), "trusted {route}, no forwarded headers: {a:?}");
        // A list of hops is refused rather than guessed at.
        let hops = [
            ("X-Forwarded-Proto", "https"),
            ("X-Forwarded-Host", "hooks.example.com, evil.example"),
        ];
        let a = post(addr, &target("trusted"), &hops, "POST", &public("trusted")).await;
        assert_eq!(a.status, 400, "trusted {route}, hops: {a:?}");
        assert!(a.body.starts_with("missing_request_part: "), "{a:?}");

        // Behind an untrusted peer the same request fails: its forwarded headers are ignored,
        // and no URL is guessed.
        let a = post(
            addr,
            &target("untrusted"),
            &forwarded,
            "POST",
            &public("untrusted"),
        )
        .await;
        assert_eq!(a.status, 400, "untrusted {route}: {a:?}");
        assert!(
            a.body.starts_with("missing_request_part: the url"),
            "untrusted {route}: {a:?}"
        );

        // A configured public URL: no header read, forwarded or not.
        let spoofed = [
            ("X-Forwarded-Host", "evil.example"),
            ("Host", "evil.example"),
        ];
        let a = post(addr, &target("public"), &spoofed, "POST", &public("public")).await;
        assert!(handled(&a), "public {route}: {a:?}");
        let evil = format!("https://evil.example{}", target("public"));
        let a = post(addr, &target("public"), &spoofed, "POST", &evil).await;
        assert_eq!(
            a.status, 401,
            "public {route}, signed for the spoofed host: {a:?}"
        );

        // Trusting Host: the Host header and the connection's scheme; forwarded headers from
        // this untrusted peer do not count.
        let host_url = format!("http://{addr}{}", target("host"));
        let a = post(addr, &target("host"), &forwarded, "POST", &host_url).await;
        assert!(handled(&a), "host {route}: {a:?}");
        let a = post(addr, &target("host"), &forwarded, "POST", &public("host")).await;
        assert_eq!(
            a.status, 401,
            "host {route}, signed for the forwarded host: {a:?}"
        );

        // Nothing configured: closed.
        let a = post(addr, &target("none"), &forwarded, "POST", &public("none")).await;
        assert_eq!(a.status, 400, "none {route}: {a:?}");
        assert!(a.body.starts_with("missing_request_part: "), "{a:?}");
    }
}

#[tokio::test]
async fn axum_resolves_the_public_url() {
    scenarios(axum_server::start().await).await;
}

#[actix_web::test]
async fn actix_resolves_the_public_url() {
    scenarios(actix_server::start()).await;
}
