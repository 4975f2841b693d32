#!/usr/bin/env python3
"""Generate SDK-verdict test vectors for Stripe, Slack, Standard Webhooks and Svix.

Every signature below is produced by the official SDK's own signer, and every
`expected` verdict is what the official SDK's verify function returned. Nothing
here computes an HMAC by hand.

Stripe vectors are additionally cross-checked with stripe-node (npm), through
`node gen.mjs --stripe-oracle` (see README.md).

Output: merges this script's vectors into tests/vectors/sdk.json (vectors
whose "source" is another script are kept as they are).
"""

import json
import os
import subprocess
import sys
import types
from datetime import datetime, timezone
from importlib.metadata import version

import slack_sdk.signature as slack_signature
import standardwebhooks.webhooks as stdwh_module
import stripe
import stripe._webhook as stripe_webhook_module
import svix.webhooks as svix_module
from standardwebhooks.webhooks import Webhook as StdWebhook
from stripe import SignatureVerificationError, Webhook as StripeWebhook, WebhookSignature

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(REPO, "tests", "vectors", "sdk.json")
SOURCE = "tools/vectors/gen.py"

V_STRIPE = version("stripe")
V_SLACK = version("slack_sdk")
V_STDWH = version("standardwebhooks")
V_SVIX = version("svix")

PROVIDER_ORDER = ["github", "stripe", "slack", "shopify", "standard-webhooks", "svix"]
KEY_ORDER = [
    "id", "provider", "scheme", "secret", "secret_encoding", "timestamp", "now",
    "tolerance_seconds", "headers", "header_pairs", "body", "body_base64", "expected",
    "error", "matched_secret_index", "reason", "sdk_verdict", "generator", "source",
]

VECTORS = []
SURPRISES = []


def emit(v):
    """Append a vector after checking the invariants of the file format."""
    assert v["expected"] in ("valid", "invalid"), v
    if v["expected"] == "invalid":
        assert v.get("error"), f"{v['id']}: invalid without an error kind"
    else:
        v.pop("error", None)
    if not (isinstance(v["secret"], list) and v["expected"] == "valid"):
        v.pop("matched_secret_index", None)
    assert ("headers" in v) != ("header_pairs" in v), v["id"]
    assert all(x["id"] != v["id"] for x in VECTORS), f"duplicate id {v['id']}"
    VECTORS.append({k: v[k] for k in KEY_ORDER if k in v})


def note_surprise(vid, anticipated, got):
    if anticipated is not None and anticipated != got:
        SURPRISES.append(f"{vid}: anticipated {anticipated}, SDK said {got}")


# ---------------------------------------------------------------------------
# Shared bodies
# ---------------------------------------------------------------------------

def large_body():
    items = [
        {"id": f"item_{i:04d}", "qty": i % 7, "note": "lorem ipsum dolor sit amet"}
        for i in range(60)
    ]
    return json.dumps({"object": "event", "items": items}, separators=(",", ":"))


BODIES = {
    "json": '{"id":"evt_1","object":"event","type":"test.event"}',
    "empty": "",
    "unicode": '{"msg":"h\u00e9llo w\u00f6rld \u2713 \u65e5\u672c\u8a9e \U0001F389"}',
    "trailing-newline": '{"id":"evt_2","object":"event"}\n',
    "crlf": '{"id":"evt_3",\r\n"object":"event"}\r\n',
    "large": large_body(),
}
BODY_REASON = {
    "json": "compact JSON body",
    "empty": "empty body",
    "unicode": "body with non-ASCII UTF-8 (accents, CJK, emoji)",
    "trailing-newline": "body ending in a newline (the newline is signed)",
    "crlf": "body with CRLF line endings (signed as is)",
    "large": f"body of {len(large_body())} bytes",
}


def tamper(body):
    """Change one byte of a non-empty ASCII-start body."""
    c = body[1]
    return body[0] + ("X" if c != "X" else "Y") + body[2:]


def flip_hex_char(h):
    return h[:-1] + ("0" if h[-1] != "0" else "1")


# ---------------------------------------------------------------------------
# Stripe
# ---------------------------------------------------------------------------

STRIPE_SECRET = "whsec_hooksignStripeTestSecret0001"
STRIPE_SECRET_B = "whsec_hooksignStripeTestSecret0002"
STRIPE_SECRET_C = "whsec_hooksignStripeTestSecret0003"
STRIPE_WRONG = "whsec_hooksignStripeTestSecret0009"
ST_T = 1700000000
ST_NOW = ST_T + 30


def stripe_header(body, secret, ts):
    """stripe-python's own signer: 't=<ts>,v1=<hex>'."""
    return WebhookSignature.generate_signature_header(body, secret, timestamp=ts)


def stripe_v1(body, secret, ts):
    h = stripe_header(body, secret, ts)
    parts = dict(p.split("=", 1) for p in h.split(","))
    return parts["v1"]


