#!/usr/bin/env python3
"""Compares the sizer's prediction from a small-budget run with a large-budget run's measurement.

Usage: bench/fidelity.py <small-run-dir> <large-run-dir>
Reads each run's run.json (the applied CPU budget), the small run's sizing.json (the fitted
service demand, U = U0 + X*D, and the utilization at which the SLO held) and the large run's
steps.csv and sizing.json (what it really carried).
"""
import csv
import json
import sys
from pathlib import Path


def load(run):
    run = Path(run)
    facts = json.loads((run / "run.json").read_text())
    sizing = json.loads((run / "sizing.json").read_text())
    with (run / "steps.csv").open() as f:
        steps = [r for r in csv.DictReader(f) if r["valid"] == "true"]
    return facts["lab"]["cpu_budget"]["applied_cpus"], sizing, steps


def main(small_dir, large_dir):
    small_cpus, small, _ = load(small_dir)
    large_cpus, large, large_steps = load(large_dir)
    d = small["demand"]["service"]
    per_req, background = d["cpu_seconds_per_request"], d["background_cores"]
    ceiling = small["autoscaling"]["ceiling_utilization"]
    # The utilization law solved for X: X = (u * cores - U0) / D.
    predicted_max = (large_cpus - background) / per_req
    predicted_slo = None if ceiling is None else (ceiling * large_cpus - background) / per_req
    measured_max = max(float(r["throughput_rps"]) for r in large_steps)
    measured_slo = large["capacity"]["capacity_at_slo_rps"]
    saturated = large["capacity"]["knee_concurrency"] is not None
    held = "no step met the SLO" if ceiling is None else f"SLO held up to {ceiling * 100:.0f} % CPU"
    print(f"small run {small_dir}: {small_cpus} CPU, D = {per_req * 1000:.3f} ms/request, U0 = {background:.3f} cores, {held}")
    print(f"large run {large_dir}: {large_cpus} CPU" + ("" if saturated else " (never saturated: measured max is a lower bound)"))
    print(f"{'figure':<26}{'predicted':>12}{'measured':>12}{'error':>9}")
    for name, p, m in (("max throughput (req/s)", predicted_max, measured_max),
                       ("capacity at SLO (req/s)", predicted_slo, measured_slo)):
        if p is None:
            print(f"{name:<26}{'n/a':>12}{(m or float('nan')):>12.1f}{'n/a':>9}")
            continue
        if not saturated:
            # the large run never reached its limit: its figure is a floor, and a prediction above it agrees
            print(f"{name:<26}{p:>12.1f}{'>= %.1f' % (m or float('nan')):>12}{'ok' if m and p >= m else 'LOW':>9}")
            continue
        err = "n/a" if not m else f"{(p - m) / m * 100:+.1f} %"
        print(f"{name:<26}{p:>12.1f}{(m or float('nan')):>12.1f}{err:>9}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
