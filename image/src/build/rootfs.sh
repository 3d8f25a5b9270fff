#!/usr/bin/env bash
# Builds the image's root filesystem without a base image: a jlinked Java runtime of the build's JDK,
# the shared libraries it and the bridge's bundled native code link against (copied from this machine),
# a non-root user, CA certificates and the few files a container expects in /etc.
#   rootfs.sh <java home> <modules> <app dir> <output dir>
# <app dir>: the unpacked distribution; the native libraries inside its jars (snappy, zstd, lz4) are
# checked too, so the libraries they need are in the image.
set -euo pipefail

java_home=$1 modules=$2 app=$3 out=$4
rm -rf "$out"
mkdir -p "$out"/opt "$out"/etc "$out"/tmp "$out"/home/bridge "$out"/etc/deltabridge "$out"/opt/deltabridge/conf
# the JVM options of bin/bridge, which the entrypoint passes too
cp "$app"/conf/jvm.options "$out"/opt/deltabridge/conf/jvm.options

# java.desktop is there for java.beans; its native libraries (AWT, fonts, images, sound) would pull in
# X11, freetype, harfbuzz, glib and ALSA, and the bridge never draws, so they are left out.
"$java_home"/bin/jlink --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=2 --generate-cds-archive --exclude-files="$(printf '**/lib%s.so,' awt awt_headless awt_xawt fontmanager javajpeg jawt jsound lcms mlib_image splashscreen)" \
  --output "$out"/opt/java >/dev/null
# Debian's JDK reads the system trust store, not the one in its jmods: ship what the build JDK trusts.
cacerts=$(readlink -f "$java_home"/lib/security/cacerts)
[[ -f "$cacerts" ]] && cp "$cacerts" "$out"/opt/java/lib/security/cacerts

natives=$(mktemp -d)
trap 'rm -rf "$natives"' EXIT
for jar in "$app"/lib/*.jar "$app"/plugins/*.jar; do
  [[ -f "$jar" ]] || continue
  # (builds for musl libc, e.g. snappy's Linux-musl, are for Alpine: the image's libc is glibc)
  unzip -qq -o "$jar" '*[Ll]inux*/*amd64*/*.so' '*[Ll]inux*/*x86_64*/*.so' -x '*[Mm]usl*' -d "$natives" 2>/dev/null || true
done

# Every library the runtime's and the jars' ELF files need, at the path the loader found it here;
# libgcc_s is loaded by glibc itself when a thread exits, so it is never in ldd's list.
# Hadoop's local file system (file:// tables) sets permissions by running chmod: the image has it, nothing else.
mkdir -p "$out"/usr/bin
cp "$(command -v chmod)" "$out"/usr/bin/chmod

elves=$(find "$out"/opt/java "$out"/usr/bin "$natives" -type f \( -name '*.so' -o -path '*/bin/*' \))
# (the runtime's own libraries find each other through the JVM, not through a run path: ldd is told where)
libs=$( { for f in $elves; do LD_LIBRARY_PATH="$out/opt/java/lib:$out/opt/java/lib/server" ldd "$f" 2>/dev/null || true; done; } \
  | awk '/not found/ { print "MISSING " $1; next } $2 == "=>" && $3 ~ /^\// { print $3; next } $1 ~ /^\// { print $1 }' \
  | sort -u)
if grep -q '^MISSING' <<<"$libs"; then
  echo "Libraries not found on this machine: $(grep '^MISSING' <<<"$libs" | cut -d' ' -f2 | tr '\n' ' ')" >&2
  exit 1
fi
# (awk reads all of ldconfig's output: exiting at the first match could end ldconfig with SIGPIPE, which pipefail fails on)
libs+=$'\n'$(ldconfig -p | awk '$1 == "libgcc_s.so.1" && /x86-64/ && !found { print $NF; found = 1 }')
for lib in $libs; do
  case "$lib" in "$out"/*|"$natives"/*) continue ;; esac
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
done

cat >"$out"/etc/passwd <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
bridge:x:10001:10001:deltabridge:/home/bridge:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
PASSWD
cat >"$out"/etc/group <<'GROUP'
root:x:0:
bridge:x:10001:
nogroup:x:65534:
GROUP
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$out"/etc/nsswitch.conf
# container runtimes mount their own; this one serves a bare unpack of the image (image/src/test)
printf '127.0.0.1 localhost\n::1 localhost\n' >"$out"/etc/hosts
