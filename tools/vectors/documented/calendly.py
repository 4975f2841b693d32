"""Calendly: `Calendly-Webhook-Signature: t=<unix>,v1=<hex HMAC-SHA256(key, "{t}.{body}")>`.

Written from Calendly's developer docs: the Webhooks overview's "At a glance" table gives the
header as `t=<unix>,v1=<hex>` and the check as HMAC-SHA256 keyed with the subscription's
webhook signing key over `"<t>." + raw_body`; "Webhook Signatures" says the signing key is a
secret shared between the application and Calendly (chosen when a personal-access-token
subscription is created, generated for an OAuth app). The timestamp is signed as it appears in
the header. None of the Calendly pages read for this model states a replay window, so the
model checks none (an old `t` is accepted); a receiver may set one.
"""

from ._common import b64_mac, hex_mac, tampered, vector

PROVIDER = "calendly"
DOCS = [
    "https://developer.calendly.com/docs/webhooks/overview",
    "https://developer.calendly.com/api-docs/overview/webhooks/webhook-signatures",
    "https://developer.calendly.com/api-docs/overview/webhooks/webhook-errors",
]
MODEL = ("Calendly-Webhook-Signature is t=<unix seconds>,v1=<lower-case hex HMAC-SHA256 of "
         "'<t>.' + raw body, keyed with the webhook signing key as text>; no replay window "
         "is documented.")

KEY = "hooksign-calendly-webhook-signing-key-0001"
TS = 1700000000
BODY = ('{"created_at":"2023-11-14T22:13:20.000000Z","created_by":'
        '"https://api.calendly.com/users/AAAAAAAAAAAAAAAA","event":"invitee.created",'
        '"payload":{"uri":"https://api.calendly.com/scheduled_events/GBGBDCAADAEDCRZ2/invitees/'
        'AAAAAAAAAAAAAAAA","email":"test@example.com","name":"John Doe","status":"active",'
        '"rescheduled":false}}')
BODY_UTF8 = ('{"created_at":"2023-11-14T22:15:00.000000Z","created_by":'
             '"https://api.calendly.com/users/AAAAAAAAAAAAAAAA","event":"invitee.canceled",'
             '"payload":{"email":"zoe@example.com","name":"Zoë Müller — 東京","status":'
             '"canceled","cancellation":{"reason":"Désolée ✓"}}}')


def sig(body, t=TS, key=KEY):
    return f"t={t},v1={hex_mac('sha256', key, f'{t}.' + body)}"


def cases():
    good = {"Calendly-Webhook-Signature": sig(BODY), "Content-Type": "application/json"}
    v1 = hex_mac("sha256", KEY, f"{TS}." + BODY)
    return [
        vector("valid-compact", secret=KEY, headers=good, body=BODY, timestamp=TS, now=TS + 5,
               expected="valid", reason="an invitee.created event signed over '{t}.{body}'"),
        vector("valid-utf8", secret=KEY,
               headers={"Calendly-Webhook-Signature": sig(BODY_UTF8, TS + 100)},
               body=BODY_UTF8, timestamp=TS + 100, now=TS + 101, expected="valid",
               reason="non-ASCII UTF-8 body: the raw bytes are signed"),
        vector("valid-a-day-later", secret=KEY, headers=good, body=BODY, timestamp=TS,
               now=TS + 86400, expected="valid",
               reason="no replay window is documented, so an old t is not rejected"),
        vector("tampered-body", secret=KEY, headers=good, body=tampered(BODY), timestamp=TS,
               now=TS + 5, expected="invalid", error="signature_mismatch",
               reason="one bit of the body changed after signing"),
        vector("tampered-timestamp", secret=KEY,
               headers={"Calendly-Webhook-Signature": f"t={TS + 1},v1={v1}"}, body=BODY,
               timestamp=TS + 1, now=TS + 5, expected="invalid", error="signature_mismatch",
               reason="t is signed: changing it breaks the signature"),
        vector("wrong-key", secret="hooksign-calendly-other-key", headers=good, body=BODY,
               timestamp=TS, now=TS + 5, expected="invalid", error="signature_mismatch",
               reason="verified with a signing key that did not sign it"),
        vector("rotation", secret=["hooksign-calendly-old-key", KEY], headers=good, body=BODY,
               timestamp=TS, now=TS + 5, expected="valid", matched_secret_index=1,
               reason="the second of two configured signing keys signed it"),
        vector("missing-signature", secret=KEY, headers={"Content-Type": "application/json"},
               body=BODY, now=TS + 5, expected="invalid", error="missing_header",
               reason="no Calendly-Webhook-Signature header (a subscription without a key)"),
        vector("no-v1", secret=KEY, headers={"Calendly-Webhook-Signature": f"t={TS}"},
               body=BODY, now=TS + 5, expected="invalid", error="no_signature",
               reason="a t element but no v1 signature"),
        vector("no-t", secret=KEY, headers={"Calendly-Webhook-Signature": f"v1={v1}"},
               body=BODY, now=TS + 5, expected="invalid", error="malformed_header",
               reason="a v1 signature but no t: the signed content cannot be built"),
        vector("base64-v1", secret=KEY,
               headers={"Calendly-Webhook-Signature":
                        f"t={TS},v1={b64_mac('sha256', KEY, f'{TS}.' + BODY)}"},
               body=BODY, timestamp=TS, now=TS + 5, expected="invalid",
               error="malformed_header",
               reason="the right MAC in base64 where the docs say hex"),
    ]
