#!/usr/bin/env bash
# Load benchmark: 64 keep-alive connections answering invitations through
# POST /v1/responses against the real server, and the same load against
# /healthz (no storage) as the HTTP ceiling of this binary on this machine.
#
#   tests/bench/load.sh [--db URL] [--duration SECONDS] [--connections N] [--invitations N] [--shuffle]
#
# Invitations are answered in the order they were created, as answers to a send
# mostly arrive; --shuffle answers them in a random order instead.
#
# --db defaults to a fresh SQLite file (add ?synchronous=full for FULL); a
# postgresql:// URL must name an empty database the bench may fill. Needs wrk
# and a build in build/ (cmake --build build --target touchpoint bench_seed).
# Environment: SERVE_ARGS adds serve flags; KEEP_BENCH_DIR=1 keeps the work directory.
set -euo pipefail
cd "$(dirname "$0")/../.."

db="" duration=30 connections=64 invitations=800000 threads=2 shuffle=0
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --invitations) invitations="$2"; shift 2 ;;
    --shuffle) shuffle=1; shift ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done

. tests/bench/common.sh
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
[ -n "$db" ] || db="sqlite:$work/bench.db"
secret=$(head -c 32 /dev/urandom | base64 | tr -d '\n')

echo "==> database: $db" | sed 's/:[^:@/]*@/:***@/'
key=$($bin keys create --scope admin --name bench --db "$db" | tail -n 1)
# SERVE_ARGS adds serve flags, e.g. SERVE_ARGS="--threads 1".
TOUCHPOINT_SECRET="$secret" start_server "$db" ${SERVE_ARGS:-}
survey=$(create_survey "$key" "Bench NPS")
echo "==> seeding $invitations invitations for survey $survey"
$seed invitations --db "$db" --secret "$secret" --survey "$survey" --count "$invitations" --tokens "$work/tokens"
if [ "$shuffle" = 1 ]; then shuf "$work/tokens" -o "$work/tokens"; echo "==> answering in a random order"; fi

# Peak resident memory of the server, sampled while wrk runs.
sample_rss() {
  local peak=0 rss
  while kill -0 "$server" 2>/dev/null && [ ! -e "$work/stop-sampling" ]; do
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
    [ "$rss" -gt "$peak" ] && peak=$rss
    sleep 0.2
  done
  echo "$peak" >"$work/rss-peak"
}

run_wrk() { # name, path, [script]
  local name=$1 path=$2 script=${3:-}
  rm -f "$work/stop-sampling"
  sample_rss &
  local sampler=$!
  if [ -n "$script" ]; then
    TOKENS="$work/tokens" WRK_THREADS=$threads wrk -t"$threads" -c"$connections" -d"${duration}s" --latency \
      -s "$script" "$url$path" >"$work/$name.out"
  else
    wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$url$path" >"$work/$name.out"
  fi
  touch "$work/stop-sampling"
  wait "$sampler"
  local rate p50 p90 p99 errors rss
  rate=$(awk '/Requests\/sec/ {print $2}' "$work/$name.out")
  p50=$(awk '$1 == "50%" {print $2}' "$work/$name.out")
  p90=$(awk '$1 == "90%" {print $2}' "$work/$name.out")
  p99=$(awk '$1 == "99%" {print $2}' "$work/$name.out")
  errors=$(awk '/Non-2xx/ {print $5}' "$work/$name.out")
  rss=$(( $(cat "$work/rss-peak") / 1024 ))
  printf '%-15s %9s req/s  p50 %-7s p90 %-7s p99 %-8s non-2xx %-5s peak RSS %s MiB\n' \
    "$name" "$rate" "$p50" "$p90" "$p99" "${errors:-0}" "$rss"
  echo "$rate" >"$work/$name.rate"
}

echo "==> $connections connections, ${duration}s each, wrk -t$threads"
run_wrk healthz /healthz
run_wrk post_responses /v1/responses tests/bench/post_responses.lua
ratio=$(python3 -c "print(f'{$(cat "$work/post_responses.rate")/$(cat "$work/healthz.rate"):.2f}')")
echo "ratio responses / healthz ceiling: $ratio"

# Every 2xx must be a committed response: compare wrk's count with the server's.
sent=$(awk '/requests in/ {print $1}' "$work/post_responses.out")
metrics=$(curl -sf "$url/metrics")
stored=$(awk '/^touchpoint_responses_stored_total/ {print $2}' <<<"$metrics")
commits=$(awk '/^touchpoint_response_commits_total/ {print $2}' <<<"$metrics")
echo "requests answered by wrk: $sent, responses committed by the server: $stored in $commits commits" \
  "($(( stored / (commits > 0 ? commits : 1) )) per commit)"
echo "server peak RSS over the whole run (VmHWM): $(( $(awk '/VmHWM/ {print $2}' "/proc/$server/status") / 1024 )) MiB"
