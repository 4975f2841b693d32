//! Every provider handshake answered by both integrations (axum and actix-web, extractor and
//! layer/middleware), through a real server on 127.0.0.1 and a real HTTP client: the exact
//! reply, the handler never run, and no answer for an unauthenticated handshake.
#![cfg(all(feature = "axum", feature = "actix-web"))]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use hooksign::integrations::{Webhook, WebhookConfig};
use hooksign::{
    Asana, Dropbox, Message, MetaWebhooks, Okta, SecretSet, Sign, Slack, Twitch, UnixTime, Verify,
    Zoom,
};

const SLACK: &str = "8f742231b10e8888abcd99yyyzzz85a5";
const ZOOM: &str = "hooksign0zoom0secret0token01";
const TWITCH: &str = "hooksign-twitch-eventsub-secret-0001";
const META_TOKEN: &str = "meatyhamhock";
const OKTA: &str = "my-shared-secret";
const ASANA_SECRET: &str = "b537207f20cbfa02357cf448134da559e8bd39d61597dcd5631b8012eae53e81";

fn set(secret: &str) -> SecretSet {
    SecretSet::new([secret]).expect("secret")
}

/// One configuration per provider, and what Asana's hook stored.
#[derive(Clone)]
struct Configs {
    slack: WebhookConfig<Slack>,
    zoom: WebhookConfig<Zoom>,
    twitch: WebhookConfig<Twitch>,
    meta: WebhookConfig<MetaWebhooks>,
    dropbox: WebhookConfig<Dropbox>,
    asana: WebhookConfig<Asana>,
    okta: WebhookConfig<Okta>,
    stored: Arc<Mutex<Vec<String>>>,
}

impl Configs {
    fn new() -> Self {
        let stored = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&stored);
        Configs {
            slack: WebhookConfig::new(Slack::new(set(SLACK))),
            zoom: WebhookConfig::new(Zoom::new(set(ZOOM))),
            twitch: WebhookConfig::new(Twitch::new(set(TWITCH))),
            meta: WebhookConfig::new(
                MetaWebhooks::new(set("meta-app-secret")).with_verify_token(META_TOKEN),
            ),
            dropbox: WebhookConfig::new(Dropbox::new(set("dropbox-app-secret"))),
            asana: WebhookConfig::new(Asana::new(set("placeholder"))).on_handshake(move |reply| {
                let secret = reply.delivered_secret().ok_or("no secret")?;
                if secret == "refuse-me" {
                    return Err("not creating a webhook now".into());
                }
                kept.lock().map_err(|_| "poisoned")?.push(secret.to_owned());
                Ok(())
            }),
            okta: WebhookConfig::new(Okta::new(set(OKTA)).expect("an Okta token")),
            stored,
        }
    }
}

mod axum_server {
    use super::*;
    use axum::Router;
    use axum::body::Bytes;
    use axum::extract::FromRef;
    use axum::routing::any;
    use hooksign::integrations::axum::VerifyLayer;

    macro_rules! from_ref {
        ($($field:ident: $p:ty),*) => {$(
            impl FromRef<Configs> for WebhookConfig<$p> {
                fn from_ref(c: &Configs) -> Self { c.$field.clone() }
            }
        )*};
    }
    from_ref!(slack: Slack, zoom: Zoom, twitch: Twitch, meta: MetaWebhooks, dropbox: Dropbox, asana: Asana, okta: Okta);

    async fn extracted<P: Verify + Send + Sync + 'static>(hook: Webhook<P>) -> String {
        format!("handled:{}", hook.body().len())
    }

    async fn layered(body: Bytes) -> String {
        format!("handled:{}", body.len())
    }

    pub async fn start(configs: Configs) -> SocketAddr {
        let c = configs.clone();
        let app = Router::new()
            .route("/x/slack", any(extracted::<Slack>))
            .route("/x/zoom", any(extracted::<Zoom>))
            .route("/x/twitch", any(extracted::<Twitch>))
            .route("/x/meta", any(extracted::<MetaWebhooks>))
            .route("/x/dropbox", any(extracted::<Dropbox>))
            .route("/x/asana", any(extracted::<Asana>))
            .route("/x/okta", any(extracted::<Okta>))
            .route(
                "/layer/slack",
                any(layered).layer(VerifyLayer::new(c.slack)),
            )
            .route("/layer/zoom", any(layered).layer(VerifyLayer::new(c.zoom)))
            .route(
                "/layer/twitch",
                any(layered).layer(VerifyLayer::new(c.twitch)),
            )
            .route("/layer/meta", any(layered).layer(VerifyLayer::new(c.meta)))
            .route(
                "/layer/dropbox",
                any(layered).layer(VerifyLayer::new(c.dropbox)),
            )
            .route(
                "/layer/asana",
                any(layered).layer(VerifyLayer::new(c.asana)),
            )
            .route("/layer/okta", any(layered).layer(VerifyLayer::new(c.okta)))
            .with_state(configs);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
        addr
    }
}

