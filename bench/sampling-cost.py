#!/usr/bin/env python3
"""What one sample of Headroom's own sampler costs the service and the database (issue 12: "cut
Headroom's own share"). Run by bench/sampling-cost.sh while bench/sampling-cost.yaml holds the lab
at a light constant load; reads the service's and the database's pids, the management port and
the JDBC port from the run's run.json, then alternates blocks of BLOCK_S seconds: nothing extra, then
EXTRA_PER_S extra scrapes of /actuator/prometheus a second (three times), then EXTRA_PER_S extra
reads of performance_schema.events_statements_summary_by_digest (the sampler's query) a second
on one connection (twice), each followed by a block of nothing extra. The CPU
of each process is read from /proc/<pid>/stat (utime + stime, clock ticks). The extra work's cost
is (CPU in the busy block - mean CPU of the quiet blocks beside it) / requests made.

    bench/sampling-cost.py <run dir> <mariadb client>
"""
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

BLOCK_S = 20
EXTRA_PER_S = 10
TICK = os.sysconf("SC_CLK_TCK")


def cpu_s(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime (fields 14 and 15)


def block(pids, work):
    stop = threading.Event()
    done = [0]

    def loop():
        next_at = time.monotonic()
        while not stop.is_set():
            if work is not None:
                work()
                done[0] += 1
            next_at += 1 / EXTRA_PER_S
            time.sleep(max(0, next_at - time.monotonic()))

    t = threading.Thread(target=loop)
    before = {p: cpu_s(p) for p in pids}
    t0 = time.monotonic()
    t.start()
    time.sleep(BLOCK_S)
    stop.set()
    t.join()
    secs = time.monotonic() - t0
    return {p: (cpu_s(p) - before[p]) / secs for p in pids}, done[0], secs


def main(run_dir, client):
    run = json.load(open(os.path.join(run_dir, "run.json")))
    app = run["lab"]["service"]["pid"]
    db = run["lab"]["database"]["server_pid"]
    mgmt = run["lab"]["service"]["launch"]["management_port"]
    db_port = run["lab"]["database"]["jdbc_url"].split("127.0.0.1:")[1].split("/")[0]
    url = f"http://127.0.0.1:{mgmt}/actuator/prometheus"
    query = ("SELECT SCHEMA_NAME, DIGEST_TEXT, SUM_TIMER_WAIT"
             " FROM performance_schema.events_statements_summary_by_digest")

    def scrape():
        urllib.request.urlopen(url, timeout=2).read()

    # one connection for every read, as the sampler keeps one
    mariadb = subprocess.Popen([client, "-h127.0.0.1", f"-P{db_port}", "-uroot", "-N", "--skip-ssl"],
                               stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)

    def read_digests():
        mariadb.stdin.write(query + ";\n")
        mariadb.stdin.flush()

    plan = [("quiet", None)] + [b for _ in range(3) for b in (("scrapes", scrape), ("quiet", None))] \
        + [b for _ in range(2) for b in (("digests", read_digests), ("quiet", None))]
    rows = []
    for name, work in plan:
        cores, n, secs = block([app, db], work)
        rows.append((name, cores, n, secs))
        print(f"{name:8} service {cores[app]:.4f} cores, database {cores[db]:.4f} cores, {n} extra in {secs:.1f} s",
              flush=True)
    # each busy block against the mean of the quiet blocks on either side of it
    for i, (name, cores, n, secs) in enumerate(rows):
        if name == "quiet":
            continue
        q = [rows[i - 1][1], rows[i + 1][1]]
        for who, pid in (("service", app), ("database", db)):
            base = statistics.mean(c[pid] for c in q)
            print(f"{name}: {who} +{(cores[pid] - base) * secs / n * 1000:.2f} ms of CPU per extra request")
    mariadb.stdin.close()
    mariadb.wait()
    # the client process itself runs on the host, not in the service or the database: not counted


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
