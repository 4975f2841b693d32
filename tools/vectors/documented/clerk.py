"""Clerk webhooks: Standard Webhooks sent through Svix on `svix-id`, `svix-timestamp`,
`svix-signature`, keyed with the `whsec_` signing secret from the Clerk Dashboard.

Written from Clerk's docs (webhooks overview: "Clerk uses Svix to send our webhooks", the event
type in the payload's `type`; the `verifyWebhook()` reference, which reads the three `svix-*`
headers, throws when one is missing, and verifies with the Standard Webhooks library) and from
Svix's manual-verification guide for the construction (see `_standard_webhooks.py`)."""

from documented._standard_webhooks import standard_cases, svix_example

PROVIDER = "clerk"
DOCS = [
    "https://clerk.com/docs/guides/development/webhooks/overview",
    "https://clerk.com/docs/reference/backend/verify-webhook",
    "https://github.com/clerk/javascript/blob/main/packages/backend/src/webhooks.ts",
    "https://docs.svix.com/receiving/verifying-payloads/how-manual",
]
MODEL = ("svix-signature is a space-separated list of v1,<base64 HMAC-SHA256> over "
         "'{svix-id}.{svix-timestamp}.{raw body}', keyed with the base64 after whsec_ of the "
         "signing secret; all three svix-* headers are required; timestamps more than 300 s old "
         "or ahead are rejected.")

NAMES = ("svix-id", "svix-timestamp", "svix-signature")
SECRET = "whsec_aG9va3NpZ24tY2xlcmstc2lnbmluZy1zZWNyZXQtMDAwMQ=="
OLD = "whsec_aG9va3NpZ24tY2xlcmstb2xkLXNpZ25pbmctc2VjcmV0LTAwMDE="
OTHER = "whsec_aG9va3NpZ24tY2xlcmstb3RoZXItc2VjcmV0LTAwMDAwMDAwMDE="


def cases():
    created = ('{"data":{"id":"user_2g7np7Hrk0SN6kj5EDMLDaKNL0S","object":"user",'
               '"first_name":"Ada"},"event_attributes":{"http_request":{"client_ip":"192.0.2.1"}},'
               '"object":"event","timestamp":1700000000000,"type":"user.created"}')
    updated = ('{"data":{"id":"user_2g7np7Hrk0SN6kj5EDMLDaKNL0S","object":"user",'
               '"first_name":"Zoë","last_name":"Žižek — 東京 🔑"},"object":"event",'
               '"timestamp":1700000000000,"type":"user.updated"}')
    return standard_cases(
        NAMES, SECRET, OLD, OTHER,
        [("msg_2g7nqBaUkRCvTdfxKpA8hLsYuRn", created), ("msg_2g7nqE1xYHq2kkL3n7vP0wQsZtB", updated)],
        published=[svix_example(NAMES, "Clerk sends through Svix on the same svix-* headers")],
    )
