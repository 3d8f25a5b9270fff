#!/usr/bin/env bash
# Start time of `bridge run --once` with nothing to do (see docs/benchmarks.md). Usage: benchmarks/run-start.sh
#   [--reps 7] [--work DIR] [--before DIR]; measures bin/bridge of cli/target's distribution and java -jar
#   cli/target/bridge.jar, and with --before those of an earlier build's cli/target directory (its bridge.jar and
#   bridge-*-dist.tar.gz), alternately in the same run
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
before=
while [[ $# -gt 0 ]]; do
  if [[ "$1" == --before ]]; then before=$(cd "$2" && pwd); else args+=("$1" "$2"); fi
  shift 2
done
mvn -B -q -o -pl benchmarks,cli -am package dependency:build-classpath -Dmaven.test.skip=true \
  -Dmdep.outputFile=target/d2k-bench.classpath >/dev/null
rm -rf target/start-bench && mkdir -p target/start-bench/dist
tar -xzf cli/target/bridge-*-dist.tar.gz -C target/start-bench/dist --strip-components=1
if [[ -n "$before" ]]; then
  mkdir -p target/start-bench/before-dist
  tar -xzf "$before"/bridge-*-dist.tar.gz -C target/start-bench/before-dist --strip-components=1
  args+=(--before-dist target/start-bench/before-dist --before-jar "$before/bridge.jar")
fi
exec java -Xmx256m -Dlogback.configurationFile=d2k-bench-logback.xml -cp "benchmarks/target/classes:$(cat benchmarks/target/d2k-bench.classpath)" \
  io.deltabridge.bench.start.StartBenchmark ${args[@]+"${args[@]}"}
