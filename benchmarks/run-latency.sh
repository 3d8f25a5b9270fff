#!/usr/bin/env bash
# delta → kafka latency in continuous mode (see docs/benchmarks.md). Usage: benchmarks/run-latency.sh
#   [--commits 30] [--rows 1000] [--interval-ms 1000] [--warmup 10] [--poll-ms fixed1000,1000] [--reps 2]
#   [--partitions 6] [--work DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl benchmarks -am package dependency:build-classpath -Dmaven.test.skip=true \
  -Dmdep.outputFile=target/d2k-bench.classpath >/dev/null
# the pipeline runs in this JVM: with bin/bridge's JVM options (cli/src/dist/conf/jvm.options)
exec java @cli/src/dist/conf/jvm.options -Xmx512m -Dlogback.configurationFile=d2k-bench-logback.xml -cp "benchmarks/target/classes:$(cat benchmarks/target/d2k-bench.classpath)" \
  io.deltabridge.bench.latency.LatencyBenchmark "$@"
