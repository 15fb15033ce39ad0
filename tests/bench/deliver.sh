#!/usr/bin/env bash
# Webhook delivery throughput: how fast the outbox delivers survey.requested
# messages to a local receiver (tests/bench/webhook_sink.mjs, which answers 204,
# counts every delivery and checks the signature of every 50th), against wrk
# posting the same body with the same headers to the same receiver in the same run.
#
# Setup: one webhook subscription (survey.requested, the sink's URL), one webhook
# campaign on the event bench.deliver (delay PT0S), and MESSAGES such events for
# as many contacts, posted while the server runs with --dispatch-workers 0: that
# leaves MESSAGES due send jobs. Then, for each worker count W of --workers:
#   - the first W only: the server restarts with --dispatch-workers W and the time
#     to send and deliver everything is measured (each invitation: its send job,
#     which judges it again and enqueues the message, then the message): "end to end";
#   - POST /v1/webhooks/{id}/replay {"status":"delivered"} requeues every message in
#     one transaction; the time from its answer to the receiver's last delivery is
#     measured: the delivery rate alone (the replay request's own time and the rate
#     counting it are printed beside it). Also printed: the server's and the sink's
#     CPU per delivery, and the cores left idle. The jobs table must then hold MESSAGES webhook jobs
#     'done' and none pending or leased; the sink must count MESSAGES more.
#   - wrk -t1 -cW (W connections, as W workers each keep one request in flight)
#     posts the body for 10 s; and once, wrk -t2 -c64 (the receiver's ceiling).
#
#   tests/bench/deliver.sh [--pg URL] [--messages N] [--workers "2 4 8"] [--verify-every N]
#
# --pg: a PostgreSQL server whose user may create databases (a fresh one is made).
# Default: a fresh SQLite file. Needs node, wrk, sqlite3 (or psql) and a build.
# Environment: SERVE_ARGS adds serve flags; KEEP_BENCH_DIR=1 keeps the work directory;
# PERF=W records 6 s of `perf record --call-graph dwarf` of the server during the
# replay with W workers (into the work directory, with KEEP_BENCH_DIR=1 to keep it).
set -euo pipefail
cd "$(dirname "$0")/../.."

pg_base="" messages=100000 workers="2 4 8" verify_every=50
while [ $# -gt 0 ]; do
  case "$1" in
    --pg) pg_base="$2"; shift 2 ;;
    --messages) messages="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    --verify-every) verify_every="$2"; shift 2 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done

. tests/bench/common.sh
. tests/bench/outbox_common.sh
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

now_ms() { date +%s%3N; }
# wait_for_sink COUNT: waits until the sink has counted COUNT deliveries (at most 10 min).
wait_for_sink() {
  local deadline=$(( $(date +%s) + 600 )) got
  while :; do
    got=$(sink_stats | json deliveries)
    [ "$got" -ge "$1" ] && return
    [ "$(date +%s)" -lt "$deadline" ] || { echo "FAIL: the sink counted $got of $1 deliveries" >&2; exit 1; }
    sleep 0.1
  done
}
# open_jobs: webhook and send jobs not yet finished.
open_jobs() { sql "$db" "SELECT COUNT(*) FROM jobs WHERE state IN ('pending', 'leased') AND kind IN ('send', 'webhook')"; }
wait_for_jobs() {
  for _ in $(seq 300); do [ "$(open_jobs)" = 0 ] && return; sleep 0.1; done
  echo "FAIL: $(open_jobs) jobs still open after the sink got everything" >&2
  exit 1
}
serve_flags() { echo "--webhook-allow-private --dispatch-workers $1 ${SERVE_ARGS:-}"; }

echo "==> $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}'), $(nproc) cores;" \
  "storage: $(storage_name); $messages messages; node $(node --version)"
db=$(fresh_db deliver)
admin=$($bin keys create --scope admin --name bench --db "$db" 2>/dev/null | tail -n 1)
ingest=$($bin keys create --scope ingest --name hook --db "$db" 2>/dev/null | tail -n 1)
# shellcheck disable=SC2046
start_server "$db" $(serve_flags 0)
survey=$(create_survey "$admin" "Delivery bench")
api POST "$admin" /v1/webhooks '{"url":"'"$sink_url"'/hooks/touchpoint","events":["survey.requested"]}' >"$work/subscription.json"
subscription=$(json id <"$work/subscription.json")
secret=$(json secret <"$work/subscription.json")
campaign=$(api POST "$admin" /v1/campaigns '{"name":"In-app NPS","survey_id":"'"$survey"'","channel":"webhook",
  "trigger":{"type":"event","event":"bench.deliver"}}' | json id)
api POST "$admin" "/v1/campaigns/$campaign/activate" >/dev/null
since=$(date -u +%Y-%m-%dT%H:%M:%SZ -d '-1 minute')
echo "==> posting $messages events (one per contact) with the dispatcher off"
t0=$(now_ms)
python3 tests/bench/post_events.py "$url" "$ingest" "$messages"
echo "    in $(( $(now_ms) - t0 )) ms; due send jobs: $(open_jobs)"
stop_server
start_sink --secret "$secret" --verify-every "$verify_every"

