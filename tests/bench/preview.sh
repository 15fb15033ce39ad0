#!/usr/bin/env bash
# Campaign preview benchmark: seeds CONTACTS contacts and EVENTS events (a signup
# each over the last year, the rest over the last 90 days: logins, tickets with a
# priority, orders, page views, cancellations) and another campaign's invitations
# for every tenth contact, then times POST /v1/campaigns/preview over P30D
# through the real server for three campaigns, against references measured in
# the same run: GET /healthz (the HTTP floor), SELECT COUNT(*) FROM events, and
# reading the ticket events of the period bare (what the first preview must read).
#
#   tests/bench/preview.sh [--db URL] [--contacts N] [--events N] [--runs R]
#
# --db defaults to a fresh SQLite file; a postgresql:// URL must name an empty
# database the bench may fill. Needs a build in build/.
set -euo pipefail
cd "$(dirname "$0")/../.."

db="" contacts=100000 events=1000000 runs=7
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db="$2"; shift 2 ;;
    --contacts) contacts="$2"; shift 2 ;;
    --events) events="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done

. tests/bench/common.sh
[ -n "$db" ] || db="sqlite:$work/preview.db"

# time_post KEY RUNS PATH BODY OUT: POSTs the JSON BODY RUNS times, keeping the
# last answer in OUT; prints the median time in milliseconds.
time_post() {
  local times=() t
  for _ in $(seq "$2"); do
    t=$(curl -s -o "$5" -w '%{time_total}' -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
      -d "$4" "$url$3")
    times+=("$t")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]*1000}'
}

echo "==> database: $db" | sed 's/:[^:@/]*@/:***@/'
key=$($bin keys create --scope admin --name bench --db "$db" 2>/dev/null | tail -n 1)
start_server "$db"
survey=$(create_survey "$key" "Preview bench")
day30=$(curl -sf -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d '{"name": "Day 30",
  "survey_id": "'"$survey"'", "trigger": {"type": "after_event", "event": "signup", "after": "P30D"},
  "send_window": {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "17:00", "timezone": "Europe/Paris"},
  "cancel_on": ["subscription.cancelled"]}' "$url/v1/campaigns" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
stop_server
echo "==> seeding $contacts contacts and $events events"
$seed campaign-events --db "$db" --survey "$survey" --contacts "$contacts" --events "$events"
start_server "$db"

ticket='{"campaign": {"name": "Ticket CSAT", "survey_id": "'"$survey"'",
  "trigger": {"type": "event", "event": "ticket.resolved", "delay": "PT2H", "where": {"properties.priority": ["high", "urgent"]}},
  "audience": {"where": {"attr.plan": ["pro", "business"]}, "sample_percent": 50},
  "send_window": {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "17:00", "timezone": "Europe/Paris"},
  "resurvey_after": "P30D", "cancel_on": ["subscription.cancelled"]}, "since": "P30D"}'
login='{"campaign": {"name": "Login pulse", "survey_id": "'"$survey"'", "trigger": {"type": "event", "event": "login"}}, "since": "P30D"}'
after='{"campaign_id": "'"$day30"'", "since": "P30D"}'

summary() {
  python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
skipped = ", ".join(f"{k} {v}" for k, v in r["skipped"].items() if v)
print(f"    {r['events']} events read, {r['contacts']} contacts, {r['triggers']} firings, {r['invitations']} invitations "
      f"on {len(r['per_day'])} days; skipped: {skipped or 'none'}; elapsed_ms {r['elapsed_ms']}")
PY
}

echo "==> timing ($runs runs each, median)"
health=$(time_get "$key" "$runs" "/healthz" "$work/health.json")
reference=$($seed count --db "$db" --runs "$runs" --name ticket.resolved --days 30)
median_of() { sed -E 's/.*median ([0-9.]+) ms.*/\1/' <<<"$1"; }
count=$(median_of "${reference%%$'\n'*}")
bare=$(median_of "${reference##*$'\n'}")
t_ticket=$(time_post "$key" "$runs" "/v1/campaigns/preview" "$ticket" "$work/ticket.json")
summary "$work/ticket.json"
t_after=$(time_post "$key" "$runs" "/v1/campaigns/preview" "$after" "$work/after.json")
summary "$work/after.json"
t_login=$(time_post "$key" "$runs" "/v1/campaigns/preview" "$login" "$work/login.json")
summary "$work/login.json"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'; }
echo "GET /healthz:                                          $health ms"
echo "$reference"
echo "preview, event trigger with where, audience, window:   $t_ticket ms  (x$(ratio "$t_ticket" "$count") the count, x$(ratio "$t_ticket" "$bare") its bare read)"
echo "preview, after_event (saved campaign), cancel_on:      $t_after ms  (x$(ratio "$t_after" "$count") the count)"
echo "preview, event trigger on the busiest event (login):   $t_login ms  (x$(ratio "$t_login" "$count") the count)"
echo "server RSS after the previews: $(( $(awk '/VmHWM/ {print $2}' "/proc/$server/status") / 1024 )) MiB peak"
