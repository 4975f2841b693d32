"""WooCommerce: `X-WC-Webhook-Signature: <base64 HMAC-SHA256(secret, body)>`.

Written from WooCommerce's own source (woocommerce/woocommerce,
`plugins/woocommerce/includes/class-wc-webhook.php`): `deliver()` sends the JSON body and
`X-WC-Webhook-Signature: generate_signature(body)`, which is
`base64_encode(hash_hmac('sha256', body, wp_specialchars_decode(secret, ENT_QUOTES), true))`:
standard padded base64 of the raw HMAC-SHA256, the secret used as text. No timestamp.
"""

from ._common import b64_mac, hex_mac, tampered, vector

PROVIDER = "woocommerce"
DOCS = [
    "https://github.com/woocommerce/woocommerce/blob/trunk/plugins/woocommerce/includes/class-wc-webhook.php",
]
MODEL = ("X-WC-Webhook-Signature is the standard (padded) base64 of the raw HMAC-SHA256 of the "
         "body keyed with the webhook secret as text; topic, resource, event, webhook id and "
         "delivery id travel in other, unsigned headers.")

SECRET = "hooksign-woocommerce-webhook-secret-0001"
BODY = ('{"id":727,"parent_id":0,"status":"processing","currency":"USD","total":"29.35",'
        '"billing":{"first_name":"John","last_name":"Doe"},"line_items":[]}')
BODY_UTF8 = ('{"id":728,"status":"on-hold","currency":"EUR","total":"12.00",'
             '"billing":{"first_name":"Zoë","last_name":"Müller","city":"Zürich"},'
             '"customer_note":"Grüße — ありがとう ✓"}')


def headers(secret, body, topic="order.created"):
    resource, event = topic.split(".")
    return {
        "X-WC-Webhook-Source": "https://shop.example/",
        "X-WC-Webhook-Topic": topic,
        "X-WC-Webhook-Resource": resource,
        "X-WC-Webhook-Event": event,
        "X-WC-Webhook-Signature": b64_mac("sha256", secret, body),
        "X-WC-Webhook-ID": "12",
        "X-WC-Webhook-Delivery-ID": "9e5f3a4ab2e1bc0b4e4f3f1c0d2a7b66",
    }


def without(h, name):
    return {k: v for k, v in h.items() if k != name}


def cases():
    sig = b64_mac("sha256", SECRET, BODY)
    return [
        vector("valid-compact", secret=SECRET, headers=headers(SECRET, BODY), body=BODY,
               expected="valid", reason="signed as WC_Webhook::generate_signature signs it"),
        vector("valid-utf8", secret=SECRET, headers=headers(SECRET, BODY_UTF8, "order.updated"),
               body=BODY_UTF8, expected="valid",
               reason="non-ASCII UTF-8 body: the raw bytes are signed"),
        vector("tampered-body", secret=SECRET, headers=headers(SECRET, BODY), body=tampered(BODY),
               expected="invalid", error="signature_mismatch", reason="one bit of the body changed"),
        vector("wrong-secret", secret="not-the-webhook-secret", headers=headers(SECRET, BODY),
               body=BODY, expected="invalid", error="signature_mismatch",
               reason="signed with another secret"),
        vector("rotation", secret=["old-webhook-secret", SECRET], headers=headers(SECRET, BODY),
               body=BODY, expected="valid", matched_secret_index=1,
               reason="the second of two configured secrets signed it"),
        vector("missing-signature", secret=SECRET,
               headers=without(headers(SECRET, BODY), "X-WC-Webhook-Signature"), body=BODY,
               expected="invalid", error="missing_header",
               reason="no X-WC-Webhook-Signature header (as on WooCommerce's unsigned ping)"),
        vector("hex-instead", secret=SECRET,
               headers={**headers(SECRET, BODY),
                        "X-WC-Webhook-Signature": hex_mac("sha256", SECRET, BODY)},
               body=BODY, expected="invalid", error="malformed_header",
               reason="a hex digest where WooCommerce sends base64"),
        vector("unpadded", secret=SECRET,
               headers={**headers(SECRET, BODY), "X-WC-Webhook-Signature": sig.rstrip("=")},
               body=BODY, expected="invalid", error="malformed_header",
               reason="base64_encode pads: a value without its '=' is not what WooCommerce sends"),
    ]
