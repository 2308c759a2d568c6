#!/usr/bin/env bash
# Prints the published modules as a Maven project list (-pl): the BOM and every dev.mfa4j
# artifact it manages, e.g. ":mfa-bom,:mfa-api,:mfa-core". With -am, Maven adds their parents.
set -euo pipefail
cd "$(dirname "$0")/.."
{
  echo mfa-bom
  tr -d '\n' < mfa-bom/pom.xml | grep -o '<dependency>[[:space:]]*<groupId>dev\.mfa4j</groupId>[[:space:]]*<artifactId>[^<]*' |
    sed 's|.*<artifactId>||'
} | sed 's/^/:/' | paste -sd, -
