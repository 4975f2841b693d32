"""Todoist: `X-Todoist-Hmac-SHA256: <base64 HMAC-SHA256(client secret, body)>`.

Written from Doist's own SDK (Doist/todoist-sdk-typescript, `src/utils/webhook-parser.ts`,
`verifyWebhookSignature`) and its published API reference
(doist.github.io/todoist-sdk-typescript): deliveries are signed with an HMAC-SHA256 of the raw
request body keyed with the app's OAuth client secret (text), base64-encoded in the
`X-Todoist-Hmac-SHA256` header. No timestamp is signed.
"""

from ._common import b64_mac, hex_mac, tampered, vector

PROVIDER = "todoist"
DOCS = [
    "https://doist.github.io/todoist-sdk-typescript/api/functions/verifyWebhookSignature",
    "https://github.com/Doist/todoist-sdk-typescript/blob/main/src/utils/webhook-parser.ts",
]
MODEL = ("X-Todoist-Hmac-SHA256 is the standard base64 of the raw HMAC-SHA256 of the body keyed "
         "with the app's client secret as text; nothing else is signed.")

SECRET = "hooksign0todoist0client0secret01"
BODY = ('{"event_name":"item:added","user_id":"2671355","event_data":{"id":"6XR4GqQQCW6Gv9h4",'
        '"content":"Buy Milk","project_id":"6XR4H993xv8H5qCR"},"initiator":{"id":"2671355",'
        '"full_name":"Alice"},"version":"10","triggered_at":"2025-02-10T10:39:38.000000Z"}')
BODY_UTF8 = ('{"event_name":"note:added","user_id":"2671355","event_data":{"id":"6XR4H9M",'
             '"content":"Café au lait — 牛乳を買う ✓"},"initiator":{"id":"2671355",'
             '"full_name":"Zoë"},"version":"10","triggered_at":"2025-02-10T10:40:00.000000Z"}')


def h(secret, body):
    return {"X-Todoist-Hmac-SHA256": b64_mac("sha256", secret, body)}


def cases():
    return [
        vector("valid-compact", secret=SECRET, headers=h(SECRET, BODY), body=BODY,
               expected="valid", reason="signed as verifyWebhookSignature checks it"),
        vector("valid-utf8", secret=SECRET, headers=h(SECRET, BODY_UTF8), body=BODY_UTF8,
               expected="valid", reason="non-ASCII UTF-8 body: the raw bytes are signed"),
        vector("tampered-body", secret=SECRET, headers=h(SECRET, BODY), body=tampered(BODY),
               expected="invalid", error="signature_mismatch", reason="one bit of the body changed"),
        vector("wrong-secret", secret="not-the-client-secret", headers=h(SECRET, BODY), body=BODY,
               expected="invalid", error="signature_mismatch",
               reason="signed with another client secret"),
        vector("rotation", secret=["old-client-secret", SECRET], headers=h(SECRET, BODY),
               body=BODY, expected="valid", matched_secret_index=1,
               reason="the second of two configured client secrets signed it"),
        vector("missing-signature", secret=SECRET, headers={"Content-Type": "application/json"},
               body=BODY, expected="invalid", error="missing_header",
               reason="no X-Todoist-Hmac-SHA256 header"),
        vector("hex-instead", secret=SECRET,
               headers={"X-Todoist-Hmac-SHA256": hex_mac("sha256", SECRET, BODY)}, body=BODY,
               expected="invalid", error="malformed_header",
               reason="a hex digest where Todoist sends base64"),
        vector("empty-signature", secret=SECRET, headers={"X-Todoist-Hmac-SHA256": ""},
               body=BODY, expected="invalid", error="malformed_header",
               reason="an empty header value (the SDK's own test rejects it)"),
    ]
