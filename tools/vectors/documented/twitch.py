"""Twitch EventSub webhooks, modelled from Twitch's documentation and Twitch's own CLI.

The signature is `sha256=` + the lower-case hex HMAC-SHA256, keyed with the subscription's
secret, of the message id, the message timestamp (as sent) and the raw body, concatenated
with nothing between them. Deliveries older than ten minutes are to be refused.
"""

from datetime import datetime, timezone

from documented._common import hex_mac, tampered, vector

PROVIDER = "twitch"
DOCS = [
    "https://dev.twitch.tv/docs/eventsub/handling-webhook-events/",
    "https://dev.twitch.tv/docs/eventsub/",
    "https://github.com/twitchdev/twitch-cli/blob/main/internal/events/trigger/forward_event.go",
]
MODEL = ("Twitch-Eventsub-Message-Signature = 'sha256=' + hex(HMAC-SHA256(secret, "
         "Twitch-Eventsub-Message-Id + Twitch-Eventsub-Message-Timestamp + raw body)), the "
         "timestamp RFC 3339 with nanoseconds as received; reject a timestamp older than 10 "
         "minutes.")

SIG = "Twitch-Eventsub-Message-Signature"
ID = "Twitch-Eventsub-Message-Id"
TS = "Twitch-Eventsub-Message-Timestamp"
TYPE = "Twitch-Eventsub-Message-Type"
SUB = "Twitch-Eventsub-Subscription-Type"
VERSION = "Twitch-Eventsub-Subscription-Version"
RETRY = "Twitch-Eventsub-Message-Retry"

SECRET = "hooksign-twitch-eventsub-secret-0001"
OLD = "hooksign-twitch-eventsub-secret-0002"
WRONG = "hooksign-twitch-eventsub-secret-0009"
WINDOW = 600  # "older than 10 minutes"
T = 1700000000