first=1
for w in $workers; do
  # shellcheck disable=SC2046
  start_server "$db" $(serve_flags "$w")
  if [ "$first" = 1 ]; then
    # The server started with every send job due: from its start to the last delivery.
    t0=$(now_ms)
    wait_for_sink "$messages"
    wait_for_jobs
    last=$(sink_stats | json last_ms)
    ms=$(python3 -c "print(max(1, round($last - $t0)))")
    printf 'end to end, %2s workers: %7s invitations sent and delivered/s (%s in %s ms from the server answering /healthz); server CPU %s us each; load %s\n' \
      "$w" "$(( messages * 1000 / ms ))" "$messages" "$ms" "$(( $(server_cpu_ms) * 1000 / messages ))" "$(load_average)"
    first=0
  fi
  before=$(sink_stats | json deliveries)
  [ "${PERF:-}" != "$w" ] || { perf record -F 499 --call-graph dwarf,16384 -o "$work/perf-$w.data" -p "$server" -- sleep 6 2>"$work/perf.log" & perf_pid=$!; sleep 0.5; }
  t0=$(now_ms) cpu0=$(server_cpu_ms) load0=$(load_average) sink0=$(sink_cpu_ms) idle0=$(idle_ms)
  requeued=$(api POST "$admin" "/v1/webhooks/$subscription/replay" '{"since":"'"$since"'","status":"delivered"}' | json requeued)
  replay_ms=$(( $(now_ms) - t0 ))
  wait_for_sink $(( before + messages ))
  wait_for_jobs
  last=$(sink_stats | json last_ms)
  [ -z "${perf_pid:-}" ] || { wait "$perf_pid" || true; perf_pid=""; }
  # Delivering starts when the replay's transaction commits, just before it answers.
  ms=$(python3 -c "print(max(1, round($last - $t0 - $replay_ms)))")
  overall=$(python3 -c "print(round($requeued * 1000 / max(1, $last - $t0)))")
  cpu_us=$(( ($(server_cpu_ms) - cpu0) * 1000 / requeued ))
  sink_us=$(( ($(sink_cpu_ms) - sink0) * 1000 / requeued ))
  idle_cores=$(python3 -c "print(f'{($(idle_ms) - $idle0) / max(1, $(now_ms) - $t0):.2f}')")
  rate=$(( requeued * 1000 / ms ))
  rss=$(peak_rss_mib)
  stop_server
  done_jobs=$(sql "$db" "SELECT COUNT(*) FROM jobs WHERE kind = 'webhook' AND state = 'done'")
  attempts=$(sql "$db" "SELECT COUNT(*) FROM delivery_attempts")
  # The same body and headers from wrk, with as many connections as workers.
  if [ ! -e "$work/body.json" ]; then
    sql "$db" "SELECT payload FROM jobs WHERE kind = 'webhook' LIMIT 1" |
      python3 -c 'import json,sys; sys.stdout.write(json.load(sys.stdin)["body"])' >"$work/body.json"
  fi
  ts=$(date +%s)
  sig=$(python3 - "$secret" "$ts" "$work/body.json" <<'PY'
import base64, hashlib, hmac, sys
key = base64.b64decode(sys.argv[1].removeprefix("whsec_"))
body = open(sys.argv[3], "rb").read()
print("v1," + base64.b64encode(hmac.new(key, b"msg_wrk_reference." + sys.argv[2].encode() + b"." + body, hashlib.sha256).digest()).decode())
PY
)
  BODY_FILE="$work/body.json" WEBHOOK_ID=msg_wrk_reference WEBHOOK_TS=$ts WEBHOOK_SIG=$sig \
    wrk -t1 -c"$w" -d10s -s tests/bench/post_webhook.lua "$sink_url/hooks/touchpoint" >"$work/wrk-$w.out"
  wrk_rate=$(awk '/Requests\/sec/ {print $2}' "$work/wrk-$w.out")
  printf 'replay,     %2s workers: %7s deliveries/s (%s in %s ms from the replay'"'"'s answer; the replay request %s ms, %s/s with it; server CPU %s us each, sink %s us, idle %s cores); wrk -c%s: %s/s; ratio %s; jobs done %s, attempts logged %s; peak RSS %s MiB; load %s\n' \
    "$w" "$rate" "$requeued" "$ms" "$replay_ms" "$overall" "$cpu_us" "$sink_us" "$idle_cores" "$w" "$wrk_rate" "$(python3 -c "print(f'{$rate / $wrk_rate:.2f}')")" \
    "$done_jobs" "$attempts" "$rss" "$load0"
  [ "$done_jobs" = "$messages" ] || { echo "FAIL: $done_jobs webhook jobs done, expected $messages" >&2; exit 1; }
done
BODY_FILE="$work/body.json" WEBHOOK_ID=msg_wrk_reference WEBHOOK_TS=$ts WEBHOOK_SIG=$sig \
  wrk -t2 -c64 -d10s -s tests/bench/post_webhook.lua "$sink_url/hooks/touchpoint" >"$work/wrk-64.out"
echo "receiver ceiling, wrk -t2 -c64: $(awk '/Requests\/sec/ {print $2}' "$work/wrk-64.out")/s;" \
  "body $(wc -c <"$work/body.json") bytes"
echo "sink: $(sink_stats)"
python3 - "$(sink_stats)" <<'PY'
import json, sys
s = json.loads(sys.argv[1])
if s["invalid"]:
    sys.exit(f"FAIL: {s['invalid']} of {s['checked']} checked signatures did not verify")
PY
