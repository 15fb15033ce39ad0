# Sourced after common.sh by the campaign and delivery benchmarks (campaigns.sh,
# deliver.sh, latency.sh): fresh databases on SQLite or on one PostgreSQL server,
# SQL through the command-line client, JSON API calls, the webhook sink, and the
# server's peak resident memory.

# fresh_db NAME: prints the URL of a new, empty database. With pg_base set (a
# postgresql:// URL whose user may CREATE DATABASE), a database NAME_<pid> on
# that server, dropped on exit; else a SQLite file in the work directory.
pg_base=${pg_base:-}
pg_made=()
fresh_db() {
  if [ -z "$pg_base" ]; then
    echo "sqlite:$work/$1.db"
    return
  fi
  local name="bench_${1//[^a-z0-9_]/_}_$$"
  PGOPTIONS=--client-min-messages=warning psql "$pg_base" -qAtc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
  pg_made+=("$name")
  echo "${pg_base%/*}/$name"
}
storage_name() { if [ -n "$pg_base" ]; then echo PostgreSQL; else echo SQLite; fi; }
drop_fresh_dbs() {
  local name
  for name in "${pg_made[@]}"; do psql "$pg_base" -qAtc "DROP DATABASE IF EXISTS $name" >/dev/null 2>&1 || true; done
  pg_made=()
}
outbox_cleanup() {
  stop_server
  [ -z "${sink:-}" ] || { kill "$sink" 2>/dev/null; wait "$sink" 2>/dev/null || true; }
  [ -z "$pg_base" ] || drop_fresh_dbs
  [ -n "${KEEP_BENCH_DIR:-}" ] || rm -rf "$work"
}
trap outbox_cleanup EXIT

# sql DB QUERY: runs QUERY, prints rows with fields separated by |.
sql() {
  case "$1" in
  sqlite:*) local path=${1#sqlite:}; sqlite3 -cmd '.timeout 10000' "${path%%\?*}" "$2" ;;
  *) psql "$1" -qAtc "$2" ;;
  esac
}

# api METHOD KEY PATH [BODY]: calls the API, fails on an error status, prints the answer.
api() {
  local args=(-sS --fail-with-body -X "$1" -H "Authorization: Bearer $2" "$url$3")
  [ $# -lt 4 ] || args+=(-H 'Content-Type: application/json' --data-binary "$4")
  curl "${args[@]}"
}
# json FIELD: reads a field (a.b.c) of the JSON on stdin.
json() { python3 -c 'import json,sys
v = json.load(sys.stdin)
for k in sys.argv[1].split("."): v = v[k]
print(v)' "$1"; }

# The sink's port is chosen first: the subscription names its URL, and the
# engine makes the secret the sink then verifies with.
sink_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
sink_url="http://127.0.0.1:$sink_port"
# start_sink [flags]: starts tests/bench/webhook_sink.mjs on sink_port; sets sink (its pid).
start_sink() {
  node tests/bench/webhook_sink.mjs --port "$sink_port" "$@" >"$work/sink.out" 2>"$work/sink.err" &
  sink=$!
  for _ in $(seq 100); do
    grep -q '^listening' "$work/sink.out" 2>/dev/null && break
    sleep 0.05
  done
  grep -q '^listening' "$work/sink.out" || { cat "$work/sink.err"; exit 1; }
}
stop_sink() {
  [ -z "${sink:-}" ] || { kill "$sink" 2>/dev/null; wait "$sink" 2>/dev/null || true; }
  sink=""
}
sink_stats() { curl -sf "$sink_url/stats"; }

# server_cpu_ms: CPU time the server has used so far (user + system, all threads), in ms.
# CPU per request moves less with a neighbour's load than the rate does.
server_cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$server/stat"; }
# sink_cpu_ms: the webhook sink's CPU time so far (user + system), in milliseconds.
sink_cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$sink/stat"; }
# idle_ms: the machine's idle time so far, all cores together, in milliseconds.
idle_ms() { awk -v hz="$(getconf CLK_TCK)" '/^cpu / {print int(($5 + $6) * 1000 / hz)}' /proc/stat; }
# load_average: the machine's 1-minute load average, to note beside each figure.
load_average() { cut -d' ' -f1 /proc/loadavg; }

# peak_rss_mib: the server's peak resident memory so far (VmHWM), in MiB.
peak_rss_mib() { echo $(( $(awk '/VmHWM/ {print $2}' "/proc/$server/status") / 1024 )); }
[ -z "${KEEP_BENCH_DIR:-}" ] || echo "==> work directory (kept): $work"
