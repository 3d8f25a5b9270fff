#!/usr/bin/env bash
# Runs `bridge run --once` for cron: one run at a time (flock), output appended to a log file
# with timestamps, the bridge's exit code passed on (0 ok, 1 runtime, 2 config, 3 data, 130 interrupted).
#
# Usage: bridge-once.sh /etc/deltabridge/bridge.yaml [-m MAPPING]...
# Environment:
#   BRIDGE_HOME   where bridge.jar (and plugins/) live      (default: /opt/deltabridge)
#   BRIDGE_LOG    the log file                              (default: /var/log/deltabridge/<config name>.log)
#   BRIDGE_ENV    a file of KEY=value lines with secrets, sourced before the run (chmod 600)
#   JAVA          the java binary                           (default: java)
set -euo pipefail

config=${1:?usage: $0 bridge.yaml [-m MAPPING]...}
shift
home=${BRIDGE_HOME:-/opt/deltabridge}
name=$(basename "$config" .yaml)
log=${BRIDGE_LOG:-/var/log/deltabridge/$name.log}
lock=${TMPDIR:-/tmp}/deltabridge-$name.lock
mkdir -p "$(dirname "$log")"

if [[ -n "${BRIDGE_ENV:-}" ]]; then
  set -a; source "$BRIDGE_ENV"; set +a
fi

stamp() { while IFS= read -r line; do printf '%s %s\n' "$(date -u +%FT%TZ)" "$line"; done; }

# -n: if the previous run is still going, skip this one (it will pick up where that one ends)
exec 9>"$lock"
if ! flock -n 9; then
  echo "previous run of $config still active; skipping" | stamp >> "$log"
  exit 0
fi

cds=()
[[ -f "$home/bridge.jsa" ]] && cds=(-XX:SharedArchiveFile="$home/bridge.jsa" -Xshare:auto)
set +e
"${JAVA:-java}" -XX:TieredStopAtLevel=1 "${cds[@]}" -cp "$home/bridge.jar:$home/plugins/*" \
  io.deltabridge.cli.BridgeCommand run -c "$config" "$@" --once 2>&1 | stamp >> "$log"
code=${PIPESTATUS[0]}
set -e
echo "exit $code" | stamp >> "$log"
exit "$code"
