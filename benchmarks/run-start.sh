#!/usr/bin/env bash
# Start time of `bridge run --once` with nothing to do (see docs/benchmarks.md). Usage: benchmarks/run-start.sh
#   [--reps 7] [--work DIR]; measures bin/bridge of cli/target's distribution and java -jar cli/target/bridge.jar
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl benchmarks,cli -am package dependency:build-classpath -Dmaven.test.skip=true \
  -Dmdep.outputFile=target/d2k-bench.classpath >/dev/null
rm -rf target/start-bench && mkdir -p target/start-bench/dist
tar -xzf cli/target/bridge-*-dist.tar.gz -C target/start-bench/dist --strip-components=1
exec java -Xmx256m -Dlogback.configurationFile=d2k-bench-logback.xml -cp "benchmarks/target/classes:$(cat benchmarks/target/d2k-bench.classpath)" \
  io.deltabridge.bench.start.StartBenchmark "$@"
