"""FastSpring webhooks: `X-FS-Signature: <base64 HMAC-SHA256(HMAC SHA256 Secret, body)>`,
written from FastSpring's "Message Security" page: the webhook's HMAC SHA256 Secret keys a
SHA256 HMAC of the payload, the digest is base64-encoded and sent in X-FS-Signature; its PHP
example is `base64_encode(hash_hmac('sha256', <raw body>, $secret, true))` compared with the
header, its Java example `Base64.getEncoder()` (standard, padded) over
`Mac("HmacSHA256")` keyed with `secret.getBytes()`. No timestamp is signed."""

import base64

from documented._common import mac, tampered, vector

PROVIDER = "fastspring"
DOCS = [
    "https://developer.fastspring.com/docs/message-security",
    "https://developer.fastspring.com/reference/message-security",
]
MODEL = ("X-FS-Signature is the standard padded base64 of HMAC-SHA256 over the raw body keyed "
         "with the webhook's HMAC SHA256 Secret as text; no timestamp is signed.")

SECRET = "hooksign-fastspring-hmac-sha256-secret-0001"
HEADER = "X-FS-Signature"


def sig(body, secret=SECRET):
    return base64.b64encode(mac("sha256", secret, body)).decode()


def cases():
    completed = ('{"events":[{"id":"hooksignFsEvent0001","live":false,"processed":false,'
                 '"type":"order.completed","created":1700000000000,"data":{"order":'
                 '"hooksignOrder0001","reference":"HOOK231114-0001-00001","total":19.99}}]}')
    activated = ('{"events":[{"id":"hooksignFsEvent0002","live":false,"processed":false,'
                 '"type":"subscription.activated","created":1700000000000,"data":{"subscription":'
                 '"hooksignSub0001","product":"abonnement-première-année","display":'
                 '"Abonnement — 東京 ⭐"}}]}')
    old = "hooksign-fastspring-previous-hmac-secret-01"
    good = {HEADER: sig(completed)}
    return [
        vector("valid-order-completed", secret=SECRET, headers=good, body=completed,
               expected="valid", reason="an order.completed batch signed with the HMAC SHA256 Secret"),
        vector("valid-unicode", secret=SECRET, headers={HEADER: sig(activated)}, body=activated,
               expected="valid",
               reason="a subscription.activated batch with non-ASCII UTF-8, signed as its bytes"),
        vector("valid-lowercase-header-name", secret=SECRET,
               headers={"x-fs-signature": good[HEADER]}, body=completed, expected="valid",
               reason="FastSpring may send the header name in any case"),
        vector("tampered-body", secret=SECRET, headers=good, body=tampered(completed),
               expected="invalid", error="signature_mismatch",
               reason="one bit of the body changed after signing"),
        vector("wrong-secret", secret="hooksign-fastspring-other-hmac-secret-0001",
               headers=good, body=completed, expected="invalid", error="signature_mismatch",
               reason="another webhook's secret"),
        vector("rotation", secret=[old, SECRET], headers=good, body=completed, expected="valid",
               matched_secret_index=1,
               reason="the receiver holds the previous and the current secret"),
        vector("missing-header", secret=SECRET, headers={"Content-Type": "application/json"},
               body=completed, expected="invalid", error="missing_header",
               reason="no X-FS-Signature header (no secret configured on the webhook, or forged)"),
        vector("hex-digest", secret=SECRET,
               headers={HEADER: mac("sha256", SECRET, completed).hex()}, body=completed,
               expected="invalid", error="malformed_header",
               reason="a hex digest is not the documented base64 encoding"),
        vector("malformed-signature", secret=SECRET, headers={HEADER: "not base64!"},
               body=completed, expected="invalid", error="malformed_header",
               reason="a value that is not base64"),
    ]
