#!/usr/bin/env python3
"""Writes the seed corpus of `verify_url_body` from tests/vectors/{square,trello,hubspot}.json.

    python3 fuzz/seeds_url_body.py

Each vector becomes corpus/verify_url_body/<vector id>: the delivery in the input format of
fuzz/src/lib.rs (`@now`, `Name:value` lines, an empty line, the body), with the vector's URL
and method as the `~url:` / `~method:` pseudo-headers the target reads. Valid and invalid
vectors are both written. The target's SECRETS hold every secret of the valid vectors, checked
here against SECRETS below (keep them in sync).
"""

import json
from pathlib import Path

FUZZ = Path(__file__).resolve().parent
ROOT = FUZZ.parent
SECRETS = {
    "hooksign-square-signature-key",
    "hooksign-square-rotated-key",
    "hooksign-trello-app-secret",
    "hooksign-trello-other-secret",
    "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy",
    "hooksign-hubspot-client-secret-0001",
    "hooksign-hubspot-client-secret-0002",
}


def main():
    out = FUZZ / "corpus" / "verify_url_body"
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for provider in ("square", "trello", "hubspot"):
        for v in json.loads((ROOT / "tests" / "vectors" / f"{provider}.json").read_text()):
            secrets = v["secret"] if isinstance(v["secret"], list) else [v["secret"]]
            if v["expected"] == "valid":
                assert set(secrets) <= SECRETS, v["id"]
            lines = [f"@{v.get('now', 1700000000)}"]
            if "url" in v:
                lines.append(f"~url:{v['url']}")
            if "method" in v:
                lines.append(f"~method:{v['method']}")
            lines += [f"{k}:{val}" for k, val in v["headers"].items()]
            data = ("\n".join(lines) + "\n\n").encode() + v["body"].encode()
            (out / v["id"]).write_bytes(data)
            written += 1
    print(f"{out}: {written} seeds")


if __name__ == "__main__":
    main()
