#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL server on 127.0.0.1 for the PostgreSQL tests.
#
#   eval "$(.ci/postgres.sh start [DIR])"   start a server, data in DIR (default: a new temp dir);
#                                           prints the exports the tests read, and writes them to DIR/env
#   .ci/postgres.sh stop DIR                 stop it and delete DIR
#
# Installs Debian's postgresql package when no server binaries are found (needs root and apt-get).
# PostgreSQL refuses to run as root: as root, the server runs as the postgres user (created if missing).
# MFA4J_PG_SERVER_OPTIONS, if set, is added to the server's options (benchmarks/store-load.sh preloads
# pg_stat_statements with it: "-c shared_preload_libraries=pg_stat_statements").
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }

find_bindir() {
  local dir
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dir="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"
    if [ -x "$dir/postgres" ]; then echo "$dir"; return 0; fi
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

install_postgres() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    log "no PostgreSQL server binaries found, and cannot install them (needs root and apt-get): install PostgreSQL"
    exit 1
  fi
  log "installing PostgreSQL from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  # policy-rc.d keeps the package from starting a cluster of its own; we start ours.
  local policy=/usr/sbin/policy-rc.d created_policy=""
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"; created_policy=1; fi
  apt-get install -y -qq --no-install-recommends postgresql >&2
  if [ -n "$created_policy" ]; then rm -f "$policy"; fi
}

as_server_user() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$server_user" -- "$@"
  else
    "$@"
  fi
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
  local dir="${1:-}"
  local bindir
  bindir="$(find_bindir)" || { install_postgres; bindir="$(find_bindir)"; } || { log "PostgreSQL binaries not found after install"; exit 1; }
  if [ -z "$dir" ]; then dir="$(mktemp -d -t mfa4j-pg.XXXXXX)"; else mkdir -p "$dir"; fi
  dir="$(cd "$dir" && pwd)"

  server_user="$(id -un)"
  if [ "$(id -u)" = 0 ]; then
    server_user=postgres
    id "$server_user" >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin "$server_user"
    chown "$server_user" "$dir"
    # The server user must be able to reach the directory.
    chmod 755 "$dir"
  fi

  local password db=mfa4j_test user=mfa4j
  password="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
  printf '%s\n' "$password" > "$dir/pwfile"
  chmod 600 "$dir/pwfile"
  if [ "$(id -u)" = 0 ]; then chown "$server_user" "$dir/pwfile"; fi

  as_server_user "$bindir/initdb" -D "$dir/data" -U "$user" --pwfile="$dir/pwfile" --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  rm -f "$dir/pwfile"

  local port started=""
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    port=$(( 20000 + RANDOM % 30000 ))
    port_free "$port" || continue
    # fsync off: the data is thrown away after the tests, so durability only costs time.
    if as_server_user "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${MFA4J_PG_SERVER_OPTIONS:-}" \
        start >&2; then
      started=1
      break
    fi
  done
  if [ -z "$started" ]; then
    log "the server did not start; its log:"; cat "$dir/server.log" >&2 || true; exit 1
  fi
  PGPASSWORD="$password" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U "$user" "$db"

  cat > "$dir/env" <<ENV
export MFA4J_TEST_POSTGRES_URL='jdbc:postgresql://127.0.0.1:$port/$db'
export MFA4J_TEST_POSTGRES_USER='$user'
export MFA4J_TEST_POSTGRES_PASSWORD='$password'
export MFA4J_TEST_POSTGRES_DIR='$dir'
ENV
  log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $dir (stop: .ci/postgres.sh stop $dir)"
  cat "$dir/env"
}

stop() {
  local dir="${1:?usage: postgres.sh stop DIR}"
  local bindir
  if [ -f "$dir/data/postmaster.pid" ] && bindir="$(find_bindir)"; then
    server_user="$(stat -c %U "$dir/data")"
    as_server_user "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >&2 || log "pg_ctl stop failed"
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) echo "usage: $0 start [DIR] | stop DIR" >&2; exit 2 ;;
esac
