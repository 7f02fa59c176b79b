#!/usr/bin/env bash
# toastkit's bench: ./bench/run.sh [--quick] [--note TEXT]
#   (no flag)  the full bench, a few minutes; rewrites docs/benchmarks.md
#   --quick    tiny counts (CI); writes bench/results/benchmarks-quick.md,
#              then bench/live.py --quick (bench/results/live-poll-quick.json)
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

"$VENV/bin/python" bench/run.py "$@"
# Live delivery (issue 20, bench/live.py): --quick runs every row with tiny
# counts; a full run only puts the "Live delivery" section, from
# bench/live/results.json, back into the docs/benchmarks.md it rewrote (its
# rows take minutes a doorbell: run bench/live.py --doorbell ... for them).
if [[ " $* " == *" --quick "* ]]; then
  exec "$VENV/bin/python" bench/live.py --quick
fi
exec "$VENV/bin/python" bench/live.py --render
