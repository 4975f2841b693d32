"""Vectors for providers that document their scheme but publish no SDK verifier.

Each module in `documented/` is an independent model of one provider's documented scheme,
written from the provider's own documentation with the Python standard library only. It
shares nothing with hooksign's Rust code, and no expected signature here is ever produced by
running hooksign. A module defines:

    PROVIDER = "zoom"                      # the registry id; writes tests/vectors/zoom.json
    DOCS = ["https://…", …]                # the pages the model is written from
    MODEL = "one sentence: the construction as the docs state it"
    def cases() -> list[dict]              # the deliveries: `documented._common.vector(...)`

    python3 tools/vectors/documented.py            # every module
    python3 tools/vectors/documented.py zoom lob   # some

Not run by CI; the generated files are committed. The verdict of each vector is the model's:
`valid` when the delivery is what the documented sender sends and the documented receiver
check accepts it, otherwise `invalid` with the error kind the documented check implies.
"""

import base64
import importlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SOURCE = "tools/vectors/documented.py"
KEY_ORDER = [
    "id", "provider", "scheme", "secret", "secret_encoding", "timestamp", "now",
    "tolerance_seconds", "headers", "header_pairs", "body", "body_base64", "expected",
    "error", "matched_secret_index", "reason", "sdk_verdict", "generator", "source",
]
def build(module):
    vectors = []
    for case in module.cases():
        v = {
            "id": f"{module.PROVIDER}-{case['name']}", "provider": module.PROVIDER,
            "scheme": module.PROVIDER, "secret": case["secret"], "secret_encoding": "utf8",
            "timestamp": case["timestamp"], "now": case["now"],
            "tolerance_seconds": case["tolerance_seconds"],
        }
        if case["header_pairs"] is not None:
            v["header_pairs"] = [list(p) for p in case["header_pairs"]]
        else:
            v["headers"] = case["headers"]
        body = case["body"]
        if isinstance(body, str):
            v["body"] = body
        else:
            try:
                v["body"] = bytes(body).decode("utf-8")
            except UnicodeDecodeError:
                v["body_base64"] = base64.b64encode(bytes(body)).decode()
        v["expected"] = case["expected"]
        if case["error"] is not None:
            v["error"] = case["error"]
        if case["matched_secret_index"] is not None:
            v["matched_secret_index"] = case["matched_secret_index"]
        v["reason"] = case["reason"]
        v["generator"] = (f"independent model of the documented scheme "
                          f"(tools/vectors/documented/{module.__name__.split('.')[-1]}.py): "
                          f"{module.MODEL} Docs: {' ; '.join(module.DOCS)}")
        v["source"] = SOURCE
        vectors.append({k: v[k] for k in KEY_ORDER if k in v})
    ids = [v["id"] for v in vectors]
    assert len(ids) == len(set(ids)), f"{module.PROVIDER}: duplicate vector names"
    return vectors


def main(names):
    sys.path.insert(0, HERE)
    if not names:
        names = sorted(f[:-3] for f in os.listdir(os.path.join(HERE, "documented"))
                       if f.endswith(".py") and not f.startswith("_"))
    for name in names:
        module = importlib.import_module(f"documented.{name}")
        vectors = build(module)
        path = os.path.join(REPO, "tests", "vectors", f"{module.PROVIDER}.json")
        with open(path, "w", encoding="utf-8") as out:
            json.dump(vectors, out, indent=1, ensure_ascii=False)
            out.write("\n")
        print(f"{path}: {len(vectors)} vectors")


if __name__ == "__main__":
    main(sys.argv[1:])