def stripe_verify_py(body, header, secret, now):
    """stripe-python WebhookSignature.verify_header (the check inside Webhook.construct_event),
    with the default tolerance and time.time() pinned to `now`."""
    saved = stripe_webhook_module.time
    stripe_webhook_module.time = types.SimpleNamespace(time=lambda: float(now))
    try:
        WebhookSignature.verify_header(body, header, secret, StripeWebhook.DEFAULT_TOLERANCE)
        return True, "verify_header returned True"
    except SignatureVerificationError as e:
        return False, f"SignatureVerificationError: {e.user_message}"
    except Exception as e:  # noqa: BLE001 - record whatever the SDK raised
        return False, f"{type(e).__module__}.{type(e).__name__}: {e}" if type(e).__module__ != "builtins" else f"{type(e).__name__}: {e}"
    finally:
        stripe_webhook_module.time = saved


def stripe_verify_node(cases):
    """Ask stripe-node (via gen.mjs --stripe-oracle) for its verdicts."""
    req = [
        {"payload": c["body"], "header": c["header"], "secret": c["verify_secret"], "now": c["now"]}
        for c in cases
    ]
    p = subprocess.run(
        ["node", os.path.join(HERE, "gen.mjs"), "--stripe-oracle"],
        input=json.dumps(req), capture_output=True, text=True, cwd=HERE, check=True,
    )
    res = json.loads(p.stdout)
    return res["version"], res["verdicts"]


