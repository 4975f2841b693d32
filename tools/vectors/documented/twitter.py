"""X (Twitter) Account Activity API webhooks: `x-twitter-webhooks-signature: sha256=<base64
HMAC-SHA256(consumer secret, body)>`, written from X's V2 Webhooks quickstart (securing
incoming events): HMAC SHA-256 keyed with the app's consumer secret over the raw request body,
base64-encoded, with `sha256=` prepended, compared with the header. No timestamp is signed.
(The CRC handshake, a GET answered with the HMAC of `crc_token`, is not a delivery.)"""

import base64

from documented._common import mac, tampered, vector

PROVIDER = "twitter"
DOCS = [
    "https://docs.x.com/x-api/webhooks/quickstart",
    "https://docs.x.com/x-api/webhooks/introduction",
]
MODEL = ("x-twitter-webhooks-signature is 'sha256=' + the standard base64 (padded) of "
         "HMAC-SHA256 keyed with the app's consumer secret as UTF-8 over the raw body; no "
         "timestamp is signed.")

SECRET = "hooksignTwitterConsumerSecret0000000000000000000001"
HEADER = "x-twitter-webhooks-signature"


def sig(body, secret=SECRET):
    return "sha256=" + base64.b64encode(mac("sha256", secret, body)).decode()


def cases():
    tweet = ('{"for_user_id":"2244994945","tweet_create_events":[{"created_at":'
             '"Tue Nov 14 22:13:20 +0000 2023","id_str":"1724580000000000001",'
             '"text":"Hello from the Account Activity API","user":{"id_str":"6253282"}}]}')
    dm = ('{"for_user_id":"2244994945","direct_message_events":[{"type":"message_create",'
          '"id":"1724580000000000002","created_timestamp":"1700000000000","message_create":'
          '{"target":{"recipient_id":"2244994945"},"sender_id":"6253282","message_data":'
          '{"text":"¿Qué tal? — 東京 🐦"}}}]}')
    old = "hooksignTwitterOldConsumerSecret00000000000000000001"
    good = {HEADER: sig(tweet)}
    digest = sig(tweet)[len("sha256="):]
    return [
        vector("valid-tweet-create", secret=SECRET, headers=good, body=tweet, expected="valid",
               reason="a tweet_create_events delivery signed with the consumer secret"),
        vector("valid-unicode", secret=SECRET, headers={HEADER: sig(dm)}, body=dm,
               expected="valid",
               reason="a direct_message_events delivery with non-ASCII UTF-8, signed as its bytes"),
        vector("tampered-body", secret=SECRET, headers=good, body=tampered(tweet),
               expected="invalid", error="signature_mismatch",
               reason="one bit of the body changed after signing"),
        vector("wrong-secret", secret="hooksignTwitterOtherConsumerSecret000000000000000001",
               headers=good, body=tweet, expected="invalid", error="signature_mismatch",
               reason="another app's consumer secret"),
        vector("rotation", secret=[old, SECRET], headers=good, body=tweet, expected="valid",
               matched_secret_index=1,
               reason="the receiver holds the old and the regenerated consumer secret"),
        vector("missing-header", secret=SECRET, headers={"Content-Type": "application/json"},
               body=tweet, expected="invalid", error="missing_header",
               reason="no x-twitter-webhooks-signature header"),
        vector("no-prefix", secret=SECRET, headers={HEADER: digest}, body=tweet,
               expected="invalid", error="malformed_header",
               reason="the base64 digest without its sha256= prefix is not the documented value"),
        vector("hex-digest", secret=SECRET,
               headers={HEADER: "sha256=" + mac("sha256", SECRET, tweet).hex()}, body=tweet,
               expected="invalid", error="malformed_header",
               reason="a hex digest is not the documented base64 encoding"),
        vector("malformed-signature", secret=SECRET, headers={HEADER: "sha256=not base64!"},
               body=tweet, expected="invalid", error="malformed_header",
               reason="sha256= followed by something that is not base64"),
    ]
