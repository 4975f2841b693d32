"""Xero: `x-xero-signature: <base64 HMAC-SHA256(webhook key, body)>`.

Model written from Xero's developer documentation and Xero's own sample receivers
(XeroAPI/XeroWebhooksReceiver, XeroAPI/xero-php-webhook): the app's webhook key, used as
its UTF-8 text (it looks like base64 but is not decoded), keys an HMAC-SHA256 of the raw
body; the digest is standard padded base64 compared as a string. No timestamp is signed.
"""

import base64

from documented._common import b64_mac, mac, tampered, vector

PROVIDER = "xero"
DOCS = [
    "https://developer.xero.com/documentation/webhooks/configuring-your-server",
    "https://developer.xero.com/documentation/webhooks/overview",
    "https://github.com/XeroAPI/XeroWebhooksReceiver (XeroWebhooksReceiver/Helpers/SignatureVerifier.cs)",
    "https://github.com/XeroAPI/xero-php-webhook (index.php)",
]
MODEL = ("x-xero-signature is the padded standard base64 HMAC-SHA256 of the raw body keyed "
         "with the webhook key as UTF-8 text; nothing else is signed.")

# Shaped like a real Xero webhook key (base64 text), used as text all the same.
SECRET = "hooksignXeroWebhookKey0001+Jm1vY2tLZXlGb3JUZXN0aW5nT25seQ/8k2Q3w=="
OTHER = "hooksignXeroWebhookKey0000+Jm1vY2tLZXlGb3JUZXN0aW5nT25seQ/8k2Q3w=="

BODY = ('{"events":[{"resourceUrl":"https://api.xero.com/api.xro/2.0/Contacts/'
        '717f2bfc-c6d4-41fd-b238-3f2f0c0cf777","resourceId":"717f2bfc-c6d4-41fd-b238-3f2f0c0cf777",'
        '"eventDateUtc":"2023-11-14T22:13:20.000","eventType":"UPDATE","eventCategory":"CONTACT",'
        '"tenantId":"c2cc9b6e-9458-4c7d-93cc-f02b81b0594f","tenantType":"ORGANISATION"}],'
        '"lastEventSequence":1,"firstEventSequence":1,"entropy":"YSXPJKBQZUXQGOQWJXZM"}')
UNICODE = ('{"events":[{"resourceUrl":"https://api.xero.com/api.xro/2.0/Invoices/'
           '0e64a623-c2a1-446a-93ed-eb897f118cbc","resourceId":"0e64a623-c2a1-446a-93ed-eb897f118cbc",'
           '"eventDateUtc":"2023-11-14T22:13:21.000","eventType":"CREATE","eventCategory":"INVOICE",'
           '"tenantId":"c2cc9b6e-9458-4c7d-93cc-f02b81b0594f","tenantType":"ORGANISATION"}],'
           '"lastEventSequence":2,"firstEventSequence":2,"entropy":"Zoë Ångström ✓ 日本語 🎉"}')
# The "Intent to receive" validation request as the docs show it.
ITR = ('{"events":[],"lastEventSequence":0,"firstEventSequence":0,'
       '"entropy":"S0m3r4Nd0mt3xt"}')


def sig(body, secret=SECRET):
    return b64_mac("sha256", secret, body)


def cases():
    ct = {"Content-Type": "application/json"}
    raw = mac("sha256", SECRET, BODY)
    return [
        vector("valid-json", secret=SECRET, body=BODY, expected="valid",
               headers={**ct, "x-xero-signature": sig(BODY)},
               reason="valid CONTACT UPDATE delivery"),
        vector("valid-unicode", secret=SECRET, body=UNICODE, expected="valid",
               headers={**ct, "x-xero-signature": sig(UNICODE)},
               reason="valid INVOICE CREATE delivery whose body has non-ASCII UTF-8"),
        vector("valid-intent-to-receive", secret=SECRET, body=ITR, expected="valid",
               headers={**ct, "x-xero-signature": sig(ITR)},
               reason="a correctly signed 'Intent to receive' request (the docs' payload, "
                      "empty events): it must be answered 200"),
        vector("intent-to-receive-wrong-key", secret=SECRET, body=ITR, expected="invalid",
               error="signature_mismatch",
               headers={**ct, "x-xero-signature": sig(ITR, OTHER)},
               reason="an incorrectly signed 'Intent to receive' request: it must be answered "
                      "401"),
        vector("tampered-body", secret=SECRET, body=tampered(BODY), expected="invalid",
               error="signature_mismatch", headers={**ct, "x-xero-signature": sig(BODY)},
               reason="body changed after signing"),
        vector("wrong-secret", secret=SECRET, body=BODY, expected="invalid",
               error="signature_mismatch",
               headers={**ct, "x-xero-signature": sig(BODY, OTHER)},
               reason="signed with another webhook key"),
        vector("key-base64-decoded", secret=SECRET, body=BODY, expected="invalid",
               error="signature_mismatch",
               headers={**ct, "x-xero-signature": base64.b64encode(
                   mac("sha256", base64.b64decode(SECRET), BODY)).decode()},
               reason="signed with the webhook key's base64 decoding: Xero's samples key the "
                      "HMAC with the key's text"),
        vector("rotation", secret=[OTHER, SECRET], body=BODY, expected="valid",
               matched_secret_index=1, headers={**ct, "x-xero-signature": sig(BODY)},
               reason="old and new webhook keys configured; the second matches"),
        vector("missing-signature", secret=SECRET, body=BODY, expected="invalid",
               error="missing_header", headers=ct, reason="no x-xero-signature header"),
        vector("hex-digest", secret=SECRET, body=BODY, expected="invalid",
               error="malformed_header", headers={**ct, "x-xero-signature": raw.hex()},
               reason="correct digest as hex instead of base64"),
        vector("unpadded-base64", secret=SECRET, body=BODY, expected="invalid",
               error="malformed_header",
               headers={**ct, "x-xero-signature": sig(BODY).rstrip("=")},
               reason="correct digest without its '=' padding; the samples compare the "
                      "padded base64 string"),
    ]
