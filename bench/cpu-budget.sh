#!/usr/bin/env bash
# Whole-run benchmark: the same scenario with the service under a 1-CPU and a 0.5-CPU budget,
# one after the other on this machine, then the saturation throughput of each and their ratio.
# Usage: bench/cpu-budget.sh [scenario]   (default: default; about 17 minutes in all)
set -euo pipefail
cd "$(dirname "$0")/.."
scenario="${1:-default}"
runs=()
for cpus in 1 0.5; do
  mvn -B -q gatling:test -Dheadroom.scenario="$scenario" -Dheadroom.cpus="$cpus" | grep '^headroom:' || true
  runs+=("$(readlink -f results/latest)")
done
bench/compare-saturation.py "${runs[0]}" "${runs[1]}"
