"""Zoom: `x-zm-signature: v0=<hex HMAC-SHA256(secret token, "v0:{x-zm-request-timestamp}:{body}")>`.

Written from Zoom's own material only: its webhook sample app (zoom/webhook-sample, index.js)
builds `v0:${x-zm-request-timestamp}:${body}`, HMACs it with SHA-256 keyed with the Webhook
Secret Token (text), writes `v0=` + lower-case hex and compares with `===`; Zoom's SDK
`@zoom/rivet` does the same and checks no time window, and neither does the sample.
"""

from ._common import hex_mac, tampered, vector

PROVIDER = "zoom"
DOCS = [
    "https://developers.zoom.us/docs/api/webhooks/#verify-webhook-events",
    "https://github.com/zoom/webhook-sample/blob/master/index.js",
    "https://github.com/zoom/rivet-javascript (CommonHttpRequest.isEventVerified)",
]
MODEL = ("x-zm-signature is 'v0=' + lower-case hex HMAC-SHA256, keyed with the secret token as "
         "text, of 'v0:' + the x-zm-request-timestamp header as received + ':' + the raw body; "
         "no time window is documented or checked.")

SECRET = "hooksign0zoom0secret0token01"
TS = "1700000000"


def sign(secret, ts, body):
    return "v0=" + hex_mac("sha256", secret, f"v0:{ts}:".encode() + (
        body.encode() if isinstance(body, str) else body))


def headers(secret, ts, body):
    return {"x-zm-request-timestamp": ts, "x-zm-signature": sign(secret, ts, body)}


BODY = ('{"event":"meeting.started","payload":{"account_id":"AAAAAAAAAAAAAAAAAAAAAA",'
        '"object":{"id":"85746065","uuid":"4444AAAiAAAAAiAiAiiAii==","topic":"Standup"}},'
        '"event_ts":1700000000123}')
BODY_UTF8 = ('{"event":"meeting.ended","payload":{"object":{"id":"85746065",'
             '"topic":"Réunion d’équipe — 会議 ✓"}},"event_ts":1700000100456}')


def cases():
    return [
        vector("valid-compact", secret=SECRET, headers=headers(SECRET, TS, BODY), body=BODY,
               expected="valid", timestamp=1700000000, now=1700000003,
               reason="signed as Zoom's sample app computes it"),
        vector("valid-utf8", secret=SECRET, headers=headers(SECRET, "1700000100", BODY_UTF8),
               body=BODY_UTF8, expected="valid", timestamp=1700000100, now=1700000101,
               reason="non-ASCII UTF-8 body: the raw bytes are signed"),
        vector("valid-old-timestamp", secret=SECRET, headers=headers(SECRET, TS, BODY),
               body=BODY, expected="valid", timestamp=1700000000, now=1700086400,
               reason="a day later: Zoom documents no window and its SDK checks none"),
        vector("tampered-body", secret=SECRET, headers=headers(SECRET, TS, BODY),
               body=tampered(BODY), expected="invalid", error="signature_mismatch",
               timestamp=1700000000, now=1700000003, reason="one bit of the body changed"),
        vector("tampered-timestamp", secret=SECRET, headers={
                   "x-zm-request-timestamp": "1700000001",
                   "x-zm-signature": sign(SECRET, TS, BODY)},
               body=BODY, expected="invalid", error="signature_mismatch",
               timestamp=1700000001, now=1700000003,
               reason="the timestamp is signed: another value breaks the signature"),
        vector("wrong-secret", secret="not-the-secret-token", headers=headers(SECRET, TS, BODY),
               body=BODY, expected="invalid", error="signature_mismatch",
               timestamp=1700000000, now=1700000003, reason="signed with another secret token"),
        vector("rotation", secret=["old-secret-token", SECRET],
               headers=headers(SECRET, TS, BODY), body=BODY, expected="valid",
               matched_secret_index=1, timestamp=1700000000, now=1700000003,
               reason="the second of two configured secret tokens signed it"),
        vector("missing-signature", secret=SECRET, headers={"x-zm-request-timestamp": TS},
               body=BODY, expected="invalid", error="missing_header",
               timestamp=1700000000, now=1700000003, reason="no x-zm-signature header"),
        vector("missing-timestamp", secret=SECRET,
               headers={"x-zm-signature": sign(SECRET, TS, BODY)}, body=BODY,
               expected="invalid", error="missing_header", now=1700000003,
               reason="no x-zm-request-timestamp header: the signed content cannot be built"),
        vector("no-prefix", secret=SECRET,
               headers={"x-zm-request-timestamp": TS,
                        "x-zm-signature": sign(SECRET, TS, BODY)[3:]},
               body=BODY, expected="invalid", error="malformed_header",
               timestamp=1700000000, now=1700000003,
               reason="the hex without its 'v0=' version prefix"),
        vector("upper-case-hex", secret=SECRET,
               headers={"x-zm-request-timestamp": TS,
                        "x-zm-signature": "v0=" + sign(SECRET, TS, BODY)[3:].upper()},
               body=BODY, expected="invalid", error="malformed_header",
               timestamp=1700000000, now=1700000003,
               reason="Zoom's sample compares the lower-case hex string with ===: upper case "
                      "fails (not lower-case hex, so the value is malformed)"),
    ]
