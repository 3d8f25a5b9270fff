#!/usr/bin/env bash
# Splits the distribution's lib/ into the image's two bridge layers: the dependencies (they change when a
# dependency does) and the bridge's own module jars, deltabridge-*.jar (they change with every build), so
# an image of a new build shares the dependency layer with the previous one and only ships the small one.
#   split-lib.sh <unpacked distribution> <dependencies dir> <bridge dir>
set -euo pipefail

dist=$1 deps=$2 own=$3
rm -rf "$deps" "$own"
mkdir -p "$deps" "$own"
for file in "$dist"/lib/*; do
  [[ -f "$file" ]] || continue
  case "$(basename "$file")" in
    deltabridge-*.jar) cp "$file" "$own"/ ;;
    *) cp "$file" "$deps"/ ;;
  esac
done
[[ -n "$(ls "$own")" ]] || { echo "no deltabridge-*.jar in $dist/lib" >&2; exit 1; }
