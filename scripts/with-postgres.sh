#!/usr/bin/env bash
# Run a command beside a throwaway PostgreSQL server:
#   ./scripts/with-postgres.sh COMMAND [ARGS...]
# - installs Debian's postgresql when no initdb is found (as root; otherwise
#   says how, and fails);
# - makes a cluster in a temporary directory (owned by the postgres user when
#   run as root: PostgreSQL refuses to run as root), trust auth, UTF-8;
# - starts it on a free port of 127.0.0.1, its socket in that directory, with
#   fsync and full-page writes off (the data is thrown away);
# - runs COMMAND with TOASTKIT_TEST_POSTGRES=postgresql://postgres@127.0.0.1:PORT/postgres;
# - stops the server and removes the directory when it ends, failures included.
# TOASTKIT_POSTGRES_BIN=DIR uses the initdb and pg_ctl in DIR. A
# TOASTKIT_TEST_POSTGRES already set is kept: COMMAND runs against that server.
set -euo pipefail
source "$(dirname "$0")/_lib.sh"

if [ -n "${TOASTKIT_TEST_POSTGRES:-}" ]; then
  exec "$@"
fi

bin="${TOASTKIT_POSTGRES_BIN:-$(postgres_bin /usr/lib/postgresql || true)}"
if [ -z "$bin" ]; then
  apt_install postgresql
  bin="$(postgres_bin /usr/lib/postgresql)" || { echo "No initdb in /usr/lib/postgresql/*/bin." >&2; exit 1; }
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/toastkit-postgres.XXXXXX")"
pg() {  # pg PROGRAM ARGS...: a PostgreSQL program, as postgres when root
  if [ "$(id -u)" = 0 ]; then
    (cd "$tmp" && runuser -u postgres -- "$bin/$1" "${@:2}")
  else
    "$bin/$1" "${@:2}"
  fi
}
stop() {
  pg pg_ctl stop --silent -D "$tmp/data" -m immediate 2>/dev/null || true
  rm -rf "$tmp"
}
trap stop EXIT
if [ "$(id -u)" = 0 ]; then chown postgres: "$tmp"; fi

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
pg initdb --pgdata="$tmp/data" --username=postgres --auth=trust --encoding=UTF8 \
  --locale=C --no-sync --no-instructions >"$tmp/initdb.log" || { cat "$tmp/initdb.log" >&2; exit 1; }
pg pg_ctl start --silent --wait -D "$tmp/data" -l "$tmp/server.log" \
  -o "-h 127.0.0.1 -p $port -k $tmp -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
  || { cat "$tmp/server.log" >&2; exit 1; }

export TOASTKIT_TEST_POSTGRES="postgresql://postgres@127.0.0.1:$port/postgres"
echo "==> PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
"$@"
