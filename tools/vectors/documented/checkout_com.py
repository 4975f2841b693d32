"""Checkout.com (Workflows webhooks): `Cko-Signature: <hex HMAC-SHA256(signature key, body)>`.

Model written from Checkout.com's own documentation: the webhook action's signature key
(text) keys an HMAC-SHA256 of the raw body; the digest is sent hex-encoded (Base16) in the
`Cko-Signature` header. Lower case, as Checkout.com's own PrestaShop plugin compares
`hash_hmac('sha256', …)` with `!==`. No timestamp is signed.
"""

from documented._common import hex_mac, tampered, vector

PROVIDER = "checkout-com"
DOCS = [
    "https://www.checkout.com/docs/developer-resources/webhooks/manage-webhooks/set-up-your-webhook-receiver",
    "https://www.checkout.com/docs/workflows",
    "https://github.com/checkout/checkout-prestashop1.7-plugin (controllers/front/webhook.php)",
]
MODEL = ("Cko-Signature is the lower-case hex HMAC-SHA256 of the raw body keyed with the "
         "webhook action's signature key as text; nothing else is signed.")

SECRET = "hooksign-checkout-com-signature-key-0001"
OTHER = "hooksign-checkout-com-signature-key-0000"

BODY = ('{"id":"evt_hbnxegj3dqyu5fsd4p2b4bxvpa","type":"payment_approved","version":"1.0.43",'
        '"created_on":"2024-11-12T17:56:40.889Z","data":{"id":"pay_g2fmfh6hwj4eho5lm7jrxu4pne",'
        '"action_id":"act_tqwnowwsmctufefmu65hcumn2a","amount":10,"currency":"USD",'
        '"reference":"ORD-5023-4E89","response_code":"10000","response_summary":"Approved"},'
        '"_links":{"self":{"href":"https://api.sandbox.checkout.com/workflows/events/'
        'evt_hbnxegj3dqyu5fsd4p2b4bxvpa"}}}')
UNICODE = ('{"id":"evt_ppo35tnn7u2edoiexaelcjk5me","type":"payment_captured","version":"1.0.43",'
           '"created_on":"2024-11-12T18:01:02.113Z","data":{"id":"pay_wtdnbqr2oarebnxeudvehbnrki",'
           '"amount":4990,"currency":"EUR","reference":"Café ©®™ — Zoë 日本語 🎉"}}')
COMPACT = ('{"id":"evt_hbnxegj3dqyu5fsd4p2b4bxvpa","type":"payment_approved","data":'
           '{"id":"pay_g2fmfh6hwj4eho5lm7jrxu4pne"}}')


def sig(body, secret=SECRET):
    return hex_mac("sha256", secret, body)


def cases():
    ct = {"Content-Type": "application/json"}
    return [
        vector("valid-json", secret=SECRET, body=BODY, expected="valid",
               headers={**ct, "Cko-Signature": sig(BODY)},
               reason="valid payment_approved delivery"),
        vector("valid-unicode", secret=SECRET, body=UNICODE, expected="valid",
               headers={**ct, "Cko-Signature": sig(UNICODE)},
               reason="valid payment_captured delivery whose body has non-ASCII UTF-8 (the "
                      "docs warn that ©, ®, ™ change if the body is re-serialized)"),
        vector("valid-compact", secret=SECRET, body=COMPACT, expected="valid",
               headers={"Cko-Signature": sig(COMPACT)},
               reason="valid delivery, short body (the rustdoc example)"),
        vector("lowercase-header-name", secret=SECRET, body=COMPACT, expected="valid",
               headers={"cko-signature": sig(COMPACT)},
               reason="header name in lower case (HTTP header names are case-insensitive)"),
        vector("tampered-body", secret=SECRET, body=tampered(BODY), expected="invalid",
               error="signature_mismatch", headers={**ct, "Cko-Signature": sig(BODY)},
               reason="body changed after signing"),
        vector("wrong-secret", secret=SECRET, body=BODY, expected="invalid",
               error="signature_mismatch", headers={**ct, "Cko-Signature": sig(BODY, OTHER)},
               reason="signed with another signature key"),
        vector("rotation", secret=[OTHER, SECRET], body=BODY, expected="valid",
               matched_secret_index=1, headers={**ct, "Cko-Signature": sig(BODY)},
               reason="two keys configured while a workflow's key changes; the second matches"),
        vector("missing-signature", secret=SECRET, body=BODY, expected="invalid",
               error="missing_header", headers=ct, reason="no Cko-Signature header"),
        vector("uppercase-hex", secret=SECRET, body=BODY, expected="invalid",
               error="malformed_header",
               headers={**ct, "Cko-Signature": sig(BODY).upper()},
               reason="correct digest in upper-case hex; Checkout.com's plugin compares the "
                      "lower-case hex string with !=="),
        vector("non-hex", secret=SECRET, body=BODY, expected="invalid",
               error="malformed_header", headers={**ct, "Cko-Signature": "z" * 64},
               reason="64 non-hex characters"),
        vector("sha256-prefix", secret=SECRET, body=BODY, expected="invalid",
               error="malformed_header",
               headers={**ct, "Cko-Signature": "sha256=" + sig(BODY)},
               reason="digest behind a 'sha256=' prefix (Checkout.com sends bare hex)"),
    ]
