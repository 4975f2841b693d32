"""Lemon Squeezy: `X-Signature: <hex HMAC-SHA256(signing secret, body)>`.

Written from Lemon Squeezy's "Signing requests" and "Webhooks" pages and the official Laravel
package's middleware (`lmsqueezy/laravel`, `VerifyWebhookSignature`): the signing secret you
entered when creating the webhook (text), an HMAC of the raw payload sent as a hex digest in
`X-Signature`; the middleware computes `hash_hmac('sha256', $payload, $secret)` (lower-case hex)
and compares it with `hash_equals`. No timestamp is signed.
"""

from ._common import hex_mac, tampered, vector

PROVIDER = "lemon-squeezy"
DOCS = [
    "https://docs.lemonsqueezy.com/help/webhooks/signing-requests",
    "https://www.lemonsqueezy.com/docs/api/webhooks/",
    "https://github.com/lmsqueezy/laravel/blob/main/src/Http/Middleware/VerifyWebhookSignature.php",
]
MODEL = ("X-Signature = lower-case hex HMAC-SHA256(signing secret as UTF-8, raw body), compared "
         "exactly (hash_equals); no timestamp is signed.")

SECRET = "hooksign-lemon-secret-01"
HEADER = "X-Signature"


def headers(body, secret=SECRET, event="order_created"):
    return {"X-Event-Name": event, HEADER: hex_mac("sha256", secret, body)}


def cases():
    compact = ('{"meta":{"event_name":"order_created"},"data":{"type":"orders","id":"1",'
               '"attributes":{"store_id":1,"total":1199,"currency":"USD"}}}')
    unicode_body = ('{"meta":{"event_name":"subscription_created","custom_data":'
                    '{"note":"Crème brûlée — 東京 🍋"}},"data":{"type":"subscriptions","id":"7",'
                    '"attributes":{"user_name":"Zoë Ångström"}}}')
    sig = hex_mac("sha256", SECRET, compact)
    return [
        vector("valid-compact", secret=SECRET, headers=headers(compact), body=compact,
               expected="valid", reason="an order_created delivery signed as the docs describe"),
        vector("valid-unicode", secret=SECRET,
               headers=headers(unicode_body, event="subscription_created"), body=unicode_body,
               expected="valid",
               reason="a body with non-ASCII UTF-8: the HMAC is over the raw bytes"),
        vector("tampered-body", secret=SECRET, headers=headers(compact), body=tampered(compact),
               expected="invalid", error="signature_mismatch",
               reason="one bit of the body changed after signing"),
        vector("wrong-secret", secret="hooksign-lemon-other-01", headers=headers(compact),
               body=compact, expected="invalid", error="signature_mismatch",
               reason="verified with a secret that did not sign it"),
        vector("rotation", secret=["hooksign-lemon-old-0001", SECRET], headers=headers(compact),
               body=compact, expected="valid", matched_secret_index=1,
               reason="while the secret is being changed, the second configured secret matches"),
        vector("missing-header", secret=SECRET, headers={"X-Event-Name": "order_created"},
               body=compact, expected="invalid", error="missing_header",
               reason="no X-Signature header"),
        vector("uppercase-hex", secret=SECRET,
               headers={"X-Event-Name": "order_created", HEADER: sig.upper()}, body=compact,
               expected="invalid", error="malformed_header",
               reason="the right MAC in upper-case hex: hash_equals compares the lower-case "
                      "digest exactly, so this is not a value Lemon Squeezy sends"),
        vector("truncated-signature", secret=SECRET,
               headers={"X-Event-Name": "order_created", HEADER: sig[:40]}, body=compact,
               expected="invalid", error="malformed_header",
               reason="a hex value too short to be an HMAC-SHA256 digest"),
    ]
