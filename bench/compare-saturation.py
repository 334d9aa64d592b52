#!/usr/bin/env python3
"""Saturation throughput of Headroom runs, and each one's ratio to the first run's.

Usage: bench/compare-saturation.py results/<run-a> results/<run-b> [...]
Saturation throughput: the highest throughput_rps among a run's valid steps. When the run's last
valid step still kept up with the offered rate (within 3%), the service never saturated within
what this host could drive validly, and the figure is only a lower bound: it is marked so.
"""
import csv
import json
import sys


def saturation(run):
    rows = list(csv.DictReader(open(f"{run}/steps.csv")))
    valid = [r for r in rows if r["valid"] == "true" and r["throughput_rps"]]
    if not valid:
        sys.exit(f"{run}: no valid step")
    best = max(valid, key=lambda r: float(r["throughput_rps"]))
    last = valid[-1]
    kept_up = float(last["throughput_rps"]) >= 0.97 * float(last["offered_rps"])
    budget = json.load(open(f"{run}/run.json"))["lab"]["cpu_budget"]
    invalid = [f"step {r['step']}: {r['invalid_reason']}" for r in rows if r["valid"] != "true"]
    return float(best["throughput_rps"]), best, budget, kept_up, invalid


results = [(run, *saturation(run)) for run in sys.argv[1:]]
first = results[0][1]
for run, x, row, budget, kept_up, invalid in results:
    bound = "  (LOWER BOUND: still kept up with the offered rate at its last valid step)" if kept_up else ""
    print(f"{run}: {budget['applied_cpus']} CPU ({budget['mechanism']}): saturation throughput {x:.1f} req/s at"
          f" step {row['step']} (offered {row['offered_rps']} req/s, p95 {row['latency_p95_ms']} ms, app CPU"
          f" {row['app_cpu_cores']} cores); ratio to the first run {x / first:.3f}{bound}")
    for line in invalid:
        print(f"    invalid {line}")
