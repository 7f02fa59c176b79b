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
make_venv "$VENV"
uv pip install --quiet --python "$VENV/bin/python" -e . -r bench/requirements.txt

command -v wrk >/dev/null 2>&1 || apt_install wrk
scripts/install-chromium.sh

exec "$VENV/bin/python" bench/run.py "$@"
