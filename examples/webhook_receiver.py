#!/usr/bin/env python3
"""A small receiver for Touchpoint's webhooks, for trying campaigns out.

Verifies each message's Standard Webhooks signature (HMAC-SHA256 of
"webhook-id.webhook-timestamp.body" with the subscription's secret) and prints
one line per message: its type, the contact and what it asks. Answers 204, or
401 when the signature does not match.

    examples/webhook_receiver.py --port 8090 --secret whsec_...
"""
import argparse
import base64
import hashlib
import hmac
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOLERANCE_SECONDS = 5 * 60


def expected_signature(secret: str, message_id: str, timestamp: str, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = message_id.encode() + b"." + timestamp.encode() + b"." + body
    return base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def verified(secret: str, headers, body: bytes) -> bool:
    message_id, timestamp = headers.get("webhook-id", ""), headers.get("webhook-timestamp", "")
    if not message_id or not timestamp.isdigit() or abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    want = expected_signature(secret, message_id, timestamp, body)
    # The header may carry several "v1,<signature>" entries (during a secret rotation).
    return any(hmac.compare_digest(entry.partition(",")[2], want)
               for entry in headers.get("webhook-signature", "").split() if entry.startswith("v1,"))


def describe(message: dict) -> str:
    data = message.get("data", {})
    kind = message.get("type", "?")
    if kind == "survey.requested":
        survey = data.get("survey", {})
        contact = data.get("contact", {})
        again = f", reminder {data['reminder']}" if "reminder" in data else ""
        return (f"show \"{survey.get('name')}\" to {contact.get('external_id')} in {contact.get('locale')}{again}: "
                f"{data.get('url')}")
    if kind.startswith("response."):
        return f"{data.get('contact')} answered {json.dumps(data.get('answers', {}), ensure_ascii=False)}"
    if kind == "invitation.failed":
        return f"invitation {data.get('invitation_id')} for {data.get('contact')} failed: {data.get('reason')}"
    return json.dumps(data, ensure_ascii=False)[:200]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--secret", required=True, help="the subscription's whsec_ secret")
    args = parser.parse_args()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            if not verified(args.secret, self.headers, body):
                print(f"[webhook] refused {self.headers.get('webhook-id')}: bad signature", flush=True)
                self.send_response(401)
                self.end_headers()
                return
            try:
                line = describe(json.loads(body))
                kind = json.loads(body).get("type")
            except (ValueError, AttributeError):
                line, kind = "(not JSON)", "?"
            print(f"[webhook] {kind}: {line}", flush=True)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *_):  # one line per message is enough
            pass

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print(f"[webhook] listening on http://127.0.0.1:{args.port}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
