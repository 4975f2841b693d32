//! Each handshake on its providers' documented examples: recognised, authenticated as the
//! provider specifies, answered exactly; everything else left alone.

use crate::{
    Asana, Delivery, Dropbox, ErrorKind, Message, MetaWebhooks, SecretSet, Sign, Slack, Twitch,
    UnixTime, Verify, Zoom,
};

fn set(secrets: &[&str]) -> SecretSet {
    SecretSet::new(secrets.iter().copied()).unwrap()
}

/// Signed headers as owned pairs, plus `extra`.
fn headers(signed: crate::SignedHeaders, extra: &[(&str, &str)]) -> Vec<(String, String)> {
    signed
        .iter()
        .chain(extra.iter().copied())
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect()
}

/// Slack's documented `url_verification` payload (api.slack.com/events/url_verification).
const SLACK_BODY: &[u8] = br#"{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"#;

#[test]
fn slack_verifies_then_echoes_the_challenge() {
    let slack = Slack::new(set(&["8f742231b10e8888abcd99yyyzzz85a5"]));
    let now = UnixTime::from_secs(1_700_000_000);
    let h = headers(slack.sign_at(&Message::new(SLACK_BODY), now).unwrap(), &[]);
    let d = Delivery::new(&h, SLACK_BODY).with_method("POST");
    let reply = slack.handshake(&d, now).unwrap().unwrap();
    assert_eq!(reply.status(), 200);
    assert_eq!(reply.content_type(), Some("text/plain; charset=utf-8"));
    assert_eq!(
        reply.body(),
        b"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    );
    assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));

    // Stale, wrongly signed, unsigned: the verification error, never the challenge.
    let later = UnixTime::from_secs(1_700_000_301);
    assert_eq!(
        slack.handshake(&d, later).unwrap().unwrap_err().kind(),
        ErrorKind::TimestampTooOld
    );
    let other = Slack::new(set(&["another-secret"]));
    assert_eq!(
        other.handshake(&d, now).unwrap().unwrap_err().kind(),
        ErrorKind::SignatureMismatch
    );
    let unsigned = Delivery::new(&[("Content-Type", "application/json")], SLACK_BODY);
    assert_eq!(
        slack.handshake(&unsigned, now).unwrap().unwrap_err().kind(),
        ErrorKind::MissingHeader
    );

    // Signed, but without a usable challenge.
    for body in [
        &br#"{"type":"url_verification"}"#[..],
        br#"{"type":"url_verification","challenge":"a b"}"#,
        br#"{"type":"url_verification","challenge":""}"#,
    ] {
        let h = headers(slack.sign_at(&Message::new(body), now).unwrap(), &[]);
        let err = slack
            .handshake(&Delivery::new(&h, body), now)
            .unwrap()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::MalformedBody, "{body:?}");
    }

    // Not a handshake: events, a string that merely mentions the type, a huge body.
    for body in [
        &br#"{"type":"event_callback","event":{"type":"message","text":"url_verification"}}"#[..],
        b"token=x&text=url_verification",
        br#"{"type":"url_verification""#,
    ] {
        assert!(slack.handshake(&Delivery::new(&h, body), now).is_none());
    }
    let huge = format!(
        r#"{{"type":"url_verification","challenge":"x","pad":"{}"}}"#,
        "a".repeat(super::parse::MAX_BODY)
    );
    assert!(
        slack
            .handshake(&Delivery::new(&h, huge.as_bytes()), now)
            .is_none()
    );
}

/// Zoom's documented validation request (developers.zoom.us/docs/api/webhooks/, "Validate
/// your webhook endpoint").
const ZOOM_BODY: &[u8] = br#"{"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1654503849680,"event":"endpoint.url_validation"}"#;

