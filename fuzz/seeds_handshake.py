#!/usr/bin/env python3
"""Writes the seed corpus of the `handshake` fuzz target: each provider's documented handshake,
signed (where the provider signs it) with Python's hmac, independently of hooksign, with the
secrets of fuzz_targets/handshake.rs; plus refusals (unsigned, wrong token, wrong method).

    python3 fuzz/seeds_handshake.py
"""

import hashlib
import hmac
import os

OUT = os.path.join(os.path.dirname(__file__), "corpus", "handshake")
NOW = 1700000000
SLACK = b"hooksign-fuzz-slack-signing-secret"
ZOOM = b"hooksign-fuzz-zoom-secret-token-2"
TWITCH = b"hooksign-fuzz-twitch-eventsub-secret"


def mac(key, msg):
    return hmac.new(key, msg, hashlib.sha256).hexdigest()


def seed(name, line, headers, body=b""):
    head = "".join(f"{n}:{v}\n" for n, v in headers)
    data = (f"!{line}\n" if line else "") + f"@{NOW}\n" + head + "\n"
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data.encode() + body)


os.makedirs(OUT, exist_ok=True)
slack = b'{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}'
sig = mac(SLACK, b"v0:%d:" % NOW + slack)
seed("slack-signed", "POST /slack", [("X-Slack-Request-Timestamp", NOW), ("X-Slack-Signature", "v0=" + sig)], slack)
seed("slack-unsigned", "POST /slack", [("X-Slack-Request-Timestamp", NOW)], slack)

zoom = b'{"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1654503849680,"event":"endpoint.url_validation"}'
sig = mac(ZOOM, b"v0:%d:" % NOW + zoom)
seed("zoom-signed", "POST /zoom", [("x-zm-request-timestamp", NOW), ("x-zm-signature", "v0=" + sig)], zoom)
seed("zoom-forged", "POST /zoom", [("x-zm-request-timestamp", NOW), ("x-zm-signature", "v0=" + "0" * 64)], zoom)

twitch = b'{"challenge":"pogchamp-kappa-360noscope-vohiyo","subscription":{"type":"channel.follow"}}'
mid, ts = "e76c6bd4-55c9-4987-8304-da1588d8988b", "2023-11-14T22:13:20.000000000Z"
sig = mac(TWITCH, mid.encode() + ts.encode() + twitch)
twitch_headers = [
    ("Twitch-Eventsub-Message-Id", mid),
    ("Twitch-Eventsub-Message-Timestamp", ts),
    ("Twitch-Eventsub-Message-Signature", "sha256=" + sig),
    ("Twitch-Eventsub-Message-Type", "webhook_callback_verification"),
]
seed("twitch-signed", "POST /twitch", twitch_headers, twitch)
seed("twitch-notification", "POST /twitch", twitch_headers[:3] + [("Twitch-Eventsub-Message-Type", "notification")], twitch)

q = "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token="
seed("meta-token", f"GET /meta?{q}hooksign-fuzz-verify-token", [])
seed("meta-encoded-token", f"GET /meta?{q}hooksign%2Dfuzz-verify-token", [])
seed("meta-wrong-token", f"GET /meta?{q}meatyhamhock", [])
seed("meta-repeated", f"GET /meta?{q}a&hub.verify_token=hooksign-fuzz-verify-token", [])
seed("dropbox-get", "GET https://www.example.com/dropbox-webhook?challenge=abc123", [])
seed("dropbox-post", "POST /dropbox?challenge=abc123", [])
seed("dropbox-escape", "GET /dropbox?challenge=%3Cscript%3E%0d%0a", [])
seed("asana-post", "POST /asana", [("X-Hook-Secret", "b537207f20cbfa02357cf448134da559e8bd39d61597dcd5631b8012eae53e81")])
seed("asana-repeated", "", [("X-Hook-Secret", "a"), ("x-hook-secret", "b")])
okta = ("X-Okta-Verification-Challenge", "Me_rShK8JHsTnbyYrWXCEoMGbM_zsZ6k0hLPZ_Pg")
seed("okta-authorized", "GET /okta", [("Authorization", "hooksign-fuzz-okta-authorization"), okta])
seed("okta-unauthorized", "GET /okta", [okta])
seed("no-request-line", "", [("Content-Type", "application/json")], b'{"type":"event_callback"}')
