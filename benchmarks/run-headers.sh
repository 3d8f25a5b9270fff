#!/usr/bin/env bash
# What the lineage headers cost the producer (see docs/benchmarks.md, "Cheaper events"). Usage:
#   benchmarks/run-headers.sh [--rows 1000000] [--reps 3]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl benchmarks -am package dependency:build-classpath -Dmaven.test.skip=true \
  -Dmdep.outputFile=target/d2k-bench.classpath >/dev/null
# the JVM of the measured bridge: its JDK (BENCH_JAVA_HOME, docs/benchmarks.md "JDKs"), options and delta -> kafka's heap
exec "${BENCH_JAVA_HOME:+$BENCH_JAVA_HOME/bin/}java" --enable-native-access=ALL-UNNAMED @cli/src/dist/conf/jvm.options \
  -Xmx128m -Dlogback.configurationFile=d2k-bench-logback.xml \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/d2k-bench.classpath)" io.deltabridge.bench.headers.HeaderCost "$@"
