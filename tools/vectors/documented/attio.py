"""Attio webhooks: `Attio-Signature: <hex HMAC-SHA256(webhook secret, body)>` (duplicated as
`X-Attio-Signature`), written from Attio's webhooks guide: the value is a SHA256 HMAC of the
request body with the webhook secret as the key, encoded as a hexadecimal string; only the
body is signed, interpreted as UTF-8. No timestamp is signed. An `Idempotency-Key` header is
different for each message and the same between retries and redeliveries."""

from documented._common import hex_mac, tampered, vector

PROVIDER = "attio"
DOCS = [
    "https://docs.attio.com/rest-api/guides/webhooks",
    "https://attio.com/developers/using-webhooks",
]
MODEL = ("Attio-Signature (and its duplicate X-Attio-Signature) is the lower-case hex "
         "HMAC-SHA256 of the raw body keyed with the webhook secret as UTF-8; no timestamp is "
         "signed.")

SECRET = "hooksign0attio0webhook0secret0000000000000000000000000000000001"
HEADER = "Attio-Signature"
LEGACY = "X-Attio-Signature"
KEY = "Idempotency-Key"


def cases():
    created = ('{"webhook_id":"5c4e4d5a-9b0e-4d7e-8a4a-1a2b3c4d5e6f","events":[{"event_type":'
               '"record.created","id":{"workspace_id":"14beef7a-99f7-4534-a87e-70b564330a4c",'
               '"object_id":"97052eb9-e65e-443f-a297-f2d9a4a7f795","record_id":'
               '"bf071e1f-6035-429d-b874-d83ea64ea13b"},"actor":{"type":"workspace-member",'
               '"id":"50cf242c-7fa3-4cad-87d0-75b1af71c57b"}}]}')
    note = ('{"webhook_id":"5c4e4d5a-9b0e-4d7e-8a4a-1a2b3c4d5e6f","events":[{"event_type":'
            '"note.created","id":{"workspace_id":"14beef7a-99f7-4534-a87e-70b564330a4c",'
            '"note_id":"ff3f3bd4-40f4-4f80-8187-cd02385af424"},"parent_object_id":'
            '"97052eb9-e65e-443f-a297-f2d9a4a7f795","title":"Réunion à Zürich — 東京 ✅"}]}')
    old = "hooksign0attio0old0webhook0secret000000000000000000000000000001"
    sig = hex_mac("sha256", SECRET, created)
    good = {HEADER: sig, LEGACY: sig, KEY: "0b6c4f3e-hooksign-attio-message-0001"}
    return [
        vector("valid-record-created", secret=SECRET, headers=good, body=created,
               expected="valid",
               reason="a record.created delivery with both signature headers and its Idempotency-Key"),
        vector("valid-unicode", secret=SECRET,
               headers={HEADER: hex_mac("sha256", SECRET, note), KEY: "0b6c4f3e-hooksign-attio-message-0002"},
               body=note, expected="valid",
               reason="a note.created delivery with non-ASCII UTF-8, signed as its bytes"),
        vector("valid-legacy-header-only", secret=SECRET, headers={LEGACY: sig}, body=created,
               expected="valid",
               reason="X-Attio-Signature carries the same value, for middleware that drops the other"),
        vector("tampered-body", secret=SECRET, headers=good, body=tampered(created),
               expected="invalid", error="signature_mismatch",
               reason="one bit of the body changed after signing"),
        vector("wrong-secret", secret="hooksign0attio0other0webhook0secret00000000000000000000000001",
               headers=good, body=created, expected="invalid", error="signature_mismatch",
               reason="another webhook's secret"),
        vector("rotation", secret=[old, SECRET], headers=good, body=created, expected="valid",
               matched_secret_index=1,
               reason="the receiver holds an old and the current webhook secret"),
        vector("missing-header", secret=SECRET, headers={"Content-Type": "application/json"},
               body=created, expected="invalid", error="missing_header",
               reason="neither Attio-Signature nor X-Attio-Signature"),
        vector("uppercase-hex", secret=SECRET, headers={HEADER: sig.upper()}, body=created,
               expected="invalid", error="malformed_header",
               reason="upper-case hex is not what Attio sends (a hex digest compared as a string)"),
        vector("malformed-signature", secret=SECRET, headers={HEADER: "sha256=" + sig},
               body=created, expected="invalid", error="malformed_header",
               reason="Attio sends the bare hex digest, with no prefix"),
    ]
