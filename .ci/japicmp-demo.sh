#!/usr/bin/env bash
# Shows that the API gate works, since there is no earlier release to compare with yet:
#   1. builds mfa-api and mfa-core from a copy of the sources under a made-up release version
#      and installs them as the baseline, into a local repository of this script's own;
#   2. builds the current sources against that baseline with the gate on: it must pass;
#   3. makes MfaService.requiresMfa package-private in another copy (an incompatible change to an
#      exported package): the build must fail, with japicmp's message naming the method.
# Third-party artifacts are read from ~/.m2/repository (maven.repo.local.tail), never written there.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

log() { echo "japicmp-demo: $*" >&2; }

version="$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' mfa-bom/pom.xml | head -1)"
baseline="0.0.0-japicmp-baseline"
work="$(mktemp -d -t mfa4j-japicmp.XXXXXX)"
trap 'rm -rf "$work"' EXIT

copy() {   # the files git tracks, as they are in the work tree
  mkdir -p "$1"
  git ls-files -z | tar --null -T - -cf - | tar -C "$1" -xf -
}
build() {  # DIR ARGS...: mfa-api and mfa-core only, without tests, javadoc or SBOM
  local dir="$1"; shift
  (cd "$dir" && ./mvnw -B -Dmaven.repo.local="$work/m2" -Dmaven.repo.local.tail="$HOME/.m2/repository" \
    -pl mfa-api,mfa-core -am -Dmaven.test.skip=true -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
    -Dcyclonedx.skip=true "$@")
}

log "1/3 installing the current mfa-api and mfa-core as release $baseline (the baseline)"
copy "$work/baseline"
find "$work/baseline" -name pom.xml -exec sed -i "s|<version>$version</version>|<version>$baseline</version>|" {} +
build "$work/baseline" -q install

log "2/3 the current sources against the baseline, gate on: must pass"
copy "$work/same"
build "$work/same" -q verify -Djapicmp.skip=false -Dmfa4j.api.baseline="$baseline" \
  || { log "FAILED: the gate refused sources identical to the baseline"; exit 1; }

log "3/3 MfaService.requiresMfa made package-private: must fail"
copy "$work/broken"
service="$work/broken/mfa-core/src/main/java/dev/mfa4j/core/MfaService.java"
grep -q '^    public boolean requiresMfa(PrincipalId principal) {' "$service" \
  || { log "FAILED: requiresMfa is no longer where this script expects it: update the change it makes"; exit 1; }
sed -i 's|^    public boolean requiresMfa(PrincipalId principal) {|    boolean requiresMfa(PrincipalId principal) {|' "$service"
if build "$work/broken" verify -Djapicmp.skip=false -Dmfa4j.api.baseline="$baseline" > "$work/broken.log" 2>&1; then
  log "FAILED: an incompatible change passed the gate"; exit 1
fi
if ! grep -q 'japicmp' "$work/broken.log" || ! grep -q 'requiresMfa' "$work/broken.log"; then
  cat "$work/broken.log" >&2
  log "FAILED: the build failed, but not with japicmp's message about requiresMfa"; exit 1
fi
grep -E '\[ERROR\].*(japicmp|incompatib|requiresMfa)' "$work/broken.log" | head -5 | cut -c1-400 >&2
log "the gate passed the unchanged API and failed the incompatible change, as it should"
