"""Fourthwall webhooks: `X-Fourthwall-Hmac-SHA256: <base64 HMAC-SHA256(secret key, body)>`,
written from Fourthwall's "Signature Verification" page: compute the HMAC-SHA256 of the entire
webhook body keyed with the shop's webhook secret key (`SECRET.encode('utf-8')` in its Python
example), base64-encode it (`base64.b64encode`, standard and padded) and compare it with the
header. No timestamp is signed. The webhook model gives the body's `id` (duplicates share it)
and `type`."""

import base64

from documented._common import mac, tampered, vector

PROVIDER = "fourthwall"
DOCS = [
    "https://docs.fourthwall.com/webhooks/signature-verification",
    "https://docs.fourthwall.com/webhooks/webhook-model",
    "https://docs.fourthwall.com/webhooks/retry-policies",
]
MODEL = ("X-Fourthwall-Hmac-SHA256 is the standard padded base64 of HMAC-SHA256 over the raw "
         "body keyed with the shop's webhook secret key as UTF-8; no timestamp is signed.")

SECRET = "e3f93c7c-c92b-4b8f-a9b1-5b70e0891abc"
HEADER = "X-Fourthwall-Hmac-SHA256"


def sig(body, secret=SECRET):
    return base64.b64encode(mac("sha256", secret, body)).decode()


def cases():
    placed = ('{"testMode":true,"id":"weve_hooksignFourthwall0001","webhookId":'
              '"wcon_hooksignFourthwall","shopId":"sh_hooksign-shop","type":"ORDER_PLACED",'
              '"apiVersion":"V1_BETA","createdAt":"2023-11-14T22:13:20.000000+00:00",'
              '"data":{"id":"hooksign-order-0001","status":"CONFIRMED"}}')
    donation = ('{"testMode":true,"id":"weve_hooksignFourthwall0002","webhookId":'
                '"wcon_hooksignFourthwall","shopId":"sh_hooksign-shop","type":"ORDER_PLACED",'
                '"apiVersion":"V1_BETA","createdAt":"2023-11-14T22:13:20.000000+00:00",'
                '"data":{"id":"hooksign-order-0002","message":"Merci beaucoup — ありがとう 💜"}}')
    old = "0d6f1f8e-1c1b-4f3e-9a2d-hooksign0old0"
    good = {HEADER: sig(placed)}
    return [
        vector("valid-order-placed", secret=SECRET, headers=good, body=placed, expected="valid",
               reason="an ORDER_PLACED event signed with the shop's secret key (the docs' "
                      "example key format)"),
        vector("valid-unicode", secret=SECRET, headers={HEADER: sig(donation)}, body=donation,
               expected="valid",
               reason="an ORDER_PLACED event with non-ASCII UTF-8, signed as its bytes"),
        vector("tampered-body", secret=SECRET, headers=good, body=tampered(placed),
               expected="invalid", error="signature_mismatch",
               reason="one bit of the body changed after signing"),
        vector("wrong-secret", secret="5b1d2c3e-0000-4000-8000-hooksign0other", headers=good,
               body=placed, expected="invalid", error="signature_mismatch",
               reason="another shop's secret key"),
        vector("rotation", secret=[old, SECRET], headers=good, body=placed, expected="valid",
               matched_secret_index=1,
               reason="the receiver holds an old and the current secret key"),
        vector("missing-header", secret=SECRET, headers={"Content-Type": "application/json"},
               body=placed, expected="invalid", error="missing_header",
               reason="no X-Fourthwall-Hmac-SHA256 header"),
        vector("hex-digest", secret=SECRET,
               headers={HEADER: mac("sha256", SECRET, placed).hex()}, body=placed,
               expected="invalid", error="malformed_header",
               reason="a hex digest is not the documented base64 encoding"),
        vector("malformed-signature", secret=SECRET, headers={HEADER: "not base64!"},
               body=placed, expected="invalid", error="malformed_header",
               reason="a value that is not base64"),
    ]
