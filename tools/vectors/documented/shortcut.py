"""Shortcut: `Payload-Signature: <hex HMAC-SHA256(secret, body)>`.

Written from Shortcut's own material: the Outgoing Webhooks API page (the `Clubhouse-Signature`
header was renamed `Payload-Signature`), the Help Center article "Registering Outgoing Webhooks
(API)" (the webhook's `secret` makes "a hash signature with each payload that is passed along in
the Payload-Signature header", an "HMAC hexdigest"), and the official SDK `@shortcut/client`
(useshortcut/shortcut-client-js, `src/webhooks/verify.ts`, published in 3.4.1 as
`lib/webhooks/verify.cjs`): the header is 64 hex digits of either case, decoded and checked
with WebCrypto's HMAC-SHA256 `verify` over the raw body, the key the secret's UTF-8 bytes. No
timestamp is signed. The SDK returns the body's `id` as the delivery id, which redeliveries
reuse.
"""

from ._common import hex_mac, b64_mac, tampered, vector

PROVIDER = "shortcut"
DOCS = [
    "https://developer.shortcut.com/api/webhook/v1",
    "https://help.shortcut.com/hc/en-us/articles/34734717380756",
    "https://github.com/useshortcut/shortcut-client-js/blob/main/src/webhooks/verify.ts",
]
MODEL = ("Payload-Signature is the hex (either case) HMAC-SHA256 of the raw body keyed with the "
         "webhook secret as text; nothing else is signed.")

SECRET = "hooksign-shortcut-webhook-secret-0001"
BODY = ('{"id":"595285dc-9c43-4b9c-a1e6-0cd9aff5b084","changed_at":"2017-06-27T16:20:44Z",'
        '"primary_id":16927,"member_id":"56d8a839-1c52-437f-b981-c3a15a11d6d4","version":"v1",'
        '"actions":[{"id":16927,"entity_type":"story","action":"update","name":"test story",'
        '"changes":{"started":{"new":true,"old":false},"workflow_state_id":{"new":1495,'
        '"old":1493}}}],"references":[{"id":1495,"entity_type":"workflow-state",'
        '"name":"Ready for Deploy"}]}')
BODY_UTF8 = ('{"id":"6a1c0e2b-8f3d-4c5e-9a7b-1d2e3f4a5b6c","changed_at":"2025-03-01T09:00:00Z",'
             '"primary_id":17001,"member_id":"56d8a839-1c52-437f-b981-c3a15a11d6d4",'
             '"version":"v1","actions":[{"id":17001,"entity_type":"story","action":"create",'
             '"name":"Réparer l\'export — 東京 ✓"}]}')


def h(secret, body):
    return {"Payload-Signature": hex_mac("sha256", secret, body),
            "Content-Type": "application/json"}


def cases():
    upper = {"Payload-Signature": hex_mac("sha256", SECRET, BODY).upper()}
    return [
        vector("valid-compact", secret=SECRET, headers=h(SECRET, BODY), body=BODY,
               expected="valid",
               reason="the Outgoing Webhooks v1 example event, signed as verifyShortcutWebhook"
                      "Signature checks it"),
        vector("valid-utf8", secret=SECRET, headers=h(SECRET, BODY_UTF8), body=BODY_UTF8,
               expected="valid", reason="non-ASCII UTF-8 body: the raw bytes are signed"),
        vector("valid-upper-case-hex", secret=SECRET, headers=upper, body=BODY,
               expected="valid",
               reason="the SDK accepts [0-9a-fA-F]{64} and compares the decoded bytes"),
        vector("tampered-body", secret=SECRET, headers=h(SECRET, BODY), body=tampered(BODY),
               expected="invalid", error="signature_mismatch",
               reason="one bit of the body changed after signing"),
        vector("wrong-secret", secret="hooksign-shortcut-other-secret", headers=h(SECRET, BODY),
               body=BODY, expected="invalid", error="signature_mismatch",
               reason="verified with a secret that did not sign it"),
        vector("rotation", secret=["hooksign-shortcut-old-secret", SECRET],
               headers=h(SECRET, BODY), body=BODY, expected="valid", matched_secret_index=1,
               reason="the second of two configured secrets signed it"),
        vector("missing-signature", secret=SECRET, headers={"Content-Type": "application/json"},
               body=BODY, expected="invalid", error="missing_header",
               reason="no Payload-Signature header (a webhook without a secret)"),
        vector("base64-instead", secret=SECRET,
               headers={"Payload-Signature": b64_mac("sha256", SECRET, BODY)}, body=BODY,
               expected="invalid", error="malformed_header",
               reason="the right MAC in base64 where Shortcut sends hex"),
        vector("not-hex", secret=SECRET, headers={"Payload-Signature": "not-hex"}, body=BODY,
               expected="invalid", error="malformed_header",
               reason="a value that is not 64 hex digits (the SDK's own test rejects it)"),
        vector("empty-signature", secret=SECRET, headers={"Payload-Signature": ""}, body=BODY,
               expected="invalid", error="malformed_header", reason="an empty header value"),
    ]
