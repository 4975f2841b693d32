"""Intercom: `X-Hub-Signature: sha1=<hex HMAC-SHA1(secret, JSON notification)>`.

Written from Intercom's documentation only: API reference v1.0, "Signed Notifications". The
subscription's secret is the HMAC key; the signature is the 40-character hexadecimal HMAC-SHA1
(RFC 2104) of the JSON notification; the `X-Hub-Signature` value is `sha1=` followed by it. The
notification carries `id` (`notif_…`) and `topic`.
"""

from ._common import hex_mac, tampered, vector

PROVIDER = "intercom"
DOCS = ["https://developers.intercom.com/intercom-api-reference/v1.0/reference/signed-notifications"]
MODEL = ("X-Hub-Signature is sha1= followed by the 40-character lower-case hex HMAC-SHA1 of the "
         "JSON notification (the body), keyed with the subscription's secret as text.")

SECRET = "hooksign-intercom-hub-secret-0001"

# Shaped like the documented example request.
USER_CREATED = ('{"type":"notification_event","id":"notif_78c122d0-23ba-11e4-9464-79b01267cc2e",'
                '"topic":"user.created","app_id":"a86dr8yl","data":{"type":"notification_event_data",'
                '"item":{"type":"user","id":"530370b477ad7120001d","user_id":"25","name":'
                '"Hoban Washburne","unsubscribed_from_emails":false,"custom_attributes":{}}}}')

UNICODE = ('{"type":"notification_event","id":"notif_1f4a2b3c-0000-4000-8000-000000000001",'
           '"topic":"conversation.user.replied","app_id":"a86dr8yl","data":{"type":'
           '"notification_event_data","item":{"type":"conversation","id":"147","body":'
           '"Bonjour Zoë — ça marche? 日本語 🎉"}}}')


def headers(body, secret=SECRET):
    return {
        "Content-Type": "application/json",
        "User-Agent": "intercom-parrot-service-client/1.0",
        "X-Hub-Signature": "sha1=" + hex_mac("sha1", secret, body),
    }


def cases():
    good = headers(USER_CREATED)
    sig = good["X-Hub-Signature"]
    return [
        vector("valid-user-created", secret=SECRET, headers=good, body=USER_CREATED,
               expected="valid",
               reason="a user.created notification shaped like the documented example request"),
        vector("valid-unicode", secret=SECRET, headers=headers(UNICODE), body=UNICODE,
               expected="valid", reason="a notification whose body has non-ASCII UTF-8"),
        vector("tampered-body", secret=SECRET, headers=good, body=tampered(USER_CREATED),
               expected="invalid", error="signature_mismatch",
               reason="one bit of the body changed after signing"),
        vector("wrong-secret", secret="another-secret", headers=good, body=USER_CREATED,
               expected="invalid", error="signature_mismatch",
               reason="verified with a secret other than the signing one"),
        vector("rotation", secret=["old-intercom-secret", SECRET], headers=good,
               body=USER_CREATED, expected="valid", matched_secret_index=1,
               reason="while the secret is changed both are kept; the second one signed"),
        vector("missing-header", secret=SECRET, headers={"Content-Type": "application/json"},
               body=USER_CREATED, expected="invalid", error="missing_header",
               reason="no X-Hub-Signature"),
        vector("no-prefix", secret=SECRET, headers={"X-Hub-Signature": sig[len("sha1="):]},
               body=USER_CREATED, expected="invalid", error="malformed_header",
               reason="the documented value starts with sha1="),
        vector("truncated", secret=SECRET, headers={"X-Hub-Signature": sig[:-1]},
               body=USER_CREATED, expected="invalid", error="malformed_header",
               reason="the documented signature is 40 hexadecimal characters"),
        vector("sha256-value", secret=SECRET,
               headers={"X-Hub-Signature": "sha256=" + hex_mac("sha256", SECRET, USER_CREATED)},
               body=USER_CREATED, expected="invalid", error="malformed_header",
               reason="Intercom documents SHA-1 only; a sha256= value is not its format"),
    ]
