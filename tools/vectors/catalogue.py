"""Generate SDK-verdict test vectors for catalogue providers whose reference SDK is on PyPI.

    gocardless -> tests/vectors/gocardless.json  (PyPI `gocardless_pro`, cross-checked with npm
                                                  `gocardless-nodejs`)
    line       -> tests/vectors/line.json        (PyPI `line-bot-sdk`, cross-checked with npm
                                                  `@line/bot-sdk`)

The npm SDK's verdicts come from `node catalogue.mjs --oracle <provider>`.

    /tmp/catvenv/bin/python catalogue.py   (needs requirements-catalogue.txt, node and node_modules;
                                            not run by CI)

Every `expected` is what the PyPI SDK's verify function returned for the delivery;
`sdk_verdict` quotes it and the npm SDK's verdict on the same bytes (the npm SDKs of both
decode the received signature leniently, so they accept more spellings; where the two
disagree, `expected` follows the PyPI SDK, which compares the text exactly). Neither PyPI SDK
exports a signer: signatures are the HMAC expression its verifier compares
(`hmac.new(secret, body, sha256)`, hex or base64), and every one is then judged by the SDK.
Nothing here runs hooksign.
"""

import base64
import hashlib
import hmac
import json
import os
import subprocess
from importlib.metadata import version

from gocardless_pro import webhooks
from gocardless_pro.errors import InvalidSignatureError

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SOURCE = "tools/vectors/catalogue.py"
KEY_ORDER = [
    "id", "provider", "scheme", "secret", "secret_encoding", "timestamp", "now",
    "tolerance_seconds", "headers", "header_pairs", "body", "body_base64", "expected",
    "error", "matched_secret_index", "reason", "sdk_verdict", "generator", "source",
]
NOTES = []


def node_verdicts(provider, cases):
    out = subprocess.run(
        ["node", os.path.join(HERE, "catalogue.mjs"), "--oracle", provider],
        input=json.dumps(cases), capture_output=True, text=True, check=True, cwd=HERE,
    )
    return json.loads(out.stdout)


def judge(provider, header, pending, verdict, py_name, node_name, generator_text):
    """The vectors of `pending`: each judged by the PyPI SDK (`verdict`, whose verdict is
    `expected`) and by the npm SDK through `node catalogue.mjs --oracle <provider>`."""
    cases, index = [], []
    for p in pending:
        secrets = p["secret"] if isinstance(p["secret"], list) else [p["secret"]]
        sig = p["headers"].get(header)
        index.append([])
        for sec in secrets:
            if sig is not None:
                index[-1].append(len(cases))
                cases.append({"secret": sec, "body": p["body"], "signature": sig})
            else:
                index[-1].append(None)
    oracle = node_verdicts(provider, cases)
    nv = oracle["version"]
    vectors, seen = [], set()
    for p, idx in zip(pending, index):
        secrets = p["secret"] if isinstance(p["secret"], list) else [p["secret"]]
        sig = p["headers"].get(header)
        res = [verdict(sec, p["body"], sig) for sec in secrets]
        node = [oracle["verdicts"][i] if i is not None else {"ok": False, "said": "no header to pass"} for i in idx]
        v = {
            "id": f"{provider}-{p['id']}", "provider": provider, "scheme": provider,
            "secret": p["secret"], "secret_encoding": "utf8", "timestamp": None, "now": None,
            "tolerance_seconds": None, "headers": p["headers"], "body": p["body"],
        }
        if isinstance(p["secret"], list):
            hit = next((k for k, r in enumerate(res) if r[0]), None)
            v["expected"] = "valid" if hit is not None else "invalid"
            if hit is not None:
                v["matched_secret_index"] = hit
            said = "no multi-secret verify in the SDK: valid iff the SDK accepts with one secret of the set. " + "; ".join(
                f"secret[{k}]: {r[1]}" for k, r in enumerate(res))
        else:
            v["expected"] = "valid" if res[0][0] else "invalid"
            said = res[0][1]
        node_ok = any(n["ok"] for n in node)
        node_said = "; ".join(n["said"] for n in node)
        agree = node_ok == (v["expected"] == "valid")
        v["sdk_verdict"] = f"{py_name} {said}. {node_name}@{nv}: {node_said}" + (
            "" if agree else f" (the two SDKs disagree; expected follows {py_name})")
        if v["expected"] == "invalid":
            v["error"] = p["err"]
        v["reason"] = p["reason"]
        v["generator"] = generator_text(nv)
        v["source"] = SOURCE
        if p["expect"] and p["expect"] != v["expected"]:
            NOTES.append(f"{v['id']}: anticipated {p['expect']}, SDK said {v['expected']}")
        if not agree:
            NOTES.append(f"{v['id']}: {py_name} and {node_name} disagree")
        assert v["id"] not in seen
        seen.add(v["id"])
        vectors.append({k: v[k] for k in KEY_ORDER if k in v})
    return vectors


