"""Vectors for Mandrill (Mailchimp Transactional) webhooks: an independent model of the
documented scheme, Python standard library only, sharing nothing with hooksign.

Mailchimp Transactional publishes no SDK that verifies webhooks (`@mailchimp/mailchimp_transactional`
and `mailchimp_transactional` only call the API), so the documented construction is modelled:

  https://mailchimp.com/developer/transactional/guides/track-respond-activity-webhooks/#authenticating-webhook-requests
  https://mailchimp.com/developer/transactional/docs/webhooks/ (the same steps, with a PHP sample)

  1. start with the webhook URL exactly as configured (query string included);
  2. sort the POST variables alphabetically by key;
  3. append each key and then its value, no delimiter;
  4. HMAC-SHA1 with the webhook's authentication key; 5. base64;
  6. compare with the X-Mandrill-Signature header.

Mandrill posts `mandrill_events=<JSON>` form-encoded. Usage: python3 mandrill.py
"""

import base64
import hashlib
import hmac
import json
import os
from urllib.parse import parse_qsl, quote_plus

KEY = "hooksign-mandrill-webhook-key-0001"
URL = "https://hooks.example.com/mandrill?source=transactional"
DOCS = (
    "https://mailchimp.com/developer/transactional/guides/track-respond-activity-webhooks/"
    "#authenticating-webhook-requests"
)
GENERATOR = (
    "independent model of the documented scheme (tools/vectors/urlform/mandrill.py, Python "
    "standard library): X-Mandrill-Signature = base64 HMAC-SHA1(webhook key, url + each POST "
    "key and value sorted by key). Docs: " + DOCS
)

EVENTS = json.dumps(
    [
        {
            "event": "send",
            "_id": "exampleaaaaaaaaaaaaaaaaaaaaaaaaa",
            "ts": 1700000000,
            "msg": {"email": "example.webhook@mandrillapp.com", "subject": "This an example webhook message"},
        }
    ],
    separators=(",", ":"),
)


def sign(url, body):
    data = url
    for key, value in sorted(parse_qsl(body, keep_blank_values=True)):
        data += key + value
    mac = hmac.new(KEY.encode(), data.encode(), hashlib.sha1).digest()
    return base64.b64encode(mac).decode()


def vector(vid, expected, reason, url=URL, body=None, signed_url=None, signed_body=None, headers=None, error=None):
    body = body if body is not None else "mandrill_events=" + quote_plus(EVENTS)
    signature = sign(signed_url or url, signed_body if signed_body is not None else body)
    out = {
        "id": vid,
        "provider": "mandrill",
        "scheme": "mandrill",
        "secret": KEY,
        "secret_encoding": "utf8",
        "timestamp": None,
        "now": None,
        "tolerance_seconds": None,
        "headers": headers
        if headers is not None
        else {"X-Mandrill-Signature": signature, "Content-Type": "application/x-www-form-urlencoded"},
        "body": body,
        "url": url,
        "method": "POST",
        "expected": expected,
    }
    if error:
        out["error"] = error
    out.update({"reason": reason, "generator": GENERATOR, "source": "tools/vectors/urlform/mandrill.py"})
    return out


def main():
    events_body = "mandrill_events=" + quote_plus(EVENTS)
    vectors = [
        vector("mandrill-valid-events", "valid", "a mandrill_events POST: the URL as configured, then the key and its decoded value"),
        vector(
            "mandrill-valid-sorted-keys",
            "valid",
            "several POST variables: sorted by key before each key and value is appended",
            body="z_last=1&" + events_body + "&a_first=x+y",
        ),
        vector(
            "mandrill-invalid-wrong-url",
            "invalid",
            "signed for the URL with a trailing slash: the docs say the URL must be exactly the configured one",
            signed_url="https://hooks.example.com/mandrill/?source=transactional",
            error="signature_mismatch",
        ),
        vector(
            "mandrill-invalid-tampered-param",
            "invalid",
            "the events JSON changed after signing",
            body=events_body.replace("send", "open"),
            signed_body=events_body,
            error="signature_mismatch",
        ),
        vector(
            "mandrill-invalid-missing-signature",
            "invalid",
            "no X-Mandrill-Signature header",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            error="missing_header",
        ),
    ]
    path = os.path.join(os.path.dirname(__file__), "../../../tests/vectors/mandrill.json")
    with open(path, "w") as f:
        json.dump(vectors, f, indent=1)
        f.write("\n")
    print(f"{os.path.normpath(path)}: {len(vectors)} vectors")


if __name__ == "__main__":
    main()
