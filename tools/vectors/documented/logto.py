"""Logto webhooks: `logto-signature-sha-256: <hex HMAC-SHA256(signing key, body)>`, written from
Logto's "Secure webhooks" guide (take the signature from `logto-signature-sha-256`, compute an
HMAC hex digest of the raw body with the webhook's signing key, compare with `===`) and Logto's
own source (logto-io/logto, `packages/core/src/utils/sign.ts`: `createHmac('sha256',
signingKey)` over `JSON.stringify(payload)`, `digest('hex')`; `libraries/hook/utils.ts` sends
that same JSON as the body). Its unit test (`utils/sign.test.ts`) gives two published vectors.
No timestamp is signed."""

from documented._common import hex_mac, tampered, vector

PROVIDER = "logto"
DOCS = [
    "https://docs.logto.io/developers/webhooks/secure-webhooks",
    "https://github.com/logto-io/logto/blob/master/packages/core/src/utils/sign.ts",
    "https://github.com/logto-io/logto/blob/master/packages/core/src/utils/sign.test.ts",
    "https://github.com/logto-io/logto/blob/master/packages/core/src/libraries/hook/utils.ts",
]
MODEL = ("logto-signature-sha-256 is the lower-case hex HMAC-SHA256 of the raw body (the "
         "JSON Logto sends) keyed with the webhook's signing key as UTF-8; no timestamp is "
         "signed.")

SECRET = "hooksignLogtoSigningKey0000000001"
HEADER = "logto-signature-sha-256"
TEST = "https://github.com/logto-io/logto/blob/master/packages/core/src/utils/sign.test.ts"


def cases():
    created = ('{"event":"User.Created","createdAt":"2023-11-14T22:13:20.000Z",'
               '"hookId":"hooksignhook01","userAgent":"hooksign","path":"/users","method":"POST",'
               '"status":201,"data":{"id":"hooksignuser1","username":"ada"}}')
    signin = ('{"event":"PostSignIn","createdAt":"2023-11-14T22:13:20.000Z",'
              '"hookId":"hooksignhook01","sessionId":"hooksignsession","userId":"hooksignuser2",'
              '"user":{"id":"hooksignuser2","name":"Zoë Ødegaard — 東京 🔐"}}')
    published = '{"bar":"bar","foo":"foo"}'
    assert hex_mac("sha256", "foo", published) == \
        "436958f1dbfefab37712fb3927760490fbf7757da8c0b2306ee7b485f0360eee"
    assert hex_mac("sha256", "foo", "{}") == \
        "c76356efa19d219d1d7e08ccb20b1d26db53b143156f406c99dcb8e0876d6c55"
    old = "hooksignLogtoRegeneratedOldKey001"
    good = {HEADER: hex_mac("sha256", SECRET, created)}
    return [
        vector("source-test-payload", secret="foo",
               headers={HEADER: "436958f1dbfefab37712fb3927760490fbf7757da8c0b2306ee7b485f0360eee"},
               body=published, expected="valid",
               reason=f"published: Logto's sign() unit test, key `foo` ({TEST})"),
        vector("source-test-empty-payload", secret="foo",
               headers={HEADER: "c76356efa19d219d1d7e08ccb20b1d26db53b143156f406c99dcb8e0876d6c55"},
               body="{}", expected="valid",
               reason=f"published: Logto's sign() unit test for an empty payload ({TEST})"),
        vector("valid-user-created", secret=SECRET, headers=good, body=created,
               expected="valid", reason="a User.Created data hook signed with the signing key"),
        vector("valid-unicode", secret=SECRET, headers={HEADER: hex_mac("sha256", SECRET, signin)},
               body=signin, expected="valid",
               reason="a PostSignIn interaction hook with non-ASCII UTF-8, signed as its bytes"),
        vector("tampered-body", secret=SECRET, headers=good, body=tampered(created),
               expected="invalid", error="signature_mismatch",
               reason="one bit of the body changed after signing"),
        vector("wrong-secret", secret="hooksignLogtoOtherSigningKey00001", headers=good,
               body=created, expected="invalid", error="signature_mismatch",
               reason="another webhook's signing key"),
        vector("rotation", secret=[old, SECRET], headers=good, body=created, expected="valid",
               matched_secret_index=1,
               reason="the receiver holds the key before and after a regeneration"),
        vector("missing-header", secret=SECRET, headers={"user-agent": "Logto (https://logto.io/)"},
               body=created, expected="invalid", error="missing_header",
               reason="no logto-signature-sha-256 header"),
        vector("prefixed-signature", secret=SECRET, headers={HEADER: "sha256=" + good[HEADER]},
               body=created, expected="invalid", error="malformed_header",
               reason="Logto sends the bare hex digest, with no sha256= prefix"),
        vector("uppercase-hex", secret=SECRET, headers={HEADER: good[HEADER].upper()},
               body=created, expected="invalid", error="malformed_header",
               reason="upper-case hex is not what Logto sends; the guide compares with ==="),
    ]