def gen_stripe():
    cases = []

    def case(cid, body, header, reason, err=None, secret=STRIPE_SECRET, ts=ST_T, now=ST_NOW,
             anticipate=None, strict=False, verify_secret=None, matched=None, pairs=None,
             policy=None):
        cases.append(dict(
            id=f"stripe-{cid}", body=body, header=header, reason=reason, err=err, secret=secret,
            ts=ts, now=now, anticipate=anticipate, strict=strict,
            verify_secret=verify_secret or (secret if isinstance(secret, str) else None),
            matched=matched, pairs=pairs, policy=policy,
        ))

    J = BODIES["json"]
    good = stripe_v1(J, STRIPE_SECRET, ST_T)
    other_b = stripe_v1(J, STRIPE_SECRET_B, ST_T)
    other_c = stripe_v1(J, STRIPE_SECRET_C, ST_T)

    for name, body in BODIES.items():
        case(f"valid-{name}", body, stripe_header(body, STRIPE_SECRET, ST_T),
             f"valid delivery, {BODY_REASON[name]}", anticipate="valid")

    case("tampered-body", tamper(J), stripe_header(J, STRIPE_SECRET, ST_T),
         "signature of the original body, one byte of the body changed", "signature_mismatch",
         anticipate="invalid")
    case("wrong-secret", J, stripe_header(J, STRIPE_WRONG, ST_T),
         "signed with a different endpoint secret", "signature_mismatch", anticipate="invalid")
    case("uppercase-hex", J, f"t={ST_T},v1={good.upper()}",
         "correct v1 in upper-case hex; the SDK compares lower-case strings", "malformed_header",
         anticipate="invalid")
    case("truncated-v1", J, f"t={ST_T},v1={good[:32]}",
         "v1 truncated to 32 hex chars", "malformed_header", anticipate="invalid")
    case("empty-v1", J, f"t={ST_T},v1=",
         "v1 with an empty value", "malformed_header", anticipate="invalid")
    case("non-hex-v1", J, f"t={ST_T},v1={'z' * 64}",
         "v1 of the right length but not hex", "malformed_header", anticipate="invalid")
    case("missing-header", J, None, "no Stripe-Signature header", "missing_header",
         anticipate="invalid")
    case("missing-t", J, f"v1={good}", "header without t=", "malformed_header",
         anticipate="invalid")
    case("non-numeric-t", J, f"t=abc,v1={good}", "t is not a number", "malformed_header",
         anticipate="invalid")
    case("t-with-junk-suffix", J, f"t={ST_T}abc,v1={good}",
         "t has junk after the digits ('1700000000abc'); v1 signed over the digits",
         "malformed_header", anticipate="invalid", strict=True)
    case("t-leading-zero", J, f"t=0{ST_T},v1={good}",
         "t written with a leading zero; both SDKs parse it to an integer and sign "
         "'<int>.<body>', so a signature over the plain number matches (SDK leniency)",
         anticipate="valid")
    case("only-v0", J, f"t={ST_T},v0={good}",
         "only a v0 (test-mode fake scheme) element, even though it holds the right hex",
         "no_signature", anticipate="invalid")
    case("v1-and-v0", J, f"t={ST_T},v1={good},v0={'6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39'}",
         "v1 plus a v0 element (as in test mode); only v1 is checked", anticipate="valid")
    case("v0-matching-v1-wrong", J, f"t={ST_T},v1={other_b},v0={good}",
         "the right hex sits in v0, v1 is wrong: v0 must be ignored (no downgrade)",
         "signature_mismatch", anticipate="invalid")
    case("unknown-schemes-mixed", J, f"t={ST_T},v2=abcdef,v1={good},foo=bar,v1a=00",
         "unknown schemes (v2, foo, v1a) around a good v1 are ignored", anticipate="valid")
    case("multi-v1-first", J, f"t={ST_T},v1={good},v1={other_b},v1={other_c}",
         "three v1 (secret roll on Stripe's side), matching one first", anticipate="valid")
    case("multi-v1-middle", J, f"t={ST_T},v1={other_b},v1={good},v1={other_c}",
         "three v1, matching one in the middle", anticipate="valid")
    case("multi-v1-last", J, f"t={ST_T},v1={other_b},v1={other_c},v1={good}",
         "three v1, matching one last", anticipate="valid")
    case("multi-v1-none", J, f"t={ST_T},v1={other_b},v1={other_c}",
         "two well-formed v1, neither made with the verifier's secret", "signature_mismatch",
         anticipate="invalid")
    case("space-after-comma", J, f"t={ST_T}, v1={good}",
         "space after the comma: the key becomes ' v1', which is not the v1 scheme",
         "no_signature", anticipate="invalid")
    case("space-before-t", J, f"v1={good}, t={ST_T}",
         "space after the comma before t: the key becomes ' t', so there is no t",
         "malformed_header", anticipate="invalid")
    case("repeated-t-identical", J, f"t={ST_T},t={ST_T},v1={good}",
         "t repeated with the same value", anticipate="valid")
    case("repeated-t-signed-first", J, f"t={ST_T},t={ST_T + 5},v1={good}",
         "t repeated with different values, v1 signed over the first t",
         "malformed_header", anticipate="invalid", strict=True)
    case("repeated-t-signed-last", J, f"t={ST_T - 5},t={ST_T},v1={good}",
         "t repeated with different values, v1 signed over the last t",
         "malformed_header", anticipate="invalid", strict=True)
    case("t-differs-from-signed", J, f"t={ST_T + 1},v1={good}",
         "t changed after signing (v1 was computed over another t)", "signature_mismatch",
         anticipate="invalid")

    # tolerance (default 300 s)
    for label, now, err, ant in [
        ("age-300", ST_T + 300, None, "valid"),
        ("age-301", ST_T + 301, "timestamp_too_old", "invalid"),
        ("age-one-day", ST_T + 86400, "timestamp_too_old", "invalid"),
        ("future-300", ST_T - 300, None, "valid"),
        ("future-301", ST_T - 301, "timestamp_too_new", None),
        ("future-one-year", ST_T - 31536000, "timestamp_too_new", None),
    ]:
        d = now - ST_T
        case(f"tolerance-{label}", J, stripe_header(J, STRIPE_SECRET, ST_T),
             f"now - t = {d} s with the SDK default tolerance 300", err, now=now, anticipate=ant)

    # rotation on the receiver side (secret set)
    case("rotation-second-of-two", J, stripe_header(J, STRIPE_SECRET_B, ST_T),
         "verifier holds [old, new]; delivery signed with the 2nd",
         "signature_mismatch", secret=[STRIPE_SECRET, STRIPE_SECRET_B], verify_secret=STRIPE_SECRET_B,
         matched=1, anticipate="valid")
    case("rotation-third-of-three", J, stripe_header(J, STRIPE_SECRET_C, ST_T),
         "verifier holds three secrets; delivery signed with the 3rd",
         "signature_mismatch", secret=[STRIPE_SECRET, STRIPE_SECRET_B, STRIPE_SECRET_C],
         verify_secret=STRIPE_SECRET_C, matched=2, anticipate="valid")
    case("rotation-none-matches", J, stripe_header(J, STRIPE_WRONG, ST_T),
         "verifier holds two secrets; delivery signed with neither",
         "signature_mismatch", secret=[STRIPE_SECRET, STRIPE_SECRET_B], verify_secret=None,
         anticipate="invalid")
    # repeated header (policy)
    case("repeated-header-different", J, None,
         "Stripe-Signature sent twice with different values (one valid, one with a wrong v1)",
         "malformed_header", anticipate="invalid",
         pairs=[["Stripe-Signature", stripe_header(J, STRIPE_SECRET, ST_T)],
                ["Stripe-Signature", stripe_header(J, STRIPE_WRONG, ST_T)]],
         policy=True)

    # --- run stripe-python on every case (for a secret set: each secret alone) ---
    def py_set_verdict(c, header):
        if isinstance(c["secret"], list):
            results = [stripe_verify_py(c["body"], header, s, c["now"]) for s in c["secret"]]
            oks = [i for i, (ok, _) in enumerate(results) if ok]
            text = "; ".join(f"secret[{i}]: {'valid' if ok else msg}" for i, (ok, msg) in enumerate(results))
            return bool(oks), (oks[0] if oks else None), text
        ok, msg = stripe_verify_py(c["body"], header, c["secret"], c["now"])
        return ok, None, msg

    node_cases = []
    for c in cases:
        if c["pairs"]:
            for _, val in c["pairs"]:
                node_cases.append(dict(c, header=val, verify_secret=c["secret"]))
        elif isinstance(c["secret"], list):
            for s in c["secret"]:
                node_cases.append(dict(c, verify_secret=s))
        else:
            node_cases.append(c)
    node_version, node_verdicts = stripe_verify_node(node_cases)
    it = iter(node_verdicts)

    gen_name = (f"stripe@{V_STRIPE} (PyPI; WebhookSignature.generate_signature_header to sign, "
                f"WebhookSignature.verify_header with Webhook.DEFAULT_TOLERANCE to verify, time.time pinned); "
                f"cross-checked with stripe@{node_version} (npm; webhooks.signature.verifyHeader, tolerance 300, receivedAt)")

    for c in cases:
        v = dict(id=c["id"], provider="stripe", scheme="stripe-v1", secret=c["secret"],
                 secret_encoding="utf8", timestamp=c["ts"], now=c["now"],
                 tolerance_seconds=StripeWebhook.DEFAULT_TOLERANCE, body=c["body"],
                 reason=c["reason"], generator=gen_name, source=SOURCE)
        if c["pairs"]:
            v["header_pairs"] = c["pairs"]
            parts = []
            for i, (_, val) in enumerate(c["pairs"]):
                ok, msg = stripe_verify_py(c["body"], val, c["secret"], c["now"])
                nok, nmsg = next(it)
                parts.append(f"value {i + 1} alone: python {'valid' if ok else msg}; node {'valid' if nok else nmsg}")
            v["expected"] = "invalid"
            v["error"] = c["err"]
            v["sdk_verdict"] = "policy, not SDK (the SDK takes one header string). " + " | ".join(parts)
            emit(v)
            continue
        v["headers"] = {} if c["header"] is None else {"Stripe-Signature": c["header"]}
        ok, matched, pmsg = py_set_verdict(c, c["header"])
        if isinstance(c["secret"], list):
            nres = [next(it) for _ in c["secret"]]
            nok = any(r[0] for r in nres)
            nmsg = "; ".join(f"secret[{i}]: {'valid' if r[0] else r[1]}" for i, r in enumerate(nres))
            prefix = ("no multi-secret verify in the SDK: valid iff the SDK accepts with one secret of the set. ")
        else:
            nok, nmsg = next(it)
            prefix = ""
        verdict = f"{prefix}stripe-python: {'valid' if ok and not isinstance(c['secret'], list) else pmsg}"
        verdict += f" | stripe-node: {'valid' if nok and not isinstance(c['secret'], list) else nmsg}"
        if ok == nok:
            final = ok
        else:
            SURPRISES.append(f"{c['id']}: stripe-python {'valid' if ok else 'invalid'}, stripe-node {'valid' if nok else 'invalid'}")
            if c["strict"]:
                final = False
                verdict += " | the two SDKs disagree; expected follows the one that rejects"
            else:
                final = ok
                verdict += " | the two SDKs disagree; expected follows stripe-python"
        v["expected"] = "valid" if final else "invalid"
        v["error"] = c["err"]
        if final and matched is not None:
            v["matched_secret_index"] = matched
        v["sdk_verdict"] = verdict
        note_surprise(c["id"], c["anticipate"], v["expected"])
        if v["expected"] == "invalid" and not c["err"]:
            raise SystemExit(f"{c['id']}: SDK rejected but no error kind given: {verdict}")
        emit(v)


