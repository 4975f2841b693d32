"""Liveblocks webhooks: Standard Webhooks sent through Svix on `webhook-id`,
`webhook-timestamp`, `webhook-signature`, keyed with the `whsec_` signing secret.

Written from Liveblocks' webhooks guide (endpoints are Svix endpoints; verify manually or with
`@liveblocks/node`) and `@liveblocks/node`'s `WebhookHandler` (liveblocks/liveblocks,
`packages/liveblocks-node/src/webhooks.ts`): the three `webhook-*` headers are required; the
secret must start with `whsec_` and the rest is base64-decoded; the timestamp (seconds) must be
within five minutes either way; the HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}`
in base64 must equal the signature after the comma of one space-separated entry. Its tests
sign with Svix's own signer. The construction is the Standard Webhooks one
(`_standard_webhooks.py`)."""

from documented._standard_webhooks import standard_cases

PROVIDER = "liveblocks"
DOCS = [
    "https://liveblocks.io/docs/platform/webhooks",
    "https://github.com/liveblocks/liveblocks/blob/main/packages/liveblocks-node/src/webhooks.ts",
    "https://github.com/liveblocks/liveblocks/blob/main/packages/liveblocks-node/src/__tests__/webhooks.test.ts",
]
MODEL = ("webhook-signature is a space-separated list of v1,<base64 HMAC-SHA256> over "
         "'{webhook-id}.{webhook-timestamp}.{raw body}', keyed with the base64 after whsec_ of "
         "the signing secret; all three headers are required; timestamps more than 300 s old "
         "or ahead are rejected.")

NAMES = ("webhook-id", "webhook-timestamp", "webhook-signature")
SECRET = "whsec_aG9va3NpZ24tbGl2ZWJsb2Nrcy1zaWduaW5nLXNlY3JldC0x"
OLD = "whsec_aG9va3NpZ24tbGl2ZWJsb2Nrcy1vbGQtc2lnbmluZy1zZWNyZXQ="
OTHER = "whsec_aG9va3NpZ24tbGl2ZWJsb2Nrcy1vdGhlci1zZWNyZXQtMDAwMQ=="


def cases():
    # The shape of @liveblocks/node's test event, with hooksign's own ids.
    entered = ('{"data":{"projectId":"605a50b01a36d5ea7a2e9104","connectionId":2196,'
               '"enteredAt":"2023-11-14T22:13:20.000Z","numActiveUsers":2,'
               '"roomId":"hooksign-room","userId":"user-1","userInfo":null},"type":"userEntered"}')
    comment = ('{"data":{"projectId":"605a50b01a36d5ea7a2e9104","roomId":"salle-réunion-東京",'
               '"threadId":"th_hooksign1","commentId":"cm_hooksign1",'
               '"createdAt":"2023-11-14T22:13:20.000Z","createdBy":"Zoë 🎨"},"type":"commentCreated"}')
    # A `v2,` entry is skipped by the Standard Webhooks libraries, while @liveblocks/node
    # compares whatever follows any entry's comma: the verifiers differ, so no vector.
    return standard_cases(
        NAMES, SECRET, OLD, OTHER,
        [("msg_2YbHooksignLiveblocks0001", entered), ("msg_2YbHooksignLiveblocks0002", comment)],
        skip=("no-v1-entry",),
    )
