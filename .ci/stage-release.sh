#!/usr/bin/env bash
# Stages a signed release of every published artifact into target/staging-repo (a Maven
# repository on disk, as Central would receive it), then proves it:
#   - gpg --verify of every signature against its file;
#   - build-tools/CheckStagedRelease.java: sources, javadoc, SBOM, .asc, .md5, .sha1, POM fields.
#
#   .ci/stage-release.sh            sign with a throwaway key made here (what CI does)
#   MFA4J_GPG_KEY=<fingerprint> .ci/stage-release.sh   sign with that key from your keyring
#
# It builds with the release profile up to verify (which signs), then deploys with deploy:deploy
# to the file repository. The deploy phase itself is never reached, so the release profile's
# Central Portal plugin, which takes over that phase, never runs here. Tests are not run: CI runs
# them in `./mvnw -B verify` before this. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "stage-release: $*" >&2; }

staging="$PWD/target/staging-repo"
rm -rf "$staging"

if ! command -v gpg >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing gnupg from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends gnupg >&2
  else
    log "gpg is missing: install GnuPG"; exit 1
  fi
fi

throwaway_home=""
cleanup() {
  if [ -n "$throwaway_home" ]; then
    gpgconf --homedir "$throwaway_home" --kill all >/dev/null 2>&1 || true
    rm -rf "$throwaway_home"
  fi
}
trap cleanup EXIT

key="${MFA4J_GPG_KEY:-}"
if [ -z "$key" ]; then
  # A key that exists for this run only, without a passphrase, valid for a day.
  throwaway_home="$(mktemp -d -t mfa4j-gpg.XXXXXX)"
  chmod 700 "$throwaway_home"
  export GNUPGHOME="$throwaway_home"
  gpg --batch --quiet --passphrase '' --quick-generate-key 'mfa4j CI throwaway key <ci@mfa4j.invalid>' ed25519 sign 1d 2>/dev/null
  key="$(gpg --batch --list-secret-keys --with-colons | awk -F: '/^fpr/ {print $10; exit}')"
  log "signing with a throwaway key, $key"
fi

# Only what is published (the BOM and what it lists; -am adds the parents they need): examples,
# tests and benchmarks would skip deploy anyway, and building them here only costs time.
# A clean build, so that nothing an earlier build left in target/ (old javadoc pages) is staged;
# cleaned first on its own, as the root's clean would delete what the build stages under target/.
published="$(bash .ci/published-modules.sh)"
./mvnw -B -q -pl "$published" -am clean
./mvnw -B -q -Prelease -DskipTests -Dmfa.dist.skip=true -Dgpg.keyname="$key" -pl "$published" -am \
  verify deploy:deploy -DaltDeploymentRepository="staging::file://$staging" "$@"

# Every signature must be good, and made by the key used above.
signatures=0
while IFS= read -r -d '' signature; do
  status="$(gpg --batch --status-fd 1 --verify "$signature" "${signature%.asc}" 2>/dev/null)" || {
    log "BAD signature: $signature"; exit 1; }
  if ! grep -q "VALIDSIG ${key}" <<<"$status" && ! grep -q "VALIDSIG .* ${key}\$" <<<"$status"; then
    log "signature not made by $key: $signature"; exit 1
  fi
  signatures=$((signatures + 1))
done < <(find "$staging" -name '*.asc' -print0)
if [ "$signatures" = 0 ]; then
  log "no signature was staged"; exit 1
fi
log "gpg --verify: $signatures good signatures"

java build-tools/CheckStagedRelease.java "$staging" mfa-bom/pom.xml

# The check itself must fail on a miss: a copy without one signature and with a stray module.
probe="$(mktemp -d -t mfa4j-probe.XXXXXX)"
cp -r "$staging/." "$probe/"
find "$probe" -name '*-sources.jar.asc' | head -1 | xargs rm -f
mkdir -p "$probe/dev/mfa4j/mfa-examples-stray/1.0"
if java build-tools/CheckStagedRelease.java "$probe" mfa-bom/pom.xml > "$probe.log" 2>&1; then
  rm -rf "$probe" "$probe.log"; log "the check passed a staged release with a missing signature"; exit 1
fi
grep -q 'sources.jar.asc' "$probe.log" && grep -q 'mfa-examples-stray' "$probe.log" \
  || { cat "$probe.log" >&2; rm -rf "$probe" "$probe.log"; log "the check failed for the wrong reason"; exit 1; }
rm -rf "$probe" "$probe.log"
log "the check fails on a missing signature and a stray module, as it should"
