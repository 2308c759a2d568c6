#!/usr/bin/env bash
# Runs the consumer tests: small Maven projects, not modules of the reactor, that use mfa4j the
# way a stranger does, resolving it ONLY from the staged release in target/staging-repo (made by
# .ci/stage-release.sh). They build with a local repository of their own: a copy of
# ~/.m2/repository without dev/mfa4j (third-party artifacts come from there or Maven Central), and
# afterwards every mfa4j file in it must have come from the staged repository.
#
#   1. pin-provider     a third party's provider plugin, built against mfa-api and installed
#   2. classpath-host   JUnit tests on the class path: BOM, mfa-core, Duo, JDBC store (H2), the
#                       plugin, a listener; passcode and push against the testkit's Duo simulator
#   3. modulepath-host  java --module-path: requires dev.mfa4j.core only; Duo, TOTP, the plugin and
#                       its listener bound as services; verifications against the simulator, a
#                       TOTP enrollment begun (its QR code drawn) and a bad code refused
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
here="$root/consumer-tests"
staging="$root/target/staging-repo"

log() { echo "consumer-tests: $*" >&2; }

if [ ! -d "$staging/dev/mfa4j" ]; then
  log "no staged release in $staging: run .ci/stage-release.sh first"; exit 1
fi
version="$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' "$root/mfa-bom/pom.xml" | head -1)"
work="$root/target/consumer-tests"
m2="$work/m2"
rm -rf "$work"
mkdir -p "$m2"
if [ -d "$HOME/.m2/repository" ]; then
  (cd "$HOME/.m2/repository" && tar --exclude=./dev/mfa4j -cf - .) | tar -C "$m2" -xf -
fi
rm -rf "$m2/dev/mfa4j"
log "mfa4j $version from $staging only; local repository $m2"

export MFA4J_STAGED_REPOSITORY_URL="file://$staging"
consumer_mvn() {
  "$root/mvnw" -B -s "$here/settings.xml" -Dmaven.repo.local="$m2" -Dmfa4j.version="$version" "$@"
}

log "1/3 the third party's plugin"
consumer_mvn -q -f "$here/pin-provider/pom.xml" clean install

log "2/3 the class-path host's tests"
if ! consumer_mvn -f "$here/classpath-host/pom.xml" clean verify > "$work/classpath-host.log" 2>&1; then
  cat "$work/classpath-host.log" >&2
  log "the class-path host failed"; exit 1
fi
grep -E '^\[INFO\] Tests run:' "$work/classpath-host.log" | tail -1

log "3/3 the module-path host"
host="$here/modulepath-host"
consumer_mvn -q -f "$host/pom.xml" clean package dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$host/target/modules"
java --module-path "$host/target/modules:$host/target/classes" \
  -m com.example.host.modular/com.example.host.modular.Main

# Where did mfa4j come from? Each file Maven downloaded is listed in _remote.repositories with the
# id of its repository; an install would have left maven-metadata-local.xml instead.
from_elsewhere="$( (find "$m2/dev/mfa4j" -name _remote.repositories -exec grep -hv '^#' {} + | grep -v '>staged=$') || true)"
installed="$(find "$m2/dev/mfa4j" -name 'maven-metadata-local.xml' || true)"
resolved="$(find "$m2/dev/mfa4j" -name '*.jar' | wc -l)"
if [ -n "$from_elsewhere" ] || [ -n "$installed" ] || [ "$resolved" = 0 ]; then
  log "mfa4j did not come from the staged release only:"; echo "$from_elsewhere $installed" >&2; exit 1
fi
log "all consumer tests passed; the $resolved mfa4j jars they used came from the staged release"
