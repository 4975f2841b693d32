"""Webex (Webhooks API): `X-Spark-Signature: <hex HMAC-SHA1(webhook secret, body)>`, written from
Webex for Developers' "Using a Webhook Secret" post: a webhook created with a `secret` is sent
with `X-Spark-Signature`; its Python example computes `hmac.new(key.encode(), raw,
hashlib.sha1).hexdigest()` over the raw JSON body and compares it with the header using `==`.
No timestamp is signed. The body shape is from the "Receive and verify events" page."""

from documented._common import hex_mac, tampered, vector

PROVIDER = "webex"
DOCS = [
    "https://developer.webex.com/blog/using-a-webhook-secret (read as served from Webex's "
    "developer-portal-k.wbx2.com/blog/using-a-webhook-secret)",
    "https://developer.webex.com/docs/receive-and-verify-webhooks",
]
MODEL = ("X-Spark-Signature is the lower-case hex HMAC-SHA1 of the raw body keyed with the "
         "webhook's secret as UTF-8; no timestamp is signed.")

SECRET = "somesupersecretphrase"
HEADER = "X-Spark-Signature"


def sig(body, secret=SECRET):
    return hex_mac("sha1", secret, body)


def cases():
    created = ('{"id":"hooksignWebexWebhook0001","name":"New message in hooksign room",'
               '"resource":"messages","event":"created","filter":"roomId=hooksignRoom",'
               '"orgId":"hooksignOrg","createdBy":"hooksignPerson","appId":"hooksignApp",'
               '"ownedBy":"creator","status":"active","actorId":"hooksignPerson",'
               '"data":{"id":"hooksignMessage0001","roomId":"hooksignRoom","personEmail":'
               '"ada@example.com","created":"2023-11-14T22:13:20.000Z"}}')
    room = ('{"id":"hooksignWebexWebhook0002","name":"Réunion — 東京 📞","resource":"rooms",'
            '"event":"updated","orgId":"hooksignOrg","createdBy":"hooksignPerson",'
            '"ownedBy":"creator","status":"active","actorId":"hooksignPerson",'
            '"data":{"id":"hooksignRoom","title":"Salle de réunion — 東京"}}')
    old = "hooksign-webex-previous-secret"
    good = {HEADER: sig(created)}
    return [
        vector("valid-message-created", secret=SECRET, headers=good, body=created,
               expected="valid",
               reason="a messages/created notification, keyed with the post's example secret"),
        vector("valid-unicode", secret=SECRET, headers={HEADER: sig(room)}, body=room,
               expected="valid",
               reason="a rooms/updated notification with non-ASCII UTF-8, signed as its bytes"),
        vector("tampered-body", secret=SECRET, headers=good, body=tampered(created),
               expected="invalid", error="signature_mismatch",
               reason="one bit of the body changed after signing"),
        vector("wrong-secret", secret="hooksign-webex-other-secret", headers=good, body=created,
               expected="invalid", error="signature_mismatch",
               reason="another webhook's secret"),
        vector("rotation", secret=[old, SECRET], headers=good, body=created, expected="valid",
               matched_secret_index=1,
               reason="the receiver holds the previous and the current webhook secret"),
        vector("missing-header", secret=SECRET, headers={"Content-Type": "application/json"},
               body=created, expected="invalid", error="missing_header",
               reason="no X-Spark-Signature (a webhook created without a secret)"),
        vector("sha256-digest", secret=SECRET,
               headers={HEADER: hex_mac("sha256", SECRET, created)}, body=created,
               expected="invalid", error="malformed_header",
               reason="an HMAC-SHA256 digest is not the documented SHA-1 one (wrong length)"),
        vector("uppercase-hex", secret=SECRET, headers={HEADER: good[HEADER].upper()},
               body=created, expected="invalid", error="malformed_header",
               reason="upper-case hex is not hexdigest()'s output, which the example compares with =="),
    ]
