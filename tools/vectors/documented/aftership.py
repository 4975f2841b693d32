"""AfterShip Tracking: `aftership-hmac-sha256: <base64 HMAC-SHA256(webhook secret, body)>`.

Model written from AfterShip's Tracking documentation: the account's webhook secret (text)
keys an HMAC-SHA256 of the raw request body; the header carries the digest in base64 (the
docs' Node.js sample: `createHmac('sha256', WEBHOOK_SECRET).update(body).digest('base64')`,
standard padded base64). No timestamp is signed (the body's `ts` is not part of the scheme).
"""

from documented._common import b64_mac, mac, tampered, vector

PROVIDER = "aftership"
DOCS = [
    "https://www.aftership.com/docs/tracking/webhook/webhook-signature",
    "https://www.aftership.com/docs/tracking/2025-01/webhook/webhook-specifications",
    "https://www.aftership.com/docs/tracking/webhook/webhook-overview",
]
MODEL = ("aftership-hmac-sha256 is the standard padded base64 HMAC-SHA256 of the raw body "
         "keyed with the webhook secret as text; nothing else is signed.")

SECRET = "hooksignAfterShipWebhookSecret0001"
OTHER = "hooksignAfterShipWebhookSecret0000"

BODY = ('{"event":"tracking_update","event_id":"f4f1a5c0-1b2e-4d3c-9a8b-7c6d5e4f3a21",'
        '"is_tracking_first_tag":true,"msg":{"id":"5b74f4958776db0e00b6f5ed",'
        '"tracking_number":"9405511202575421535949","slug":"usps","tag":"InTransit",'
        '"subtag":"InTransit_001"},"ts":1700000000}')
UNICODE = ('{"event":"tracking_update","event_id":"0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",'
           '"is_tracking_first_tag":false,"msg":{"id":"5b74f4958776db0e00b6f5ee",'
           '"tracking_number":"LX123456789CN","slug":"china-post","tag":"Delivered",'
           '"customer_name":"Zoë Ångström","title":"Café ✓ 日本語 🎉"},"ts":1700000100}')
COMPACT = ('{"event":"tracking_update","event_id":"f4f1a5c0-1b2e-4d3c-9a8b-7c6d5e4f3a21",'
           '"msg":{"tag":"Delivered"},"ts":1700000000}')


def sig(body, secret=SECRET):
    return b64_mac("sha256", secret, body)


def cases():
    ct = {"Content-Type": "application/json"}
    h = "aftership-hmac-sha256"
    return [
        vector("valid-json", secret=SECRET, body=BODY, expected="valid",
               headers={**ct, h: sig(BODY)}, reason="valid tracking_update delivery"),
        vector("valid-unicode", secret=SECRET, body=UNICODE, expected="valid",
               headers={**ct, h: sig(UNICODE)},
               reason="valid tracking_update delivery whose body has non-ASCII UTF-8"),
        vector("valid-compact", secret=SECRET, body=COMPACT, expected="valid",
               headers={h: sig(COMPACT)}, reason="valid delivery, short body (the rustdoc "
                                                 "example)"),
        vector("tampered-body", secret=SECRET, body=tampered(BODY), expected="invalid",
               error="signature_mismatch", headers={**ct, h: sig(BODY)},
               reason="body changed after signing"),
        vector("wrong-secret", secret=SECRET, body=BODY, expected="invalid",
               error="signature_mismatch", headers={**ct, h: sig(BODY, OTHER)},
               reason="signed with another webhook secret"),
        vector("rotation", secret=[OTHER, SECRET], body=BODY, expected="valid",
               matched_secret_index=1, headers={**ct, h: sig(BODY)},
               reason="old and new webhook secrets configured; the second matches"),
        vector("missing-signature", secret=SECRET, body=BODY, expected="invalid",
               error="missing_header", headers=ct, reason="no aftership-hmac-sha256 header"),
        vector("hex-digest", secret=SECRET, body=BODY, expected="invalid",
               error="malformed_header",
               headers={**ct, h: mac("sha256", SECRET, BODY).hex()},
               reason="correct digest as hex instead of base64"),
        vector("returns-header-only", secret=SECRET, body=BODY, expected="invalid",
               error="missing_header", headers={**ct, "as-signature-hmac-sha256": sig(BODY)},
               reason="the signature under AfterShip Returns' header name: Tracking's "
                      "aftership-hmac-sha256 is absent"),
    ]
