"""Dropbox: `X-Dropbox-Signature: <hex HMAC-SHA256(app secret, body)>`.

Written from Dropbox's webhooks reference (the header holds "the HMAC-SHA256 signature of the
entire request body using your app secret as the key") and Dropbox's own sample app the
reference walks through (`dropbox/mdwebhook`, `app.py`, `validate_request`):
`signature == hmac.new(APP_SECRET, request.data, sha256).hexdigest()`. No timestamp is signed.
"""

import base64

from ._common import hex_mac, tampered, vector

PROVIDER = "dropbox"
DOCS = [
    "https://www.dropbox.com/developers/reference/webhooks",
    "https://github.com/dropbox/mdwebhook/blob/master/app.py",
]
MODEL = ("X-Dropbox-Signature = lower-case hex HMAC-SHA256(app secret as UTF-8, raw body), "
         "compared exactly; no timestamp is signed.")

SECRET = "hksgn0dropbox0app0secret"
HEADER = "X-Dropbox-Signature"


def cases():
    compact = ('{"list_folder":{"accounts":["dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc"]},'
               '"delta":{"users":[12345678]}}')
    # Notifications carry only ids; a non-ASCII body still has to be signed byte for byte.
    unicode_body = ('{"list_folder":{"accounts":["dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc"]},'
                    '"note":"café — 東京 📁"}')
    sig = hex_mac("sha256", SECRET, compact)
    return [
        vector("valid-compact", secret=SECRET, headers={HEADER: sig}, body=compact,
               expected="valid", reason="a change notification signed as the sample app checks"),
        vector("valid-unicode", secret=SECRET,
               headers={HEADER: hex_mac("sha256", SECRET, unicode_body)}, body=unicode_body,
               expected="valid",
               reason="a body with non-ASCII UTF-8: the HMAC is over the raw bytes"),
        vector("tampered-body", secret=SECRET, headers={HEADER: sig}, body=tampered(compact),
               expected="invalid", error="signature_mismatch",
               reason="one bit of the body changed after signing"),
        vector("wrong-secret", secret="hksgn0dropbox0other0sec", headers={HEADER: sig},
               body=compact, expected="invalid", error="signature_mismatch",
               reason="verified with an app secret that did not sign it"),
        vector("rotation", secret=["hksgn0dropbox0old0secret", SECRET], headers={HEADER: sig},
               body=compact, expected="valid", matched_secret_index=1,
               reason="with two app secrets configured, the second matches"),
        vector("missing-header", secret=SECRET, headers={"Content-Type": "application/json"},
               body=compact, expected="invalid", error="missing_header",
               reason="no X-Dropbox-Signature header"),
        vector("base64-signature", secret=SECRET,
               headers={HEADER: base64.b64encode(bytes.fromhex(sig)).decode()},
               body=compact, expected="invalid", error="malformed_header",
               reason="the right MAC in base64 instead of the hex the sample app compares"),
    ]
