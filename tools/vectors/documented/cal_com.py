"""Cal.com: `X-Cal-Signature-256: <hex HMAC-SHA256(webhook secret, body)>`.

Written from Cal.com's own source only (calcom/cal.com, commit
008952de0ac2d35c3056ac98034e1012033c0867, packages/features/webhooks/lib/sendPayload.ts):
`createWebhookSignature` is `createHmac("sha256", secret).update(body).digest("hex")`, or the
literal `no-secret-provided` when the webhook has no secret; `_sendPayload` sends it as
`X-Cal-Signature-256` with the same `body` string. Without a payload template the body is
`JSON.stringify({triggerEvent, createdAt, payload})`.
"""

import json

from ._common import hex_mac, tampered, vector

PROVIDER = "cal-com"
DOCS = ["https://github.com/calcom/cal.com/blob/008952de0ac2d35c3056ac98034e1012033c0867/packages/features/webhooks/lib/sendPayload.ts"]
MODEL = ("X-Cal-Signature-256 is the lower-case hex HMAC-SHA256 of the body string sent, keyed "
         "with the webhook secret as text; the body is JSON.stringify({triggerEvent, createdAt, "
         "payload}).")

SECRET = "hooksign-cal-com-webhook-secret-0001"


def js_stringify(value):
    """JSON.stringify: no spaces, non-ASCII written as is."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


CREATED = js_stringify({
    "triggerEvent": "BOOKING_CREATED",
    "createdAt": "2023-11-14T22:13:20.000Z",
    "payload": {"type": "30min", "title": "30 Min Meeting between Alice and Bob",
                "startTime": "2023-11-20T10:00:00Z", "endTime": "2023-11-20T10:30:00Z",
                "uid": "bFJeNb2uX8ANpT3JL5EfXw", "bookingId": 91},
})

UNICODE = js_stringify({
    "triggerEvent": "BOOKING_CANCELLED",
    "createdAt": "2023-11-14T22:13:21.000Z",
    "payload": {"title": "Entretien avec Zoë Ångström — 日本語 🎉",
                "cancellationReason": "Désolé, empêchement", "uid": "q8mXyZ2uX8ANpT3JL5EfXw"},
})


def headers(body, secret=SECRET):
    return {"Content-Type": "application/json",
            "X-Cal-Signature-256": hex_mac("sha256", secret, body)}


def cases():
    good = headers(CREATED)
    sig = good["X-Cal-Signature-256"]
    return [
        vector("valid-booking-created", secret=SECRET, headers=good, body=CREATED,
               expected="valid", reason="a BOOKING_CREATED delivery as _sendPayload sends it"),
        vector("valid-unicode", secret=SECRET, headers=headers(UNICODE), body=UNICODE,
               expected="valid",
               reason="a BOOKING_CANCELLED delivery with non-ASCII UTF-8 (JSON.stringify leaves it unescaped)"),
        vector("tampered-body", secret=SECRET, headers=good, body=tampered(CREATED),
               expected="invalid", error="signature_mismatch",
               reason="one bit of the body changed after signing"),
        vector("wrong-secret", secret="another-secret", headers=good, body=CREATED,
               expected="invalid", error="signature_mismatch",
               reason="verified with a secret other than the signing one"),
        vector("rotation", secret=["old-cal-secret", SECRET], headers=good, body=CREATED,
               expected="valid", matched_secret_index=1,
               reason="while the secret is changed both are kept; the second one signed"),
        vector("missing-header", secret=SECRET, headers={"Content-Type": "application/json"},
               body=CREATED, expected="invalid", error="missing_header",
               reason="no X-Cal-Signature-256"),
        vector("no-secret-provided", secret=SECRET,
               headers={"X-Cal-Signature-256": "no-secret-provided"}, body=CREATED,
               expected="invalid", error="malformed_header",
               reason="what Cal.com sends for a webhook without a secret: not a signature"),
        vector("uppercase-hex", secret=SECRET, headers={"X-Cal-Signature-256": sig.upper()},
               body=CREATED, expected="invalid", error="malformed_header",
               reason="digest('hex') is lower case, the only spelling Cal.com sends"),
        vector("sha256-prefix", secret=SECRET, headers={"X-Cal-Signature-256": "sha256=" + sig},
               body=CREATED, expected="invalid", error="malformed_header",
               reason="the header is bare hex, with no sha256= prefix"),
    ]
