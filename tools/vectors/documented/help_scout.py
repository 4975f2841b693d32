"""Help Scout: `X-HelpScout-Signature: <base64 HMAC-SHA1(secret key, body)>`.

Written from Help Scout's developer docs (Webhooks, "Verifying": the header is computed from
the webhook's secret key and the JSON payload sent, PHP `base64_encode(hash_hmac('sha1',
$data, KEY, true))`) and its official PHP SDK (helpscout/helpscout-api-php,
`src/Webhooks/IncomingWebhook.php`: the same over the raw request body, compared with `!==`).
No timestamp is signed.
"""

import json

from ._common import b64_mac, tampered, vector

PROVIDER = "help-scout"
DOCS = [
    "https://developer.helpscout.com/webhooks/",
    "https://github.com/helpscout/helpscout-api-php/blob/master/src/Webhooks/IncomingWebhook.php",
]
MODEL = ("X-HelpScout-Signature is the standard (padded) base64 of the raw HMAC-SHA1 of the body "
         "keyed with the webhook's secret key as text; X-HelpScout-Event names the event.")

SECRET = "hooksign0helpscout0secret0key01"
BODY = ('{"id":2391938111,"number":349,"type":"email","mailboxId":85,"status":"active",'
        '"subject":"Order question","primaryCustomer":{"id":3,"email":"jane@example.com"}}')
BODY_UTF8 = ('{"id":2391938112,"number":350,"type":"email","status":"active",'
             '"subject":"Réclamation — 注文について ✓","primaryCustomer":{"id":4,"first":"Zoë"}}')
SDK_BODY = json.dumps({"id": 123}, separators=(",", ":"))  # PHP json_encode(['id' => 123])


def h(secret, body, event="convo.created"):
    return {"X-HelpScout-Event": event, "X-HelpScout-Signature": b64_mac("sha1", secret, body)}


def cases():
    return [
        vector("valid-compact", secret=SECRET, headers=h(SECRET, BODY), body=BODY,
               expected="valid", reason="signed as Help Scout's documented check computes it"),
        vector("valid-utf8", secret=SECRET, headers=h(SECRET, BODY_UTF8, "convo.customer.reply.created"),
               body=BODY_UTF8, expected="valid",
               reason="non-ASCII UTF-8 body: the raw bytes are signed"),
        vector("sdk-test-event", secret="asdffdsa", headers=h("asdffdsa", SDK_BODY, "helpscout.test"),
               body=SDK_BODY, expected="valid",
               reason="the secret and body of helpscout-api-php's testCreateIncomingWebhook "
                      "(tests/Webhooks/IncomingWebhookTest.php), signed by this model"),
        vector("tampered-body", secret=SECRET, headers=h(SECRET, BODY), body=tampered(BODY),
               expected="invalid", error="signature_mismatch", reason="one bit of the body changed"),
        vector("wrong-secret", secret="not-the-secret-key", headers=h(SECRET, BODY), body=BODY,
               expected="invalid", error="signature_mismatch", reason="signed with another secret key"),
        vector("rotation", secret=["old-secret-key", SECRET], headers=h(SECRET, BODY), body=BODY,
               expected="valid", matched_secret_index=1,
               reason="the second of two configured secret keys signed it"),
        vector("missing-signature", secret=SECRET, headers={"X-HelpScout-Event": "convo.created"},
               body=BODY, expected="invalid", error="missing_header",
               reason="no X-HelpScout-Signature header"),
        vector("sdk-invalid-signature", secret="asdffdsa",
               headers={"X-HelpScout-Event": "helpscout.test",
                        "X-HelpScout-Signature": "asdfasdfasdfasdf"},
               body=SDK_BODY, expected="invalid", error="malformed_header",
               reason="helpscout-api-php's testCreateInvalidIncomingWebhook value: valid base64 "
                      "but 12 bytes where HMAC-SHA1 gives 20"),
        vector("sha256-instead", secret=SECRET,
               headers={"X-HelpScout-Signature": b64_mac("sha256", SECRET, BODY)}, body=BODY,
               expected="invalid", error="malformed_header",
               reason="an HMAC-SHA256 (32 bytes) where Help Scout sends HMAC-SHA1"),
    ]
