"""Notion: `X-Notion-Signature: sha256=<hex HMAC-SHA256(verification token, body)>`.

Written from Notion's official SDK (makenotion/notion-sdk-js, `@notionhq/client`, commit
9060802d386afbb82fa7b52ba4298cce0b1e0429, version 5.26.0; the helpers ship since 5.23.0) and its
README, not from hooksign:
- src/webhooks.ts `verifyWebhookSignature`: the header must start with `sha256=`; the rest is
  lower-cased, must be 64 hex digits, and is compared with the HMAC-SHA256 of the raw body keyed
  with the subscription's verification token (UTF-8); anything else is `false`.
- README "Verifying webhook signatures": the initial handshake body `{"verification_token": …}`
  is signed with the same token.
- src/api-endpoints/webhooks.ts `BaseWebhookPayload`: `id` is the unique identifier of the
  event, `attempt_number` the delivery attempt (1-8); each payload's `type` is the event.
"""

from ._common import hex_mac, tampered, vector

PROVIDER = "notion"
DOCS = [
    "https://github.com/makenotion/notion-sdk-js/blob/9060802d386afbb82fa7b52ba4298cce0b1e0429/src/webhooks.ts",
    "https://github.com/makenotion/notion-sdk-js/blob/9060802d386afbb82fa7b52ba4298cce0b1e0429/README.md#verifying-webhook-signatures",
    "https://developers.notion.com/reference/webhooks",
]
MODEL = ("X-Notion-Signature is sha256= followed by the hex HMAC-SHA256 of the raw body keyed "
         "with the subscription's verification token as text; the SDK accepts the hex in "
         "either case and requires 64 digits.")

TOKEN = "secret_hooksign_notion_verification_token_0001"

PAGE_CREATED = ('{"id":"367cba44-b6f3-4c92-81e7-6a2e9659efd4","timestamp":"2024-12-05T23:55:34.285Z",'
                '"workspace_id":"13950b26-c203-4f3b-b97d-93ec06319565","workspace_name":"Quantify Labs",'
                '"subscription_id":"29d75c0d-5546-4414-8459-7b7a92f1fc4b","integration_id":'
                '"0ef2ba78-d8b8-4bf5-9ad2-e8a4c4c58e6c","type":"page.created","authors":[{"id":'
                '"c7c11cca-1d73-471d-9b6e-bdef51470190","type":"person"}],"attempt_number":1,'
                '"entity":{"id":"153104cd-477e-809d-8dc4-ff2d96ae3090","type":"page"},"data":{}}')

COMMENT_UNICODE = ('{"id":"c6ee0d3e-5c8b-4a2e-9d1f-0a1b2c3d4e5f","timestamp":"2024-12-06T10:00:00.000Z",'
                   '"workspace_name":"Équipe Zoë — 日本 🎉","type":"comment.created","attempt_number":2,'
                   '"entity":{"id":"16c104cd-477e-80d7-a53f-001d9a3d8a4d","type":"comment"},"data":{}}')


def headers(body, token=TOKEN):
    return {"Content-Type": "application/json",
            "X-Notion-Signature": "sha256=" + hex_mac("sha256", token, body)}


def cases():
    good = headers(PAGE_CREATED)
    hexsig = good["X-Notion-Signature"][len("sha256="):]
    fixture_body = '{"id":"fixed-evt","type":"page.created"}'
    fixture_token = "fixed-verification-token"
    handshake = '{"verification_token":"%s"}' % TOKEN
    return [
        vector("sdk-fixture", secret=fixture_token, headers=headers(fixture_body, fixture_token),
               body=fixture_body, expected="valid",
               reason="the body and token of notion-sdk-js test/webhooks.test.ts 'matches the algorithm "
                      "used by the Notion webhook delivery pipeline' (the test computes the signature)"),
        vector("valid-page-created", secret=TOKEN, headers=good, body=PAGE_CREATED,
               expected="valid", reason="a page.created event shaped like BaseWebhookPayload"),
        vector("valid-unicode", secret=TOKEN, headers=headers(COMMENT_UNICODE),
               body=COMMENT_UNICODE, expected="valid",
               reason="an event whose body has non-ASCII UTF-8 (TextEncoder encodes the body as UTF-8)"),
        vector("valid-handshake", secret=TOKEN, headers=headers(handshake), body=handshake,
               expected="valid",
               reason="the README: the verification_token handshake is signed with the same token"),
        vector("uppercase-hex", secret=TOKEN,
               headers={"X-Notion-Signature": "sha256=" + hexsig.upper()}, body=PAGE_CREATED,
               expected="valid", reason="verifyWebhookSignature lower-cases the hex before comparing"),
        vector("tampered-body", secret=TOKEN, headers=good, body=tampered(PAGE_CREATED),
               expected="invalid", error="signature_mismatch",
               reason="one bit of the body changed after signing"),
        vector("wrong-token", secret="secret_different_token_xyz", headers=good,
               body=PAGE_CREATED, expected="invalid", error="signature_mismatch",
               reason="verified with another subscription's verification token"),
        vector("rotation", secret=["secret_old_verification_token", TOKEN], headers=good,
               body=PAGE_CREATED, expected="valid", matched_secret_index=1,
               reason="while a subscription is replaced both tokens are kept; the second one signed"),
        vector("missing-header", secret=TOKEN, headers={"Content-Type": "application/json"},
               body=PAGE_CREATED, expected="invalid", error="missing_header",
               reason="no X-Notion-Signature"),
        vector("no-prefix", secret=TOKEN, headers={"X-Notion-Signature": hexsig},
               body=PAGE_CREATED, expected="invalid", error="malformed_header",
               reason="the SDK requires the sha256= prefix"),
        vector("short-hex", secret=TOKEN, headers={"X-Notion-Signature": "sha256=abcdef"},
               body=PAGE_CREATED, expected="invalid", error="malformed_header",
               reason="the SDK requires 64 hex digits"),
        vector("not-hex", secret=TOKEN,
               headers={"X-Notion-Signature": "sha256=not-hex-content-here"}, body=PAGE_CREATED,
               expected="invalid", error="malformed_header",
               reason="the SDK refuses non-hex digits (its own test value)"),
    ]
