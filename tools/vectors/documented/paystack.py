"""Paystack: `x-paystack-signature: <hex HMAC-SHA512(secret key, body)>`.

Written from the verification snippets Paystack publishes in its docs (the repository
PaystackOSS/doc-code-snippets builds them: `src/doc/payments/webhooks/verifying-transaction/`,
in JS, PHP, Java and C#): HMAC-SHA512 of the request body keyed with the secret key as text,
lower-case hex, compared with the `x-paystack-signature` header. No timestamp is signed.
"""

from ._common import hex_mac, tampered, vector

PROVIDER = "paystack"
DOCS = [
    "https://paystack.com/docs/payments/webhooks/",
    "https://github.com/PaystackOSS/doc-code-snippets/tree/main/src/doc/payments/webhooks/verifying-transaction",
]
MODEL = ("x-paystack-signature is the lower-case hex HMAC-SHA512 of the raw body keyed with the "
         "Paystack secret key as text; nothing else is signed.")

SECRET = "sk_test_hooksign0paystack0secret0key0000001"
BODY = ('{"event":"charge.success","data":{"id":302961,"domain":"test","status":"success",'
        '"reference":"qTPrJoy9Bx","amount":10000,"currency":"NGN"}}')
BODY_UTF8 = ('{"event":"transfer.success","data":{"id":37272792,"reason":"Café payout — '
             'Ọjọ́ àìkú ✓","currency":"NGN","amount":50000}}')


def sig(secret, body):
    return hex_mac("sha512", secret, body)


def cases():
    return [
        vector("valid-compact", secret=SECRET, headers={"x-paystack-signature": sig(SECRET, BODY)},
               body=BODY, expected="valid", reason="signed as Paystack's documented snippet checks it"),
        vector("valid-utf8", secret=SECRET,
               headers={"x-paystack-signature": sig(SECRET, BODY_UTF8)}, body=BODY_UTF8,
               expected="valid", reason="non-ASCII UTF-8 body: the raw bytes are signed"),
        vector("tampered-body", secret=SECRET,
               headers={"x-paystack-signature": sig(SECRET, BODY)}, body=tampered(BODY),
               expected="invalid", error="signature_mismatch", reason="one bit of the body changed"),
        vector("wrong-secret", secret="sk_test_not0the0right0key",
               headers={"x-paystack-signature": sig(SECRET, BODY)}, body=BODY,
               expected="invalid", error="signature_mismatch", reason="signed with another secret key"),
        vector("rotation", secret=["sk_test_old0key", SECRET],
               headers={"x-paystack-signature": sig(SECRET, BODY)}, body=BODY, expected="valid",
               matched_secret_index=1, reason="the second of two configured keys signed it"),
        vector("missing-signature", secret=SECRET, headers={}, body=BODY, expected="invalid",
               error="missing_header", reason="no x-paystack-signature header"),
        vector("sha256-instead", secret=SECRET,
               headers={"x-paystack-signature": hex_mac("sha256", SECRET, BODY)}, body=BODY,
               expected="invalid", error="malformed_header",
               reason="a SHA-256 hex digest: 64 hex digits where SHA-512 gives 128"),
        vector("upper-case-hex", secret=SECRET,
               headers={"x-paystack-signature": sig(SECRET, BODY).upper()}, body=BODY,
               expected="invalid", error="malformed_header",
               reason="the snippets compare lower-case hex strings: upper case fails (not "
                      "lower-case hex, so the value is malformed)"),
    ]
