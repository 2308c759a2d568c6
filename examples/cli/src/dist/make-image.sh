#!/usr/bin/env bash
# Lays out the mfa distribution in TARGET/mfa-VERSION (zipped afterwards by the assembly plugin):
#   runtime/   a Java runtime made by jlink with the JDK modules mfa.jar needs (jdeps), and a
#              class-data archive of the JDK's classes (--generate-cds-archive)
#   lib/       mfa.jar, the same jar `java -jar mfa.jar` runs
#   bin/mfa    the launcher (src/dist/bin/mfa), which adds an archive of mfa's own classes
#
#   make-image.sh JAVA_HOME TARGET VERSION
set -euo pipefail
java_home="$1"
target="$2"
version="$3"
here="$(cd "$(dirname "$0")" && pwd)"
image="$target/mfa-$version"

jdeps="$java_home/bin/jdeps"
jlink="$java_home/bin/jlink"
[ -x "$jlink" ] || { echo "make-image.sh: no jlink in $java_home: build with a JDK 17+" >&2; exit 1; }

# What the code references, plus what it finds only at run time: the EC and charset providers
# (TLS key exchange with Duo and the simulator, and consoles that are not UTF-8).
modules="$("$jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 "$target/mfa.jar"),jdk.crypto.ec,jdk.charsets"

rm -rf "$image"
# jlink's archive step prints harmless "resolve_indy ... NoClassDefFoundError" lines; keep the log.
"$jlink" --add-modules "$modules" --generate-cds-archive --strip-debug --no-header-files --no-man-pages \
  --output "$image/runtime" > "$target/jlink.log" 2>&1 || { cat "$target/jlink.log" >&2; exit 1; }
[ -f "$image/runtime/lib/server/classes.jsa" ] || { echo "make-image.sh: jlink made no CDS archive" >&2; exit 1; }

mkdir -p "$image/lib" "$image/bin"
cp "$target/mfa.jar" "$image/lib/mfa.jar"
sed "s/@VERSION@/$version/g" "$here/bin/mfa" > "$image/bin/mfa"
chmod 755 "$image/bin/mfa"
cp "$here/../../../../LICENSE" "$image/LICENSE"
echo "make-image.sh: $image (modules: $modules)"
