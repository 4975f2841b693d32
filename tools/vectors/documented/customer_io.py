"""Customer.io reporting webhooks: `X-CIO-Signature: <hex HMAC-SHA256(signing key,
"v0:{X-CIO-Timestamp}:{body}")>`, written from Customer.io's reporting webhook reference and its
official Node SDK's `verifyRequestSignature` (customerio-node `lib/webhooks.ts`)."""

from documented._common import hex_mac, tampered, vector

PROVIDER = "customer-io"
DOCS = [
    "https://docs.customer.io/api/webhooks/ (Securely Verifying Requests)",
    "https://github.com/customerio/customerio-node/blob/main/lib/webhooks.ts",
]
MODEL = ("X-CIO-Signature is the lower-case hex HMAC-SHA256, keyed with the webhook signing key "
         "as text, of 'v0:' + the X-CIO-Timestamp header as received + ':' + the raw body; "
         "neither the docs nor the SDK check the timestamp's age.")

KEY = "hooksign-customerio-signing-key-0001"
TS = 1700000000


def headers(body, ts=TS, key=KEY, **extra):
    h = {
        "X-CIO-Timestamp": str(ts),
        "X-CIO-Signature": hex_mac("sha256", key, f"v0:{ts}:".encode() + body.encode()),
    }
    h.update(extra)
    return h


def cases():
    sent = ('{"event_id":"01E4C4CT6YDC7Y5M7FE1GWWPQJ","object_type":"email","metric":"sent",'
            '"timestamp":1700000000,"data":{"customer_id":"42","delivery_id":"RPILAgABcRhIBqSp7kiPekGBIeVh"}}')
    opened = ('{"event_id":"01E4C4CT6YDC7Y5M7FE1GWWPQK","object_type":"email","metric":"opened",'
              '"timestamp":1700000001,"data":{"customer_id":"42","subject":"Grüße, Zoë ✓ 日本語 🎉"}}')
    good = headers(sent)
    return [
        vector("valid-sent", secret=KEY, headers=good, body=sent, expected="valid",
               timestamp=TS, now=TS + 2,
               reason="email sent event signed over v0:{timestamp}:{body}"),
        vector("valid-unicode", secret=KEY, headers=headers(opened, ts=TS + 1), body=opened,
               expected="valid", timestamp=TS + 1, now=TS + 30,
               reason="email opened event whose body has non-ASCII UTF-8 (signed as bytes)"),
        vector("valid-old-timestamp", secret=KEY, headers=good, body=sent, expected="valid",
               timestamp=TS, now=TS + 7 * 86400,
               reason="a week after its timestamp: neither the docs nor the SDK bound the age, "
                      "and retries run for seven days"),
        vector("tampered-body", secret=KEY, headers=good, body=tampered(sent),
               expected="invalid", error="signature_mismatch", timestamp=TS, now=TS,
               reason="body changed after signing"),
        vector("wrong-secret", secret="hooksign-customerio-signing-key-0002", headers=good,
               body=sent, expected="invalid", error="signature_mismatch", timestamp=TS, now=TS,
               reason="verified with another webhook's signing key"),
        vector("rotation", secret=["hooksign-customerio-old-key", KEY], headers=good, body=sent,
               expected="valid", matched_secret_index=1, timestamp=TS, now=TS,
               reason="the second of two configured keys signed it"),
        vector("timestamp-changed", secret=KEY,
               headers={**good, "X-CIO-Timestamp": str(TS + 1)}, body=sent,
               expected="invalid", error="signature_mismatch", timestamp=TS + 1, now=TS + 1,
               reason="the timestamp is signed: another value breaks the signature"),
        vector("upper-case-hex", secret=KEY,
               headers={**good, "X-CIO-Signature": good["X-CIO-Signature"].upper()}, body=sent,
               expected="invalid", error="malformed_header", timestamp=TS, now=TS,
               reason="the SDK compares the lower-case hex digest byte for byte, so upper case "
                      "is not the signature's encoding (rejected either way)"),
        vector("missing-signature", secret=KEY,
               headers={"X-CIO-Timestamp": str(TS)}, body=sent,
               expected="invalid", error="missing_header", timestamp=TS, now=TS,
               reason="no X-CIO-Signature header"),
        vector("missing-timestamp", secret=KEY,
               headers={"X-CIO-Signature": good["X-CIO-Signature"]}, body=sent,
               expected="invalid", error="missing_header", timestamp=TS, now=TS,
               reason="no X-CIO-Timestamp header: the signed content cannot be built"),
        vector("malformed-signature", secret=KEY,
               headers={**good, "X-CIO-Signature": "not-hex"}, body=sent,
               expected="invalid", error="malformed_header", timestamp=TS, now=TS,
               reason="the signature is not a hex digest"),
    ]
