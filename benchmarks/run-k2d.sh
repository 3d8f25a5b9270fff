#!/usr/bin/env bash
# kafka → delta benchmark (see docs/benchmarks.md). Usage: benchmarks/run-k2d.sh [--rows N] [--formats json,avro]
#   [--reps N] [--xmx 192m] [--jvm "FLAGS", e.g. "-XX:-UseSerialGC -XX:+UseG1GC"] [--flush-records N] [--partitions 6] [--work DIR] [--upsert-changes N [--spark-xmx 1g]]
#   [--table-partitions active,score: the Delta table partitioned by these columns, here 2,000 partitions]
# With --upsert-changes the upsert run's peer (Spark foreachBatch + MERGE INTO, benchmarks/spark-merge: outside the
# reactor, so its jars never reach the product) is built and run beside it on Java 17 ($SPARK_JAVA_HOME, or the
# default java if it is 17, or /usr/lib/jvm/java-17-openjdk-*); SPARK_MERGE=0 skips it.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl benchmarks -am package dependency:build-classpath -Dmaven.test.skip=true \
  -Dmdep.outputFile=target/k2d-bench.classpath >/dev/null
peer=()
if [[ " $* " == *" --upsert-changes "* && "${SPARK_MERGE:-1}" != 0 ]]; then
  mvn -B -q -f benchmarks/spark-merge/pom.xml package >/dev/null
  spark_java=java
  if [ -n "${SPARK_JAVA_HOME:-}" ]; then spark_java=$SPARK_JAVA_HOME/bin/java
  elif ! java -version 2>&1 | head -1 | grep -q '"17\.'; then
    for j in /usr/lib/jvm/java-17-openjdk-*/bin/java; do [ -x "$j" ] && spark_java=$j && break; done
  fi
  peer=(--spark-merge-classpath benchmarks/spark-merge/target/spark-merge.classpath --spark-java "$spark_java")
fi
# the benchmarks' jar, not target/classes: on Java 25+ the measured JVM maps an AOT cache, which takes classes
# from jars only (MeasuredJava)
exec java -Xmx1g -cp "$(echo benchmarks/target/benchmarks-*.jar):$(cat benchmarks/target/k2d-bench.classpath)" \
  io.deltabridge.bench.k2d.K2dBenchmark "$@" ${peer[@]+"${peer[@]}"}
