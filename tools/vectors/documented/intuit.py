"""Intuit QuickBooks Online: `intuit-signature: <base64 HMAC-SHA256(verifier token, body)>`.

Model written from Intuit's developer documentation and Intuit's official Java SDK
(intuit/QuickBooks-V3-Java-SDK, `WebhooksService.verifyPayload`): the app's verifier token,
as UTF-8 text, keys an HMAC-SHA256 of the notification payload; the header carries the
digest in padded standard base64, which the SDK compares as a string. No timestamp.
"""

from documented._common import b64_mac, mac, tampered, vector

PROVIDER = "intuit"
DOCS = [
    "https://developer.intuit.com/app/developer/qbo/docs/develop/webhooks/managing-webhooks-notifications",
    "https://github.com/intuit/QuickBooks-V3-Java-SDK (ipp-v3-java-devkit/src/main/java/com/intuit/ipp/services/WebhooksService.java)",
    "https://blogs.a.intuit.com/2025/11/12/upcoming-change-to-webhooks-payload-structure",
]
MODEL = ("intuit-signature is the padded standard base64 HMAC-SHA256 of the raw body keyed with "
         "the verifier token as UTF-8 text; nothing else is signed.")

SECRET = "hooksign-intuit-verifier-token-0001"
OTHER = "hooksign-intuit-verifier-token-0000"

# The CloudEvents format (a JSON array), as Intuit's announcement shows it.
CLOUDEVENTS = ('[{"specversion":"1.0","id":"88cd52aa-33b6-4351-9aa4-47572edbd068",'
               '"source":"intuit.dsnBgbseACLLRZNxo2dfc4evmEJdxde58xeeYcZliOU=",'
               '"type":"qbo.account.created.v1","datacontenttype":"application/json",'
               '"time":"2025-09-10T21:31:25.179851517Z","intuitentityid":"1234",'
               '"intuitaccountid":"310687","data":{}}]')
# The older eventNotifications format, the docs' sample payload (compacted).
LEGACY = ('{"eventNotifications":[{"realmId":"1185883450","dataChangeEvent":{"entities":['
          '{"name":"Customer","id":"1","operation":"Create","lastUpdated":"2015-10-05T14:42:19-0700"},'
          '{"name":"Vendor","id":"1","operation":"Create","lastUpdated":"2015-10-05T14:42:19-0700"}]}}]}')
UNICODE = ('[{"specversion":"1.0","id":"0f3c1e52-7d6a-4b8e-9c1d-2a3b4c5d6e7f",'
           '"source":"intuit.dsnBgbseACLLRZNxo2dfc4evmEJdxde58xeeYcZliOU=",'
           '"type":"qbo.customer.updated.v1","datacontenttype":"application/json",'
           '"time":"2025-09-10T21:32:00.000Z","intuitentityid":"58","intuitaccountid":"310687",'
           '"data":{"note":"Zoë Ångström — Café ✓ 日本語 🎉"}}]')


def sig(body, secret=SECRET):
    return b64_mac("sha256", secret, body)


def cases():
    ct = {"Content-Type": "application/json"}
    return [
        vector("valid-cloudevents", secret=SECRET, body=CLOUDEVENTS, expected="valid",
               headers={**ct, "intuit-signature": sig(CLOUDEVENTS)},
               reason="valid notification in the CloudEvents format (Intuit's sample event)"),
        vector("valid-legacy-format", secret=SECRET, body=LEGACY, expected="valid",
               headers={**ct, "intuit-signature": sig(LEGACY)},
               reason="valid notification in the eventNotifications format (the docs' sample "
                      "payload)"),
        vector("valid-unicode", secret=SECRET, body=UNICODE, expected="valid",
               headers={**ct, "intuit-signature": sig(UNICODE)},
               reason="valid notification whose body has non-ASCII UTF-8"),
        vector("tampered-body", secret=SECRET, body=tampered(CLOUDEVENTS), expected="invalid",
               error="signature_mismatch",
               headers={**ct, "intuit-signature": sig(CLOUDEVENTS)},
               reason="body changed after signing"),
        vector("wrong-secret", secret=SECRET, body=CLOUDEVENTS, expected="invalid",
               error="signature_mismatch",
               headers={**ct, "intuit-signature": sig(CLOUDEVENTS, OTHER)},
               reason="signed with another verifier token"),
        vector("rotation", secret=[OTHER, SECRET], body=CLOUDEVENTS, expected="valid",
               matched_secret_index=1, headers={**ct, "intuit-signature": sig(CLOUDEVENTS)},
               reason="old and new verifier tokens configured; the second matches"),
        vector("missing-signature", secret=SECRET, body=CLOUDEVENTS, expected="invalid",
               error="missing_header", headers=ct, reason="no intuit-signature header"),
        vector("hex-digest", secret=SECRET, body=CLOUDEVENTS, expected="invalid",
               error="malformed_header",
               headers={**ct, "intuit-signature": mac("sha256", SECRET, CLOUDEVENTS).hex()},
               reason="correct digest as hex instead of base64"),
        vector("unpadded-base64", secret=SECRET, body=CLOUDEVENTS, expected="invalid",
               error="malformed_header",
               headers={**ct, "intuit-signature": sig(CLOUDEVENTS).rstrip("=")},
               reason="correct digest without its '=' padding; the SDK compares the padded "
                      "base64 string"),
    ]
