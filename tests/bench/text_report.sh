#!/usr/bin/env bash
# Text report benchmark: seeds COMMENTS answered NPS responses, each with a
# generated English, French or Dutch comment analysed as ingest analyses it
# (the seeding prints that rate), then times GET /v1/reports/{id}/text through
# the real server: whole period, filtered by locale, and as the themes CSV.
#
#   tests/bench/text_report.sh [--db URL] [--comments N] [--runs R]
#
# --db defaults to a fresh SQLite file; a postgresql:// URL must name an empty
# database the bench may fill. Needs a build in build/.
set -euo pipefail
cd "$(dirname "$0")/../.."

db="" comments=100000 runs=7
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db="$2"; shift 2 ;;
    --comments) comments="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done

. tests/bench/common.sh
[ -n "$db" ] || db="sqlite:$work/text.db"

echo "==> database: $db" | sed 's/:[^:@/]*@/:***@/'
key=$($bin keys create --scope admin --name bench --db "$db" 2>/dev/null | tail -n 1)
start_server "$db"
survey=$(create_survey "$key" "Text bench")
stop_server
echo "==> seeding $comments responses with comments for survey $survey"
$seed responses --db "$db" --survey "$survey" --count "$comments" --comments
start_server "$db"

time_report() { time_get "$key" "$runs" "/v1/reports/$survey/text$1" "$work/text.json"; } # query string

echo "==> timing ($runs runs each, median)"
whole=$(time_report "")
summary=$(python3 - "$work/text.json" <<'PY'
import json, sys
q = json.load(open(sys.argv[1]))["questions"][0]
top = q["drivers"]["themes"][0]
print(f'{q["analysed"]} analysed, {len(q["themes"])} themes, {len(q["phrases"])} phrases, '
      f'top driver {top["theme"]} z {top["z"]}')
PY
)
french=$(time_report "?locale=fr")
csv=$(time_report "?format=csv&table=themes")
echo "text report, whole period ($summary): $whole ms"
echo "text report, locale=fr:                $french ms"
echo "text report, themes CSV:               $csv ms"
echo "server RSS after the reports: $(( $(awk '/VmHWM/ {print $2}' "/proc/$server/status") / 1024 )) MiB peak"
