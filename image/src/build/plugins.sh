#!/usr/bin/env bash
# Stages one storage connector set for an image variant with the distribution's own bin/bridge-plugins,
# so the image holds exactly the jars a user of the tarball installs (lib/plugin-sets.txt).
#   plugins.sh <unpacked distribution> <set> <output dir> <local Maven repository> <remote Maven repository>
# The result is <output dir>/plugins/<set>. Jars already in the local repository are copied from there,
# the others downloaded (bridge-plugins skips the ones it already has).
set -euo pipefail

dist=$1 set=$2 out=$3 local=$4 remote=$5
mkdir -p "$out"/bin "$out"/lib "$out"/plugins
cp "$dist"/bin/bridge-plugins "$out"/bin/
cp "$dist"/lib/plugin-sets.txt "$out"/lib/
BRIDGE_MAVEN_REPO=file://$local "$out"/bin/bridge-plugins install "$set" 2>/dev/null \
  || BRIDGE_MAVEN_REPO=$remote "$out"/bin/bridge-plugins install "$set"
