#!/usr/bin/env bash
# Whole-run benchmark: one scenario under several CPU budgets of the service, one run after the
# other on this machine, then each run's saturation throughput and its ratio to the first run's.
# Usage: bench/cpu-budget.sh [scenario [budget ...]]   (default: default 1 0.5 0.25; ~8 min a run)
set -euo pipefail
cd "$(dirname "$0")/.."
scenario="${1:-default}"
shift || true
budgets=("$@")
[ ${#budgets[@]} -gt 0 ] || budgets=(1 0.5 0.25)
runs=()
for cpus in "${budgets[@]}"; do
  echo "== $scenario with -Dheadroom.cpus=$cpus"
  mvn -B -q gatling:test -Dheadroom.scenario="$scenario" -Dheadroom.cpus="$cpus" | grep '^headroom:' || true
  runs+=("results/$(readlink results/latest)")
done
bench/compare-saturation.py "${runs[@]}"
