#!/usr/bin/env bash
# Whole-run benchmark: the reference service's CPU against its request rate, idle and at paced
# rates from a plain HTTP client (src/test/java/dev/headroom/bench/CpuCurveProbe.java): how far the
# utilization law at the knee under-reads the CPU below it (docs/sizing-model.md, "Demand below the
# knee"). One lab at a time (the lock the other bench scripts take); about 8 minutes by default.
# Usage: bench/cpu-curve.sh [cpus [step ...]]
#   (default: 0.5 cores; 400 x4, then 300 200 100 50 25, then 400 25 req/s: falling, once warm)
# A step N > 0 is a paced rate, -N a 10 s burst at N req/s, 0 a 75 s pause (CpuCurveProbe).
set -euo pipefail
set -m
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile -Dspotless.check.skip=true
cp="target/test-classes:target/classes:$(cat target/classpath/test.txt)"
exec flock /tmp/headroom-lab.lock java -cp "$cp" dev.headroom.bench.CpuCurveProbe "$@"
