"""WebSub (W3C Recommendation, 23 January 2018), section 7.1: `X-Hub-Signature:
method=signature`, the method one of sha1/sha256/sha384/sha512, the signature the hexadecimal
HMAC of the request body keyed with hub.secret. Section 8.3 advises SHA-256 at least, so
hooksign accepts sha1 only when asked (`WebSub::with_legacy_sha1`): the sha1 vectors here are
refused by default, which is hooksign's policy, stated in each."""

from documented._common import hex_mac, tampered, vector

PROVIDER = "websub"
DOCS = ["https://www.w3.org/TR/websub/#authenticated-content-distribution"]
MODEL = "X-Hub-Signature: <method>=<hex HMAC-<method>(hub.secret, body)>, method in sha1, sha256, sha384, sha512."

SECRET = "hooksign-websub-hub-secret"
ATOM = '<feed xmlns="http://www.w3.org/2005/Atom"><title>news</title></feed>'
UNICODE = '<feed xmlns="http://www.w3.org/2005/Atom"><title>Nouvelles du café — 新闻</title></feed>'


def sig(method, body, secret=SECRET):
    return {"X-Hub-Signature": f"{method}={hex_mac(method, secret, body)}"}


def cases():
    upper = hex_mac("sha256", SECRET, ATOM).upper()
    return [
        vector("valid-sha256", secret=SECRET, headers=sig("sha256", ATOM), body=ATOM,
               expected="valid", reason="sha256, the method the Recommendation recommends"),
        vector("valid-sha384", secret=SECRET, headers=sig("sha384", ATOM), body=ATOM,
               expected="valid", reason="sha384, a recognised method"),
        vector("valid-sha512-unicode", secret=SECRET, headers=sig("sha512", UNICODE), body=UNICODE,
               expected="valid", reason="sha512 over a body with non-ASCII UTF-8"),
        vector("valid-upper-case-hex", secret=SECRET, headers={"X-Hub-Signature": f"sha256={upper}"},
               body=ATOM, expected="valid",
               reason="the Recommendation says hexadecimal without a case: upper case is hex too"),
        vector("valid-rotation", secret=["an-older-hub-secret", SECRET], matched_secret_index=1,
               headers=sig("sha256", ATOM), body=ATOM, expected="valid",
               reason="two secrets (a subscription renewed with a new hub.secret), the second signed"),
        vector("sha1-refused-by-default", secret=SECRET, headers=sig("sha1", ATOM), body=ATOM,
               expected="invalid", error="malformed_header",
               reason="a correct sha1 signature: a recognised method, but section 8.3 advises a minimum of SHA-256, so hooksign refuses it unless with_legacy_sha1 (policy)"),
        vector("tampered-body", secret=SECRET, headers=sig("sha256", ATOM), body=tampered(ATOM),
               expected="invalid", error="signature_mismatch", reason="one bit of the body flipped"),
        vector("wrong-secret", secret="not-the-hub-secret", headers=sig("sha256", ATOM), body=ATOM,
               expected="invalid", error="signature_mismatch", reason="another hub.secret"),
        vector("method-mismatch", secret=SECRET,
               headers={"X-Hub-Signature": "sha512=" + hex_mac("sha256", SECRET, ATOM)}, body=ATOM,
               expected="invalid", error="malformed_header",
               reason="a SHA-256 MAC labelled sha512: recomputed with the named method it cannot match (and has the wrong length)"),
        vector("unknown-method", secret=SECRET,
               headers={"X-Hub-Signature": "md5=" + hex_mac("sha256", SECRET, ATOM)}, body=ATOM,
               expected="invalid", error="malformed_header", reason="md5 is not a recognised method"),
        vector("missing-header", secret=SECRET, headers={}, body=ATOM, expected="invalid",
               error="missing_header", reason="no X-Hub-Signature"),
    ]
