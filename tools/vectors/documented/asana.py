"""Asana: `X-Hook-Signature: <hex HMAC-SHA256(X-Hook-Secret, body)>`.

Written from Asana's "Establish a webhook" reference (the handshake's `X-Hook-Secret` is to be
stored "to be used to verify future webhook event signatures") and Asana's official examples
(`Asana/devrel-examples`, `python/webhooks_v5/server.py`): `hmac.new(key=secret.encode(),
msg=request.data, digestmod=hashlib.sha256).hexdigest()` compared with `hmac.compare_digest`
against `X-Hook-Signature`. No timestamp is signed.
"""

from ._common import hex_mac, tampered, vector

PROVIDER = "asana"
DOCS = [
    "https://developers.asana.com/docs/establish-a-webhook",
    "https://github.com/Asana/devrel-examples/blob/master/python/webhooks_v5/server.py",
    "https://github.com/Asana/devrel-examples/blob/master/javascript/webhooks-nodejs/index.js",
]
MODEL = ("X-Hook-Signature = lower-case hex HMAC-SHA256(the handshake's X-Hook-Secret as UTF-8, "
         "raw body), compared exactly; no timestamp is signed.")

# The shape of the secret in Asana's handshake example (64 hex characters), used as text.
SECRET = "b537207f20cbfa02357cf448134da559e8bd39d61597dcd5631b8012eae53e81"
HEADER = "X-Hook-Signature"


def cases():
    compact = ('{"events":[{"user":{"gid":"1201","resource_type":"user"},"created_at":'
               '"2023-11-14T22:13:20.000Z","action":"changed","resource":{"gid":"1202",'
               '"resource_type":"task"},"parent":null,"change":{"field":"name","action":'
               '"changed"}}]}')
    unicode_body = ('{"events":[{"action":"added","resource":{"gid":"1203","resource_type":'
                    '"story","text":"Zoë: café ☕ — 東京 ✅"}}]}')
    heartbeat = '{"events":[]}'
    sig = hex_mac("sha256", SECRET, compact)
    return [
        vector("valid-compact", secret=SECRET, headers={HEADER: sig}, body=compact,
               expected="valid", reason="a task change event signed as the examples check"),
        vector("valid-unicode", secret=SECRET,
               headers={HEADER: hex_mac("sha256", SECRET, unicode_body)}, body=unicode_body,
               expected="valid",
               reason="a body with non-ASCII UTF-8: the HMAC is over the raw bytes"),
        vector("valid-heartbeat", secret=SECRET,
               headers={HEADER: hex_mac("sha256", SECRET, heartbeat)}, body=heartbeat,
               expected="valid", reason="a heartbeat: an empty events list, signed the same way"),
        vector("tampered-body", secret=SECRET, headers={HEADER: sig}, body=tampered(compact),
               expected="invalid", error="signature_mismatch",
               reason="one bit of the body changed after signing"),
        vector("wrong-secret", secret="0" * 64, headers={HEADER: sig}, body=compact,
               expected="invalid", error="signature_mismatch",
               reason="verified with a secret that did not sign it"),
        vector("rotation", secret=["f" * 64, SECRET], headers={HEADER: sig}, body=compact,
               expected="valid", matched_secret_index=1,
               reason="after re-establishing the webhook, the new secret is the second one"),
        vector("missing-header", secret=SECRET, headers={"Content-Type": "application/json"},
               body=compact, expected="invalid", error="missing_header",
               reason="no X-Hook-Signature header (a handshake carries X-Hook-Secret instead)"),
        vector("truncated-signature", secret=SECRET, headers={HEADER: sig[:-2]}, body=compact,
               expected="invalid", error="malformed_header",
               reason="a hex value one byte short of an HMAC-SHA256 digest"),
    ]