#[test]
fn zoom_verifies_then_hashes_the_plain_token_with_the_matching_secret() {
    let now = UnixTime::from_secs(1_654_503_849);
    // Expected tokens from Python's `hmac.new(secret, plainToken, sha256).hexdigest()`, run
    // apart from hooksign (the construction of Zoom's webhook-sample).
    for (secrets, signer, expected) in [
        (
            &["hooksign0zoom0secret0token01"][..],
            "hooksign0zoom0secret0token01",
            "d205bde180079bab708a365e4841cb09c3543e3d74cf769ebf73b4f98c3f7040",
        ),
        // During a rotation, the secret that verified the request answers.
        (
            &["hooksign0zoom0secret0token01", "second-zoom-secret"][..],
            "second-zoom-secret",
            "7f6b9e6570101e8f5b044a3e69b1dcbfa3d944bf8774ffb355f1b9354d1d0685",
        ),
    ] {
        let zoom = Zoom::new(set(secrets));
        let signed = Zoom::new(set(&[signer]))
            .sign_at(&Message::new(ZOOM_BODY), now)
            .unwrap();
        let h = headers(signed, &[]);
        let reply = zoom
            .handshake(&Delivery::new(&h, ZOOM_BODY).with_method("POST"), now)
            .unwrap()
            .unwrap();
        assert_eq!(reply.status(), 200);
        assert_eq!(reply.content_type(), Some("application/json"));
        let json: serde_json::Value = serde_json::from_slice(reply.body()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"plainToken": "qgg8vlvZRS6UYooatFL8Aw", "encryptedToken": expected})
        );
    }

    let zoom = Zoom::new(set(&["hooksign0zoom0secret0token01"]));
    let forged = [
        ("x-zm-request-timestamp", "1654503849"),
        (
            "x-zm-signature",
            "v0=0000000000000000000000000000000000000000000000000000000000000000",
        ),
    ];
    assert_eq!(
        zoom.handshake(&Delivery::new(&forged, ZOOM_BODY), now)
            .unwrap()
            .unwrap_err()
            .kind(),
        ErrorKind::SignatureMismatch
    );
    // Signed, without a plain token.
    let body = br#"{"payload":{},"event":"endpoint.url_validation"}"#;
    let h = headers(zoom.sign_at(&Message::new(body), now).unwrap(), &[]);
    assert_eq!(
        zoom.handshake(&Delivery::new(&h, body), now)
            .unwrap()
            .unwrap_err()
            .kind(),
        ErrorKind::MalformedBody
    );
    // Events are not handshakes.
    let event =
        br#"{"event":"meeting.started","payload":{"object":{"topic":"endpoint.url_validation"}}}"#;
    assert!(zoom.handshake(&Delivery::new(&h, event), now).is_none());
}

/// Twitch's documented challenge (dev.twitch.tv/docs/eventsub/handling-webhook-events/,
/// "Responding to a challenge request"), shortened to its fields that matter.
const TWITCH_BODY: &[u8] = br#"{"challenge":"pogchamp-kappa-360noscope-vohiyo","subscription":{"id":"f1c2a387-161a-49f9-a165-0f21d7a4e1c4","status":"webhook_callback_verification_pending","type":"channel.follow","version":"1","cost":1,"condition":{"broadcaster_user_id":"12826"},"transport":{"method":"webhook","callback":"https://example.com/webhooks/callback"},"created_at":"2019-11-16T10:11:12.634234626Z"}}"#;

