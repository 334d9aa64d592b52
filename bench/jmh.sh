#!/usr/bin/env bash
# JMH benchmarks of Headroom's own hot paths (src/test/java/dev/headroom/bench).
# Usage: bench/jmh.sh [JMH options, e.g. a benchmark regex or -prof gc]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
cp="target/test-classes:target/classes:$(cat target/classpath/test.txt)"
exec java -cp "$cp" org.openjdk.jmh.Main "$@"
