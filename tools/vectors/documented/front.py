"""Front application webhooks: `X-Front-Signature: <base64 HMAC-SHA256(app secret,
"{x-front-request-timestamp}:{body}")>`, the timestamp in milliseconds; written from Front's
"Application webhooks" page, its Connector "Security" page (same headers, 5-minute advice) and
Front's sample `frontapp/dynamic-objects-handler` `lib/auth.ts`."""

from documented._common import b64_mac, tampered, vector

PROVIDER = "front"
DOCS = [
    "https://dev.frontapp.com/docs/application-webhooks (Verifying integrity)",
    "https://dev.frontapp.com/docs/security-1",
    "https://github.com/frontapp/dynamic-objects-handler/blob/main/lib/auth.ts",
]
MODEL = ("X-Front-Signature is the standard base64 HMAC-SHA256, keyed with the app secret as "
         "text, of the x-front-request-timestamp header (Unix milliseconds, as sent) + ':' + the "
         "raw body; Front recommends rejecting requests older than 5 minutes.")

SECRET = "hooksignFrontAppSecret00000001"
TS_MS = 1700000000000
NOW = 1700000000
WINDOW = 300


def headers(body, ts_ms=TS_MS, secret=SECRET):
    raw = body.encode() if isinstance(body, str) else body
    return {
        "x-front-request-timestamp": str(ts_ms),
        "x-front-signature": b64_mac("sha256", secret, f"{ts_ms}:".encode() + raw),
    }


def cases():
    sync = '{"type":"sync","authorization":{"id":"cmp_abc"}}'
    inbound = ('{"type":"inbound","authorization":{"id":"cmp_abc"},'
               '"payload":{"subject":"Bonjour — réservation ✓ 日本語 🎫"}}')
    good = headers(sync)
    w = WINDOW * 1000
    return [
        vector("valid-sync", secret=SECRET,
               headers={**good, "x-front-challenge": "hooksign-challenge"}, body=sync,
               expected="valid", timestamp=NOW, now=NOW + 1, tolerance_seconds=WINDOW,
               reason="the documented validation request (type sync) with its challenge header"),
        vector("valid-unicode", secret=SECRET, headers=headers(inbound, ts_ms=TS_MS + 250),
               body=inbound, expected="valid", timestamp=NOW, now=NOW + 10,
               tolerance_seconds=WINDOW,
               reason="an event whose body has non-ASCII UTF-8, signed as its bytes; "
                      "a timestamp with a millisecond part"),
        vector("inside-window-past", secret=SECRET, headers=headers(sync, ts_ms=TS_MS - w),
               body=sync, expected="valid", timestamp=NOW - WINDOW, now=NOW,
               tolerance_seconds=WINDOW, reason="exactly 5 minutes old"),
        vector("outside-window-past", secret=SECRET,
               headers=headers(sync, ts_ms=TS_MS - w - 1000), body=sync, expected="invalid",
               error="timestamp_too_old", timestamp=NOW - WINDOW - 1, now=NOW,
               tolerance_seconds=WINDOW, reason="5 minutes and 1 s old"),
        vector("tampered-body", secret=SECRET, headers=good, body=tampered(sync),
               expected="invalid", error="signature_mismatch", timestamp=NOW, now=NOW,
               tolerance_seconds=WINDOW, reason="body changed after signing"),
        vector("wrong-secret", secret="hooksignFrontAppSecret00000002", headers=good, body=sync,
               expected="invalid", error="signature_mismatch", timestamp=NOW, now=NOW,
               tolerance_seconds=WINDOW, reason="another app's secret"),
        vector("rotation", secret=["hooksignFrontOldAppSecret", SECRET], headers=good, body=sync,
               expected="valid", matched_secret_index=1, timestamp=NOW, now=NOW,
               tolerance_seconds=WINDOW, reason="the second configured secret signed it"),
        vector("seconds-not-milliseconds", secret=SECRET, headers=headers(sync, ts_ms=NOW),
               body=sync, expected="invalid", error="timestamp_too_old", timestamp=NOW, now=NOW,
               tolerance_seconds=WINDOW,
               reason="a timestamp in seconds read as milliseconds is decades old"),
        vector("missing-signature", secret=SECRET,
               headers={"x-front-request-timestamp": str(TS_MS)}, body=sync,
               expected="invalid", error="missing_header", timestamp=NOW, now=NOW,
               tolerance_seconds=WINDOW, reason="no x-front-signature header"),
        vector("missing-timestamp", secret=SECRET,
               headers={"x-front-signature": good["x-front-signature"]}, body=sync,
               expected="invalid", error="missing_header", timestamp=NOW, now=NOW,
               tolerance_seconds=WINDOW,
               reason="no x-front-request-timestamp: a rule webhook (SHA-1 of the body) or not "
                      "from Front"),
        vector("malformed-signature", secret=SECRET,
               headers={**good, "x-front-signature": "not base64!"}, body=sync,
               expected="invalid", error="malformed_header", timestamp=NOW, now=NOW,
               tolerance_seconds=WINDOW, reason="the signature is not base64"),
    ]