mod actix_server {
    use super::*;
    use actix_web::{App, HttpServer, web};
    use hooksign::integrations::actix::VerifyWebhook;

    async fn extracted<P: Verify + Send + Sync + 'static>(hook: Webhook<P>) -> String {
        format!("handled:{}", hook.body().len())
    }

    async fn layered(body: web::Bytes) -> String {
        format!("handled:{}", body.len())
    }

    pub fn start(configs: Configs) -> SocketAddr {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        let server = HttpServer::new(move || {
            let c = configs.clone();
            let layer = |path: &'static str| web::resource(path);
            App::new()
                .app_data(web::Data::new(c.slack.clone()))
                .app_data(web::Data::new(c.zoom.clone()))
                .app_data(web::Data::new(c.twitch.clone()))
                .app_data(web::Data::new(c.meta.clone()))
                .app_data(web::Data::new(c.dropbox.clone()))
                .app_data(web::Data::new(c.asana.clone()))
                .app_data(web::Data::new(c.okta.clone()))
                .route("/x/slack", web::route().to(extracted::<Slack>))
                .route("/x/zoom", web::route().to(extracted::<Zoom>))
                .route("/x/twitch", web::route().to(extracted::<Twitch>))
                .route("/x/meta", web::route().to(extracted::<MetaWebhooks>))
                .route("/x/dropbox", web::route().to(extracted::<Dropbox>))
                .route("/x/asana", web::route().to(extracted::<Asana>))
                .route("/x/okta", web::route().to(extracted::<Okta>))
                .service(
                    layer("/layer/slack")
                        .wrap(VerifyWebhook::new(c.slack))
                        .route(web::route().to(layered)),
                )
                .service(
                    layer("/layer/zoom")
                        .wrap(VerifyWebhook::new(c.zoom))
                        .route(web::route().to(layered)),
                )
                .service(
                    layer("/layer/twitch")
                        .wrap(VerifyWebhook::new(c.twitch))
                        .route(web::route().to(layered)),
                )
                .service(
                    layer("/layer/meta")
                        .wrap(VerifyWebhook::new(c.meta))
                        .route(web::route().to(layered)),
                )
                .service(
                    layer("/layer/dropbox")
                        .wrap(VerifyWebhook::new(c.dropbox))
                        .route(web::route().to(layered)),
                )
                .service(
                    layer("/layer/asana")
                        .wrap(VerifyWebhook::new(c.asana))
                        .route(web::route().to(layered)),
                )
                .service(
                    layer("/layer/okta")
                        .wrap(VerifyWebhook::new(c.okta))
                        .route(web::route().to(layered)),
                )
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

/// A response, as the client saw it.
#[derive(Debug)]
struct Answer {
    status: u16,
    content_type: Option<String>,
    nosniff: Option<String>,
    hook_secret: Option<String>,
    body: String,
}

async fn send(
    client: &reqwest::Client,
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> Answer {
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
    let mut req = client.request(method, url).body(body.to_vec());
    for (n, v) in headers {
        req = req.header(n, v);
    }
    let res = req.send().await.expect("request");
    let header = |name: &str| {
        res.headers()
            .get(name)
            .map(|v| v.to_str().expect("text").to_owned())
    };
    Answer {
        status: res.status().as_u16(),
        content_type: header("content-type"),
        nosniff: header("x-content-type-options"),
        hook_secret: header("x-hook-secret"),
        body: res.text().await.expect("body"),
    }
}

fn owned(signed: hooksign::SignedHeaders, extra: &[(&str, &str)]) -> Vec<(String, String)> {
    signed
        .iter()
        .chain(extra.iter().copied())
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect()
}

/// Every handshake, and its refusals, against one server under one route prefix.
async fn scenarios(base: &str, prefix: &str, configs: &Configs) {
    let client = reqwest::Client::new();
    let url = |p: &str| format!("{base}{prefix}/{p}");
    let now = UnixTime::now();

    // Slack: signed, answered with the challenge; forged, refused.
    let body = br#"{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"#;
    let slack = Slack::new(set(SLACK));
    let h = owned(
        slack.sign_at(&Message::new(body), now).expect("test setup"),
        &[],
    );
    let a = send(&client, "POST", &url("slack"), &h, body).await;
    assert_eq!(a.status, 200, "{prefix} slack: {a:?}");
    assert_eq!(
        a.body,
        "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    );
    assert_eq!(a.content_type.as_deref(), Some("text/plain; charset=utf-8"));
    let forged = owned(
        Slack::new(set("wrong"))
            .sign_at(&Message::new(body), now)
            .expect("test setup"),
        &[],
    );
    let a = send(&client, "POST", &url("slack"), &forged, body).await;
    assert_eq!(a.status, 401, "{prefix} forged slack: {a:?}");
    assert!(
        a.body.starts_with("signature_mismatch: ") && !a.body.contains("3eZbrw"),
        "{a:?}"
    );
    // An ordinary Slack event still reaches the handler.
    let event = br#"{"type":"event_callback","event_id":"Ev1","event":{"type":"app_mention"}}"#;
    let h = owned(
        slack
            .sign_at(&Message::new(event), now)
            .expect("test setup"),
        &[],
    );
    let a = send(&client, "POST", &url("slack"), &h, event).await;
    assert_eq!(
        (a.status, a.body.as_str()),
        (200, format!("handled:{}", event.len()).as_str())
    );

    // Zoom: the HMAC'd plain token (expected value from Python's hmac, see the unit tests).
    let body = br#"{"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1654503849680,"event":"endpoint.url_validation"}"#;
    let h = owned(
        Zoom::new(set(ZOOM))
            .sign_at(&Message::new(body), now)
            .expect("test setup"),
        &[],
    );
    let a = send(&client, "POST", &url("zoom"), &h, body).await;
    assert_eq!(a.status, 200, "{prefix} zoom: {a:?}");
    assert_eq!(a.content_type.as_deref(), Some("application/json"));
    let json: serde_json::Value = serde_json::from_str(&a.body).expect("json");
    assert_eq!(
        json,
        serde_json::json!({
            "plainToken": "qgg8vlvZRS6UYooatFL8Aw",
            "encryptedToken": "d205bde180079bab708a365e4841cb09c3543e3d74cf769ebf73b4f98c3f7040"
        })
    );
    let forged = owned(
        Zoom::new(set("wrong"))
            .sign_at(&Message::new(body), now)
            .expect("test setup"),
        &[],
    );
    let a = send(&client, "POST", &url("zoom"), &forged, body).await;
    assert_eq!(a.status, 401, "{prefix} forged zoom: {a:?}");
    assert!(!a.body.contains("encryptedToken"));

    // Twitch: the challenge as text/plain; unsigned, refused.
    let body = br#"{"challenge":"pogchamp-kappa-360noscope-vohiyo","subscription":{"type":"channel.follow"}}"#;
    let kind = (
        "Twitch-Eventsub-Message-Type",
        "webhook_callback_verification",
    );
    let msg = Message::new(body).with_id("e76c6bd4-55c9-4987-8304-da1588d8988b");
    let h = owned(
        Twitch::new(set(TWITCH))
            .sign_at(&msg, now)
            .expect("test setup"),
        &[kind],
    );
    let a = send(&client, "POST", &url("twitch"), &h, body).await;
    assert_eq!(
        (a.status, a.body.as_str()),
        (200, "pogchamp-kappa-360noscope-vohiyo"),
        "{prefix} twitch: {a:?}"
    );
    assert_eq!(a.content_type.as_deref(), Some("text/plain; charset=utf-8"));
    let unsigned = vec![(kind.0.to_owned(), kind.1.to_owned())];
    let a = send(&client, "POST", &url("twitch"), &unsigned, body).await;
    assert_eq!(a.status, 400, "{prefix} unsigned twitch: {a:?}");
    assert!(a.body.starts_with("missing_header: "), "{a:?}");

    // Meta: the verify token decides.
    let q = "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token";
    let a = send(
        &client,
        "GET",
        &format!("{}?{q}={META_TOKEN}", url("meta")),
        &[],
        b"",
    )
    .await;
    assert_eq!(
        (a.status, a.body.as_str()),
        (200, "1158201444"),
        "{prefix} meta: {a:?}"
    );
    let a = send(
        &client,
        "GET",
        &format!("{}?{q}=guess", url("meta")),
        &[],
        b"",
    )
    .await;
    assert_eq!(a.status, 401, "{prefix} meta wrong token: {a:?}");
    assert!(!a.body.contains("1158201444"));

    // Dropbox: the GET challenge, nosniff.
    let a = send(
        &client,
        "GET",
        &format!("{}?challenge=abc123", url("dropbox")),
        &[],
        b"",
    )
    .await;
    assert_eq!(
        (a.status, a.body.as_str()),
        (200, "abc123"),
        "{prefix} dropbox: {a:?}"
    );
    assert_eq!(a.nosniff.as_deref(), Some("nosniff"));
    assert_eq!(a.content_type.as_deref(), Some("text/plain; charset=utf-8"));
    // Not a challenge: verification refuses the unsigned GET.
    let a = send(&client, "GET", &url("dropbox"), &[], b"").await;
    assert_eq!(a.status, 400, "{prefix} plain dropbox GET: {a:?}");

    // Asana: echoed, and the secret handed to the hook.
    let before = configs.stored.lock().expect("lock").len();
    let h = vec![("X-Hook-Secret".to_owned(), ASANA_SECRET.to_owned())];
    let a = send(&client, "POST", &url("asana"), &h, b"").await;
    assert_eq!(a.status, 200, "{prefix} asana: {a:?}");
    assert_eq!(a.hook_secret.as_deref(), Some(ASANA_SECRET));
    assert_eq!(a.body, "");
    assert_eq!(configs.stored.lock().expect("lock").len(), before + 1);
    assert_eq!(
        configs
            .stored
            .lock()
            .expect("lock")
            .last()
            .map(String::as_str),
        Some(ASANA_SECRET)
    );
    // The hook refuses: 500, no echo, so Asana's setup fails.
    let h = vec![("X-Hook-Secret".to_owned(), "refuse-me".to_owned())];
    let a = send(&client, "POST", &url("asana"), &h, b"").await;
    assert_eq!(a.status, 500, "{prefix} refused asana: {a:?}");
    assert_eq!(a.hook_secret, None);
    assert!(a.body.starts_with("handshake_refused: "), "{a:?}");

    // Okta: authenticated by its authorization header, then answered as JSON.
    let challenge = "Me_rShK8JHsTnbyYrWXCEoMGbM_zsZ6k0hLPZ_Pg";
    let h = vec![
        ("Authorization".to_owned(), OKTA.to_owned()),
        (
            "X-Okta-Verification-Challenge".to_owned(),
            challenge.to_owned(),
        ),
    ];
    let a = send(&client, "GET", &url("okta"), &h, b"").await;
    assert_eq!(a.status, 200, "{prefix} okta: {a:?}");
    assert_eq!(a.body, format!(r#"{{"verification":"{challenge}"}}"#));
    assert_eq!(a.content_type.as_deref(), Some("application/json"));
    let a = send(&client, "GET", &url("okta"), &h[1..], b"").await;
    assert_eq!(a.status, 400, "{prefix} unauthenticated okta: {a:?}");
    assert!(!a.body.contains(challenge));
}

#[tokio::test]
async fn axum_answers_every_handshake() {
    let configs = Configs::new();
    let addr = axum_server::start(configs.clone()).await;
    for prefix in ["/x", "/layer"] {
        scenarios(&format!("http://{addr}"), prefix, &configs).await;
    }
}

#[actix_web::test]
async fn actix_answers_every_handshake() {
    let configs = Configs::new();
    let addr = actix_server::start(configs.clone());
    for prefix in ["/x", "/layer"] {
        scenarios(&format!("http://{addr}"), prefix, &configs).await;
    }
}

#[tokio::test]
async fn handshakes_can_be_left_to_the_handler() {
    let mut configs = Configs::new();
    configs.dropbox = configs.dropbox.clone().without_handshakes();
    let addr = axum_server::start(configs).await;
    let a = send(
        &reqwest::Client::new(),
        "GET",
        &format!("http://{addr}/x/dropbox?challenge=abc123"),
        &[],
        b"",
    )
    .await;
    // Verified as a delivery instead: the GET carries no signature.
    assert_eq!(a.status, 400, "{a:?}");
    assert!(a.body.starts_with("missing_header: "), "{a:?}");
}
