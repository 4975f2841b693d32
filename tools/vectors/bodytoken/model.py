"""Vectors for Mailgun, GitLab (secret token), Telegram and Okta, from an independent model.

None of these publishes a receiver library that runs here (mailgun-php's
`Webhook::verifyWebhookSignature` is PHP; GitLab, Telegram and Okta publish none), so each
vector's verdict is this model's: the documented check, written with the Python standard
library only, sharing nothing with hooksign (no signature is ever produced by running
hooksign). Mailgun also gets the published test fixture of mailgun-php 4.5.1
(`tests/Api/WebhookTest.php`), whose expected verdicts are that SDK's.

    python3 tools/vectors/bodytoken/model.py      # rewrites tests/vectors/{mailgun,gitlab,telegram,okta}.json

Not run by CI; the generated files are committed.
"""

import hashlib
import hmac
import json
import os
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(HERE, "..", "..", "..", "tests", "vectors")
SOURCE = "tools/vectors/bodytoken/model.py"

# ------------------------------------------------------------------------------ Mailgun
MAILGUN_DOCS = (
    "https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks "
    "(concatenate timestamp and token with no separator, HMAC-SHA256 with the webhook signing "
    "key, compare the hexdigest)"
)
MAILGUN_MODEL = (
    "independent model (tools/vectors/bodytoken/model.py, Python hmac): signature = lower-case "
    "hex HMAC-SHA256(signing key as text, timestamp + token); the window is hooksign's "
    "documented choice (3600 s back, 300 s ahead), Mailgun documents none. Docs: " + MAILGUN_DOCS
)
PHP_FIXTURE = (
    "mailgun-php 4.5.1 tests/Api/WebhookTest.php (key key-3ax6xnjp29jd6fds4gc373sgvjxteol0, "
    "timestamp 1403645220): the SDK's own test of Webhook::verifyWebhookSignature, sent here "
    "as a form post"
)
KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0"
OTHER_KEY = "key-00000000000000000000000000000000"
PAST, AHEAD = 3600, 300


def mailgun_sign(key, timestamp, token):
    return hmac.new(key.encode(), (timestamp + token).encode(), hashlib.sha256).hexdigest()


def mailgun_check(key, timestamp, token, signature, now):
    """The documented check; None when valid, else the error kind."""
    if signature is None or token is None or timestamp is None:
        return "malformed_body"
    if not all(c in "0123456789abcdef" for c in signature) or len(signature) != 64:
        return "malformed_body"
    expected = mailgun_sign(key, timestamp, token)
    if not hmac.compare_digest(expected, signature):
        return "signature_mismatch"
    if now - int(timestamp) > PAST:
        return "timestamp_too_old"
    if int(timestamp) - now > AHEAD:
        return "timestamp_too_new"
    return None


def json_body(timestamp, token, signature, event="delivered"):
    return json.dumps(
        {
            "signature": {"timestamp": timestamp, "token": token, "signature": signature},
            "event-data": {
                "event": event,
                "id": "CPgfbmQMTCKtHW6uIWtuVe",
                "timestamp": 1521472262.908181,
                "recipient": "alice@example.com",
                "delivery-status": {"code": 250, "message": "OK", "attempt-no": 1},
                "envelope": {"sender": "bob@example.com", "targets": "alice@example.com"},
            },
        },
        separators=(",", ":"),
    )


def form_body(timestamp, token, signature):
    return urllib.parse.urlencode(
        [("event", "delivered"), ("recipient", "alice@example.com"),
         ("timestamp", timestamp), ("token", token), ("signature", signature)]
    )


def mailgun_vectors():
    vectors = []

    def add(name, body, now, expected_error, reason, generator, key=KEY, verdict_args=None):
        if verdict_args is not None:
            got = mailgun_check(verdict_args[0], *verdict_args[1:], now)
            assert got == expected_error, (name, got, expected_error)
        v = {"id": f"mailgun-{name}", "provider": "mailgun", "scheme": "mailgun", "secret": key,
             "now": now, "tolerance_seconds": PAST, "headers": {}, "body": body,
             "expected": "valid" if expected_error is None else "invalid"}
        if expected_error is not None:
            v["error"] = expected_error
        v.update({"reason": reason, "generator": generator, "source": SOURCE})
        vectors.append(v)

    # The SDK's fixture, as published: testVerifyWebhookGood / testVerifyWebhookBad.
    ts, token = "1403645220", "5egbgr1vjgqxtrnp65xfznchgdccwh5d6i09vijqi3whgowmn6"
    sig = "9cfc5c41582e51246e73c88d34db3af0a3a2692a76fbab81492842f000256d33"
    assert mailgun_sign(KEY, ts, token) == sig
    add("php-sdk-good", form_body(ts, token, sig), 1403645280, None,
        "testVerifyWebhookGood: the SDK returns true", PHP_FIXTURE,
        verdict_args=(KEY, ts, token, sig))
    bad_token = "owyldpe6nxhmrn78epljl6bj0orrki1u3d2v5e6cnlmmuox8jr"
    add("php-sdk-bad", form_body(ts, bad_token, sig), 1403645280, "signature_mismatch",
        "testVerifyWebhookBad: another token with the same signature; the SDK returns false",
        PHP_FIXTURE, verdict_args=(KEY, ts, bad_token, sig))

    # JSON event webhooks (the form Mailgun sends today).
    ts, token = "1700000000", "e0b5477167110d68991efc6b9f89f0a11066af27834600e123"
    sig = mailgun_sign(KEY, ts, token)
    add("json-delivered", json_body(ts, token, sig), 1700000042, None,
        "a JSON event webhook: {signature, event-data}", MAILGUN_MODEL,
        verdict_args=(KEY, ts, token, sig))
    add("json-late-retry", json_body(ts, token, sig), 1700003600, None,
        "delivered an hour late: at the edge of hooksign's window", MAILGUN_MODEL,
        verdict_args=(KEY, ts, token, sig))
    add("json-tampered-token", json_body(ts, token[:-1] + "4", sig), 1700000042,
        "signature_mismatch", "the token changed after signing", MAILGUN_MODEL,
        verdict_args=(KEY, ts, token[:-1] + "4", sig))
    add("json-wrong-key", json_body(ts, token, sig), 1700000042, "signature_mismatch",
        "verified with another signing key", MAILGUN_MODEL, key=OTHER_KEY,
        verdict_args=(OTHER_KEY, ts, token, sig))
    add("json-stale", json_body(ts, token, sig), 1700003601, "timestamp_too_old",
        "3601 s after signing: outside hooksign's one-hour window", MAILGUN_MODEL,
        verdict_args=(KEY, ts, token, sig))
    add("json-uppercase-hex", json_body(ts, token, sig.upper()), 1700000042, "malformed_body",
        "hash_equals compares lower-case hex: an upper-case signature never matches",
        MAILGUN_MODEL, verdict_args=(KEY, ts, token, sig.upper()))
    no_sig = json.dumps({"event-data": {"event": "delivered"}}, separators=(",", ":"))
    add("json-no-signature", no_sig, 1700000042, "malformed_body",
        "no signature object: the SDK is given empty values and returns false", MAILGUN_MODEL)
    return vectors


