"""Typeform: `Typeform-Signature: sha256=<base64 HMAC-SHA256(secret, body)>`.

Written from Typeform's "Secure your webhooks" page only: HMAC-SHA256 keyed with the webhook's
secret (as text: the Ruby example passes `ENV['SECRET_TOKEN']` to `OpenSSL::HMAC.digest`) over
the whole received payload, the binary digest base64-encoded (`Base64.strict_encode64`, padded
standard base64) and prefixed with `sha256=`, compared with the whole header value. Nothing else
is signed.
"""

from ._common import b64_mac, hex_mac, tampered, vector

PROVIDER = "typeform"
DOCS = ["https://www.typeform.com/developers/webhooks/secure-your-webhooks/"]
MODEL = ("Typeform-Signature = 'sha256=' + base64(HMAC-SHA256(secret as UTF-8, raw body)), "
         "compared with the whole header value; no timestamp is signed.")

SECRET = "hooksign-typeform-secret-0001"
HEADER = "Typeform-Signature"


def signed(body, secret=SECRET):
    return "sha256=" + b64_mac("sha256", secret, body)


def cases():
    compact = ('{"event_id":"01HV8X9Q2K3M4N5P6R7S8T9V0W","event_type":"form_response",'
               '"form_response":{"form_id":"lT4Z3j","token":"a3a12ec67a1365927098a606107fac15"}}')
    unicode_body = ('{"event_id":"01HV8XA0B1C2D3E4F5G6H7J8K9","event_type":"form_response",'
                    '"form_response":{"form_id":"lT4Z3j","answers":[{"type":"text",'
                    '"text":"Zoë — café ☕, 東京, 🎉"}]}}')
    return [
        vector("valid-compact", secret=SECRET, headers={HEADER: signed(compact)}, body=compact,
               expected="valid", reason="a form_response delivery signed as the docs describe"),
        vector("valid-unicode", secret=SECRET, headers={HEADER: signed(unicode_body)},
               body=unicode_body, expected="valid",
               reason="a body with non-ASCII UTF-8: the HMAC is over the raw bytes"),
        vector("tampered-body", secret=SECRET, headers={HEADER: signed(compact)},
               body=tampered(compact), expected="invalid", error="signature_mismatch",
               reason="one bit of the body changed after signing"),
        vector("wrong-secret", secret="hooksign-typeform-other-secret",
               headers={HEADER: signed(compact)}, body=compact, expected="invalid",
               error="signature_mismatch", reason="verified with a secret that did not sign it"),
        vector("rotation", secret=["hooksign-typeform-old-secret", SECRET],
               headers={HEADER: signed(compact)}, body=compact, expected="valid",
               matched_secret_index=1,
               reason="while the secret is being changed, the second configured secret matches"),
        vector("missing-header", secret=SECRET, headers={"Content-Type": "application/json"},
               body=compact, expected="invalid", error="missing_header",
               reason="no Typeform-Signature header"),
        vector("hex-digest", secret=SECRET,
               headers={HEADER: "sha256=" + hex_mac("sha256", SECRET, compact)},
               body=compact, expected="invalid", error="malformed_header",
               reason="the right MAC written in hex: not base64 of a 32-byte tag, so not a "
                      "signature of this scheme at all (the docs compare the base64 form)"),
        vector("wrong-prefix", secret=SECRET,
               headers={HEADER: "sha1=" + b64_mac("sha256", SECRET, compact)}, body=compact,
               expected="invalid", error="malformed_header",
               reason="the value does not start with the documented `sha256=` prefix"),
    ]
