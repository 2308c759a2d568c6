#!/usr/bin/env bash
# The distribution as a person uses it: unzip mfa-<version>.zip in a fresh directory and run
# bin/mfa, checking exit codes and output; then `java -jar mfa.jar`, which must keep working.
#
#   test-dist.sh DIST_ZIP MFA_JAR
set -euo pipefail
zip="$1"
jar="$2"

fail() { echo "test-dist: FAILED: $*" >&2; exit 1; }

if ! command -v unzip >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test-dist: installing unzip from Debian's packages" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq unzip >&2
  else
    fail "unzip is missing"
  fi
fi

work="$(mktemp -d -t mfa-dist.XXXXXX)"
trap 'rm -rf "$work"' EXIT
unzip -q "$zip" -d "$work/unzipped"
mfa="$(echo "$work"/unzipped/mfa-*/bin/mfa)"
[ -x "$mfa" ] || fail "no executable bin/mfa in $zip"
export XDG_CACHE_HOME="$work/cache"
unset MFA_CDS MFA_JAVA_OPTS
store="$work/store.json"
checks=0

# run EXPECTED_EXIT_CODE COMMAND...: runs it, output in $out and $err
run() {
  local expected="$1"; shift
  local code=0
  "$@" > "$work/out" 2> "$work/err" || code=$?
  out="$(cat "$work/out")"
  err="$(cat "$work/err")"
  if [ "$code" != "$expected" ]; then
    fail "$* exited $code, expected $expected; stdout: $out; stderr: $err"
  fi
  checks=$((checks + 1))
}
contains() { grep -qF -- "$2" <<<"$1" || fail "expected '$2' in: $1"; checks=$((checks + 1)); }
lacks() { ! grep -qF -- "$2" <<<"$1" || fail "did not expect '$2' in: $1"; checks=$((checks + 1)); }

# The first run makes the archive of the classes mfa loads; the next must be able to map it
# (-Xshare:on makes the JVM refuse to start otherwise), and it holds picocli's classes too.
run 0 "$mfa" get --store "$store"
contains "$out" "[ ]"
ls "$XDG_CACHE_HOME"/mfa4j/mfa-*.jsa > /dev/null 2>&1 || fail "the first run made no class-data archive"
MFA_JAVA_OPTS="-Xshare:on" run 0 "$mfa" get --store "$store"
MFA_JAVA_OPTS="-Xshare:on -Xlog:class+load=info" run 0 "$mfa" get --store "$store"
contains "$out" "dev.mfa4j.core.MfaService source: shared objects file"
contains "$out" "picocli.CommandLine source: shared objects file"
MFA_CDS=off run 0 "$mfa" get --store "$store"

# Management, as in the README; the secret never comes back.
cat > "$work/duo.json" <<'JSON'
{"Type": "duo", "Name": "CompanyDuo", "Options": {"Host": "api-3945ef22.duosecurity.com", "IntegrationKey": "DIWJ8X6AEYOR5OMC6TQ1", "SecretKey": "Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep"}}
JSON
run 0 "$mfa" create -f "$work/duo.json" --store "$store"
run 0 "$mfa" get --store "$store"
contains "$out" "CompanyDuo"
contains "$out" "********"
lacks "$out" "Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep"
run 0 "$mfa" assign-principal -p bob -m DU0000000000000BOB01 -c CompanyDuo --store "$store"
run 0 "$mfa" remove-principal -p bob --store "$store"
run 0 "$mfa" delete -n CompanyDuo --store "$store"
run 0 "$mfa" get --store "$store"
contains "$out" "[ ]"

# Bad input is exit code 2, with one line naming the problem.
run 2 "$mfa" create -f "$work/no-such-file.json" --store "$store"
contains "$err" "no-such-file.json"
run 2 "$mfa" get --no-such-flag --store "$store"

# Reached through a symbolic link, from another directory.
ln -s "$mfa" "$work/mfa-link"
(cd / && run 0 "$work/mfa-link" get --store "$store")

# The demo: the simulator on loopback TLS inside the runtime, logins end to end.
run 0 "$mfa" demo
contains "$out" "Approved."
contains "$out" "Denied on your device."

# The jar on its own still works.
run 0 java -jar "$jar" get --store "$store"
contains "$out" "[ ]"

echo "test-dist: $checks checks passed on $(basename "$zip") unzipped (bin/mfa) and on $(basename "$jar")"
