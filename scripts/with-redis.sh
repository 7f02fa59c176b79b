#!/usr/bin/env bash
# Run a command beside a throwaway Redis server:
#   ./scripts/with-redis.sh COMMAND [ARGS...]
# - installs Debian's redis-server when none is found (as root; otherwise
#   says how, and fails);
# - starts it on a free port of 127.0.0.1, in a temporary directory, with no
#   persistence (no RDB snapshot, no append-only file: the data is thrown away);
# - runs COMMAND with TOASTKIT_TEST_REDIS=redis://127.0.0.1:PORT/0;
# - stops the server and removes the directory when it ends, failures included.
# A TOASTKIT_TEST_REDIS already set is kept: COMMAND runs against that server.
# Nests with scripts/with-postgres.sh: with-postgres.sh with-redis.sh pytest ...
set -euo pipefail
source "$(dirname "$0")/_lib.sh"

if [ -n "${TOASTKIT_TEST_REDIS:-}" ]; then
  exec "$@"
fi

if ! command -v redis-server >/dev/null 2>&1; then
  apt_install redis-server
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/toastkit-redis.XXXXXX")"
pid=""
stop() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap stop EXIT

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
redis-server --bind 127.0.0.1 --port "$port" --dir "$tmp" --save "" --appendonly no \
  --daemonize no --logfile "$tmp/server.log" &
pid=$!
for _ in $(seq 100); do  # up to 10 s
  if redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$tmp/server.log" >&2; exit 1; fi
  sleep 0.1
done
redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null || { cat "$tmp/server.log" >&2; exit 1; }

export TOASTKIT_TEST_REDIS="redis://127.0.0.1:$port/0"
echo "==> Redis $(redis-server --version | awk '{print $3}' | sed 's/v=//') on 127.0.0.1:$port" >&2
"$@"
