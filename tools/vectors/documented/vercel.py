"""Vercel: `x-vercel-signature: <hex HMAC-SHA1(secret, body)>`.

Written from Vercel's official example integration (`vercel/example-marketplace-integration`,
`app/webhook/route.ts`): `crypto.createHmac("sha1", secret).update(rawBody).digest("hex")`
compared with `!==` against the `x-vercel-signature` header, the secret being the
integration's client secret as a string; the event body has `id`, `type`, `createdAt` and
`payload`. No timestamp is signed.
"""

from ._common import hex_mac, tampered, vector

PROVIDER = "vercel"
DOCS = [
    "https://github.com/vercel/example-marketplace-integration/blob/main/app/webhook/route.ts",
]
MODEL = ("x-vercel-signature = lower-case hex HMAC-SHA1(secret as UTF-8, raw body), compared "
         "exactly; no timestamp is signed.")

SECRET = "hooksign-vercel-client-secret-0001"
HEADER = "x-vercel-signature"


def cases():
    compact = ('{"id":"evt_hooksign0001","type":"deployment.created","createdAt":1700000000000,'
               '"payload":{"deployment":{"id":"dpl_hooksign0001"}}}')
    unicode_body = ('{"id":"evt_hooksign0002","type":"project.created","createdAt":1700000001000,'
                    '"payload":{"project":{"name":"café-東京-🚀"}}}')
    sig = hex_mac("sha1", SECRET, compact)
    return [
        vector("valid-compact", secret=SECRET, headers={HEADER: sig}, body=compact,
               expected="valid", reason="a deployment.created event signed as the example checks"),
        vector("valid-unicode", secret=SECRET,
               headers={HEADER: hex_mac("sha1", SECRET, unicode_body)}, body=unicode_body,
               expected="valid",
               reason="a body with non-ASCII UTF-8: the HMAC is over the raw bytes"),
        vector("tampered-body", secret=SECRET, headers={HEADER: sig}, body=tampered(compact),
               expected="invalid", error="signature_mismatch",
               reason="one bit of the body changed after signing"),
        vector("wrong-secret", secret="hooksign-vercel-other-secret", headers={HEADER: sig},
               body=compact, expected="invalid", error="signature_mismatch",
               reason="verified with a secret that did not sign it"),
        vector("rotation", secret=["hooksign-vercel-old-secret", SECRET], headers={HEADER: sig},
               body=compact, expected="valid", matched_secret_index=1,
               reason="while the secret is being changed, the second configured secret matches"),
        vector("missing-header", secret=SECRET, headers={"content-type": "application/json"},
               body=compact, expected="invalid", error="missing_header",
               reason="no x-vercel-signature header"),
        vector("sha256-signature", secret=SECRET,
               headers={HEADER: hex_mac("sha256", SECRET, compact)}, body=compact,
               expected="invalid", error="malformed_header",
               reason="an HMAC-SHA256 in hex: 32 bytes where the SHA-1 scheme has 20"),
        vector("uppercase-hex", secret=SECRET, headers={HEADER: sig.upper()}, body=compact,
               expected="invalid", error="malformed_header",
               reason="the right MAC in upper-case hex: the example compares the lower-case "
                      "digest with !=="),
    ]
