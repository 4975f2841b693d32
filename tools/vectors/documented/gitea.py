"""Gitea: `X-Gitea-Signature: <hex HMAC-SHA256(webhook secret, payload)>`.

Written from Gitea's own documentation and source only:
- docs/content/usage/webhooks.en-us.md (the receiver example): the signature header is
  `X-Gitea-Signature`, compared with `!==` against PHP's `hash_hmac('sha256', $payload,
  $secret_key, false)`, i.e. lower-case hex of HMAC-SHA256 keyed with the secret as text.
- services/webhook/deliver.go (`addDefaultHeaders`): the MAC is over the payload content,
  which is the request body for the `application/json` content type; the same hex goes into
  `X-Gogs-Signature` and `X-Hub-Signature-256: sha256=…`; `X-Hub-Signature` carries
  `sha1=<hex HMAC-SHA1>`; an empty secret sends empty signatures.
"""

from ._common import hex_mac, tampered, vector

PROVIDER = "gitea"
DOCS = [
    "https://github.com/go-gitea/gitea/blob/184e5121eb3d6c680409265870ff509de11ace9d/docs/content/usage/webhooks.en-us.md",
    "https://github.com/go-gitea/gitea/blob/50e782654e78d86288b79bdb5facd69078088bb0/services/webhook/deliver.go",
]
MODEL = ("X-Gitea-Signature is the lower-case hex HMAC-SHA256 of the JSON payload (the body for "
         "the application/json content type) keyed with the webhook secret as text; "
         "X-Gitea-Delivery is a UUID per delivery, X-Gitea-Event the event.")

SECRET = "hooksign-gitea-webhook-secret-0001"
DELIVERY = "f6266f16-1bf3-46a5-9ea4-602e06ead473"

# Gitea marshals payloads with two-space indentation (Go's json.MarshalIndent).
PUSH = """{
  "ref": "refs/heads/develop",
  "before": "28e1879d029cb852e4844d9c718537df08844e03",
  "after": "bffeb74224043ba2feb48d137756c8a9331c449a",
  "compare_url": "http://localhost:3000/gitea/webhooks/compare/28e1879d029cb852e4844d9c718537df08844e03...bffeb74224043ba2feb48d137756c8a9331c449a",
  "commits": [
    {
      "id": "bffeb74224043ba2feb48d137756c8a9331c449a",
      "message": "Webhooks Yay!",
      "url": "http://localhost:3000/gitea/webhooks/commit/bffeb74224043ba2feb48d137756c8a9331c449a"
    }
  ],
  "repository": {
    "id": 140,
    "full_name": "gitea/webhooks"
  }
}"""

COMPACT = '{"ref":"refs/heads/main","repository":{"id":140,"full_name":"gitea/webhooks"}}'

ISSUE = """{
  "action": "opened",
  "number": 7,
  "issue": {
    "id": 12,
    "title": "Überprüfung schlägt fehl — 検証 ✓ 🎉",
    "body": "Zoë Ångström a signalé « ceci »."
  },
  "repository": {
    "id": 140,
    "full_name": "gitea/webhooks"
  }
}"""


def headers(body, secret=SECRET, event="push", delivery=DELIVERY):
    sig = hex_mac("sha256", secret, body)
    return {
        "Content-Type": "application/json",
        "X-Gitea-Delivery": delivery,
        "X-Gitea-Event": event,
        "X-Gitea-Event-Type": event,
        "X-Gitea-Signature": sig,
        "X-Gogs-Delivery": delivery,
        "X-Gogs-Event": event,
        "X-Gogs-Event-Type": event,
        "X-Gogs-Signature": sig,
        "X-Hub-Signature": "sha1=" + hex_mac("sha1", secret, body),
        "X-Hub-Signature-256": "sha256=" + sig,
        "X-GitHub-Delivery": delivery,
        "X-GitHub-Event": event,
        "X-GitHub-Event-Type": event,
    }


def without(h, *names):
    return {k: v for k, v in h.items() if k not in names}


def cases():
    good = headers(PUSH)
    issue = headers(ISSUE, event="issues", delivery="0b3c6a3e-8f7d-4c1e-9b2a-5d4e3f2a1b0c")
    upper = dict(good, **{"X-Gitea-Signature": good["X-Gitea-Signature"].upper()})
    prefixed = dict(good, **{"X-Gitea-Signature": "sha256=" + good["X-Gitea-Signature"]})
    empty = dict(good, **{"X-Gitea-Signature": ""})
    return [
        vector("valid-push", secret=SECRET, headers=good, body=PUSH, expected="valid",
               reason="a push delivery with every header Gitea sends (deliver.go addDefaultHeaders)"),
        vector("valid-unicode", secret=SECRET, headers=issue, body=ISSUE, expected="valid",
               reason="an issues delivery whose body has non-ASCII UTF-8 (Go's encoding/json does not escape it)"),
        vector("valid-compact", secret=SECRET, headers=headers(COMPACT), body=COMPACT,
               expected="valid",
               reason="a compact body: the MAC is over the bytes sent, however they are laid out"),
        vector("valid-only-gitea-header", secret=SECRET,
               headers={"X-Gitea-Signature": good["X-Gitea-Signature"]}, body=PUSH,
               expected="valid", reason="the documented receiver reads X-Gitea-Signature alone"),
        vector("tampered-body", secret=SECRET, headers=good, body=tampered(PUSH),
               expected="invalid", error="signature_mismatch",
               reason="one bit of the body changed after signing"),
        vector("wrong-secret", secret="another-secret", headers=good, body=PUSH,
               expected="invalid", error="signature_mismatch",
               reason="verified with a secret other than the signing one"),
        vector("rotation", secret=["old-gitea-secret", SECRET], headers=good, body=PUSH,
               expected="valid", matched_secret_index=1,
               reason="while the secret is changed both are kept; the second one signed"),
        vector("missing-header", secret=SECRET, headers=without(good, "X-Gitea-Signature"),
               body=PUSH, expected="invalid", error="missing_header",
               reason="no X-Gitea-Signature (the other signature headers are not Gitea's own)"),
        vector("uppercase-hex", secret=SECRET, headers=upper, body=PUSH, expected="invalid",
               error="malformed_header",
               reason="Go's hex.EncodeToString and PHP's hash_hmac write lower case; the documented check compares with !=="),
        vector("sha256-prefix", secret=SECRET, headers=prefixed, body=PUSH, expected="invalid",
               error="malformed_header",
               reason="X-Gitea-Signature is bare hex; the sha256= form belongs to X-Hub-Signature-256"),
        vector("empty-signature", secret=SECRET, headers=empty, body=PUSH, expected="invalid",
               error="malformed_header",
               reason="Gitea sends an empty X-Gitea-Signature when the webhook has no secret"),
    ]
