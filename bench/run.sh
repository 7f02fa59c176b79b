#!/usr/bin/env bash
# toastkit's benchmark suite: ./bench/run.sh [--quick] [--only NAME[,NAME]]
#   (no flag)  the full bench (about 5 minutes); regenerates docs/benchmarks.md
#   --quick    every script with tiny counts (CI); writes bench/results/benchmarks-quick.md
#   --only     some of: inprocess, http, weight, browser, header (the report uses
#              what is in bench/results/ for the rest)
# Sets itself up: bench/.venv (newest of Python 3.13/3.12/3.11) with toastkit
# editable, gunicorn and playwright; wrk from apt when missing and root.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_bootstrap.sh

VENV=bench/.venv
if [ ! -x "$VENV/bin/python" ]; then
  PYTHON="$(find_python 3.13 || find_python 3.12 || find_python 3.11)"
  echo "==> Creating $VENV with $PYTHON"
  uv venv --quiet --python "$PYTHON" "$VENV"
fi
uv pip install --quiet --python "$VENV/bin/python" -e . -r bench/requirements.txt

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> Installing wrk"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    echo "wrk is missing: install it (apt-get install wrk)." >&2
    exit 1
  fi
fi
scripts/install-chromium.sh

exec "$VENV/bin/python" bench/run.py "$@"
