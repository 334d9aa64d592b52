#!/usr/bin/env bash
# The sizer's memory for a JVM whose heap is not pre-touched, against the lab's pre-touched one: runs
# <scenario> twice, once with the lab's service as it starts (-XX:+AlwaysPreTouch) and once through a
# java that drops that flag (-Dheadroom.service.java, a wrapper written here), then prints each run's
# resident memory, run.json's service_jvm_memory and the replica_memory decision.
# Usage: bench/heap-floor.sh [scenario]   (default: src/test/resources/scenarios/smoke.yaml)
# Results go to a temporary directory, not results/. Run it with nothing else running.
set -euo pipefail
cd "$(dirname "$0")/.."
scenario="${1:-src/test/resources/scenarios/smoke.yaml}"
out="$(mktemp -d)"
java="$(readlink -f "$(command -v java)")"
cat >"$out/java-without-pretouch" <<WRAP
#!/usr/bin/env bash
args=()
for a in "\$@"; do [ "\$a" = "-XX:+AlwaysPreTouch" ] || args+=("\$a"); done
exec "$java" "\${args[@]}"
WRAP
chmod +x "$out/java-without-pretouch"
for kind in pre-touched not-pre-touched; do
  extra=()
  [ "$kind" = not-pre-touched ] && extra=(-Dheadroom.service.java="$out/java-without-pretouch")
  mvn -B -q gatling:test -Dheadroom.scenario="$scenario" -Dheadroom.calibration=off \
    -Dheadroom.results.dir="$out/$kind" "${extra[@]}" >"$out/$kind.log" 2>&1
  run="$out/$kind/latest"
  echo "== $kind ($run)"
  python3 - "$run" <<'PY'
import csv, json, sys
run = sys.argv[1]
rss = [float(r["app_memory_mib_max"]) for r in csv.DictReader(open(run + "/steps.csv")) if r["app_memory_mib_max"]]
print("resident MiB by step:", ", ".join(f"{v:.0f}" for v in rss))
print("service_jvm_memory:", json.load(open(run + "/run.json")).get("service_jvm_memory", "none"))
for d in json.load(open(run + "/sizing.json"))["decisions"]:
    if d["name"] == "replica_memory":
        print("replica_memory:", d["inputs"], "->", d["result"])
PY
done
