#!/usr/bin/env bash
# How long a run takes to stop everything it started after Ctrl-C: starts `mvn gatling:test` in its
# own process group, sends SIGINT to the whole group after <delay> seconds (as a terminal's Ctrl-C
# does: the embedded database and the service get it too), then times until Maven, the service
# (its command line carries -Dheadroom.parent-pid), MariaDB and Prometheus are all gone.
# Usage: bench/ctrl-c.sh [delay_s [scenario]]   (default: 100 quick: the warm-up at its top rate)
# Results go to a temporary directory, not results/. Run it with nothing else running.
set -euo pipefail
set -m # a job of its own process group, so that the group can be signalled as a terminal would
cd "$(dirname "$0")/.."
delay="${1:-100}"
scenario="${2:-quick}"
out="$(mktemp -d)"
mvn -B -q gatling:test -Dheadroom.scenario="$scenario" -Dheadroom.results.dir="$out" >"$out/mvn.log" 2>&1 &
group=$!
sleep "$delay"
alive() {
  kill -0 "$group" 2>/dev/null || pgrep -f 'headroom.parent-pid' >/dev/null || pgrep -x mariadbd >/dev/null \
    || pgrep -x mysqld >/dev/null || pgrep -x prometheus >/dev/null
}
alive || { echo "the run ended before ${delay} s: nothing to interrupt (see $out/mvn.log)" >&2; exit 1; }
start=$(date +%s.%N)
kill -INT -- "-$group"
while alive; do sleep 0.1; done
end=$(date +%s.%N)
grep '^headroom: \(warm-up at\|trial\)' "$out/mvn.log" | tail -1 || true
echo "Ctrl-C after ${delay} s: everything stopped $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') s later (log: $out/mvn.log)"
