"""Seeds of the verify_url_form target: every Twilio, Mandrill and Plivo vector in the
target's input form (provider, method, URL lines, then the delivery), plus inputs whose
signature header is a `sK` marker the target replaces with the reference's signature of
secret K. Usage: python3 fuzz/seeds_url_form.py (from the repository root)."""

import hashlib
import json
import os

OUT = "fuzz/corpus/verify_url_form"
MARKED = [
    b"twilio\nPOST\nhttps://h.example.com/sms?x=1\nX-Twilio-Signature:s1\n\nFrom=%2B1415&Body=hi+there&Body=a&Body=hi+there",
    b"twilio\nPOST\nhttps://h.example.com:443/sms\nX-Twilio-Signature:s0\n\nA=1",
    b"twilio\nPOST\nhttp://u:p@h.example.com:8080/x?bodySHA256=H\nX-Twilio-Signature:s2\n\n{\"a\":1}",
    b"mandrill\nPOST\nhttps://h.example.com/m?k=v\nX-Mandrill-Signature:s2\n\nmandrill_events=%5B%5D&z=1",
    b"mandrill\nPOST\nhttps://h.example.com/m\nX-Mandrill-Signature:s0\n\na=1&a=2",
    b"plivo\nPOST\nhttps://u@h.example.com:8443/p/?b=2&a=%20x#f\nX-Plivo-Signature-V3:s1\nX-Plivo-Signature-V3-Nonce:123\n\nDigits=1&Digits=%2A&CallUUID=x",
    b"plivo\nGET\nhttps://h.example.com/p?z=1&a=\nX-Plivo-Signature-V3:s0\nX-Plivo-Signature-V3-Nonce:n\n\nignored=1",
    b"plivo\nPUT\nhttps://h.example.com/p\nX-Plivo-Signature-V3:s0\nX-Plivo-Signature-V3-Nonce:n\n\n",
]


def main():
    os.makedirs(OUT, exist_ok=True)
    seeds = []
    for provider in ["twilio", "mandrill", "plivo"]:
        with open(f"tests/vectors/{provider}.json") as f:
            for v in json.load(f):
                head = "".join(f"{k}:{val}\n" for k, val in v["headers"].items())
                seeds.append(f"{provider}\n{v['method']}\n{v['url']}\n{head}\n{v['body']}".encode())
    seeds += MARKED
    for seed in seeds:
        with open(os.path.join(OUT, hashlib.sha1(seed).hexdigest()), "wb") as f:
            f.write(seed)
    print(f"{OUT}: {len(seeds)} seeds")


if __name__ == "__main__":
    main()
