"""Cross-checks the vectors with the Python SDKs: tests/vectors/twilio.json with twilio-python's
RequestValidator (PyPI `twilio` 9.11.0, `twilio/request_validator.py`), tests/vectors/plivo.json
with plivo-python's validate_v3_signature (PyPI `plivo` 4.59.5, `plivo/utils/signature_v3.py`):
every vector's `expected` must be their verdict too.

Form requests pass the parameters as a MultiDict-like object (every value of a repeated name,
as Flask's and Django's request objects give them); JSON requests pass the body as a string, which
is how the SDK takes the `bodySHA256` path. A missing signature header is passed as "".
Plivo's body parameters are passed as parse_qs gives them (a list for a repeated name).
Usage: python3 -m venv .venv && .venv/bin/pip install -r requirements.txt &&
.venv/bin/python oracle.py
"""

import json
import os
from urllib.parse import parse_qs, parse_qsl

from plivo.version import __version__ as plivo_version
from plivo.utils.signature_v3 import validate_v3_signature
from twilio import __version__
from twilio.request_validator import RequestValidator


class MultiDict(dict):
    """The `getall` interface RequestValidator.get_values looks for."""

    def __init__(self, pairs):
        super().__init__()
        self.pairs = pairs
        for k, v in pairs:
            self.setdefault(k, v)

    def getall(self, name):
        return [v for k, v in self.pairs if k == name]


def load(provider):
    path = os.path.join(os.path.dirname(__file__), f"../../../tests/vectors/{provider}.json")
    with open(path) as f:
        return json.load(f)


def report(sdk, v, verdict):
    expected = v["expected"] == "valid"
    status = "agrees" if verdict == expected else "DISAGREES"
    print(f"{sdk} {status}: {v['id']} -> {verdict}")
    assert verdict == expected, v["id"]


def check_plivo():
    for v in load("plivo"):
        params = {}
        if v["method"] == "POST":
            for name, values in parse_qs(v["body"], keep_blank_values=True).items():
                params[name] = values if len(values) > 1 else values[0]
        verdict = validate_v3_signature(
            v["method"],
            v["url"],
            v["headers"].get("X-Plivo-Signature-V3-Nonce", ""),
            v["secret"],
            v["headers"].get("X-Plivo-Signature-V3", ""),
            params,
        )
        report(f"plivo-python {plivo_version}", v, verdict)


def main():
    check_plivo()
    for v in load("twilio"):
        validator = RequestValidator(v["secret"])
        json_request = v["headers"].get("Content-Type") == "application/json"
        params = v["body"] if json_request else MultiDict(parse_qsl(v["body"], keep_blank_values=True))
        signature = v["headers"].get("X-Twilio-Signature", "")
        report(f"twilio-python {__version__}", v, validator.validate(v["url"], params, signature))


if __name__ == "__main__":
    main()
