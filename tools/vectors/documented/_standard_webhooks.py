"""The Standard Webhooks construction, for the services that send through Svix under their own
name (Clerk, Resend, Liveblocks). Written from the Standard Webhooks specification
(https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md)
and Svix's "Verifying Webhooks Manually" (https://docs.svix.com/receiving/verifying-payloads/how-manual):
the signed content is `{id}.{timestamp}.{body}`; the key is the base64 after `whsec_`; the
signature header is a space-separated list of `v1,<base64 HMAC-SHA256>`; a timestamp more than
five minutes old or ahead is rejected. Not a module of its own (the leading underscore)."""

import base64

from documented._common import mac, tampered, vector

WINDOW = 300
TS = 1700000000
# The Svix documentation's example (docs.svix.com, "Verifying Webhooks Manually").
SVIX_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SVIX_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
SVIX_TS = 1614265330
SVIX_BODY = '{"test": 2432232314}'
SVIX_SIG = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
SVIX_DOC = "https://docs.svix.com/receiving/verifying-payloads/how-manual"


def key(secret):
    """The HMAC key: the base64 after the `whsec_` prefix, decoded."""
    return base64.b64decode(secret[len("whsec_"):] if secret.startswith("whsec_") else secret)


def v1(secret, msg_id, ts, body):
    raw = body.encode() if isinstance(body, str) else bytes(body)
    content = f"{msg_id}.{ts}.".encode() + raw
    return "v1," + base64.b64encode(mac("sha256", key(secret), content)).decode()


def standard_cases(names, secret, old_secret, other_secret, bodies, published=(), skip=()):
    """The cases every service on the scheme shares. `names` is (id, timestamp, signature)
    header names; `bodies` two (message id, body) pairs, the second with non-ASCII UTF-8;
    `skip` names cases a service's own verifier decides differently."""
    hid, hts, hsig = names
    (id1, body1), (id2, body2) = bodies

    def headers(msg_id, ts, sig):
        return {hid: msg_id, hts: str(ts), hsig: sig}

    good = headers(id1, TS, v1(secret, id1, TS, body1))

    def at(offset):
        ts = TS + offset
        return headers(id1, ts, v1(secret, id1, ts, body1))

    common = dict(timestamp=TS, now=TS, tolerance_seconds=WINDOW)
    assert v1(SVIX_SECRET, SVIX_ID, SVIX_TS, SVIX_BODY) == SVIX_SIG, "the model reproduces Svix's example"
    cases = list(published)
    cases += [
        vector("valid-compact", secret=secret, headers=good, body=body1, expected="valid",
               timestamp=TS, now=TS + 1, tolerance_seconds=WINDOW,
               reason="one v1 signature over {id}.{timestamp}.{body}, key = base64 after whsec_"),
        vector("valid-unicode", secret=secret, headers=headers(id2, TS, v1(secret, id2, TS, body2)),
               body=body2, expected="valid", timestamp=TS, now=TS + 30, tolerance_seconds=WINDOW,
               reason="a body with non-ASCII UTF-8, signed as its bytes"),
        vector("valid-two-signatures", secret=secret,
               headers={**good, hsig: v1(old_secret, id1, TS, body1) + " " + good[hsig]},
               body=body1, expected="valid", **common,
               reason="during a secret rotation the header lists one v1 entry per secret: any may match"),
        vector("inside-window-past", secret=secret, headers=at(-WINDOW), body=body1,
               expected="valid", timestamp=TS - WINDOW, now=TS, tolerance_seconds=WINDOW,
               reason="exactly five minutes old: not more than the tolerance"),
        vector("outside-window-past", secret=secret, headers=at(-WINDOW - 1), body=body1,
               expected="invalid", error="timestamp_too_old", timestamp=TS - WINDOW - 1, now=TS,
               tolerance_seconds=WINDOW, reason="five minutes and one second old"),
        vector("inside-window-future", secret=secret, headers=at(WINDOW), body=body1,
               expected="valid", timestamp=TS + WINDOW, now=TS, tolerance_seconds=WINDOW,
               reason="exactly five minutes ahead: not more than the tolerance"),
        vector("outside-window-future", secret=secret, headers=at(WINDOW + 1), body=body1,
               expected="invalid", error="timestamp_too_new", timestamp=TS + WINDOW + 1, now=TS,
               tolerance_seconds=WINDOW, reason="five minutes and one second ahead"),
        vector("tampered-body", secret=secret, headers=good, body=tampered(body1),
               expected="invalid", error="signature_mismatch", **common,
               reason="one bit of the body changed after signing"),
        vector("wrong-secret", secret=other_secret, headers=good, body=body1, expected="invalid",
               error="signature_mismatch", **common,
               reason="verified with another endpoint's signing secret"),
        vector("rotation", secret=[old_secret, secret], headers=good, body=body1,
               expected="valid", matched_secret_index=1, **common,
               reason="the receiver holds the old and the new secret; the new one matches"),
        vector("missing-signature", secret=secret, headers={hid: id1, hts: str(TS)}, body=body1,
               expected="invalid", error="missing_header", **common,
               reason=f"no {hsig} header"),
        vector("missing-id", secret=secret, headers={hts: str(TS), hsig: good[hsig]}, body=body1,
               expected="invalid", error="missing_header", **common,
               reason=f"no {hid} header: the id is part of the signed content"),
        vector("missing-timestamp", secret=secret, headers={hid: id1, hsig: good[hsig]},
               body=body1, expected="invalid", error="missing_header", **common,
               reason=f"no {hts} header: the timestamp is part of the signed content"),
        vector("no-v1-entry", secret=secret,
               headers={**good, hsig: "v2," + good[hsig][3:]}, body=body1, expected="invalid",
               error="no_signature", **common,
               reason="the only entry is labelled v2: no v1 signature to check"),
        vector("entry-without-label", secret=secret,
               headers={**good, hsig: good[hsig][3:]}, body=body1, expected="invalid",
               error="malformed_header", **common,
               reason="an entry that is not `version,signature` is not what the scheme sends"),
    ]
    return [c for c in cases if c["name"] not in skip]


def svix_example(names, reason):
    """Svix's documented example under this service's header names (its clock pinned to the
    example's timestamp)."""
    hid, hts, hsig = names
    return vector("svix-docs-example", secret=SVIX_SECRET,
                  headers={hid: SVIX_ID, hts: str(SVIX_TS), hsig: SVIX_SIG}, body=SVIX_BODY,
                  expected="valid", timestamp=SVIX_TS, now=SVIX_TS, tolerance_seconds=WINDOW,
                  reason=f"published: Svix's manual-verification example ({SVIX_DOC}); {reason}")
