#!/usr/bin/env python3
"""Writes the seed corpus of verify_asymmetric from the public-key providers' vectors.

    python3 fuzz/seeds_asymmetric.py

Reads tests/vectors/{discord,telnyx,standard-webhooks-v1a,sendgrid}.json and writes each vector
(valid and invalid) to corpus/verify_asymmetric/<vector id> in the delivery input format of
fuzz/src/lib.rs (`@now`, `Name:value` lines, an empty line, the body). The target's key sets
hold the primary keys of tools/vectors/asym/gen.mjs, so the generated valid seeds verify.
"""

import json
from pathlib import Path

FUZZ = Path(__file__).resolve().parent
ROOT = FUZZ.parent
FILES = ["discord", "telnyx", "standard-webhooks-v1a", "sendgrid"]

out_dir = FUZZ / "corpus" / "verify_asymmetric"
out_dir.mkdir(parents=True, exist_ok=True)
count = 0
for name in FILES:
    for v in json.loads((ROOT / "tests" / "vectors" / f"{name}.json").read_text()):
        now = v.get("now") or v.get("timestamp") or 1700000000
        lines = [f"@{now}"] + [f"{k}:{val}" for k, val in v["headers"].items()]
        data = ("\n".join(lines) + "\n\n").encode() + v["body"].encode()
        (out_dir / v["id"]).write_bytes(data)
        count += 1
print(f"{count} seeds in {out_dir}")