# ---------------------------------------------------------------------------
# Slack
# ---------------------------------------------------------------------------

SLACK_SECRET = "hooksign0slack0signing0secret001"
SLACK_SECRET_B = "hooksign0slack0signing0secret002"
SLACK_SECRET_C = "hooksign0slack0signing0secret003"
SLACK_WRONG = "hooksign0slack0signing0secret009"
SL_T = 1700000100
SL_NOW = SL_T + 20


class FixedClock(slack_signature.Clock):
    def __init__(self, now):
        self._now = now

    def now(self):
        return float(self._now)


def slack_sign(body, secret, ts):
    return slack_signature.SignatureVerifier(secret).generate_signature(timestamp=str(ts), body=body)


def slack_verify(body, headers, secret, now):
    verifier = slack_signature.SignatureVerifier(secret, clock=FixedClock(now))
    try:
        ok = verifier.is_valid_request(body, headers)
        return ok, f"is_valid_request returned {ok}"
    except Exception as e:  # noqa: BLE001
        return False, f"is_valid_request raised {type(e).__name__}: {e}"


def gen_slack():
    gen_name = (f"slack_sdk@{V_SLACK} (PyPI; SignatureVerifier.generate_signature to sign, "
                f"SignatureVerifier(secret, clock=fixed).is_valid_request to verify)")
    J = '{"token":"x","team_id":"T1","event":{"type":"app_mention"},"type":"event_callback","event_id":"Ev01"}'
    FORM = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Fweather&text=94070&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1234%2F5678"

    def vec(cid, body, headers, reason, err=None, secret=SLACK_SECRET, ts=SL_T, now=SL_NOW,
            anticipate=None, pairs=None):
        v = dict(id=f"slack-{cid}", provider="slack", scheme="slack-v0", secret=secret,
                 secret_encoding="utf8", timestamp=ts, now=now, tolerance_seconds=300, body=body,
                 reason=reason, generator=gen_name, source=SOURCE)
        if pairs is not None:
            v["header_pairs"] = pairs
            parts = []
            sig_vals = [val for name, val in pairs if name.lower() == "x-slack-signature"]
            base = {name: val for name, val in pairs if name.lower() != "x-slack-signature"}
            for i, s in enumerate(sig_vals):
                ok, msg = slack_verify(body, dict(base, **{"X-Slack-Signature": s}), secret, now)
                parts.append(f"value {i + 1} alone: {msg}")
            v.update(expected="invalid", error=err,
                     sdk_verdict="policy, not SDK (the SDK takes a header dict). " + " | ".join(parts))
            emit(v)
            return
        v["headers"] = headers
        if isinstance(secret, list):
            res = [slack_verify(body, headers, s, now) for s in secret]
            oks = [i for i, r in enumerate(res) if r[0]]
            v["expected"] = "valid" if oks else "invalid"
            if oks:
                v["matched_secret_index"] = oks[0]
            v["sdk_verdict"] = ("no multi-secret verify in the SDK: valid iff the SDK accepts with one secret of the set. "
                                + "; ".join(f"secret[{i}]: {r[1]}" for i, r in enumerate(res)))
        else:
            ok, msg = slack_verify(body, headers, secret, now)
            v["expected"] = "valid" if ok else "invalid"
            v["sdk_verdict"] = msg
        v["error"] = err
        note_surprise(v["id"], anticipate, v["expected"])
        if v["expected"] == "invalid" and not err:
            raise SystemExit(f"{v['id']}: SDK rejected but no error kind given: {v['sdk_verdict']}")
        emit(v)

    def H(sig, ts=SL_T):
        h = {}
        if ts is not None:
            h["X-Slack-Request-Timestamp"] = str(ts)
        if sig is not None:
            h["X-Slack-Signature"] = sig
        return h

    bodies = dict(BODIES)
    bodies["form"] = FORM
    reasons = dict(BODY_REASON, form="form-encoded slash-command body")
    for name, body in bodies.items():
        vec(f"valid-{name}", body, H(slack_sign(body, SLACK_SECRET, SL_T)),
            f"valid request, {reasons[name]}", anticipate="valid")

    good = slack_sign(J, SLACK_SECRET, SL_T)
    hexpart = good[3:]
    vec("tampered-body", tamper(J), H(good), "one byte of the body changed", "signature_mismatch", anticipate="invalid")
    vec("wrong-secret", J, H(slack_sign(J, SLACK_WRONG, SL_T)), "signed with another signing secret",
        "signature_mismatch", anticipate="invalid")
    vec("uppercase-hex", J, H("v0=" + hexpart.upper()), "correct signature in upper-case hex",
        "malformed_header", anticipate="invalid")
    vec("uppercase-prefix", J, H("V0=" + hexpart), "prefix written 'V0='", "malformed_header", anticipate="invalid")
    vec("missing-prefix", J, H(hexpart), "hex without the 'v0=' prefix", "malformed_header", anticipate="invalid")
    vec("wrong-prefix", J, H("v1=" + hexpart), "prefix 'v1=' instead of 'v0='", "malformed_header", anticipate="invalid")
    vec("truncated", J, H(good[:-2]), "signature missing its last two hex chars", "malformed_header", anticipate="invalid")
    vec("non-hex", J, H("v0=" + "g" * 64), "v0= followed by 64 non-hex chars", "malformed_header", anticipate="invalid")
    vec("missing-signature-header", J, H(None), "no X-Slack-Signature header", "missing_header", anticipate="invalid")
    vec("missing-timestamp-header", J, H(good, ts=None), "no X-Slack-Request-Timestamp header", "missing_header",
        anticipate="invalid")
    vec("non-numeric-timestamp", J, H(good, ts="abc"), "timestamp header 'abc'", "malformed_header",
        anticipate="invalid")
    fts = f"{SL_T}.0"
    vec("float-timestamp", J, H(slack_sign(J, SLACK_SECRET, fts), ts=fts),
        "timestamp header '1700000100.0' (signature made by the SDK over that exact string)",
        "malformed_header", anticipate="invalid")
    vec("timestamp-differs-from-signed", J, H(good, ts=SL_T + 1),
        "timestamp header changed after signing", "signature_mismatch", anticipate="invalid")
    for label, delta, err, ant in [
        ("age-300", 300, None, "valid"), ("age-301", 301, "timestamp_too_old", "invalid"),
        ("future-300", -300, None, "valid"), ("future-301", -301, "timestamp_too_new", "invalid"),
        ("future-one-year", -31536000, "timestamp_too_new", "invalid"),
    ]:
        vec(f"tolerance-{label}", J, H(good), f"now - ts = {delta} s (SDK window: abs <= 300)", err,
            now=SL_T + delta, anticipate=ant)
    vec("rotation-second-of-two", J, H(slack_sign(J, SLACK_SECRET_B, SL_T)),
        "verifier holds [old, new]; signed with the 2nd", "signature_mismatch",
        secret=[SLACK_SECRET, SLACK_SECRET_B], anticipate="valid")
    vec("rotation-third-of-three", J, H(slack_sign(J, SLACK_SECRET_C, SL_T)),
        "verifier holds three secrets; signed with the 3rd", "signature_mismatch",
        secret=[SLACK_SECRET, SLACK_SECRET_B, SLACK_SECRET_C], anticipate="valid")
    vec("rotation-none-matches", J, H(slack_sign(J, SLACK_WRONG, SL_T)),
        "verifier holds two secrets; signed with neither", "signature_mismatch",
        secret=[SLACK_SECRET, SLACK_SECRET_B], anticipate="invalid")
    vec("repeated-signature-header", J, None,
        "X-Slack-Signature twice: the valid value and one made with another secret", "malformed_header",
        pairs=[["X-Slack-Request-Timestamp", str(SL_T)], ["X-Slack-Signature", good],
               ["X-Slack-Signature", slack_sign(J, SLACK_WRONG, SL_T)]])


