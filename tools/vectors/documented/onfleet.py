"""Onfleet: `X-Onfleet-Signature: <hex HMAC-SHA512(hex-decoded webhook secret, body)>`.

Model written from Onfleet's documentation ("Webhook Authentication") and Onfleet's own code
(onfleet/pyonfleet `verify_webhook`, onfleet/developer `api-tools/webhooks/python`): the
organization's webhook secret is hexadecimal and is decoded (`binascii.a2b_hex`) to key an
HMAC-SHA512 of the raw body; the header is the lower-case hex digest, compared as a string.
No timestamp is signed.
"""

import binascii

from documented._common import hex_mac, mac, tampered, vector

PROVIDER = "onfleet"
DOCS = [
    "https://docs.onfleet.com/reference/secrets",
    "https://docs.onfleet.com/reference/retry",
    "https://docs.onfleet.com/reference/webhooks",
    "https://github.com/onfleet/pyonfleet (onfleet/onfleet.py, verify_webhook)",
    "https://github.com/onfleet/developer (api-tools/webhooks/python/testwebhooks.py)",
]
MODEL = ("X-Onfleet-Signature is the lower-case hex HMAC-SHA512 of the raw body keyed with the "
         "hex-decoded webhook secret; nothing else is signed.")

# 64 random-looking bytes as hex, the form Onfleet's dashboard shows.
SECRET = ("3a8f0c2d9b7e41f6a5c3d2e1f0b9a8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1"
          "0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0")
OTHER = ("ffeeddccbbaa99887766554433221100f0e1d2c3b4a5968778695a4b3c2d1e0f"
         "1a2f3e4d5c6b7a8f9e0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a6f7e8d9c0b1a2f")

BODY = ('{"actionContext":{"id":"vjw*RDMKDljKVDve1Vtcplgu","type":"ADMIN"},'
        '"adminId":"vjw*RDMKDljKVDve1Vtcplgu","data":{"task":{"id":"11z1BFspwhBYDvIH_FrJfWMm",'
        '"shortId":"8f983639","state":3,"completionDetails":{"success":true,'
        '"time":1700000000000}}},"taskId":"11z1BFspwhBYDvIH_FrJfWMm","time":1700000000123,'
        '"triggerId":3,"triggerName":"taskCompleted","workerId":"1Ds6ulPYWxNPgaIaoLPqlIQE"}')
UNICODE = ('{"data":{"task":{"id":"l33lg4uTbG9lNyjvfmxdhFFF","notes":"Zoë — 2. Stock, Café ✓ '
           '日本語 🎉","destination":{"address":{"city":"Zürich","street":"Bahnhofstraße"}}}},'
           '"taskId":"l33lg4uTbG9lNyjvfmxdhFFF","time":1700000100456,"triggerId":6,'
           '"triggerName":"taskCreated"}')
COMPACT = '{"taskId":"11z1BFspwhBYDvIH_FrJfWMm","time":1700000000123,"triggerId":3,"data":{}}'


def sig(body, secret=SECRET):
    return hex_mac("sha512", binascii.a2b_hex(secret), body)


def cases():
    ct = {"Content-Type": "application/json"}
    h = "X-Onfleet-Signature"
    return [
        vector("valid-json", secret=SECRET, body=BODY, expected="valid",
               headers={**ct, h: sig(BODY)}, reason="valid taskCompleted delivery"),
        vector("valid-unicode", secret=SECRET, body=UNICODE, expected="valid",
               headers={**ct, h: sig(UNICODE)},
               reason="valid taskCreated delivery whose body has non-ASCII UTF-8"),
        vector("valid-compact", secret=SECRET, body=COMPACT, expected="valid",
               headers={h: sig(COMPACT)}, reason="valid delivery, short body (the rustdoc "
                                                 "example)"),
        vector("valid-uppercase-secret", secret=SECRET.upper(), body=COMPACT,
               expected="valid", headers={h: sig(COMPACT)},
               reason="the webhook secret written in upper-case hex decodes to the same key "
                      "(binascii.a2b_hex accepts either case)"),
        vector("tampered-body", secret=SECRET, body=tampered(BODY), expected="invalid",
               error="signature_mismatch", headers={**ct, h: sig(BODY)},
               reason="body changed after signing"),
        vector("wrong-secret", secret=SECRET, body=BODY, expected="invalid",
               error="signature_mismatch", headers={**ct, h: sig(BODY, OTHER)},
               reason="signed with another webhook secret"),
        vector("secret-used-as-text", secret=SECRET, body=BODY, expected="invalid",
               error="signature_mismatch",
               headers={**ct, h: hex_mac("sha512", SECRET, BODY)},
               reason="signed with the secret's hex text as the key instead of its decoded "
                      "bytes: Onfleet decodes the hex"),
        vector("rotation", secret=[OTHER, SECRET], body=BODY, expected="valid",
               matched_secret_index=1, headers={**ct, h: sig(BODY)},
               reason="old and new webhook secrets configured; the second matches"),
        vector("missing-signature", secret=SECRET, body=BODY, expected="invalid",
               error="missing_header", headers=ct, reason="no X-Onfleet-Signature header"),
        vector("uppercase-hex", secret=SECRET, body=BODY, expected="invalid",
               error="malformed_header", headers={**ct, h: sig(BODY).upper()},
               reason="correct digest in upper-case hex; pyonfleet compares hexdigest() "
                      "(lower case) with =="),
        vector("sha256-length", secret=SECRET, body=BODY, expected="invalid",
               error="malformed_header",
               headers={**ct, h: hex_mac("sha256", binascii.a2b_hex(SECRET), BODY)},
               reason="an HMAC-SHA256 digest (64 hex characters) where SHA-512's 128 are "
                      "expected"),
    ]
