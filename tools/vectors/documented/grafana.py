"""Grafana Alerting webhook contact point, default HMAC configuration:
`X-Grafana-Alerting-Signature: <hex HMAC-SHA256(secret, body)>`.

Model written from Grafana's documentation ("Configure webhook notifications", HMAC
signature) and its own source (grafana/alerting `http/hmac.go`, `HMACRoundTripper.sign`):
the contact point's HMAC secret, as text, keys an HMAC-SHA256; with no timestamp header
configured the signed content is the request body alone; the digest is written with Go's
`hex.EncodeToString` (lower case) into the configured header, `X-Grafana-Alerting-Signature`
by default. When a timestamp header *is* configured the content becomes
`{unix seconds}:{body}`: that is another configuration, not this provider's (one vector shows
such a delivery being refused here).
"""

from documented._common import hex_mac, tampered, vector

PROVIDER = "grafana"
DOCS = [
    "https://grafana.com/docs/grafana/latest/alerting/configure-notifications/manage-contact-points/integrations/webhook-notifier/",
    "https://github.com/grafana/alerting (http/hmac.go, HMACRoundTripper.sign; http/client.go)",
]
MODEL = ("X-Grafana-Alerting-Signature is the lower-case hex HMAC-SHA256 of the raw body keyed "
         "with the contact point's HMAC secret as text (no timestamp header configured).")

SECRET = "hooksign-grafana-hmac-secret-0001"
OTHER = "hooksign-grafana-hmac-secret-0000"

# Shaped like the docs' default payload (Go's encoding/json: compact, `&` escaped).
BODY = ('{"receiver":"My Super Webhook","status":"firing","orgId":1,"alerts":[{"status":'
        '"firing","labels":{"alertname":"High memory usage","team":"blue","zone":"us-1"},'
        '"annotations":{"description":"The system has high memory usage","summary":"This alert '
        'was triggered for zone us-1"},"startsAt":"2021-10-12T09:51:03.157076+02:00","endsAt":'
        '"0001-01-01T00:00:00Z","generatorURL":"https://play.grafana.org/alerting/1afz29v7z/edit",'
        '"fingerprint":"c6eadffa33fcdf37","silenceURL":"https://play.grafana.org/alerting/silence/'
        'new?alertmanager=grafana\\u0026matchers=alertname%3DT2","values":{"B":44.23943737541908,'
        '"C":1}}],"groupLabels":{},"commonLabels":{"team":"blue"},"commonAnnotations":{},'
        '"externalURL":"https://play.grafana.org/","version":"1","groupKey":"{}:{}",'
        '"truncatedAlerts":0,"title":"[FIRING:1]  (blue)","state":"alerting","message":"**Firing**"}')
UNICODE = ('{"receiver":"ops","status":"resolved","orgId":1,"alerts":[{"status":"resolved",'
           '"labels":{"alertname":"Température élevée","site":"Zürich"},"annotations":{"summary":'
           '"Café ✓ 日本語 🎉"},"fingerprint":"bc97ff14869b13e3"}],"version":"1",'
           '"groupKey":"{}:{alertname=\\"Température élevée\\"}","truncatedAlerts":0}')
COMPACT = '{"receiver":"ops","status":"firing","orgId":1,"alerts":[],"version":"1","groupKey":"{}:{}"}'


def sig(body, secret=SECRET):
    return hex_mac("sha256", secret, body)


def cases():
    ct = {"Content-Type": "application/json", "User-Agent": "Grafana"}
    h = "X-Grafana-Alerting-Signature"
    ts = "1700000000"
    return [
        vector("valid-json", secret=SECRET, body=BODY, expected="valid",
               headers={**ct, h: sig(BODY)}, reason="valid firing notification"),
        vector("valid-unicode", secret=SECRET, body=UNICODE, expected="valid",
               headers={**ct, h: sig(UNICODE)},
               reason="valid resolved notification whose body has non-ASCII UTF-8"),
        vector("valid-compact", secret=SECRET, body=COMPACT, expected="valid",
               headers={h: sig(COMPACT)}, reason="valid notification, short body (the "
                                                 "rustdoc example)"),
        vector("tampered-body", secret=SECRET, body=tampered(BODY), expected="invalid",
               error="signature_mismatch", headers={**ct, h: sig(BODY)},
               reason="body changed after signing"),
        vector("wrong-secret", secret=SECRET, body=BODY, expected="invalid",
               error="signature_mismatch", headers={**ct, h: sig(BODY, OTHER)},
               reason="signed with another HMAC secret"),
        vector("rotation", secret=[OTHER, SECRET], body=BODY, expected="valid",
               matched_secret_index=1, headers={**ct, h: sig(BODY)},
               reason="old and new HMAC secrets configured; the second matches"),
        vector("missing-signature", secret=SECRET, body=BODY, expected="invalid",
               error="missing_header", headers=ct,
               reason="no X-Grafana-Alerting-Signature header (HMAC not configured, or "
                      "another header name configured)"),
        vector("timestamp-configured-delivery", secret=SECRET, body=BODY, expected="invalid",
               error="signature_mismatch",
               headers={**ct, "X-Grafana-Alerting-Timestamp": ts,
                        h: hex_mac("sha256", SECRET, ts + ":" + BODY)},
               reason="a delivery from a contact point with a timestamp header configured: "
                      "Grafana signed '{timestamp}:{body}', which the default configuration "
                      "does not"),
        vector("uppercase-hex", secret=SECRET, body=BODY, expected="invalid",
               error="malformed_header", headers={**ct, h: sig(BODY).upper()},
               reason="correct digest in upper-case hex; Grafana writes lower case "
                      "(hex.EncodeToString)"),
        vector("sha256-prefix", secret=SECRET, body=BODY, expected="invalid",
               error="malformed_header", headers={**ct, h: "sha256=" + sig(BODY)},
               reason="digest behind a 'sha256=' prefix (Grafana sends bare hex)"),
    ]
