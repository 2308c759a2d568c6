#!/usr/bin/env bash
# Makes sure Debian's chromium and chromium-driver are installed, for the browser tests of
# examples/spring-boot-login (Selenium drives them headless; Selenium Manager cannot download
# a browser here). Installs them with apt-get when either is missing (needs root and apt-get).
#
#   bash .ci/chromium.sh      prints the two paths it found or installed
set -euo pipefail

log() { echo "chromium.sh: $*" >&2; }

find_binaries() {
  local browser driver
  browser="$(command -v chromium || true)"
  driver="$(command -v chromedriver || true)"
  [ -n "$browser" ] && [ -n "$driver" ] && echo "$browser $driver"
}

if found="$(find_binaries)"; then
  echo "$found"
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  log "chromium or chromedriver is missing, and cannot be installed (needs root and apt-get): install chromium and chromium-driver"
  exit 1
fi
log "installing chromium and chromium-driver from Debian's packages"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends chromium chromium-driver >&2
found="$(find_binaries)" || { log "chromium or chromedriver still missing after the install"; exit 1; }
log "$(chromium --version 2>/dev/null || true); $(chromedriver --version 2>/dev/null || true)"
echo "$found"
