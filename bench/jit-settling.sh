#!/usr/bin/env bash
# When does the service's CPU stop falling? Runs bench/jit-settling.yaml (30 s warm-up, then 16
# steps of 15 s at ~200 req/s, 1 CPU) and prints, per step, when it ended (seconds after the warm-up), the
# service's CPU, its GC pause rate and the injector's CPU. The warm-up of any scenario whose CPU
# figures are compared across runs must reach past the point where the CPU levels off.
# Usage: bench/jit-settling.sh  (~6 min; holds the lab lock)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${HEADROOM_BENCH_RESULTS:-results}"
flock /tmp/headroom-lab.lock mvn -B -q gatling:test -Dheadroom.scenario=bench/jit-settling.yaml \
  -Dheadroom.prometheus=off -Dheadroom.calibration=off -Dheadroom.results.dir="$out" | grep '^headroom: step' || true
python3 - "$out/$(readlink "$out/latest")/steps.csv" <<'PY'
import csv, sys
from datetime import datetime
rows = list(csv.DictReader(open(sys.argv[1])))
t0 = datetime.fromisoformat(rows[0]["steady_start"].replace("Z", "+00:00"))
print("step  s_after_warmup  req/s  service_cpu_cores  gc_pause_ms_per_s  injector_cpu_cores")
for r in rows:
    end = datetime.fromisoformat(r["steady_end"].replace("Z", "+00:00"))
    print(f'{r["step"]:>4} {(end - t0).total_seconds() + 2:15.0f} {float(r["throughput_rps"]):6.1f}'
          f' {float(r["app_cpu_cores"]):18.4f} {float(r["gc_pause_ms_per_s"]):18.2f} {float(r["injector_cpu_cores"]):19.4f}')
PY