#[test]
fn twitch_verifies_then_echoes_the_challenge() {
    let twitch = Twitch::new(set(&["hooksign-twitch-eventsub-secret-0001"]));
    let now = UnixTime::from_secs(1_700_000_000);
    let msg = Message::new(TWITCH_BODY).with_id("e76c6bd4-55c9-4987-8304-da1588d8988b");
    let kind = (
        "Twitch-Eventsub-Message-Type",
        "webhook_callback_verification",
    );
    let h = headers(twitch.sign_at(&msg, now).unwrap(), &[kind]);
    let d = Delivery::new(&h, TWITCH_BODY).with_method("POST");
    let reply = twitch.handshake(&d, now).unwrap().unwrap();
    assert_eq!(reply.body(), b"pogchamp-kappa-360noscope-vohiyo");
    assert_eq!(reply.content_type(), Some("text/plain; charset=utf-8"));

    // Too old (more than 10 minutes), or the body changed: refused.
    let later = UnixTime::from_secs(1_700_000_601);
    assert_eq!(
        twitch.handshake(&d, later).unwrap().unwrap_err().kind(),
        ErrorKind::TimestampTooOld
    );
    let tampered = Delivery::new(&h, br#"{"challenge":"other"}"#);
    assert_eq!(
        twitch
            .handshake(&tampered, now)
            .unwrap()
            .unwrap_err()
            .kind(),
        ErrorKind::SignatureMismatch
    );
    // A notification is not a handshake, whatever its body says.
    let notification = headers(
        twitch.sign_at(&msg, now).unwrap(),
        &[("Twitch-Eventsub-Message-Type", "notification")],
    );
    assert!(
        twitch
            .handshake(&Delivery::new(&notification, TWITCH_BODY), now)
            .is_none()
    );
    // Signed but not JSON: the challenge is missing.
    let h = headers(
        twitch
            .sign_at(&Message::new(b"x").with_id("m1"), now)
            .unwrap(),
        &[kind],
    );
    assert_eq!(
        twitch
            .handshake(&Delivery::new(&h, b"x"), now)
            .unwrap()
            .unwrap_err()
            .kind(),
        ErrorKind::MalformedBody
    );
}

#[test]
fn meta_answers_only_with_the_right_verify_token() {
    let now = UnixTime::now();
    let meta = MetaWebhooks::new(set(&["app-secret"])).with_verify_token("meatyhamhock");
    let no_headers: [(&str, &str); 0] = [];
    let get = |url: &'static str| {
        Delivery::new(&no_headers, b"")
            .with_method("GET")
            .with_url(url)
    };
    let answer = |url| meta.handshake(&get(url), now);

    let reply = answer(
        "/webhooks?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock",
    )
    .unwrap()
    .unwrap();
    assert_eq!((reply.status(), reply.body()), (200, &b"1158201444"[..]));
    // Percent-encoded tokens are decoded.
    assert!(
        answer("/w?hub.mode=subscribe&hub.challenge=1&hub.verify_token=meaty%68amhock")
            .unwrap()
            .is_ok()
    );
    for (url, kind) in [
        (
            "/w?hub.mode=subscribe&hub.challenge=1&hub.verify_token=meatyhamhoc",
            ErrorKind::SignatureMismatch,
        ),
        (
            "/w?hub.mode=subscribe&hub.challenge=1&hub.verify_token=",
            ErrorKind::SignatureMismatch,
        ),
        (
            "/w?hub.mode=subscribe&hub.challenge=1",
            ErrorKind::MissingRequestPart,
        ),
        (
            "/w?hub.mode=subscribe&hub.challenge=1&hub.verify_token=meatyhamhock&hub.verify_token=x",
            ErrorKind::MissingRequestPart,
        ),
        (
            "/w?hub.mode=subscribe&hub.verify_token=meatyhamhock",
            ErrorKind::MissingRequestPart,
        ),
        (
            "/w?hub.mode=subscribe&hub.verify_token=meatyhamhock&hub.challenge=a%20b",
            ErrorKind::MissingRequestPart,
        ),
    ] {
        assert_eq!(answer(url).unwrap().unwrap_err().kind(), kind, "{url}");
    }
    // Not Meta's verification request: left to verification.
    assert!(
        answer("/w?hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=meatyhamhock").is_none()
    );
    assert!(answer("/w").is_none());
    let post = get("/w?hub.mode=subscribe&hub.challenge=1&hub.verify_token=meatyhamhock")
        .with_method("POST");
    assert!(meta.handshake(&post, now).is_none());
    // An empty verify token is no token.
    let empty = MetaWebhooks::new(set(&["app-secret"])).with_verify_token("");
    assert!(
        empty
            .handshake(
                &get("/w?hub.mode=subscribe&hub.challenge=1&hub.verify_token="),
                now
            )
            .is_none()
    );
}

#[test]
fn dropbox_echoes_a_get_challenge_with_nosniff() {
    let dropbox = Dropbox::new(set(&["app-secret"]));
    let now = UnixTime::now();
    let no_headers: [(&str, &str); 0] = [];
    let get = |url| {
        Delivery::new(&no_headers, b"")
            .with_method("GET")
            .with_url(url)
    };
    // Dropbox's documented example: https://www.example.com/dropbox-webhook?challenge=abc123
    let reply = dropbox
        .handshake(
            &get("https://www.example.com/dropbox-webhook?challenge=abc123"),
            now,
        )
        .unwrap()
        .unwrap();
    assert_eq!(reply.body(), b"abc123");
    assert_eq!(reply.content_type(), Some("text/plain; charset=utf-8"));
    assert_eq!(reply.header("X-Content-Type-Options"), Some("nosniff"));
    for url in [
        "/d",
        "/d?challenge=",
        "/d?challenge=a%0d%0aX:1",
        "/d?challenge=a&challenge=b",
        "/d?other=1",
    ] {
        assert!(dropbox.handshake(&get(url), now).is_none(), "{url}");
    }
    let post = get("/d?challenge=abc123").with_method("POST");
    assert!(dropbox.handshake(&post, now).is_none());
}

