#!/usr/bin/env bash
# The bridge on two JDKs, both directions, runs interleaved so that both see the same machine load
# (see docs/benchmarks.md, "JDKs"). Usage: benchmarks/run-jdks.sh [--rows N] [--reps N] [JDK_HOME ...]
#   default JDKs: /usr/lib/jvm/java-17-openjdk-amd64 and ${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
# Prints every run's line, then the median rows/s and peak RSS per JDK and direction.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=1000000 reps=3 jdks=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --rows) rows=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    *) jdks+=("$1"); shift ;;
  esac
done
[[ ${#jdks[@]} -gt 0 ]] || jdks=(/usr/lib/jvm/java-17-openjdk-amd64 "${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}")
results=$(mktemp)
for ((r = 1; r <= reps; r++)); do
  for jdk in "${jdks[@]}"; do
    name=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/jdk\1/p' "$jdk/release")
    BENCH_JAVA_HOME=$jdk benchmarks/run-d2k.sh --rows "$rows" --big-rows 0 --formats json --reps 1 \
      | awk -v n="$name" '/^json [0-9]+ rows/ && !seen[$0]++ {print; print "d2k", n, $(NF-6), $(NF-2), $NF > "/dev/stderr"}' 2>>"$results"
    BENCH_JAVA_HOME=$jdk benchmarks/run-k2d.sh --rows "$rows" --formats json --reps 1 \
      | awk -v n="$name" '/^json [0-9]+ \(/ && !seen[$0]++ {print; print "k2d", n, $(NF-7), $(NF-3), $(NF-1) > "/dev/stderr"}' 2>>"$results"
  done
done
echo
# rows/s depends on the machine's load; CPU seconds much less (compare both)
echo "median over $reps runs      rows/s     RSS MiB    CPU s"
# lines of $results: direction, jdk, rows/s, peak RSS MiB, CPU seconds
for key in $(cut -d' ' -f1,2 "$results" | sort -u | tr ' ' ':'); do
  med() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
  rate=$(grep "^${key/:/ } " "$results" | cut -d' ' -f3 | med)
  rss=$(grep "^${key/:/ } " "$results" | cut -d' ' -f4 | med)
  cpu=$(grep "^${key/:/ } " "$results" | cut -d' ' -f5 | med)
  printf '%-4s %-6s %12s %10s %8s\n' "${key%:*}" "${key#*:}" "$rate" "$rss" "$cpu"
done
rm -f "$results"
