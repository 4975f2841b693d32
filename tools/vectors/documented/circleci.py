"""CircleCI outbound webhooks: `circleci-signature: v1=<hex HMAC-SHA256(secret, body)>[,v2=…]`.

Model written from CircleCI's documentation ("Outbound webhooks", "Validate outbound
webhooks", circleci/circleci-docs): the header is a comma-separated list of versioned
signatures; only the latest version, v1, is checked; v1 is the HMAC-SHA256 of the request
body keyed with the signing secret as text (`bytes(secret, 'utf-8')`), lower-case hex as
`hexdigest()` writes it. The docs' Python sample reads the list into a dict, so a repeated
`v1` keeps the last one. No timestamp is signed. The docs publish four (body, secret,
signature) examples, included below.
"""

from documented._common import hex_mac, tampered, vector

PROVIDER = "circleci"
DOCS = [
    "https://circleci.com/docs/guides/integration/outbound-webhooks/",
    "https://github.com/circleci/circleci-docs (docs/reference/modules/ROOT/pages/outbound-webhooks-reference.adoc)",
    "https://github.com/circleci/circleci-docs (docs/guides/modules/integration/pages/outbound-webhooks.adoc)",
]
MODEL = ("circleci-signature is a comma-separated list of version=signature elements; the last "
         "v1 element must be the lower-case hex HMAC-SHA256 of the raw body keyed with the "
         "signing secret as text; other versions are ignored; nothing else is signed.")
PAGE = "https://circleci.com/docs/guides/integration/outbound-webhooks/"

SECRET = "hooksign-circleci-signing-secret-0001"
OTHER = "hooksign-circleci-signing-secret-0000"

BODY = ('{"id":"3888f21b-eaa7-38e3-8f3d-75a63bba8895","type":"workflow-completed",'
        '"happened_at":"2021-09-01T22:49:34.317Z","webhook":{"id":"cf8c4fdd-0587-4da1-b4ca-'
        '4846e9640af9","name":"Sample Webhook"},"project":{"id":"84996744-a854-4f5e-aea3-'
        '04e2851dc1d2","name":"webhook-service","slug":"github/circleci/webhook-service"},'
        '"workflow":{"id":"fda08377-fe7e-46b1-8992-3a7aaecac9c3","name":"build-test-deploy",'
        '"status":"success"}}')
UNICODE = ('{"id":"8bd71c28-4969-3677-8940-3e3a61c46660","type":"job-completed",'
           '"happened_at":"2021-09-01T22:49:34.279Z","pipeline":{"vcs":{"commit":{"subject":'
           '"Zoë: Café ✓ 日本語 🎉","author":{"name":"Åsa Ångström"}}}},"job":{"name":"test",'
           '"status":"success","number":136}}')
COMPACT = '{"id":"3888f21b-eaa7-38e3-8f3d-75a63bba8895","type":"workflow-completed"}'


def sig(body, secret=SECRET):
    return hex_mac("sha256", secret, body)


def cases():
    ct = {"Content-Type": "application/json", "User-Agent": "CircleCI-Webhook/1.0"}
    h = "circleci-signature"
    published = [
        ("hello world", "secret",
         "734cc62f32841568f45715aeb9f4d7891324e6d948e4c6c60c0621cdac48623a"),
        ("lalala", "another-secret",
         "daa220016c8f29a8b214fbfc3671aeec2145cfb1e6790184ffb38b6d0425fa00"),
        ("an-important-request-payload", "hunter123",
         "9be2242094a9a8c00c64306f382a7f9d691de910b4a266f67bd314ef18ac49fa"),
        ("foo", "secret",
         "773ba44693c7553d6ee20f61ea5d2757a9a4f4a44d2841ae4e95b52e4cd62db4"),
    ]
    cases = []
    for n, (body, secret, signature) in enumerate(published, 1):
        assert sig(body, secret) == signature, "the model disagrees with the docs' example"
        cases.append(vector(
            f"docs-example-{n}", secret=secret, body=body, expected="valid",
            headers={h: "v1=" + signature},
            reason=f"CircleCI's published example {n} (body {body!r}, secret {secret!r}), "
                   f"{PAGE}"))
    cases.append(vector(
        "docs-example-invalid", secret="secret", body="foo", expected="invalid",
        error="malformed_header", headers={h: "v1=not-a-valid-signature"},
        reason=f"CircleCI's published failing example (v1=not-a-valid-signature, which "
               f"verify_signature rejects; not hex, so malformed), {PAGE}"))
    cases += [
        vector("valid-json", secret=SECRET, body=BODY, expected="valid",
               headers={**ct, "circleci-event-type": "workflow-completed", h: "v1=" + sig(BODY)},
               reason="valid workflow-completed delivery"),
        vector("valid-unicode", secret=SECRET, body=UNICODE, expected="valid",
               headers={**ct, "circleci-event-type": "job-completed", h: "v1=" + sig(UNICODE)},
               reason="valid job-completed delivery whose body has non-ASCII UTF-8"),
        vector("valid-compact", secret=SECRET, body=COMPACT, expected="valid",
               headers={h: "v1=" + sig(COMPACT)},
               reason="valid delivery, short body (the rustdoc example)"),
        vector("future-versions-ignored", secret=SECRET, body=COMPACT, expected="valid",
               headers={h: f"v1={sig(COMPACT)},v2=ffff,v3=0000"},
               reason="v1 followed by later versions, as the docs show the header "
                      "(v1=…,v2=…,v3=…); only v1 is checked"),
        vector("repeated-v1-last-checked", secret=SECRET, body=COMPACT, expected="invalid",
               error="signature_mismatch",
               headers={h: f"v1={sig(COMPACT)},v1={sig(COMPACT, OTHER)}"},
               reason="two v1 elements, the first valid: the docs' sample builds a dict, so "
                      "the last v1 is the one compared, and it was made with another secret"),
        vector("tampered-body", secret=SECRET, body=tampered(BODY), expected="invalid",
               error="signature_mismatch", headers={**ct, h: "v1=" + sig(BODY)},
               reason="body changed after signing"),
        vector("wrong-secret", secret=SECRET, body=BODY, expected="invalid",
               error="signature_mismatch", headers={**ct, h: "v1=" + sig(BODY, OTHER)},
               reason="signed with another signing secret"),
        vector("rotation", secret=[OTHER, SECRET], body=BODY, expected="valid",
               matched_secret_index=1, headers={**ct, h: "v1=" + sig(BODY)},
               reason="old and new signing secrets configured; the second matches"),
        vector("missing-signature", secret=SECRET, body=BODY, expected="invalid",
               error="missing_header", headers=ct,
               reason="no circleci-signature header (no secret token configured, or "
                      "stripped)"),
        vector("bare-hex", secret=SECRET, body=BODY, expected="invalid",
               error="no_signature", headers={**ct, h: sig(BODY)},
               reason="the digest without its v1= key: the list has no v1 element"),
        vector("uppercase-hex", secret=SECRET, body=BODY, expected="invalid",
               error="malformed_header", headers={**ct, h: "v1=" + sig(BODY).upper()},
               reason="correct digest in upper-case hex; the docs' sample compares "
                      "hexdigest() (lower case)"),
    ]
    return cases
