"""Resend webhooks: Standard Webhooks sent through Svix on `svix-id`, `svix-timestamp`,
`svix-signature`, keyed with the endpoint's `whsec_` signing secret.

Written from Resend's "Verify Webhooks Requests" page (the SDK's `webhooks.verify` is given the
`svix-id`, `svix-timestamp` and `svix-signature` headers and the signing secret; manual
verification is Svix's) and Svix's manual-verification guide for the construction (see
`_standard_webhooks.py`)."""

from documented._standard_webhooks import standard_cases, svix_example

PROVIDER = "resend"
DOCS = [
    "https://resend.com/docs/webhooks/verify-webhooks-requests",
    "https://github.com/resend/resend-node/blob/main/src/webhooks/webhooks.ts",
    "https://docs.svix.com/receiving/verifying-payloads/how-manual",
]
MODEL = ("svix-signature is a space-separated list of v1,<base64 HMAC-SHA256> over "
         "'{svix-id}.{svix-timestamp}.{raw body}', keyed with the base64 after whsec_ of the "
         "signing secret; timestamps more than 300 s old or ahead are rejected.")

NAMES = ("svix-id", "svix-timestamp", "svix-signature")
SECRET = "whsec_aG9va3NpZ24tcmVzZW5kLXNpZ25pbmctc2VjcmV0LTAwMDE="
OLD = "whsec_aG9va3NpZ24tcmVzZW5kLW9sZC1zaWduaW5nLXNlY3JldC0wMDE="
OTHER = "whsec_aG9va3NpZ24tcmVzZW5kLW90aGVyLXNlY3JldC0wMDAwMDAwMDE="


def cases():
    sent = ('{"type":"email.sent","created_at":"2023-11-14T22:13:20.000Z","data":{'
            '"email_id":"56761188-7520-42d8-8898-ff6fc54ce618","from":"Acme <onboarding@resend.dev>",'
            '"to":["delivered@resend.dev"],"subject":"Sending this example"}}')
    delivered = ('{"type":"email.delivered","created_at":"2023-11-14T22:13:21.000Z","data":{'
                 '"email_id":"56761188-7520-42d8-8898-ff6fc54ce618","from":"Zoë <zoe@resend.dev>",'
                 '"to":["delivered@resend.dev"],"subject":"Ça marche — 東京 ✉️"}}')
    return standard_cases(
        NAMES, SECRET, OLD, OTHER,
        [("msg_2Yb6tqVsIA9sZS3aZxVlyQXpRqH", sent), ("msg_2Yb6tvQxVb8nQ0b1J6GxRjVdTfC", delivered)],
        published=[svix_example(NAMES, "Resend sends through Svix on the same svix-* headers")],
    )
