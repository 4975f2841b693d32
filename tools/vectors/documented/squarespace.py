"""Squarespace: `Squarespace-Signature: <hex HMAC-SHA256(hex-decoded subscription secret, body)>`.

Model written from Squarespace's developer documentation ("Verifying notifications"): the
webhook subscription's secret is always hexadecimal and must be decoded to bytes
(`hexToBytes(secret)`, `Buffer.from(secret, 'hex')`) to key an HMAC-SHA256 of the raw body;
the docs' Node.js example compares `digest('hex')` (lower case) with the header's bytes.
No timestamp is signed.
"""

import binascii

from documented._common import hex_mac, tampered, vector

PROVIDER = "squarespace"
DOCS = [
    "https://developers.squarespace.com/webhooks/verifying-notifications",
    "https://developers.squarespace.com/webhooks/overview",
    "https://developers.squarespace.com/webhooks/notification-delivery",
]
MODEL = ("Squarespace-Signature is the lower-case hex HMAC-SHA256 of the raw body keyed with the "
         "hex-decoded webhook subscription secret; nothing else is signed.")

SECRET = "9e3c1f7a2b4d6e8f0a1c3e5f7b9d2a4c6e8f1a3b5c7d9e2f4a6b8c1d3e5f7a9b"
OTHER = "0b1d3f5a7c9e2a4c6e8b0d2f4a6c8e1b3d5f7a9c2e4b6d8f1a3c5e7b9d2f4a6c"

BODY = ('{"id":"5c2ba184b63ed3cb411ce2b1","websiteId":"5f3c3d55ac435e1a051f77b3",'
        '"subscriptionId":"5f3c2155d947844beedda991","topic":"order.create",'
        '"createdOn":"2023-11-14T22:13:20.000Z","data":{"orderId":"5f3c3d55ac435e1a051f77c9"}}')
UNICODE = ('{"id":"5c2ba184b63ed3cb411ce2b2","websiteId":"5f3c3d55ac435e1a051f77b3",'
           '"subscriptionId":"5f3c2155d947844beedda991","topic":"order.update",'
           '"createdOn":"2023-11-14T22:14:00.000Z","data":{"orderId":"5f3c3d55ac435e1a051f77c9",'
           '"update":"FULFILLED","note":"Zoë — Café ✓ 日本語 🎉"}}')
# The docs' sample payload, compacted, with empty data.
COMPACT = ('{"id":"5c2ba184b63ed3cb411ce2b1","websiteId":"5f3c3d55ac435e1a051f77b3",'
           '"subscriptionId":"5f3c2155d947844beedda991","topic":"extension.uninstall",'
           '"createdOn":"2020-04-22T22:18+00:00","data":{}}')


def sig(body, secret=SECRET):
    return hex_mac("sha256", binascii.a2b_hex(secret), body)


def cases():
    ct = {"Content-Type": "application/json", "User-Agent": "Squarespace/1.0"}
    h = "Squarespace-Signature"
    return [
        vector("valid-json", secret=SECRET, body=BODY, expected="valid",
               headers={**ct, h: sig(BODY)}, reason="valid order.create notification"),
        vector("valid-unicode", secret=SECRET, body=UNICODE, expected="valid",
               headers={**ct, h: sig(UNICODE)},
               reason="valid order.update notification whose body has non-ASCII UTF-8"),
        vector("valid-compact", secret=SECRET, body=COMPACT, expected="valid",
               headers={h: sig(COMPACT)},
               reason="valid extension.uninstall notification shaped like the docs' sample "
                      "payload (the rustdoc example)"),
        vector("tampered-body", secret=SECRET, body=tampered(BODY), expected="invalid",
               error="signature_mismatch", headers={**ct, h: sig(BODY)},
               reason="body changed after signing"),
        vector("wrong-secret", secret=SECRET, body=BODY, expected="invalid",
               error="signature_mismatch", headers={**ct, h: sig(BODY, OTHER)},
               reason="signed with another subscription's secret"),
        vector("secret-used-as-text", secret=SECRET, body=BODY, expected="invalid",
               error="signature_mismatch", headers={**ct, h: hex_mac("sha256", SECRET, BODY)},
               reason="signed with the secret's hex text as the key; the docs say the hex "
                      "secret must be decoded to raw bytes"),
        vector("rotation", secret=[OTHER, SECRET], body=BODY, expected="valid",
               matched_secret_index=1, headers={**ct, h: sig(BODY)},
               reason="old and new (rotated) secrets configured; the second matches"),
        vector("missing-signature", secret=SECRET, body=BODY, expected="invalid",
               error="missing_header", headers=ct, reason="no Squarespace-Signature header"),
        vector("uppercase-hex", secret=SECRET, body=BODY, expected="invalid",
               error="malformed_header", headers={**ct, h: sig(BODY).upper()},
               reason="correct digest in upper-case hex; the docs' example compares the bytes "
                      "of digest('hex'), lower case"),
        vector("non-hex", secret=SECRET, body=BODY, expected="invalid",
               error="malformed_header", headers={**ct, h: "g" * 64},
               reason="64 non-hex characters"),
    ]
