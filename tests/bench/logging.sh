#!/usr/bin/env bash
# Cost of the access log: GET /healthz against `touchpoint serve --threads 1`
# at --log-level off, info (the default: one access line per request) and warn,
# runs alternated (off, info, warn, off, info, warn, ...) so that a neighbour's
# load on the machine falls on every level alike; prints each level's median
# rate and the server's CPU time per request (user + system, all its threads),
# which a neighbour's load disturbs less than the rate.
#
#   tests/bench/logging.sh [--rounds R] [--duration SECONDS] [--connections N] [--output file|pipe] [--before PATH]
#
# --output file (default) sends the server's stdout and stderr to a file, as an
# operator redirects them; --output pipe sends them through a pipe to
# `cat >/dev/null`, as a supervisor reads them. wrk runs with one thread.
# --before PATH adds that build (e.g. one of an older commit) at off and info to
# every round, as off@before and info@before, so both builds meet the same neighbours.
# Needs wrk and a build in build/. KEEP_BENCH_DIR=1 keeps the work directory.
set -euo pipefail
cd "$(dirname "$0")/../.."

rounds=3 duration=10 connections=64 output=file before=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --output) output="$2"; shift 2 ;;
    --before) before="$2"; shift 2 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
case "$output" in file | pipe) ;; *) echo "--output is file or pipe" >&2; exit 2 ;; esac

. tests/bench/common.sh
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
db="sqlite:$work/bench.db"
configs=(off info warn)
[ -z "$before" ] || configs+=(off@before info@before)
ticks=$(getconf CLK_TCK)

# The server's CPU time so far (user + system, all threads), in clock ticks.
server_cpu() { awk '{print $14 + $15}' "/proc/$server/stat"; }

# serve_at CONFIG: a fresh server at that log level (LEVEL or LEVEL@before), its
# output to $work/CONFIG.log or a pipe.
serve_at() {
  local binary=$bin
  [ "${1#*@}" = before ] && binary=$before
  local args=(serve --db "$db" --data-dir "$work" --listen "127.0.0.1:$port" --public-url "$url"
              --threads 1 --log-level "${1%@*}")
  if [ "$output" = file ]; then
    $binary "${args[@]}" >"$work/$1.log" 2>&1 &
  else
    $binary "${args[@]}" > >(cat >/dev/null) 2>&1 &
  fi
  server=$!
  for _ in $(seq 100); do curl -sf "$url/healthz" >/dev/null && return; sleep 0.1; done
  echo "the server did not start" >&2
  exit 1
}

echo "==> $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "==> GET /healthz, wrk -t1 -c$connections -d${duration}s, serve --threads 1, output to a $output;" \
  "$rounds rounds of ${configs[*]}"
for round in $(seq "$rounds"); do
  for config in "${configs[@]}"; do
    serve_at "$config"
    cpu_before=$(server_cpu)
    wrk -t1 -c"$connections" -d"${duration}s" "$url/healthz" >"$work/wrk.out"
    cpu_after=$(server_cpu)
    stop_server
    rate=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.out")
    sent=$(awk '/requests in/ {print $1}' "$work/wrk.out")
    per_request=$(python3 -c "print(f'{($cpu_after - $cpu_before) / $ticks * 1e6 / $sent:.2f}')")
    line="round $round  $(printf '%-11s %10s req/s  %9s requests  %6s µs CPU/request' "$config" "$rate" "$sent" "$per_request")"
    # Every answered request must have its line once the server stopped (and one for the readiness probe).
    [ "$output" = file ] && line+="  $(grep -c 'GET /healthz' "$work/$config.log" || true) access lines"
    echo "$line"
    echo "$config $rate $per_request" >>"$work/rates"
  done
done

echo "==> medians over $rounds runs each (load average now $(cut -d' ' -f1-3 /proc/loadavg))"
python3 - "$work/rates" <<'PY'
import statistics, sys
rates, cpu = {}, {}
for line in open(sys.argv[1]):
    level, rate, per_request = line.split()
    rates.setdefault(level, []).append(float(rate))
    cpu.setdefault(level, []).append(float(per_request))
median = {level: statistics.median(values) for level, values in rates.items()}
cost = {level: statistics.median(values) for level, values in cpu.items()}
for config, values in rates.items():
    print(f"{config:11} median {median[config]:10,.0f} req/s  (min {min(values):,.0f}, max {max(values):,.0f})"
          f"  {cost[config]:6.2f} µs CPU/request")
for build in ["", "@before"]:
    if "off" + build not in median:
        continue
    for level in ["info", "warn"]:
        if level + build in median:
            print(f"{level + build:11} / off{build}: rate {median[level + build] / median['off' + build]:.2f},"
                  f" CPU per request {cost[level + build] / cost['off' + build]:.2f}")
PY
