#!/usr/bin/env python3
"""How much of the spread between capacity searches the host's speed explains.

Usage: bench/host-speed.py <run dir>...   (results/<run> of searches with the same scenario and budget)

For each run: the search's capacity at the SLO (run.json search.capacity_rps), the median of its
valid trials' host_speed_ops_per_cpu_s (steps.csv: Headroom's probe, timed by the sampler thread's
own CPU clock once a second, docs/metrics.md "The host's speed"), the service's CPU per request at
the answer (U/X over its full-length trials), and the capacity scaled to the runs' median speed,
capacity x median speed / run's speed: what the run would have found on a host as fast as the
others' median, if capacity were proportional to the host's speed. It then prints each column's
median and its spread (lowest and highest as shares of the median), and the slope of log capacity
against log speed (1 would be proportional) with its correlation.

This is an analysis, not a rule the sizer applies: the probe runs in the injector's JVM and has
read 75-83 % slow for minutes on CI (a deoptimized probe, docs/metrics.md), so a run's figure
means something only beside runs of the same host.
"""
import csv
import json
import math
import statistics
import sys
from pathlib import Path


def number(text):
    try:
        v = float(text)
    except (TypeError, ValueError):
        return math.nan
    return v


def run_figures(run_dir):
    run = json.loads((run_dir / "run.json").read_text())
    search = run.get("search") or {}
    capacity = number(search.get("capacity_rps"))
    rows = list(csv.DictReader(open(run_dir / "steps.csv", newline="")))
    speeds = [number(r.get("host_speed_ops_per_cpu_s")) for r in rows if r.get("valid") == "true"]
    speeds = [s for s in speeds if s > 0]
    answer = [
        r for r in rows
        if r.get("phase") in ("confirm", "repeat")
        and r.get("valid") == "true"
        and abs(number(r["offered_rps"]) - capacity) < 0.5
    ]
    d_ms = [number(r["app_cpu_cores"]) / number(r["throughput_rps"]) * 1000 for r in answer
            if number(r["throughput_rps"]) > 0]
    return {
        "run": run_dir.name,
        "status": search.get("status", "(not a search)"),
        "capacity": capacity,
        "speed": statistics.median(speeds) if speeds else math.nan,
        "d_ms": statistics.median(d_ms) if d_ms else math.nan,
        "cpu": run.get("environment", {}).get("host", {}).get("cpu_model", "?"),
    }


def spread(values):
    v = [x for x in values if not math.isnan(x)]
    if not v:
        return "n/a"
    m = statistics.median(v)
    return f"median {m:.4g}, {min(v) / m - 1:+.1%} / {max(v) / m - 1:+.1%}"


def main(args):
    if len(args) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    runs = []
    for a in args:
        d = Path(a)
        if not (d / "run.json").is_file() or not (d / "steps.csv").is_file():
            print(f"{a}: no run.json and steps.csv here", file=sys.stderr)
            return 2
        runs.append(run_figures(d))
    ref = statistics.median(r["speed"] for r in runs if not math.isnan(r["speed"]))
    print(f"{'run':28} {'status':17} {'capacity':>9} {'speed':>8} {'D ms':>6} {'at median speed':>16}")
    for r in runs:
        r["scaled"] = r["capacity"] * ref / r["speed"]
        print(f"{r['run']:28} {r['status']:17} {r['capacity']:9.0f} {r['speed']:8.0f} {r['d_ms']:6.3f}"
              f" {r['scaled']:16.0f}")
    print(f"capacity:              {spread([r['capacity'] for r in runs])}")
    print(f"speed:                 {spread([r['speed'] for r in runs])}")
    print(f"D at the answer:       {spread([r['d_ms'] for r in runs])}")
    print(f"capacity at the median speed ({ref:.0f} ops per CPU-second): {spread([r['scaled'] for r in runs])}")
    pts = [(math.log(r["speed"]), math.log(r["capacity"])) for r in runs
           if r["speed"] > 0 and r["capacity"] > 0]
    if len(pts) >= 3:
        xs, ys = zip(*pts)
        mx, my = statistics.fmean(xs), statistics.fmean(ys)
        sxx = sum((x - mx) ** 2 for x in xs)
        syy = sum((y - my) ** 2 for y in ys)
        sxy = sum((x - mx) * (y - my) for x, y in pts)
        if sxx > 0 and syy > 0:
            print(f"log capacity on log speed: slope {sxy / sxx:.2f}, r {sxy / math.sqrt(sxx * syy):.2f}"
                  f" over {len(pts)} runs")
    models = sorted({r["cpu"] for r in runs})
    if len(models) > 1:
        print("note: the runs are from more than one CPU model; the probe's figures compare only on one",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
