#!/usr/bin/env bash
# kafka → delta benchmark (see docs/benchmarks.md). Usage: benchmarks/run-k2d.sh [--rows N] [--formats json,avro]
#   [--reps N] [--xmx 192m] [--flush-records N] [--partitions 6] [--work DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl benchmarks -am package dependency:build-classpath -Dmaven.test.skip=true \
  -Dmdep.outputFile=target/k2d-bench.classpath >/dev/null
exec java -Xmx1g -cp "benchmarks/target/classes:$(cat benchmarks/target/k2d-bench.classpath)" \
  io.deltabridge.bench.k2d.K2dBenchmark "$@"
