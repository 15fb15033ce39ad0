#!/usr/bin/env bash
# Lifecycle report benchmark: seeds CONTACTS contacts who signed up over a year,
# with their logins, projects and onboarding events (about 8 per contact), then
# times GET /v1/reports/lifecycle through the real server.
#
#   tests/bench/lifecycle.sh [--db URL] [--contacts N] [--runs R]
#
# --db defaults to a fresh SQLite file; a postgresql:// URL must name an empty
# database the bench may fill. Needs a build in build/.
set -euo pipefail
cd "$(dirname "$0")/../.."

db="" contacts=100000 runs=7
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db="$2"; shift 2 ;;
    --contacts) contacts="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done

. tests/bench/common.sh
[ -n "$db" ] || db="sqlite:$work/lifecycle.db"

echo "==> database: $db" | sed 's/:[^:@/]*@/:***@/'
key=$($bin keys create --scope admin --name bench --db "$db" 2>/dev/null | tail -n 1)
echo "==> seeding $contacts contacts and their events"
$seed events --db "$db" --contacts "$contacts"
start_server "$db"

echo "==> timing ($runs runs each, median)"
plain=$(time_get "$key" "$runs" "/v1/reports/lifecycle" "$work/lifecycle.json")
python3 - "$work/lifecycle.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
o = r["onboarding"]
print(f"contacts {r['contacts']}, onboarded {o['reached']}, median {o['days']['median']} days, {len(r['cohorts'])} cohorts")
PY
full=$(time_get "$key" "$runs" "/v1/reports/lifecycle?milestones=project.created&interactions=login" "$work/lifecycle.json")
echo "report, onboarding only:                    $plain ms"
echo "report, with a milestone and interactions:  $full ms"
echo "server RSS after the reports: $(( $(awk '/VmHWM/ {print $2}' "/proc/$server/status") / 1024 )) MiB peak"