def write(provider, vectors):
    path = os.path.join(REPO, "tests", "vectors", f"{provider}.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(vectors, f, indent=1, ensure_ascii=False)
        f.write("\n")
    valid = sum(v["expected"] == "valid" for v in vectors)
    print(f"{provider}: {len(vectors)} vectors ({valid} valid, {len(vectors) - valid} invalid) -> {path}")


def gen_gocardless():
    pv = version("gocardless_pro")
    header = "Webhook-Signature"
    s = "hooksign-gocardless-webhook-endpoint-secret-0001"
    sb = "hooksign-gocardless-webhook-endpoint-secret-0002"
    sw = "hooksign-gocardless-webhook-endpoint-secret-0009"

    def sign(body, secret=s):
        return hmac.new(secret.encode(), body.encode(), hashlib.sha256).hexdigest()

    def verdict(secret, body, sig):
        if sig is None:
            return False, "no Webhook-Signature header: nothing to pass to webhooks.parse"
        try:
            events = webhooks.parse(body, secret, sig)
            return True, f"webhooks.parse(body, secret, header value) returned {len(events)} event(s)"
        except InvalidSignatureError:
            return False, "webhooks.parse raised InvalidSignatureError"
        except Exception as e:  # noqa: BLE001 - the SDK's verdict, whatever it raises
            return False, f"webhooks.parse raised {type(e).__name__}: {e}"

    pending = []

    def vec(id, body, headers, reason, secret=s, err=None, expect=None):
        pending.append(dict(id=id, body=body, headers=headers, reason=reason, secret=secret, err=err, expect=expect))

    j = ('{"events":[{"id":"EV0123ABCD4567","created_at":"2023-11-14T22:13:20.000Z","action":"confirmed",'
         '"resource_type":"payments","links":{"payment":"PM0012ABCD34EF","organisation":"OR0001ABCD23"},'
         '"details":{"origin":"gocardless","cause":"payment_confirmed","description":"Enough time has passed since the payment was submitted for the banks to return an error, so this payment is now confirmed."}}],'
         '"meta":{"webhook_id":"WB0001XYZ2345"}}')
    u = ('{"events":[{"id":"EV0456EFGH7890","created_at":"2023-11-14T22:13:21.000Z","action":"created",'
         '"resource_type":"customers","links":{"customer":"CU0001ABCD23"},'
         '"details":{"origin":"api","cause":"customer_created","description":"Client « Zoë Ångström » créé ✓ 日本語 🎉"}}],'
         '"meta":{"webhook_id":"WB0002XYZ6789"}}')
    c = '{"events":[{"id":"EV0123ABCD4567","action":"confirmed","resource_type":"payments"}],"meta":{"webhook_id":"WB0001XYZ2345"}}'
    meta = {"Content-Type": "application/json", "Origin": "https://api.gocardless.com"}
    good = sign(j)

    vec("valid-json", j, {**meta, header: good}, "valid payments/confirmed webhook, shaped as GoCardless documents it", expect="valid")
    vec("valid-unicode", u, {**meta, header: sign(u)}, "valid customers/created webhook whose body has non-ASCII UTF-8 (accents, guillemets, CJK, emoji)", expect="valid")
    vec("valid-compact", c, {header: sign(c)}, "valid webhook, short body (the rustdoc example)", expect="valid")
    vec("valid-trailing-newline", j + "\n", {header: sign(j + "\n")}, "valid webhook, body ending in a newline (the newline is signed)", expect="valid")
    vec("tampered-body", j.replace('"action":"confirmed"', '"action":"confirmeD"'), {**meta, header: good}, "one byte of the body changed (confirmed -> confirmeD)", err="signature_mismatch", expect="invalid")
    vec("wrong-secret", j, {**meta, header: sign(j, sw)}, "signed with another webhook endpoint's secret", err="signature_mismatch", expect="invalid")
    vec("uppercase-hex", j, {**meta, header: good.upper()}, "correct digest in upper-case hex: gocardless_pro compares hex strings and rejects it; gocardless-nodejs decodes the hex and accepts it", err="malformed_header", expect="invalid")
    vec("trailing-junk", j, {**meta, header: good + "zz"}, "correct digest followed by 'zz': gocardless_pro rejects it; gocardless-nodejs's Buffer.from(sig, 'hex') stops at the first non-hex character and accepts it", err="malformed_header", expect="invalid")
    vec("sha256-prefix", j, {**meta, header: "sha256=" + good}, "digest behind a 'sha256=' prefix (GoCardless sends bare hex)", err="malformed_header", expect="invalid")
    vec("truncated", j, {**meta, header: good[:-2]}, "signature missing its last two hex chars", err="malformed_header", expect="invalid")
    vec("empty-signature", j, {**meta, header: ""}, "Webhook-Signature present but empty", err="malformed_header", expect="invalid")
    vec("missing-header", j, dict(meta), "no Webhook-Signature header", err="missing_header", expect="invalid")
    vec("rotation-second-of-two", j, {**meta, header: sign(j, sb)}, "verifier holds [new, old] endpoint secrets; signed with the 2nd", secret=[s, sb], err="signature_mismatch", expect="valid")
    vec("rotation-none-matches", j, {**meta, header: sign(j, sw)}, "verifier holds two secrets; signed with neither", secret=[s, sb], err="signature_mismatch", expect="invalid")

    vectors = judge(
        "gocardless", header, pending, verdict, "gocardless_pro", "gocardless-nodejs",
        lambda nv: (f"gocardless_pro@{pv} (webhooks.parse -> _verify_signature, gocardless_pro/webhooks.py, to verify; "
                    "signatures made with hmac.new(secret, body, sha256).hexdigest(), the expression it compares with "
                    f"hmac.compare_digest); cross-checked with gocardless-nodejs@{nv} verifySignature (cjs/webhooks.js)"),
    )
    write("gocardless", vectors)


def gen_line():
    from linebot.v3 import WebhookParser
    from linebot.v3.webhook import SignatureValidator
    from linebot.v3.exceptions import InvalidSignatureError as LineInvalidSignature

    pv = version("line-bot-sdk")
    header = "x-line-signature"
    s = "8c570fa6dd201bb328f1c1eac23a96d8"
    sb = "0f4c6e2a9b8d7c1e3f5a7b9c2d4e6f80"
    sw = "ffffffffffffffffffffffffffffffff"

    def sign(body, secret=s):
        return base64.b64encode(hmac.new(secret.encode(), body.encode(), hashlib.sha256).digest()).decode()

    def verdict(secret, body, sig):
        if sig is None:
            return False, "no x-line-signature header: nothing to pass to SignatureValidator.validate"
        ok = SignatureValidator(secret).validate(body, sig)
        try:
            WebhookParser(secret).parse(body, sig)
            parsed = "WebhookParser.parse returned"
        except LineInvalidSignature:
            parsed = "WebhookParser.parse raised InvalidSignatureError"
        except Exception as e:  # noqa: BLE001 - recorded, not judged
            parsed = f"WebhookParser.parse raised {type(e).__name__}"
        return ok, f"SignatureValidator(secret).validate(body, header value) returned {ok}; {parsed}"

    pending = []

    def vec(id, body, headers, reason, secret=s, err=None, expect=None):
        pending.append(dict(id=id, body=body, headers=headers, reason=reason, secret=secret, err=err, expect=expect))

    j = ('{"destination":"U0123456789abcdef0123456789abcdef","events":[{"type":"message","message":{"type":"text","id":"468789577898262530","quoteToken":"q3Plxr4AgKd","text":"Hello, world"},'
         '"webhookEventId":"01H810YECXQQZ37VAXPF6H9E6T","deliveryContext":{"isRedelivery":false},"timestamp":1692251666727,"source":{"type":"user","userId":"U4af4980629aaaaaaaaaaaaaaaaaaaaaa"},'
         '"replyToken":"38ef843bde154d9b91c21320ffd17a0f","mode":"active"}]}')
    u = ('{"destination":"U0123456789abcdef0123456789abcdef","events":[{"type":"message","message":{"type":"text","id":"468789577898262531","quoteToken":"q3Plxr4AgKe","text":"こんにちは、世界 🎉 Zoë"},'
         '"webhookEventId":"01H810YECXQQZ37VAXPF6H9E6V","deliveryContext":{"isRedelivery":true},"timestamp":1692251666728,"source":{"type":"user","userId":"U4af4980629aaaaaaaaaaaaaaaaaaaaaa"},'
         '"replyToken":"38ef843bde154d9b91c21320ffd17a0e","mode":"active"}]}')
    c = '{"destination":"U0123456789abcdef0123456789abcdef","events":[]}'
    meta = {"Content-Type": "application/json; charset=utf-8"}
    good = sign(j)
    raw = base64.b64decode(good)

    vec("valid-json", j, {**meta, header: good}, "valid text message event", expect="valid")
    vec("valid-unicode", u, {**meta, header: sign(u)}, "valid redelivered message event whose body has non-ASCII UTF-8 (Japanese, emoji, accents)", expect="valid")
    vec("valid-empty-events", c, {header: sign(c)}, "valid webhook with no events (what LINE sends to check the webhook URL; the rustdoc example)", expect="valid")
    vec("tampered-body", j.replace("Hello, world", "Hello, World"), {**meta, header: good}, "one byte of the body changed (world -> World)", err="signature_mismatch", expect="invalid")
    vec("wrong-secret", j, {**meta, header: sign(j, sw)}, "signed with another channel secret", err="signature_mismatch", expect="invalid")
    vec("unpadded-base64", j, {**meta, header: good.rstrip("=")}, "correct digest in base64 without its '=' padding: line-bot-sdk compares the padded text and rejects it; @line/bot-sdk decodes leniently and accepts it", err="malformed_header", expect="invalid")
    vec("base64url", j, {**meta, header: base64.urlsafe_b64encode(raw).decode()}, "correct digest in URL-safe base64: line-bot-sdk rejects it; Node's base64 decoder also reads '-' and '_', so @line/bot-sdk accepts it", err="malformed_header", expect="invalid")
    vec("hex-digest", j, {**meta, header: raw.hex()}, "correct digest as hex instead of base64", err="malformed_header", expect="invalid")
    vec("truncated", j, {**meta, header: good[:-4]}, "signature missing its last four base64 chars", err="malformed_header", expect="invalid")
    vec("empty-signature", j, {**meta, header: ""}, "x-line-signature present but empty", err="malformed_header", expect="invalid")
    vec("missing-header", j, dict(meta), "no x-line-signature header", err="missing_header", expect="invalid")
    vec("rotation-second-of-two", j, {**meta, header: sign(j, sb)}, "verifier holds [new, old] channel secrets; signed with the 2nd", secret=[s, sb], err="signature_mismatch", expect="valid")
    vec("rotation-none-matches", j, {**meta, header: sign(j, sw)}, "verifier holds two secrets; signed with neither", secret=[s, sb], err="signature_mismatch", expect="invalid")

    vectors = judge(
        "line", header, pending, verdict, "line-bot-sdk", "@line/bot-sdk",
        lambda nv: (f"line-bot-sdk@{pv} (linebot.v3.webhook.SignatureValidator.validate, used by WebhookParser.parse, to verify; "
                    "signatures made with base64.b64encode(hmac.new(secret, body, sha256).digest()), the text it compares with "
                    f"compare_digest); cross-checked with @line/bot-sdk@{nv} validateSignature (dist/validate-signature.js)"),
    )
    write("line", vectors)


if __name__ == "__main__":
    gen_gocardless()
    gen_line()
    for n in NOTES:
        print("note:", n)
