"""Segment (Twilio Segment), Webhooks (Actions) destination: `X-Signature: <hex HMAC-SHA1(shared
secret, body)>`.

Written from Segment's docs (Webhooks (Actions) destination: with a shared secret, requests are
signed with an HMAC in `X-Signature`, "a hex-encoded SHA1 hash generated using this shared
secret and the request body") and its open-source destination
(segmentio/action-destinations, `destinations/webhook/index.ts`: `createHmac('sha1',
sharedSecret).update(JSON.stringify(payload.data), 'utf8').digest('hex')`, the body being that
same JSON). No timestamp is signed.
"""

from ._common import hex_mac, tampered, vector

PROVIDER = "segment"
DOCS = [
    "https://www.twilio.com/docs/segment/connections/destinations/catalog/actions-webhook",
    "https://github.com/segmentio/action-destinations/blob/main/packages/destination-actions/src/destinations/webhook/index.ts",
]
MODEL = ("X-Signature is the lower-case hex HMAC-SHA1 of the request body (the JSON of the "
         "mapped data) keyed with the destination's shared secret as text.")

SECRET = "hooksign-segment-shared-secret-01"
BODY = ('{"type":"track","event":"Order Completed","messageId":"ajs-next-1700000000000-4f1c",'
        '"userId":"user-123","properties":{"revenue":29.5,"currency":"USD"},'
        '"timestamp":"2023-11-14T22:13:20.000Z"}')
BODY_UTF8 = ('{"type":"identify","messageId":"ajs-next-1700000000001-9a2e","userId":"user-456",'
             '"traits":{"name":"Zoë Müller","city":"Zürich","note":"こんにちは ✓"}}')


def h(secret, body):
    return {"X-Signature": hex_mac("sha1", secret, body)}


def cases():
    return [
        vector("valid-compact", secret=SECRET, headers=h(SECRET, BODY), body=BODY,
               expected="valid", reason="signed as the Webhooks (Actions) destination signs it"),
        vector("valid-utf8", secret=SECRET, headers=h(SECRET, BODY_UTF8), body=BODY_UTF8,
               expected="valid", reason="non-ASCII UTF-8 body: the raw bytes are signed"),
        vector("tampered-body", secret=SECRET, headers=h(SECRET, BODY), body=tampered(BODY),
               expected="invalid", error="signature_mismatch", reason="one bit of the body changed"),
        vector("wrong-secret", secret="not-the-shared-secret", headers=h(SECRET, BODY), body=BODY,
               expected="invalid", error="signature_mismatch", reason="signed with another secret"),
        vector("rotation", secret=["old-shared-secret", SECRET], headers=h(SECRET, BODY),
               body=BODY, expected="valid", matched_secret_index=1,
               reason="the second of two configured secrets signed it"),
        vector("missing-signature", secret=SECRET, headers={}, body=BODY, expected="invalid",
               error="missing_header",
               reason="no X-Signature header (as on a destination without a shared secret)"),
        vector("sha256-instead", secret=SECRET,
               headers={"X-Signature": hex_mac("sha256", SECRET, BODY)}, body=BODY,
               expected="invalid", error="malformed_header",
               reason="a SHA-256 hex digest (64 digits) where SHA-1 gives 40"),
        vector("upper-case-hex", secret=SECRET,
               headers={"X-Signature": hex_mac("sha1", SECRET, BODY).upper()}, body=BODY,
               expected="invalid", error="malformed_header",
               reason="digest('hex') is lower case: upper case is not what Segment sends"),
    ]
