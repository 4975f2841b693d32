"""Heroku app webhooks: `Heroku-Webhook-Hmac-SHA256: <base64 HMAC-SHA256(secret, body)>`.

Written from Heroku's own material: the Dev Center "App Webhooks" article (the subscription's
`secret` is what Heroku signs every notification with, the signature travels in the
`Heroku-Webhook-Hmac-SHA256` header), the App Webhooks API reference (the same for the
`secret` parameter), and Heroku's sample receiver heroku/webhooks-demo, whose
`WebhooksController#valid_signature?` computes `Base64.encode64(OpenSSL::HMAC.digest(sha256,
WEBHOOK_SECRET, request.raw_post)).strip` and compares it with the header as a string. So the
key is the secret's text, the message the raw body, the encoding standard padded base64 (a
32-byte digest is one 44-character line; `strip` removes `encode64`'s newline). Nothing else
is signed. The body layout (`webhook_metadata.event.id`, `.delivery.id`, `.attempt.id`,
`.event.include`) is from the Dev Center "Webhook Events" examples.
"""

from ._common import b64_mac, hex_mac, tampered, vector

PROVIDER = "heroku"
DOCS = [
    "https://devcenter.heroku.com/articles/app-webhooks",
    "https://devcenter.heroku.com/articles/app-webhooks-schema",
    "https://devcenter.heroku.com/articles/webhook-events",
    "https://github.com/heroku/webhooks-demo/blob/main/app/controllers/webhooks_controller.rb",
]
MODEL = ("Heroku-Webhook-Hmac-SHA256 is the standard padded base64 of the HMAC-SHA256 of the raw "
         "body keyed with the subscription secret as text; nothing else is signed.")

SECRET = "hooksign-heroku-webhook-secret-0001"
BODY = ('{"action":"create","actor":{"email":"user-0165@example.com",'
        '"id":"33500732-3b64-436f-9710-64cc569c3e4f"},"created_at":"2016-10-26T22:48:45Z",'
        '"id":"7846bee9-b017-4492-9bed-34cd8327e71d","data":{"app":{"id":'
        '"d2f24bd2-399a-4868-9467-bc0ba2411cc2","name":"sample-app-0084"},"name":"DATABASE"},'
        '"previous_data":{},"published_at":null,"resource":"addon-attachment","sequence":null,'
        '"updated_at":"2016-10-26T22:48:45Z","version":"application/vnd.heroku+json; version=3",'
        '"webhook_metadata":{"attempt":{"id":"8a44f820-2354-489d-9a11-a793cbf49979"},'
        '"delivery":{"id":"d244009a-670f-4340-88e9-789a4f9002d5"},"event":{"id":'
        '"7846bee9-b017-4492-9bed-34cd8327e71d","include":"api:addon-attachment"},'
        '"webhook":{"id":"b54e6a7e-d162-4bd7-ab42-1011582c19cc"}}}')
BODY_UTF8 = ('{"action":"update","actor":{"email":"zoë@example.com","id":'
             '"0ce8b4e4-7a76-4e8a-9b8e-4a5a3a1d2c3b"},"id":"1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b",'
             '"data":{"description":"Déploiement — 東京 ✓","version":42},"resource":"release",'
             '"webhook_metadata":{"attempt":{"id":"aa11bb22-cc33-4d44-8e55-ff6677889900"},'
             '"delivery":{"id":"bb22cc33-dd44-4e55-9f66-007788990011"},"event":{"id":'
             '"1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b","include":"api:release"},"webhook":{"id":'
             '"cc33dd44-ee55-4f66-8a77-118899001122"}}}')


def h(secret, body):
    return {"Heroku-Webhook-Hmac-SHA256": b64_mac("sha256", secret, body),
            "Content-Type": "application/json"}


def cases():
    return [
        vector("valid-compact", secret=SECRET, headers=h(SECRET, BODY), body=BODY,
               expected="valid",
               reason="an api:addon-attachment notification signed as webhooks-demo checks it"),
        vector("valid-utf8", secret=SECRET, headers=h(SECRET, BODY_UTF8), body=BODY_UTF8,
               expected="valid", reason="non-ASCII UTF-8 body: the raw bytes are signed"),
        vector("tampered-body", secret=SECRET, headers=h(SECRET, BODY), body=tampered(BODY),
               expected="invalid", error="signature_mismatch",
               reason="one bit of the body changed after signing"),
        vector("wrong-secret", secret="hooksign-heroku-other-secret", headers=h(SECRET, BODY),
               body=BODY, expected="invalid", error="signature_mismatch",
               reason="verified with a secret that did not sign it"),
        vector("rotation", secret=["hooksign-heroku-old-secret", SECRET],
               headers=h(SECRET, BODY), body=BODY, expected="valid", matched_secret_index=1,
               reason="after the subscription's secret was changed, the second configured "
                      "secret matches"),
        vector("missing-signature", secret=SECRET, headers={"Content-Type": "application/json"},
               body=BODY, expected="invalid", error="missing_header",
               reason="no Heroku-Webhook-Hmac-SHA256 header (a subscription without a secret)"),
        vector("hex-instead", secret=SECRET,
               headers={"Heroku-Webhook-Hmac-SHA256": hex_mac("sha256", SECRET, BODY)},
               body=BODY, expected="invalid", error="malformed_header",
               reason="the right MAC written in hex where Heroku sends base64"),
        vector("empty-signature", secret=SECRET, headers={"Heroku-Webhook-Hmac-SHA256": ""},
               body=BODY, expected="invalid", error="malformed_header",
               reason="an empty header value"),
    ]
