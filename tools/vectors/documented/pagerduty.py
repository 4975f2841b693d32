"""PagerDuty (v3 webhooks): `X-PagerDuty-Signature: v1=<hex>[,v1=<hex>…]`.

Written from PagerDuty's official Go client (`PagerDuty/go-pagerduty`, `webhookv3/webhookv3.go`,
`VerifySignature`, which links PagerDuty's "Verifying Signatures" page): the header is split on
`,`; every element starting with `v1=` is a candidate, hex-decoded (elements that are not `v1=`
or not hex are skipped; PagerDuty's signatures, like the test vector, are lower-case hex); the HMAC-SHA256 of the raw body keyed with the subscription's secret as
text must equal one candidate. No timestamp is signed. The client's own test vector is included.
"""

from ._common import hex_mac, tampered, vector

PROVIDER = "pagerduty"
DOCS = [
    "https://github.com/PagerDuty/go-pagerduty/blob/main/webhookv3/webhookv3.go",
    "https://github.com/PagerDuty/go-pagerduty/blob/main/webhookv3/webhookv3_test.go",
    "https://developer.pagerduty.com/docs/ZG9jOjExMDI5NTkz-verifying-signatures",
]
MODEL = ("X-PagerDuty-Signature is a comma-separated list of v1=<lower-case hex "
         "HMAC-SHA256(secret as UTF-8, raw body)>; any v1 entry may match (one per secret while "
         "rotating); no timestamp is signed.")

SECRET = "hooksign-pagerduty-subscription-secret-0001"
HEADER = "X-PagerDuty-Signature"

# go-pagerduty's webhookv3_test.go: secret, body and signatures as published there.
SDK_SECRET = "lDQHScfUeXUKaQRNF+8XIiDKZ7XX3itBAYzwU0TARw8lJqRnkKl2iB1anSb0Z+IK"
SDK_BODY = ('{"event":{"id":"01BWDWL3NYY7LUFPZCC28QUCMK","event_type":"incident.priority_updated",'
            '"resource_type":"incident","occurred_at":"2021-04-26T17:36:27.458Z","agent":{'
            '"html_url":"https://acme.pagerduty.com/users/PLH1HKV","id":"PLH1HKV","self":'
            '"https://api.pagerduty.com/users/PLH1HKV","summary":"Tenex Engineer","type":'
            '"user_reference"},"client":null,"data":{"id":"PGR0VU2","type":"incident","self":'
            '"https://api.pagerduty.com/incidents/PGR0VU2","html_url":'
            '"https://acme.pagerduty.com/incidents/PGR0VU2","number":2,"status":"triggered",'
            '"title":"A little bump in the road","service":{"html_url":'
            '"https://acme.pagerduty.com/services/PF9KMXH","id":"PF9KMXH","self":'
            '"https://api.pagerduty.com/services/PF9KMXH","summary":"API Service","type":'
            '"service_reference"},"assignees":[{"html_url":'
            '"https://acme.pagerduty.com/users/PTUXL6G","id":"PTUXL6G","self":'
            '"https://api.pagerduty.com/users/PTUXL6G","summary":"User 123","type":'
            '"user_reference"}],"escalation_policy":{"html_url":'
            '"https://acme.pagerduty.com/escalation_policies/PUS0KTE","id":"PUS0KTE","self":'
            '"https://api.pagerduty.com/escalation_policies/PUS0KTE","summary":"Default","type":'
            '"escalation_policy_reference"},"teams":[{"html_url":'
            '"https://acme.pagerduty.com/teams/PFCVPS0","id":"PFCVPS0","self":'
            '"https://api.pagerduty.com/teams/PFCVPS0","summary":"Engineering","type":'
            '"team_reference"}],"priority":{"html_url":'
            '"https://acme.pagerduty.com/account/incident_priorities","id":"PSO75BM","self":'
            '"https://api.pagerduty.com/priorities/PSO75BM","summary":"P1","type":'
            '"priority_reference"},"urgency":"high","conference_bridge":{"conference_number":1000,'
            '"conference_url":"https://example.com"},"resolve_reason":null}}}')
