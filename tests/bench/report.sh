#!/usr/bin/env bash
# Score report benchmark: seeds RESPONSES answered NPS responses of one survey,
# spread over a year, then times GET /v1/reports/{id}/scores through the real
# server (whole period; weekly buckets in UTC and in Europe/Paris; filtered by
# channel; segmented by locale) against the bare SQL aggregate the report is
# built on, run on the same database. With --contacts C the responses come from
# C contacts with a plan attribute through four campaigns, and the contact
# attribute and campaign filters and segments are timed too.
#
#   tests/bench/report.sh [--db URL] [--responses N] [--runs R] [--contacts C]
#
# --db defaults to a fresh SQLite file; a postgresql:// URL must name an empty
# database the bench may fill. Needs a build in build/.
set -euo pipefail
cd "$(dirname "$0")/../.."

db="" responses=1000000 runs=7 contacts=0
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db="$2"; shift 2 ;;
    --responses) responses="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --contacts) contacts="$2"; shift 2 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done

. tests/bench/common.sh
[ -n "$db" ] || db="sqlite:$work/report.db"

echo "==> database: $db" | sed 's/:[^:@/]*@/:***@/'
key=$($bin keys create --scope admin --name bench --db "$db" 2>/dev/null | tail -n 1)
start_server "$db"
survey=$(create_survey "$key" "Report bench")
# Seed with the server stopped, as a separate writer would otherwise share the file.
stop_server
echo "==> seeding $responses responses for survey $survey"
$seed responses --db "$db" --survey "$survey" --count "$responses" --contacts "$contacts"
start_server "$db"

time_report() { time_get "$key" "$runs" "/v1/reports/$survey/scores$1" "$work/report.json"; } # query string

echo "==> timing ($runs runs each, median)"
whole=$(time_report "")
n=$(python3 -c 'import json; print(json.load(open("'"$work"'/report.json"))["questions"][0]["n"])')
weekly=$(time_report "?interval=week")
buckets=$(python3 -c 'import json; print(len(json.load(open("'"$work"'/report.json"))["questions"][0]["buckets"]))')
paris=$(time_report "?interval=week&timezone=Europe/Paris")
filtered=$(time_report "?interval=week&channel=email")
segmented=$(time_report "?interval=week&segment=locale")
bare=$($seed aggregate --db "$db" --survey "$survey" --runs "$runs")
bare_ms=$(sed -E 's/.*median ([0-9.]+) ms.*/\1/' <<<"$bare")
echo "report, whole period (n=$n):     $whole ms"
echo "report, weekly ($buckets buckets):  $weekly ms"
echo "report, weekly in Europe/Paris:  $paris ms"
echo "report, weekly, channel=email:   $filtered ms"
echo "report, weekly, segment=locale:  $segmented ms"
if [ "$contacts" -gt 0 ]; then
  echo "report, weekly, attr.plan=pro:   $(time_report "?interval=week&attr.plan=pro") ms"
  echo "report, weekly, campaign=cmp_bench_day90: $(time_report "?interval=week&campaign=cmp_bench_day90") ms"
  echo "report, weekly, segment=attr.plan: $(time_report "?interval=week&segment=attr.plan") ms"
  echo "report, weekly, segment=campaign: $(time_report "?interval=week&segment=campaign") ms"
fi
echo "$bare"
echo "ratio weekly report / bare aggregate: $(python3 -c "print(f'{$weekly/$bare_ms:.2f}')")"
echo "server RSS after the reports: $(( $(awk '/VmHWM/ {print $2}' "/proc/$server/status") / 1024 )) MiB peak"