# ---------------------------------------------------------------------------
# Standard Webhooks and Svix (svix>=2 wraps standardwebhooks)
# ---------------------------------------------------------------------------

class _FrozenDatetime(datetime):
    frozen_now = 0

    @classmethod
    def now(cls, tz=None):
        return datetime.fromtimestamp(cls.frozen_now, tz=tz)


def with_frozen_now(now, fn):
    """standardwebhooks reads datetime.now(); pin it inside its module only."""
    saved = stdwh_module.datetime
    _FrozenDatetime.frozen_now = now
    stdwh_module.datetime = _FrozenDatetime
    try:
        return fn()
    finally:
        stdwh_module.datetime = saved


def stdwh_sign(cls, secret, msg_id, ts, body):
    return cls(secret).sign(msg_id, datetime.fromtimestamp(ts, tz=timezone.utc), body)


def key_secret(seed, n=32):
    import base64
    return "whsec_" + base64.b64encode(bytes((seed * 7 + i * 13) % 256 for i in range(n))).decode()


STD_SECRET = key_secret(1)           # 32 bytes -> padded base64 (one '=')
STD_SECRET_B = key_secret(2)
STD_SECRET_C = key_secret(3)
STD_WRONG = key_secret(9)
SVIX_SECRET = key_secret(4)
SVIX_SECRET_B = key_secret(5)
SVIX_SECRET_C = key_secret(6)
SVIX_WRONG = key_secret(8)
SW_T = 1700000200
SW_NOW = SW_T + 10


