#!/usr/bin/env python3
"""Posts COUNT events named NAME for COUNT distinct contacts (PREFIX-0, PREFIX-1, ...)
to /v1/events/batch in batches, over one keep-alive connection; prints what the
engine answered in all (accepted events, invitations scheduled and skipped).

    post_events.py URL KEY COUNT [--name bench.deliver] [--prefix d] [--batch 1000]
"""
import argparse
import http.client
import json
import sys
import urllib.parse

parser = argparse.ArgumentParser()
parser.add_argument("url")
parser.add_argument("key")
parser.add_argument("count", type=int)
parser.add_argument("--name", default="bench.deliver")
parser.add_argument("--prefix", default="d")
parser.add_argument("--batch", type=int, default=1000)
args = parser.parse_args()

target = urllib.parse.urlsplit(args.url)
connection = http.client.HTTPConnection(target.hostname, target.port)
headers = {"Authorization": f"Bearer {args.key}", "Content-Type": "application/json"}
accepted = 0
statuses = {}
for start in range(0, args.count, args.batch):
    events = [{"id": f"{args.prefix}-ev-{i}", "contact": f"{args.prefix}-{i}", "name": args.name,
               "properties": {"plan": "pro"}} for i in range(start, min(args.count, start + args.batch))]
    connection.request("POST", "/v1/events/batch", json.dumps({"events": events}), headers)
    response = connection.getresponse()
    body = response.read()
    if response.status != 202:
        sys.exit(f"POST /v1/events/batch answered {response.status}: {body[:500]!r}")
    answer = json.loads(body)
    accepted += answer["accepted"]
    for invitation in answer["invitations"]:
        statuses[invitation["status"]] = statuses.get(invitation["status"], 0) + 1
print(f"accepted {accepted} events; invitations: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
