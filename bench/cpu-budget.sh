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
python3 - "${runs[@]}" <<'PY'
import csv, json, sys
def saturation(run):
    rows = [r for r in csv.DictReader(open(f"{run}/steps.csv")) if r["valid"] == "true" and r["throughput_rps"]]
    best = max(rows, key=lambda r: float(r["throughput_rps"]))
    budget = json.load(open(f"{run}/run.json"))["lab"]["cpu_budget"]
    return float(best["throughput_rps"]), best, budget
a, b = (saturation(r) for r in sys.argv[1:3])
for (x, row, budget), run in zip((a, b), sys.argv[1:3]):
    print(f"{run}: budget {budget['applied_cpus']} CPU ({budget['mechanism']}), saturation throughput "
          f"{x:.1f} req/s at step {row['step']} (offered {row['offered_rps']}, app CPU {row['app_cpu_cores']} cores)")
print(f"ratio 0.5 CPU / 1 CPU = {b[0] / a[0]:.3f}")
PY
