#!/usr/bin/env bash
# Whole-run benchmark: the reference service's CPU against its request rate, idle and at paced
# rates from a plain HTTP client (src/test/java/dev/headroom/bench/CpuCurveProbe.java): the shape
# of U(X) that the sizer's demand at the autoscaling target rests on (docs/sizing-model.md, "Demand
# at the target"). One lab at a time (the lock the other bench scripts take); about 5 minutes.
# Usage: bench/cpu-curve.sh [cpus [step ...]]   (default: 0.5 cores; 25 50 100 200 400 50 req/s)
# A step N > 0 is a paced rate, -N a 10 s burst at N req/s, 0 a 75 s pause (CpuCurveProbe).
set -euo pipefail
set -m
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile -Dspotless.check.skip=true
cp="target/test-classes:target/classes:$(cat target/classpath/test.txt)"
exec flock /tmp/headroom-lab.lock java -cp "$cp" dev.headroom.bench.CpuCurveProbe "$@"
