#!/usr/bin/env python3
"""The lab's database as a yardstick of the host's speed (docs/search.md, "2026-12-07, AMD, night").

    bench/yardstick.py results/<run> [results/<run> ...] [--step N]

For each run, over its valid steps (or trials) that carried at least 300 req/s, the medians of the
service's and the database's CPU per request (steps.csv app_cpu_cores and db_cpu_cores over
throughput_rps, in ms) and the median of their ratio. Then, over the runs, each run's service and
database figure against their median, in per cent. Two runs of one scenario send the database the
same work a request, so a slower host moves both figures by one factor and leaves the ratio; a
service that got dearer moves the ratio. With --step N it also prints step N of each run (a
staircase's steps are at fixed rates, so step N is the same load in every run of it).

The floor of 300 req/s leaves out the lowest steps, where each process's background CPU (scrapes,
the collector) is a large share of a small figure.
"""
import csv
import statistics
import sys
from pathlib import Path

MIN_RPS = 300


def rows(run_dir):
    with open(Path(run_dir) / "steps.csv", newline="") as f:
        for r in csv.DictReader(f):
            try:
                x = float(r["throughput_rps"])
                app = float(r["app_cpu_cores"])
                db = float(r["db_cpu_cores"])
            except (KeyError, ValueError):
                continue
            if r.get("valid") != "true" or not x > 0 or not db > 0:
                continue
            yield int(r["step"]), x, app, db


def main(argv):
    step = None
    if "--step" in argv:
        i = argv.index("--step")
        step = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    if not argv:
        sys.exit(__doc__)
    figures = []
    for run in argv:
        kept = [(s, x, app, db) for s, x, app, db in rows(run) if x >= MIN_RPS]
        if not kept:
            print(f"{run}: no valid step with CPU figures at {MIN_RPS} req/s or more")
            continue
        service = statistics.median(app / x * 1000 for _, x, app, _ in kept)
        database = statistics.median(db / x * 1000 for _, x, _, db in kept)
        ratio = statistics.median(app / db for _, _, app, db in kept)
        figures.append((run, service, database, ratio))
        print(f"{run}: {len(kept)} steps, service {service:.3f} ms, database {database:.3f} ms a request,"
              f" service / database {ratio:.3f}")
        if step is not None:
            for s, x, app, db in rows(run):
                if s == step:
                    print(f"  step {s}: {x:.1f} req/s, service {app:.3f} cores ({app / x * 1000:.3f} ms),"
                          f" database {db:.3f} cores ({db / x * 1000:.3f} ms), ratio {app / db:.2f}")
    if len(figures) > 1:
        ms = statistics.median(f[1] for f in figures)
        md = statistics.median(f[2] for f in figures)
        print(f"against the medians (service {ms:.3f} ms, database {md:.3f} ms):")
        for run, s, d, r in figures:
            print(f"  {run}: service {100 * (s / ms - 1):+.1f} %, database {100 * (d / md - 1):+.1f} %, ratio {r:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
