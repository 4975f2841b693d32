"""Meta (Facebook, Instagram, WhatsApp): `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(App
Secret, payload)>`.

Written from Meta's documentation only. The Graph API Webhooks page ("Validating Payloads")
states that every Event Notification payload is signed with SHA256 and the signature put in
`X-Hub-Signature-256`, preceded by `sha256=`; the receiver generates the SHA256 signature of the
payload with the app's App Secret and compares it with everything after `sha256=`. The
Instagram Platform webhooks page repeats the same paragraph, and Meta's sample server
(fbsamples/graph-api-webhooks-samples, typescript-server) checks Facebook, Instagram, Threads
and WhatsApp deliveries with one validator. The older
wording of the same page used `X-Hub-Signature` / `sha1=` and said the signature is computed
over the escaped-unicode payload "with lowercase hex digits": the bytes sent are what is
signed.
"""

from ._common import hex_mac, tampered, vector

PROVIDER = "meta"
DOCS = [
    "https://developers.facebook.com/docs/graph-api/webhooks/getting-started#validating-payloads",
    "https://developers.facebook.com/docs/instagram-platform/webhooks",
    "https://github.com/fbsamples/graph-api-webhooks-samples/blob/2ecc41bd17fce2824c48c9891cf21ef2a4a5f0b2/typescript-server/src/utils/validate-x-hub.ts",
]
MODEL = ("X-Hub-Signature-256 is sha256= followed by the lower-case hex HMAC-SHA256 of the "
         "payload as sent, keyed with the App Secret as text; no timestamp or id is signed.")

SECRET = "hooksign-meta-app-secret-0001"

PAGE = ('{"object":"page","entry":[{"id":"1234567890","time":1700000000,"changes":'
        '[{"field":"feed","value":{"item":"status","verb":"add","post_id":"1234567890_987"}}]}]}')

# What Meta sends: non-ASCII escaped as \\uXXXX with lower-case hex digits.
WHATSAPP_ESCAPED = ('{"object":"whatsapp_business_account","entry":[{"id":"102290129340398",'
                    '"changes":[{"value":{"messaging_product":"whatsapp","messages":[{"id":'
                    '"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=","text":'
                    '{"body":"Gr\\u00fc\\u00dfe \\u2014 \\u65e5\\u672c \\ud83c\\udf89"},"type":"text"}]},'
                    '"field":"messages"}]}]}')

# The same content as raw UTF-8: the MAC is over whatever bytes arrive.
INSTAGRAM_UTF8 = ('{"object":"instagram","entry":[{"id":"17841400000000000","time":1700000000,'
                  '"messaging":[{"sender":{"id":"1"},"recipient":{"id":"2"},"timestamp":1700000000,'
                  '"message":{"mid":"aWdfZAG1","text":"Grüße — 日本 🎉 Zoë"}}]}]}')


def headers(body, secret=SECRET):
    return {
        "Content-Type": "application/json",
        "X-Hub-Signature-256": "sha256=" + hex_mac("sha256", secret, body),
    }


def cases():
    good = headers(PAGE)
    sig = good["X-Hub-Signature-256"]
    return [
        vector("valid-page", secret=SECRET, headers=good, body=PAGE, expected="valid",
               reason="a Page feed change, signed as the Validating Payloads section says"),
        vector("valid-whatsapp-escaped", secret=SECRET, headers=headers(WHATSAPP_ESCAPED),
               body=WHATSAPP_ESCAPED, expected="valid",
               reason="a WhatsApp message whose non-ASCII text is \\u-escaped, as Meta sends it"),
        vector("valid-instagram-utf8", secret=SECRET, headers=headers(INSTAGRAM_UTF8),
               body=INSTAGRAM_UTF8, expected="valid",
               reason="an Instagram message with raw non-ASCII UTF-8: the MAC covers the bytes received"),
        vector("tampered-body", secret=SECRET, headers=good, body=tampered(PAGE),
               expected="invalid", error="signature_mismatch",
               reason="one bit of the body changed after signing"),
        vector("wrong-secret", secret="another-app-secret", headers=good, body=PAGE,
               expected="invalid", error="signature_mismatch",
               reason="verified with an App Secret other than the signing one"),
        vector("rotation", secret=["old-app-secret", SECRET], headers=good, body=PAGE,
               expected="valid", matched_secret_index=1,
               reason="after the App Secret is reset both are kept; the second one signed"),
        vector("missing-header", secret=SECRET, headers={"Content-Type": "application/json"},
               body=PAGE, expected="invalid", error="missing_header",
               reason="no X-Hub-Signature-256"),
        vector("legacy-sha1-only", secret=SECRET,
               headers={"X-Hub-Signature": "sha1=" + hex_mac("sha1", SECRET, PAGE)},
               body=PAGE, expected="invalid", error="missing_header",
               reason="only the legacy SHA-1 header: the documented check reads X-Hub-Signature-256"),
        vector("no-prefix", secret=SECRET,
               headers={"X-Hub-Signature-256": sig[len("sha256="):]}, body=PAGE,
               expected="invalid", error="malformed_header",
               reason="the documented value is preceded with sha256="),
        vector("uppercase-hex", secret=SECRET,
               headers={"X-Hub-Signature-256": "sha256=" + sig[len("sha256="):].upper()},
               body=PAGE, expected="invalid", error="malformed_header",
               reason="Meta writes lower-case hex digits"),
    ]
