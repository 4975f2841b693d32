"""Revolut webhooks (Business, Merchant and Crypto Ramp APIs): `Revolut-Signature:
v1=<hex HMAC-SHA256(signing secret, "v1.{Revolut-Request-Timestamp}.{body}")>[,v1=…]`, the
timestamp in milliseconds; written from Revolut's "Verify the payload signature" guides."""

from documented._common import hex_mac, tampered, vector

PROVIDER = "revolut"
DOCS = [
    "https://developer.revolut.com/docs/guides/manage-accounts/webhooks/verify-the-payload-signature",
    "https://developer.revolut.com/docs/guides/accept-payments/tutorials/work-with-webhooks/verify-the-payload-signature",
]
MODEL = ("Revolut-Signature holds one or more comma-separated 'v1=<lower-case hex>' entries, each "
         "the HMAC-SHA256 keyed with a webhook signing secret (wsk_…, as text) of 'v1.' + "
         "Revolut-Request-Timestamp (Unix milliseconds) + '.' + the raw body; one must match "
         "exactly, and the timestamp must be within 5 minutes of the current time.")

SECRET = "wsk_hooksignRevolutSigningSecret01"
TS_MS = 1700000000000
NOW = 1700000000
WINDOW = 300

# The guide's Python example: its secret, raw payload and timestamp (the guide prints the
# signature without showing it; the expected value is this model's).
DOC_SECRET = "wsk_r59a4HfWVAKycbCaNO1RvgCJec02gRd8"
DOC_BODY = ('{"data":{"id":"645a7696-22f3-aa47-9c74-cbae0449cc46","new_state":"completed",'
            '"old_state":"pending","request_id":"app_charges-9f5d5eb3-1e06-46c5-b1c0-3914763e0bcb"},'
            '"event":"TransactionStateChanged","timestamp":"2023-05-09T16:36:38.028960Z"}')
DOC_TS = "1683650202360"


def sig(body, ts_ms=TS_MS, secret=SECRET):
    raw = body.encode() if isinstance(body, str) else body
    return "v1=" + hex_mac("sha256", secret, f"v1.{ts_ms}.".encode() + raw)


def headers(body, ts_ms=TS_MS, secret=SECRET):
    return {"Revolut-Request-Timestamp": str(ts_ms), "Revolut-Signature": sig(body, ts_ms, secret)}


def cases():
    order = ('{"event":"ORDER_COMPLETED","order_id":"6516e61c-d279-a454-a837-bc52ce55ed49",'
             '"merchant_order_ext_ref":"hooksign-1"}')
    uni = ('{"event":"ORDER_COMPLETED","order_id":"6516e61c-d279-a454-a837-bc52ce55ed50",'
           '"merchant_order_ext_ref":"Café Zoë ✓ 日本語 🎉"}')
    good = headers(order)
    w = WINDOW * 1000
    old = sig(order, secret="wsk_hooksignRevolutOldSecret")
    return [
        vector("valid-docs-example", secret=DOC_SECRET,
               headers={"Revolut-Request-Timestamp": DOC_TS,
                        "Revolut-Signature": "v1=" + hex_mac("sha256", DOC_SECRET,
                                                             f"v1.{DOC_TS}.{DOC_BODY}")},
               body=DOC_BODY, expected="valid", timestamp=1683650202, now=1683650210,
               tolerance_seconds=WINDOW,
               reason="the secret, raw payload and timestamp of the Python example in "
                      "https://developer.revolut.com/docs/guides/manage-accounts/webhooks/"
                      "verify-the-payload-signature (its output is not shown there)"),
        vector("valid-order-completed", secret=SECRET, headers=good, body=order,
               expected="valid", timestamp=NOW, now=NOW + 1, tolerance_seconds=WINDOW,
               reason="Merchant ORDER_COMPLETED signed over v1.{timestamp_ms}.{body}"),
        vector("valid-unicode", secret=SECRET, headers=headers(uni, ts_ms=TS_MS + 123), body=uni,
               expected="valid", timestamp=NOW, now=NOW + 30, tolerance_seconds=WINDOW,
               reason="non-ASCII UTF-8 body signed as its bytes"),
        vector("two-signatures", secret=SECRET,
               headers={**good, "Revolut-Signature": old + "," + good["Revolut-Signature"]},
               body=order, expected="valid", timestamp=NOW, now=NOW, tolerance_seconds=WINDOW,
               reason="while an old secret has not expired the header carries one v1 per "
                      "secret, comma-separated; any may match"),
        vector("rotation", secret=["wsk_hooksignRevolutOldSecret2", SECRET], headers=good,
               body=order, expected="valid", matched_secret_index=1, timestamp=NOW, now=NOW,
               tolerance_seconds=WINDOW, reason="the second configured secret signed it"),
        vector("inside-window-past", secret=SECRET, headers=headers(order, ts_ms=TS_MS - w),
               body=order, expected="valid", timestamp=NOW - WINDOW, now=NOW,
               tolerance_seconds=WINDOW, reason="exactly 5 minutes old"),
        vector("outside-window-past", secret=SECRET,
               headers=headers(order, ts_ms=TS_MS - w - 1000), body=order, expected="invalid",
               error="timestamp_too_old", timestamp=NOW - WINDOW - 1, now=NOW,
               tolerance_seconds=WINDOW, reason="5 minutes and 1 s old"),
        vector("inside-window-future", secret=SECRET, headers=headers(order, ts_ms=TS_MS + w),
               body=order, expected="valid", timestamp=NOW + WINDOW, now=NOW,
               tolerance_seconds=WINDOW, reason="5 minutes ahead of UTC now"),
        vector("outside-window-future", secret=SECRET,
               headers=headers(order, ts_ms=TS_MS + w + 1000), body=order, expected="invalid",
               error="timestamp_too_new", timestamp=NOW + WINDOW + 1, now=NOW,
               tolerance_seconds=WINDOW, reason="5 minutes and 1 s ahead"),
        vector("tampered-body", secret=SECRET, headers=good, body=tampered(order),
               expected="invalid", error="signature_mismatch", timestamp=NOW, now=NOW,
               tolerance_seconds=WINDOW, reason="body changed after signing"),
        vector("wrong-secret", secret="wsk_hooksignRevolutSigningSecret02", headers=good,
               body=order, expected="invalid", error="signature_mismatch", timestamp=NOW,
               now=NOW, tolerance_seconds=WINDOW, reason="another webhook's signing secret"),
        vector("missing-signature", secret=SECRET,
               headers={"Revolut-Request-Timestamp": str(TS_MS)}, body=order,
               expected="invalid", error="missing_header", timestamp=NOW, now=NOW,
               tolerance_seconds=WINDOW, reason="no Revolut-Signature header"),
        vector("missing-timestamp", secret=SECRET,
               headers={"Revolut-Signature": good["Revolut-Signature"]}, body=order,
               expected="invalid", error="missing_header", timestamp=NOW, now=NOW,
               tolerance_seconds=WINDOW, reason="no Revolut-Request-Timestamp header"),
        vector("no-v1", secret=SECRET,
               headers={**good, "Revolut-Signature": "v2=" + good["Revolut-Signature"][3:]},
               body=order, expected="invalid", error="no_signature", timestamp=NOW, now=NOW,
               tolerance_seconds=WINDOW, reason="no entry of the v1 version"),
        vector("malformed-signature", secret=SECRET,
               headers={**good, "Revolut-Signature": "v1=not-hex"}, body=order,
               expected="invalid", error="malformed_header", timestamp=NOW, now=NOW,
               tolerance_seconds=WINDOW, reason="v1= followed by something that is not hex"),
    ]
