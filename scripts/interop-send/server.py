"""Verifies deliveries live with the official Python SDKs (standardwebhooks, svix, stripe).

    python server.py PORT_FILE

Listens on 127.0.0.1 (a free port, written to PORT_FILE), answers 204 when the SDK accepts a
delivery and 401 with the SDK's error otherwise. Secrets come from the environment:
STANDARD_WEBHOOKS_SECRET (also used for svix) and STRIPE_WEBHOOK_SECRET.
"""
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import stripe
from standardwebhooks.webhooks import Webhook as StdWebhook
from svix.webhooks import Webhook as SvixWebhook

STD = os.environ["STANDARD_WEBHOOKS_SECRET"]
STRIPE = os.environ["STRIPE_WEBHOOK_SECRET"]


def verify(path, headers, body):
    if path == "/standard-webhooks":
        StdWebhook(STD).verify(body, headers)
    elif path == "/svix":
        SvixWebhook(STD).verify(body, headers)
    elif path == "/stripe":
        stripe.Webhook.construct_event(body.decode(), headers.get("stripe-signature", ""), STRIPE)
    else:
        raise ValueError(f"no route {path}")


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        headers = {k.lower(): v for k, v in self.headers.items()}
        try:
            verify(self.path, headers, body)
        except Exception as e:  # the SDK's verdict, whatever its exception type
            text = f"{type(e).__name__}: {e}".encode()
            self.send_response(401)
            self.send_header("content-length", str(len(text)))
            self.end_headers()
            self.wfile.write(text)
            return
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[1], "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
