#!/usr/bin/env bash
# Whole-run benchmark: the reference service's start-up to ready on its CPU budget against a start
# on the search's raised quota (the warm-up's boost, 0.7 of the host's cores), one start at a time,
# alternating, each run stopped with Ctrl-C (SIGINT) once the service is ready: it also shows that a
# run interrupted there leaves no process behind. For each start: the wall time, the JVM's CPU time
# to ready, and the start-up the sizer reads on the budget (for a raised start, CPU / budget).
# Usage: bench/service-start.sh [pairs [cpus]]   (default: 3 pairs at 0.5 cores; ~1 min a start)
set -euo pipefail
# job control: a background job of a shell without it starts with SIGINT ignored, and a JVM that
# starts so ignores Ctrl-C; with it each run is a process group of its own, as in a terminal
set -m
cd "$(dirname "$0")/.."
pairs="${1:-3}"
cpus="${2:-0.5}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
mvn -B -q -o test-compile -Dspotless.check.skip=true
# what already runs (another lab, a CI run) is not this script's to find left behind
pattern='OrderServiceApplication|mariadbd|headroom-reaper|prometheus --config'
before="$(pgrep -f "$pattern" | sort || true)"
printf '%-6s %9s %8s %10s %13s\n' boost wall_ms cpu_ms start_cores at_budget_ms
for i in $(seq 1 "$pairs"); do
  for boost in on off; do
    log="$out/$i-$boost.log"
    flock /tmp/headroom-lab.lock mvn -B -o gatling:test -Dspotless.check.skip=true -Dheadroom.scenario=quick \
      -Dheadroom.cpus="$cpus" -Dheadroom.warmup-boost="$boost" -Dheadroom.calibration=off \
      -Dheadroom.results.dir="$out/results" > "$log" 2>&1 &
    pid=$!
    for _ in $(seq 1 240); do
      grep -q 'headroom: service ready' "$log" && break
      sleep 0.5
    done
    run="$(ls -td "$out"/results/2*/ | head -1)"
    for _ in $(seq 1 20); do  # run.json gets the lab's facts right after the line
      grep -q '"startup_at_budget_ms"' "$run/run.json" 2>/dev/null && break
      sleep 0.5
    done
    kill -INT -- "-$pid" 2>/dev/null || true
    wait "$pid" || true
    python3 - "$run/run.json" "$boost" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
s = run["lab"]["service"]; l = s["launch"]
print(f'{sys.argv[2]:<6} {l["startup_ms"]:>9} {l["startup_cpu_ms"]:>8} {l["start_cores"]:>10.2f} {s["startup_at_budget_ms"]:>13}')
PY
    # everything the run started stops within the service's 15 s grace and a request's timeout
    left=""
    for _ in $(seq 1 40); do
      left="$(comm -13 <(echo "$before") <(pgrep -f "$pattern" | sort || true) | tr -s '\n' ' ' | xargs)"
      [ -z "$left" ] && break
      sleep 1
    done
    if [ -n "$left" ]; then
      echo "left behind 40 s after the interrupt:"; ps -o pid,args -p "${left// /,}" | cut -c1-160; exit 1
    fi
  done
done
