"""Gogs: `X-Gogs-Signature: <hex HMAC-SHA256(webhook secret, payload)>`.

Written from Gogs' own documentation and source only (gogs/gogs at
eb1054e5432fc8397678372f08613429be233d7c):
- docs/advancing/webhooks.mdx: `X-Gogs-Signature` is "the HMAC-SHA256 hex digest of the
  payload, computed using the webhook secret"; `X-Gogs-Delivery` a UUID per delivery,
  `X-Gogs-Event` the event type.
- internal/database/webhook.go: `hmac.New(sha256.New, []byte(w.Secret))` over the JSON
  payload, `hex.EncodeToString` (lower case); the JSON payload is the body for the JSON
  content type; an empty secret sends an empty signature.
"""

from ._common import hex_mac, tampered, vector

PROVIDER = "gogs"
DOCS = [
    "https://github.com/gogs/gogs/blob/eb1054e5432fc8397678372f08613429be233d7c/docs/advancing/webhooks.mdx",
    "https://github.com/gogs/gogs/blob/eb1054e5432fc8397678372f08613429be233d7c/internal/database/webhook.go",
]
MODEL = ("X-Gogs-Signature is the lower-case hex HMAC-SHA256 of the JSON payload (the body for "
         "the JSON content type) keyed with the webhook secret as text; X-Gogs-Delivery is a "
         "UUID per delivery, X-Gogs-Event the event.")

SECRET = "hooksign-gogs-webhook-secret-0001"
DELIVERY = "f6266f16-1bf3-46a5-9ea4-602e06ead473"

# Gogs marshals payloads with two-space indentation (json.MarshalIndent in
# internal/route/api/v1/types/webhook.go).
PUSH = """{
  "ref": "refs/heads/main",
  "before": "28e1879d029cb852e4844d9c718537df08844e03",
  "after": "bffeb74224043ba2feb48d137756c8a9331c449a",
  "compare_url": "https://gogs.example.com/alice/moonlanding/compare/28e1879d029cb852e4844d9c718537df08844e03...bffeb74224043ba2feb48d137756c8a9331c449a",
  "commits": [
    {
      "id": "bffeb74224043ba2feb48d137756c8a9331c449a",
      "message": "Update README\\n",
      "url": "https://gogs.example.com/alice/moonlanding/commit/bffeb74224043ba2feb48d137756c8a9331c449a"
    }
  ],
  "repository": {
    "id": 140,
    "full_name": "alice/moonlanding"
  }
}"""

COMPACT = '{"ref":"refs/heads/main","repository":{"id":140,"full_name":"alice/moonlanding"}}'

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
    "full_name": "alice/moonlanding"
  }
}"""


def headers(body, secret=SECRET, event="push", delivery=DELIVERY):
    """The headers internal/database/webhook.go (HookTask.deliver) sends."""
    return {
        "Content-Type": "application/json",
        "X-Github-Delivery": delivery,
        "X-Github-Event": event,
        "X-Gogs-Delivery": delivery,
        "X-Gogs-Signature": hex_mac("sha256", secret, body),
        "X-Gogs-Event": event,
    }


def without(h, *names):
    return {k: v for k, v in h.items() if k not in names}


def cases():
    good = headers(PUSH)
    issue = headers(ISSUE, event="issues", delivery="0b3c6a3e-8f7d-4c1e-9b2a-5d4e3f2a1b0c")
    upper = dict(good, **{"X-Gogs-Signature": good["X-Gogs-Signature"].upper()})
    prefixed = dict(good, **{"X-Gogs-Signature": "sha256=" + good["X-Gogs-Signature"]})
    empty = dict(good, **{"X-Gogs-Signature": ""})
    return [
        vector("valid-push", secret=SECRET, headers=good, body=PUSH, expected="valid",
               reason="a push delivery with the headers Gogs sends (HookTask.deliver)"),
        vector("valid-compact", secret=SECRET, headers=headers(COMPACT), body=COMPACT,
               expected="valid",
               reason="a compact body: the MAC is over the bytes sent, however they are laid out"),
        vector("valid-unicode", secret=SECRET, headers=issue, body=ISSUE, expected="valid",
               reason="an issues delivery whose body has non-ASCII UTF-8 (Go's encoding/json does not escape it)"),
        vector("tampered-body", secret=SECRET, headers=good, body=tampered(PUSH),
               expected="invalid", error="signature_mismatch",
               reason="one bit of the body changed after signing"),
        vector("wrong-secret", secret="another-secret", headers=good, body=PUSH,
               expected="invalid", error="signature_mismatch",
               reason="verified with a secret other than the signing one"),
        vector("rotation", secret=["old-gogs-secret", SECRET], headers=good, body=PUSH,
               expected="valid", matched_secret_index=1,
               reason="while the secret is changed both are kept; the second one signed"),
        vector("missing-header", secret=SECRET, headers=without(good, "X-Gogs-Signature"),
               body=PUSH, expected="invalid", error="missing_header",
               reason="no X-Gogs-Signature"),
        vector("uppercase-hex", secret=SECRET, headers=upper, body=PUSH, expected="invalid",
               error="malformed_header",
               reason="Go's hex.EncodeToString writes lower case, the only spelling Gogs sends"),
        vector("sha256-prefix", secret=SECRET, headers=prefixed, body=PUSH, expected="invalid",
               error="malformed_header", reason="X-Gogs-Signature is bare hex"),
        vector("empty-signature", secret=SECRET, headers=empty, body=PUSH, expected="invalid",
               error="malformed_header",
               reason="Gogs sends an empty X-Gogs-Signature when the webhook has no secret"),
    ]
