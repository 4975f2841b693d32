"""Persona: `Persona-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "{t}.{body}")>`; during a
secret rotation the header holds two space-separated `t=…,v1=…` sets, one per secret. A
receiver checks each set with its own `t`; the delivery is authentic when one matches. No
window is documented, so no timestamp is refused by default."""

from documented._common import hex_mac, tampered, vector

PROVIDER = "persona"
DOCS = ["https://docs.withpersona.com/webhooks-best-practices"]
MODEL = "Persona-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t.body)>, one set per secret, sets separated by a space."

SECRET = "wbhsec_hooksignPersonaSecret0001"
OLD = "wbhsec_hooksignPersonaSecret0000"
T = 1_700_000_000
BODY = ('{"data":{"type":"event","id":"evt_4b1f5a","attributes":{"name":"inquiry.completed",'
        '"payload":{"data":{"type":"inquiry","id":"inq_9CZ2xT"}},"created-at":"2023-11-14T22:13:20.000Z"}}}')
UNICODE = ('{"data":{"type":"event","id":"evt_5c2a6b","attributes":{"name":"inquiry.approved",'
           '"payload":{"data":{"attributes":{"name-first":"Zoë","name-last":"Ångström","note":"確認済み"}}}}}}')


def group(secret, body, t=T):
    return f"t={t},v1={hex_mac('sha256', secret, f'{t}.{body}')}"


def cases():
    return [
        vector("valid-one-group", secret=SECRET, headers={"Persona-Signature": group(SECRET, BODY)},
               body=BODY, expected="valid", timestamp=T, now=T + 5, reason="one set, signed with the webhook secret"),
        vector("valid-unicode", secret=SECRET, headers={"Persona-Signature": group(SECRET, UNICODE)},
               body=UNICODE, expected="valid", timestamp=T, now=T + 5, reason="a body with non-ASCII UTF-8"),
        vector("valid-rotation-second-group", secret=SECRET,
               headers={"Persona-Signature": f"{group(OLD, BODY, T + 1)} {group(SECRET, BODY)}"}, body=BODY,
               expected="valid", timestamp=T, now=T + 5,
               reason="rotation: two space-separated sets with their own t; the second is ours"),
        vector("valid-rotation-both-held", secret=[OLD, SECRET], matched_secret_index=0,
               headers={"Persona-Signature": f"{group(OLD, BODY)} {group(SECRET, BODY)}"}, body=BODY,
               expected="valid", timestamp=T, now=T + 5, reason="both secrets held: the first set matches the first"),
        vector("valid-old-timestamp", secret=SECRET, headers={"Persona-Signature": group(SECRET, BODY)},
               body=BODY, expected="valid", timestamp=T, now=T + 86_400,
               reason="a day old: no window is documented, so none is applied by default"),
        vector("tampered-body", secret=SECRET, headers={"Persona-Signature": group(SECRET, BODY)},
               body=tampered(BODY), expected="invalid", error="signature_mismatch", timestamp=T, now=T,
               reason="one bit of the body flipped"),
        vector("tampered-timestamp", secret=SECRET,
               headers={"Persona-Signature": group(SECRET, BODY).replace(f"t={T}", f"t={T + 1}")}, body=BODY,
               expected="invalid", error="signature_mismatch", timestamp=T + 1, now=T + 1,
               reason="t changed, v1 kept: t is signed"),
        vector("wrong-secret", secret="wbhsec_notTheSecret", headers={"Persona-Signature": group(SECRET, BODY)},
               body=BODY, expected="invalid", error="signature_mismatch", timestamp=T, now=T,
               reason="another secret"),
        vector("upper-case-hex", secret=SECRET,
               headers={"Persona-Signature": f"t={T},v1={hex_mac('sha256', SECRET, f'{T}.{BODY}').upper()}"},
               body=BODY, expected="invalid", error="malformed_header", timestamp=T, now=T,
               reason="the documented sample compares the lower-case hexdigest with =="),
        vector("missing-header", secret=SECRET, headers={}, body=BODY, expected="invalid",
               error="missing_header", timestamp=T, now=T, reason="no Persona-Signature"),
    ]
