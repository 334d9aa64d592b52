#!/usr/bin/env bash
# What Headroom's own sampling costs the service and the database: runs bench/sampling-cost.yaml
# (two minutes of warm-up, then 50 req/s at one CPU for 4.5 minutes) and, once its step is under way, bench/sampling-cost.py,
# which adds extra actuator scrapes and performance_schema reads in 20 s blocks and prints the CPU
# each one costs. Usage: bench/sampling-cost.sh  (~8 min; holds the lab lock)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${HEADROOM_BENCH_RESULTS:-results}"
log=$(mktemp)
trap 'kill %1 2>/dev/null || true; rm -f "$log"' EXIT
flock /tmp/headroom-load.lock mvn -B gatling:test -Dheadroom.scenario=bench/sampling-cost.yaml \
  -Dheadroom.calibration=off -Dheadroom.results.dir="$out" >"$log" 2>&1 &
until grep -q '^headroom: results go to' "$log"; do sleep 1; kill -0 %1 2>/dev/null || { cat "$log"; exit 1; }; done
run=$(grep '^headroom: results go to' "$log" | sed 's/.*results go to //')
# the step starts after the service's start and the 120 s warm-up
until grep -q '^headroom: sending load' "$log"; do sleep 1; kill -0 %1 2>/dev/null || { cat "$log"; exit 1; }; done
sleep 130
db=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['lab']['database']['server_pid'])" "$run/run.json")
client=$(dirname "$(readlink -f /proc/"$db"/exe)")/mariadb
python3 bench/sampling-cost.py "$run" "$client"
wait %1
