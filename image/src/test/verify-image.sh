#!/usr/bin/env bash
# Proves an image tarball works without a container engine: unpacks its layers into a directory, checks
# its configuration, and runs its entrypoint there (chroot, as the image's user, with the image's own
# runtime, loader and libraries: nothing from this machine is visible to it).
#   verify-image.sh <expected version> <image tar>[=s3|azure|gcs] ...
# Base image: --version; `quickstart` refuses (a production image carries no Kafka broker); validate.
# A variant: `validate` of a mapping file mounted at /etc/deltabridge/bridge.yaml whose table is on the
# variant's store must end in the connector's own failure (no store is reachable from here; the base
# image says to install the connector set instead).
# Needs root (chroot, mount namespace), tar, jq and util-linux's unshare. Exit 0 only if all checks pass.
set -euo pipefail

if [[ "${1:-}" != --one ]]; then
  [[ $# -ge 2 ]] || { echo "usage: verify-image.sh <expected version> <image tar>[=s3|azure|gcs] ..." >&2; exit 2; }
  version=$1
  shift
  for arg in "$@"; do
    "$0" --one "$version" "${arg%%=*}" "$([[ "$arg" == *=* ]] && echo "${arg#*=}")"
  done
  exit 0
fi
version=$2 tarball=$3 set=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root image=$work/image
mkdir -p "$root" "$image"
tar xf "$tarball" -C "$image"
echo "== $tarball${set:+ ($set variant)}"

fail() { echo "FAIL: $*" >&2; exit 1; }
blob() { echo "$image/blobs/${1/://}"; }

# OCI image layout: index.json -> manifest -> config and layers (in order, each a gzipped tar)
manifest=$(blob "$(jq -r '.manifests[0].digest' "$image/index.json")")
config=$(blob "$(jq -r '.config.digest' "$manifest")")
for layer in $(jq -r '.layers[].digest' "$manifest"); do
  tar xzf "$(blob "$layer")" -C "$root" --warning=no-unknown-keyword
done
echo "layers: $(jq '.layers | length' "$manifest"), unpacked $(du -sh "$root" | cut -f1)"

expect() { # <jq path into the config> <expected value>
  local actual
  actual=$(jq -c "$1" "$config")
  [[ "$actual" == "$2" ]] || fail "$1 is $actual, expected $2"
  echo "ok  $1 = $actual"
}
expect '.config.Entrypoint' '["/opt/java/bin/java","@/opt/deltabridge/conf/jvm.options","-XX:+ExitOnOutOfMemoryError","-cp","/opt/deltabridge/lib/*:/opt/deltabridge/plugins/*","io.deltabridge.cli.BridgeCommand"]'
expect '.config.Cmd' '["--help"]'
expect '.config.User' '"10001:10001"'
expect '.config.WorkingDir' '"/opt/deltabridge"'
expect '.config.Labels["org.opencontainers.image.version"]' "\"$version\""
expect '.config.Labels["org.opencontainers.image.title"]' '"deltabridge"'
expect '.config.Labels["org.opencontainers.image.licenses"]' '"Apache-2.0"'
expect '.architecture + "/" + .os' '"amd64/linux"'
[[ -d "$root/opt/deltabridge" ]] || fail "the working directory /opt/deltabridge is not in the image"
cmp -s "$root/opt/deltabridge/conf/jvm.options" "$(dirname "$0")/../../../cli/src/dist/conf/jvm.options" \
  || fail "/opt/deltabridge/conf/jvm.options is not the distribution's conf/jvm.options"
echo "ok  /opt/deltabridge/conf/jvm.options: the distribution's JVM options"
# lib/ as in the tarball: the bridge's own module jars and each dependency as its own jar, nothing shaded
ls "$root"/opt/deltabridge/lib/deltabridge-cli-*.jar "$root"/opt/deltabridge/lib/kafka-clients-*.jar >/dev/null \
  || fail "/opt/deltabridge/lib lacks the bridge's or Kafka's own jar: $(ls "$root"/opt/deltabridge/lib)"
[[ ! -e "$root/opt/deltabridge/lib/bridge.jar" ]] || fail "the shaded bridge.jar is in /opt/deltabridge/lib"
echo "ok  /opt/deltabridge/lib: $(ls "$root"/opt/deltabridge/lib/*.jar | wc -l) jars, the bridge's own and each dependency unshaded"
grep -q '^bridge:x:10001:10001:' "$root/etc/passwd" || fail "no user 10001 in /etc/passwd"
[[ $(stat -c %a "$root/tmp") == 777 ]] || fail "/tmp is $(stat -c %a "$root/tmp"), not 777"
if find "$root" -type f -name 'sh' -o -type f -name 'bash' | grep -q .; then fail "the image has a shell"; fi

mapfile -t entrypoint < <(jq -r '.config.Entrypoint[]' "$config")
mapfile -t env < <(jq -r '.config.Env[]' "$config")
user=$(jq -r '.config.User' "$config")
mkdir -p "$work/etc" "$root/proc" "$root/dev"

# runs the entrypoint with the given arguments in the unpacked image; prints its output, returns its exit code
run() {
  unshare --mount --fork -- "$BASH" -c '
    root=$1; shift; mount --bind /proc "$root/proc"; mount --rbind /dev "$root/dev"
    mount --bind -o ro "$0/etc" "$root/etc/deltabridge"
    exec "$@"' "$work" "$root" env -i "${env[@]}" "$(command -v chroot)" --userspec="$user" "$root" "${entrypoint[@]}" "$@" 2>&1
}

out=$(run --version) || fail "--version exited $?: $out"
grep -q "^deltabridge $version\$" <<<"$out" || fail "--version printed: $out"
echo "ok  --version: $(tr '\n' ' ' <<<"$out")"

mapping() { # <set> <table url> <store settings...>: a delta -> kafka mapping file on that store
  local set=$1 url=$2; shift 2
  { echo "name: image-check"
    echo "kafka: { bootstrap.servers: 127.0.0.1:9 }"
    echo "delta:"; printf '  %s\n' "$@"
    echo "mappings:"
    echo "  - { name: out, from: { delta: \"$url\" }, to: { kafka: t }, key: [id] }"; } >"$work/etc/bridge.yaml"
}
validate_store() { # <set> <table url> <store settings...>: validate's output (it fails: no store, no broker)
  mapping "$@"
  run validate -c /etc/deltabridge/bridge.yaml || true
}
case "$set" in
  "")
    # a production image carries no Kafka broker (nor Scala, log4j-core): the quickstart says what is missing
    out=$(run quickstart --rows 5 2>&1) && fail "quickstart ran, so the image holds a broker: $out"
    grep -q "The quickstart's Kafka broker is not installed" <<<"$out" || fail "quickstart without a broker: $out"
    echo "ok  no broker in the image: quickstart says it is not installed"
    out=$(validate_store s3 s3a://bucket/table "fs.s3a.endpoint: http://127.0.0.1:9")
    grep -q 'bridge-plugins install s3' <<<"$out" || fail "validate of an s3a:// table without the connector: $out"
    echo "ok  an s3a:// table without the s3 set: validate says to install it"
    ;;
  # each store's own failure, reached without a network: proof that its connector loaded and ran
  s3) out=$(validate_store s3 s3a://bucket/table "fs.s3a.endpoint: http://127.0.0.1:9" "fs.s3a.endpoint.region: us-east-1" \
        "fs.s3a.path.style.access: true" "fs.s3a.access.key: test" "fs.s3a.secret.key: test" "fs.s3a.attempts.maximum: 1" \
        "fs.s3a.retry.limit: 0" "fs.s3a.connection.establish.timeout: 1s")
      expected='Failed to list the files in delta log (java.net.ConnectException: Connection refused)' ;;
  azure) out=$(validate_store azure abfs://container@account.dfs.core.windows.net/table)
      expected='Invalid configuration value detected for fs.azure.account.key' ;;
  gcs) out=$(validate_store gcs gs://bucket/table "fs.gs.auth.type: SERVICE_ACCOUNT_JSON_KEYFILE" \
        "fs.gs.auth.service.account.json.keyfile: /etc/deltabridge/missing-key.json")
      expected='/etc/deltabridge/missing-key.json (No such file or directory)' ;;
  *) fail "unknown set $set" ;;
esac
if [[ -n "$set" ]]; then
  ls "$root"/opt/deltabridge/plugins/*.jar >/dev/null || fail "no jars in /opt/deltabridge/plugins"
  grep -qF "$expected" <<<"$out" || fail "validate of a table on the $set store did not reach its connector: $out"
  echo "ok  the $set connector runs: validate of a table on the store (nothing behind it) says: $expected"
fi
echo "PASS $tarball"
