#!/usr/bin/env bash
# The run-to-run noise of a scenario on this host: N runs of one commit, one after the other, then
# `headroom noise` over them, which writes noise/<scenario>.json beside the scenario file, where
# `headroom compare` looks for it. Run it on the machine the nightly runs on, with nothing else
# running, on a clean tree (a dirty one is recorded as such).
# Usage: bench/noise.sh [scenario [runs]]   (default: nightly 5; a scenario name or a .yaml path)
set -euo pipefail
cd "$(dirname "$0")/.."
scenario="${1:-nightly}"
runs="${2:-5}"
[ "$runs" -ge 3 ] || { echo "at least 3 runs: the noise of fewer says nothing" >&2; exit 2; }
mvn -B -q -DskipTests package >/dev/null
ids=()
for i in $(seq 1 "$runs"); do
  echo "== run $i of $runs: $scenario" >&2
  started=$(date +%s)
  mvn -B -q gatling:test -Dheadroom.scenario="$scenario" | grep '^headroom:' >&2 || true
  ids+=("$(readlink results/latest)")
  # the wall a user waits for, Maven's start included: what the README's times are
  echo "== run $i of $runs: $(readlink results/latest), wall $(( $(date +%s) - started )) s" >&2
done
java -jar target/headroom-cli.jar noise "${ids[@]}"