def sw_verify(kind, secret, body, headers, now):
    def run():
        if kind == "svix":
            svix_module.Webhook(secret).verify(body, headers)
            return True, "Webhook.verify returned without raising"
        StdWebhook(secret).verify(body, headers, json_parse=False)
        return True, "Webhook.verify returned without raising"
    try:
        return with_frozen_now(now, run)
    except Exception as e:  # noqa: BLE001
        return False, f"{type(e).__module__}.{type(e).__name__}: {e}" if type(e).__module__ != "builtins" else f"{type(e).__name__}: {e}"


def gen_sw(kind):
    if kind == "svix":
        provider, scheme, P = "svix", "svix-v1", "svix"
        S, SB, SC, SW = SVIX_SECRET, SVIX_SECRET_B, SVIX_SECRET_C, SVIX_WRONG
        cls = svix_module.Webhook
        gen_name = (f"svix@{V_SVIX} (PyPI; svix.webhooks.Webhook.sign / .verify, which wrap "
                    f"standardwebhooks@{V_STDWH}; datetime.now pinned in standardwebhooks.webhooks)")
        MSG = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"
    else:
        provider, scheme, P = "standard-webhooks", "standard-webhooks-v1", "webhook"
        S, SB, SC, SW = STD_SECRET, STD_SECRET_B, STD_SECRET_C, STD_WRONG
        cls = StdWebhook
        gen_name = (f"standardwebhooks@{V_STDWH} (PyPI; Webhook.sign / Webhook.verify(json_parse=False); "
                    f"datetime.now pinned in standardwebhooks.webhooks)")
        MSG = "msg_p5jXN8AQM9LWM0D4loKWxJek"

    def H(sig, msg_id=MSG, ts=SW_T, prefix=P):
        h = {}
        if msg_id is not None:
            h[f"{prefix}-id"] = msg_id
        if ts is not None:
            h[f"{prefix}-timestamp"] = str(ts)
        if sig is not None:
            h[f"{prefix}-signature"] = sig
        return h

    def vec(cid, body, headers, reason, err=None, secret=S, ts=SW_T, now=SW_NOW, anticipate=None,
            pairs=None, extra_verdict=""):
        v = dict(id=f"{'svix' if kind == 'svix' else 'stdwh'}-{cid}", provider=provider, scheme=scheme,
                 secret=secret, secret_encoding="whsec_base64", timestamp=ts, now=now,
                 tolerance_seconds=300, body=body, reason=reason, generator=gen_name, source=SOURCE)
        if pairs is not None:
            v["header_pairs"] = pairs
            sig_name = f"{P}-signature"
            base = {n: val for n, val in pairs if n != sig_name}
            parts = []
            for i, val in enumerate([val for n, val in pairs if n == sig_name]):
                ok, msg = sw_verify(kind, secret, body, dict(base, **{sig_name: val}), now)
                parts.append(f"value {i + 1} alone: {'valid' if ok else msg}")
            v.update(expected="invalid", error=err,
                     sdk_verdict="policy, not SDK (the SDK takes a header dict). " + " | ".join(parts))
            emit(v)
            return
        v["headers"] = headers
        if isinstance(secret, list):
            res = [sw_verify(kind, s, body, headers, now) for s in secret]
            oks = [i for i, r in enumerate(res) if r[0]]
            v["expected"] = "valid" if oks else "invalid"
            if oks:
                v["matched_secret_index"] = oks[0]
            v["sdk_verdict"] = ("no multi-secret verify in the SDK: valid iff the SDK accepts with one secret of the set. "
                                + "; ".join(f"secret[{i}]: {'valid' if r[0] else r[1]}" for i, r in enumerate(res)))
        else:
            ok, msg = sw_verify(kind, secret, body, headers, now)
            v["expected"] = "valid" if ok else "invalid"
            v["sdk_verdict"] = msg + extra_verdict
        v["error"] = err
        note_surprise(v["id"], anticipate, v["expected"])
        if v["expected"] == "invalid" and not err:
            raise SystemExit(f"{v['id']}: SDK rejected but no error kind given: {v['sdk_verdict']}")
        emit(v)

    def sign(body, secret=S, msg_id=MSG, ts=SW_T):
        return stdwh_sign(cls, secret, msg_id, ts, body)

    J = '{"type":"invoice.paid","data":{"id":"inv_1","amount":1200}}'
    good = sign(J)
    b64 = good.split(",", 1)[1]

    for name, body in BODIES.items():
        vec(f"valid-{name}", body, H(sign(body)), f"valid delivery, {BODY_REASON[name]}", anticipate="valid")

    vec("tampered-body", tamper(J), H(good), "one byte of the body changed", "signature_mismatch", anticipate="invalid")
    vec("wrong-secret", J, H(sign(J, secret=SW)), "signed with another key", "signature_mismatch", anticipate="invalid")
    vec("id-differs-from-signed", J, H(good, msg_id=MSG + "x"), "id header changed after signing",
        "signature_mismatch", anticipate="invalid")
    vec("timestamp-differs-from-signed", J, H(good, ts=SW_T + 1), "timestamp header changed after signing",
        "signature_mismatch", anticipate="invalid")
    vec("multiple-signatures-last-matches", J, H(f"{sign(J, secret=SB)} {sign(J, secret=SC)} {good}"),
        "space-separated list of three v1 entries, the matching one last", anticipate="valid")
    vec("multiple-signatures-first-matches", J, H(f"{good} {sign(J, secret=SB)}"),
        "list of two v1 entries, the matching one first", anticipate="valid")
    vec("multiple-signatures-none-match", J, H(f"{sign(J, secret=SB)} {sign(J, secret=SC)}"),
        "list of two well-formed v1 entries, neither matches", "signature_mismatch", anticipate="invalid")
    vec("v1a-entry-skipped", J, H(f"v1a,{b64} {good}"),
        "a v1a (Ed25519) entry before the v1 entry is skipped", anticipate="valid")
    vec("v2-entry-skipped", J, H(f"v2,{b64} {good}"), "an unknown v2 entry before the v1 entry is skipped",
        anticipate="valid")
    vec("only-v1a", J, H(f"v1a,{b64}"), "only a v1a entry (holding the v1 bytes): nothing checkable",
        "no_signature", anticipate="invalid")
    vec("only-v2", J, H(f"v2,{b64}"), "only a v2 entry: nothing checkable", "no_signature", anticipate="invalid")
    vec("uppercase-version", J, H(f"V1,{b64}"), "version written 'V1'", "no_signature", anticipate="invalid")
    vec("unpadded-signature", J, H(f"v1,{b64.rstrip('=')}"),
        "correct signature with its base64 '=' padding removed", "malformed_header", anticipate=None)
    vec("truncated-signature", J, H(f"v1,{b64[:20]}"), "signature cut to 20 base64 chars (15 bytes)",
        "malformed_header", anticipate="invalid")
    vec("non-base64-signature", J, H("v1," + "*" * 44), "44 chars that are not base64", "malformed_header",
        anticipate="invalid")
    vec("entry-without-comma", J, H(f"v1{b64}"), "entry has no comma between version and value",
        "malformed_header", anticipate="invalid")
    vec("entry-with-extra-comma", J, H(f"{good},extra"), "entry 'v1,<sig>,extra'", "malformed_header",
        anticipate="invalid")
    vec("trailing-space-after-match", J, H(f"{good} "),
        "list ends with a space after the matching entry", None, anticipate=None)
    vec("double-space-before-match", J, H(f"{sign(J, secret=SB)}  {good}"),
        "two spaces between entries; the matching entry comes after the empty one", "malformed_header",
        anticipate=None)
    vec("unpadded-secret", J, H(good), "verifier's secret is the same key with the base64 '=' removed",
        secret=S.rstrip("="), anticipate="valid")
    vec("secret-without-prefix", J, H(good), "verifier's secret is the base64 key without 'whsec_'",
        secret=S[len("whsec_"):], anticipate="valid")
    vec("missing-signature-header", J, H(None), "no signature header", "missing_header", anticipate="invalid")
    vec("missing-timestamp-header", J, H(good, ts=None), "no timestamp header", "missing_header", anticipate="invalid")
    vec("missing-id-header", J, H(good, msg_id=None), "no id header", "missing_header", anticipate="invalid")
    vec("non-numeric-timestamp", J, H(good, ts="abc"), "timestamp header 'abc'", "malformed_header",
        anticipate="invalid")
    vec("float-timestamp", J, H(good, ts=f"{SW_T}.9"),
        "timestamp header '1700000200.9'; signature made over '1700000200' (the SDK floors the parsed float "
        "before rebuilding the signed content: SDK leniency)", "malformed_header", anticipate=None)
    vec("timestamp-with-spaces", J, H(good, ts=f" {SW_T} "),
        "timestamp header ' 1700000200 ' (float() strips spaces: SDK leniency)", "malformed_header",
        anticipate=None)
    vec("id-with-dot", J, H(sign(J, msg_id="msg.with.dot"), msg_id="msg.with.dot"),
        "id contains '.', which the spec forbids; the SDK does not check it", "malformed_header", anticipate=None)
    for label, delta, err, ant in [
        ("age-300", 300, None, "valid"), ("age-301", 301, "timestamp_too_old", "invalid"),
        ("future-300", -300, None, "valid"), ("future-301", -301, "timestamp_too_new", "invalid"),
        ("future-one-year", -31536000, "timestamp_too_new", "invalid"),
    ]:
        vec(f"tolerance-{label}", J, H(good), f"now - ts = {delta} s (SDK window +-5 min)", err,
            now=SW_T + delta, anticipate=ant)
    vec("tolerance-age-301-bad-signature", J, H(sign(J, secret=SW)),
        "too old AND wrong key: the SDK checks the timestamp first", "timestamp_too_old", now=SW_T + 301,
        anticipate="invalid")
    vec("rotation-second-of-two", J, H(sign(J, secret=SB)), "verifier holds [old, new]; signed with the 2nd",
        "signature_mismatch", secret=[S, SB], anticipate="valid")
    vec("rotation-third-of-three", J, H(sign(J, secret=SC)), "verifier holds three keys; signed with the 3rd",
        "signature_mismatch", secret=[S, SB, SC], anticipate="valid")
    vec("rotation-none-matches", J, H(sign(J, secret=SW)), "verifier holds two keys; signed with neither",
        "signature_mismatch", secret=[S, SB], anticipate="invalid")
    vec("repeated-signature-header", J, None,
        "signature header twice: the valid list and one made with another key", "malformed_header",
        pairs=[[f"{P}-id", MSG], [f"{P}-timestamp", str(SW_T)], [f"{P}-signature", good],
               [f"{P}-signature", sign(J, secret=SW)]])

    if kind == "svix":
        # header families
        vec("webhook-family-fallback", J, H(good, prefix="webhook"),
            "only the white-label webhook-* headers are present", anticipate="valid")
        both = dict(H(good), **H(sign(J, secret=SW), prefix="webhook"))
        vec("both-families-svix-valid", J, both, "svix-* (valid) and webhook-* (wrong key) both present: svix wins",
            anticipate="valid")
        both2 = dict(H(sign(J, secret=SW)), **H(good, prefix="webhook"))
        vec("both-families-webhook-valid", J, both2,
            "svix-* (wrong key) and webhook-* (valid) both present: svix-* is used, so invalid",
            "signature_mismatch", anticipate="invalid")
        mix = {"svix-id": MSG, "svix-timestamp": str(SW_T), "webhook-signature": good}
        vec("mixed-svix-id-ts-webhook-signature", J, mix,
            "svix-id and svix-timestamp, but the signature only as webhook-signature (per-header fallback)",
            anticipate=None)
        mix2 = {"svix-timestamp": str(SW_T), "svix-signature": good}
        vec("mixed-svix-id-missing", J, mix2, "svix-timestamp and svix-signature but no svix-id or webhook-id",
            "missing_header", anticipate="invalid")
        mix3 = {"webhook-id": MSG, "svix-timestamp": str(SW_T), "svix-signature": good}
        vec("mixed-webhook-id-svix-rest", J, mix3, "webhook-id with svix-timestamp and svix-signature",
            anticipate=None)
        mix4 = dict(H(None), **{"svix-signature": "", "webhook-signature": good})
        vec("empty-svix-signature-with-webhook-signature", J, mix4,
            "svix-signature present but empty, webhook-signature valid: the empty svix value is taken",
            "missing_header", anticipate=None)
        # the Svix docs example, re-signed by the SDK at its own timestamp
        ex_secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        ex_body = '{"test": 2432232314}'
        ex_sig = stdwh_sign(cls, ex_secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, ex_body)
        vec("sdk-docs-example", ex_body, H(ex_sig, msg_id="msg_p5jXN8AQM9LWM0D4loKWxJek", ts=1614265330),
            f"Svix docs example values signed by the SDK (signature {ex_sig})", secret=ex_secret,
            ts=1614265330, now=1614265330, anticipate="valid")


# ---------------------------------------------------------------------------

def merge_and_write():
    existing = []
    if os.path.exists(OUT):
        with open(OUT, encoding="utf-8") as f:
            existing = [v for v in json.load(f) if v.get("source") != SOURCE]
    allv = existing + VECTORS
    allv.sort(key=lambda v: PROVIDER_ORDER.index(v["provider"]))  # stable within a provider
    ids = [v["id"] for v in allv]
    assert len(ids) == len(set(ids)), "duplicate ids across generators"
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(allv, f, indent=1, ensure_ascii=False)
        f.write("\n")


def main():
    gen_stripe()
    gen_slack()
    gen_sw("standard-webhooks")
    gen_sw("svix")
    merge_and_write()
    counts = {}
    for v in VECTORS:
        counts[v["provider"]] = counts.get(v["provider"], 0) + 1
    print("gen.py vectors:", counts, file=sys.stderr)
    for s in SURPRISES:
        print("note:", s, file=sys.stderr)


if __name__ == "__main__":
    main()
