"""Frame.io webhooks: `X-Frameio-Signature: v0=<hex HMAC-SHA256(signing secret,
"v0:{X-Frameio-Request-Timestamp}:{body}")>`, written from Frame.io's V4 webhooks guide."""

from documented._common import hex_mac, tampered, vector

PROVIDER = "frame-io"
DOCS = [
    "https://developer.frame.io/platform/v4/docs/guides/webhooks (Security, Verifying Webhook Signatures)",
    "https://github.com/AdobeDocs/frameio-api/blob/main/src/pages/guides/Webhooks/index.md",
]
MODEL = ("X-Frameio-Signature is 'v0=' + the lower-case hex HMAC-SHA256, keyed with the webhook's "
         "signing secret as text, of 'v0:' + X-Frameio-Request-Timestamp (Unix seconds, as sent) "
         "+ ':' + the raw body; the timestamp should be within 5 minutes of local time.")

SECRET = "hooksignFrameioSigningSecret0001"
TS = 1700000000
WINDOW = 300


def headers(body, ts=TS, secret=SECRET):
    raw = body.encode() if isinstance(body, str) else body
    return {
        "X-Frameio-Request-Timestamp": str(ts),
        "X-Frameio-Signature": "v0=" + hex_mac("sha256", secret, f"v0:{ts}:".encode() + raw),
    }


def cases():
    ready = ('{"account":{"id":"6f70f1bd-7e89-4a7e-b4d3-7e576585a181"},"project":{"id":"7e46e495-4444-4555-8649-bee4d391a997"},'
             '"resource":{"id":"d3075547-4e64-45f0-ad12-d075660eddd2","type":"file"},"type":"file.ready",'
             '"user":{"id":"56556a3f-859f-4b38-b6c6-e8625b5da8a5"},"workspace":{"id":"378fcbf7-6f88-4224-8139-6a743ed940b2"}}')
    comment = ('{"resource":{"id":"0f9a2b1c-1111-4222-8333-444455556666","type":"comment"},'
               '"type":"comment.created","text":"Schöne Farbkorrektur ✓ — 日本語 🎬"}')
    good = headers(ready)
    old = headers(ready, ts=TS - WINDOW - 1)
    edge = headers(ready, ts=TS - WINDOW)
    future_ok = headers(ready, ts=TS + WINDOW)
    future_bad = headers(ready, ts=TS + WINDOW + 1)
    return [
        vector("valid-file-ready", secret=SECRET, headers=good, body=ready, expected="valid",
               timestamp=TS, now=TS + 1, tolerance_seconds=WINDOW,
               reason="the guide's example file.ready payload, signed over v0:{timestamp}:{body}"),
        vector("valid-unicode", secret=SECRET, headers=headers(comment), body=comment,
               expected="valid", timestamp=TS, now=TS + 20, tolerance_seconds=WINDOW,
               reason="comment.created whose body has non-ASCII UTF-8, signed as its UTF-8 bytes. An assumption: the guide signs the received bytes, but its Python sample encodes the message as Latin-1, which would differ (or fail) on such a body"),
        vector("inside-window-past", secret=SECRET, headers=edge, body=ready, expected="valid",
               timestamp=TS - WINDOW, now=TS, tolerance_seconds=WINDOW,
               reason="exactly 5 minutes old: within 5 minutes of local time"),
        vector("outside-window-past", secret=SECRET, headers=old, body=ready, expected="invalid",
               error="timestamp_too_old", timestamp=TS - WINDOW - 1, now=TS,
               tolerance_seconds=WINDOW, reason="5 minutes and 1 s old"),
        vector("inside-window-future", secret=SECRET, headers=future_ok, body=ready,
               expected="valid", timestamp=TS + WINDOW, now=TS, tolerance_seconds=WINDOW,
               reason="5 minutes ahead of local time: still within 5 minutes"),
        vector("outside-window-future", secret=SECRET, headers=future_bad, body=ready,
               expected="invalid", error="timestamp_too_new", timestamp=TS + WINDOW + 1, now=TS,
               tolerance_seconds=WINDOW, reason="5 minutes and 1 s ahead of local time"),
        vector("tampered-body", secret=SECRET, headers=good, body=tampered(ready),
               expected="invalid", error="signature_mismatch", timestamp=TS, now=TS,
               tolerance_seconds=WINDOW, reason="body changed after signing"),
        vector("wrong-secret", secret="hooksignFrameioSigningSecret0002", headers=good, body=ready,
               expected="invalid", error="signature_mismatch", timestamp=TS, now=TS,
               tolerance_seconds=WINDOW, reason="another webhook's signing secret"),
        vector("rotation", secret=["hooksignFrameioOldSecret", SECRET], headers=good, body=ready,
               expected="valid", matched_secret_index=1, timestamp=TS, now=TS,
               tolerance_seconds=WINDOW, reason="the second configured secret signed it"),
        vector("missing-signature", secret=SECRET,
               headers={"X-Frameio-Request-Timestamp": str(TS)}, body=ready, expected="invalid",
               error="missing_header", timestamp=TS, now=TS, tolerance_seconds=WINDOW,
               reason="no X-Frameio-Signature header"),
        vector("missing-timestamp", secret=SECRET,
               headers={"X-Frameio-Signature": good["X-Frameio-Signature"]}, body=ready,
               expected="invalid", error="missing_header", timestamp=TS, now=TS,
               tolerance_seconds=WINDOW, reason="no X-Frameio-Request-Timestamp header"),
        vector("no-version-prefix", secret=SECRET,
               headers={**good, "X-Frameio-Signature": good["X-Frameio-Signature"][3:]},
               body=ready, expected="invalid", error="malformed_header", timestamp=TS, now=TS,
               tolerance_seconds=WINDOW,
               reason="the signature without its v0= prefix is not the documented value"),
        vector("malformed-signature", secret=SECRET,
               headers={**good, "X-Frameio-Signature": "v0=zz"}, body=ready, expected="invalid",
               error="malformed_header", timestamp=TS, now=TS, tolerance_seconds=WINDOW,
               reason="v0= followed by something that is not a hex digest"),
    ]
