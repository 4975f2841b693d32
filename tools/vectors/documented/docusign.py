"""DocuSign Connect HMAC: one `X-DocuSign-Signature-N` header per active Connect HMAC key, each
the base64 HMAC-SHA256 of the entire body keyed with that key's UTF-8 bytes; a delivery is
authentic when one of them matches the listener's key."""

from documented._common import b64_mac, tampered, vector

PROVIDER = "docusign"
DOCS = [
    "https://developers.docusign.com/platform/webhooks/connect/validate/",
    "https://www.docusign.com/blog/developers/manually-authenticating-hmac-signatures-docusign-connect-webhook-configurations",
]
MODEL = "X-DocuSign-Signature-<n>: base64(HMAC-SHA256(key n, body)), one header per active key; valid when one header matches."

OLD = "hVFRx6s6n3x0d8ZkQwYqNq7M3vN8b2JtQmC1dE5fG6I="
NEW = "Zk5x1Qm2Rn3So4Tp5Uq6Vr7Ws8Xt9Yu0Zv1Aw2Bx3C="
BODY = ('{"event":"envelope-completed","apiVersion":"v2.1","uri":"/restapi/v2.1/accounts/1/envelopes/'
        '9d5f0c1e","retryCount":0,"generatedDateTime":"2026-11-30T10:00:00.000Z",'
        '"data":{"accountId":"1","envelopeId":"9d5f0c1e"}}')
UNICODE = ('{"event":"recipient-completed","data":{"envelopeId":"4b1e","recipient":'
           '{"name":"Zoë Ångström","note":"署名済み"}}}\r\n')


def sig(n, key, body):
    return (f"X-DocuSign-Signature-{n}", b64_mac("sha256", key, body))


def cases():
    return [
        vector("valid-one-key", secret=NEW, headers=dict([sig(1, NEW, BODY)]), body=BODY,
               expected="valid", reason="one active key, its signature in X-DocuSign-Signature-1"),
        vector("valid-unicode-crlf", secret=NEW, headers=dict([sig(1, NEW, UNICODE)]), body=UNICODE,
               expected="valid", reason="non-ASCII UTF-8 and a final CRLF: the entire body is signed, line endings included"),
        vector("valid-second-header", secret=NEW,
               headers=dict([sig(1, OLD, BODY), sig(2, NEW, BODY)]), body=BODY, expected="valid",
               reason="two active keys: the listener holds only the second, whose signature is in -2"),
        vector("valid-listener-rotation", secret=[OLD, NEW], matched_secret_index=0,
               headers=dict([sig(1, OLD, BODY), sig(2, NEW, BODY)]), body=BODY, expected="valid",
               reason="the listener holds both keys; the first header matches its first key"),
        vector("tampered-body", secret=NEW, headers=dict([sig(1, NEW, BODY)]), body=tampered(BODY),
               expected="invalid", error="signature_mismatch", reason="one bit of the body flipped"),
        vector("wrong-key", secret="not-a-connect-key", headers=dict([sig(1, NEW, BODY), sig(2, OLD, BODY)]),
               body=BODY, expected="invalid", error="signature_mismatch",
               reason="neither header was made with the listener's key"),
        vector("missing-header", secret=NEW, headers={}, body=BODY, expected="invalid",
               error="missing_header", reason="no X-DocuSign-Signature header"),
        vector("hex-not-base64", secret=NEW,
               headers={"X-DocuSign-Signature-1": "ab" * 32}, body=BODY, expected="invalid",
               error="malformed_header", reason="a hex digest where base64 is documented"),
    ]
