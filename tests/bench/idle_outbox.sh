#!/usr/bin/env bash
# An idle engine with a million jobs scheduled for next month: the dispatcher
# finds due jobs through the partial index of pending jobs from its first entry,
# so it should cost next to nothing. Measures the CPU time `touchpoint serve`
# uses over a minute (utime + stime from /proc) with 1,000,000 pending jobs due
# in 30 days, against the same engine with no job at all, in the same run.
#
#   tests/bench/idle_outbox.sh [SECONDS]     (default 60)
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/bench/common.sh
seconds=${1:-60}
ticks=$(getconf CLK_TCK)

# cpu_ms PID: user + system CPU time of the process so far, in milliseconds.
cpu_ms() { awk -v t="$ticks" '{print ($14 + $15) * 1000 / t}' "/proc/$1/stat"; }

measure() {
  local db=$1
  start_server "$db"
  sleep 2 # past the start-up work (migrations checked, first WAL checkpoint)
  local before after rss
  before=$(cpu_ms "$server")
  sleep "$seconds"
  after=$(cpu_ms "$server")
  rss=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
  stop_server
  echo "$before $after $rss"
}

$bin migrate --db "sqlite:$work/empty.db" >/dev/null
$bin migrate --db "sqlite:$work/scheduled.db" >/dev/null
echo "inserting 1,000,000 jobs due in 30 days ..."
python3 - "$work/scheduled.db" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
now = int(time.time() * 1000)
due = now + 30 * 86_400_000
rows = ((f"job_idle_{i:07d}", "send", "webhook", f"inv_idle_{i:07d}", "{}", f"send_inv_idle_{i:07d}", "pending",
         due + i, now, now) for i in range(1_000_000))
db.executemany("INSERT INTO jobs (id, kind, channel, invitation_id, payload, idempotency_key, state, due_at, "
               "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
db.commit()
print(db.execute("SELECT COUNT(*) FROM jobs WHERE state = 'pending'").fetchone()[0], "pending jobs")
PY

read -r e0 e1 erss < <(measure "sqlite:$work/empty.db")
read -r s0 s1 srss < <(measure "sqlite:$work/scheduled.db")
python3 - "$e0" "$e1" "$s0" "$s1" "$seconds" "$erss" "$srss" <<'PY'
import sys
e0, e1, s0, s1, seconds = map(float, sys.argv[1:6])
erss, srss = int(sys.argv[6]), int(sys.argv[7])
empty, scheduled = e1 - e0, s1 - s0
print(f"CPU over {seconds:.0f} s idle: no jobs {empty:.0f} ms ({empty / seconds / 10:.3f} % of a core), "
      f"1,000,000 jobs next month {scheduled:.0f} ms ({scheduled / seconds / 10:.3f} % of a core)")
print(f"ratio scheduled / empty: {scheduled / empty:.2f}" if empty > 0 else "the empty engine used no CPU time at all")
print(f"peak RSS: no jobs {erss / 1024:.1f} MiB, 1,000,000 jobs {srss / 1024:.1f} MiB")
PY
