#!/usr/bin/env python3
"""The service's CFS throttling in each trial of capacity searches, and at their answers.

Usage: bench/throttling.py <run dir>...   (results/<run> of lab runs with a CPU budget)

For each run: its budget (run.json lab.cpu_budget.applied_cpus), then one line per valid trial of
steps.csv: phase, offered rate, whether it met the SLO, p95, the service's CPU as a share of the
budget (rho = app_cpu_cores / budget), and cpu_throttled_share (periods of 100 ms in which the
quota ran out, from the cgroup's cpu.stat: docs/results-format.md). Then, over the full-length
trials at the answer (run.json search.capacity_rps) and over those that failed just above it, the
medians of rho and of the throttled share: where on the quota the knee lay, and how often the
quota had run out there. Under a quota a request that arrives once the period's quota is spent
waits for the next period (up to 75 ms at 0.25 cores, 50 ms at 0.5), so the p95 of 100 ms is
reached at a share of the quota that depends on the budget (docs/search.md, "The holdout").
"""
import csv
import json
import math
import statistics
import sys
from pathlib import Path


def number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return math.nan


def median(values):
    values = [v for v in values if not math.isnan(v)]
    return statistics.median(values) if values else math.nan


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    for arg in argv[1:]:
        run_dir = Path(arg)
        run = json.loads((run_dir / "run.json").read_text())
        budget = number((run.get("lab", {}).get("cpu_budget") or {}).get("applied_cpus"))
        capacity = number((run.get("search") or {}).get("capacity_rps"))
        rows = [r for r in csv.DictReader(open(run_dir / "steps.csv", newline="")) if r.get("valid") == "true"]
        if not rows:
            print(f"{run_dir.name}: no valid trial in steps.csv")
            continue
        if "cpu_throttled_share" not in rows[0]:
            print(f"{run_dir.name}: steps.csv has no cpu_throttled_share (a run before it was recorded)")
            continue
        print(f"{run_dir.name}: budget {budget:.2f} cores, capacity {capacity:.0f} req/s")
        print(f"  {'trial':>5} {'phase':<8} {'rps':>7} {'slo':>5} {'p95_ms':>7} {'rho':>5} {'throttled':>9}")
        at, above = [], []
        for r in rows:
            rps = number(r["offered_rps"])
            rho = number(r["app_cpu_cores"]) / budget
            share = number(r["cpu_throttled_share"])
            passed = r["slo_met"] == "true"
            print(f"  {r['step']:>5} {r['phase']:<8} {rps:7.0f} {'met' if passed else 'MISS':>5} "
                  f"{number(r['latency_p95_ms']):7.0f} {rho:5.2f} {share:9.2f}")
            if r["phase"] in ("confirm", "repeat") and abs(rps - capacity) < 1e-3 and passed:
                at.append((rho, share))
            elif not passed and rps > capacity and rps <= capacity * 1.15:
                above.append((rho, share))
        for name, group in (("at the answer (full length, met)", at), ("failed within 15 % above it", above)):
            print(f"  {name}: {len(group)} trials, rho {median([g[0] for g in group]):.2f},"
                  f" throttled {median([g[1] for g in group]):.2f}")


if __name__ == "__main__":
    main(sys.argv)
