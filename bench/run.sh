#!/usr/bin/env bash
# toastkit's bench: ./bench/run.sh [--quick] [--note TEXT]
#   (no flag)  the full bench, a few minutes; rewrites docs/benchmarks.md
#   --quick    tiny counts (CI); writes bench/results/benchmarks-quick.md
#   --note     a line for the report (say, "the machine was shared")
# Sets itself up: bench/.venv (newest of Python 3.13/3.12/3.11) with toastkit
# editable and playwright; Chromium through scripts/install-chromium.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_bootstrap.sh

VENV=bench/.venv
make_venv "$VENV"
uv pip install --quiet --python "$VENV/bin/python" -e . -r bench/requirements.txt
scripts/install-chromium.sh

exec "$VENV/bin/python" bench/run.py "$@"
