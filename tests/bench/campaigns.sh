#!/usr/bin/env bash
# Events with active campaigns: wrk posts batches of events to POST /v1/events/batch
# (tests/bench/post_events.lua: BATCH events a request over CONTACTS contacts,
# login / ticket.resolved / page.viewed / order.delivered / onboarding.completed),
# with five event-triggered webhook campaigns active:
#   ticket.resolved where properties.priority = high, delay PT1H
#   ticket.resolved where properties.priority in [normal, low], delay PT2H
#   order.delivered, delay P1D
#   onboarding.completed, delay PT1H
#   login, delay P7D
# so 80 % of the events fire one campaign; nothing comes due during the run (the
# dispatcher runs and finds nothing). Every event, and the invitations and send
# jobs it makes, commit in the request's transaction before the 202.
#
# References measured in the same run, each on a fresh database and server:
# GET /healthz (the HTTP ceiling), and the same batches with the five campaigns
# created but not activated (what the events cost without campaigns). With
# --rounds N the reference and the campaign runs alternate N times.
#
#   tests/bench/campaigns.sh [--pg URL] [--duration S] [--connections N] [--batch N]
#                            [--contacts N] [--rounds N]
#
# --pg: a PostgreSQL server (such as scripts/postgres-sandbox's TOUCHPOINT_TEST_PG)
# whose user may create databases; a fresh database is made for each run.
# Default: a fresh SQLite file per run. Needs wrk, sqlite3 (or psql) and a build.
# Environment: SERVE_ARGS adds serve flags; KEEP_BENCH_DIR=1 keeps the work directory.
set -euo pipefail
cd "$(dirname "$0")/../.."

pg_base="" duration=30 connections=8 batch=500 contacts=500000 rounds=1 threads=2
while [ $# -gt 0 ]; do
  case "$1" in
    --pg) pg_base="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --contacts) contacts="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done

[ "$connections" -ge "$threads" ] || threads=$connections
. tests/bench/common.sh
. tests/bench/outbox_common.sh
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

# Creates the survey and the five campaigns; activates them when $2 is "active".
setup_campaigns() {
  local admin=$1 mode=$2 survey id
  survey=$(create_survey "$admin" "Campaign bench")
  local triggers=(
    '{"type":"event","event":"ticket.resolved","delay":"PT1H","where":{"properties.priority":"high"}}'
    '{"type":"event","event":"ticket.resolved","delay":"PT2H","where":{"properties.priority":["normal","low"]}}'
    '{"type":"event","event":"order.delivered","delay":"P1D"}'
    '{"type":"event","event":"onboarding.completed","delay":"PT1H"}'
    '{"type":"event","event":"login","delay":"P7D"}')
  local i=0 trigger
  for trigger in "${triggers[@]}"; do
    i=$((i + 1))
    id=$(api POST "$admin" /v1/campaigns '{"name":"Bench '"$i"'","survey_id":"'"$survey"'","channel":"webhook","trigger":'"$trigger"'}' | json id)
    [ "$mode" != active ] || api POST "$admin" "/v1/campaigns/$id/activate" >/dev/null
  done
}

