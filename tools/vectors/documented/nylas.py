"""Nylas (API v3) webhooks: `x-nylas-signature: <hex HMAC-SHA256(webhook_secret, body)>`,
written from Nylas' "Verify webhook signatures" recipe: after the challenge, Nylas generates a
`webhook_secret` for the destination; every notification carries `x-nylas-signature`, the
hex-encoded HMAC-SHA256 of the exact request body keyed with that secret (a 64-character hex
string), recomputed over the raw bytes and compared in constant time. No timestamp is signed.
The notification schemas give the body: `specversion`, `type`, `source`, `id`, `time`, `data`."""

from documented._common import hex_mac, tampered, vector

PROVIDER = "nylas"
DOCS = [
    "https://developer.nylas.com/docs/cookbook/use-cases/build/verify-webhook-signatures/",
    "https://developer.nylas.com/docs/v3/notifications/notification-schemas/",
    "https://developer.nylas.com/docs/reference/api/webhook-notifications/post-webhook-destinations/",
]
MODEL = ("x-nylas-signature is the lower-case hex HMAC-SHA256 of the raw body keyed with the "
         "destination's webhook_secret as UTF-8; no timestamp is signed.")

SECRET = "hooksign-nylas-webhook-secret-000000000000001"
HEADER = "x-nylas-signature"


def cases():
    created = ('{"specversion":"1.0","type":"message.created","source":"/google/emails/realtime",'
               '"id":"hooksign-nylas-notification-0001","time":1700000000,'
               '"data":{"application_id":"hooksign-app","object":{"grant_id":"hooksign-grant",'
               '"id":"hooksign-message-0001","object":"message","subject":"Hello"}}}')
    event = ('{"specversion":"1.0","type":"event.created","source":"/google/events/realtime",'
             '"id":"hooksign-nylas-notification-0002","time":1700000000,"data":{"application_id":'
             '"hooksign-app","object":{"grant_id":"hooksign-grant","id":"hooksign-event-0001",'
             '"object":"event","title":"Réunion — 東京 📅"}}}')
    old = "hooksign-nylas-rotated-out-secret-0000000001"
    good = {HEADER: hex_mac("sha256", SECRET, created)}
    return [
        vector("valid-message-created", secret=SECRET, headers=good, body=created,
               expected="valid", reason="a message.created notification signed with the webhook_secret"),
        vector("valid-unicode", secret=SECRET, headers={HEADER: hex_mac("sha256", SECRET, event)},
               body=event, expected="valid",
               reason="an event.created notification with non-ASCII UTF-8, signed as its bytes"),
        vector("tampered-body", secret=SECRET, headers=good, body=tampered(created),
               expected="invalid", error="signature_mismatch",
               reason="one bit of the body changed after signing"),
        vector("wrong-secret", secret="hooksign-nylas-other-destination-secret-01",
               headers=good, body=created, expected="invalid", error="signature_mismatch",
               reason="another destination's webhook_secret"),
        vector("rotation", secret=[old, SECRET], headers=good, body=created, expected="valid",
               matched_secret_index=1,
               reason="the receiver holds the secret before and after a rotate-secret call"),
        vector("missing-header", secret=SECRET, headers={"Content-Type": "application/json"},
               body=created, expected="invalid", error="missing_header",
               reason="no x-nylas-signature header"),
        vector("uppercase-hex", secret=SECRET, headers={HEADER: good[HEADER].upper()},
               body=created, expected="invalid", error="malformed_header",
               reason="upper-case hex is not the documented digest; the recipe compares the "
                      "lower-case hex strings byte for byte"),
        vector("malformed-signature", secret=SECRET, headers={HEADER: "not-a-hex-digest"},
               body=created, expected="invalid", error="malformed_header",
               reason="a value that is not a hex digest"),
    ]