def rfc3339(secs, nanos=0):
    """The timestamp as Twitch writes it: UTC, nanoseconds, `Z`."""
    base = datetime.fromtimestamp(secs, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    return f"{base}.{nanos:09d}Z"


def signature(message_id, timestamp, body, secret=SECRET):
    raw = body if isinstance(body, bytes) else body.encode()
    return "sha256=" + hex_mac("sha256", secret, message_id.encode() + timestamp.encode() + raw)


def headers(message_id, timestamp, body, secret=SECRET, kind="notification",
            sub="channel.follow", sig=None):
    return {
        "Content-Type": "application/json",
        ID: message_id,
        RETRY: "0",
        TYPE: kind,
        SUB: sub,
        VERSION: "2",
        TS: timestamp,
        SIG: sig if sig is not None else signature(message_id, timestamp, body, secret),
    }


FOLLOW = ('{"subscription":{"id":"f1c2a387-161a-49f9-a165-0f21d7a4e1c4","status":"enabled",'
          '"type":"channel.follow","version":"2","cost":0,"condition":{"broadcaster_user_id":"1337",'
          '"moderator_user_id":"1337"},"transport":{"method":"webhook","callback":"https://example.com/webhooks/callback"},'
          '"created_at":"2023-11-14T22:00:00.000000000Z"},"event":{"user_id":"1234","user_login":"cool_user",'
          '"user_name":"Cool_User","broadcaster_user_id":"1337","broadcaster_user_login":"cooler_user",'
          '"broadcaster_user_name":"Cooler_User","followed_at":"2023-11-14T22:13:19.123456789Z"}}')
CHAT = ('{"subscription":{"id":"0b7f3361-672b-4d39-b307-dd5b576c9b27","status":"enabled",'
        '"type":"channel.chat.message","version":"1","cost":0,"condition":{"broadcaster_user_id":"1337","user_id":"9001"},'
        '"transport":{"method":"webhook","callback":"https://example.com/webhooks/callback"},'
        '"created_at":"2023-11-14T22:00:00.000000000Z"},"event":{"broadcaster_user_id":"1337",'
        '"chatter_user_name":"Zoë","message_id":"cc106a89-1814-919d-454c-f4f2f970aae7",'
        '"message":{"text":"Ça va ? ✓ 日本語 🎉","fragments":[{"type":"text","text":"Ça va ? ✓ 日本語 🎉"}]}}}')
CHALLENGE = ('{"challenge":"pogchamp-kappa-360noscope-vohiyo","subscription":{"id":"f1c2a387-161a-49f9-a165-0f21d7a4e1c4",'
             '"status":"webhook_callback_verification_pending","type":"channel.follow","version":"2","cost":1,'
             '"condition":{"broadcaster_user_id":"12826"},"transport":{"method":"webhook",'
             '"callback":"https://example.com/webhooks/callback"},"created_at":"2023-11-14T22:13:20.634234626Z"}}')
COMPACT = '{"subscription":{"type":"channel.follow"},"event":{"user_id":"1234"}}'

MID = "befa7b53-d79d-478f-86b9-120f112b044e"


def cases():
    ts = rfc3339(T, 634234626)
    good = headers(MID, ts, FOLLOW)
    out = [
        vector("valid-notification", secret=SECRET, headers=good, body=FOLLOW,
               timestamp=T, now=T + 1, tolerance_seconds=WINDOW, expected="valid",
               reason="channel.follow notification signed over id + timestamp + body, received a second later"),
        vector("valid-unicode", secret=SECRET,
               headers=headers("7e2c43b1-9b5a-4e7c-8f8d-3c1e2b4a5d6f", rfc3339(T + 5, 1), CHAT, sub="channel.chat.message"),
               body=CHAT, timestamp=T + 5, now=T + 30, tolerance_seconds=WINDOW, expected="valid",
               reason="channel.chat.message notification whose body has non-ASCII UTF-8 (accents, CJK, emoji)"),
        vector("valid-verification", secret=SECRET,
               headers=headers("e76c6bd4-55c9-4987-8304-da1588d8988b", rfc3339(T, 634234626), CHALLENGE,
                               kind="webhook_callback_verification"),
               body=CHALLENGE, timestamp=T, now=T, tolerance_seconds=WINDOW, expected="valid",
               reason="the webhook_callback_verification challenge is signed the same way"),
        vector("valid-compact", secret=SECRET,
               headers={ID: MID, TS: rfc3339(T), SIG: signature(MID, rfc3339(T), COMPACT)},
               body=COMPACT, timestamp=T, now=T + 10, tolerance_seconds=WINDOW, expected="valid",
               reason="short body with only the three signed headers (the rustdoc example)"),
        vector("just-inside-window", secret=SECRET, headers=headers(MID, rfc3339(T), FOLLOW), body=FOLLOW,
               timestamp=T, now=T + WINDOW, tolerance_seconds=WINDOW, expected="valid",
               reason="received exactly 10 minutes after the message timestamp (not older than 10 minutes)"),
        vector("just-outside-window", secret=SECRET, headers=headers(MID, rfc3339(T), FOLLOW), body=FOLLOW,
               timestamp=T, now=T + WINDOW + 1, tolerance_seconds=WINDOW, expected="invalid",
               error="timestamp_too_old",
               reason="received 10 minutes and 1 second after the message timestamp"),
        vector("just-outside-window-fraction", secret=SECRET, headers=good, body=FOLLOW,
               timestamp=T, now=T + WINDOW + 1, tolerance_seconds=WINDOW, expected="invalid",
               error="timestamp_too_old",
               reason="timestamp .634234626 s past the second, received 600.37 s later: older than 10 minutes"),
        vector("future-timestamp", secret=SECRET, headers=headers(MID, rfc3339(T + 3600), FOLLOW), body=FOLLOW,
               timestamp=T + 3600, now=T, tolerance_seconds=WINDOW, expected="valid",
               reason="timestamp an hour ahead: the documented check is only against messages older than 10 minutes"),
        vector("tampered-body", secret=SECRET, headers=good, body=tampered(FOLLOW),
               timestamp=T, now=T, tolerance_seconds=WINDOW, expected="invalid", error="signature_mismatch",
               reason="one bit of the body flipped"),
        vector("tampered-id", secret=SECRET, headers={**good, ID: "befa7b53-d79d-478f-86b9-120f112b044f"},
               body=FOLLOW, timestamp=T, now=T, tolerance_seconds=WINDOW, expected="invalid",
               error="signature_mismatch", reason="message id changed, signature kept (the id is signed)"),
        vector("tampered-timestamp", secret=SECRET, headers={**good, TS: rfc3339(T, 634234627)},
               body=FOLLOW, timestamp=T, now=T, tolerance_seconds=WINDOW, expected="invalid",
               error="signature_mismatch",
               reason="timestamp changed by one nanosecond, signature kept (the timestamp text is signed)"),
        vector("wrong-secret", secret=SECRET, headers=headers(MID, ts, FOLLOW, secret=WRONG), body=FOLLOW,
               timestamp=T, now=T, tolerance_seconds=WINDOW, expected="invalid", error="signature_mismatch",
               reason="signed with another subscription's secret"),
        vector("uppercase-hex", secret=SECRET,
               headers={**good, SIG: "sha256=" + good[SIG][len("sha256="):].upper()}, body=FOLLOW,
               timestamp=T, now=T, tolerance_seconds=WINDOW, expected="invalid", error="malformed_header",
               reason="the documented check compares 'sha256=' + the lower-case hex digest as text"),
        vector("missing-prefix", secret=SECRET, headers={**good, SIG: good[SIG][len("sha256="):]},
               body=FOLLOW, timestamp=T, now=T, tolerance_seconds=WINDOW, expected="invalid",
               error="malformed_header", reason="bare hex digest without the 'sha256=' prefix"),
        vector("unix-timestamp", secret=SECRET, headers=headers(MID, str(T), FOLLOW), body=FOLLOW,
               timestamp=T, now=T, tolerance_seconds=WINDOW, expected="invalid", error="malformed_header",
               reason="timestamp header in Unix seconds (signed as such): not the documented RFC 3339 form"),
        vector("missing-signature", secret=SECRET, headers={k: v for k, v in good.items() if k != SIG},
               body=FOLLOW, timestamp=T, now=T, tolerance_seconds=WINDOW, expected="invalid",
               error="missing_header", reason="no Twitch-Eventsub-Message-Signature header"),
        vector("missing-message-id", secret=SECRET, headers={k: v for k, v in good.items() if k != ID},
               body=FOLLOW, timestamp=T, now=T, tolerance_seconds=WINDOW, expected="invalid",
               error="missing_header", reason="no Twitch-Eventsub-Message-Id header (it is signed)"),
        vector("rotation-second-of-two", secret=[SECRET, OLD], headers=headers(MID, ts, FOLLOW, secret=OLD),
               body=FOLLOW, timestamp=T, now=T, tolerance_seconds=WINDOW, expected="valid",
               matched_secret_index=1,
               reason="verifier holds the secrets of two subscriptions; signed with the 2nd"),
        vector("rotation-none-matches", secret=[SECRET, OLD], headers=headers(MID, ts, FOLLOW, secret=WRONG),
               body=FOLLOW, timestamp=T, now=T, tolerance_seconds=WINDOW, expected="invalid",
               error="signature_mismatch", reason="verifier holds two secrets; signed with neither"),
    ]
    return out
