"""What every model in this directory shares: the HMAC helpers and the case constructor.
See `../documented.py`."""

import base64
import hashlib
import hmac

HASHES = {"sha1": hashlib.sha1, "sha256": hashlib.sha256, "sha384": hashlib.sha384,
          "sha512": hashlib.sha512}


def mac(algorithm, key, message):
    """The raw HMAC of `message` (bytes or str) under `key` (bytes or str, UTF-8)."""
    if isinstance(key, str):
        key = key.encode()
    if isinstance(message, str):
        message = message.encode()
    return hmac.new(key, message, HASHES[algorithm]).digest()


def hex_mac(algorithm, key, message):
    return mac(algorithm, key, message).hex()


def b64_mac(algorithm, key, message):
    return base64.b64encode(mac(algorithm, key, message)).decode()


def vector(name, *, secret, headers=None, header_pairs=None, body, expected, error=None,
           reason, timestamp=None, now=None, tolerance_seconds=None, matched_secret_index=None):
    """One case. `body` is text (UTF-8) or bytes; `secret` a string or a list (rotation:
    valid iff one of them verifies, `matched_secret_index` names which). `now`/`timestamp`
    are Unix seconds (the clock the test pins); `tolerance_seconds` is the documented default
    window into the past, given only where the provider documents one."""
    assert expected in ("valid", "invalid")
    assert (expected == "invalid") == (error is not None), name
    case = {
        "name": name, "secret": secret, "headers": headers or {}, "header_pairs": header_pairs,
        "body": body, "expected": expected, "error": error, "reason": reason,
        "timestamp": timestamp, "now": now, "tolerance_seconds": tolerance_seconds,
        "matched_secret_index": matched_secret_index,
    }
    return case


def tampered(body):
    """The body with its first byte's lowest bit flipped (still the same length)."""
    raw = body.encode() if isinstance(body, str) else bytes(body)
    return bytes([raw[0] ^ 1]) + raw[1:]
