#!/usr/bin/env python3
"""Per-step agreement of runs made in pairs: one with Prometheus as the source, one direct.

Usage: bench/compare-sources.py <prometheus-run> <direct-run> [<prometheus-run> <direct-run> ...]
For each pair and step: app_cpu_cores and server_rps of both runs and (prometheus - direct) / direct;
then, for the Prometheus run, its in-run cross-check (steps.json server.cross_check). Steps marked
invalid (a saturated host) are flagged: their figures measure the neighbours too.
"""
import json
import sys


def steps(run):
    return json.load(open(f"{run}/steps.json"))


def source(run):
    return json.load(open(f"{run}/run.json"))["metrics"]["source"]


def rel(a, b):
    return float("nan") if a is None or b is None or b == 0 else (a - b) / b


args = sys.argv[1:]
if len(args) % 2:
    sys.exit("give runs in pairs: <prometheus-run> <direct-run> ...")
worst = {"cpu": 0.0, "rps": 0.0, "check_cpu": 0.0, "check_rps": 0.0}
for prom, direct in zip(args[0::2], args[1::2]):
    if source(prom) != "prometheus" or source(direct) != "direct":
        sys.exit(f"{prom}: {source(prom)}, {direct}: {source(direct)}: expected prometheus, then direct")
    print(f"{prom} (prometheus) vs {direct} (direct)")
    print("step  cpu prom  cpu direct    diff   rps prom  rps direct    diff | in-run cpu diff  rps diff  valid")
    for p, d in zip(steps(prom), steps(direct)):
        ps, ds = p["server"], d["server"]
        check = ps["cross_check"]
        cpu = rel(ps["app_cpu_cores"], ds["app_cpu_cores"])
        rps = rel(ps["server_rps"], ds["server_rps"])
        ccpu = check["app_cpu_cores"]["relative_difference"]
        crps = check["server_rps"]["relative_difference"]
        valid = p["validity"]["valid"] and d["validity"]["valid"]
        if valid:
            worst["cpu"] = max(worst["cpu"], abs(cpu))
            worst["rps"] = max(worst["rps"], abs(rps))
            worst["check_cpu"] = max(worst["check_cpu"], abs(ccpu))
            worst["check_rps"] = max(worst["check_rps"], abs(crps))
        print(f"{p['step']:>4}  {ps['app_cpu_cores']:8.3f}  {ds['app_cpu_cores']:10.3f}  {cpu:+6.1%}"
              f"  {ps['server_rps']:9.2f}  {ds['server_rps']:10.2f}  {rps:+6.1%}"
              f" | {ccpu:+15.2%}  {crps:+8.2%}  {'yes' if valid else 'NO'}")
print("largest |difference| over valid steps: cross-run CPU {cpu:.1%}, cross-run req/s {rps:.1%},"
      " in-run CPU {check_cpu:.2%}, in-run req/s {check_rps:.2%}".format(**worst))
