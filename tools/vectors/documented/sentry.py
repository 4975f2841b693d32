"""Sentry (integration platform): `Sentry-Hook-Signature: <hex HMAC-SHA256(client secret, body)>`.

Written from Sentry's documentation and its own source only:
- docs.sentry.io "Integration Platform: Webhooks": the headers are Content-Type, Request-ID,
  Sentry-Hook-Resource, Sentry-Hook-Timestamp and Sentry-Hook-Signature; the signature is an
  HMAC-SHA256 made with the integration's client secret. (The docs' verification example
  HMACs `JSON.stringify(request.body)`, a re-serialisation; Sentry signs the string it sends.)
- getsentry/sentry `src/sentry/sentry_apps/models/sentry_app.py` (`build_signature`):
  `hmac.new(key=client_secret.encode("utf-8"), msg=body.encode("utf-8"), sha256).hexdigest()`;
  `src/sentry/sentry_apps/api/serializers/app_platform_event.py`: the signed `body` is the
  request body, `Sentry-Hook-Timestamp` is `str(int(time()))` and is not signed, `Request-ID` is
  `uuid4().hex`.
"""

from ._common import hex_mac, tampered, vector

PROVIDER = "sentry"
DOCS = [
    "https://docs.sentry.io/integrations/integration-platform/webhooks/",
    "https://github.com/getsentry/sentry/blob/02119258dbe2a42a243d50e3e753280de83f9bcb/src/sentry/sentry_apps/models/sentry_app.py",
    "https://github.com/getsentry/sentry/blob/10c5f04e25e9a0b2ab4d15441512f036c46d5b63/src/sentry/sentry_apps/api/serializers/app_platform_event.py",
]
MODEL = ("Sentry-Hook-Signature is the lower-case hex HMAC-SHA256 of the body as sent, keyed "
         "with the integration's client secret as text (UTF-8); Sentry-Hook-Timestamp is not "
         "signed.")

SECRET = "hooksign-sentry-client-secret-0001"

ISSUE = ('{"action":"created","installation":{"uuid":"7a485448-a9e2-4c85-8a3c-4f44175783c9"},'
         '"data":{"issue":{"id":"1170820242","title":"ZeroDivisionError: division by zero",'
         '"level":"error","status":"unresolved"}},"actor":{"type":"application","id":"sentry",'
         '"name":"Sentry"}}')

UNICODE = ('{"action":"created","installation":{"uuid":"7a485448-a9e2-4c85-8a3c-4f44175783c9"},'
           '"data":{"comment":"Zoë a vu l\'erreur — 日本語 🎉","issue_id":1170820242},'
           '"actor":{"type":"user","id":1,"name":"Zoë Ångström"}}')


def headers(body, secret=SECRET, resource="issue", request_id="a2f8e1c7b9d04e6f8a1b2c3d4e5f6a7b"):
    return {
        "Content-Type": "application/json",
        "Request-ID": request_id,
        "Sentry-Hook-Resource": resource,
        "Sentry-Hook-Timestamp": "1700000000",
        "Sentry-Hook-Signature": hex_mac("sha256", secret, body),
    }


def without(h, *names):
    return {k: v for k, v in h.items() if k not in names}


def cases():
    good = headers(ISSUE)
    sig = good["Sentry-Hook-Signature"]
    return [
        vector("valid-issue-created", secret=SECRET, headers=good, body=ISSUE, expected="valid",
               reason="an issue.created delivery with the headers app_platform_event.py sets"),
        vector("valid-unicode", secret=SECRET,
               headers=headers(UNICODE, resource="comment", request_id="0c1d2e3f405162738495a6b7c8d9eaf0"),
               body=UNICODE, expected="valid",
               reason="a comment delivery with non-ASCII UTF-8: build_signature encodes the body as UTF-8"),
        vector("old-timestamp-still-valid", secret=SECRET,
               headers=dict(good, **{"Sentry-Hook-Timestamp": "1000000000"}), body=ISSUE,
               expected="valid", now=1700000000,
               reason="Sentry-Hook-Timestamp is not signed and no window is documented"),
        vector("tampered-body", secret=SECRET, headers=good, body=tampered(ISSUE),
               expected="invalid", error="signature_mismatch",
               reason="one bit of the body changed after signing"),
        vector("wrong-secret", secret="another-client-secret", headers=good, body=ISSUE,
               expected="invalid", error="signature_mismatch",
               reason="verified with a client secret other than the signing one"),
        vector("rotation", secret=["old-client-secret", SECRET], headers=good, body=ISSUE,
               expected="valid", matched_secret_index=1,
               reason="while the client secret is rotated both are kept; the second one signed"),
        vector("missing-header", secret=SECRET, headers=without(good, "Sentry-Hook-Signature"),
               body=ISSUE, expected="invalid", error="missing_header",
               reason="no Sentry-Hook-Signature"),
        vector("uppercase-hex", secret=SECRET,
               headers=dict(good, **{"Sentry-Hook-Signature": sig.upper()}), body=ISSUE,
               expected="invalid", error="malformed_header",
               reason="hexdigest() is lower case, the only spelling Sentry sends"),
        vector("sha256-prefix", secret=SECRET,
               headers=dict(good, **{"Sentry-Hook-Signature": "sha256=" + sig}), body=ISSUE,
               expected="invalid", error="malformed_header",
               reason="the header is the bare hex digest"),
    ]
