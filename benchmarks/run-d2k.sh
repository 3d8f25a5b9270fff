#!/usr/bin/env bash
# delta → kafka benchmark (see docs/benchmarks.md). Usage: benchmarks/run-d2k.sh [--rows N] [--big-rows N] [--formats json,avro]
#   [--small-versions N: instead, a backfill of N versions of 10 rows, one transaction per version vs grouped]
#   [--reps N] [--xmx 128m] [--jvm "FLAGS", e.g. "-XX:-UseSerialGC -XX:+UseG1GC"] [--partitions 6] [--work DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl benchmarks -am package dependency:build-classpath -Dmaven.test.skip=true \
  -Dmdep.outputFile=target/d2k-bench.classpath >/dev/null
# the benchmarks' jar, not target/classes: on Java 25+ the measured JVM maps an AOT cache, which takes classes
# from jars only (MeasuredJava)
exec java -Xmx1g -Dlogback.configurationFile=d2k-bench-logback.xml -cp "$(echo benchmarks/target/benchmarks-*.jar):$(cat benchmarks/target/d2k-bench.classpath)" \
  io.deltabridge.bench.d2k.D2kBenchmark "$@"
