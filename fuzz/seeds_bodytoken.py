#!/usr/bin/env python3
"""Writes the seed corpora of verify_body_embedded and verify_token from the vectors.

    python3 fuzz/seeds_bodytoken.py

Every vector of tests/vectors/{mailgun,adyen}.json goes to corpus/verify_body_embedded/, every
vector of tests/vectors/{gitlab,telegram,okta}.json to corpus/verify_token/, in the input
format of fuzz/src/lib.rs (`@now`, `Name:value` lines, an empty line, the body). The targets'
key sets hold the vectors' keys, so the valid seeds verify. Existing seeds of the same name are
overwritten; files the fuzzer found are left alone.
"""

import json
from pathlib import Path

FUZZ = Path(__file__).resolve().parent
VECTORS = FUZZ.parent / "tests" / "vectors"
TARGETS = {
    "verify_body_embedded": ["mailgun", "adyen"],
    "verify_token": ["gitlab", "telegram", "okta"],
}


def delivery(vector):
    lines = []
    if "now" in vector:
        lines.append(f"@{vector['now']}")
    for name, value in vector.get("headers", {}).items():
        lines.append(f"{name}:{value}")
    head = "\n".join(lines)
    return (head + "\n\n" if head else "\n").encode() + vector["body"].encode()


def main():
    for target, providers in TARGETS.items():
        out = FUZZ / "corpus" / target
        out.mkdir(parents=True, exist_ok=True)
        written = 0
        for provider in providers:
            for vector in json.loads((VECTORS / f"{provider}.json").read_text()):
                (out / f"vector-{vector['id']}").write_bytes(delivery(vector))
                written += 1
        print(f"{target}: {written} seeds")


if __name__ == "__main__":
    main()
