"""Trello vectors from an INDEPENDENT MODEL (Trello publishes no SDK verifier).

    python3 tools/vectors/urlbody/trello.py      -> tests/vectors/trello.json

The model is the construction of Atlassian's Trello guide "Webhooks", section "Webhook
Signatures" (https://developer.atlassian.com/cloud/trello/guides/rest-api/webhooks/):
`X-Trello-Webhook` is the base64 digest of an HMAC-SHA1, keyed with the application's secret,
of "the full request body and the callbackURL exactly as it was provided during webhook
creation", concatenated; the guide's Node example is
`createHmac('sha1', secret).update(body + callbackURL).digest('base64')`, compared with the
header. Python standard library only; it shares nothing with hooksign, and every verdict is
this model's (`model_verdict`), not hooksign's.
"""

import base64
import hashlib
import hmac
import json
import pathlib

SOURCE = "tools/vectors/urlbody/trello.py"
GENERATOR = (
    "independent model (Python standard library hmac/hashlib/base64) of the Trello guide's "
    "construction: base64(HMAC-SHA1(app secret, body + callbackURL)), "
    "https://developer.atlassian.com/cloud/trello/guides/rest-api/webhooks/ 'Webhook Signatures'"
)
SECRET = "hooksign-trello-app-secret"
OTHER = "hooksign-trello-other-secret"
CALLBACK = "https://example.com/webhooks/trello?board=1"

UPDATE_CARD = json.dumps(
    {
        "action": {
            "id": "65a1f0c2e4b0a1b2c3d4e5f6",
            "type": "updateCard",
            "data": {"card": {"id": "65a1f0c2e4b0a1b2c3d4e5f7", "name": "Ship it"}},
        },
        "model": {"id": "65a1f0c2e4b0a1b2c3d4e5f8", "name": "Board"},
    },
    separators=(",", ":"),
)
COMMENT = (
    json.dumps(
        {
            "action": {
                "id": "65a1f0c2e4b0a1b2c3d4e5f9",
                "type": "commentCard",
                "data": {"text": "Déjà vu — ✓"},
            },
            "model": {"id": "65a1f0c2e4b0a1b2c3d4e5f8", "name": "Board"},
        },
        ensure_ascii=False,
        indent=2,
    )
    + "\n"
)


def signature(secret: str, body: str, callback: str) -> str:
    content = (body + callback).encode("utf-8")
    mac = hmac.new(secret.encode("utf-8"), content, hashlib.sha1).digest()
    return base64.b64encode(mac).decode("ascii")


def model_valid(secrets, header, body, callback) -> bool:
    if header is None:
        return False
    return any(
        hmac.compare_digest(signature(s, body, callback), header) for s in secrets
    )


def vector(vid, reason, body, url, sign_body=None, sign_url=None, sign_secret=SECRET,
           secret=SECRET, error=None, header="computed", matched=None):
    header_value = (
        signature(sign_secret, sign_body if sign_body is not None else body,
                  sign_url if sign_url is not None else url)
        if header == "computed"
        else header
    )
    secrets = secret if isinstance(secret, list) else [secret]
    valid = model_valid(secrets, header_value, body, url)
    assert valid == (error is None), vid
    headers = {"Content-Type": "application/json"}
    if header_value is not None:
        headers["X-Trello-Webhook"] = header_value
    v = {
        "id": vid,
        "provider": "trello",
        "scheme": "trello",
        "secret": secret,
        "headers": headers,
        "body": body,
        "url": url,
        "expected": "valid" if valid else "invalid",
    }
    if error:
        v["error"] = error
    if matched is not None:
        v["matched_secret_index"] = matched
    v["reason"] = reason
    v["model_verdict"] = f"the model's comparison returned {valid}"
    v["generator"] = GENERATOR
    v["source"] = SOURCE
    return v


def main():
    vectors = [
        vector("trello-valid-update-card", "an updateCard action signed over body + callback URL",
               UPDATE_CARD, CALLBACK),
        vector("trello-valid-pretty-utf8", "a pretty-printed body with non-ASCII UTF-8 and a trailing newline",
               COMMENT, CALLBACK),
        vector("trello-valid-rotated-secret", "two secrets configured, signed with the second",
               UPDATE_CARD, CALLBACK, secret=[OTHER, SECRET], matched=1),
        vector("trello-invalid-wrong-callback-url", "signed for the callback URL with its query, verified without it",
               UPDATE_CARD, "https://example.com/webhooks/trello", sign_url=CALLBACK, error="signature_mismatch"),
        vector("trello-invalid-tampered-body", "the card name changed after signing",
               UPDATE_CARD.replace("Ship it", "Ship it!"), CALLBACK, sign_body=UPDATE_CARD, error="signature_mismatch"),
        vector("trello-invalid-wrong-secret", "signed with another application's secret",
               UPDATE_CARD, CALLBACK, sign_secret=OTHER, error="signature_mismatch"),
        vector("trello-invalid-url-before-body", "the URL and body concatenated the wrong way round (callbackURL + body)",
               UPDATE_CARD, CALLBACK, header=signature(SECRET, CALLBACK, UPDATE_CARD), error="signature_mismatch"),
        vector("trello-invalid-missing-header", "no X-Trello-Webhook header",
               UPDATE_CARD, CALLBACK, header=None, error="missing_header"),
    ]
    out = pathlib.Path(__file__).resolve().parents[3] / "tests" / "vectors" / "trello.json"
    out.write_text(json.dumps(vectors, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{out}: {len(vectors)} vectors")


if __name__ == "__main__":
    main()
