#!/usr/bin/env python3
"""Where the host's CPU goes during a run (issue 12: "find where the host's CPU goes ... and cut
Headroom's own share"). Started beside `mvn gatling:test` (bench/host-share.sh), it waits for the
run's results directory, then reads /proc every 2 s until the Gatling JVM exits and prints, for the
search's trials (from the first "trial" line of the log to the end), the cores each process used
(service, database, Gatling's JVM, Prometheus, Maven's JVM, the rest of the host) and the threads of
Gatling's JVM that used the most, by name (Headroom's sampler is "headroom-sampler", its search
driver "headroom-search"; Gatling's event loops, GC and JIT threads are named by the JVM).

    bench/host-share.py <maven log>
"""
import collections
import json
import os
import re
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def stat(path):
    try:
        with open(path) as f:
            s = f.read()
    except OSError:
        return None
    name = s[s.index("(") + 1:s.rindex(")")]
    fields = s.rsplit(")", 1)[1].split()
    return name, (int(fields[11]) + int(fields[12])) / TICK, int(fields[1])  # comm, utime+stime, ppid


def host_busy():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle = v[3] + v[4]
    return (sum(v[:8]) - idle) / TICK, sum(v[:8]) / TICK


def threads(pid):
    out = {}
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            s = stat(f"/proc/{pid}/task/{tid}/stat")
            if s:
                out[tid] = (s[0], s[1])
    except OSError:
        pass
    return out


def main(log):
    run_dir = None
    while run_dir is None:
        m = re.search(r"^headroom: results go to (\S+)", open(log).read(), re.M)
        run_dir = m.group(1) if m else None
        time.sleep(1)
    while True:  # the service and database pids are in run.json once the lab is up
        text = open(log).read()
        if "headroom: sending load" in text:
            break
        time.sleep(1)
    run = json.load(open(os.path.join(run_dir, "run.json")))
    pids = {"service": run["lab"]["service"]["pid"], "database": run["lab"]["database"]["server_pid"]}
    if run.get("metrics", {}).get("prometheus_pid"):
        pids["prometheus"] = run["metrics"]["prometheus_pid"]
    gatling = None
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                cmd = open(f"/proc/{p}/cmdline", "rb").read()
            except OSError:
                continue
            if b"io.gatling" in cmd and b"java" in cmd:
                gatling = int(p)
    pids["gatling"] = gatling
    pids["maven"] = stat(f"/proc/{gatling}/stat")[2]
    while "headroom: trial 1 " not in open(log).read():
        time.sleep(0.5)
    first = {k: stat(f"/proc/{v}/stat")[1] for k, v in pids.items()}
    first_threads = threads(gatling)
    busy0, total0 = host_busy()
    t0 = time.monotonic()
    last, last_threads, busy1, total1, t1 = first, first_threads, busy0, total0, t0
    while stat(f"/proc/{gatling}/stat") is not None and "headroom: search " not in open(log).read():
        now = {k: (stat(f"/proc/{v}/stat") or (None, None))[1] for k, v in pids.items()}
        if None in now.values():
            break
        last, last_threads = now, threads(gatling)
        busy1, total1 = host_busy()
        t1 = time.monotonic()
        time.sleep(2)
    secs = t1 - t0
    print(f"over the trials ({secs:.0f} s):")
    used = 0
    for k in pids:
        cores = (last[k] - first[k]) / secs
        used += cores
        print(f"  {k:10} {cores:.3f} cores")
    host_cores = (total1 - total0) / secs
    busy = (busy1 - busy0) / secs
    print(f"  {'rest':10} {busy - used:.3f} cores (host busy {busy:.3f} of {host_cores:.2f})")
    by_name = collections.Counter()
    for tid, (name, cpu) in last_threads.items():
        before = first_threads.get(tid, (name, 0.0))[1]
        by_name[re.sub(r"\d+", "#", name)] += (cpu - before) / secs
    print("  Gatling's JVM by thread name (digits as #):")
    for name, cores in by_name.most_common(12):
        print(f"    {name:24} {cores:.4f} cores")


if __name__ == "__main__":
    main(sys.argv[1])
