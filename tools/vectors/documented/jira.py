"""Jira Data Center / Server admin webhooks with a secret: `X-Hub-Signature: method=signature`,
the hex HMAC of the body keyed with the webhook's secret, HMAC-SHA256 by default (the WebSub
form). sha1 is refused unless asked for, as for WebSub (hooksign's policy, stated in its vector)."""

from documented._common import hex_mac, tampered, vector

PROVIDER = "jira"
DOCS = ["https://confluence.atlassian.com/adminjiraserver/managing-webhooks-938846912.html"]
MODEL = "X-Hub-Signature: sha256=<hex HMAC-SHA256(secret, body)> (the default method; the value names it)."

SECRET = "hooksign-jira-webhook-secret"
BODY = ('{"timestamp":1700000000000,"webhookEvent":"jira:issue_updated","issue_event_type_name":"issue_generic",'
        '"issue":{"id":"10002","key":"HS-1","fields":{"summary":"Fix the flaky build"}}}')
UNICODE = ('{"timestamp":1700000000001,"webhookEvent":"comment_created","comment":{"id":"10100",'
           '"body":"Ça marche — 対応済み ✓"}}')


def sig(method, body, secret=SECRET):
    return {"X-Hub-Signature": f"{method}={hex_mac(method, secret, body)}"}


def cases():
    return [
        vector("valid-sha256", secret=SECRET, headers=sig("sha256", BODY), body=BODY, expected="valid",
               reason="the default method, HMACSha256"),
        vector("valid-unicode", secret=SECRET, headers=sig("sha256", UNICODE), body=UNICODE,
               expected="valid", reason="a comment with non-ASCII UTF-8"),
        vector("valid-sha512", secret=SECRET, headers=sig("sha512", BODY), body=BODY, expected="valid",
               reason="another method, named in the value"),
        vector("valid-rotation", secret=["an-old-jira-secret", SECRET], matched_secret_index=1,
               headers=sig("sha256", BODY), body=BODY, expected="valid",
               reason="two secrets held while the webhook's secret is changed; the second signed"),
        vector("sha1-refused-by-default", secret=SECRET, headers=sig("sha1", BODY), body=BODY,
               expected="invalid", error="malformed_header",
               reason="a correct sha1 signature: refused unless with_legacy_sha1 (policy, as for WebSub)"),
        vector("tampered-body", secret=SECRET, headers=sig("sha256", BODY), body=tampered(BODY),
               expected="invalid", error="signature_mismatch", reason="one bit of the body flipped"),
        vector("wrong-secret", secret="not-the-jira-secret", headers=sig("sha256", BODY), body=BODY,
               expected="invalid", error="signature_mismatch", reason="another secret"),
        vector("missing-header", secret=SECRET, headers={}, body=BODY, expected="invalid",
               error="missing_header", reason="no X-Hub-Signature (a webhook registered without a secret)"),
    ]
