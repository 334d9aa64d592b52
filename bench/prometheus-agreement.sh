#!/usr/bin/env bash
# Agreement of the two sources of the server figures: runs one scenario in pairs, with Prometheus
# as the source (-Dheadroom.prometheus=start) and sampling the actuator directly (off), then prints
# per step the service CPU and request rate of both runs and their relative difference, and each
# Prometheus run's in-run cross-check (Prometheus against Headroom's own scrape of the same window).
# The order alternates between pairs; each run holds the lab lock. Usage: bench/prometheus-agreement.sh [scenario [pairs]]
# (default: src/test/resources/scenarios/prometheus-agreement.yaml, 3 pairs; ~7 min a pair). As in
# PrometheusSourceIT, the JVMs compile with C1 only and each order burns 4 ms of CPU (why: the
# scenario file); set HEADROOM_BENCH_JIT=default to measure with the usual JIT instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scenario="${1:-src/test/resources/scenarios/prometheus-agreement.yaml}"
pairs="${2:-3}"
out="${HEADROOM_BENCH_RESULTS:-results}"
if [ "${HEADROOM_BENCH_JIT:-c1}" = c1 ]; then export JAVA_TOOL_OPTIONS="-XX:TieredStopAtLevel=1"; fi
runs=()
for i in $(seq 1 "$pairs"); do
  # alternate which goes first, so that nothing that drifts over a session favours one source
  order=(start off)
  [ $((i % 2)) -eq 0 ] && order=(off start)
  for source in "${order[@]}"; do
    echo "== pair $i: -Dheadroom.prometheus=$source"
    flock /tmp/headroom-lab.lock mvn -B -q gatling:test -Dheadroom.scenario="$scenario" \
      -Dheadroom.prometheus="$source" -Dheadroom.service.extra-cpu-us-per-order=4000 -Dheadroom.results.dir="$out" | grep '^headroom: step' || true
    declare "run_$source=$out/$(readlink "$out/latest")"
  done
  runs+=("$run_start" "$run_off")
done
bench/compare-sources.py "${runs[@]}"
