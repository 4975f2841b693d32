"""Buildkite Pipelines webhooks: `X-Buildkite-Signature: timestamp=<unix>,signature=<hex
HMAC-SHA256(token, "{timestamp}.{body}")>`, written from Buildkite's "Pipelines webhooks" page
(the webhook signature, verifying and replay partials of buildkite/docs)."""

from documented._common import hex_mac, tampered, vector

PROVIDER = "buildkite"
DOCS = [
    "https://buildkite.com/docs/apis/webhooks/pipelines#webhook-signature",
    "https://github.com/buildkite/docs (pages/apis/webhooks/_webhook_signature.md, "
    "_verifying_hmac_signatures.md, _defending_against_replay_attacks.md)",
]
MODEL = ("X-Buildkite-Signature is 'timestamp=<unix seconds>,signature=<lower-case hex>' (split "
         "on ',', each part on the first '=', stripped), the HMAC-SHA256 keyed with the webhook "
         "token as text of '{timestamp}.{raw body}'; verify the signature, then accept only "
         "timestamps within a window of the current time (the docs' example: 5 minutes).")

TOKEN = "hooksign0buildkite0webhook0token1"
TS = 1700000000
WINDOW = 300


def sig(body, ts=TS, token=TOKEN):
    raw = body.encode() if isinstance(body, str) else body
    return hex_mac("sha256", token, f"{ts}.".encode() + raw)


def headers(body, ts=TS, token=TOKEN, event="build.finished"):
    return {"X-Buildkite-Event": event,
            "X-Buildkite-Signature": f"timestamp={ts},signature={sig(body, ts, token)}"}


def cases():
    finished = ('{"event":"build.finished","build":{"id":"f62a1b4d-10f9-4790-bc1c-e2c3a0c80983",'
                '"number":42,"state":"passed"},"pipeline":{"slug":"hooksign"},"sender":{"name":"Ada"}}')
    ping = ('{"event":"ping","service":{"provider":"webhook"},'
            '"sender":{"name":"Zoë Ångström ✓ 日本語 🚀"}}')
    good = headers(finished)
    s = sig(finished)
    return [
        vector("valid-build-finished", secret=TOKEN, headers=good, body=finished,
               expected="valid", timestamp=TS, now=TS + 3, tolerance_seconds=WINDOW,
               reason="build.finished signed over {timestamp}.{body}"),
        vector("valid-unicode", secret=TOKEN, headers=headers(ping, event="ping"), body=ping,
               expected="valid", timestamp=TS, now=TS + 40, tolerance_seconds=WINDOW,
               reason="ping whose body has non-ASCII UTF-8, signed as its bytes"),
        vector("valid-spaces", secret=TOKEN,
               headers={**good, "X-Buildkite-Signature": f"timestamp={TS}, signature={s}"},
               body=finished, expected="valid", timestamp=TS, now=TS, tolerance_seconds=WINDOW,
               reason="the documented parser strips each key and value"),
        vector("inside-window-past", secret=TOKEN, headers=headers(finished, ts=TS - WINDOW),
               body=finished, expected="valid", timestamp=TS - WINDOW, now=TS,
               tolerance_seconds=WINDOW, reason="exactly 5 minutes old"),
        vector("outside-window-past", secret=TOKEN,
               headers=headers(finished, ts=TS - WINDOW - 1), body=finished, expected="invalid",
               error="timestamp_too_old", timestamp=TS - WINDOW - 1, now=TS,
               tolerance_seconds=WINDOW, reason="5 minutes and 1 s old"),
        vector("inside-window-future", secret=TOKEN, headers=headers(finished, ts=TS + WINDOW),
               body=finished, expected="valid", timestamp=TS + WINDOW, now=TS,
               tolerance_seconds=WINDOW, reason="5 minutes ahead of the current time"),
        vector("outside-window-future", secret=TOKEN,
               headers=headers(finished, ts=TS + WINDOW + 1), body=finished, expected="invalid",
               error="timestamp_too_new", timestamp=TS + WINDOW + 1, now=TS,
               tolerance_seconds=WINDOW, reason="5 minutes and 1 s ahead of the current time"),
        vector("tampered-body", secret=TOKEN, headers=good, body=tampered(finished),
               expected="invalid", error="signature_mismatch", timestamp=TS, now=TS,
               tolerance_seconds=WINDOW, reason="body changed after signing"),
        vector("wrong-secret", secret="hooksign0buildkite0webhook0token2", headers=good,
               body=finished, expected="invalid", error="signature_mismatch", timestamp=TS,
               now=TS, tolerance_seconds=WINDOW, reason="another webhook's token"),
        vector("rotation", secret=["hooksign0buildkite0old0token", TOKEN], headers=good,
               body=finished, expected="valid", matched_secret_index=1, timestamp=TS, now=TS,
               tolerance_seconds=WINDOW, reason="the second configured token signed it"),
        vector("stale-and-forged", secret=TOKEN,
               headers={**good, "X-Buildkite-Signature": f"timestamp={TS - 3600},signature={s}"},
               body=finished, expected="invalid", error="signature_mismatch", timestamp=TS - 3600,
               now=TS, tolerance_seconds=WINDOW,
               reason="the docs verify the signature first, then the timestamp"),
        vector("missing-signature", secret=TOKEN,
               headers={"X-Buildkite-Event": "build.finished"}, body=finished,
               expected="invalid", error="missing_header", timestamp=TS, now=TS,
               tolerance_seconds=WINDOW,
               reason="no X-Buildkite-Signature (e.g. a webhook set to send X-Buildkite-Token)"),
        vector("no-signature-element", secret=TOKEN,
               headers={**good, "X-Buildkite-Signature": f"timestamp={TS}"}, body=finished,
               expected="invalid", error="no_signature", timestamp=TS, now=TS,
               tolerance_seconds=WINDOW, reason="the header has a timestamp but no signature="),
        vector("malformed-signature", secret=TOKEN,
               headers={**good, "X-Buildkite-Signature": f"timestamp={TS},signature=xyz"},
               body=finished, expected="invalid", error="malformed_header", timestamp=TS, now=TS,
               tolerance_seconds=WINDOW, reason="signature= is not a hex digest"),
    ]
