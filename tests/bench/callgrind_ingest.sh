#!/usr/bin/env bash
# Instructions per answered response, counted by valgrind's callgrind in the
# whole server, so the figure does not move with machine noise. Answers REQUESTS
# invitations through POST /v1/responses over one keep-alive connection, with a
# comment on each and then without; warm-up requests are left out (the counters
# are zeroed after them).
#
#   tests/bench/callgrind_ingest.sh [--requests N]
#
# Needs valgrind and a build in build/. Prints user-space instructions per
# response, per thread and in all; /healthz is measured the same way as the
# reference. Threads are counted apart (--separate-threads) and told apart by
# the function each one runs: the network and writer threads work per request,
# so their sum (the "request path") is the figure to compare between builds;
# the WAL checkpointer and the text pass run on a clock, so what they count
# depends on how long the run took under valgrind.
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

TOUCHPOINT_SECRET="$secret" valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="$work/callgrind.%p" \
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

# thread_totals FILES...: "role instructions" per thread dump, the role found
# from the engine's own thread entry points in the call graph.
thread_totals() {
  python3 - "$@" <<'PY'
import sys
roles = [("writer", "response_writer::run"), ("checkpointer", "wal_checkpointer"), ("text pass", "text_pass::round"),
         ("log", "buffered_log_sink"), ("network", "scheduler::run")]
for path in sys.argv[1:]:
    text = open(path, errors="replace").read()
    total = next((int(line.split()[1]) for line in text.splitlines() if line.startswith(("summary:", "totals:"))), 0)
    role = next((name for name, marker in roles if marker in text), "other")
    print(role, total)
PY
}

measure_dump() { # runs one measurement; prints "role instructions" per thread while it sent
  local name=$1
  rm -f "$work/tokens.go"
  measure "$name" &
  local client=$!
  while [ ! -s "$work/$name.zero" ]; do sleep 0.2; done
  callgrind_control -z "$server" >/dev/null 2>&1
  touch "$work/tokens.go"
  wait "$client"
  sleep 1 # the writer's last commit and a checkpoint round
  touch "$work/$name.before"
  sleep 0.1
  callgrind_control -d "$name" "$server" >/dev/null 2>&1
  sleep 0.5
  # The dump just written: one file per thread.
  thread_totals $(find "$work" -maxdepth 1 -name 'callgrind.*' -newer "$work/$name.before")
}

measure_dump healthz >"$work/healthz.threads"
measure_dump with_comment >"$work/with.threads"
measure_dump without_comment >"$work/without.threads"
kill "$server"; wait "$server" 2>/dev/null || true; server=""
python3 - "$requests" "$work/healthz.threads" "$work/with.threads" "$work/without.threads" <<'PY'
import collections, sys
n = int(sys.argv[1])
def read(path):
    totals = collections.Counter()
    for line in open(path):
        role, count = line.rsplit(" ", 1)
        totals[role] += int(count)
    return totals
runs = {name: read(path) for name, path in zip(("/healthz", "with a comment", "without a comment"), sys.argv[2:])}
roles = ["network", "writer", "checkpointer", "text pass", "log", "other"]
print("user-space instructions per request, by thread")
print(f"{'':22}" + "".join(f"{name:>20}" for name in runs))
for role in roles:
    if any(r[role] for r in runs.values()):
        print(f"{role:22}" + "".join(f"{r[role] / n:>20,.0f}" for r in runs.values()))
path = {name: r["network"] + r["writer"] for name, r in runs.items()}
whole = {name: sum(r.values()) for name, r in runs.items()}
print(f"{'request path':22}" + "".join(f"{path[name] / n:>20,.0f}" for name in runs) + "   (network + writer)")
print(f"{'whole server':22}" + "".join(f"{whole[name] / n:>20,.0f}" for name in runs))
print()
print(f"{'ratio to /healthz':22}{'request path':>20}{'whole server':>20}")
for name in list(runs)[1:]:
    print(f"{name:22}{path[name] / path['/healthz']:>20.2f}{whole[name] / whole['/healthz']:>20.2f}")
PY
