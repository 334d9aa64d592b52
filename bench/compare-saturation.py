#!/usr/bin/env python3
"""Saturation throughput of two Headroom runs and their ratio.

Usage: bench/compare-saturation.py results/<run-a> results/<run-b>
Saturation throughput: the highest throughput_rps among a run's valid steps.
"""
import csv
import json
import sys


def saturation(run):
    rows = [r for r in csv.DictReader(open(f"{run}/steps.csv")) if r["valid"] == "true" and r["throughput_rps"]]
    if not rows:
        sys.exit(f"{run}: no valid step")
    best = max(rows, key=lambda r: float(r["throughput_rps"]))
    budget = json.load(open(f"{run}/run.json"))["lab"]["cpu_budget"]
    return float(best["throughput_rps"]), best, budget


results = [saturation(run) for run in sys.argv[1:3]]
for (x, row, budget), run in zip(results, sys.argv[1:3]):
    print(f"{run}: budget {budget['applied_cpus']} CPU ({budget['mechanism']}): saturation throughput {x:.1f} req/s"
          f" at step {row['step']} (offered {row['offered_rps']} req/s, p95 {row['latency_p95_ms']} ms,"
          f" app CPU {row['app_cpu_cores']} cores)")
print(f"ratio {sys.argv[2]} / {sys.argv[1]} = {results[1][0] / results[0][0]:.3f}")
