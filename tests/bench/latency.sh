#!/usr/bin/env bash
# Latency from POST /v1/events to the receiver seeing survey.requested: a webhook
# campaign on bench.latency (delay PT0S, so each event schedules an invitation due
# at once and wakes the dispatcher), one subscription to the sink
# (tests/bench/webhook_sink.mjs --record, which keeps the arrival time of each
# contact's first survey.requested), and tests/bench/pace_events.mjs posting one
# event a request at a fixed RATE for SECONDS, each for a new contact. The latency of
# an event is the sink's arrival time of its contact's message minus the time its
# POST was sent (both processes read the same clock). The reference measured in
# the same run is the POST's own answer time (the event committed with its
# invitation and send job).
#
#   tests/bench/latency.sh [--pg URL] [--rate N] [--seconds S] [--dispatch-workers N]
#
# --pg: a PostgreSQL server whose user may create databases (a fresh one is made).
# Default: a fresh SQLite file. Needs node and a build.
# Environment: SERVE_ARGS adds serve flags; KEEP_BENCH_DIR=1 keeps the work directory.
set -euo pipefail
cd "$(dirname "$0")/../.."

pg_base="" rate=1000 seconds=30 dispatch_workers=4
while [ $# -gt 0 ]; do
  case "$1" in
    --pg) pg_base="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --dispatch-workers) dispatch_workers="$2"; shift 2 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done

. tests/bench/common.sh
. tests/bench/outbox_common.sh

echo "==> $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}'), $(nproc) cores;" \
  "storage: $(storage_name); $rate events/s for ${seconds}s; --dispatch-workers $dispatch_workers"
db=$(fresh_db latency)
admin=$($bin keys create --scope admin --name bench --db "$db" 2>/dev/null | tail -n 1)
ingest=$($bin keys create --scope ingest --name hook --db "$db" 2>/dev/null | tail -n 1)
# shellcheck disable=SC2086
start_server "$db" --webhook-allow-private --dispatch-workers "$dispatch_workers" ${SERVE_ARGS:-}
survey=$(create_survey "$admin" "Latency bench")
api POST "$admin" /v1/webhooks '{"url":"'"$sink_url"'/hooks/touchpoint","events":["survey.requested"]}' >"$work/subscription.json"
secret=$(json secret <"$work/subscription.json")
campaign=$(api POST "$admin" /v1/campaigns '{"name":"In-app NPS","survey_id":"'"$survey"'","channel":"webhook",
  "trigger":{"type":"event","event":"bench.latency","delay":"PT0S"}}' | json id)
api POST "$admin" "/v1/campaigns/$campaign/activate" >/dev/null
start_sink --secret "$secret" --record

# pace RUN SECONDS: posts at the rate for SECONDS, waits for the deliveries, prints the figures.
pace() {
  local run=$1 secs=$2 expected
  curl -sf -X POST "$sink_url/reset"
  node tests/bench/pace_events.mjs --url "$url" --key "$ingest" --rate "$rate" --seconds "$secs" \
    --prefix "$run" --out "$work/$run.json"
  expected=$(python3 -c "print(round($rate * $secs))")
  for _ in $(seq 300); do
    [ "$(sink_stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["by_type"].get("survey.requested", 0))')" -ge "$expected" ] && break
    sleep 0.1
  done
  curl -sf "$sink_url/arrivals" >"$work/$run-arrivals.json"
  python3 - "$work/$run.json" "$work/$run-arrivals.json" "$run" <<'PY'
import json, sys
paced = json.load(open(sys.argv[1]))
arrivals = json.load(open(sys.argv[2]))
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")
latency = [arrivals[c] - t for c, t in paced["sent"].items() if c in arrivals]
missing = len(paced["sent"]) - len(latency)
answered = paced["answered_ms"]
print(f"{sys.argv[3]}: {paced['events']} events at {paced['rate']:.0f}/s ({paced['errors']} errors, "
      f"pacer at most {paced['late_max_ms']:.1f} ms late); {len(latency)} survey.requested received, {missing} missing")
print(f"    POST /v1/events to survey.requested: p50 {pct(latency, 50):.1f} ms, p90 {pct(latency, 90):.1f} ms, "
      f"p99 {pct(latency, 99):.1f} ms, max {max(latency):.1f} ms")
print(f"    reference, the POST's answer:      p50 {pct(answered, 50):.1f} ms, p90 {pct(answered, 90):.1f} ms, "
      f"p99 {pct(answered, 99):.1f} ms, max {max(answered):.1f} ms; "
      f"ratio of the p99s {pct(latency, 99) / pct(answered, 99):.1f}")
PY
}

pace warmup 3 >/dev/null
pace run "$seconds"
echo "    sink: $(sink_stats)"
echo "    server peak RSS (VmHWM): $(peak_rss_mib) MiB"
echo "    jobs: $(sql "$db" "SELECT kind || ' ' || state || ' ' || COUNT(*) FROM jobs GROUP BY kind, state ORDER BY kind, state" | paste -sd, | sed 's/,/, /g')"
