#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets from the published test vectors.

    python3 fuzz/seeds.py [--published PATH]

Reads tests/vectors/sdk.json, the catalogue's tests/vectors/<provider>.json and the published
vectors (default /work/shared/vectors/published.json, skipped with a note when absent) and
writes, for every vector of a provider listed in TARGETS:

- corpus/verify_table/<case>-<source>-<vector id> for the spec providers (every registry
  entry whose verification is its Spec): a `#<case>` line (the entry id, `+legacy` for GitHub's
  SHA-1 vectors) then the delivery in the input format of fuzz/src/lib.rs (`@now`,
  `Name:value` lines, an empty line, the body);
- corpus/verify_shopify/<source>-<vector id>: Shopify's deliveries, without a case line (its
  family choice is bespoke, with a target of its own);
- corpus/parse_key_values/…, parse_versioned_list/…, decode_signature/…: the signature
  header values and the encoded signatures in them.

Valid and invalid vectors are both written (the invalid ones reach the error paths). Vectors
with a body over 4 KiB, or a header value holding a newline, are skipped. Existing seed files
of the same name are overwritten; other corpus files (found by the fuzzer) are left alone.
The fuzz targets' secret sets hold every secret of the valid vectors, so the valid seeds
verify; this script checks that against SECRETS below (keep it in sync with the targets).
"""

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

FUZZ = Path(__file__).resolve().parent
ROOT = FUZZ.parent
MAX_BODY = 4096

TARGETS = {
    "github": "verify_table",
    "stripe": "verify_table",
    "slack": "verify_table",
    "shopify": "verify_shopify",
    "standard-webhooks": "verify_table",
    "svix": "verify_table",
    "razorpay": "verify_table",
    "coinbase-commerce": "verify_table",
}
# Schemes hooksign verifies (v1a is Ed25519, not implemented).
SCHEMES = {
    "github-sha256", "github-sha1", "stripe-v1", "slack-v0", "shopify",
    "standard-webhooks-v1", "svix-v1", "razorpay", "coinbase-commerce",
}

# The secret sets of the targets (KNOWN_SECRETS in fuzz_targets/verify_table.rs, SECRETS in
# verify_shopify.rs). For Standard Webhooks
# and Svix the key is what counts: unprefixed / unpadded spellings of one key are the same.
SECRETS = {
    "github": ["hooksign-github-secret-0001", "hooksign-github-secret-0002",
               "hooksign-github-secret-0003", "It's a Secret to Everybody", "mysecret",
               "development", "foo"],
    "stripe": ["whsec_hooksignStripeTestSecret0001", "whsec_hooksignStripeTestSecret0002",
               "whsec_hooksignStripeTestSecret0003", "webhook_secret"],
    "slack": ["hooksign0slack0signing0secret001", "hooksign0slack0signing0secret002",
              "hooksign0slack0signing0secret003", "8f742231b10e8888abcd99yyyzzz85a5"],
    "shopify": ["hooksign_shopify_client_secret_0001", "hooksign_shopify_client_secret_0002",
                "hooksign_shopify_client_secret_0003"],
    "standard-webhooks": ["whsec_BxQhLjtIVWJvfImWo7C9ytfk8f4LGCUyP0xZZnOAjZo=",
                          "whsec_DhsoNUJPXGl2g5CdqrfE0d7r+AUSHyw5RlNgbXqHlKE=",
                          "whsec_FSIvPElWY3B9ipeksb7L2OXy/wwZJjNATVpndIGOm6g=",
                          "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                          "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"],
    "razorpay": ["hooksign-razorpay-webhook-secret-0001", "hooksign-razorpay-webhook-secret-0002",
                 "123456"],
    "coinbase-commerce": ["5b5d4e2a-hooksign-cc-shared-secret-0001",
                          "5b5d4e2a-hooksign-cc-shared-secret-0002"],
    "svix": ["whsec_HCk2Q1BdaneEkZ6ruMXS3+z5BhMgLTpHVGFue4iVoq8=",
             "whsec_IzA9SldkcX6LmKWyv8zZ5vMADRonNEFOW2h1go+cqbY=",
             "whsec_KjdEUV5reIWSn6y5xtPg7foHFCEuO0hVYm98iZajsL0=",
             "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
}

SIGNATURE_LISTS = {"stripe-signature": "parse_key_values",
                   "webhook-signature": "parse_versioned_list",
                   "svix-signature": "parse_versioned_list"}

# Hand-written parser seeds: other separators and spacing the list parsers meet.
EXTRA = {
    "parse_key_values": [
        b"t=1492774577,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd,v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39",
        b"t=1700000000, v1=" + b"ab" * 32,
        b"ts=1671552777;h1=eb4d0dc8853be92b7f063b9f3ba5233eb920a09459b6e6b2c26705b4364db151",
        b"t=1,t=2,v1",
        b"v1=" + b"00" * 32 + (b",v1=" + b"11" * 32) * 16,
    ],
    "parse_versioned_list": [
        b"v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg==",
        b"v1,AAAA  v2,bb nocomma v1,",
        b"g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= v1,a,b v2,AAAA ,x v1a, ",
    ],
    # Mutation seeds: re-signed deliveries (valid, stale, tampered, rotated, unsupported
    # options), so the fuzzer starts from accepted signatures of every case.
    "verify_table": [
        b"#github s0\nX-GitHub-Delivery:72d3162e-cc78-11e3-81ab-4c9367dc0958\nX-GitHub-Event:push\n\n{\"action\":\"opened\"}",
        b"#github+legacy l1\nX-GitHub-Event:ping\n\nzen",
        b"#github s2 b3\n\nHello, World!",
        b"#github s0 dup\n\n{}",
        b"#github+tol=1:1\n\n{}",
        b"#stripe s0\n\n{\"id\":\"evt_1\",\"type\":\"charge.succeeded\"}",
        b"#stripe s1 a0 t0\n\n{\"id\":\"evt_2\"}",
        b"#stripe+tol=60:60 s0 t2000\n\n{}",
        b"#stripe+legacy\n\n{}",
        b"#stripe s0 e\n\n{}",
        b"#slack s3 t1200\n\n{\"event_id\":\"Ev01\",\"event\":{\"type\":\"app_mention\"}}",
        b"#slack s0 f70\n\ntoken=x&team_id=T1",
        b"#slack s1 t699\n\n{\"type\":\"url_verification\"}",
        b"#standard-webhooks s0 a1\n\n{\"type\":\"user.created\"}",
        b"#standard-webhooks+all s0\n\n{}",
        b"#stripe+all s0\n\n{}",
        b"#slack+all\n\n{}",
        b"#standard-webhooks s4 t1400\n\n{}",
        b"#standard-webhooks+tol=-:- s2 t0\n\n{}",
        b"#svix s1\nwebhook-id:msg_1\n\n{\"type\":\"email.sent\"}",
        b"#svix s0 u\n\n{}",
        b"#svix s3 r\n\n{}",
        # Edges: 16/17 signatures, list cut short, empty id, svix-* without fallback, malformed
        # signature or timestamp against the window, conflicting headers, legacy, leading zeros.
        b'#stripe a0\nStripe-Signature:t=1700000000,v1=0000000000000000000000000000000000000000000000000000000000000000,v1=0000000000000000000000000000000000000000000000000000000000000000,v1=0000000000000000000000000000000000000000000000000000000000000000,v1=0000000000000000000000000000000000000000000000000000000000000000,v1=0000000000000000000000000000000000000000000000000000000000000000,v1=0000000000000000000000000000000000000000000000000000000000000000,v1=0000000000000000000000000000000000000000000000000000000000000000,v1=0000000000000000000000000000000000000000000000000000000000000000,v1=0000000000000000000000000000000000000000000000000000000000000000,v1=0000000000000000000000000000000000000000000000000000000000000000,v1=0000000000000000000000000000000000000000000000000000000000000000,v1=0000000000000000000000000000000000000000000000000000000000000000,v1=0000000000000000000000000000000000000000000000000000000000000000,v1=0000000000000000000000000000000000000000000000000000000000000000,v1=0000000000000000000000000000000000000000000000000000000000000000,v1=0000000000000000000000000000000000000000000000000000000000000000\n\n{}',
        b'#standard-webhooks a0\nwebhook-signature:v1,AAAA v1,AAAA v1,AAAA v1,AAAA v1,AAAA v1,AAAA v1,AAAA v1,AAAA v1,AAAA v1,AAAA v1,AAAA v1,AAAA v1,AAAA v1,AAAA v1,AAAA v1,AAAA\n\n{}',
        b'#standard-webhooks a0\nwebhook-signature:v1,x  v1,y\n\n{}',
        b'#standard-webhooks\nwebhook-id:\nwebhook-timestamp:1\nwebhook-signature:v1,a\n\n{}',
        b'#svix s0\nsvix-id:\nwebhook-id:x\nsvix-timestamp:1700000000\n\n{}',
        b'#slack\nX-Slack-Signature:v0=0000000000000000000000000000000000000000000000000000000000000000\nX-Slack-Request-Timestamp:1\n\n{}',
        b'#slack\nX-Slack-Signature:v0=0000000000000000000000000000000000000000000000000000000000000000\nX-Slack-Request-Timestamp:abc\n\n{}',
        b'#github\nX-Hub-Signature-256:sha256=0000000000000000000000000000000000000000000000000000000000000000\nX-Hub-Signature-256:sha256=0000000000000000000000000000000000000000000000000000000000000001\n\n{}',
        b'#github+legacy\nX-Hub-Signature:sha1=0000000000000000000000000000000000000000\n\n{}',
        b'#github+legacy\nX-Hub-Signature:sha256=0000000000000000000000000000000000000000000000000000000000000000\n\n{}',
        b'#standard-webhooks s0\nwebhook-timestamp:0001700000000\n\n{}',
        b'#stripe s0\nStripe-Signature:t=01700000000\n\n{}',
        b'#stripe\nStripe-Signature:t=1,v1=00000000000000000000000000000000000000000000000000000000000000000\n\n{}',
        b'#stripe\nStripe-Signature:t=99999999999999999999,v1=0000000000000000000000000000000000000000000000000000000000000000\n\n{}',
        b'#standard-webhooks s0\nwebhook-timestamp:99999999999\n\n{}',
        b'#slack\nX-Slack-Request-Timestamp:1700000000\nX-Slack-Signature:\n\n{}',
        # Label rules (OpenAI: exact or bare; Replicate: any label), base64-or-text secrets.
        b"#openai s0\n\n{\"id\":\"evt_1\",\"type\":\"response.completed\"}",
        b"#openai s1 o0\n\n{}",
        b"#openai o2 a0 t1301\n\n{}",
        b"#openai\nwebhook-id:wh_1\nwebhook-timestamp:1700000000\nwebhook-signature:v1a,AAAA x,y,z  v1,\n\n{}",
        b"#replicate s0 o1\n\n{\"id\":\"p1\",\"status\":\"succeeded\"}",
        b"#replicate o1 t700\n\n{}",
        b"#replicate\nwebhook-id:msg_1\nwebhook-timestamp:1700000000\nwebhook-signature:AAAA v1,a,b\n\n{}",
        # Fuzz-local custom specs (README: "Custom specs"): body timestamps, RFC 3339 headers,
        # header parts, each label rule.
        b"#fuzz-body-ms s0\n\n{\"action\":\"create\",\"type\":\"Issue\",\"webhookId\":\"w1\"}",
        b"#fuzz-body-ms t941 s1\n\n{\"type\":\"Issue\"}",
        b"#fuzz-body-ms to1061 s0\n\n{}",
        b"#fuzz-body-ms s2\n\n{\"webhookTimestamp\":\"17e11\"}",
        b"#fuzz-body-ms s0\n\n[1700000000000]",
        b"#fuzz-body-ms s0\n\n{\"webhookTimestamp\":1700000000000,\"webhookTimestamp\":1699999000000}",
        b"#fuzz-body-ms+tol=1:1 s0\n\n{\"webhookTimestamp\":1699999999000.0}",
        b"#fuzz-body-s s0\nFuzz-Topic:order.paid\n\n{\"meta\":{\"sent_at\":1700000000}}",
        b"#fuzz-body-s t600 s1\nFuzz-Topic:x\n\n{\"sent_at\":\"1699999600\"}",
        b"#fuzz-body-s s0\n\n{\"meta\":{\"sent_at\":-5},\"sent_at\":1700000000}",
        b"#fuzz-rfc3339-box s0\n\n{}",
        b"#fuzz-rfc3339-box t401 s1\n\n{\"type\":\"FILE.UPLOADED\"}",
        b"#fuzz-rfc3339-box to1000 s0\n\n{}",
        b"#fuzz-rfc3339-box s0\nFuzz-Box-Timestamp:2023-11-14T22:13:20Z\n\n{}",
        b"#fuzz-rfc3339-box s0\nFuzz-Box-Timestamp:2023-11-15T03:43:20.5+05:30\n\n{}",
        b"#fuzz-rfc3339-box s0\nFuzz-Box-Timestamp:2023-11-14t22:13:20z\n\n{}",
        b"#fuzz-rfc3339-box s0\n@1709164800\nFuzz-Box-Timestamp:2024-02-29T00:00:00-00:00\n\n{}",
        b"#fuzz-rfc3339-box s0\n@0\nFuzz-Box-Timestamp:1970-01-01T00:59:59+01:00\n\n{}",
        b"#fuzz-rfc3339-twitch s0\nFuzz-Twitch-Type:stream.online\n\n{}",
        b"#fuzz-rfc3339-twitch t399 s2\n\n{}",
        b"#fuzz-rfc3339-twitch s0\nFuzz-Twitch-Timestamp:2023-11-14T22:13:20.123456789Z\n\n{}",
        b"#fuzz-header-part s0\nFuzz-Path:/hooks\nFuzz-Host:example.test\n\n{}",
        b"#fuzz-header-part s1 u t1121\nFuzz-Path:\n\n{}",
        b"#fuzz-labels-exact s0 a1 o2\n\n{}",
        b"#fuzz-labels-exact o0\n\n{}",
        b"#fuzz-labels-or-bare s1 o0\n\n{}",
        b"#fuzz-labels-or-bare o0 to1000\n\n{}",
        b"#fuzz-labels-any o0 a1\n\n{}",
        b"#fuzz-labels-any to1200 s2\n\n{}",
        b"#fuzz-labels-any s0\nFuzz-Time: 2023-11-14T22:13:20Z\n\n{}",
        b"#fuzz-list-rfc3339 s0 a1\n\n{}",
        b"#fuzz-list-rfc3339 to1000 s1\n\n{}",
        b"#fuzz-list-rfc3339 s0\nFuzz-List-Signature:ts=2023-11-14T22:13:20+00:00;sig=x\n\n{}",
        b"#fuzz-body-s s0\nFuzz-Topic:t\n\n{\"sent_at\":\" 1700000000\"}",
        b"#fuzz-body-s s0\nFuzz-Topic:t\n\n{\"sent_at\":\"10000000000000000000\"}",
        b"#fuzz-body-s s0\nFuzz-Topic:t\n\n{\"sent_at\":10000000000000000000}",
        # BeforeMac: a stale timestamp before a header with no candidate (found by the fuzzer).
        b"#fuzz-labels-exact\nFuzz-Id:m\nFuzz-Time:1\nFuzz-Versioned:v3,AAAA\n\n{}",
        b"#fuzz-list-rfc3339\nFuzz-List-Signature:ts=2023-11-14T20:13:20Z;x=1\n\n{}",
        # A date before 1970 as written, one second after the epoch as an instant (found by the
        # fuzzer): refused, as `src/time.rs` documents "no date before 1970".
        b"#fuzz-labels-any s0\n@1\nFuzz-Time:1969-12-31t16:00:01.123456-08:00\n\n{}",
        # Signed header parts are looked up at the MAC, after the window (found by the fuzzer).
        b"#fuzz-header-part\nFuzz-Part-Time:1699999000\nFuzz-Part-Signature:x\n\n",
        b"#fuzz-header-part\nFuzz-Part-Time:1699999000\nFuzz-Part-Signature:" + b"00" * 32 + b"\n\n",
        b"#fuzz-header-part\nFuzz-Part-Time:1700000000\nFuzz-Part-Signature:x\n\n",
        # BeforeMac with a list cut short after a matching entry: fresh, then stale.
        b"#fuzz-labels-exact s0 a0 f50\n\n{}",
        b"#fuzz-labels-exact t-400000 s0 a0 f50\n\n{}",
        # Registry entries on body and RFC 3339 timestamps (main after 930c63d).
        b"#linear s0\n\n{\"action\":\"create\",\"type\":\"Issue\",\"webhookId\":\"w1\"}",
        b"#linear t941 s1\n\n{\"type\":\"Issue\"}",
        b"#linear s0\n\n{\"webhookTimestamp\":\"1700000000000\"}",
        b"#twitch s0\n\n{}",
        b"#twitch to1000 s1\n\n{}",
        b"#twitch t399 s0\n\n{}",
        b"#zendesk s0\n\n{}",
        b"#zendesk to1301 s0\n\n{}",
    ],
    "decode_signature": [
        b"00" * 64,
        b"A" * 86 + b"==",
        b"AP8=",
        b"00FF",
    ],
}


def name_of(source, vector_id):
    return f"{source}-" + re.sub(r"[^A-Za-z0-9_.-]+", "_", vector_id)[:80]


def header_pairs(vector):
    if vector.get("header_pairs"):
        return [(k, v) for k, v in vector["header_pairs"]]
    return list((vector.get("headers") or {}).items())


def delivery(vector):
    lines = []
    now = vector.get("now")
    if now is None:
        now = vector.get("timestamp")
    if now is not None:
        lines.append(f"@{now}".encode())
    for k, v in header_pairs(vector):
        lines.append(f"{k}:{v}".encode())
    return b"\n".join(lines) + b"\n\n" + vector["body"].encode()


def signatures_in(name, value):
    """The encoded signatures inside one signature header value."""
    name = name.lower()
    if name == "stripe-signature":
        return [e.split("=", 1)[1] for e in value.split(",") if "=" in e and e.startswith("v")]
    if name in ("webhook-signature", "svix-signature"):
        return [e.split(",", 1)[1] for e in value.split(" ") if "," in e]
    if name in ("x-hub-signature-256", "x-hub-signature", "x-slack-signature"):
        return [value.split("=", 1)[1]] if "=" in value else [value]
    if name in ("x-shopify-hmac-sha256", "shopify-hmac-sha256"):
        return [value]
    return []


def key_of(provider, secret):
    if provider in ("standard-webhooks", "svix"):
        return secret.removeprefix("whsec_").rstrip("=")
    return secret


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--published", default="/work/shared/vectors/published.json")
    args = parser.parse_args()

    sources = [("sdk", ROOT / "tests/vectors/sdk.json"), ("pub", Path(args.published))]
    # The catalogue's own SDK-generated vectors, one file per provider.
    sources += [("cat", f) for f in sorted((ROOT / "tests/vectors").glob("*.json"))
                if f.name not in ("sdk.json", "published.json")]
    seeds = {}  # target -> {file name: bytes}
    valid = {}
    problems = []
    skipped = 0
    for source, path in sources:
        if not path.exists():
            print(f"note: {path} not found, skipped", file=sys.stderr)
            continue
        for v in json.loads(path.read_text()):
            provider = v["provider"]
            if provider not in TARGETS or v["scheme"] not in SCHEMES:
                continue
            body = v["body"].encode()
            pairs = header_pairs(v)
            if len(body) > MAX_BODY or any("\n" in k + val for k, val in pairs):
                skipped += 1
                continue
            target = TARGETS[provider]
            if target == "verify_table":
                case = provider + ("+legacy" if v["scheme"] == "github-sha1" else "")
                seeds.setdefault(target, {})[f"{case}-" + name_of(source, v["id"])] = (
                    f"#{case}\n".encode() + delivery(v))
            else:
                seeds.setdefault(target, {})[name_of(source, v["id"])] = delivery(v)
            if v["expected"] == "valid":
                valid[target] = valid.get(target, 0) + 1
                secrets = v["secret"] if isinstance(v["secret"], list) else [v["secret"]]
                known = {key_of(provider, s) for s in SECRETS[provider]}
                if not any(key_of(provider, s) in known for s in secrets):
                    problems.append(f"{v['id']}: its secret is not in the {provider} set")
            for k, val in pairs:
                list_target = SIGNATURE_LISTS.get(k.lower())
                if list_target:
                    digest = hashlib.sha1(val.encode()).hexdigest()[:12]
                    seeds.setdefault(list_target, {})[f"{source}-{digest}"] = val.encode()
                for sig in signatures_in(k, val):
                    digest = hashlib.sha1(sig.encode()).hexdigest()[:12]
                    seeds.setdefault("decode_signature", {})[f"{source}-{digest}"] = sig.encode()
    for target, extra in EXTRA.items():
        for i, data in enumerate(extra):
            seeds.setdefault(target, {})[f"extra-{i}"] = data

    for target, files in sorted(seeds.items()):
        directory = FUZZ / "corpus" / target
        directory.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (directory / name).write_bytes(data)
        print(f"{target}: {len(files)} seeds, {valid.get(target, '-')} valid deliveries")
    print(f"skipped {skipped} vectors (body over {MAX_BODY} bytes or newline in a header)")
    for p in problems:
        print("problem:", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