# ------------------------------------------------------------------------ token schemes
def token_vectors(provider, header, token, docs, cases, extra_headers=None):
    model = (
        f"independent model (tools/vectors/bodytoken/model.py): valid iff the {header} header "
        f"equals the configured token exactly (no MAC; the body is not signed). Docs: {docs}"
    )
    vectors = []
    for name, sent, body, reason in cases:
        headers = dict(extra_headers or {})
        if sent is not None:
            headers[header] = sent
        if sent is None:
            error = "missing_header"
        elif hmac.compare_digest(sent.encode(), token.encode()):
            error = None
        else:
            error = "signature_mismatch"
        v = {"id": f"{provider}-{name}", "provider": provider, "scheme": provider,
             "secret": token, "headers": headers, "body": body,
             "expected": "valid" if error is None else "invalid"}
        if error is not None:
            v["error"] = error
        v.update({"reason": reason, "generator": model, "source": SOURCE})
        vectors.append(v)
    return vectors


def gitlab_vectors():
    token = "hooksign-gitlab-secret-token-1"
    push = '{"object_kind":"push"}'
    return token_vectors(
        "gitlab", "X-Gitlab-Token", token,
        "https://docs.gitlab.com/user/project/integrations/webhooks/#secret-tokens",
        [
            ("valid-push", token, push, "the configured secret token"),
            ("valid-any-body", token, "not even JSON", "the body is not signed"),
            ("wrong-token", "hooksign-gitlab-secret-token-2", push, "another token"),
            ("longer-token", token + "0", push, "the token and one more character"),
            ("shorter-token", token[:-1], push, "a prefix of the token"),
            ("missing-header", None, push, "no X-Gitlab-Token"),
        ],
        extra_headers={"X-Gitlab-Event": "Push Hook",
                       "Idempotency-Key": "f0d1ec13-8aa7-4f4b-b2a4-5d4e1b7e3c55"},
    )


def telegram_vectors():
    token = "hooksign_Telegram-secret_0123456789"
    update = '{"update_id":10000,"message":{"message_id":1,"text":"/start"}}'
    return token_vectors(
        "telegram", "X-Telegram-Bot-Api-Secret-Token", token,
        "https://core.telegram.org/bots/api#setwebhook (secret_token: 1-256 characters "
        "A-Z a-z 0-9 _ -, sent as X-Telegram-Bot-Api-Secret-Token)",
        [
            ("valid-message", token, update, "the secret_token given to setWebhook"),
            ("valid-callback", token, '{"update_id":10001,"callback_query":{"id":"4382"}}',
             "another update"),
            ("wrong-token", "hooksign_Telegram-secret_0123456780", update, "last character differs"),
            ("other-length", token[:20], update, "a 20-character prefix of the token"),
            ("other-case", token.upper(), update, "tokens are case-sensitive"),
            ("missing-header", None, update, "no secret token header"),
        ],
    )


def okta_vectors():
    token = "hooksign-okta-authentication-secret"
    body = ('{"eventType":"com.okta.event_hook","eventTypeVersion":"1.0",'
            '"data":{"events":[{"uuid":"4d1f6d77-bf6a-11ee-9d5d-2d1f9bbd0c38",'
            '"eventType":"user.session.start"}]}}')
    docs = ("https://developer.okta.com/docs/concepts/event-hooks/ (the authentication secret "
            "is sent as the value of the configured authentication field, typically Authorization)")
    return token_vectors(
        "okta", "Authorization", token, docs,
        [
            ("valid-authorization", token, body, "the configured authentication secret"),
            ("valid-empty-events", token, '{"data":{"events":[]}}', "the body is not signed"),
            ("wrong-secret", "hooksign-okta-authentication-secreT", body, "last character differs"),
            ("bearer-prefixed", "Bearer " + token, body,
             "the whole header value is the secret: a prefix makes another value"),
            ("missing-header", None, body, "no Authorization header"),
        ],
    )


def write(name, vectors):
    with open(os.path.join(VECTORS, f"{name}.json"), "w", encoding="utf-8") as f:
        json.dump(vectors, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(f"{name}: {len(vectors)}")


if __name__ == "__main__":
    write("mailgun", mailgun_vectors())
    write("gitlab", gitlab_vectors())
    write("telegram", telegram_vectors())
    write("okta", okta_vectors())
