#!/usr/bin/env bash
# The Kafka Connect source connector on one worker against `bridge run --once` (see docs/benchmarks.md).
# Usage: benchmarks/run-connect.sh [--rows N] [--reps N] [--partitions 6] [--cli-jvm "-Xmx128m -XX:+UseSerialGC"]
#   [--worker-jvm "-Xms256m -Xmx1g"] [--max-transaction-records 100000] [--work DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl connect -am package dependency:build-classpath -DskipTests -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/connect-bench.classpath >/dev/null
plugin=$(ls -d "$PWD"/connect/target/deltabridge-connect-*-plugin)
exec java -Xmx1g -Dlogback.configurationFile="$PWD/benchmarks/src/main/resources/d2k-bench-logback.xml" \
  -Ddeltabridge.connect.plugin.path="$plugin" \
  -cp "connect/target/test-classes:$(cat connect/target/connect-bench.classpath)" \
  io.deltabridge.connect.SourceBenchmark "$@"
