"""ClickUp: `X-Signature: <hex HMAC-SHA256(webhook secret, body)>`.

Written from ClickUp's developer docs ("Webhook signature"): requests are signed with an HMAC
using the `webhook.secret` returned when the webhook is created; the `X-Signature` header is
the SHA-256 HMAC of the request body, always hex (the Node.js example: `createHmac('sha256',
key).update(body).digest('hex')`). No timestamp is signed.
"""

from ._common import hex_mac, tampered, vector

PROVIDER = "clickup"
DOCS = [
    "https://developer.clickup.com/docs/webhooksignature",
]
MODEL = ("X-Signature is the lower-case hex HMAC-SHA256 of the raw body keyed with the webhook's "
         "secret as text; nothing else is signed.")

SECRET = "HOOKSIGN0CLICKUP0WEBHOOK0SECRET0001"
DOCS_BODY = '{"webhook_id":"7689a169-a000-4985-8676-6902b96d6627","event":"taskCreated","task_id":"c0j"}'
BODY = ('{"event":"taskStatusUpdated","history_items":[{"id":"2800787326283920000",'
        '"field":"status","user":{"id":183,"username":"John"}}],"task_id":"1vj37mc",'
        '"webhook_id":"7fa3ec74-69a8-4530-a251-8a13730bd204"}')
BODY_UTF8 = ('{"event":"taskCommentPosted","history_items":[{"id":"2800803631130630000",'
             '"comment":{"text_content":"Bien reçu — 了解しました ✓"}}],"task_id":"1vj37mc",'
             '"webhook_id":"7fa3ec74-69a8-4530-a251-8a13730bd204"}')


def h(secret, body):
    return {"X-Signature": hex_mac("sha256", secret, body)}


def cases():
    return [
        vector("docs-example", secret="secret", headers=h("secret", DOCS_BODY), body=DOCS_BODY,
               expected="valid",
               reason="the key and body of the Node.js example at "
                      "https://developer.clickup.com/docs/webhooksignature, signed by this model"),
        vector("docs-sample-header", secret="secret",
               headers={"X-Signature": "f7bc83f430538424b13298e6aa6"}, body=DOCS_BODY,
               expected="invalid", error="malformed_header",
               reason="the X-Signature shown in the docs' sample request is an abbreviation "
                      "(27 hex digits), not a SHA-256 HMAC (64)"),
        vector("valid-compact", secret=SECRET, headers=h(SECRET, BODY), body=BODY,
               expected="valid", reason="signed as ClickUp's docs compute it"),
        vector("valid-utf8", secret=SECRET, headers=h(SECRET, BODY_UTF8), body=BODY_UTF8,
               expected="valid", reason="non-ASCII UTF-8 body: the raw bytes are signed"),
        vector("tampered-body", secret=SECRET, headers=h(SECRET, BODY), body=tampered(BODY),
               expected="invalid", error="signature_mismatch", reason="one bit of the body changed"),
        vector("wrong-secret", secret="NOT0THE0WEBHOOK0SECRET", headers=h(SECRET, BODY), body=BODY,
               expected="invalid", error="signature_mismatch", reason="signed with another secret"),
        vector("rotation", secret=["OLD0WEBHOOK0SECRET", SECRET], headers=h(SECRET, BODY),
               body=BODY, expected="valid", matched_secret_index=1,
               reason="the second of two configured secrets signed it"),
        vector("missing-signature", secret=SECRET, headers={}, body=BODY, expected="invalid",
               error="missing_header", reason="no X-Signature header"),
        vector("upper-case-hex", secret=SECRET,
               headers={"X-Signature": hex_mac("sha256", SECRET, BODY).upper()}, body=BODY,
               expected="invalid", error="malformed_header",
               reason="digest('hex') is lower case: upper case is not what ClickUp sends"),
    ]
