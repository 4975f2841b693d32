"""Ghost webhooks: `X-Ghost-Signature: sha256=<hex HMAC-SHA256(secret, "{body}{t}")>, t=<ms>`,
written from Ghost's own sender (TryGhost/Ghost
`ghost/core/core/server/services/webhooks/webhook-trigger.js`, `WebhookTrigger.trigger`)."""

from documented._common import hex_mac, tampered, vector

PROVIDER = "ghost"
DOCS = [
    "https://github.com/TryGhost/Ghost/blob/main/ghost/core/core/server/services/webhooks/webhook-trigger.js",
]
MODEL = ("when the webhook has a secret, X-Ghost-Signature is 'sha256=' + the lower-case hex "
         "HMAC-SHA256, keyed with the secret as text, of the JSON body immediately followed by "
         "the timestamp (Date.now(), Unix milliseconds, no separator), then ', t=' + that "
         "timestamp; Ghost documents no replay window.")

SECRET = "hooksign0ghost0webhook0secret01"
TS_MS = 1700000000000
NOW = 1700000000


def value(body, ts_ms=TS_MS, secret=SECRET):
    raw = body.encode() if isinstance(body, str) else body
    return f"sha256={hex_mac('sha256', secret, raw + str(ts_ms).encode())}, t={ts_ms}"


def cases():
    post = ('{"post":{"current":{"id":"6566a3c2d1e2f3a4b5c6d7e8","title":"Hello","status":"published"},'
            '"previous":{"status":"draft"}}}')
    member = ('{"member":{"current":{"id":"6566a3c2d1e2f3a4b5c6d7e9","email":"zoe@example.com",'
              '"name":"Zoë Ångström ✓ 日本語 🎉"},"previous":{}}}')
    good = {"X-Ghost-Signature": value(post), "Content-Version": "v5.75"}
    hexsig = value(post).split(",")[0][len("sha256="):]
    return [
        vector("valid-post-published", secret=SECRET, headers=good, body=post, expected="valid",
               timestamp=NOW, now=NOW + 1,
               reason="post.published as Ghost's WebhookTrigger signs it: body then timestamp"),
        vector("valid-unicode", secret=SECRET,
               headers={"X-Ghost-Signature": value(member, ts_ms=TS_MS + 457)}, body=member,
               expected="valid", timestamp=NOW, now=NOW + 5,
               reason="member.added whose body has non-ASCII UTF-8 (JSON.stringify keeps it as "
                      "UTF-8), signed as its bytes"),
        vector("valid-old", secret=SECRET, headers=good, body=post, expected="valid",
               timestamp=NOW, now=NOW + 86400,
               reason="a day later: Ghost documents no replay window"),
        vector("tampered-body", secret=SECRET, headers=good, body=tampered(post),
               expected="invalid", error="signature_mismatch", timestamp=NOW, now=NOW,
               reason="body changed after signing"),
        vector("timestamp-changed", secret=SECRET,
               headers={"X-Ghost-Signature": f"sha256={hexsig}, t={TS_MS + 1}"}, body=post,
               expected="invalid", error="signature_mismatch", timestamp=NOW, now=NOW,
               reason="the timestamp is signed after the body: another value breaks it"),
        vector("dot-separator-is-wrong", secret=SECRET,
               headers={"X-Ghost-Signature":
                        f"sha256={hex_mac('sha256', SECRET, f'{TS_MS}.' + post)}, t={TS_MS}"},
               body=post, expected="invalid", error="signature_mismatch", timestamp=NOW, now=NOW,
               reason="a Stripe-style {t}.{body} signature is not Ghost's {body}{t}"),
        vector("wrong-secret", secret="hooksign0ghost0webhook0secret02", headers=good, body=post,
               expected="invalid", error="signature_mismatch", timestamp=NOW, now=NOW,
               reason="another webhook's secret"),
        vector("rotation", secret=["hooksign0ghost0old0secret", SECRET], headers=good, body=post,
               expected="valid", matched_secret_index=1, timestamp=NOW, now=NOW,
               reason="the second configured secret signed it"),
        vector("missing-signature", secret=SECRET, headers={"Content-Version": "v5.75"},
               body=post, expected="invalid", error="missing_header", timestamp=NOW, now=NOW,
               reason="no X-Ghost-Signature: Ghost sends none when the webhook has no secret"),
        vector("missing-timestamp", secret=SECRET,
               headers={"X-Ghost-Signature": f"sha256={hexsig}"}, body=post,
               expected="invalid", error="malformed_header", timestamp=NOW, now=NOW,
               reason="the header lacks its t= element, so the signed content cannot be built"),
        vector("malformed-signature", secret=SECRET,
               headers={"X-Ghost-Signature": f"sha256=xyz, t={TS_MS}"}, body=post,
               expected="invalid", error="malformed_header", timestamp=NOW, now=NOW,
               reason="sha256= is not a hex digest"),
    ]
