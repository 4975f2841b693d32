"""Webflow webhooks: `x-webflow-signature: <hex HMAC-SHA256(secret,
"{x-webflow-timestamp}:{body}")>`, the timestamp in milliseconds, written from Webflow's
"Verifying Requests" page and the official SDK's `webhooks.verifySignature`
(webflow/js-webflow-api `src/wrapper/WebhooksClient.ts`)."""

from documented._common import hex_mac, tampered, vector

PROVIDER = "webflow"
DOCS = [
    "https://developers.webflow.com/data/docs/working-with-webhooks#validating-request-signatures",
    "https://developers.webflow.com/data/v1.0.0/docs/verifying-webhook-signatures",
    "https://github.com/webflow/js-webflow-api/blob/main/src/wrapper/WebhooksClient.ts",
]
MODEL = ("x-webflow-signature is the lower-case hex HMAC-SHA256, keyed with the OAuth client "
         "secret (or the webhook's secret key) as text, of x-webflow-timestamp (Unix "
         "milliseconds) + ':' + the raw body; requests older than 5 minutes are rejected "
         "before the HMAC.")

SECRET = "hooksign0webflow0client0secret01"
TS_MS = 1700000000000
NOW = 1700000000
WINDOW = 300


def headers(body, ts_ms=TS_MS, secret=SECRET):
    raw = body.encode() if isinstance(body, str) else body
    return {
        "x-webflow-timestamp": str(ts_ms),
        "x-webflow-signature": hex_mac("sha256", secret, f"{ts_ms}:".encode() + raw),
    }


def cases():
    form = ('{"triggerType":"form_submission","payload":{"name":"Contact","siteId":"65427cf400e02b306eaa049c",'
            '"data":{"Name":"Ada"},"id":"6321ca84df3949bfc6752327"}}')
    uni = ('{"triggerType":"form_submission","payload":{"name":"Kontakt",'
           '"data":{"Name":"Zoë Ångström","Message":"Grüße ✓ 日本語 🎉"}}}')
    good = headers(form)
    w = WINDOW * 1000
    return [
        vector("valid-form-submission", secret=SECRET, headers=good, body=form,
               expected="valid", timestamp=NOW, now=NOW + 2, tolerance_seconds=WINDOW,
               reason="form_submission signed over {timestamp_ms}:{body}"),
        vector("valid-unicode", secret=SECRET, headers=headers(uni, ts_ms=TS_MS + 733), body=uni,
               expected="valid", timestamp=NOW, now=NOW + 60, tolerance_seconds=WINDOW,
               reason="non-ASCII UTF-8 form data, signed as its bytes; a millisecond part"),
        vector("inside-window-past", secret=SECRET, headers=headers(form, ts_ms=TS_MS - w),
               body=form, expected="valid", timestamp=NOW - WINDOW, now=NOW,
               tolerance_seconds=WINDOW, reason="exactly 5 minutes old"),
        vector("outside-window-past", secret=SECRET,
               headers=headers(form, ts_ms=TS_MS - w - 1000), body=form, expected="invalid",
               error="timestamp_too_old", timestamp=NOW - WINDOW - 1, now=NOW,
               tolerance_seconds=WINDOW, reason="more than 5 minutes old"),
        vector("future-accepted", secret=SECRET, headers=headers(form, ts_ms=TS_MS + 3600_000),
               body=form, expected="valid", timestamp=NOW + 3600, now=NOW,
               tolerance_seconds=WINDOW,
               reason="the documented check bounds only the age; a future timestamp passes"),
        vector("stale-and-forged", secret=SECRET,
               headers={**good, "x-webflow-timestamp": str(TS_MS - 3600_000)}, body=form,
               expected="invalid", error="timestamp_too_old", timestamp=NOW - 3600, now=NOW,
               tolerance_seconds=WINDOW,
               reason="the timestamp is checked before the HMAC, as the docs order it"),
        vector("tampered-body", secret=SECRET, headers=good, body=tampered(form),
               expected="invalid", error="signature_mismatch", timestamp=NOW, now=NOW,
               tolerance_seconds=WINDOW, reason="body changed after signing"),
        vector("wrong-secret", secret="hooksign0webflow0client0secret02", headers=good,
               body=form, expected="invalid", error="signature_mismatch", timestamp=NOW,
               now=NOW, tolerance_seconds=WINDOW, reason="another app's client secret"),
        vector("rotation", secret=["hooksign0webflow0old0secret", SECRET], headers=good,
               body=form, expected="valid", matched_secret_index=1, timestamp=NOW, now=NOW,
               tolerance_seconds=WINDOW, reason="the second configured secret signed it"),
        vector("missing-signature", secret=SECRET,
               headers={"x-webflow-timestamp": str(TS_MS)}, body=form, expected="invalid",
               error="missing_header", timestamp=NOW, now=NOW, tolerance_seconds=WINDOW,
               reason="no x-webflow-signature (e.g. a webhook created in the site dashboard, "
                      "which Webflow does not sign)"),
        vector("missing-timestamp", secret=SECRET,
               headers={"x-webflow-signature": good["x-webflow-signature"]}, body=form,
               expected="invalid", error="missing_header", timestamp=NOW, now=NOW,
               tolerance_seconds=WINDOW, reason="no x-webflow-timestamp"),
        vector("malformed-signature", secret=SECRET,
               headers={**good, "x-webflow-signature": "sha256=" + good["x-webflow-signature"]},
               body=form, expected="invalid", error="malformed_header", timestamp=NOW, now=NOW,
               tolerance_seconds=WINDOW, reason="Webflow sends the bare hex digest, no prefix"),
    ]