SDK_VALID = "v1=0c0b9495b893a39e70d1fea2fe11fbe0a825f88b9f67846f6cc07dd2bc5476cd"
SDK_MISMATCH = "v1=7020c8a7ec668a9b7012bc3dd82e483394b038f4230acc6785efbf2a7d8bcaf5"
SDK_TEST = "https://github.com/PagerDuty/go-pagerduty/blob/main/webhookv3/webhookv3_test.go"


def v1(body, secret=SECRET):
    return "v1=" + hex_mac("sha256", secret, body)


def cases():
    compact = ('{"event":{"id":"01HV8XC2D3E4F5G6H7J8K9M0N1","event_type":"incident.triggered",'
               '"resource_type":"incident","occurred_at":"2023-11-14T22:13:20.000Z",'
               '"data":{"id":"PGR0VU2","type":"incident"}}}')
    unicode_body = ('{"event":{"id":"01HV8XD3E4F5G6H7J8K9M0N1P2","event_type":"incident.annotated",'
                    '"data":{"content":"Zoë: disque plein — 東京 🔥"}}}')
    old = "hooksign-pagerduty-old-secret-0000000000001"
    assert SDK_VALID == v1(SDK_BODY, SDK_SECRET), "the model reproduces the SDK's test vector"
    return [
        vector("sdk-test-valid", secret=SDK_SECRET, headers={HEADER: SDK_VALID}, body=SDK_BODY,
               expected="valid", reason=f"published: go-pagerduty's `valid` case ({SDK_TEST})"),
        vector("sdk-test-mismatch", secret=SDK_SECRET, headers={HEADER: SDK_MISMATCH},
               body=SDK_BODY, expected="invalid", error="signature_mismatch",
               reason=f"published: go-pagerduty's `mismatch` case ({SDK_TEST})"),
        vector("valid-compact", secret=SECRET, headers={HEADER: v1(compact)}, body=compact,
               expected="valid", reason="an incident.triggered event with one signature"),
        vector("valid-unicode", secret=SECRET, headers={HEADER: v1(unicode_body)},
               body=unicode_body, expected="valid",
               reason="a body with non-ASCII UTF-8: the HMAC is over the raw bytes"),
        vector("valid-two-signatures", secret=SECRET,
               headers={HEADER: v1(compact, old) + "," + v1(compact)}, body=compact,
               expected="valid",
               reason="during a secret rotation PagerDuty sends one v1 per secret: any may match"),
        vector("uppercase-hex", secret=SECRET,
               headers={HEADER: "v1=" + hex_mac("sha256", SECRET, compact).upper()},
               body=compact, expected="invalid", error="malformed_header",
               reason="upper-case hex is not what PagerDuty sends (its signatures, like the "
                      "client's test vector, are lower case), so it is not a valid delivery; "
                      "the Go client would still accept it, since it hex-decodes"),
        vector("valid-skips-non-hex-entry", secret=SECRET,
               headers={HEADER: "v1=not-hex," + v1(compact)}, body=compact, expected="valid",
               reason="the client skips a v1 entry that is not hex and checks the next one"),
        vector("tampered-body", secret=SECRET, headers={HEADER: v1(compact)},
               body=tampered(compact), expected="invalid", error="signature_mismatch",
               reason="one bit of the body changed after signing"),
        vector("wrong-secret", secret="hooksign-pagerduty-other-secret-00000000001",
               headers={HEADER: v1(compact)}, body=compact, expected="invalid",
               error="signature_mismatch", reason="verified with a secret that did not sign it"),
        vector("rotation", secret=[old, SECRET], headers={HEADER: v1(compact)}, body=compact,
               expected="valid", matched_secret_index=1,
               reason="the receiver holds the old and the new secret; the new one matches"),
        vector("missing-header", secret=SECRET, headers={"Content-Type": "application/json"},
               body=compact, expected="invalid", error="missing_header",
               reason="no X-PagerDuty-Signature header"),
        vector("no-v1-entry", secret=SECRET,
               headers={HEADER: "v2=" + hex_mac("sha256", SECRET, compact)}, body=compact,
               expected="invalid", error="no_signature",
               reason="no v1= entry at all: the client reports a malformed header (no "
                      "signature to check)"),
    ]
