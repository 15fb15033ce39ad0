# Sourced by the benchmark scripts: the built tools, a work directory, a free
# loopback port, and a server that is stopped (and the directory removed) on exit.
# KEEP_BENCH_DIR=1 keeps the directory (database, server.log) for a look after.

bin=build/engine/touchpoint
seed=build/tests/bench_seed
for tool in "$bin" "$seed"; do
  [ -x "$tool" ] || { echo "missing $tool: build first (cmake --build build)" >&2; exit 2; }
done

work=$(mktemp -d /tmp/touchpoint-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
server=""

stop_server() {
  [ -z "$server" ] || { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; }
  server=""
}
cleanup() {
  stop_server
  [ -n "${KEEP_BENCH_DIR:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

# start_server DB [serve flags...]: starts `touchpoint serve` and waits for /healthz.
start_server() {
  local db=$1
  shift
  $bin serve --db "$db" --data-dir "$work" --listen "127.0.0.1:$port" --public-url "$url" --log-level warn "$@" \
    >>"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -sf "$url/healthz" >/dev/null && return; sleep 0.1; done
  cat "$work/server.log"
  exit 1
}

# create_survey KEY NAME: an NPS survey from the template; prints its id.
create_survey() {
  curl -sf -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    -d '{"template":"nps","name":"'"$2"'","locales":["en","fr","nl"]}' "$url/v1/surveys" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}

# time_get KEY RUNS PATH OUT: GETs PATH (with its query) RUNS times, keeping the
# last body in OUT; prints the median time in milliseconds.
time_get() {
  local times=() t
  for _ in $(seq "$2"); do
    t=$(curl -s -o "$4" -w '%{time_total}' -H "Authorization: Bearer $1" "$url$3")
    times+=("$t")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]*1000}'
}
