#!/usr/bin/env bash
# Reproducible builds: builds every published artifact a second time, from a copy of the sources
# at another path, and compares the SHA-256 of each file with the one .ci/stage-release.sh staged
# in target/staging-repo (jars, sources and javadoc jars, POMs, SBOMs; signatures differ by
# design and checksums follow the files). Any difference fails, naming the file; diffoscope on
# the two files shows what differs. Tests are skipped: this build is about bytes.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "check-reproducible: $*" >&2; }

staging="$PWD/target/staging-repo"
if [ ! -d "$staging/dev" ]; then
  log "no staged release in $staging: run .ci/stage-release.sh first"; exit 1
fi

work="$(mktemp -d -t mfa4j-repro.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/src"
# The files git tracks, as they are in the work tree, without any target/ directory.
git ls-files -z | tar --null -T - -cf - | tar -C "$work/src" -xf -

(cd "$work/src" && ./mvnw -B -q -Dmaven.test.skip=true -Dmfa.dist.skip=true -pl "$(bash .ci/published-modules.sh)" -am \
  verify deploy:deploy -DaltDeploymentRepository="repro::file://$work/repo")

# A snapshot's files are named after the time of the deploy; compare them by their SNAPSHOT name.
normalize() { sed -E 's/-[0-9]{8}\.[0-9]{6}-[0-9]+/-SNAPSHOT/'; }
index() {
  (cd "$1" && find . -type f \( -name '*.jar' -o -name '*.pom' -o -name '*-cyclonedx.json' -o -name '*-cyclonedx.xml' \) -print0 |
    while IFS= read -r -d '' f; do
      printf '%s %s\n' "$(printf '%s' "$f" | normalize)" "$(sha256sum "$f" | cut -d' ' -f1)"
    done | sort)
}
index "$staging" > "$work/first.txt"
index "$work/repo" > "$work/second.txt"

if ! diff -u "$work/first.txt" "$work/second.txt" > "$work/diff.txt"; then
  log "the two builds differ (path sha256, first build then second):"
  cat "$work/diff.txt" >&2
  exit 1
fi
log "$(wc -l < "$work/first.txt") published files are byte-identical in two builds (SHA-256):"
sed 's/^/  /' "$work/first.txt" >&2
