"""Zendesk: `X-Zendesk-Webhook-Signature: base64(HMAC-SHA256(secret, TIMESTAMP + BODY))`.

Written from Zendesk's "Verifying webhook authenticity" page as it now reads: sign the
`X-Zendesk-Webhook-Signature-Timestamp` value followed by the body (which may be empty) with
the webhook's signing secret (used as a string: the example passes it to `crypto.createHmac`)
using SHA-256, base64-encode the digest, compare with `X-Zendesk-Webhook-Signature`. The
timestamp is RFC 3339 (`2021-03-25T05:09:27Z` in "Anatomy of a webhook request"); no window is
documented, so the model checks none.

The same URL once read `base64(HMACSHA256((BODY)(TIMESTAMP)))`, with a worked example (secret
`HRkRd4Be…`, body `{"say": "hello"}`, timestamp `2021-07-25T10:00:00Z`, signature
`tRDSF7UR…`) that reproduces only in that body-then-timestamp order. The current page's formula
and its code (`hmac.update(timestamp + body)`) both sign the timestamp first; the model follows
the current page and records the superseded example as a vector it rejects.
"""

from ._common import b64_mac, hex_mac, tampered, vector

PROVIDER = "zendesk"
DOCS = [
    "https://developer.zendesk.com/documentation/webhooks/verifying/",
    "https://developer.zendesk.com/documentation/webhooks/anatomy-of-a-webhook-request",
    "https://developer.zendesk.com/documentation/event-connectors/webhooks/verifying/",
]
MODEL = ("X-Zendesk-Webhook-Signature = base64(HMAC-SHA256(signing secret as UTF-8, "
         "X-Zendesk-Webhook-Signature-Timestamp + raw body)), no replay window documented.")

SECRET = "hooksign-zendesk-signing-secret-0001"
TS = "2023-11-14T22:13:20Z"


def headers(body, secret=SECRET, ts=TS):
    return {
        "X-Zendesk-Webhook-Id": "01HV8XB1C2D3E4F5G6H7J8K9M0",
        "X-Zendesk-Webhook-Invocation-Id": "8350205582",
        "X-Zendesk-Webhook-Signature": b64_mac("sha256", secret, ts + body),
        "X-Zendesk-Webhook-Signature-Timestamp": ts,
    }


def cases():
    compact = '{"ticket":{"id":35436,"subject":"Help, my printer is on fire!"}}'
    unicode_body = '{"ticket":{"id":35437,"subject":"Café — imprimante 🔥","requester":"Zoë 東京"}}'
    h = headers(compact)
    no_ts = {k: v for k, v in h.items() if k != "X-Zendesk-Webhook-Signature-Timestamp"}
    no_sig = {k: v for k, v in h.items() if k != "X-Zendesk-Webhook-Signature"}
    old_example = {
        "X-Zendesk-Webhook-Signature": "tRDSF7URY8BLCDlaBcQ7FHu051Zk+aAB0NKMP53teMw=",
        "X-Zendesk-Webhook-Signature-Timestamp": "2021-07-25T10:00:00Z",
    }
    return [
        vector("valid-compact", secret=SECRET, headers=h, body=compact, expected="valid",
               reason="a trigger delivery signed over timestamp + body as the current page says"),
        vector("valid-unicode", secret=SECRET, headers=headers(unicode_body), body=unicode_body,
               expected="valid",
               reason="a body with non-ASCII UTF-8: the HMAC is over the raw bytes"),
        vector("valid-empty-body", secret=SECRET, headers=headers(""), body="",
               expected="valid",
               reason="a GET or DELETE webhook has no body: the timestamp alone is signed"),
        vector("valid-years-later", secret=SECRET, headers=h, body=compact,
               now=1700000000 + 3 * 365 * 86400, expected="valid",
               reason="no replay window is documented, so an old timestamp is not rejected"),
        vector("tampered-body", secret=SECRET, headers=h, body=tampered(compact),
               expected="invalid", error="signature_mismatch",
               reason="one bit of the body changed after signing"),
        vector("tampered-timestamp", secret=SECRET,
               headers={**h, "X-Zendesk-Webhook-Signature-Timestamp": "2023-11-14T22:13:21Z"},
               body=compact, expected="invalid", error="signature_mismatch",
               reason="the timestamp is signed: changing it breaks the signature"),
        vector("body-then-timestamp", secret=SECRET,
               headers={**h, "X-Zendesk-Webhook-Signature": b64_mac("sha256", SECRET,
                                                                    compact + TS)},
               body=compact, expected="invalid", error="signature_mismatch",
               reason="signed in the superseded page's order (body, then timestamp)"),
        vector("wrong-secret", secret="hooksign-zendesk-other-secret", headers=h, body=compact,
               expected="invalid", error="signature_mismatch",
               reason="verified with a secret that did not sign it"),
        vector("rotation", secret=["hooksign-zendesk-old-secret", SECRET], headers=h,
               body=compact, expected="valid", matched_secret_index=1,
               reason="while the secret is being reset, the second configured secret matches"),
        vector("missing-signature", secret=SECRET, headers=no_sig, body=compact,
               expected="invalid", error="missing_header",
               reason="no X-Zendesk-Webhook-Signature header"),
        vector("missing-timestamp", secret=SECRET, headers=no_ts, body=compact,
               expected="invalid", error="missing_header",
               reason="no X-Zendesk-Webhook-Signature-Timestamp header: nothing to sign with"),
        vector("hex-signature", secret=SECRET,
               headers={**h, "X-Zendesk-Webhook-Signature": hex_mac("sha256", SECRET, TS + compact)},
               body=compact, expected="invalid", error="malformed_header",
               reason="the right MAC written in hex, not the documented base64"),
        vector("superseded-docs-example", secret="HRkRd4BeOAoUkfZr-mhauJT64rvBASlJRoIyPsd3zeA=",
               headers=old_example, body='{"say": "hello"}', now=1627207200,
               expected="invalid", error="signature_mismatch",
               reason="the worked example of the superseded revision of "
                      "https://developer.zendesk.com/documentation/event-connectors/webhooks/"
                      "verifying/ : its signature is base64(HMAC-SHA256(secret, BODY + "
                      "TIMESTAMP)), the order that revision documented; the current page "
                      "documents TIMESTAMP + BODY, so the model rejects it"),
    ]
