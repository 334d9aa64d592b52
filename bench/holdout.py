#!/usr/bin/env python3
"""Holdout check of the capacity model (issue 12): a search run at one CPU budget predicts the
capacity a separate search run finds at another.

    bench/holdout.py results/<run at 0.25 cpus> results/<run at 0.5 cpus> [more runs at 0.5 ...]

From the first run (the training run) it reads the answer (run.json search.capacity_rps), the CPU
budget the service ran on (run.json lab.cpu_budget.applied_cpus) and the trials (steps.csv). Two
predictions of the capacity at the other run's budget b2, both the utilization law U = U0 + X D
(Denning and Buzen 1978) with the service as busy at its knee on either budget, rho = U_knee / b1:

  ratio: D = U / X over the full-length trials at the answer, U0 = 0:
         C2 = rho b2 / D, which is C1 x b2 / b1 (CPU scales, nothing else does);
  line:  U0 and D by least squares over the valid trials at or below the answer:
         C2 = (rho b2 - U0) / D.

It prints both against each measured run (and their median), and the error in per cent. The
issue's bar is 10 %. Nothing here is fitted to the second run: it is only compared with.
"""
import csv
from datetime import datetime
import json
import statistics
import sys
from pathlib import Path


def load(run_dir):
    run_dir = Path(run_dir)
    run = json.loads((run_dir / "run.json").read_text())
    search = run.get("search")
    if not search or search.get("capacity_rps") is None:
        sys.exit(f"{run_dir}: run.json has no search answer (search.capacity_rps)")
    budget = run.get("lab", {}).get("cpu_budget", {}).get("applied_cpus")
    if not budget:
        sys.exit(f"{run_dir}: run.json has no lab.cpu_budget.applied_cpus (a lab run with -Dheadroom.cpus)")
    with open(run_dir / "steps.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    return run, search, float(budget), rows


def num(row, key):
    try:
        return float(row[key])
    except (KeyError, ValueError):
        return float("nan")


def seconds(row):
    """A trial's measured window, from steps.csv's steady_start and steady_end (ISO-8601, UTC)."""
    try:
        a = datetime.fromisoformat(row["steady_start"].replace("Z", "+00:00"))
        b = datetime.fromisoformat(row["steady_end"].replace("Z", "+00:00"))
        return (b - a).total_seconds()
    except (KeyError, ValueError):
        return 0.0


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    run1, search1, b1, rows = load(argv[1])
    c1 = float(search1["capacity_rps"])
    # steps.csv writes rates to 4 decimals, run.json in full
    full_s = float(search1.get("settings", {}).get("full_trial_s", 0))
    at_answer = [r for r in rows
                 if abs(num(r, "offered_rps") - c1) < 1e-3 and seconds(r) >= full_s - 0.5
                 and r["slo_met"] == "true" and r["valid"] == "true"]
    if not at_answer:
        sys.exit(f"{argv[1]}: no passed full-length trial at the answer {c1:.1f} req/s")
    u = statistics.median(num(r, "app_cpu_cores") for r in at_answer)
    x = statistics.median(num(r, "throughput_rps") for r in at_answer)
    d_ratio = u / x
    rho = u / b1
    below = [r for r in rows if r["valid"] == "true" and num(r, "offered_rps") <= c1 + 1e-3
             and num(r, "app_cpu_cores") == num(r, "app_cpu_cores")]
    xs = [num(r, "throughput_rps") for r in below]
    us = [num(r, "app_cpu_cores") for r in below]
    line = None
    if len(below) >= 3 and len(set(xs)) >= 2:
        mx, mu = statistics.fmean(xs), statistics.fmean(us)
        sxx = sum((a - mx) ** 2 for a in xs)
        d_line = sum((a - mx) * (b - mu) for a, b in zip(xs, us)) / sxx
        u0 = mu - d_line * mx
        if d_line > 0 and u0 >= 0:
            line = (u0, d_line)
    print(f"training run {argv[1]}: budget {b1:.2f} cores, capacity {c1:.0f} req/s")
    print(f"  at the answer: U {u:.3f} cores, X {x:.1f} req/s, D = U/X {d_ratio * 1000:.3f} ms,"
          f" rho = U/b {rho:.2f} ({len(at_answer)} full-length trials)")
    if line:
        print(f"  line over {len(below)} trials at or below it: U0 {line[0]:.3f} cores, D {line[1] * 1000:.3f} ms")
    else:
        print(f"  line over {len(below)} trials: no physical fit (fewer than 3 points, D <= 0 or U0 < 0)")
    measured = []
    b2 = None
    for other in argv[2:]:
        _, search2, budget2, _ = load(other)
        if b2 is not None and abs(budget2 - b2) > 1e-9:
            sys.exit(f"{other}: budget {budget2} differs from the other held-out runs' {b2}")
        b2 = budget2
        measured.append((other, float(search2["capacity_rps"]), search2.get("status")))
    pred_ratio = rho * b2 / d_ratio
    pred_line = (rho * b2 - line[0]) / line[1] if line else float("nan")
    print(f"prediction at {b2:.2f} cores: ratio {pred_ratio:.0f} req/s, line {pred_line:.0f} req/s")
    for path, c2, status in measured:
        print(f"  measured {c2:.0f} req/s ({status}) in {path}: ratio {100 * (pred_ratio - c2) / c2:+.1f} %,"
              f" line {100 * (pred_line - c2) / c2:+.1f} %")
    if len(measured) > 1:
        med = statistics.median(c for _, c, _ in measured)
        print(f"  median of {len(measured)} measured: {med:.0f} req/s: ratio {100 * (pred_ratio - med) / med:+.1f} %,"
              f" line {100 * (pred_line - med) / med:+.1f} %")


if __name__ == "__main__":
    main(sys.argv)