# run NAME MODE: a fresh database and server, the campaigns (MODE active or draft),
# then wrk; prints one line and appends "name rate" to $work/rates.
run() {
  local name=$1 mode=$2 db admin ingest
  db=$(fresh_db "$name")
  admin=$($bin keys create --scope admin --name bench --db "$db" 2>/dev/null | tail -n 1)
  ingest=$($bin keys create --scope ingest --name hook --db "$db" 2>/dev/null | tail -n 1)
  start_server "$db" ${SERVE_ARGS:-}
  setup_campaigns "$admin" "$mode"
  local cpu0 load0
  cpu0=$(server_cpu_ms) load0=$(load_average)
  KEY=$ingest BATCH=$batch CONTACTS=$contacts RUN=$name wrk -t"$threads" -c"$connections" -d"${duration}s" --latency \
    -s tests/bench/post_events.lua "$url/v1/events/batch" >"$work/$name.out"
  local requests rate p50 p99 errors rss events
  requests=$(awk '/requests in/ {print $1}' "$work/$name.out")
  rate=$(awk '/Requests\/sec/ {print $2}' "$work/$name.out")
  p50=$(awk '$1 == "50%" {print $2}' "$work/$name.out")
  p99=$(awk '$1 == "99%" {print $2}' "$work/$name.out")
  errors=$(awk '/Non-2xx/ {print $5}' "$work/$name.out")
  rss=$(peak_rss_mib)
  local cpu=$(( $(server_cpu_ms) - cpu0 ))
  stop_server
  events=$(sql "$db" "SELECT COUNT(*) FROM events")
  local per_second
  per_second=$(python3 -c "print(round($rate * $batch))")
  printf '%-14s %7s events/s (%s batches/s of %s)  p50 %-8s p99 %-8s non-2xx %-4s peak RSS %s MiB;' \
    "$name" "$per_second" "$rate" "$batch" "$p50" "$p99" "${errors:-0}" "$rss"
  printf ' server CPU %s us/event; load average %s -> %s\n' "$(( cpu * 1000 / (events > 0 ? events : 1) ))" "$load0" "$(load_average)"
  # Every answered batch is committed: the server holds at least wrk's count
  # (wrk does not count the batches still in flight when it stops, which may commit too).
  local answered=$(( requests * batch ))
  echo "               events stored: $events (wrk counted $answered answered);" \
    "contacts $(sql "$db" "SELECT COUNT(*) FROM contacts")"
  [ "$events" -ge "$answered" ] || { echo "FAIL: fewer events stored than answered" >&2; exit 1; }
  if [ "$mode" = active ]; then
    echo "               invitations: $(sql "$db" "SELECT state || COALESCE(' ' || reason, '') || ' ' || COUNT(*) FROM invitations GROUP BY state, reason ORDER BY COUNT(*) DESC" | paste -sd, | sed 's/,/, /g');" \
      "send jobs: $(sql "$db" "SELECT COUNT(*) FROM jobs WHERE kind = 'send'")"
  fi
  grep -h "first answer other than 202" "$work/$name.out" | sed 's/^/               /' || true
  echo "$name $per_second $(( cpu * 1000 / (events > 0 ? events : 1) ))" >>"$work/rates"
  [ -z "$pg_base" ] || drop_fresh_dbs
  [ -n "${KEEP_BENCH_DIR:-}" ] || rm -f "$work/$name.db" "$work/$name.db-wal" "$work/$name.db-shm"
}

echo "==> $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}'), $(nproc) cores;" \
  "storage: $(storage_name); wrk -t$threads -c$connections -d${duration}s, $batch events a batch over $contacts contacts"
db=$(fresh_db healthz)
start_server "$db" ${SERVE_ARGS:-}
wrk -t"$threads" -c64 -d10s "$url/healthz" >"$work/healthz.out"
health=$(awk '/Requests\/sec/ {print $2}' "$work/healthz.out")
stop_server
echo "GET /healthz (wrk -c64, 10 s): $health requests/s"
for round in $(seq "$rounds"); do
  run "reference$round" draft
  run "campaigns$round" active
done
python3 - "$work/rates" <<'PY'
import sys
rates, cpus = {}, {}
for line in open(sys.argv[1]):
    name, rate, cpu = line.split()
    rates.setdefault(name.rstrip("0123456789"), []).append(float(rate))
    cpus.setdefault(name.rstrip("0123456789"), []).append(float(cpu))
median = lambda v: sorted(v)[len(v) // 2]
ref, camp = median(rates["reference"]), median(rates["campaigns"])
print(f"median events/s: with 5 campaigns {camp:,.0f}, without {ref:,.0f}; ratio {camp / ref:.2f}; "
      f"server CPU per event {median(cpus['campaigns']):.0f} us with campaigns, {median(cpus['reference']):.0f} us without")
PY
