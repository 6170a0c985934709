#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback for the store tests, installing Debian's
# `postgresql` package if it is missing. Prints the URL to use as TEST_DATABASE_URL.
# Usage: eval "$(.ci/postgres.sh start)"; ...; .ci/postgres.sh stop
# `start` reuses a server that is already running on $PGDATA; `stop` then `start` gives a fresh one.
set -euo pipefail
PGPORT=${PGPORT:-54329}
PGDATA=${PGDATA:-/tmp/workbook-pg}
PGUSER_NAME=workbook

find_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && echo "$dir"
}

case "${1:-start}" in
  start)
    BIN=$(find_bin || true)
    if [ -z "${BIN:-}" ] || [ ! -x "$BIN/initdb" ]; then
      echo "Installing PostgreSQL (Debian package)..." >&2
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
      BIN=$(find_bin)
    fi
    RUNAS=()
    if [ "$(id -u)" = "0" ]; then RUNAS=(runuser -u postgres --); fi
    URL="postgresql+psycopg://$PGUSER_NAME@127.0.0.1:$PGPORT/postgres"
    # Already running (another terminal, a helper's tests): reuse it; wiping it would break their run.
    if [ -f "$PGDATA/postmaster.pid" ] && "${RUNAS[@]}" "$BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
      echo "export TEST_DATABASE_URL=$URL"
      exit 0
    fi
    if [ -f "$PGDATA/postmaster.pid" ]; then "${RUNAS[@]}" "$BIN/pg_ctl" -D "$PGDATA" -m fast stop >&2 || true; fi
    rm -rf "$PGDATA"; mkdir -p "$PGDATA"
    [ "$(id -u)" = "0" ] && chown postgres:postgres "$PGDATA"
    "${RUNAS[@]}" "$BIN/initdb" -D "$PGDATA" -U "$PGUSER_NAME" --auth=trust -E UTF8 >/dev/null
    "${RUNAS[@]}" "$BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
      -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >&2
    echo "export TEST_DATABASE_URL=$URL"
    ;;
  stop)
    BIN=$(find_bin)
    RUNAS=()
    if [ "$(id -u)" = "0" ]; then RUNAS=(runuser -u postgres --); fi
    "${RUNAS[@]}" "$BIN/pg_ctl" -D "$PGDATA" -m fast stop >&2 || true
    ;;
esac
