#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for the pilot server's `--db postgres://` tests.
#   .ci/services/postgres.sh start   # idempotent; prints `export PIPE_TEST_POSTGRES=postgres://…`
#   .ci/services/postgres.sh stop    # fast shutdown, then removes the data directory
#   .ci/services/postgres.sh status  # exit 0 when the server accepts connections
# The server runs as the `postgres` OS user (initdb refuses root); data lives under $PG_DIR (default /tmp/pipe-pg)
# with durability switched off, since the data is disposable.
set -euo pipefail
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
D=${PG_DIR:-/tmp/pipe-pg}
PORT=${PGPORT:-55432}
OS_USER=${PG_OS_USER:-postgres}
URL="postgres://pipe@127.0.0.1:$PORT/pipe_test"

# Runs a command as the server's OS user when we are root.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$OS_USER" -- "$@"; else "$@"; fi
}

# Whether the server accepts connections.
ready() {
  "$PGBIN/pg_isready" -h 127.0.0.1 -p "$PORT" -q
}

start() {
  if ready; then echo "export PIPE_TEST_POSTGRES=$URL"; return; fi
  mkdir -p "$D"
  [ "$(id -u)" = 0 ] && chown "$OS_USER" "$D"
  chmod 700 "$D"
  if [ ! -s "$D/data/PG_VERSION" ]; then
    as_owner "$PGBIN/initdb" -D "$D/data" -U pipe --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$D/initdb.log"
  fi
  as_owner "$PGBIN/pg_ctl" -D "$D/data" -l "$D/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $D -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null
  as_owner "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U pipe pipe_test 2>/dev/null || true
  ready
  echo "export PIPE_TEST_POSTGRES=$URL"
}

stop() {
  if [ -s "$D/data/postmaster.pid" ]; then
    as_owner "$PGBIN/pg_ctl" -D "$D/data" -m fast -w stop >/dev/null || true
  fi
  rm -rf "$D"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) ready ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
