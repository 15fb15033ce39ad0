#!/usr/bin/env bash
# Instructions per answered response, counted by valgrind's callgrind in the
# whole server (every thread: network, writer, checkpointer, text pass), so the
# figure does not move with machine noise. Answers REQUESTS invitations through
# POST /v1/responses over one keep-alive connection, with a comment on each and
# then without; warm-up requests are left out (the counters are zeroed after them).
#
#   tests/bench/callgrind_ingest.sh [--requests N]
#
# Needs valgrind and a build in build/. Prints user-space instructions per
# response; /healthz is measured the same way as the reference.
set -euo pipefail
cd "$(dirname "$0")/../.."

requests=2000
while [ $# -gt 0 ]; do
  case "$1" in
    --requests) requests="$2"; shift 2 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }

. tests/bench/common.sh
db="sqlite:$work/callgrind.db"
secret=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
key=$($bin keys create --scope admin --name bench --db "$db" 2>/dev/null | tail -n 1)
TOUCHPOINT_SECRET="$secret" start_server "$db"
survey=$(create_survey "$key" "Callgrind NPS")
$seed invitations --db "$db" --secret "$secret" --survey "$survey" --count $((3 * (requests + 100))) \
  --tokens "$work/tokens" >/dev/null 2>&1
stop_server

TOUCHPOINT_SECRET="$secret" valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.%p" \
  "$bin" serve --db "$db" --data-dir "$work" --listen "127.0.0.1:$port" --public-url "$url" --log-level warn \
  --threads 1 >>"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 300); do curl -sf "$url/healthz" >/dev/null && break; sleep 0.2; done

# measure NAME PYTHON-MODE: warms up, zeroes the counters, sends the requests, dumps.
measure() {
  python3 - "$1" "$port" "$work/tokens" "$requests" <<'PY' >"$work/$1.zero"
import http.client, json, sys
mode, port, tokens_file, n = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
offset = {"healthz": 0, "with_comment": 0, "without_comment": n + 100}[mode]
tokens = open(tokens_file).read().split()[offset: offset + n + 100]
conn = http.client.HTTPConnection("127.0.0.1", port)
def send(i):
    if mode == "healthz":
        conn.request("GET", "/healthz")
    else:
        answers = {"q_score": i % 11}
        if mode == "with_comment": answers["q_why"] = ["Great support, the team answered within the hour.",
            "Setup was slow and the invoice was wrong twice.", "Trop cher pour ce que c'est, mais le support est rapide.",
            "Prima product, de onboarding ging snel."][i % 4]
        conn.request("POST", "/v1/responses", json.dumps({"token": tokens[i], "answers": answers, "complete": True}),
                     {"Content-Type": "application/json"})
    r = conn.getresponse(); r.read()
    if r.status != 200: sys.exit(f"{mode}: HTTP {r.status}")
for i in range(100): send(i)
print("warm", flush=True)
sys.stdout.close()
import os, time
while not os.path.exists(tokens_file + ".go"): time.sleep(0.05)
for i in range(100, 100 + n): send(i)
PY
}

total_after_zero() { # runs one measurement; prints the instructions counted while it sent
  local name=$1
  rm -f "$work/tokens.go"
  measure "$name" &
  local client=$!
  while [ ! -s "$work/$name.zero" ]; do sleep 0.2; done
  callgrind_control -z "$server" >/dev/null 2>&1
  touch "$work/tokens.go"
  wait "$client"
  sleep 1 # the writer's last commit and a checkpoint round
  callgrind_control -d "$name" "$server" >/dev/null 2>&1
  local file
  file=$(ls -t "$work"/callgrind.* | head -n 1) # the dump just written
  awk '/^(summary|totals):/ {print $2; exit}' "$file"
}

healthz=$(total_after_zero healthz)
with=$(total_after_zero with_comment)
without=$(total_after_zero without_comment)
kill "$server"; wait "$server" 2>/dev/null || true; server=""
python3 - "$requests" "$healthz" "$with" "$without" <<'PY'
import sys
n, h, w, wo = int(sys.argv[1]), *map(int, sys.argv[2:])
print(f"{'':28}{'instructions per request':>26}{'ratio to /healthz':>20}")
for name, total in [("/healthz", h), ("response with a comment", w), ("response without comment", wo)]:
    print(f"{name:28}{total / n:>26,.0f}{total / h:>20.2f}")
PY
