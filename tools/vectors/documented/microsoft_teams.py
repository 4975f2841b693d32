"""Microsoft Teams outgoing webhooks: `Authorization: HMAC <base64 HMAC-SHA256(base64-decoded
security token, body)>`, written from Microsoft's "Create Outgoing Webhooks" page and its
official samples (OfficeDev/Microsoft-Teams-Samples `samples/outgoing-webhook/nodejs/app.js`)."""

import base64

from documented._common import b64_mac, tampered, vector

PROVIDER = "microsoft-teams"
DOCS = [
    "https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-outgoing-webhook",
    "https://github.com/OfficeDev/Microsoft-Teams-Samples/blob/main/samples/outgoing-webhook/nodejs/app.js",
]
MODEL = ("the Authorization header is 'HMAC ' + the standard base64 (padded) HMAC-SHA256 of the "
         "raw body (UTF-8), keyed with the security token Teams shows once, base64-decoded; "
         "no timestamp is signed.")

# The example token in Microsoft's Node sample (a comment there) and our own.
SAMPLE_TOKEN = "+ZaRRMC8+mpnfGaGsBOmkIFt98bttL5YQRq3p2tXgcE="
TOKEN = base64.b64encode(b"hooksign-teams-outgoing-webhook!").decode()
OLD = base64.b64encode(b"hooksign-teams-old-token-000000!").decode()


def auth(body, token=TOKEN):
    raw = body.encode() if isinstance(body, str) else body
    return "HMAC " + b64_mac("sha256", base64.b64decode(token), raw)


def cases():
    msg = ('{"type":"message","id":"1700000000000","text":"<at>Hooksign</at> build status",'
           '"from":{"id":"29:1abc","name":"Ada Lovelace"},"channelId":"msteams"}')
    uni = ('{"type":"message","id":"1700000000001","text":"<at>Hooksign</at> Grüße ✓ 日本語 🎉",'
           '"from":{"id":"29:1abd","name":"Zoë Ångström"},"channelId":"msteams"}')
    good = {"Authorization": auth(msg)}
    return [
        vector("valid-message", secret=TOKEN, headers=good, body=msg, expected="valid",
               reason="an @mention message signed with the decoded security token"),
        vector("valid-unicode", secret=TOKEN, headers={"Authorization": auth(uni)}, body=uni,
               expected="valid", reason="a message with non-ASCII UTF-8, signed as its bytes"),
        vector("valid-sample-token", secret=SAMPLE_TOKEN,
               headers={"Authorization": auth(msg, SAMPLE_TOKEN)}, body=msg, expected="valid",
               reason="keyed with the example security token of Microsoft's Node sample "
                      "(https://github.com/OfficeDev/Microsoft-Teams-Samples/blob/main/samples/"
                      "outgoing-webhook/nodejs/app.js); no signed example is published"),
        vector("token-used-as-text", secret=TOKEN,
               headers={"Authorization": "HMAC " + b64_mac("sha256", TOKEN, msg)}, body=msg,
               expected="invalid", error="signature_mismatch",
               reason="the token's text as the key is not the documented key (its decoded "
                      "bytes)"),
        vector("tampered-body", secret=TOKEN, headers=good, body=tampered(msg),
               expected="invalid", error="signature_mismatch", reason="body changed after signing"),
        vector("wrong-secret", secret=OLD, headers=good, body=msg, expected="invalid",
               error="signature_mismatch", reason="another outgoing webhook's token"),
        vector("rotation", secret=[OLD, TOKEN], headers=good, body=msg, expected="valid",
               matched_secret_index=1,
               reason="the second configured token (e.g. after recreating the webhook)"),
        vector("missing-signature", secret=TOKEN, headers={}, body=msg, expected="invalid",
               error="missing_header", reason="no Authorization header"),
        vector("no-scheme", secret=TOKEN, headers={"Authorization": good["Authorization"][5:]},
               body=msg, expected="invalid", error="malformed_header",
               reason="the value without its 'HMAC ' scheme is not what Teams sends"),
        vector("malformed-signature", secret=TOKEN, headers={"Authorization": "HMAC not*base64"},
               body=msg, expected="invalid", error="malformed_header",
               reason="'HMAC ' followed by something that is not base64"),
    ]
