#!/usr/bin/env bash
# Export and paging benchmark: seeds answered NPS responses (with a comment
# each) into one survey in steps up to the largest size, and at each size times
# through the real server
#   - GET /v1/responses/export?format=csv and ?format=ndjson of the whole survey,
#   - GET /v1/responses?limit=50 at page 1 and at page 1,001 (after 50,000 rows),
#   - GET /healthz, the reference every time is divided by,
# and prints the server's peak resident memory after each size.
#
#   tests/bench/export.sh [--db URL] [--sizes "10000 100000 1000000"] [--runs R]
#
# --db defaults to a fresh SQLite file; a postgresql:// URL must name an empty
# database the bench may fill. Needs a build in build/.
set -euo pipefail
cd "$(dirname "$0")/../.."

db="" sizes="10000 100000 1000000" runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db="$2"; shift 2 ;;
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done

. tests/bench/common.sh
[ -n "$db" ] || db="sqlite:$work/export.db"

echo "==> database: $db" | sed 's/:[^:@/]*@/:***@/'
echo "==> CPU: $(lscpu | sed -n 's/^Model name: *//p')"
key=$($bin keys create --scope admin --name bench --db "$db" 2>/dev/null | tail -n 1)
start_server "$db"
survey=$(create_survey "$key" "Export bench")
seeded=0
printf '%-9s %9s %9s %10s %10s %9s %9s %8s\n' responses csv_ms ndjson_ms csv_MB rows/s page1_ms page1001 rss_MiB
for size in $sizes; do
  stop_server
  echo "==> seeding $((size - seeded)) more responses ($size in all)" >&2
  $seed responses --db "$db" --survey "$survey" --count $((size - seeded)) --comments --seed "$size" >&2
  seeded=$size
  start_server "$db"
  healthz=$(time_get "" 20 "/healthz" /dev/null)
  csv=$(time_get "$key" "$runs" "/v1/responses/export?format=csv&survey_id=$survey" "$work/export.csv")
  lines=$(($(wc -l <"$work/export.csv") - 1))
  [ "$lines" -ge "$size" ] || { echo "the CSV export has $lines rows, expected $size" >&2; exit 1; }
  megabytes=$(python3 -c "import os; print(f'{os.path.getsize(\"$work/export.csv\")/1e6:.1f}')")
  ndjson=$(time_get "$key" "$runs" "/v1/responses/export?format=ndjson&survey_id=$survey" "$work/export.ndjson")
  page1=$(time_get "$key" 21 "/v1/responses?survey_id=$survey&limit=50" "$work/page.json")
  deep="-"
  if [ "$size" -ge 60000 ]; then
    # Walk to row 50,000 with the largest pages, then time the next page of 50.
    cursor=""
    for _ in $(seq 100); do
      curl -sf -H "Authorization: Bearer $key" "$url/v1/responses?survey_id=$survey&limit=500${cursor:+&cursor=$cursor}" >"$work/walk.json"
      cursor=$(python3 -c 'import json; print(json.load(open("'"$work"'/walk.json"))["next_cursor"])')
    done
    deep=$(time_get "$key" 21 "/v1/responses?survey_id=$survey&limit=50&cursor=$cursor" "$work/page.json")
  fi
  rss=$(( $(awk '/VmHWM/ {print $2}' "/proc/$server/status") / 1024 ))
  rate=$(python3 -c "print(f'{$size/($csv/1000):.0f}')")
  printf '%-9s %9s %9s %10s %10s %9s %9s %8s\n' "$size" "$csv" "$ndjson" "$megabytes" "$rate" "$page1" "$deep" "$rss"
  echo "   /healthz median $healthz ms; csv / healthz = $(python3 -c "print(f'{$csv/max($healthz,0.01):.0f}')")" >&2
done