#[test]
fn asana_echoes_and_hands_over_its_secret() {
    let asana = Asana::new(set(&["placeholder"]));
    let now = UnixTime::now();
    // Asana's documented handshake (developers.asana.com/reference/createwebhook).
    let secret = "b537207f20cbfa02357cf448134da559e8bd39d61597dcd5631b8012eae53e81";
    let h = [("X-Hook-Secret", secret)];
    let reply = asana
        .handshake(&Delivery::new(&h, b"").with_method("POST"), now)
        .unwrap()
        .unwrap();
    assert_eq!(reply.status(), 200);
    assert_eq!(reply.header("X-Hook-Secret"), Some(secret));
    assert_eq!(reply.delivered_secret(), Some(secret));
    assert!(reply.body().is_empty() && reply.content_type().is_none());
    assert!(
        !format!("{reply:?}").contains(secret),
        "Debug shows no secret"
    );

    let repeated = [("X-Hook-Secret", "a"), ("x-hook-secret", "b")];
    assert_eq!(
        asana
            .handshake(&Delivery::new(&repeated, b""), now)
            .unwrap()
            .unwrap_err()
            .kind(),
        ErrorKind::MalformedHeader
    );
    let long = "a".repeat(super::parse::MAX_ECHO + 1);
    let h = [("X-Hook-Secret", long.as_str())];
    assert!(
        asana
            .handshake(&Delivery::new(&h, b""), now)
            .unwrap()
            .is_err()
    );
    // Event deliveries carry no X-Hook-Secret; a GET is not Asana's.
    let event = [("X-Hook-Signature", "ab")];
    assert!(
        asana
            .handshake(&Delivery::new(&event, b"{}"), now)
            .is_none()
    );
    let get = [("X-Hook-Secret", secret)];
    assert!(
        asana
            .handshake(&Delivery::new(&get, b"").with_method("GET"), now)
            .is_none()
    );
}

#[test]
fn okta_is_answered_only_once_its_authenticator_verified() {
    use crate::GitHub;
    let verifier = GitHub::new(set(&["okta-stand-in"]));
    let now = UnixTime::now();
    // Okta's documented challenge (support.okta.com, "Unable to verify event hook").
    let challenge = (
        "X-Okta-Verification-Challenge",
        "Me_rShK8JHsTnbyYrWXCEoMGbM_zsZ6k0hLPZ_Pg",
    );
    let h = headers(verifier.sign(&Message::new(b"")).unwrap(), &[challenge]);
    let reply = super::okta_event_hook(&verifier, &Delivery::new(&h, b"").with_method("GET"), now)
        .unwrap()
        .unwrap();
    assert_eq!(reply.content_type(), Some("application/json"));
    assert_eq!(
        reply.body(),
        br#"{"verification":"Me_rShK8JHsTnbyYrWXCEoMGbM_zsZ6k0hLPZ_Pg"}"#
    );

    let forged = [challenge];
    assert_eq!(
        super::okta_event_hook(&verifier, &Delivery::new(&forged, b""), now)
            .unwrap()
            .unwrap_err()
            .kind(),
        ErrorKind::MissingHeader
    );
    let repeated = headers(
        verifier.sign(&Message::new(b"")).unwrap(),
        &[challenge, ("x-okta-verification-challenge", "other")],
    );
    assert_eq!(
        super::okta_event_hook(&verifier, &Delivery::new(&repeated, b""), now)
            .unwrap()
            .unwrap_err()
            .kind(),
        ErrorKind::MalformedHeader
    );
    let post = Delivery::new(&h, b"").with_method("POST");
    assert!(super::okta_event_hook(&verifier, &post, now).is_none());
}

#[test]
fn wrappers_forward_the_handshake() {
    let dropbox = Dropbox::new(set(&["s"]));
    let no_headers: [(&str, &str); 0] = [];
    let d = Delivery::new(&no_headers, b"")
        .with_method("GET")
        .with_url("/?challenge=x");
    let now = UnixTime::now();
    assert!(Verify::handshake(&&dropbox, &d, now).is_some());
    assert!(
        std::sync::Arc::new(dropbox.clone())
            .handshake(&d, now)
            .is_some()
    );
    assert!(
        crate::AnyProvider::new(dropbox)
            .handshake(&d, now)
            .is_some()
    );
    let any = crate::AnyProvider::from_id("dropbox", set(&["s"])).unwrap();
    assert!(any.handshake(&d, now).is_some());
}
