#!/usr/bin/env bash
# Every benchmark of issue 11 side by side (see docs/benchmarks.md, "Side by side"): the project's run-d2k.sh,
# run-headers.sh, run-k2d.sh, run-start.sh and run-latency.sh, then peer-bench's run.sh (Spark 4.1 + Delta peers and the raw Kafka
# producer/consumer limits) on the same workload, one after the other; then io.deltabridge.bench.all.SideBySide
# writes <out>/results.json and <out>/results.md (medians of the repetitions, ratios, targets met or missed).
# BENCH_JAVA_HOME runs the measured bridge on another JDK than `java` (docs/benchmarks.md, "JDKs"); Spark stays on java.
# Usage: benchmarks/run-all.sh [--rows 1000000] [--reps 2] [--out target/bench-all] [--peer-bench DIR]
#   [--quiet-max-s 30]
#   --peer-bench: the peer-bench folder (default $PEER_BENCH, else ../shared/peer-bench beside this checkout);
#   --quiet-max-s: how long peer-bench waits for a quiet machine before each step (its own default is 300).
# Each step's output stays in <out>/logs/<step>.out.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=1000000 reps=2 out=target/bench-all peer=${PEER_BENCH:-../shared/peer-bench} quiet=30
command="${BENCH_JAVA_HOME:+BENCH_JAVA_HOME=$BENCH_JAVA_HOME }benchmarks/run-all.sh $*"
while [[ $# -gt 0 ]]; do
  case $1 in
    --rows) rows=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --peer-bench) peer=$2; shift 2 ;;
    --quiet-max-s) quiet=$2; shift 2 ;;
    *) echo "unknown option $1 (see the usage at the top of $0)" >&2; exit 2 ;;
  esac
done
[[ -x $peer/run.sh ]] || { echo "peer-bench not found at $peer: pass --peer-bench DIR or set PEER_BENCH" >&2; exit 2; }
/usr/bin/time -v true >/dev/null 2>&1 || { echo "GNU time is needed for peak RSS: apt-get install time" >&2; exit 2; }
mkdir -p "$out/logs"
out=$(cd "$out" && pwd)
meta=$out/logs/meta.properties
note() { printf '%s=%s\n' "$1" "$2" >> "$meta"; }
: > "$meta"
note command "$command"
note rows "$rows"
note reps "$reps"
note machine "$(nproc) × $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), \
$(awk '/^MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo)"
note os "$(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
note java "$(java -version 2>&1 | head -1)"
# the measured bridge's JDK (d2k, k2d, start): BENCH_JAVA_HOME, e.g. a Java 25 with bin/bridge's AOT cache
note bridge_java "$("${BENCH_JAVA_HOME:+$BENCH_JAVA_HOME/bin/}java" -version 2>&1 | head -1)"
note started "$(date -u '+%Y-%m-%d %H:%M UTC')"
note load_start "$(cut -d' ' -f1-3 /proc/loadavg)"

step() { # step <name> <command...>: runs one benchmark, its output into logs/<name>.out
  local name=$1; shift
  note "step_load_$name" "$(cut -d' ' -f1 /proc/loadavg)"
  echo "[$(date -u +%H:%M:%S)] $name: $* (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  "$@" > "$out/logs/$name.out" 2>&1 || { tail -30 "$out/logs/$name.out"; echo "$name failed" >&2; exit 1; }
}
step d2k benchmarks/run-d2k.sh --rows "$rows" --big-rows 0 --formats json --reps "$reps"
# Kafka's producer alone sending the bridge's events, with and without the contract's headers, on the bridge's JDK
step headers benchmarks/run-headers.sh --rows "$rows" --reps "$reps"
step k2d benchmarks/run-k2d.sh --rows "$rows" --formats json --reps "$reps"
step start benchmarks/run-start.sh
step latency benchmarks/run-latency.sh --reps "$reps" --poll-ms 1000
step peer "$peer/run.sh" --rows "$rows" --peer-reps "$reps" --limit-reps "$((reps > 3 ? reps : 3))" --no-scan \
  --quiet-max-s "$quiet" --out "$out/peer-bench.json"
note finished "$(date -u '+%Y-%m-%d %H:%M UTC')"
note load_end "$(cut -d' ' -f1-3 /proc/loadavg)"
# run-d2k.sh built the benchmarks and wrote their class path
java -cp "benchmarks/target/classes:$(cat benchmarks/target/d2k-bench.classpath)" \
  io.deltabridge.bench.all.SideBySide "$out"
